using Sitrep.Analysis;
using Sitrep.Cli.Ingestion;
using Sitrep.Queue;
using Sitrep.Storage;
using Sitrep.Storage.Fusion;
using Sitrep.Tests.Fusion;
using Sitrep.Tests.Storage;
using Xunit;
using Xunit.Abstractions;

namespace Sitrep.Tests.Queue;

/// <summary>Workers fuse what they store; with several of them on one PostgreSQL database the result is that of one process.</summary>
[Trait("Category", "Services")]
public sealed class WorkerFusionTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(180);

    [Fact]
    public async Task Two_workers_that_fuse_as_they_go_end_with_the_clusters_of_a_single_process_run()
    {
        Requires.Postgres();
        Requires.Nats();

        var messages = Corpus();
        using var single = TestPostgres.CreateSchema();
        using (var store = single.OpenStore())
        {
            var processor = new ArticleProcessor(store, Analyzer.Default);
            foreach (var m in messages)
            {
                processor.Process(m, CancellationToken.None);
            }

            Fuser.Run(store);
        }

        using var parallel = TestPostgres.CreateSchema();
        var queue = TestNats.NewQueue();
        await using var q = await ArticleQueue.OpenAsync(queue, new QueueOptions());
        try
        {
            foreach (var m in messages)
            {
                await q.PublishAsync(m);
            }

            using (parallel.OpenStore())
            {
                // Migrations applied before the workers race.
            }

            using var a = new CliProcess("worker", "--queue", queue, "--db", parallel.ConnectionString, "--batch", "2", "--idle-exit", "4", "--quiet");
            using var b = new CliProcess("worker", "--queue", queue, "--db", parallel.ConnectionString, "--batch", "2", "--idle-exit", "4", "--quiet");
            Assert.Equal(0, a.WaitForExit(Budget));
            Assert.Equal(0, b.WaitForExit(Budget));
            output.WriteLine(a.Output);
            output.WriteLine(b.Output);
            Assert.Contains("fusion:", a.Output + b.Output, StringComparison.Ordinal);
            Assert.Equal(0, await q.PendingAsync());
        }
        finally
        {
            await q.DeleteAsync();
        }

        using var expected = single.OpenStore();
        using var actual = parallel.OpenStore();
        var want = Snapshot(expected);
        var got = Snapshot(actual);
        output.WriteLine($"{want.Clusters.Count} clusters, {want.Reprints.Count} reprint groups, {want.Contradictions.Count} contradictions, {want.Estimates.Count} estimates");
        Assert.True(want.Clusters.Count >= 10, $"the corpus should give a fair number of clusters, not {want.Clusters.Count}");
        Assert.Contains(want.Reprints, g => g.Contains(',', StringComparison.Ordinal));
        Assert.Equal(want.Clusters, got.Clusters);
        Assert.Equal(want.Members, got.Members);
        Assert.Equal(want.Reprints, got.Reprints);
        Assert.Equal(want.Contradictions, got.Contradictions);
        Assert.Equal(want.Estimates, got.Estimates);

        // The workers left the store fused: the last fusion reflects every write.
        Assert.Equal(actual.FusionStamp(), actual.LastFusionRun()?.InputStamp);
    }

    /// <summary>The sample reports (with their dates), reprints of three of them under other headlines, and synthetic reports.</summary>
    private static List<ArticleMessage> Corpus()
    {
        var files = Directory.GetFiles(SamplesFolder(), "*.txt").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);
        var messages = new List<ArticleMessage>();
        foreach (var f in files)
        {
            var name = Path.GetFileName(f);
            var text = File.ReadAllText(f);
            messages.Add(new ArticleMessage { Text = text, Source = name, Published = name[..10], Outlet = "Sample Wire" });
        }

        foreach (var (f, i) in files.Take(3).Select((f, i) => (f, i)))
        {
            var name = Path.GetFileName(f);
            messages.Add(new ArticleMessage { Text = FusionTestData.Reprint(File.ReadAllText(f), $"Reprinted report {i}"), Source = "reprint-" + name, Published = name[..10], Outlet = "Copy Desk" });
        }

        messages.AddRange(Enumerable.Range(0, 30).Select(i => new ArticleMessage { Text = SyntheticReports.Text(i, 4), Source = $"s{i}.txt", Published = "2025-03-02" }));
        return messages;
    }

    /// <summary>The repository's samples/ folder, found upwards from the test binaries.</summary>
    private static string SamplesFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "samples");
            if (Directory.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "Sitrep.slnx")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"no samples/ folder above '{AppContext.BaseDirectory}'");
    }

    private sealed record FusionSnapshot(List<string> Clusters, List<string> Members, List<string> Reprints, List<string> Contradictions, List<string> Estimates);

    /// <summary>The fusion tables as sorted lines; reprint groups as sets of articles (a group's id depends on which copy came first).</summary>
    private static FusionSnapshot Snapshot(ISitrepStore store)
    {
        var clusters = store.ListClusters(new ClusterFilter { Limit = 100_000 });
        var members = clusters.SelectMany(c => store.ClusterMembers(c.Id)).Select(m => $"{m.ClusterId} {m.ArticleId}/{m.EventLocalId}").Order(StringComparer.Ordinal).ToList();
        var articles = store.ListArticles(new ListFilter { Limit = 100_000 }).Select(a => a.Id).ToList();
        var reprints = articles.GroupBy(id => store.ReprintGroupOf(id) ?? "none:" + id)
            .Select(g => string.Join(",", g.Order(StringComparer.Ordinal))).Order(StringComparer.Ordinal).ToList();
        return new FusionSnapshot(
            [.. clusters.Select(c => $"{c.Id} {c.Type} {c.Mode} {c.Actor} {c.Target} {c.Location} {c.TimeStart} reports={c.Reports} sources={c.Sources} claims={c.Claims}").Order(StringComparer.Ordinal)],
            members,
            reprints,
            [.. store.ListContradictions(limit: 100_000).Select(x => $"{x.Id} {x.Kind} {x.Subject} {x.AArticle}/{x.ALocalId} {x.BArticle}/{x.BLocalId}").Order(StringComparer.Ordinal)],
            [.. store.ListEstimates(null, null, null, 100_000).Select(e => $"{e.ArticleId}/{e.LocalId} {e.QuantityKey} {e.ClusterId} {e.Low}..{e.High} {e.Claimant}").Order(StringComparer.Ordinal)]);
    }
}
