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

/// <summary>The reports of one real event as this view groups them: same type, same place, days at most two apart.</summary>
public sealed record EventGroup(string Key, IReadOnlyList<EventRecord> Events);

/// <summary>
/// The contradictions the interfaces show. When the store has been fused (`sitrep fuse`, or any ingest), they are the
/// fusion's own: clusters built from compatible actors, places and times, with reprints of one story counted as one
/// source, so the dashboard, the brief, the alerts and `sitrep contradictions` agree. A store that was never fused gets
/// a fallback computed on the fly over the events in range (same type and place, days at most two apart).
/// </summary>
public static class Contradictions
{
    public static IReadOnlyList<EventGroup> Group(IEnumerable<EventRecord> events, int maxGapDays = 2)
    {
        var groups = new List<EventGroup>();
        foreach (var byKey in events.GroupBy(e => e.Type + "|" + (e.Location ?? e.Country ?? "").ToUpperInvariant(), StringComparer.Ordinal))
        {
            if (byKey.Key.EndsWith('|'))
            {
                continue; // no place: nothing ties reports together
            }

            var current = new List<EventRecord>();
            DateOnly? last = null;
            foreach (var e in byKey.OrderBy(e => e.Day, StringComparer.Ordinal))
            {
                var day = ParseDay(e.Day);
                if (current.Count > 0 && (day is null || last is null || day.Value.DayNumber - last.Value.DayNumber > maxGapDays))
                {
                    groups.Add(new EventGroup(byKey.Key + "|" + current[0].Day, current));
                    current = [];
                }

                current.Add(e);
                last = day ?? last;
            }

            if (current.Count > 0)
            {
                groups.Add(new EventGroup(byKey.Key + "|" + current[0].Day, current));
            }
        }

        return groups;
    }

    public static IReadOnlyList<Contradiction> Find(ISitrepStore store, FactQuery range, int maxEvents = 20_000)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(range);
        if (FromFusion(store, range) is { } fused)
        {
            return fused;
        }

        var events = store.QueryEvents(range with { Limit = maxEvents, Offset = 0 }).Items;
        var result = new List<Contradiction>();
        foreach (var group in Group(events).Where(g => g.Events.Select(e => e.ArticleId).Distinct(StringComparer.Ordinal).Count() > 1))
        {
            var first = group.Events[0];
            var quantities = new List<(EventRecord Event, QuantityRecord Q)>();
            var claims = new List<(EventRecord Event, ClaimRecord C)>();
            foreach (var e in group.Events)
            {
                var ids = System.Text.Json.JsonSerializer.Deserialize<string[]>(e.QuantityIds) ?? [];
                if (ids.Length > 0)
                {
                    foreach (var q in store.QueryQuantities(new FactQuery { ArticleId = e.ArticleId, Limit = 500 }).Items.Where(q => ids.Contains(q.LocalId, StringComparer.Ordinal)))
                    {
                        quantities.Add((e, q));
                    }
                }

                foreach (var c in store.QueryClaims(new FactQuery { ArticleId = e.ArticleId, EventLocalId = e.LocalId, Limit = 200 }).Items)
                {
                    claims.Add((e, c));
                }
            }

            // like with like: money in one currency, rates per one period; shares and figures without a unit never contradict
            foreach (var byUnit in quantities.Where(x => Comparable(x.Q)).GroupBy(x => Sitrep.Storage.Fusion.FusionEngine.UnitKey(x.Q.Unit, x.Q.Per), StringComparer.Ordinal))
            {
                var list = byUnit.ToList();
                for (var i = 0; i < list.Count; i++)
                {
                    for (var j = i + 1; j < list.Count; j++)
                    {
                        var (a, b) = (list[i], list[j]);
                        if (a.Q.ArticleId == b.Q.ArticleId || SameOutlet(a.Q.Outlet, b.Q.Outlet) || !Disjoint(a.Q, b.Q))
                        {
                            continue;
                        }

                        result.Add(new Contradiction(
                            Id(group.Key, "estimates", a.Q.ArticleId + a.Q.LocalId, b.Q.ArticleId + b.Q.LocalId),
                            "estimates",
                            $"{Describe(a.Q)} ({a.Q.Outlet ?? "unknown outlet"}) against {Describe(b.Q)} ({b.Q.Outlet ?? "unknown outlet"}): {byUnit.Key}",
                            first.Day,
                            first.Type,
                            first.Location ?? first.Country,
                            [Side(a.Event, a.Q), Side(b.Event, b.Q)]));
                    }
                }
            }

            var denials = claims.Where(c => IsDenial(c.C.Stance)).ToList();
            var assertions = claims.Where(c => !IsDenial(c.C.Stance)).ToList();
            foreach (var d in denials)
            {
                var against = assertions.FirstOrDefault(a => !string.Equals(a.C.Source, d.C.Source, StringComparison.OrdinalIgnoreCase));
                ContradictionSide? other = against.C is not null ? Side(against.Event, against.C) : null;
                if (other is null)
                {
                    // An event reported in another report's own voice is an assertion too.
                    var voiced = group.Events.FirstOrDefault(e => e.ArticleId != d.Event.ArticleId);
                    other = voiced is null ? null : new ContradictionSide(voiced.ArticleId, voiced.ArticleTitle, voiced.Outlet, voiced.Published, voiced.Id,
                        $"{voiced.Outlet ?? "the report"} reports it", voiced.EvidenceStart, voiced.EvidenceEnd, voiced.EvidenceText);
                }

                if (other is null)
                {
                    continue;
                }

                result.Add(new Contradiction(
                    Id(group.Key, "denial", d.C.ArticleId + d.C.LocalId, other.ArticleId + other.EventId),
                    "denial",
                    $"{d.C.Source} {d.C.Verb} what {other.Outlet ?? "another source"} reports: {first.Type} at {first.Location ?? first.Country}",
                    first.Day,
                    first.Type,
                    first.Location ?? first.Country,
                    [Side(d.Event, d.C), other]));
            }
        }

