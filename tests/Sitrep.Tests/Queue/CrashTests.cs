using System.Diagnostics;
using Dapper;
using Sitrep.Queue;
using Sitrep.Tests.Storage;
using Xunit;
using Xunit.Abstractions;

namespace Sitrep.Tests.Queue;

/// <summary>
/// SIGKILL in the middle of work, on PostgreSQL and JetStream, with the real CLI as a child process: after a restart
/// every article is stored exactly once and each analysis is complete.
/// </summary>
[Trait("Category", "Services")]
public sealed class CrashTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_worker_killed_mid_batch_loses_and_duplicates_nothing_after_a_restart()
    {
        Requires.Nats();
        Requires.Postgres();

        const int count = 600;
        using var schema = TestPostgres.CreateSchema();
        var queue = TestNats.NewQueue();
        var texts = Enumerable.Range(0, count).Select(i => SyntheticReports.Text(i, 8)).ToList();
        await using var q = await ArticleQueue.OpenAsync(queue, new QueueOptions { AckWait = TimeSpan.FromSeconds(2) });
        try
        {
            foreach (var (t, i) in texts.Select((t, i) => (t, i)))
            {
                await q.PublishAsync(new ArticleMessage { Text = t, Source = $"r{i}.txt" });
            }

            using (schema.OpenStore())
            {
                // Migrations applied before the race starts.
            }

            var killedAt = 0L;
            using (var worker = new CliProcess("worker", "--queue", queue, "--db", schema.ConnectionString, "--parallel", "2", "--ack-wait", "2", "--quiet"))
            {
                killedAt = await WaitForArticles(schema, worker, min: 20);
                worker.Kill();
                output.WriteLine($"worker killed with {killedAt} of {count} articles stored");
            }

            Assert.InRange(killedAt, 1, count - 1);
            using (var restarted = new CliProcess("worker", "--queue", queue, "--db", schema.ConnectionString, "--parallel", "2", "--ack-wait", "2", "--idle-exit", "6", "--quiet"))
            {
                Assert.Equal(0, restarted.WaitForExit(Budget));
                output.WriteLine(restarted.Output);
            }

            Assert.Equal(0, await q.PendingAsync());
            Assert.Equal(0, await q.DeadAsync());
            StoreIntegrity.AssertExactlyOnce(schema, texts);
        }
        finally
        {
            await q.DeleteAsync();
        }
    }

    [Fact]
    public async Task An_ingest_to_the_queue_killed_mid_batch_and_rerun_queues_every_article_once()
    {
        Requires.Nats();
        Requires.Postgres();

        const int count = 1500;
        using var schema = TestPostgres.CreateSchema();
        var queue = TestNats.NewQueue();
        var folder = SyntheticReports.WriteFolder(count, 3);
        await using var q = await ArticleQueue.OpenAsync(queue);
        try
        {
            long pendingAtKill;
            using (var ingest = new CliProcess("ingest", folder, "--queue", queue))
            {
                var sw = Stopwatch.StartNew();
                while ((pendingAtKill = await q.PendingAsync()) < 10 && !ingest.HasExited && sw.Elapsed < Budget)
                {
                    await Task.Delay(10);
                }

                ingest.Kill();
            }

            output.WriteLine($"ingest killed with {pendingAtKill} of {count} articles queued");
            Assert.InRange(pendingAtKill, 1, count - 1);

            using (var rerun = new CliProcess("ingest", folder, "--queue", queue))
            {
                Assert.Equal(0, rerun.WaitForExit(Budget));
                output.WriteLine(rerun.Output);
                Assert.Contains("already queued", rerun.Output, StringComparison.Ordinal);
            }

            Assert.Equal(count, await q.PendingAsync());
            using (var worker = new CliProcess("worker", "--queue", queue, "--db", schema.ConnectionString, "--parallel", "2", "--idle-exit", "5", "--quiet"))
            {
                Assert.Equal(0, worker.WaitForExit(Budget));
            }

            var texts = Directory.GetFiles(folder).Select(File.ReadAllText).ToList();
            StoreIntegrity.AssertExactlyOnce(schema, texts);
        }
        finally
        {
            await q.DeleteAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_direct_ingest_to_postgres_killed_mid_batch_and_rerun_stores_every_article_once()
    {
        Requires.Nats();
        Requires.Postgres();

        const int count = 800;
        using var schema = TestPostgres.CreateSchema();
        var folder = SyntheticReports.WriteFolder(count, 8);
        try
        {
            using (schema.OpenStore())
            {
            }

            long killedAt;
            using (var ingest = new CliProcess("ingest", folder, "--db", schema.ConnectionString))
            {
                killedAt = await WaitForArticles(schema, ingest, min: 20);
                ingest.Kill();
            }

            output.WriteLine($"ingest killed with {killedAt} of {count} articles stored");
            Assert.InRange(killedAt, 1, count - 1);
            using (var rerun = new CliProcess("ingest", folder, "--db", schema.ConnectionString))
            {
                Assert.Equal(0, rerun.WaitForExit(Budget));
                output.WriteLine(rerun.Output);
            }

            var texts = Directory.GetFiles(folder).Select(File.ReadAllText).ToList();
            StoreIntegrity.AssertExactlyOnce(schema, texts);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<long> WaitForArticles(TestSchema schema, CliProcess process, long min)
    {
        var sw = Stopwatch.StartNew();
        using var c = schema.Connect();
        while (sw.Elapsed < Budget && !process.HasExited)
        {
            var n = c.ExecuteScalar<long>("SELECT COUNT(*) FROM articles");
            if (n >= min)
            {
                return n;
            }

            await Task.Delay(5);
        }

        throw new TimeoutException($"no progress to kill in; output:\n{process.Output}");
    }
}
