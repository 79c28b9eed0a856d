using Sitrep.Core;
using Sitrep.Storage;
using Sitrep.Storage.Fusion;
using Sitrep.Tests.Fusion;
using Xunit;

namespace Sitrep.Tests.Storage;

/// <summary>The analyst queries and fusion, the same on every store.</summary>
public abstract partial class StoreContractTests
{
    private static Document Dated(string text, DateOnly published, string type = "attack", string actor = "Red Army", string unit = "people", string source = "officials", double lat = 48.5, double lon = 35.25, string? outlet = null)
    {
        var doc = SampleDocs.WithFacts(text, 1, type, actor, unit, source);
        doc.Published = published;
        doc.Outlet = outlet;
        doc.Places[0].Lat = lat;
        doc.Places[0].Lon = lon;
        return doc;
    }

    [Fact]
    public void Query_events_filters_by_bounding_box_day_type_actor_and_source()
    {
        using var store = Open();
        var east = Dated("Shelling hit the depot near the river on Monday, officials said.", new DateOnly(2024, 3, 5), outlet: "Wire One");
        var west = Dated("A convoy was struck on the highway, the ministry said.", new DateOnly(2024, 4, 2), type: "ambush", actor: "Blue Brigade", source: "the ministry", lat: 10, lon: -5);
        west.Times.Clear();
        west.Events[0].TimeId = null;
        store.Save(east, "p1", "east");
        store.Save(west, "p1", "west");

        var all = store.QueryEvents(new FactQuery());
        Assert.Equal(2, all.Total);
        Assert.True(all.TotalIsExact);
        Assert.Equal([west.Id, east.Id], all.Items.Select(e => e.ArticleId));
        var first = all.Items[1];
        Assert.Equal("2024-03-04", first.Day);
        Assert.Equal("Wire One", first.Outlet);
        Assert.Equal(east.Text, first.EvidenceText);
        Assert.Equal("2024-04-02", all.Items[0].Day);

        Assert.Equal(east.Id, Assert.Single(store.QueryEvents(new FactQuery { MinLat = 48, MaxLat = 49, MinLon = 35, MaxLon = 36 }).Items).ArticleId);
        Assert.Equal(west.Id, Assert.Single(store.QueryEvents(new FactQuery { MinLat = 0, MaxLat = 20, MinLon = 170, MaxLon = -1 }).Items).ArticleId);
        Assert.Equal(east.Id, Assert.Single(store.QueryEvents(new FactQuery { From = new DateOnly(2024, 3, 4), To = new DateOnly(2024, 3, 4) }).Items).ArticleId);
        Assert.Empty(store.QueryEvents(new FactQuery { From = new DateOnly(2024, 3, 5), To = new DateOnly(2024, 3, 31) }).Items);
        Assert.Equal(west.Id, Assert.Single(store.QueryEvents(new FactQuery { Types = ["ambush", "protest"] }).Items).ArticleId);
        Assert.Equal(west.Id, Assert.Single(store.QueryEvents(new FactQuery { Actor = "BLUE brigade" }).Items).ArticleId);
        Assert.Equal(east.Id, Assert.Single(store.QueryEvents(new FactQuery { Source = "wire one" }).Items).ArticleId);
        Assert.Equal(west.Id, Assert.Single(store.QueryEvents(new FactQuery { Source = "The Ministry" }).Items).ArticleId);
        var compact = Assert.Single(store.QueryEvents(new FactQuery { Compact = true, Types = ["attack"] }).Items);
        Assert.Equal((east.Id, "e1", 48.5, 35.25), (compact.ArticleId, compact.LocalId, compact.Lat!.Value, compact.Lon!.Value));

        var paged = store.QueryEvents(new FactQuery { Limit = 1, Offset = 1 });
        Assert.Equal(east.Id, Assert.Single(paged.Items).ArticleId);
        Assert.Equal(2, paged.Total);
    }

