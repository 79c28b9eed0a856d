using System.CommandLine;
using Sitrep.Analysis;
using Sitrep.Cli.Ingestion;
using Sitrep.Ingest;
using Sitrep.Storage;
using Spectre.Console;

namespace Sitrep.Cli.Commands;

/// <summary>`sitrep ingest PATH... [--db FILE]`: analyse reports and store them.</summary>
public static class IngestCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Files, folders (searched recursively), glob patterns, or - for standard input.", Arity = ArgumentArity.OneOrMore };
        var db = CommonOptions.Db();
        var published = CommonOptions.Date("--published", "Publication date for inputs that carry none");
        var pipeline = CommonOptions.Pipeline();
        var maxSize = CommonOptions.MaxSize();
        var queue = QueueCommandOptions.Queue();
        var cmd = new Command("ingest", "Analyse reports and store them; re-ingesting the same text is a no-op.") { paths, db, published, pipeline, maxSize, queue };
        cmd.SetAction((parse, ct) =>
        {
            var options = new ReaderOptions { Published = parse.GetValue(published), MaxBytes = parse.GetValue(maxSize) * 1024 * 1024 };
            if (parse.GetValue(queue) is { } queueAddress)
            {
                return QueueCommandOptions.PublishAsync(queueAddress, new InputExpander(options).Expand(parse.GetValue(paths)!, cancellationToken: ct), ct);
            }

            var pipe = parse.GetValue(pipeline) is { } p ? Analyzer.FromFile(p) : Analyzer.Default;
            using var store = StoreFactory.Open(parse.GetValue(db)!);
            var summary = Run(store, pipe, new InputExpander(options).Expand(parse.GetValue(paths)!, cancellationToken: ct), ct);
            PrintSummary(summary, store);
            return Task.FromResult(summary.AllSucceeded ? 0 : 2);
        });
        return cmd;
    }

    /// <summary>Runs an ingest with a progress display: a bar on a terminal, plain lines when output is piped.</summary>
    public static IngestSummary Run(ISitrepStore store, Core.Pipeline.Pipeline pipeline, IEnumerable<ReadResult> inputs, CancellationToken ct)
    {
        var runner = new IngestRunner(store, pipeline);
        void OnError(string line) => Console.Error.WriteLine("sitrep: " + line);
        if (Console.IsOutputRedirected || Console.IsErrorRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            var last = DateTime.UtcNow;
            return runner.Run(
                inputs,
                s =>
                {
                    if ((DateTime.UtcNow - last).TotalSeconds >= 2)
                    {
                        last = DateTime.UtcNow;
                        Console.Out.WriteLine($"progress: {s.Read + s.Failed} inputs, {s.Stored} stored, {s.Failed} failed");
                    }
                },
                OnError,
                ct);
        }

        IngestSummary? result = null;
        AnsiConsole.Progress().Start(context =>
        {
            var task = context.AddTask("ingesting", maxValue: double.MaxValue);
            task.IsIndeterminate = true;
            result = runner.Run(inputs, s => task.Description = $"ingested {s.Read + s.Failed} ({s.Stored} new, {s.Failed} failed)", OnError, ct);
            task.StopTask();
        });
        return result!;
    }

    public static void PrintSummary(IngestSummary s, ISitrepStore store)
    {
        var counts = store.Counts();
        Console.Out.WriteLine(
            $"ingest: {s.Read} read, {s.Stored} stored, {s.Revised} revised, {s.Unchanged} unchanged, {s.NotAnalysed} not analysed (language), {s.Failed} failed");
        Console.Out.WriteLine(
            $"store: {counts.Articles} articles ({counts.NotAnalysed} not analysed), {counts.Events} events, {counts.Claims} claims, {counts.Quantities} quantities, {counts.Places} places, {counts.Actors} actors");
    }
}
