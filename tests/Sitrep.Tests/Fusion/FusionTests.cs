using Sitrep.Core;
using Sitrep.Storage;
using Sitrep.Storage.Fusion;
using Sitrep.Tests.Ingest;
using Xunit;
using static Sitrep.Tests.Fusion.FusionTestData;

namespace Sitrep.Tests.Fusion;

public class FusionTests
{
    private static readonly DateOnly Monday = new(2024, 8, 12);
    private static readonly DateOnly Sunday = new(2024, 8, 11);

    /// <summary>
    /// Three reports of one drone strike (the wire story, its reprint, an independent report that quotes a denial),
    /// a strike on another city the same night, and an aid delivery in the same town.
    /// </summary>
    public static List<Document> StrikeReports()
    {
        var wire = Doc(DepotStory, "Wire Agency", Monday);
        var pokrovsk = AddPlace(wire, "Pokrovsk", 48.282, 37.176, PlacePrecision.Point);
        var e = AddEvent(wire, "ASSAULT", "drone strike", "Russia", "Ukraine", pokrovsk, "A swarm of attack drones struck a fuel depot", Sunday);
        AddClaim(wire, e, "regional military administration", "said", "asserts", "the head of the regional military administration said");
        AddQuantity(wire, e, "eleven of the drones", "drones", 11, null, null, null, "Russia");

        var reprint = Doc(Reprint(DepotStory, "Fuel depot burns after night drone attack"), "Border Daily", Monday);
        var p2 = AddPlace(reprint, "Pokrovsk", 48.282, 37.176, PlacePrecision.Point);
        var e2 = AddEvent(reprint, "ASSAULT", "drone strike", "Russia", "Ukraine", p2, "A swarm of attack drones struck a fuel depot", Sunday);
        AddClaim(reprint, e2, "regional military administration", "said", "asserts", "the regional governor said");

        var independentText =
            "Moscow denies attacking Pokrovsk depot\n\n" +
            "Russia's defence ministry denied on Monday that its forces had attacked a fuel depot near Pokrovsk, calling the reports of a drone strike on the town a fabrication. " +
            "Local residents posted videos of a large fire on the outskirts overnight.";
        var independent = Doc(independentText, "Evening Post", Monday);
        var p3 = AddPlace(independent, "Pokrovsk", 48.29, 37.17, PlacePrecision.Point);
        var e3 = AddEvent(independent, "ASSAULT", "drone strike", "Russia", null, p3, "reports of a drone strike on the town");
        AddClaim(independent, e3, "Russian Ministry of Defence", "denied", "denies", "Russia's defence ministry denied on Monday that its forces had attacked a fuel depot near Pokrovsk");

        var kharkivText = "Drones strike Kharkiv overnight\n\nAttack drones hit an industrial site in Kharkiv overnight into Monday, the mayor said.";
        var kharkiv = Doc(kharkivText, "Wire Agency", Monday);
        var pk = AddPlace(kharkiv, "Kharkiv", 49.993, 36.231, PlacePrecision.Point);
        AddEvent(kharkiv, "ASSAULT", "drone strike", "Russia", "Ukraine", pk, "Attack drones hit an industrial site in Kharkiv", Sunday);

        var aidText = "Aid convoy reaches Pokrovsk\n\nA convoy of twelve trucks delivered food and medicine to Pokrovsk on Monday, a charity said.";
        var aid = Doc(aidText, "Charity News", Monday);
        var pa = AddPlace(aid, "Pokrovsk", 48.282, 37.176, PlacePrecision.Point);
        AddEvent(aid, "AID", "humanitarian aid", "charity", "Ukraine", pa, "A convoy of twelve trucks delivered food and medicine to Pokrovsk", Monday);
        return [wire, reprint, independent, kharkiv, aid];
    }

