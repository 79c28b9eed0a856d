using System.Globalization;
using Sitrep.Storage;
using Sitrep.Storage.Fusion;

namespace Sitrep.Web.Analysis;

/// <summary>One source's side of a contradiction, with the sentence that proves it.</summary>
public sealed record ContradictionSide(
    string ArticleId,
    string? ArticleTitle,
    string? Outlet,
    string? Published,
    string? EventId,
    string Says,
    long EvidenceStart,
    long EvidenceEnd,
    string EvidenceText);

/// <summary>Two or more sources that cannot all be right about one event.</summary>
public sealed record Contradiction(string Id, string Kind, string Summary, string? Day, string? Type, string? Location, IReadOnlyList<ContradictionSide> Sides);

/// <summary>
/// The contradictions the interfaces show: the fusion's own (clusters built from compatible actors, places and times,
/// reprints of one story counted as one source, background mentions kept apart), so the dashboard, the brief, the
/// alerts and `sitrep contradictions` agree. There is one grouping of reports into events, fusion's: a store that was
/// never fused is fused on demand (<see cref="FusionOnDemand"/>).
/// </summary>
public static class Contradictions
{
    public static IReadOnlyList<Contradiction> Find(ISitrepStore store, FactQuery range)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(range);
        FusionOnDemand.EnsureFused(store);
        var run = store.LastFusionRun();
        var key = run is null ? "" : string.Create(CultureInfo.InvariantCulture, $"{run.At}|{run.InputStamp}|{run.Contradictions}|{run.Clusters}");
        var cache = ResolvedCache.GetOrCreateValue(store);
        IReadOnlyList<Contradiction> all;
        lock (cache)
        {
            // Resolving the sides costs a few queries per article, so the resolved list is kept per store until the
            // next fusion run is recorded (contradictions only change when fusion runs).
            if (cache.All is null || cache.Key != key)
            {
                cache.All = ResolveFusion(store);
                cache.Key = key;
            }

            all = cache.All;
        }

        return [.. all.Where(c => InRange(c.Day, range) && (range.Types is not { Count: > 0 } types || (c.Type is not null && types.Contains(c.Type, StringComparer.OrdinalIgnoreCase))))];
    }

    private sealed class ResolvedContradictions
    {
        public string? Key;
        public IReadOnlyList<Contradiction>? All;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ISitrepStore, ResolvedContradictions> ResolvedCache = new();

    /// <summary>All of the fusion's contradictions with their sides resolved, newest first.</summary>
    private static List<Contradiction> ResolveFusion(ISitrepStore store)
    {
        var rows = store.ListContradictions(null, 20_000);
        var facts = new Dictionary<string, ArticleFacts>(StringComparer.Ordinal);
        ArticleFacts Of(string articleId)
        {
            if (!facts.TryGetValue(articleId, out var f))
            {
                var q = new FactQuery { ArticleId = articleId, Limit = 5000 };
                var events = store.QueryEvents(q).Items;
                var eventOfQuantity = new Dictionary<string, EventRecord>(StringComparer.Ordinal);
                foreach (var e in events)
                {
                    foreach (var id in System.Text.Json.JsonSerializer.Deserialize<string[]>(e.QuantityIds) ?? [])
                    {
                        eventOfQuantity.TryAdd(id, e);
                    }
                }

                f = new ArticleFacts(events, store.QueryQuantities(q).Items, store.QueryClaims(q).Items, eventOfQuantity);
                facts[articleId] = f;
            }

            return f;
        }

        var result = new List<Contradiction>();
        foreach (var row in rows)
        {
            var a = Of(row.AArticle).Side(row.ALocalId);
            var b = Of(row.BArticle).Side(row.BLocalId);
            if (a is null || b is null)
            {
                continue; // an article re-analysed since the last fusion: its facts have new ids
            }

            var anchor = a.Value.Event ?? b.Value.Event;
            var day = anchor?.Day ?? a.Value.Side.Published;

            var kind = row.Kind == "estimate" ? "estimates" : row.Kind;
            result.Add(new Contradiction(row.Id, kind, row.Detail, day, anchor?.Type, anchor?.Location ?? anchor?.Country, [a.Value.Side, b.Value.Side]));
        }

        return [.. result.OrderByDescending(c => c.Day, StringComparer.Ordinal)];
    }

    private static bool InRange(string? day, FactQuery range)
    {
        if (range.From is null && range.To is null)
        {
            return true;
        }

        return ParseDay(day) is { } d && (range.From is null || d >= range.From) && (range.To is null || d <= range.To);
    }

    /// <summary>The stored facts of one article, to find a contradiction side's sentence by its local id.</summary>
    private sealed record ArticleFacts(
        IReadOnlyList<EventRecord> Events, IReadOnlyList<QuantityRecord> Quantities, IReadOnlyList<ClaimRecord> Claims, Dictionary<string, EventRecord> EventOfQuantity)
    {
        public (ContradictionSide Side, EventRecord? Event)? Side(string localId)
        {
            if (Quantities.FirstOrDefault(q => q.LocalId == localId) is { } q)
            {
                var e = EventOfQuantity.GetValueOrDefault(localId);
                return (Contradictions.Side(e, q), e);
            }

            if (Claims.FirstOrDefault(c => c.LocalId == localId) is { } c)
            {
                var e = Events.FirstOrDefault(e => e.LocalId == c.EventLocalId);
                return (Contradictions.Side(e, c), e);
            }

            if (Events.FirstOrDefault(e => e.LocalId == localId) is { } ev)
            {
                return (new ContradictionSide(ev.ArticleId, ev.ArticleTitle, ev.Outlet, ev.Published, ev.Id, $"{ev.Outlet ?? "the report"} reports it", ev.EvidenceStart, ev.EvidenceEnd, ev.EvidenceText), ev);
            }

            return null;
        }
    }

    public static (double Lo, double Hi)? Range(double? point, double? min, double? max)
    {
        var lo = min ?? point ?? max;
        var hi = max ?? point ?? min;
        return lo is null || hi is null ? null : (Math.Min(lo.Value, hi.Value), Math.Max(lo.Value, hi.Value));
    }

    public static string Describe(QuantityRecord q) => q.Qualifier is { Length: > 0 } h ? $"{h} {Number(q.Point ?? q.Max ?? q.Min)}" :
        Range(q.Point, q.Min, q.Max) is { } r && r.Lo != r.Hi ? $"{Number(r.Lo)}–{Number(r.Hi)}" : Number(q.Point ?? q.Min ?? q.Max);

    public static string Number(double? v) => v is null ? "?" : v.Value.ToString("#,0.##", CultureInfo.InvariantCulture);

    private static ContradictionSide Side(EventRecord? e, QuantityRecord q) =>
        new(q.ArticleId, q.ArticleTitle, q.Outlet, q.Published, e?.Id, $"{q.Claimant ?? q.Outlet ?? "the report"}: {q.Text}", q.EvidenceStart, q.EvidenceEnd, q.EvidenceText);

    private static ContradictionSide Side(EventRecord? e, ClaimRecord c) =>
        new(c.ArticleId, c.ArticleTitle, c.Outlet, c.Published, e?.Id, $"{c.Source} {c.Verb} ({c.Stance})", c.EvidenceStart, c.EvidenceEnd, c.EvidenceText);

    private static DateOnly? ParseDay(string? day) =>
        day is { Length: >= 10 } && DateOnly.TryParseExact(day[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}