    [Fact]
    public void Query_quantities_and_claims_bring_their_event_claimant_and_evidence()
    {
        using var store = Open();
        var a = Dated("Shelling hit the depot near the river on Monday, officials said.", new DateOnly(2024, 3, 5), unit: "drones", source: "the governor");
        var b = Dated("Artillery struck the town at dawn, the army said.", new DateOnly(2024, 3, 6), unit: "killed", source: "the army");
        b.Claims[0].Stance = "denies";
        store.Save(a, "p1", "a");
        store.Save(b, "p1", "b");

        var q = Assert.Single(store.QueryQuantities(new FactQuery { Unit = "drones" }).Items);
        Assert.Equal((a.Id, "q1", "e1", "the governor", 2.0), (q.ArticleId, q.LocalId, q.EventLocalId, q.Claimant, q.Point!.Value));
        Assert.Equal(a.Text[(int)q.EvidenceStart..(int)q.EvidenceEnd], q.EvidenceText);
        Assert.Equal([b.Id, a.Id], store.QueryQuantities(new FactQuery()).Items.Select(x => x.ArticleId));
        Assert.Equal(b.Id, Assert.Single(store.QueryQuantities(new FactQuery { Actor = null, From = new DateOnly(2024, 3, 6) }).Items).ArticleId);

        var claim = Assert.Single(store.QueryClaims(new FactQuery { ArticleId = a.Id, EventLocalId = "e1" }).Items);
        Assert.Equal(("the governor", "said", "e1"), (claim.Source, claim.Verb, claim.EventLocalId));
        Assert.Equal(b.Id, Assert.Single(store.QueryClaims(new FactQuery { Stance = "DENIES" }).Items).ArticleId);
        Assert.Equal(b.Id, Assert.Single(store.QueryClaims(new FactQuery { Actor = "The Army" }).Items).ArticleId);
        Assert.Empty(store.QueryClaims(new FactQuery { EventLocalId = "e9" }).Items);
    }

    [Fact]
    public void Article_detail_has_the_text_and_the_current_analysis_and_unknown_ids_give_null()
    {
        using var store = Open();
        var doc = Dated("Shelling hit the depot near the river on Monday, officials said.", new DateOnly(2024, 3, 5), outlet: "Wire One");
        doc.Title = "Depot hit";
        store.Save(doc, "p1", "a.txt");
        var first = store.GetArticle(doc.Id);
        Assert.NotNull(first);
        Assert.Equal((doc.Text, "Depot hit", "Wire One", "2024-03-05", "analysed", "a.txt"), (first.Text, first.Title, first.Outlet, first.Published, first.Status, first.Source));
        Assert.True(first.AnalysisId > 0);
        store.Save(Dated(doc.Text, new DateOnly(2024, 3, 5)), "p2", "a.txt");
        Assert.True(store.GetArticle(doc.Id)!.AnalysisId > first.AnalysisId);
        Assert.Null(store.GetArticle("no-such-article"));
    }