    /// <summary>Three sources on North Korean troops in one oblast: over 11,000, thousands, and about 10,000.</summary>
    public static List<Document> TroopReports()
    {
        Document Report(string outlet, DateOnly day, string text, string phrase, double? point, double? min, string? qualifier, string claimant, string verb)
        {
            var doc = Doc(text, outlet, day);
            var oblast = AddPlace(doc, "Kursk Oblast", 51.5, 36.0, PlacePrecision.Adm1, "RU");
            var e = AddEvent(doc, "MOBILIZE", "troop deployment", "North Korea", null, oblast, phrase);
            AddClaim(doc, e, claimant, verb, "asserts", text[(text.IndexOf("\n\n", StringComparison.Ordinal) + 2)..]);
            AddQuantity(doc, e, phrase, "personnel", point, min, null, qualifier, "North Korea");
            return doc;
        }

        return
        [
            Report("Kyiv Desk", new DateOnly(2024, 11, 5), "Troops in the oblast\n\nUkrainian intelligence said over 11,000 soldiers from North Korea are now in the oblast.", "over 11,000 soldiers", null, 11000, "over", "Ukrainian intelligence", "said"),
            Report("Capital Times", new DateOnly(2024, 11, 6), "Troops arrive\n\nThe Pentagon said thousands of North Korean troops had arrived in the oblast.", "thousands of North Korean troops", null, null, "thousands", "Pentagon", "said"),
            Report("Analysis Weekly", new DateOnly(2024, 11, 6), "Estimate\n\nAnalysts estimate about 10,000 North Korean soldiers in the oblast.", "about 10,000 North Korean soldiers", 10000, null, "about", "analysts", "estimate"),
        ];
    }

    private static SqliteStore Store(TempDir dir, IEnumerable<Document> docs)
    {
        var store = SqliteStore.Open(dir.Db);
        foreach (var d in docs)
        {
            store.Save(d, "test-1", d.Outlet);
        }

        Fuser.Run(store);
        return store;
    }

    [Fact]
    public void Reports_of_one_event_form_one_cluster_that_counts_independent_sources_not_articles()
    {
        using var dir = new TempDir();
        using var store = Store(dir, StrikeReports());
        var assaults = store.ListClusters(new ClusterFilter { Type = "ASSAULT" });
        Assert.Equal(2, assaults.Count);
        var depot = Assert.Single(assaults, c => c.Location == "Pokrovsk");
        Assert.Equal(3, depot.Reports);
        Assert.Equal(2, depot.Sources);
        Assert.Equal(3, depot.Claims);
        Assert.Equal("drone strike", depot.Mode);
        Assert.Equal("2024-08-11", depot.TimeStart);
        Assert.Single(assaults, c => c.Location == "Kharkiv" && c.Sources == 1);
        var claims = store.ClusterClaims(depot.Id);
        Assert.Equal(3, claims.Count);
        Assert.Contains(claims, c => c.Stance == "denies" && c.Source == "Russian Ministry of Defence");
        Assert.Single(store.ListClusters(new ClusterFilter { Type = "AID" }));
    }

    [Fact]
    public void A_denial_against_an_assertion_from_another_source_is_a_contradiction_but_reprints_do_not_repeat_it()
    {
        using var dir = new TempDir();
        using var store = Store(dir, StrikeReports());
        var denial = Assert.Single(store.ListContradictions("denial"));
        Assert.Equal("Russian Ministry of Defence", denial.BSource);
        Assert.Equal("regional military administration", denial.ASource);
        var depot = store.ListClusters(new ClusterFilter { Type = "ASSAULT" }).Single(c => c.Location == "Pokrovsk");
        Assert.Equal(depot.Id, denial.Subject);
    }

