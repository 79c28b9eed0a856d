using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Sitrep.Text.Evaluation;

namespace Sitrep.Cli.Commands;

/// <summary>`sitrep eval content` (boilerplate removal) and `sitrep eval sentences` (sentence boundaries on WikiEvents).</summary>
public static class ContentEvalCommands
{
    public static void AddTo(Command eval)
    {
        eval.Subcommands.Add(ContentCommand());
        eval.Subcommands.Add(SentencesCommand());
    }

    private static Command ContentCommand()
    {
        var gold = new Option<string>("--gold") { Description = "content ranges, e.g. ../shared/gold/content-ranges.json", Required = true };
        var pages = new Option<string?>("--pages") { Description = "the pages' JSON Lines (default: ../data/ukraine-war-news-en/scraped_articles_2026.jsonl beside the gold's folder)" };
        var json = CommonOptions.Json();
        var verbose = new Option<bool>("--verbose") { Description = "also list every line kept against the gold (FP) or dropped against it (FN), with learning" };
        var cmd = new Command("content", "Character precision and recall of the content stage against hand-marked article ranges, per page, without and with per-outlet learning (pages in date order).") { gold, pages, json, verbose };
        cmd.SetAction((parse, ct) =>
        {
            var goldPath = parse.GetValue(gold)!;
            var pagesPath = parse.GetValue(pages) ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(goldPath))!, "..", "data", "ukraine-war-news-en", "scraped_articles_2026.jsonl");
            foreach (var (path, what) in new[] { (goldPath, "gold ranges"), (pagesPath, "pages") })
            {
                if (!File.Exists(path))
                {
                    Console.Error.WriteLine($"sitrep: no {what} file at '{path}'");
                    return Task.FromResult(2);
                }
            }

            ContentEvaluationResult result;
            try
            {
                result = ContentEvaluation.Evaluate(ContentEvaluation.Read(goldPath, pagesPath), null, parse.GetValue(verbose) ? Console.Out : null, ct);
            }
            catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
            {
                Console.Error.WriteLine($"sitrep: cannot read the content gold: {e.Message}");
                return Task.FromResult(2);
            }

            if (parse.GetValue(json))
            {
                object Figures(ContentCounts c) => new { precision = c.Precision, recall = c.Recall, f1 = c.F1, kept_chars = c.Kept, gold_chars = c.Gold, both_chars = c.Both };
                Console.Out.WriteLine(JsonSerializer.Serialize(new
                {
                    pages = result.Pages,
                    without_learning = Figures(result.Alone),
                    with_learning = Figures(result.Learned),
                    per_page = result.PageResults.Select(p => new { id = p.Id, outlet = p.Outlet, date = p.Date, chars = p.Chars, without_learning = Figures(p.Alone), with_learning = Figures(p.Learned) }),
                }, ListCommand.JsonOut));
                return Task.FromResult(0);
            }

            var w = Console.Out;
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"page",-7} {"outlet",-30} {"date",-10} {"chars",7} {"gold",7} {"P",6} {"R",6}   {"P+learn",7} {"R+learn",7}"));
            foreach (var p in result.PageResults)
            {
                w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{p.Id,-7} {Cut(p.Outlet, 30),-30} {p.Date ?? "",-10} {p.Chars,7} {p.Alone.Gold,7} {p.Alone.Precision,6:0.000} {p.Alone.Recall,6:0.000}   {p.Learned.Precision,7:0.000} {p.Learned.Recall,7:0.000}"));
            }

            w.WriteLine();
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"",-22} {"precision",9} {"recall",9} {"f1",9} {"kept",9} {"gold",9}"));
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"without learning",-22} {result.Alone.Precision,9:0.0000} {result.Alone.Recall,9:0.0000} {result.Alone.F1,9:0.0000} {result.Alone.Kept,9} {result.Alone.Gold,9}"));
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"with per-outlet",-22} {result.Learned.Precision,9:0.0000} {result.Learned.Recall,9:0.0000} {result.Learned.F1,9:0.0000} {result.Learned.Kept,9} {result.Learned.Gold,9}"));
            w.WriteLine($"{result.Pages} pages; characters other than whitespace; pages in date order, undated last");
            return Task.FromResult(0);
        });
        return cmd;
    }

    private static Command SentencesCommand()
    {
        var wiki = new Option<string>("--wikievents") { Description = "the WikiEvents folder (dev.jsonl, test.jsonl), e.g. ../shared/data/event-extraction-gold/wikievents", Required = true };
        var json = CommonOptions.Json();
        var verbose = new Option<bool>("--verbose") { Description = "list the gold sentences missed and the predicted ones that match none" };
        var cmd = new Command("sentences", "Sentence-boundary precision, recall and F1 on WikiEvents dev+test texts as given.") { wiki, json, verbose };
        cmd.SetAction((parse, ct) =>
        {
            var dir = parse.GetValue(wiki)!;
            var files = new[] { "dev.jsonl", "test.jsonl" }.Select(f => Path.Combine(dir, f)).ToList();
            var absent = files.FirstOrDefault(f => !File.Exists(f));
            if (absent is not null)
            {
                Console.Error.WriteLine($"sitrep: no WikiEvents file at '{absent}'");
                return Task.FromResult(2);
            }

            var docs = SentenceEvaluation.ReadWikiEvents(files, out var unaligned);
            var r = SentenceEvaluation.Evaluate(docs, unaligned, parse.GetValue(verbose) ? Console.Out : null, ct);
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(r, ListCommand.JsonOut));
            }
            else
            {
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"",-10} {"precision",10} {"recall",10} {"f1",10}"));
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"sentences",-10} {r.Precision,10:0.0000} {r.Recall,10:0.0000} {r.F1,10:0.0000}"));
                Console.Out.WriteLine($"{r.Documents} documents, {r.GoldSentences} gold sentences ({r.Unaligned} not found in the text), {r.PredictedSentences} predicted, {r.Matched} exact");
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"gold sentence starts found: {r.FoundBoundaries} of {r.GoldBoundaries} ({r.BoundaryRecall:0.0000})"));
            }

            return Task.FromResult(0);
        });
        return cmd;
    }

    private static string Cut(string s, int n) => s.Length <= n ? s : s[..(n - 1)] + "…";
}