    [Fact]
    public void Actors_and_places_are_summarised_by_the_reports_that_name_them()
    {
        using var store = Open();
        store.Save(Dated("Shelling hit the depot near the river on Monday, officials said.", new DateOnly(2024, 3, 5)), "p1", "a");
        store.Save(Dated("Artillery struck the town at dawn, the army said.", new DateOnly(2024, 3, 6)), "p1", "b");
        store.Save(Dated("A convoy was struck on the highway, the ministry said.", new DateOnly(2024, 3, 7), actor: "Blue Brigade", lat: 10, lon: -5), "p1", "c");

        var actors = store.ListActors(new FactQuery());
        Assert.Equal([("Red Army", 2L), ("Blue Brigade", 1L)], actors.Select(a => (a.Name, a.Reports)));
        Assert.Equal("armed_force", actors[0].Kind?.Replace(" ", "_", StringComparison.Ordinal).ToLowerInvariant());
        Assert.Equal("Blue Brigade", Assert.Single(store.ListActors(new FactQuery { Actor = "blue" })).Name);
        // LIKE wildcards typed by a user are literal characters, on both stores.
        Assert.Empty(store.ListActors(new FactQuery { Actor = "%" }));
        Assert.Empty(store.ListActors(new FactQuery { Actor = "Blue_Brigade" }));
        Assert.Equal("Red Army", Assert.Single(store.ListActors(new FactQuery { To = new DateOnly(2024, 3, 6) })).Name);

        var places = store.ListPlaces(new FactQuery());
        var place = Assert.Single(places);
        Assert.Equal(("Rivertown", "XX", 3L), (place.Name, place.Country, place.Reports));
        Assert.Equal(2, Assert.Single(store.ListPlaces(new FactQuery { MinLat = 48, MaxLat = 49, MinLon = 35, MaxLon = 36 })).Reports);
        Assert.Empty(store.ListPlaces(new FactQuery { MinLat = -10, MaxLat = -5, MinLon = 0, MaxLon = 1 }));
    }

    [Fact]
    public void The_change_stamp_and_latest_analysis_move_after_every_write_and_new_facts_are_found_after_a_mark()
    {
        using var store = Open();
        var empty = store.ChangeStamp();
        Assert.Equal(0, store.LatestAnalysisId());
        var doc = Dated("Shelling hit the depot near the river on Monday, officials said.", new DateOnly(2024, 3, 5));
        store.Save(doc, "p1", "a");
        var afterFirst = store.ChangeStamp();
        Assert.NotEqual(empty, afterFirst);
        Assert.Equal(afterFirst, store.ChangeStamp());
        var mark = store.LatestAnalysisId();
        Assert.True(mark > 0);

        store.SaveUnanalysed(new Document("Texte en français sur le front.", language: "fr"), "not analysed: fr", "fr.txt");
        var afterUnanalysed = store.ChangeStamp();
        Assert.NotEqual(afterFirst, afterUnanalysed);

        var second = Dated("Artillery struck the town at dawn, the army said.", new DateOnly(2024, 3, 6));
        store.Save(second, "p1", "b");
        Assert.NotEqual(afterUnanalysed, store.ChangeStamp());
        Assert.True(store.LatestAnalysisId() > mark);
        Assert.Equal(second.Id, Assert.Single(store.QueryEvents(new FactQuery { AfterAnalysisId = mark }).Items).ArticleId);
    }

    [Fact]
    public void Full_text_filters_the_analyst_queries()
    {
        using var store = Open();
        var a = Dated("Shelling hit the reservoir dam near the river on Monday, officials said.", new DateOnly(2024, 3, 5));
        var b = Dated("Negotiators met in the capital to discuss a ceasefire, officials said.", new DateOnly(2024, 3, 6));
        store.Save(a, "p1", "a");
        store.Save(b, "p1", "b");
        Assert.Equal(a.Id, Assert.Single(store.QueryEvents(new FactQuery { Text = "reservoir" }).Items).ArticleId);
        Assert.Equal(b.Id, Assert.Single(store.QueryQuantities(new FactQuery { Text = "ceasefire negotiators" }).Items).ArticleId);
        Assert.Equal(b.Id, Assert.Single(store.QueryClaims(new FactQuery { Text = "capital" }).Items).ArticleId);
        Assert.Empty(store.QueryEvents(new FactQuery { Text = "reservoir ceasefire" }).Items);
        Assert.Empty(store.QueryEvents(new FactQuery { Text = "\"unbalanced ( quote AND OR NOT *" }).Items);
    }

