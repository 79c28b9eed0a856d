using System.CommandLine;
using Sitrep.Analysis;
using Sitrep.Cli.Ingestion;
using Sitrep.Core;
using Sitrep.Queue;
using Sitrep.Storage;
using Sitrep.Storage.Fusion;

namespace Sitrep.Cli.Commands;

/// <summary>`sitrep worker --queue nats://… --db postgres://…`: analyse queued articles and store them.</summary>
public static class WorkerCommand
{
    public static Command Create()
    {
        var queue = QueueCommandOptions.Queue(required: true);
        var db = CommonOptions.Db();
        var pipeline = CommonOptions.Pipeline();
        var parallel = new Option<int>("--parallel") { Description = "Articles analysed at once by this worker (one per core is usual).", DefaultValueFactory = _ => 1 };
        var ackWait = new Option<double>("--ack-wait") { Description = "Seconds an unacknowledged message waits before JetStream redelivers it.", DefaultValueFactory = _ => 60 };
        var maxAttempts = new Option<int>("--max-attempts") { Description = "Attempts before a failing article goes to the dead-letter subject.", DefaultValueFactory = _ => 5 };
        var timeout = new Option<double>("--analysis-timeout") { Description = "Longest analysis of one article, in seconds.", DefaultValueFactory = _ => Limits.Default.AnalysisTimeout.TotalSeconds };
        var maxMessages = new Option<long>("--max-messages") { Description = "Stop after this many articles (0: no limit)." };
        var idleExit = new Option<double>("--idle-exit") { Description = "Stop after the queue stayed empty this many seconds (0: wait for work forever)." };
        var quiet = new Option<bool>("--quiet") { Description = "Print only errors and the summary." };
        var noFuse = new Option<bool>("--no-fuse") { Description = "Do not fuse (run `sitrep fuse` later). By default the worker fuses after its batches, paced to the cost, one worker at a time, and once more before it stops." };
        var batch = new Option<int>("--batch") { Description = "Messages pulled per request by each lane (batch × analysis time must stay well below the ack wait).", DefaultValueFactory = _ => 4 };
        var cmd = new Command("worker", "Pull articles from the JetStream work queue, analyse them and store them; acknowledge each only once it is stored.")
        {
            queue, db, pipeline, parallel, batch, ackWait, maxAttempts, timeout, maxMessages, idleExit, quiet, noFuse,
        };
        cmd.SetAction(async (parse, ct) =>
        {
            var pipe = parse.GetValue(pipeline) is { } p ? Analyzer.FromFile(p) : Analyzer.Default;
            ISitrepStore store;
            try
            {
                store = StoreFactory.Open(parse.GetValue(db)!);
            }
            catch (StoreException e)
            {
                Console.Error.WriteLine($"sitrep: {e.Message}");
                return 2;
            }

            using (store)
            {
                var options = new QueueOptions
                {
                    AckWait = TimeSpan.FromSeconds(parse.GetValue(ackWait)),
                    MaxAttempts = Math.Max(1, parse.GetValue(maxAttempts)),
                    MaxMessageBytes = Limits.Default.MaxMessageBytes,
                };
                ArticleQueue q;
                try
                {
                    q = await ArticleQueue.OpenAsync(parse.GetValue(queue)!, options, ct).ConfigureAwait(false);
                }
                catch (QueueException e)
                {
                    Console.Error.WriteLine($"sitrep: {e.Message}");
                    return 2;
                }

                await using (q.ConfigureAwait(false))
                {
                    var processor = new ArticleProcessor(store, pipe);
                    var isQuiet = parse.GetValue(quiet);
                    var fusion = parse.GetValue(noFuse) ? null : new BatchFusion(store);
                    long finished = 0;
                    var worker = new QueueWorker(q, processor.Process)
                    {
                        Parallelism = Math.Max(1, parse.GetValue(parallel)),
                        Batch = Math.Max(1, parse.GetValue(batch)),
                        AnalysisTimeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
                        MaxMessages = parse.GetValue(maxMessages),
                        IdleExit = parse.GetValue(idleExit) is > 0 and var idle ? TimeSpan.FromSeconds(idle) : null,
                        OnDone = (id, outcome) =>
                        {
                            Interlocked.Increment(ref finished);
                            if (!isQuiet)
                            {
                                Console.Out.WriteLine($"{outcome} {id}");
                            }
                        },
                        OnError = line => Console.Error.WriteLine("sitrep: " + line),
                        OnDeadLetter = (source, error) => store.RecordError(source ?? "?", error),
                    };
                    Console.Out.WriteLine($"worker: pulling from {q.Address} into the store ({parse.GetValue(parallel)} at once)");
                    using var stopFusing = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    var fuseLoop = fusion is null
                        ? Task.CompletedTask
                        : Task.Run(() => FuseAfterBatchesAsync(fusion, () => Interlocked.Read(ref finished), stopFusing.Token), CancellationToken.None);
                    var summary = await worker.RunAsync(ct).ConfigureAwait(false);
                    await stopFusing.CancelAsync().ConfigureAwait(false);
                    await fuseLoop.ConfigureAwait(false);
                    Console.Out.WriteLine($"worker: {summary.Done} done, {summary.Retried} retried, {summary.DeadLettered} dead-lettered");
                    if (fusion is not null && !ct.IsCancellationRequested)
                    {
                        // The last write of this worker is in the store: fuse unless another worker already did after it.
                        if (TryFuse(() => fusion.Finish(ct)) is { } fused)
                        {
                            Console.Out.WriteLine(
                                $"fusion: {fused.Articles} articles in {fused.ReprintGroups} independent sources (reprint groups), {fused.Clusters} event clusters, {fused.Estimates} estimates, {fused.Contradictions} contradictions ({fused.Milliseconds} ms)");
                        }
                    }

                    return 0;
                }
            }
        });
        return cmd;
    }

    /// <summary>
    /// While the worker runs: every two seconds in which articles were finished, group their reprints and, when due,
    /// recompute the fusion (see <see cref="BatchFusion"/>). Runs beside the analysis lanes, so they never wait for it.
    /// </summary>
    private static async Task FuseAfterBatchesAsync(BatchFusion fusion, Func<long> finished, CancellationToken stop)
    {
        var seen = 0L;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(2), stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var now = finished();
            if (now == seen)
            {
                continue;
            }

            seen = now;
            try
            {
                fusion.AfterBatch(stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Console.Error.WriteLine($"sitrep: fusion failed ({e.GetType().Name}: {e.Message}); it is retried after the next batch");
            }
        }
    }

    private static FusionStats? TryFuse(Func<FusionStats?> fuse)
    {
        try
        {
            return fuse();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Console.Error.WriteLine($"sitrep: fusion failed ({e.GetType().Name}: {e.Message}); run `sitrep fuse` to fuse the store");
            return null;
        }
    }
}
