using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Sitrep.Storage.Fusion;

/// <summary>
/// Fusion across documents, independent of the database: groups reports of one real event into clusters (same
/// type, compatible actors, places compatible at their precision, overlapping times), lines up estimates of one
/// quantity from different sources, and raises contradictions between independent sources (reprint groups).
/// Background mentions (earlier, known acts: <see cref="FusionEvent.Background"/>) are clustered apart from news of new
/// events, so they never count as corroboration, and raise no contradictions.
/// Deterministic: the same input gives the same clusters with the same ids.
/// </summary>
public static class FusionEngine
{
    /// <summary>Days before the published date that an event without its own time may have happened.</summary>
    public const int UndatedEventDays = 2;

    /// <summary>Estimates published this many days apart or less are about the same moment.</summary>
    public const int EstimateWindowDays = 3;

    public static FusionResult Fuse(FusionInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var work = new Work();
        var claimsByEvent = input.Claims
            .Where(c => c.EventLocalId is not null)
            .GroupBy(c => (c.ArticleId, c.EventLocalId!))
            .ToDictionary(g => g.Key, g => g.ToList());

        var (clusters, members, eventCluster) = Cluster(input.Events, claimsByEvent, work);
        var contradictions = new List<ContradictionRow>();
        contradictions.AddRange(Denials(input.Events, eventCluster, claimsByEvent, work));
        var estimates = Estimates(input, eventCluster, claimsByEvent);
        var background = clusters.Where(c => c.Background).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        contradictions.AddRange(EstimateConflicts(estimates.Where(e => e.ClusterId is null || !background.Contains(e.ClusterId)).ToList(), work));
        return new FusionResult(clusters, members, estimates, contradictions)
        {
            ClusterComparisons = work.Clusters,
            EstimateComparisons = work.Estimates,
            DenialComparisons = work.Denials,
        };
    }

    /// <summary>Counts of the elementary comparisons one fusion made (its cost model, checked by tests).</summary>
    private sealed class Work
    {
        public long Clusters;
        public long Estimates;
        public long Denials;
    }

    /// <summary>The interval of values a hedged quantity allows; High null means unbounded.</summary>
    public static (double? Low, double? High) Interval(double? point, double? min, double? max, string? qualifier)
    {
        var q = (qualifier ?? "").Trim().ToLowerInvariant();
        if (min is not null || max is not null)
        {
            var lo = min ?? (q is "nearly" or "almost" or "close to" or "just under" && max is { } m ? 0.9 * m : 0);
            return (lo, max);
        }

        if (point is { } p)
        {
            return q switch
            {
                "" or "exactly" or "precisely" => (p, p),
                "about" or "around" or "approximately" or "roughly" or "some" or "estimated" or "an estimated" or "circa" or "reportedly" => (0.9 * p, 1.1 * p),
                "nearly" or "almost" or "close to" or "just under" => (0.9 * p, p),
                "over" or "more than" or "above" or "upwards of" or "at least" or "just over" or "in excess of" or "no fewer than" or "no less than" => (p, null),
                "up to" or "as many as" or "at most" or "fewer than" or "less than" or "under" or "no more than" => (0, p),
                _ => (p, p),
            };
        }

        return q switch
        {
            "dozens" => (24, 99),
            "scores" => (40, 199),
            "hundreds" => (100, 999),
            "thousands" => (1000, 9999),
            "tens of thousands" => (10_000, 99_999),
            "hundreds of thousands" => (100_000, 999_999),
            "millions" => (1_000_000, 9_999_999),
            _ => (null, null),
        };
    }

    /// <summary>Great-circle distance in kilometres.</summary>
    public static double HaversineKm(double lat1, double lon1, double lat2, double lon2)
    {
        const double R = 6371.0;
        var dLat = (lat2 - lat1) * Math.PI / 180;
        var dLon = (lon2 - lon1) * Math.PI / 180;
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) +
                Math.Cos(lat1 * Math.PI / 180) * Math.Cos(lat2 * Math.PI / 180) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * R * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    private sealed class Building
    {
        public required string Id { get; init; }

        public required FusionEvent First { get; init; }

        public List<FusionEvent> Events { get; } = [];

        public string? Mode { get; set; }

        public string? Actor { get; set; }

        public string? Target { get; set; }

        public string? Location { get; set; }

        public double? Lat { get; set; }

        public double? Lon { get; set; }

        public string? Precision { get; set; }

        public string? Country { get; set; }

        public DateOnly? Start { get; set; }

        public DateOnly? End { get; set; }
    }

