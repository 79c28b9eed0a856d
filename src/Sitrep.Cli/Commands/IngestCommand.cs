using System.CommandLine;
using Sitrep.Analysis;
using Sitrep.Cli.Ingestion;
using Sitrep.Ingest;
using Sitrep.Storage;
using Sitrep.Storage.Fusion;
using Spectre.Console;

namespace Sitrep.Cli.Commands;

/// <summary>`sitrep ingest PATH|URL... [--db FILE]`: read, analyse and store reports, then fuse them.</summary>
public static class IngestCommand
{
    /// <summary>The reader options shared by `ingest` and `watch`.</summary>
    public sealed class ReaderOptionSet
    {
        public Option<DateOnly?> Published { get; } = CommonOptions.Date("--published", "Publication date for inputs that carry none");

        public Option<long> MaxSize { get; } = CommonOptions.MaxSize();

        public Option<string?> TextField { get; } = new("--text-field") { Description = "JSONL/CSV field(s) with the text, first non-empty wins, e.g. description_en,headline" };

        public Option<string?> TitleField { get; } = new("--title-field") { Description = "JSONL/CSV field(s) with the title" };

        public Option<string?> DateField { get; } = new("--date-field") { Description = "JSONL/CSV field(s) with the publication date" };

        public Option<string?> UrlField { get; } = new("--url-field") { Description = "JSONL/CSV field(s) with the URL" };

        public Option<string?> OutletField { get; } = new("--outlet-field") { Description = "JSONL/CSV field(s) with the outlet" };

        public Option<bool> Follow { get; } = new("--follow") { Description = "Fetch each feed item's page and read its main text" };

        public Option<bool> AllowPrivate { get; } = new("--allow-private") { Description = "Allow fetching private, loopback and link-local addresses" };

        public Option<int> Timeout { get; } = new("--timeout") { Description = "Seconds to wait for a URL", DefaultValueFactory = _ => 20 };

        public Option<int> MaxRedirects { get; } = new("--max-redirects") { Description = "Redirects followed per URL", DefaultValueFactory = _ => 5 };

        public void AddTo(Command cmd)
        {
            foreach (var o in new Option[] { Published, MaxSize, TextField, TitleField, DateField, UrlField, OutletField, Follow, AllowPrivate, Timeout, MaxRedirects })
            {
                cmd.Options.Add(o);
            }
        }

