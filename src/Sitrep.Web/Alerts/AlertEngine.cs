using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Sitrep.Storage;
using Sitrep.Web.Analysis;

namespace Sitrep.Web.Alerts;

/// <summary>What one alert run did.</summary>
public sealed record AlertRun(IReadOnlyList<Alert> Raised, IReadOnlyList<string> Problems);

/// <summary>
/// Matches what was stored after a mark (an analysis id taken before an ingest) against the watchlists: new events,
/// estimates and contradictions. Each alert goes to the console, the JSONL log and the watchlist's webhook, once.
/// </summary>
public sealed class AlertEngine(ISitrepStore store, AlertLog log, string dashboardUrl = "http://127.0.0.1:5080/")
{
    public Func<Watchlist, IReadOnlyList<Alert>, CancellationToken, Task>? WebhookSender { get; init; }

    public IReadOnlyList<Alert> Match(IReadOnlyList<Watchlist> watchlists, long afterAnalysisId)
    {
        ArgumentNullException.ThrowIfNull(watchlists);
        var now = DateTimeOffset.UtcNow;
        var newEvents = store.QueryEvents(new FactQuery { AfterAnalysisId = afterAnalysisId, Limit = 100_000, CountCap = 1 }).Items;
        var byId = newEvents.ToDictionary(e => e.Id, StringComparer.Ordinal);
        var alerts = new List<Alert>();
        foreach (var w in watchlists)
        {
            if (w.Unit is not null)
            {
                foreach (var q in store.QueryQuantities(new FactQuery { AfterAnalysisId = afterAnalysisId, Unit = w.Unit, Limit = 100_000, CountCap = 1 }).Items)
                {
                    var hi = Contradictions.Range(q.Point, q.Min, q.Max)?.Hi;
                    var e = q.EventLocalId is null ? null : byId.GetValueOrDefault(q.ArticleId + "/" + q.EventLocalId);
                    if ((w.Min is { } min && (hi is null || hi < min))
                        || (w.Actor is not null && !Same(q.Owner, w.Actor) && (e is null || !ActorMatches(e, w.Actor)))
                        || ((w.Type is not null || w.Near is not null) && (e is null || !EventMatches(e, w with { Actor = null }))))
                    {
                        continue;
                    }

                    alerts.Add(Make(w, now, "estimate", $"{Contradictions.Describe(q)} {q.Unit} ({q.Claimant ?? q.Outlet ?? "unknown source"}): \"{q.Text}\"",
                        q.ArticleId, q.ArticleTitle, q.Outlet, q.Published, e?.Id, q.EvidenceStart, q.EvidenceEnd, q.EvidenceText, q.ArticleId + "/q/" + q.LocalId));
                }
            }
            else
            {
                foreach (var e in newEvents.Where(e => EventMatches(e, w)))
                {
                    alerts.Add(Make(w, now, "event", $"{e.Type} {e.Mode} {e.Actor ?? "?"} → {e.Target ?? "-"} @ {e.Location ?? "?"} ({e.Day})",
                        e.ArticleId, e.ArticleTitle, e.Outlet, e.Published, e.Id, e.EvidenceStart, e.EvidenceEnd, e.EvidenceText, e.Id));
                }
            }
        }

        // New contradictions: those with a side in what was just stored.
        var days = newEvents.Where(e => e.Day is { Length: >= 10 }).Select(e => DateOnly.ParseExact(e.Day![..10], "yyyy-MM-dd")).ToList();
        if (days.Count > 0 && watchlists.Count > 0)
        {
            var contradictions = Contradictions.Find(store, new FactQuery { From = days.Min().AddDays(-3), To = days.Max().AddDays(3) });
            foreach (var c in contradictions.Where(c => c.Sides.Any(s => s.EventId is not null && byId.ContainsKey(s.EventId))))
            {
                var sideEvents = c.Sides.Select(s => s.EventId is null ? null : byId.GetValueOrDefault(s.EventId)).OfType<EventRecord>().ToList();
                var first = c.Sides[0];
                foreach (var w in watchlists.Where(w => w.Unit is null || c.Kind == "estimates"))
                {
                    if (!sideEvents.Any(e => EventMatches(e, w)))
                    {
                        continue;
                    }

                    alerts.Add(Make(w, now, "contradiction", c.Summary, first.ArticleId, first.ArticleTitle, first.Outlet, first.Published, first.EventId,
                        first.EvidenceStart, first.EvidenceEnd, first.EvidenceText, "contradiction/" + c.Id));
                }
            }
        }

        return alerts;
    }