    [Fact]
    public void Reprints_are_grouped_once_and_distinct_stories_stay_apart()
    {
        using var store = Open();
        var day = new DateOnly(2024, 8, 12);
        var original = FusionTestData.Doc(FusionTestData.DepotStory, "Wire Agency", day);
        var reprint = FusionTestData.Doc(FusionTestData.Reprint(FusionTestData.DepotStory, "Fuel depot burns after night drone attack"), "Border Daily", day);
        var other = FusionTestData.Doc(FusionTestData.MarketStory, "Wire Agency", day);
        foreach (var d in new[] { original, reprint, other })
        {
            store.Save(d, "test", d.Outlet);
        }

        Assert.Null(store.ReprintGroupOf(original.Id));
        Assert.Equal(3, store.AssignReprints(ReprintDetector.Default));
        Assert.Equal(0, store.AssignReprints(ReprintDetector.Default));
        Assert.Equal(original.Id, store.ReprintGroupOf(original.Id));
        Assert.Equal(original.Id, store.ReprintGroupOf(reprint.Id));
        Assert.Equal(other.Id, store.ReprintGroupOf(other.Id));
        Assert.Equal((3L, 2L), store.ReprintCounts());

        var exact = FusionTestData.Doc(FusionTestData.DepotStory + "\n", "Copy Site", day);
        store.Save(exact, "test", "copy");
        Assert.Equal(1, store.AssignReprints(ReprintDetector.Default));
        Assert.Equal(original.Id, store.ReprintGroupOf(exact.Id));
    }

    [Fact]
    public void Fusion_replaces_clusters_estimates_and_contradictions_and_lists_them()
    {
        using var store = Open();
        foreach (var d in FusionTests.StrikeReports().Concat(FusionTests.TroopReports()))
        {
            store.Save(d, "test-1", d.Outlet);
        }

        var stats = Fuser.Run(store);
        Assert.Equal(8, stats.Articles);
        Assert.Equal(4, stats.Clusters);

        var assaults = store.ListClusters(new ClusterFilter { Type = "assault" });
        Assert.Equal(2, assaults.Count);
        var depot = Assert.Single(assaults, c => c.Location == "Pokrovsk");
        Assert.Equal((3L, 2L, 3L, "drone strike", "2024-08-11"), (depot.Reports, depot.Sources, depot.Claims, depot.Mode, depot.TimeStart));
        Assert.Equal(depot.Id, store.GetCluster(depot.Id)?.Id);
        Assert.Null(store.GetCluster("no-such-cluster"));
        Assert.Equal(3, store.ClusterMembers(depot.Id).Count);
        var claims = store.ClusterClaims(depot.Id);
        Assert.Equal(3, claims.Count);
        Assert.Contains(claims, c => c.Stance == "denies" && c.Source == "Russian Ministry of Defence");
        Assert.Single(store.ListClusters(new ClusterFilter { Actor = "north korea" }));
        Assert.Empty(store.ListClusters(new ClusterFilter { Since = new DateOnly(2025, 1, 1) }));

        var place = store.ResolvePlace("POKROVSK");
        Assert.NotNull(place);
        var near = store.ListClusters(new ClusterFilter { NearLat = place.Value.Lat, NearLon = place.Value.Lon, RadiusKm = 100 });
        Assert.Equal(2, near.Count);
        Assert.All(near, c => Assert.True(c.DistanceKm <= 100));

        var denial = Assert.Single(store.ListContradictions("denial"));
        Assert.Equal((depot.Id, "regional military administration", "Russian Ministry of Defence"), (denial.Subject, denial.ASource, denial.BSource));
        var estimates = store.ListEstimates("PERSONNEL", "kursk oblast", null);
        Assert.Equal(["2024-11-05", "2024-11-06", "2024-11-06"], estimates.Select(e => e.Published!).ToArray());
        Assert.Contains(estimates, e => e.Claimant == "Pentagon" && e.Low == 1000 && e.High == 9999);
        Assert.Contains(estimates, e => e.Claimant == "Ukrainian intelligence" && e.Low == 11000 && e.High is null);
        Assert.Single(store.ListContradictions("estimate"));
        Assert.Equal(2, store.ListContradictions().Count);

        // A second fusion replaces the first: same ids, nothing doubled.
        var ids = store.ListClusters(new ClusterFilter()).Select(c => c.Id).Order(StringComparer.Ordinal).ToList();
        Fuser.Run(store);
        Assert.Equal(ids, store.ListClusters(new ClusterFilter()).Select(c => c.Id).Order(StringComparer.Ordinal).ToList());
        Assert.Equal(2, store.ListContradictions().Count);
        Assert.Equal(3, store.ListEstimates("personnel", null, null).Count);
    }