        public ReaderOptions Read(ParseResult parse)
        {
            var d = FieldMapping.Default;
            IReadOnlyList<string> Pick(Option<string?> o, IReadOnlyList<string> fallback) => parse.GetValue(o) is { } v ? FieldMapping.Parse(v) : fallback;
            return new ReaderOptions
            {
                Published = parse.GetValue(Published),
                MaxBytes = parse.GetValue(MaxSize) * 1024 * 1024,
                Fields = new FieldMapping
                {
                    Text = Pick(TextField, d.Text),
                    Title = Pick(TitleField, d.Title),
                    Date = Pick(DateField, d.Date),
                    Url = Pick(UrlField, d.Url),
                    Outlet = Pick(OutletField, d.Outlet),
                },
                FollowLinks = parse.GetValue(Follow),
                Fetch = new FetchOptions
                {
                    AllowPrivate = parse.GetValue(AllowPrivate),
                    Timeout = TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(Timeout))),
                    MaxRedirects = Math.Max(0, parse.GetValue(MaxRedirects)),
                },
            };
        }
    }

    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Files, folders (searched recursively), glob patterns, http(s) URLs of pages or feeds, or - for standard input.", Arity = ArgumentArity.OneOrMore };
        var db = CommonOptions.Db();
        var pipeline = CommonOptions.Pipeline();
        var queue = QueueCommandOptions.Queue();
        var noFuse = new Option<bool>("--no-fuse") { Description = "Do not fuse after each batch (run `sitrep fuse` later)" };
        var readers = new ReaderOptionSet();
        var cmd = new Command("ingest", "Read, analyse and store reports (text, HTML, RSS/Atom/JSON feeds, JSONL, CSV, URLs), then fuse them; re-ingesting the same text is a no-op.") { paths, db, pipeline, noFuse, queue };
        readers.AddTo(cmd);
        cmd.SetAction((parse, ct) =>
        {
            var options = readers.Read(parse);
            if (parse.GetValue(queue) is { } queueAddress)
            {
                using var publishFetcher = new UrlFetcher(options.Fetch, options.MaxBytes);
                return QueueCommandOptions.PublishAsync(queueAddress, SourceReaders.CreateExpander(options, publishFetcher).Expand(parse.GetValue(paths)!, cancellationToken: ct), ct);
            }

            var pipe = parse.GetValue(pipeline) is { } p ? Analyzer.FromFile(p) : Analyzer.Default;
            if (CommonOptions.OpenStore(parse.GetValue(db)!, mustExist: false) is not { } opened)
            {
                return Task.FromResult(2);
            }

            using var store = opened;
            var mark = store.LatestAnalysisId();
            using var fetcher = new UrlFetcher(options.Fetch, options.MaxBytes);
            var inputs = SourceReaders.CreateExpander(options, fetcher).Expand(parse.GetValue(paths)!, cancellationToken: ct);
            var fusion = parse.GetValue(noFuse) ? null : new BatchFusion(store);
            var runner = new IngestRunner(store, pipe) { AfterBatch = fusion is null ? null : fusion.AfterBatch };
            var summary = Run(runner, inputs, ct);
            FusionStats? fused;
            using (Console.IsOutputRedirected ? new ProgressLines(Console.Out, () => "fusing the stored reports") : null)
            {
                fused = fusion?.Finish(ct);
            }

            PrintSummary(summary, store, fused);
            WatchlistCommand.RaiseAlertsAsync(store, parse.GetValue(db)!, mark, ct).GetAwaiter().GetResult();
            return Task.FromResult(summary.AllSucceeded ? 0 : 2);
        });
        return cmd;
    }

    /// <summary>Runs an ingest with the default runner (no fusion).</summary>
    public static IngestSummary Run(ISitrepStore store, Core.Pipeline.Pipeline pipeline, IEnumerable<ReadResult> inputs, CancellationToken ct) =>
        Run(new IngestRunner(store, pipeline), inputs, ct);

    /// <summary>Runs an ingest with a progress display: a bar on a terminal, plain lines when output is piped.</summary>
    /// <remarks>Progress covers the analysis of a single long input too (section by section).</remarks>
    public static IngestSummary Run(IngestRunner runner, IEnumerable<ReadResult> inputs, CancellationToken ct)
    {
        void OnError(string line) => Console.Error.WriteLine("sitrep: " + line);
        IngestSummary? counts = null;
        (string Input, AnalysisProgress Progress)? analysing = null;
        string? State()
        {
            var c = counts is { } s ? $"{s.Read + s.Failed} inputs, {s.Stored} stored, {s.Failed} failed" : null;
            var a = analysing is not { } x ? null
                : x.Progress.Done < x.Progress.Total ? $"'{x.Input}': {ProgressLines.Describe(x.Progress)}"
                : $"'{x.Input}': analysed, storing and fusing";
            return c is null ? a ?? "reading and analysing the first inputs" : a is null ? c : c + "; " + a;
        }

        var before = runner.AnalysisProgress;
        runner.AnalysisProgress = (input, p) =>
        {
            before?.Invoke(input, p);
            if (p.Sections > 1)
            {
                analysing = (input, p);
            }
        };
        try
        {
            if (Console.IsOutputRedirected || Console.IsErrorRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
            {
                using var lines = new ProgressLines(Console.Out, State);
                return runner.Run(inputs, s => (counts, analysing) = (s, null), OnError, ct);
            }

            IngestSummary? result = null;
            AnsiConsole.Progress().Start(context =>
            {
                var task = context.AddTask("ingesting", maxValue: double.MaxValue);
                task.IsIndeterminate = true;
                using var timer = new Timer(_ => task.Description = State() ?? "ingesting", null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
                result = runner.Run(inputs, s => (counts, analysing) = (s, null), OnError, ct);
                task.StopTask();
            });
            return result!;
        }
        finally
        {
            runner.AnalysisProgress = before;
        }
    }

    public static void PrintSummary(IngestSummary s, ISitrepStore store, FusionStats? fused = null)
    {
        var counts = store.Counts();
        var languages = s.NotAnalysedByLanguage.Count == 0 ? "" : " [" + string.Join(", ", s.NotAnalysedByLanguage.Select(kv => $"not analysed: {kv.Key} {kv.Value}")) + "]";
        Console.Out.WriteLine(
            $"ingest: {s.Read} read, {s.Stored} stored, {s.Revised} revised, {s.Unchanged} unchanged, {s.NotAnalysed} not analysed (language){languages}, {s.Failed} failed{(s.Warnings > 0 ? $", {s.Warnings} warnings" : "")}");
        if (s.Undated > 0)
        {
            Console.Out.WriteLine(
                $"dates: {s.Undated} of {s.Read} reports have no publication date and are stored undated (first: {s.UndatedExample}); choose the date field of JSONL/CSV records with --date-field, or give the date with --published");
        }

        Console.Out.WriteLine(
            $"store: {counts.Articles} articles ({counts.NotAnalysed} not analysed), {counts.Events} events, {counts.Claims} claims, {counts.Quantities} quantities, {counts.Places} places, {counts.Actors} actors");
        if (fused is not null)
        {
            Console.Out.WriteLine(
                $"fusion: {fused.Articles} articles in {fused.ReprintGroups} independent sources (reprint groups), {fused.Clusters} event clusters, {fused.Estimates} estimates, {fused.Contradictions} contradictions ({fused.Milliseconds} ms)");
        }
    }
}