    private static (List<ClusterRow>, List<ClusterMember>, Dictionary<(string, string), string>) Cluster(
        IReadOnlyList<FusionEvent> events, Dictionary<(string, string), List<FusionClaim>> claimsByEvent, Work work)
    {
        var clusters = new List<ClusterRow>();
        var members = new List<ClusterMember>();
        var eventCluster = new Dictionary<(string, string), string>();
        // Background mentions of earlier acts cluster only with each other: a report that recalls an old attack does not
        // corroborate a new one.
        foreach (var byType in events.GroupBy(e => (Type: e.Type.ToUpperInvariant(), e.Background)).OrderBy(g => g.Key.Type, StringComparer.Ordinal).ThenBy(g => g.Key.Background))
        {
            var ordered = byType
                .Select(e => (Event: e, Window: Window(e)))
                .OrderBy(x => x.Window.Start ?? DateOnly.MaxValue)
                .ThenBy(x => x.Event.Published ?? "", StringComparer.Ordinal)
                .ThenBy(x => x.Event.ArticleId, StringComparer.Ordinal)
                .ThenBy(x => x.Event.LocalId, StringComparer.Ordinal)
                .ToList();
            // Events come in order of their window's start, and a cluster's window only narrows, so a cluster whose end
            // (plus the day of slack) lies before the current event's start can never take another dated event: the
            // sweep drops it from the open list. Undated events (no time, no published date) join nothing (see Compatible)
            // and start clusters of their own.
            var all = new List<Building>();
            var open = new List<Building>();
            foreach (var (e, w) in ordered)
            {
                Building? best = null;
                var bestScore = -1;
                IReadOnlyList<Building> candidates = open;
                if (w.Start is { } es)
                {
                    open.RemoveAll(c => c.End is { } ce && es > ce.AddDays(1));
                }
                else
                {
                    candidates = [];
                }

                foreach (var c in candidates)
                {
                    work.Clusters++;
                    if (!Compatible(c, e, w, out var score))
                    {
                        continue;
                    }

                    if (score > bestScore)
                    {
                        best = c;
                        bestScore = score;
                    }
                }

                if (best is null)
                {
                    best = new Building { Id = ClusterId(e), First = e, Start = w.Start, End = w.End };
                    all.Add(best);
                    open.Add(best);
                }
                else
                {
                    // The cluster's window narrows to what all its reports allow, when they agree.
                    if (w.Start is { } s && w.End is { } en)
                    {
                        var ns = best.Start is { } bs && bs > s ? bs : s;
                        var ne = best.End is { } be && be < en ? be : en;
                        if (ns <= ne)
                        {
                            best.Start = ns;
                            best.End = ne;
                        }
                    }
                }

                Absorb(best, e);
            }

            foreach (var c in all)
            {
                var groups = c.Events.Select(x => x.Group).Distinct(StringComparer.Ordinal).Count();
                var published = c.Events.Select(x => x.Published).Where(p => p is not null).Order(StringComparer.Ordinal).ToList();
                var first = c.Events.OrderBy(x => x.Published ?? "9999", StringComparer.Ordinal).ThenBy(x => x.ArticleId, StringComparer.Ordinal).First();
                clusters.Add(new ClusterRow
                {
                    Id = c.Id,
                    Type = byType.Key.Type,
                    Background = byType.Key.Background,
                    FirstSource = first.Outlet,
                    Mode = c.Mode,
                    Actor = c.Actor,
                    Target = c.Target,
                    Location = c.Location,
                    Lat = c.Lat,
                    Lon = c.Lon,
                    Precision = c.Precision,
                    Country = c.Country,
                    TimeStart = Day(c.Start),
                    TimeEnd = Day(c.End),
                    Reports = c.Events.Select(x => x.ArticleId).Distinct(StringComparer.Ordinal).Count(),
                    Sources = groups,
                    Claims = c.Events.Sum(x => claimsByEvent.TryGetValue((x.ArticleId, x.LocalId), out var cl) ? cl.Count : 0),
                    FirstPublished = published.FirstOrDefault(),
                    LastPublished = published.LastOrDefault(),
                });
                foreach (var x in c.Events)
                {
                    members.Add(new ClusterMember(c.Id, x.ArticleId, x.LocalId, x.Group));
                    eventCluster[(x.ArticleId, x.LocalId)] = c.Id;
                }
            }
        }

        return (clusters, members, eventCluster);
    }

