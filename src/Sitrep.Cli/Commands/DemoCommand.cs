using System.CommandLine;
using Sitrep.Analysis;
using Sitrep.Cli.Ingestion;
using Sitrep.Core;
using Sitrep.Ingest;
using Sitrep.Storage;

namespace Sitrep.Cli.Commands;

/// <summary>`sitrep demo`: ingest the sample reports into a fresh store, print the situation summary and serve the dashboard on it (`--no-serve` only prints).</summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var db = new Option<string>("--db") { Description = "The demo store, created afresh.", DefaultValueFactory = _ => "sitrep-demo.db" };
        var samples = new Option<string?>("--samples") { Description = "The folder of sample reports (default: samples/ in the Sitrep folder)." };
        var noServe = new Option<bool>("--no-serve") { Description = "Only ingest and print the summary; do not serve the dashboard (for scripts and CI)." };
        var urls = new Option<string>("--urls") { Description = "Where the dashboard listens.", DefaultValueFactory = _ => ServeCommand.DefaultUrls };
        var cmd = new Command("demo", "Ingest the sample reports into a fresh store, print the situation summary, then serve the dashboard on it (Ctrl+C stops; --no-serve skips serving).") { db, samples, noServe, urls };
        cmd.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(db)!;
            var folder = parse.GetValue(samples) ?? Path.Combine(SitrepPaths.Root, "samples");
            if (!Directory.Exists(folder))
            {
                Console.Error.WriteLine($"sitrep: no samples folder at '{folder}'; pass --samples");
                return 2;
            }

            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(path + suffix);
            }

            using var store = SqliteStore.Open(path);
            // the reports are the folder's .txt files; its README describes them and is no report
            var inputs = new InputExpander(new ReaderOptions()).Expand([Path.Combine(folder, "*.txt")], cancellationToken: ct).Select(SampleMetadata.Apply);
            var fusion = new BatchFusion(store);
            var runner = new IngestRunner(store, Analyzer.Default) { AfterBatch = fusion.AfterBatch };
            var summary = IngestCommand.Run(runner, inputs, ct);
            IngestCommand.PrintSummary(summary, store, fusion.Finish(ct));
            Console.Out.WriteLine();
            SituationSummary.Print(store, Console.Out);
            Console.Out.WriteLine();
            Console.Out.WriteLine($"The demo store is '{Path.GetFullPath(path)}'; explore it with `./sitrep list events --db {path}`.");
            if (!parse.GetValue(noServe))
            {
                var options = new Sitrep.Web.WebOptions { Urls = parse.GetValue(urls)!, AlertLogPath = Sitrep.Web.Alerts.AlertLog.DefaultPathFor(path) };
                var served = await ServeCommand.RunAsync(store, options, ct).ConfigureAwait(false);
                if (served != 0)
                {
                    return served;
                }
            }

            return summary.AllSucceeded ? 0 : 2;
        });
        return cmd;
    }
}

/// <summary>
/// Sample reports start with header lines ("Title: …", "Outlet: …", "Published: YYYY-MM-DD", "URL: …") and a blank
/// line; this lifts them into the item's metadata and keeps the body as the text.
/// </summary>
public static class SampleMetadata
{
    public static ReadResult Apply(ReadResult result)
    {
        if (result.Item is not { } item)
        {
            return result;
        }

        var text = item.Text.Replace("\r\n", "\n", StringComparison.Ordinal);
        var blank = text.IndexOf("\n\n", StringComparison.Ordinal);
        if (blank < 0)
        {
            return result;
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in text[..blank].Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || line[..colon].Contains(' ', StringComparison.Ordinal))
            {
                return result;
            }

            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        DateOnly? published = headers.TryGetValue("Published", out var p) && DateOnly.TryParse(p, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : item.Published;
        var body = text[(blank + 2)..];
        var title = headers.GetValueOrDefault("Title");
        return ReadResult.Ok(item with
        {
            Text = title is null ? body : title + "\n" + body,
            Title = title ?? item.Title,
            Outlet = headers.GetValueOrDefault("Outlet") ?? item.Outlet,
            Url = headers.GetValueOrDefault("URL") ?? item.Url,
            Published = published,
        });
    }
}

/// <summary>The situation in a few lines: what happened, the largest estimates and who gave them, the claims.</summary>
public static class SituationSummary
{
    public static void Print(ISitrepStore store, TextWriter w)
    {
        var counts = store.Counts();
        w.WriteLine($"Situation: {counts.Articles} reports, {counts.Events} events, {counts.Quantities} estimates, {counts.Claims} claims.");
        var events = store.ListEvents(new ListFilter { Limit = 10_000 });
        if (events.Count > 0)
        {
            w.WriteLine("Events by type:");
            foreach (var g in events.GroupBy(e => e.Type).OrderByDescending(g => g.Count()))
            {
                w.WriteLine($"  {g.Key,-10} {g.Count(),4}  e.g. {g.First().Actor ?? "?"} -> {g.First().Target ?? "-"} @ {g.First().Location ?? "-"} ({g.First().Published})");
            }
        }

        var quantities = store.ListQuantities(new ListFilter { Limit = 10_000 });
        if (quantities.Count > 0)
        {
            w.WriteLine("Largest estimates (hedges kept):");
            foreach (var q in quantities.OrderByDescending(q => q.Point ?? q.Max ?? q.Min ?? 0).Take(8))
            {
                w.WriteLine($"  {Report.Bounds(q.Point, q.Min, q.Max),-14} {q.Unit,-12} \"{q.Text}\" — {q.ArticleTitle} ({q.Published})");
            }
        }

        var claims = store.ListClaims(new ListFilter { Limit = 10_000 });
        if (claims.Count > 0)
        {
            w.WriteLine("Who says so:");
            foreach (var g in claims.GroupBy(c => c.Source).OrderByDescending(g => g.Count()).Take(8))
            {
                w.WriteLine($"  {g.Key}: {g.Count()} claims ({string.Join(", ", g.Select(c => c.Stance).Distinct(StringComparer.Ordinal))})");
            }
        }

        if (events.Count == 0 && quantities.Count == 0)
        {
            w.WriteLine("No events or estimates were extracted yet; `sitrep list articles` shows what is stored.");
        }
    }
}
