using Sitrep.Storage;
using Sitrep.Storage.Fusion;
using Sitrep.Tests.Ingest;
using Xunit;
using Xunit.Abstractions;
using static Sitrep.Tests.Fusion.FusionTestData;

namespace Sitrep.Tests.Fusion;

public class ReprintTests(ITestOutputHelper output)
{
    private static readonly DateOnly Day = new(2024, 8, 12);

    [Fact]
    public void Reprints_with_another_headline_boilerplate_and_small_edits_collapse_into_one_source()
    {
        using var dir = new TempDir();
        using var store = SqliteStore.Open(dir.Db);
        var original = Doc(DepotStory, "Wire Agency", Day);
        var reprints = new[]
        {
            Doc(Reprint(DepotStory, "Fuel depot burns after night drone attack"), "Border Daily", Day),
            Doc(Reprint(DepotStory, "Pokrovsk: drones hit fuel storage", dropLastSentence: true), "Regional Portal", Day),
            Doc(DepotStory + "\n\n" + Boilerplate, "Aggregator", Day.AddDays(1)),
        };
        store.Save(original, "test", "original");
        foreach (var r in reprints)
        {
            store.Save(r, "test", r.Outlet);
        }

        Fuser.Run(store);
        var group = store.ReprintGroupOf(original.Id);
        Assert.Equal(original.Id, group);
        foreach (var r in reprints)
        {
            var fpA = ReprintDetector.Default.Fingerprint(original.Text);
            var fpB = ReprintDetector.Default.Fingerprint(r.Text);
            output.WriteLine($"{r.Outlet}: estimated Jaccard {ReprintDetector.Jaccard(fpA.Signature, fpB.Signature):0.00}");
            Assert.Equal(group, store.ReprintGroupOf(r.Id));
        }

        Assert.Equal((4L, 1L), store.ReprintCounts());
    }

    [Fact]
    public void Distinct_stories_about_the_same_town_on_the_same_day_stay_separate_sources()
    {
        using var dir = new TempDir();
        using var store = SqliteStore.Open(dir.Db);
        var docs = new[] { Doc(DepotStory, "Wire Agency", Day), Doc(EvacuationStory, "Wire Agency", Day), Doc(MarketStory, "Border Daily", Day) };
        foreach (var d in docs)
        {
            store.Save(d, "test", d.Outlet);
        }

        Fuser.Run(store);
        Assert.Equal(3, docs.Select(d => store.ReprintGroupOf(d.Id)).Distinct().Count());
        var a = ReprintDetector.Default.Fingerprint(DepotStory);
        var b = ReprintDetector.Default.Fingerprint(MarketStory);
        output.WriteLine($"depot vs market: estimated Jaccard {ReprintDetector.Jaccard(a.Signature, b.Signature):0.00}");
    }

    [Fact]
    public void An_exact_reprint_with_other_whitespace_and_case_joins_by_hash()
    {
        var a = ReprintDetector.Default.Fingerprint("Drones hit a depot.  The fire burned all night.");
        var b = ReprintDetector.Default.Fingerprint("DRONES hit a depot.\nThe fire burned all night");
        Assert.Equal(a.TextHash, b.TextHash);
        Assert.Equal(1.0, ReprintDetector.Jaccard(a.Signature, b.Signature));
    }

    [Fact]
    public void Pages_of_one_outlet_sharing_only_navigation_are_not_reprints()
    {
        using var dir = new TempDir();
        using var store = SqliteStore.Open(dir.Db);
        var nav = string.Join(" ", Enumerable.Range(0, 120).Select(i => $"Section{i % 30} link{i}"));
        var a = Doc("Page one\n\n" + nav + " " + EvacuationStory, "Same Site", Day);
        var b = Doc("Page two\n\n" + nav + " " + MarketStory, "Same Site", Day);
        store.Save(a, "test", "a");
        store.Save(b, "test", "b");
        Fuser.Run(store);
        Assert.NotEqual(store.ReprintGroupOf(a.Id), store.ReprintGroupOf(b.Id));
    }
}