    private static void Absorb(Building c, FusionEvent e)
    {
        c.Events.Add(e);
        c.Mode ??= e.Mode;
        c.Actor ??= e.Actor;
        c.Target ??= e.Target;
        c.Country ??= e.Country;
        if (e.Location is not null && (c.Location is null || Rank(e.Precision) < Rank(c.Precision)))
        {
            c.Location = e.Location;
            c.Lat = e.Lat;
            c.Lon = e.Lon;
            c.Precision = e.Precision;
            c.Country = e.Country ?? c.Country;
        }
    }

    private static bool Compatible(Building c, FusionEvent e, (DateOnly? Start, DateOnly? End) w, out int score)
    {
        score = 0;
        if (!Same(c.Mode, e.Mode, ref score) || !Same(c.Actor, e.Actor, ref score) || !Same(c.Target, e.Target, ref score))
        {
            return false;
        }

        if (c.Start is not { } cs || c.End is not { } ce || w.Start is not { } es || w.End is not { } ee)
        {
            // No time at all (an undated report whose text names none): nothing shows it is the same occurrence.
            return false;
        }

        // One day of slack: reports written across midnight or in other time zones.
        if (es > ce.AddDays(1) || ee < cs.AddDays(-1))
        {
            return false;
        }

        score++;

        if (!PlacesCompatible(c, e, ref score))
        {
            return false;
        }

        // Type, actor and day alone do not make one event: "Russia attacked" twice on one day in two reports may be
        // two attacks. Reports merge only when they also share a place finer than a country, or name the same target.
        var placeAnchor = c.Location is not null && e.Location is not null && Math.Max(Rank(c.Precision), Rank(e.Precision)) <= Rank("adm1");
        var targetAnchor = c.Target is not null && e.Target is not null;
        return placeAnchor || targetAnchor;
    }

    private static bool Same(string? a, string? b, ref int score)
    {
        if (a is null || b is null)
        {
            return true;
        }

        if (string.Equals(a, b, StringComparison.OrdinalIgnoreCase))
        {
            score += 2;
            return true;
        }

        return false;
    }