        return [.. result.OrderByDescending(c => c.Day, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The fusion's stored contradictions in the range, each side with its sentence; null when the store was never fused.
    /// Resolving the sides costs a few queries per article, so the resolved list is kept per store until the next fusion
    /// run is recorded (contradictions only change when fusion runs).
    /// </summary>
    public static IReadOnlyList<Contradiction>? FromFusion(ISitrepStore store, FactQuery range)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(range);
        var run = store.LastFusionRun();
        IReadOnlyList<Contradiction>? all;
        if (run is null)
        {
            all = ResolveFusion(store);
        }
        else
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"{run.At}|{run.InputStamp}|{run.Contradictions}|{run.Clusters}");
            var cache = ResolvedCache.GetOrCreateValue(store);
            lock (cache)
            {
                if (cache.Key != key)
                {
                    cache.All = ResolveFusion(store);
                    cache.Key = key;
                }

                all = cache.All;
            }
        }

        if (all is null)
        {
            return null;
        }

        return [.. all.Where(c => InRange(c.Day, range) && (range.Types is not { Count: > 0 } types || (c.Type is not null && types.Contains(c.Type, StringComparer.OrdinalIgnoreCase))))];
    }

    private sealed class ResolvedContradictions
    {
        public string? Key;
        public IReadOnlyList<Contradiction>? All;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ISitrepStore, ResolvedContradictions> ResolvedCache = new();

    /// <summary>All of the fusion's contradictions with their sides resolved, newest first; null when the store was never fused.</summary>
    private static List<Contradiction>? ResolveFusion(ISitrepStore store)
    {
        var rows = store.ListContradictions(null, 20_000);
        if (rows.Count == 0 && store.ListClusters(new ClusterFilter { Limit = 1 }).Count == 0)
        {
            return null;
        }

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

    private static bool Disjoint(QuantityRecord a, QuantityRecord b)
    {
        if (Range(a.Point, a.Min, a.Max) is not { } x || Range(b.Point, b.Min, b.Max) is not { } y)
        {
            return false;
        }

        // Hedged points ("about 2,000") get 5% slack so rounding alone is no contradiction.
        var slack = 0.05 * Math.Max(Math.Abs(x.Hi), Math.Abs(y.Hi));
        return x.Hi + slack < y.Lo || y.Hi + slack < x.Lo;
    }

    private static bool SameOutlet(string? a, string? b) => a is not null && b is not null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static bool Comparable(QuantityRecord q) =>
        q.Unit.Length > 0 && q.Kind != "share" && q.Unit is not ("percent" or "percentage points") && !(q.Kind == "money" && q.Currency is null);

    private static bool IsDenial(string stance) => stance.StartsWith("den", StringComparison.OrdinalIgnoreCase) || stance.StartsWith("reject", StringComparison.OrdinalIgnoreCase);

    private static ContradictionSide Side(EventRecord? e, QuantityRecord q) =>
        new(q.ArticleId, q.ArticleTitle, q.Outlet, q.Published, e?.Id, $"{q.Claimant ?? q.Outlet ?? "the report"}: {q.Text}", q.EvidenceStart, q.EvidenceEnd, q.EvidenceText);

    private static ContradictionSide Side(EventRecord? e, ClaimRecord c) =>
        new(c.ArticleId, c.ArticleTitle, c.Outlet, c.Published, e?.Id, $"{c.Source} {c.Verb} ({c.Stance})", c.EvidenceStart, c.EvidenceEnd, c.EvidenceText);

    private static string Id(params string[] parts) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join("\u001f", parts))).AsSpan(0, 8));

    private static DateOnly? ParseDay(string? day) =>
        day is { Length: >= 10 } && DateOnly.TryParseExact(day[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}
