using System.Text.Json;
using Sitrep.Core;
using Sitrep.Storage;
using Sitrep.Storage.Fusion;
using Sitrep.Tests.Ingest;
using Xunit;
using static Sitrep.Tests.Fusion.FusionTestData;

namespace Sitrep.Tests.Fusion;

/// <summary>The query commands run as the real CLI against a store filled with hand-made analyses.</summary>
public class FusionCommandTests
{
    private static string Fill(TempDir dir, out Document revised)
    {
        using var store = SqliteStore.Open(dir.Db);
        foreach (var d in FusionTests.StrikeReports().Concat(FusionTests.TroopReports()))
        {
            d.Provenance["sitrep.Events.v1"] = "1.0.0";
            store.Save(d, "test-1", d.Outlet);
        }

        // The same wire text analysed again by a newer event model that finds one more event and drops nothing.
        revised = FusionTests.StrikeReports()[0];
        revised.Provenance["sitrep.Events.v1"] = "1.1.0";
        AddEvent(revised, "ASSAULT", "air defence", "Ukraine", "Russia", revised.Places[0], "Air defence units shot down eleven of the drones", new DateOnly(2024, 8, 11));
        Assert.Equal(SaveOutcome.Revised, store.Save(revised, "test-1", "wire"));
        return dir.Db;
    }

    [Fact]
    public void Fuse_then_events_near_a_place_as_json_lists_the_clusters_within_the_radius()
    {
        using var dir = new TempDir();
        var db = Fill(dir, out _);
        var fuse = SitrepProcess.Run("fuse", "--db", db);
        Assert.True(fuse.Code == 0, fuse.Err);
        Assert.Contains("event clusters", fuse.Out, StringComparison.Ordinal);
        var (code, stdout, stderr) = SitrepProcess.Run("events", "--near", "Pokrovsk", "--radius", "100km", "--since", "2024-08-01", "--type", "ASSAULT", "--actor", "Russia", "--json", "--db", db);
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var rows = json.RootElement.EnumerateArray().ToList();
        // The drone strike and, from the revised analysis, the air defence response; not the strike on the far city.
        Assert.Equal(2, rows.Count);
        Assert.DoesNotContain(rows, r => r.GetProperty("location").GetString() == "Kharkiv");
        var depot = Assert.Single(rows, r => r.GetProperty("mode").GetString() == "drone strike");
        Assert.Equal("Pokrovsk", depot.GetProperty("location").GetString());
        Assert.Equal(2, depot.GetProperty("sources").GetInt32());
        Assert.True(depot.GetProperty("distance_km").GetDouble() < 1);
        var unknown = SitrepProcess.Run("events", "--near", "Atlantis", "--db", db);
        Assert.Equal(2, unknown.Code);
        Assert.Contains("no stored place called 'Atlantis'", unknown.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Fuse_every_fuses_what_is_new_once_skips_a_store_already_fused_and_stops_when_idle()
    {
        using var dir = new TempDir();
        var db = Fill(dir, out _);
        var first = SitrepProcess.Run("fuse", "--db", db, "--every", "0.2", "--idle-exit", "1", "--json");
        Assert.True(first.Code == 0, first.Err);
        var line = Assert.Single(first.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using (var stats = JsonDocument.Parse(line))
        {
            Assert.True(stats.RootElement.GetProperty("clusters").GetInt32() > 0, line);
        }

        string at;
        using (var store = SqliteStore.Open(db))
        {
            at = store.LastFusionRun()!.At;
        }

        // Nothing was stored since: the second process reports the last fusion without recomputing it.
        var second = SitrepProcess.Run("fuse", "--db", db, "--every", "0.2", "--idle-exit", "1", "--json");
        Assert.True(second.Code == 0, second.Err);
        Assert.Single(second.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using (var store = SqliteStore.Open(db))
        {
            Assert.Equal(at, store.LastFusionRun()!.At);
        }
    }

    [Fact]
    public void Estimates_contradictions_and_search_print_what_the_store_holds()
    {
        using var dir = new TempDir();
        var db = Fill(dir, out _);
        Assert.Equal(0, SitrepProcess.Run("fuse", "--db", db).Code);
        var estimates = SitrepProcess.Run("estimates", "--unit", "personnel", "--place", "Kursk Oblast", "--db", db);
        Assert.True(estimates.Code == 0, estimates.Err);
        Assert.Contains("3 estimates from 3 independent sources", estimates.Out, StringComparison.Ordinal);
        Assert.Contains("11,000..∞", estimates.Out, StringComparison.Ordinal);
        Assert.Contains("1,000..9,999", estimates.Out, StringComparison.Ordinal);
        var contradictions = SitrepProcess.Run("contradictions", "--json", "--db", db);
        using var json = JsonDocument.Parse(contradictions.Out);
        var kinds = json.RootElement.EnumerateArray().Select(r => r.GetProperty("kind").GetString()).Order().ToList();
        Assert.Equal(["denial", "estimate"], kinds);
        var search = SitrepProcess.Run("search", "fuel depot Pokrovsk", "--db", db);
        Assert.Contains("(3 articles)", search.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void History_shows_the_revisions_of_an_events_article_with_the_version_change_and_the_facts_added()
    {
        using var dir = new TempDir();
        var db = Fill(dir, out var revised);
        using (var store = SqliteStore.Open(db))
        {
            var revisions = store.ArticleRevisions(revised.Id);
            Assert.Equal(2, revisions.Count);
            Assert.Equal(["sitrep.Events.v1 1.0.0 -> 1.1.0"], FusionCommandsAccess.Changes(revisions[0], revisions[1]));
        }

        Assert.Equal(0, SitrepProcess.Run("fuse", "--db", db).Code);
        string clusterId;
        using (var store = SqliteStore.Open(db))
        {
            clusterId = store.ListClusters(new ClusterFilter { Type = "ASSAULT" }).Single(c => c.Location == "Pokrovsk" && c.Mode == "drone strike").Id;
        }

        var (code, stdout, stderr) = SitrepProcess.Run("history", clusterId, "--db", db);
        Assert.True(code == 0, stderr);
        Assert.Contains("revision 2 (current)", stdout, StringComparison.Ordinal);
        Assert.Contains("why: sitrep.Events.v1 1.0.0 -> 1.1.0", stdout, StringComparison.Ordinal);
        Assert.Contains("+ event ASSAULT/air defence Ukraine -> Russia @ Pokrovsk", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("    - event", stdout, StringComparison.Ordinal);
    }
}

/// <summary>Reaches the version diff used by `sitrep history`.</summary>
internal static class FusionCommandsAccess
{
    public static List<string> Changes(RevisionRow a, RevisionRow b) => Sitrep.Cli.Commands.FusionCommands.VersionChanges(a, b);
}