    [Fact]
    public void Estimates_of_one_quantity_are_kept_side_by_side_and_non_overlapping_ones_contradict()
    {
        using var dir = new TempDir();
        using var store = Store(dir, TroopReports());
        var estimates = store.ListEstimates("personnel", "Kursk Oblast", null);
        Assert.Equal(3, estimates.Count);
        Assert.Equal(["2024-11-05", "2024-11-06", "2024-11-06"], estimates.Select(e => e.Published!).ToArray());
        Assert.Contains(estimates, e => e.Claimant == "Pentagon" && e.Low == 1000 && e.High == 9999);
        Assert.Contains(estimates, e => e.Claimant == "Ukrainian intelligence" && e.Low == 11000 && e.High is null);
        var conflict = Assert.Single(store.ListContradictions("estimate"));
        Assert.Contains("over 11,000 soldiers", conflict.AText + conflict.BText, StringComparison.Ordinal);
        Assert.Contains("thousands of North Korean troops", conflict.AText + conflict.BText, StringComparison.Ordinal);
        var cluster = Assert.Single(store.ListClusters(new ClusterFilter { Type = "MOBILIZE" }));
        Assert.Equal(3, cluster.Sources);
    }

    [Fact]
    public void Estimates_compare_like_with_like_rates_shares_and_money_by_currency()
    {
        // one deployment told by five independent sources with figures that never measure the same thing
        Document Report(string outlet, string body, string phrase, string unit, double value, QuantityKind kind = QuantityKind.Count, string? per = null, string? currency = null)
        {
            var text = "Troops in the oblast\n\n" + body;
            var doc = Doc(text, outlet, new DateOnly(2024, 11, 6));
            var oblast = AddPlace(doc, "Kursk Oblast", 51.5, 36.0, PlacePrecision.Adm1, "RU");
            var e = AddEvent(doc, "MOBILIZE", "troop deployment", "North Korea", null, oblast, phrase);
            AddClaim(doc, e, outlet + " sources", "said", "asserts", body);
            var q = AddQuantity(doc, e, phrase, unit, value, null, null, null, "North Korea");
            (q.Kind, q.Per, q.Currency) = (kind, per, currency);
            return doc;
        }

        var docs = new List<Document>
        {
            Report("Kyiv Desk", "Officials said 11,000 soldiers are in the oblast.", "11,000 soldiers", "personnel", 11000),
            Report("Capital Times", "Officials said about 1,500 soldiers a month arrive in the oblast.", "1,500 soldiers a month", "personnel", 1500, per: "month"),
            Report("Analysis Weekly", "Analysts said 90 percent of the troops in the oblast are infantry.", "90 percent", "percent", 90, QuantityKind.Share),
            Report("Evening Post", "Analysts said 12 percent of the troops in the oblast are officers.", "12 percent", "percent", 12, QuantityKind.Share),
            Report("Border Daily", "The deployment in the oblast cost $5 million, officials said.", "$5 million", "usd", 5_000_000, QuantityKind.Money, currency: "USD"),
            Report("Morning Star", "The deployment in the oblast cost €500 million, officials said.", "€500 million", "eur", 500_000_000, QuantityKind.Money, currency: "EUR"),
        };
        using var dir = new TempDir();
        using var store = Store(dir, docs);
        Assert.Single(store.ListClusters(new ClusterFilter { Type = "MOBILIZE" }));
        var estimates = store.ListEstimates(null, "Kursk Oblast", null);
        Assert.Equal(6, estimates.Count);
        Assert.Contains(estimates, e => e.QuantityKey.StartsWith("personnel per month|", StringComparison.Ordinal) && e.Per == "month");
        Assert.Contains(estimates, e => e.QuantityKey.StartsWith("personnel|", StringComparison.Ordinal) && e.Per is null);
        Assert.Contains(estimates, e => e.Unit == "usd" && e.Currency == "USD" && e.Kind == "money");
        Assert.Empty(store.ListContradictions("estimate"));

        // the same figures in one currency, as counts, or per the same period do contradict
        using var dir2 = new TempDir();
        using var store2 = Store(dir2, [docs[0], Report("Capital Times", "Officials said 1,500 soldiers are in the oblast.", "1,500 soldiers", "personnel", 1500)]);
        Assert.Single(store2.ListContradictions("estimate"));
    }