    /// <summary>Matches, drops alerts already in the log, then writes each to the console, the log and the webhooks.</summary>
    public async Task<AlertRun> RunAsync(IReadOnlyList<Watchlist> watchlists, long afterAnalysisId, TextWriter console, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(console);
        var seen = log.Read(int.MaxValue).Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var fresh = Match(watchlists, afterAnalysisId).Where(a => seen.Add(a.Id)).ToList();
        var problems = new List<string>();
        if (fresh.Count == 0)
        {
            return new AlertRun(fresh, problems);
        }

        log.Append(fresh);
        foreach (var a in fresh)
        {
            console.WriteLine($"alert [{a.Watchlist}] {a.Kind}: {a.Summary} — {a.Outlet ?? "unknown outlet"} {a.Published} {a.Link}");
        }

        foreach (var w in watchlists.Where(w => w.Webhook is not null))
        {
            var mine = fresh.Where(a => a.Watchlist == w.Name).ToList();
            if (mine.Count == 0)
            {
                continue;
            }

            try
            {
                await (WebhookSender ?? PostAsync)(w, mine, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
            {
                var line = $"cannot deliver {mine.Count} alerts of '{w.Name}' to its webhook: {e.Message}";
                problems.Add(line);
                console.WriteLine("sitrep: " + line);
            }
        }

        return new AlertRun(fresh, problems);
    }

    private static async Task PostAsync(Watchlist w, IReadOnlyList<Alert> alerts, CancellationToken ct)
    {
        if (WebhookGuard.CheckUrl(w.Webhook!, w.AllowPrivateWebhook) is { } why)
        {
            throw new InvalidOperationException(why);
        }

        using var client = WebhookGuard.CreateClient(w.AllowPrivateWebhook, TimeSpan.FromSeconds(10));
        using var response = await client.PostAsJsonAsync(w.Webhook, new { watchlist = w.Name, alerts }, AlertLog.Json, ct).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    public static bool EventMatches(EventRecord e, Watchlist w)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(w);
        if (w.Type is not null && !string.Equals(e.Type, w.Type, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (w.Actor is not null && !ActorMatches(e, w.Actor))
        {
            return false;
        }

        if (w.NearLat is { } lat && w.NearLon is { } lon)
        {
            // Country-level events have no meaningful distance: "near" never matches them.
            if (e.Lat is null || e.Lon is null || e.Precision is "country" or "region" or "unknown" or null)
            {
                return false;
            }

            return DistanceKm(lat, lon, e.Lat.Value, e.Lon.Value) <= (w.RadiusKm ?? 50);
        }

        return true;
    }

    public static double DistanceKm(double lat1, double lon1, double lat2, double lon2)
    {
        static double Rad(double d) => d * Math.PI / 180;
        var dLat = Rad(lat2 - lat1);
        var dLon = Rad(lon2 - lon1);
        var a = Math.Pow(Math.Sin(dLat / 2), 2) + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Pow(Math.Sin(dLon / 2), 2);
        return 6371.0 * 2 * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    private static bool ActorMatches(EventRecord e, string actor) => Same(e.Actor, actor) || Same(e.Target, actor);

    private static bool Same(string? a, string b) => a is not null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private Alert Make(Watchlist w, DateTimeOffset now, string kind, string summary, string articleId, string? title, string? outlet, string? published, string? eventId,
        long start, long end, string evidence, string factKey)
    {
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(w.Name + "\u001f" + kind + "\u001f" + factKey)).AsSpan(0, 10));
        var link = dashboardUrl + (eventId is null ? "#article/" + Uri.EscapeDataString(articleId) : "#event/" + eventId);
        return new Alert(id, now, w.Name, kind, summary, articleId, title, outlet, published, eventId, start, end, evidence, link);
    }
}