    [Fact]
    public void A_fusion_that_already_reflects_every_write_is_skipped_on_request_and_redone_after_a_write()
    {
        using var store = Open();
        foreach (var d in FusionTests.TroopReports())
        {
            store.Save(d, "test-1", d.Outlet);
        }

        Assert.Null(store.LastFusionRun());
        var first = Fuser.Run(store, skipWhenCurrent: true);
        var run = store.LastFusionRun();
        Assert.NotNull(run);
        Assert.Equal(store.FusionStamp(), run.InputStamp);
        Assert.Equal((3L, 1L), (run.Articles, run.Clusters));

        var again = Fuser.Run(store, skipWhenCurrent: true);
        Assert.Equal((first.Clusters, first.Estimates, first.Contradictions), (again.Clusters, again.Estimates, again.Contradictions));
        Assert.Equal(run.At, store.LastFusionRun()!.At);

        var extra = FusionTestData.Doc("Troops\n\nOfficials said 12,000 North Korean soldiers are in the oblast.", "Fourth Desk", new DateOnly(2024, 11, 7));
        store.Save(extra, "test-1", "extra");
        Assert.NotEqual(run.InputStamp, store.FusionStamp());
        Assert.Equal(4, Fuser.Run(store, skipWhenCurrent: true).Articles);
    }

    [Fact]
    public void Fusions_running_at_once_with_writes_between_them_end_with_the_fusion_of_everything()
    {
        using var store = Open();
        var docs = FusionTests.StrikeReports().Concat(FusionTests.TroopReports()).ToList();
        Parallel.For(0, docs.Count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            store.Save(docs[i], "test-1", docs[i].Outlet);
            Fuser.Run(store, skipWhenCurrent: true);
        });
        Fuser.Run(store, skipWhenCurrent: true);
        var concurrent = store.ListClusters(new ClusterFilter()).Select(c => (c.Id, c.Reports, c.Sources, c.Claims)).Order().ToList();
        var contradictions = store.ListContradictions().Select(c => c.Id).Order(StringComparer.Ordinal).ToList();