    [Fact]
    public void Estimates_that_disagree_within_one_reprint_group_are_not_a_contradiction_between_sources()
    {
        var text = "Troops in the oblast\n\nOfficials said over 11,000 soldiers from North Korea, thousands of them newly arrived, are in the oblast.";
        var a = Doc(text, "Kyiv Desk", new DateOnly(2024, 11, 5));
        var b = Doc(text + "\n", "Copy Site", new DateOnly(2024, 11, 5));
        AddQuantity(a, null, "over 11,000 soldiers", "personnel", null, 11000, null, "over", "North Korea");
        AddQuantity(b, null, "thousands of them", "personnel", null, null, null, "thousands", "North Korea");
        using var dir = new TempDir();
        using var store = Store(dir, [a, b]);
        Assert.Equal(store.ReprintGroupOf(a.Id), store.ReprintGroupOf(b.Id));
        Assert.Equal(2, store.ListEstimates("personnel", null, "North Korea").Count);
        Assert.Empty(store.ListContradictions());
    }

    [Fact]
    public void Fusing_again_gives_the_same_clusters_with_the_same_ids()
    {
        using var dir = new TempDir();
        using var store = Store(dir, StrikeReports().Concat(TroopReports()));
        var before = store.ListClusters(new ClusterFilter()).Select(c => (c.Id, c.Reports, c.Sources)).Order().ToList();
        var contradictions = store.ListContradictions().Select(c => c.Id).Order().ToList();
        Fuser.Run(store);
        Assert.Equal(before, store.ListClusters(new ClusterFilter()).Select(c => (c.Id, c.Reports, c.Sources)).Order().ToList());
        Assert.Equal(contradictions, store.ListContradictions().Select(c => c.Id).Order().ToList());
    }

    [Fact]
    public void Events_near_a_place_are_found_by_the_stored_coordinates_and_a_haversine_radius()
    {
        using var dir = new TempDir();
        using var store = Store(dir, StrikeReports());
        var place = store.ResolvePlace("pokrovsk");
        Assert.NotNull(place);
        var near = store.ListClusters(new ClusterFilter { NearLat = place.Value.Lat, NearLon = place.Value.Lon, RadiusKm = 100 });
        Assert.Equal(2, near.Count);
        Assert.DoesNotContain(near, c => c.Location == "Kharkiv");
        var wide = store.ListClusters(new ClusterFilter { NearLat = place.Value.Lat, NearLon = place.Value.Lon, RadiusKm = 300, Type = "ASSAULT" });
        Assert.Equal(2, wide.Count);
        Assert.Empty(store.ListClusters(new ClusterFilter { Since = new DateOnly(2024, 9, 1) }));
    }

    [Theory]
    [InlineData(null, 11000.0, null, "over", 11000.0, null)]
    [InlineData(null, null, null, "thousands", 1000.0, 9999.0)]
    [InlineData(50000.0, null, null, "nearly", 45000.0, 50000.0)]
    [InlineData(null, null, 50000.0, "nearly", 45000.0, 50000.0)]
    [InlineData(2000.0, null, null, "about", 1800.0, 2200.0)]
    [InlineData(300.0, null, null, "up to", 0.0, 300.0)]
    [InlineData(12.0, null, null, null, 12.0, 12.0)]
    public void The_hedge_of_a_quantity_gives_its_interval(double? point, double? min, double? max, string? qualifier, double low, double? high)
    {
        var (lo, hi) = FusionEngine.Interval(point, min, max, qualifier);
        Assert.Equal(low, lo!.Value, 6);
        Assert.Equal(high, hi);
    }

    [Fact]
    public void Reports_sharing_only_type_actor_and_day_or_only_a_country_stay_apart_but_a_shared_target_joins_them()
    {
        FusionEvent Ev(string article, string? target, string? location, string? precision) => new()
        {
            ArticleId = article, LocalId = "e1", Group = article, Published = "2024-11-06", Type = "ASSAULT", Actor = "Russia", Target = target,
            Location = location, Precision = precision, Country = location is null ? null : "UA",
            Lat = location is null ? null : 49.0, Lon = location is null ? null : 32.0, TimeStart = "2024-11-05", TimeEnd = "2024-11-05",
        };
        var result = FusionEngine.Fuse(new FusionInput(
            [Ev("a", null, null, null), Ev("b", null, null, null), Ev("c", null, "Ukraine", "country"), Ev("d", null, "Ukraine", "country"),
             Ev("e", "Ukrainian Navy", null, null), Ev("f", "Ukrainian Navy", "Ukraine", "country")],
            [], [], 6));
        var clusterOf = result.Members.ToDictionary(m => m.ArticleId, m => m.ClusterId);
        Assert.NotEqual(clusterOf["a"], clusterOf["b"]);
        Assert.NotEqual(clusterOf["c"], clusterOf["d"]);
        Assert.Equal(clusterOf["e"], clusterOf["f"]);
        Assert.Equal(5, result.Clusters.Count);
    }

