using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Sitrep.Analysis;
using Sitrep.Cli.Ingestion;
using Sitrep.Ingest;
using Sitrep.Storage;

namespace Sitrep.Cli.Commands;

/// <summary>`sitrep watch FOLDER|FEED-URL --every 5m`: polls inputs, ingests what is new and fuses.</summary>
public static class WatchCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Folders, files, globs or feed/page URLs to poll", Arity = ArgumentArity.OneOrMore };
        var db = CommonOptions.Db();
        var pipeline = CommonOptions.Pipeline();
        var every = new Option<TimeSpan>("--every") { Description = "Interval between polls, e.g. 30s, 5m, 1h", DefaultValueFactory = _ => TimeSpan.FromMinutes(5), CustomParser = ParseInterval };
        var maxIterations = new Option<int>("--max-iterations") { Description = "Stop after this many polls (0: run until stopped)", DefaultValueFactory = _ => 0 };
        var readers = new IngestCommand.ReaderOptionSet();
        var cmd = new Command("watch", "Poll folders or feeds and ingest what is new, fusing after each poll; stop with Ctrl+C.") { paths, db, pipeline, every, maxIterations };
        readers.AddTo(cmd);
        cmd.SetAction(async (parse, ct) =>
        {
            var options = readers.Read(parse);
            var pipe = parse.GetValue(pipeline) is { } p ? Analyzer.FromFile(p) : Analyzer.Default;
            if (CommonOptions.OpenStore(parse.GetValue(db)!, mustExist: false) is not { } opened)
            {
                return 2;
            }

            using var store = opened;
            using var fetcher = new UrlFetcher(options.Fetch, options.MaxBytes);
            var interval = parse.GetValue(every);
            var max = parse.GetValue(maxIterations);
            var failedPolls = 0;
            for (var iteration = 1; max <= 0 || iteration <= max; iteration++)
            {
                var fusion = new BatchFusion(store);
                var runner = new IngestRunner(store, pipe) { SkipKnown = true, AfterBatch = fusion.AfterBatch };
                var inputs = SourceReaders.CreateExpander(options, fetcher).Expand(parse.GetValue(paths)!, cancellationToken: ct);
                try
                {
                    var summary = runner.Run(inputs, null, line => Console.Error.WriteLine("sitrep: " + line), ct);
                    var fused = fusion.Finish(ct);
                    Console.Out.WriteLine($"poll {iteration} at {DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ssZ}: {summary.Stored} new, {summary.Unchanged} known, {summary.NotAnalysed} not analysed, {summary.Failed} failed"
                        + (fused is null ? "" : $"; {fused.Clusters} event clusters, {fused.Contradictions} contradictions"));
                    failedPolls += summary.AllSucceeded ? 0 : 1;
                }
                catch (OperationCanceledException)
                {
                    return 0;
                }

                if (max > 0 && iteration >= max)
                {
                    break;
                }

                try
                {
                    await Task.Delay(interval, ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return 0;
                }
            }

            return failedPolls == 0 ? 0 : 2;
        });
        return cmd;
    }

    /// <summary>Parses "30s", "5m", "1h", "500ms" or a bare number of seconds.</summary>
    public static TimeSpan ParseInterval(ArgumentResult result)
    {
        var raw = result.Tokens.Count == 0 ? "5m" : result.Tokens[0].Value.Trim().ToLowerInvariant();
        (string Suffix, double Seconds)[] units = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)];
        foreach (var (suffix, seconds) in units)
        {
            if (raw.EndsWith(suffix, StringComparison.Ordinal) && double.TryParse(raw[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0)
            {
                return TimeSpan.FromSeconds(n * seconds);
            }
        }

        if (double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain) && plain >= 0)
        {
            return TimeSpan.FromSeconds(plain);
        }

        result.AddError($"'{raw}' is not an interval; write e.g. 30s, 5m or 1h");
        return TimeSpan.Zero;
    }
}