        Fuser.Run(store);
        Assert.Equal(concurrent, store.ListClusters(new ClusterFilter()).Select(c => (c.Id, c.Reports, c.Sources, c.Claims)).Order().ToList());
        Assert.Equal(contradictions, store.ListContradictions().Select(c => c.Id).Order(StringComparer.Ordinal).ToList());
        Assert.Equal(4, concurrent.Count);
    }

    [Fact]
    public void Revisions_are_listed_oldest_first_with_their_facts_and_ids_are_found_by_prefix()
    {
        using var store = Open();
        var text = "Artillery struck the town at dawn, the governor said.";
        store.Save(SampleDocs.WithFacts(text, 1), "p1", "a.txt");
        store.Save(SampleDocs.WithFacts(text, 2, type: "shelling"), "p2", "a.txt");
        var id = Document.ContentHash(text);
        var revisions = store.ArticleRevisions(id);
        Assert.Equal([1L, 2L], revisions.Select(r => r.Revision));
        Assert.Equal([false, true], revisions.Select(r => r.IsCurrent));
        Assert.Equal(["p1", "p2"], revisions.Select(r => r.PipelineVersion));
        Assert.Equal(3, revisions[0].Facts.Count);
        Assert.Equal(4, revisions[1].Facts.Count);
        Assert.StartsWith("event attack Red Army -> - @ -: \"", revisions[0].Facts[0], StringComparison.Ordinal);
        Assert.Contains(revisions[1].Facts, f => f.StartsWith("event shelling", StringComparison.Ordinal));
        Assert.Contains(revisions[0].Facts, f => f.StartsWith("quantity \"Art\" = 2 people", StringComparison.Ordinal));
        Assert.Contains(revisions[0].Facts, f => f == $"claim officials said [asserts]: \"{text}\"");
        Assert.Empty(store.ArticleRevisions("no-such-article"));
        Assert.Equal([id], store.ArticleIdsStartingWith(id[..8]));
        Assert.Empty(store.ArticleIdsStartingWith("zz"));
    }

    [Fact]
    public void Issue18_background_events_cluster_apart_and_event_rows_carry_their_cluster_trigger_place_filter_and_counts()
    {
        using var store = Open();
        if (store is null)
        {
            return;
        }

        var news = Dated("Shelling hit the depot near the river on Monday, officials said.", new DateOnly(2024, 3, 5), outlet: "Wire One");
        news.Events[0].Trigger = new TextSpan(0, "Shelling".Length);
        var again = Dated("According to the ministry, artillery fire struck a fuel store beside the water early on Monday, and two trucks burned.", new DateOnly(2024, 3, 5), outlet: "Evening Post", source: "the ministry");
        var recall = Dated("Shelling hit the depot near the river on Monday, as it did before the war, officials said.", new DateOnly(2024, 3, 5), outlet: "Archive Daily");
        recall.Events[0].Background = true;
        foreach (var d in new[] { news, again, recall })
        {
            d.Events[0].Location = d.Places[0].Name;
            d.Events[0].Target = "Rivertown garrison";
            store.Save(d, "p1", d.Outlet);
        }

        Fuser.Run(store);
        var rows = store.QueryEvents(new FactQuery()).Items.ToDictionary(e => e.ArticleId);
        Assert.Equal(rows[news.Id].ClusterId, rows[again.Id].ClusterId);
        Assert.NotEqual(rows[news.Id].ClusterId, rows[recall.Id].ClusterId);
        Assert.Equal(2, rows[news.Id].Sources);
        Assert.Equal(2, rows[news.Id].Reports);
        Assert.Contains(rows[news.Id].FirstSource, new[] { "Wire One", "Evening Post" });
        Assert.True(rows[recall.Id].Background);
        Assert.False(rows[news.Id].Background);
        Assert.Equal((0L, 8L), (rows[news.Id].TriggerStart!.Value, rows[news.Id].TriggerEnd!.Value));
        Assert.NotNull(rows[news.Id].AnalysedAt);
        var background = Assert.Single(store.ListClusters(new ClusterFilter { Limit = 100 }), c => c.Background);
        Assert.Equal(1, background.Sources);

        // The map rows say which are background; the place filter takes a location name or a country code.
        var compact = store.QueryEvents(new FactQuery { Compact = true }).Items;
        Assert.Single(compact, e => e.Background);
        var place = news.Places[0];
        Assert.Equal(3, store.QueryEvents(new FactQuery { Place = place.Name.ToUpperInvariant() }).Total);
        Assert.Equal(3, store.QueryEvents(new FactQuery { Compact = true, Place = "nowhere", Country = place.Country }).Items.Count);
        Assert.Empty(store.QueryEvents(new FactQuery { Place = "nowhere" }).Items);

        // Counts for lists that say when they are cut.
        Assert.Equal(3, store.CountListed("events", new ListFilter { Limit = 1 }));
        Assert.Equal(3, store.CountListed("articles", new ListFilter()));
        Assert.Equal(1, store.CountListed("claims", new ListFilter { Source = "THE MINISTRY" }));
        Assert.Throws<ArgumentException>(() => store.CountListed("things", new ListFilter()));
    }
}