    [Fact]
    public void An_undated_report_without_a_time_does_not_join_a_dated_event()
    {
        FusionEvent Ev(string article, string? published, string? day) => new()
        {
            ArticleId = article, LocalId = "e1", Group = article, Published = published, Type = "DEMAND", Actor = "Russia", Target = "Ukraine",
            TimeStart = day, TimeEnd = day,
        };
        var result = FusionEngine.Fuse(new FusionInput([Ev("a", "2024-11-06", "2024-11-05"), Ev("b", null, null), Ev("c", "2024-11-06", null)], [], [], 3));
        var clusterOf = result.Members.ToDictionary(m => m.ArticleId, m => m.ClusterId);
        Assert.NotEqual(clusterOf["a"], clusterOf["b"]);
        Assert.Equal(clusterOf["a"], clusterOf["c"]);
    }

    [Fact]
    public void Places_far_apart_at_point_precision_do_not_merge_but_a_town_inside_its_oblast_does()
    {
        FusionEvent Ev(string article, string location, double lat, double lon, string precision) => new()
        {
            ArticleId = article, LocalId = "e1", Group = article, Published = "2024-11-06", Type = "ASSAULT", Location = location,
            Lat = lat, Lon = lon, Precision = precision, Country = "RU", TimeStart = "2024-11-05", TimeEnd = "2024-11-05",
        };
        var result = FusionEngine.Fuse(new FusionInput(
            [Ev("a", "Kursk Oblast", 51.5, 36.0, "adm1"), Ev("b", "Sudzha", 51.19, 35.27, "point"), Ev("c", "Belgorod", 50.6, 36.6, "point"), Ev("d", "Bryansk", 53.25, 34.37, "point")],
            [], [], 4));
        var clusterOf = result.Members.ToDictionary(m => m.ArticleId, m => m.ClusterId);
        Assert.Equal(clusterOf["a"], clusterOf["b"]);
        Assert.NotEqual(clusterOf["b"], clusterOf["d"]);
    }

    private static FusionEvent Act(string article, string type, string? actor, string? target, string? location, string? day, bool background = false, string published = "2026-02-20") => new()
    {
        ArticleId = article, LocalId = "e1", Group = article, Published = published, Outlet = "Outlet " + article, Type = type, Actor = actor, Target = target,
        Location = location, Precision = location is null ? null : "point", Country = location is null ? null : "UA",
        Lat = location is null ? null : 48.0, Lon = location is null ? null : 37.8, TimeStart = day, TimeEnd = day, Background = background,
    };

    [Fact]
    public void Issue18_a_background_mention_of_an_earlier_act_does_not_corroborate_a_new_event()
    {
        // Two reports of a new strike, and a third report whose sentence recalls the invasion in passing: same type, actor,
        // target and day window, but told as background. It must not raise the new event's source count.
        var result = FusionEngine.Fuse(new FusionInput(
            [Act("a", "ASSAULT", "Russia", "Ukraine", "Bakhmut", "2026-02-19"), Act("b", "ASSAULT", "Russia", "Ukraine", "Bakhmut", "2026-02-19", published: "2026-02-19"),
             Act("c", "ASSAULT", "Russia", "Ukraine", "Bakhmut", null, background: true)],
            [], [], 3));
        var clusterOf = result.Members.ToDictionary(m => m.ArticleId, m => m.ClusterId);
        Assert.Equal(clusterOf["a"], clusterOf["b"]);
        Assert.NotEqual(clusterOf["a"], clusterOf["c"]);
        var news = result.Clusters.Single(c => c.Id == clusterOf["a"]);
        Assert.Equal(2, news.Sources);
        Assert.False(news.Background);
        Assert.Equal("Outlet b", news.FirstSource); // published a day earlier than "a"
        Assert.True(result.Clusters.Single(c => c.Id == clusterOf["c"]).Background);
    }

