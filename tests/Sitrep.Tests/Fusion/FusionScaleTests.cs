using System.Globalization;
using Sitrep.Storage.Fusion;
using Xunit;

namespace Sitrep.Tests.Fusion;

/// <summary>
/// Fusion's work grows about linearly with the reports: it is measured by counting comparisons, never by time, on
/// synthetic inputs where an all-pairs algorithm would make millions of them.
/// </summary>
public class FusionScaleTests
{
    private static readonly DateOnly Day0 = new(2024, 8, 1);

    /// <summary>
    /// N articles from N/3 sources over 30 days, each with one strike event in one of five towns carrying one estimate
    /// of the same unit and owner and, for every tenth, a denial; values spread so that many intervals do not overlap.
    /// </summary>
    private static FusionInput Synthetic(int n, int seed = 7)
    {
        var random = new Random(seed);
        var events = new List<FusionEvent>();
        var claims = new List<FusionClaim>();
        var quantities = new List<FusionQuantity>();
        string[] towns = ["Town A", "Town B", "Town C", "Town D", "Town E"];
        string[] qualifiers = ["", "about", "over", "up to", "nearly"];
        for (var i = 0; i < n; i++)
        {
            var article = "a" + i.ToString("D6", CultureInfo.InvariantCulture);
            var group = "g" + (i % Math.Max(1, n / 3)).ToString(CultureInfo.InvariantCulture);
            var published = Day0.AddDays(random.Next(30)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var town = random.Next(towns.Length);
            events.Add(new FusionEvent
            {
                ArticleId = article, LocalId = "e1", Group = group, Published = published, Outlet = "outlet " + group,
                Type = "ASSAULT", Actor = random.Next(4) == 0 ? null : "Russia", Location = towns[town],
                Lat = 48 + town, Lon = 37, Precision = "point", Country = "UA", EvidenceText = "strike", QuantityIds = "[\"q1\"]",
            });
            claims.Add(new FusionClaim
            {
                ArticleId = article, LocalId = "c1", Group = group, EventLocalId = "e1", Source = "source " + group,
                Verb = i % 10 == 0 ? "denied" : "said", Stance = i % 10 == 0 ? "denies" : "asserts", EvidenceText = "claim",
            });
            var value = 100 * (1 + random.Next(50));
            quantities.Add(new FusionQuantity
            {
                ArticleId = article, LocalId = "q1", Group = group, Published = random.Next(50) == 0 ? null : published,
                Outlet = "outlet " + group, Text = value.ToString(CultureInfo.InvariantCulture) + " troops", Unit = "personnel",
                Point = value, Qualifier = qualifiers[random.Next(qualifiers.Length)], Owner = "Russia", EvidenceText = "quantity",
            });
        }

        return new FusionInput(events, claims, quantities, n);
    }

    private static (string, string) OrderedPair(string a, string b) => string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a);

    private static bool SameMoment(string? a, string? b) =>
        a is null || b is null ? a is null && b is null
        : Math.Abs(DateOnly.Parse(a, CultureInfo.InvariantCulture).DayNumber - DateOnly.Parse(b, CultureInfo.InvariantCulture).DayNumber) <= FusionEngine.EstimateWindowDays;

    private static bool Disjoint(EstimateRow a, EstimateRow b) =>
        a.Low!.Value > (b.High ?? double.PositiveInfinity) || b.Low!.Value > (a.High ?? double.PositiveInfinity);

    [Fact]
    public void Fusing_twenty_thousand_estimates_of_one_quantity_makes_a_number_of_comparisons_linear_in_the_reports()
    {
        const int n = 20_000;
        var result = FusionEngine.Fuse(Synthetic(n));

        Assert.Equal(n, result.Estimates.Count);
        Assert.Equal(5, result.Estimates.Select(e => e.QuantityKey).Distinct().Count());
        Assert.All(result.Estimates, e => Assert.NotNull(e.ClusterId));

        // All pairs would be 2e8; each estimate looks at the two extremes of at most 7 days.
        Assert.InRange(result.EstimateComparisons, 1, 7L * n);
        Assert.InRange(result.Contradictions.Count(c => c.Kind == "estimate"), 1, 2 * n);

        // Five towns, one month: clusters only meet the events of a few days, not every earlier one.
        Assert.InRange(result.ClusterComparisons, 1, 200L * n);
        Assert.InRange(result.DenialComparisons, 1, 20L * n);
        Assert.InRange(result.Contradictions.Count(c => c.Kind == "denial"), 1, n / 10);
        Assert.Equal(n, result.Members.Count);
    }

    [Fact]
    public void Every_reported_estimate_contradiction_is_real_and_every_source_in_conflict_is_named()
    {
        var input = Synthetic(600, seed: 11);
        var result = FusionEngine.Fuse(input);
        var byId = result.Estimates.ToDictionary(e => (e.ArticleId, e.LocalId));
        var reported = result.Contradictions.Where(c => c.Kind == "estimate").ToList();
        Assert.NotEmpty(reported);

        foreach (var c in reported)
        {
            var a = byId[(c.AArticle, c.ALocalId)];
            var b = byId[(c.BArticle, c.BLocalId)];
            Assert.NotEqual(a.ReprintGroup, b.ReprintGroup);
            Assert.Equal(a.ClusterId, b.ClusterId);
            Assert.True(SameMoment(a.Published, b.Published), $"{a.Published} and {b.Published} are not one moment");
            Assert.True(Disjoint(a, b), c.Detail);
        }

        var pairs = reported.Select(c => (byId[(c.AArticle, c.ALocalId)].ReprintGroup, byId[(c.BArticle, c.BLocalId)].ReprintGroup)).ToList();
        // At most one contradiction per pair of sources about one event (cluster).
        var clusterPairs = reported.Select(c => (byId[(c.AArticle, c.ALocalId)].ClusterId, Pair: OrderedPair(byId[(c.AArticle, c.ALocalId)].ReprintGroup, byId[(c.BArticle, c.BLocalId)].ReprintGroup))).ToList();
        Assert.Equal(clusterPairs.Count, clusterPairs.Distinct().Count());

        // Brute force: every source with an estimate that conflicts with an independent one about the same event (one
        // cluster) is in some contradiction.
        var named = pairs.SelectMany(p => new[] { p.Item1, p.Item2 }).ToHashSet(StringComparer.Ordinal);
        var items = result.Estimates.Where(e => e.Low is not null).ToList();
        var inConflict = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            for (var j = i + 1; j < items.Count; j++)
            {
                if (items[i].ClusterId == items[j].ClusterId && items[i].ReprintGroup != items[j].ReprintGroup && SameMoment(items[i].Published, items[j].Published) && Disjoint(items[i], items[j]))
                {
                    inConflict.Add(items[i].ReprintGroup);
                    inConflict.Add(items[j].ReprintGroup);
                }
            }
        }

        Assert.NotEmpty(inConflict);
        Assert.Subset(named, inConflict);
        Assert.Subset(inConflict, named);
    }

    [Fact]
    public void Fusing_the_same_input_twice_gives_the_same_result()
    {
        var first = FusionEngine.Fuse(Synthetic(2_000, seed: 3));
        var second = FusionEngine.Fuse(Synthetic(2_000, seed: 3));
        Assert.Equal(first.Clusters.Select(c => c.Id), second.Clusters.Select(c => c.Id));
        Assert.Equal(first.Contradictions.Select(c => c.Id), second.Contradictions.Select(c => c.Id));
    }
}
