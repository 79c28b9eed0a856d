using System.Globalization;
using Sitrep.Storage;

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
/// Groups events across reports and finds contradictions in them: estimates of one unit whose ranges do not overlap,
/// and a denial against an assertion. The fusion stage stores its own clusters; until a store carries them this is
/// the view's fallback, computed on the fly over the events in range.
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

            foreach (var byUnit in quantities.GroupBy(x => x.Q.Unit, StringComparer.Ordinal))
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

    private static bool IsDenial(string stance) => stance.StartsWith("den", StringComparison.OrdinalIgnoreCase) || stance.StartsWith("reject", StringComparison.OrdinalIgnoreCase);

    private static ContradictionSide Side(EventRecord e, QuantityRecord q) =>
        new(q.ArticleId, q.ArticleTitle, q.Outlet, q.Published, e.Id, $"{q.Claimant ?? q.Outlet ?? "the report"}: {q.Text}", q.EvidenceStart, q.EvidenceEnd, q.EvidenceText);

    private static ContradictionSide Side(EventRecord e, ClaimRecord c) =>
        new(c.ArticleId, c.ArticleTitle, c.Outlet, c.Published, e.Id, $"{c.Source} {c.Verb} ({c.Stance})", c.EvidenceStart, c.EvidenceEnd, c.EvidenceText);

    private static string Id(params string[] parts) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join("\u001f", parts))).AsSpan(0, 8));

    private static DateOnly? ParseDay(string? day) =>
        day is { Length: >= 10 } && DateOnly.TryParseExact(day[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}