    [Fact]
    public void Issue18_a_denial_contradicts_only_the_same_act_with_its_place_and_roles_named_on_both_sides()
    {
        FusionClaim Denial(string article) => new() { ArticleId = article, LocalId = "c1", Group = article, EventLocalId = "e1", Source = "Ukraine", Verb = "rejected", Stance = "denies", EvidenceText = "rejected" };

        // A demand and a rejection that name no place: one cluster (same type, roles and days) but not one act.
        var unplaced = FusionEngine.Fuse(new FusionInput(
            [Act("a", "DEMAND", "Ukraine", "United States", null, "2026-02-20"), Act("b", "DEMAND", "Ukraine", "United States", null, "2026-02-20")],
            [Denial("b")], [], 2));
        Assert.Single(unplaced.Clusters);
        Assert.Empty(unplaced.Contradictions);

        // The same act told with its place and roles on both sides: a denial against an assertion.
        var placed = FusionEngine.Fuse(new FusionInput(
            [Act("a", "ASSAULT", "Russia", "Ukraine", "Bakhmut", "2026-02-20"), Act("b", "ASSAULT", "Russia", "Ukraine", "Bakhmut", "2026-02-20")],
            [Denial("b")], [], 2));
        Assert.Single(placed.Contradictions, c => c.Kind == "denial");

        // A report without the actor joins the cluster but cannot be contradicted.
        var noActor = FusionEngine.Fuse(new FusionInput(
            [Act("a", "ASSAULT", null, "Ukraine", "Bakhmut", "2026-02-20"), Act("b", "ASSAULT", "Russia", "Ukraine", "Bakhmut", "2026-02-20")],
            [Denial("b")], [], 2));
        Assert.Single(noActor.Clusters);
        Assert.Empty(noActor.Contradictions);

        // Background mentions raise no contradiction at all.
        var background = FusionEngine.Fuse(new FusionInput(
            [Act("a", "ASSAULT", "Russia", "Ukraine", "Bakhmut", "2026-02-20", background: true), Act("b", "ASSAULT", "Russia", "Ukraine", "Bakhmut", "2026-02-20", background: true)],
            [Denial("b")], [], 2));
        Assert.Empty(background.Contradictions);
    }

    [Fact]
    public void Issue18_the_background_flag_and_first_source_survive_the_store_round_trip()
    {
        using var dir = new TempDir();
        var old = Doc("Invasion anniversary\n\nOfficials recalled the invasion of the town.", "Archive Daily", Monday);
        var town = AddPlace(old, "Pokrovsk", 48.282, 37.176, PlacePrecision.Point);
        AddEvent(old, "ASSAULT", null, "Russia", "Ukraine", town, "the invasion of the town").Background = true;
        using var store = Store(dir, [.. StrikeReports(), old]);
        var background = Assert.Single(store.ListClusters(new ClusterFilter { Type = "ASSAULT", Limit = 100 }), c => c.Background);
        Assert.Equal(1, background.Reports);
        var depot = store.ListClusters(new ClusterFilter { Type = "ASSAULT" }).Single(c => c.Location == "Pokrovsk" && !c.Background);
        Assert.Equal(2, depot.Sources);
        Assert.Contains(depot.FirstSource, new[] { "Wire Agency", "Border Daily", "Evening Post" });
        var stored = store.QueryEvents(new FactQuery { ArticleId = old.Id }).Items.Single();
        Assert.True(stored.Background);
        Assert.Equal(background.Id, stored.ClusterId);
    }
}