    private static bool PlacesCompatible(Building c, FusionEvent e, ref int score)
    {
        if (c.Location is null || e.Location is null)
        {
            return true;
        }

        if (c.Country is not null && e.Country is not null && !string.Equals(c.Country, e.Country, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (string.Equals(c.Location, e.Location, StringComparison.OrdinalIgnoreCase))
        {
            score += 3;
            return true;
        }

        if (c.Lat is { } la && c.Lon is { } lo && e.Lat is { } lb && e.Lon is { } lob)
        {
            var coarser = Math.Max(Rank(c.Precision), Rank(e.Precision));
            var tolerance = coarser switch
            {
                0 => 30.0,
                1 => 80.0,
                2 => 300.0,
                3 => 1500.0,
                _ => double.MaxValue,
            };
            if (HaversineKm(la, lo, lb, lob) > tolerance)
            {
                return false;
            }

            score += 1;
            return true;
        }

        // Without coordinates, names must agree or one must contain the other ("Kharkiv" and "Kharkiv Oblast").
        return c.Location.Contains(e.Location, StringComparison.OrdinalIgnoreCase) || e.Location.Contains(c.Location, StringComparison.OrdinalIgnoreCase);
    }

    private static int Rank(string? precision) => precision?.ToLowerInvariant() switch
    {
        "point" => 0,
        "adm2" => 1,
        "adm1" => 2,
        "country" => 3,
        "region" => 4,
        _ => 5,
    };

    private static (DateOnly? Start, DateOnly? End) Window(FusionEvent e)
    {
        var start = ParseDay(e.TimeStart);
        var end = ParseDay(e.TimeEnd) ?? start;
        if (start is not null)
        {
            return (start, end);
        }

        if (ParseDay(e.Published) is { } p)
        {
            return (p.AddDays(-UndatedEventDays), p);
        }

        return (null, null);
    }

    private static IEnumerable<ContradictionRow> Denials(
        IReadOnlyList<FusionEvent> events, Dictionary<(string, string), string> eventCluster,
        Dictionary<(string, string), List<FusionClaim>> claimsByEvent, Work work)
    {
        var byCluster = events.Where(e => eventCluster.ContainsKey((e.ArticleId, e.LocalId)))
            .GroupBy(e => eventCluster[(e.ArticleId, e.LocalId)]);
        foreach (var group in byCluster.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            // One contradiction per denying source (reprint group) and cluster: its first denial against the first
            // assertion from another group, the number of other asserting groups in the detail. Work and output are
            // linear in the claims of the cluster.
            if (group.Any(e => e.Background))
            {
                continue; // background mentions of an earlier act: nothing new to contradict
            }

            var denials = new List<(FusionClaim Claim, FusionEvent Event)>();
            var deniers = new HashSet<string>(StringComparer.Ordinal);
            var assertions = new List<(string Source, string LocalId, string Text, FusionEvent Event)>();
            var asserters = new HashSet<string>(StringComparer.Ordinal);
            foreach (var e in group)
            {
                var claims = claimsByEvent.TryGetValue((e.ArticleId, e.LocalId), out var cl) ? cl : [];
                if (claims.Count == 0 && asserters.Add(e.Group))
                {
                    // Reported in the article's own voice: the outlet asserts it.
                    assertions.Add((e.Outlet ?? "the report", e.LocalId, e.EvidenceText, e));
                }

                foreach (var c in claims)
                {
                    work.Denials++;
                    if (IsDenial(c.Stance))
                    {
                        if (deniers.Add(e.Group))
                        {
                            denials.Add((c, e));
                        }
                    }
                    else if (c.Stance is "asserts" or "confirms" or "estimates" && asserters.Add(e.Group))
                    {
                        assertions.Add((c.Source, c.LocalId, c.EvidenceText, e));
                    }
                }
            }

            foreach (var d in denials)
            {
                // Against the first independent source that asserts the same act; the others are counted, not listed.
                var index = assertions.FindIndex(a => a.Event.Group != d.Event.Group && SameAct(a.Event, d.Event));
                work.Denials += index < 0 ? assertions.Count : index + 1;
                if (index < 0)
                {
                    continue;
                }

                var a = assertions[index];
                var others = assertions.Count - 1 - (asserters.Contains(d.Event.Group) ? 1 : 0);
                yield return new ContradictionRow
                {
                    Id = ContradictionId("denial", d.Event.ArticleId, d.Claim.LocalId, a.Event.ArticleId, a.LocalId),
                    Kind = "denial",
                    Subject = group.Key,
                    AArticle = a.Event.ArticleId,
                    ALocalId = a.LocalId,
                    ASource = a.Source,
                    AText = a.Text,
                    BArticle = d.Event.ArticleId,
                    BLocalId = d.Claim.LocalId,
                    BSource = d.Claim.Source,
                    BText = d.Claim.EvidenceText,
                    Detail = others > 0
                        ? $"{d.Claim.Source} {d.Claim.Verb} what {a.Source} asserts (and {others} other independent {(others == 1 ? "source" : "sources")})"
                        : $"{d.Claim.Source} {d.Claim.Verb} what {a.Source} asserts",
                };
            }
        }
    }

    private static bool IsDenial(string stance) => stance is "denies" or "rejects" or "refutes";

    /// <summary>
    /// Whether two reports in one cluster tell the same act, strictly enough for one to contradict the other: clusters
    /// tolerate a role or a place that one report leaves out, a contradiction does not. Both name the actor (the same
    /// one), a target named on both sides is the same, and both name the place (type, time and the places' agreement are
    /// the cluster's). "Ukraine demands X" and "Ukraine rejected the demand" with no place are not one act.
    /// </summary>
    public static bool SameAct(FusionEvent a, FusionEvent b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Actor is null || b.Actor is null || !string.Equals(a.Actor, b.Actor, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (a.Target is not null && b.Target is not null && !string.Equals(a.Target, b.Target, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return a.Location is not null && b.Location is not null;
    }

    private static List<EstimateRow> Estimates(FusionInput input, Dictionary<(string, string), string> eventCluster, Dictionary<(string, string), List<FusionClaim>> claimsByEvent)
    {
        // The event a quantity belongs to gives it its place and its claimant.
        var eventOf = new Dictionary<(string, string), FusionEvent>();
        foreach (var e in input.Events)
        {
            foreach (var q in ParseIds(e.QuantityIds))
            {
                eventOf.TryAdd((e.ArticleId, q), e);
            }
        }

        var list = new List<EstimateRow>();
        foreach (var q in input.Quantities)
        {
            eventOf.TryGetValue((q.ArticleId, q.LocalId), out var ev);
            var place = ev?.Location;
            string? claimant = null;
            string? clusterId = null;
            if (ev is not null)
            {
                eventCluster.TryGetValue((ev.ArticleId, ev.LocalId), out clusterId);
                if (claimsByEvent.TryGetValue((ev.ArticleId, ev.LocalId), out var cl) && cl.Count > 0)
                {
                    claimant = cl[0].Source;
                }
            }

            var (low, high) = Interval(q.Point, q.Min, q.Max, q.Qualifier);
            list.Add(new EstimateRow
            {
                ArticleId = q.ArticleId,
                LocalId = q.LocalId,
                QuantityKey = Key(UnitKey(q.Unit, q.Per), q.Owner, place),
                Unit = q.Unit,
                Owner = q.Owner,
                Place = place,
                ClusterId = clusterId,
                Text = q.Text,
                Point = q.Point,
                Min = q.Min,
                Max = q.Max,
                Low = low,
                High = high,
                Qualifier = q.Qualifier,
                Claimant = claimant ?? q.Outlet ?? "the report",
                Published = q.Published,
                ReprintGroup = q.Group,
                EvidenceText = q.EvidenceText,
                Kind = q.Kind,
                Currency = q.Currency,
                Per = q.Per,
            });
        }

        return [.. list.OrderBy(e => e.QuantityKey, StringComparer.Ordinal).ThenBy(e => e.Published ?? "", StringComparer.Ordinal).ThenBy(e => e.ArticleId, StringComparer.Ordinal).ThenBy(e => e.LocalId, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The unit part of an estimate's key: like is compared with like. Money is in its currency (the unit of an amount is
    /// its currency code), shares are shares (unit percent), and a rate is its unit per its period ("drones per day"),
    /// never the same quantity as a count of drones.
    /// </summary>
    public static string UnitKey(string unit, string? per) => per is null ? unit : $"{unit} per {per}";

    /// <summary>
    /// Whether an estimate can contradict another: shares never contradict (90% of one thing and 12% of another), nor
    /// amounts of money whose currency the text does not give, nor figures without a unit.
    /// </summary>
    public static bool Comparable(EstimateRow e) =>
        e.Unit.Length > 0 && e.Kind != "share" && !string.Equals(e.Unit, "percent", StringComparison.OrdinalIgnoreCase)
        && !string.Equals(e.Unit, "percentage points", StringComparison.OrdinalIgnoreCase) && !(e.Kind == "money" && e.Currency is null);

    public static string Key(string unit, string? owner, string? place) =>
        $"{unit.Trim().ToLowerInvariant()}|{owner?.Trim().ToLowerInvariant()}|{place?.Trim().ToLowerInvariant()}";

    /// <summary>
    /// Contradictions between estimates of one quantity (one unit and owner in one event cluster): intervals from independent sources (reprint groups),
    /// published within <see cref="EstimateWindowDays"/> of each other, that do not overlap. Instead of comparing all
    /// pairs, each day keeps its two extreme estimates from distinct sources on each side (lowest upper bound, highest
    /// lower bound); every estimate is checked against the extremes of the days in its window, and one that lies wholly
    /// above (or below) an independent estimate is reported once against the most extreme one, at most one
    /// contradiction per pair of sources and key. Work and output are linear in the number of estimates.
    /// </summary>
    private static IEnumerable<ContradictionRow> EstimateConflicts(List<EstimateRow> estimates, Work work)
    {
        // Two numbers contradict only when they count the same thing at the same occurrence: estimates of one unit and
        // owner attached to events of one cluster. Estimates tied to no event, and shares ("90%" of one thing and "12%"
        // of another), are listed side by side but never raised as contradictions.
        foreach (var key in estimates
            .Where(e => e.Low is not null && e.ClusterId is not null && Comparable(e))
            .GroupBy(e => $"{e.ClusterId}|{UnitKey(e.Unit, e.Per).Trim().ToLowerInvariant()}|{e.Owner?.Trim().ToLowerInvariant()}"))
        {
            var items = key.ToList();
            var days = new int?[items.Count];
            var summaries = new Dictionary<int, DayExtremes>();
            DayExtremes? undated = null;
            for (var i = 0; i < items.Count; i++)
            {
                DayExtremes? summary;
                if (ParseDay(items[i].Published) is { } d)
                {
                    days[i] = d.DayNumber;
                    if (!summaries.TryGetValue(d.DayNumber, out summary))
                    {
                        summaries[d.DayNumber] = summary = new DayExtremes();
                    }
                }
                else if (items[i].Published is null)
                {
                    summary = undated ??= new DayExtremes();
                }
                else
                {
                    continue; // an unreadable date is no moment: compared with nothing
                }

                summary.Add(items, i);
            }

            var seen = new HashSet<(string, string)>();
            for (var i = 0; i < items.Count; i++)
            {
                var b = items[i];
                if (days[i] is null && b.Published is not null)
                {
                    continue;
                }

                var lowest = -1;
                var highest = -1;
                var from = days[i] is { } day ? day - EstimateWindowDays : 0;
                var to = days[i] is { } day2 ? day2 + EstimateWindowDays : 0;
                for (var d = from; d <= to; d++)
                {
                    var summary = days[i] is null ? undated : summaries.GetValueOrDefault(d);
                    if (summary is null)
                    {
                        continue;
                    }

                    work.Estimates++;
                    var low = summary.LowestHigh(items, b.ReprintGroup);
                    if (low >= 0 && (lowest < 0 || HighOf(items[low]) < HighOf(items[lowest]) || (HighOf(items[low]) == HighOf(items[lowest]) && low < lowest)))
                    {
                        lowest = low;
                    }

                    var high = summary.HighestLow(items, b.ReprintGroup);
                    if (high >= 0 && (highest < 0 || items[high].Low > items[highest].Low || (items[high].Low == items[highest].Low && high < highest)))
                    {
                        highest = high;
                    }
                }

                foreach (var j in new[] { lowest, highest })
                {
                    if (j < 0 || Overlap(items[j], b))
                    {
                        continue;
                    }

                    var (x, y) = j < i ? (items[j], b) : (b, items[j]);
                    var pair = string.CompareOrdinal(x.ReprintGroup, y.ReprintGroup) < 0 ? (x.ReprintGroup, y.ReprintGroup) : (y.ReprintGroup, x.ReprintGroup);
                    if (!seen.Add(pair))
                    {
                        continue;
                    }

                    yield return new ContradictionRow
                    {
                        Id = ContradictionId("estimate", x.ArticleId, x.LocalId, y.ArticleId, y.LocalId),
                        Kind = "estimate",
                        Subject = x.QuantityKey,
                        AArticle = x.ArticleId,
                        ALocalId = x.LocalId,
                        ASource = x.Claimant,
                        AText = x.Text,
                        BArticle = y.ArticleId,
                        BLocalId = y.LocalId,
                        BSource = y.Claimant,
                        BText = y.Text,
                        Detail = $"\"{x.Text}\" ({Range(x)}) and \"{y.Text}\" ({Range(y)}) do not overlap",
                    };
                }
            }
        }
    }

    private static double HighOf(EstimateRow e) => e.High ?? double.PositiveInfinity;

    /// <summary>
    /// The extreme estimates of one day of one key: the two lowest upper bounds and the two highest lower bounds, each
    /// pair from two different reprint groups, so that the extreme from a group other than any given one is at hand.
    /// Ties go to the earlier estimate.
    /// </summary>
    private sealed class DayExtremes
    {
        private int _low1 = -1;
        private int _low2 = -1;
        private int _high1 = -1;
        private int _high2 = -1;

        public void Add(List<EstimateRow> items, int i)
        {
            bool LowerHigh(int a, int b) => b < 0 || HighOf(items[a]) < HighOf(items[b]);
            bool HigherLow(int a, int b) => b < 0 || items[a].Low > items[b].Low;
            Insert(items, i, ref _low1, ref _low2, LowerHigh);
            Insert(items, i, ref _high1, ref _high2, HigherLow);
        }

        public int LowestHigh(List<EstimateRow> items, string excludeGroup) => Pick(items, _low1, _low2, excludeGroup);

        public int HighestLow(List<EstimateRow> items, string excludeGroup) => Pick(items, _high1, _high2, excludeGroup);

        private static int Pick(List<EstimateRow> items, int first, int second, string excludeGroup) =>
            first >= 0 && items[first].ReprintGroup != excludeGroup ? first
            : second >= 0 && items[second].ReprintGroup != excludeGroup ? second
            : -1;

        // Items arrive in order, so strict comparisons keep the earlier one on ties.
        private static void Insert(List<EstimateRow> items, int i, ref int first, ref int second, Func<int, int, bool> better)
        {
            var group = items[i].ReprintGroup;
            if (better(i, first))
            {
                if (first >= 0 && items[first].ReprintGroup != group)
                {
                    second = first;
                }

                first = i;
            }
            else if (items[first].ReprintGroup != group && better(i, second))
            {
                second = i;
            }
        }
    }

    private static bool Overlap(EstimateRow a, EstimateRow b)
    {
        var aHigh = a.High ?? double.PositiveInfinity;
        var bHigh = b.High ?? double.PositiveInfinity;
        return a.Low!.Value <= bHigh && b.Low!.Value <= aHigh;
    }

    private static bool SameMoment(string? a, string? b)
    {
        if (ParseDay(a) is not { } da || ParseDay(b) is not { } db)
        {
            return a is null && b is null;
        }

        return Math.Abs(da.DayNumber - db.DayNumber) <= EstimateWindowDays;
    }

    public static string Range(EstimateRow e) =>
        e.High is null ? $"{Num(e.Low)}..∞" : e.Low == e.High ? Num(e.Low) : $"{Num(e.Low)}..{Num(e.High)}";

    private static string Num(double? v) => v is null ? "?" : v.Value.ToString("#,0.##", CultureInfo.InvariantCulture);

    private static IEnumerable<string> ParseIds(string json)
    {
        if (string.IsNullOrEmpty(json) || json == "[]")
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<List<string>>(json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string ClusterId(FusionEvent e) => "c" + Hash($"{e.ArticleId}/{e.LocalId}")[..12];

    private static string ContradictionId(string kind, string a1, string l1, string a2, string l2) => "x" + Hash($"{kind}/{a1}/{l1}/{a2}/{l2}")[..12];

    private static string Hash(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)));

    private static DateOnly? ParseDay(string? s) =>
        s is not null && s.Length >= 10 && DateOnly.TryParseExact(s[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static string? Day(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
