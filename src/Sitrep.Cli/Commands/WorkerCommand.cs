using System.CommandLine;
using Sitrep.Analysis;
using Sitrep.Cli.Ingestion;
using Sitrep.Core;
using Sitrep.Queue;
using Sitrep.Storage;

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
        var batch = new Option<int>("--batch") { Description = "Messages pulled per request by each lane (batch × analysis time must stay well below the ack wait).", DefaultValueFactory = _ => 4 };
        var cmd = new Command("worker", "Pull articles from the JetStream work queue, analyse them and store them; acknowledge each only once it is stored.")
        {
            queue, db, pipeline, parallel, batch, ackWait, maxAttempts, timeout, maxMessages, idleExit, quiet,
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
                    var worker = new QueueWorker(q, processor.Process)
                    {
                        Parallelism = Math.Max(1, parse.GetValue(parallel)),
                        Batch = Math.Max(1, parse.GetValue(batch)),
                        AnalysisTimeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
                        MaxMessages = parse.GetValue(maxMessages),
                        IdleExit = parse.GetValue(idleExit) is > 0 and var idle ? TimeSpan.FromSeconds(idle) : null,
                        OnDone = (id, outcome) =>
                        {
                            if (!isQuiet)
                            {
                                Console.Out.WriteLine($"{outcome} {id}");
                            }
                        },
                        OnError = line => Console.Error.WriteLine("sitrep: " + line),
                        OnDeadLetter = (source, error) => store.RecordError(source ?? "?", error),
                    };
                    Console.Out.WriteLine($"worker: pulling from {q.Address} into the store ({parse.GetValue(parallel)} at once)");
                    var summary = await worker.RunAsync(ct).ConfigureAwait(false);
                    Console.Out.WriteLine($"worker: {summary.Done} done, {summary.Retried} retried, {summary.DeadLettered} dead-lettered");
                    return 0;
                }
            }
        });
        return cmd;
    }
}
