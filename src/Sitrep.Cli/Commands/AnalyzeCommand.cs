using System.CommandLine;
using Sitrep.Analysis;
using Sitrep.Cli.Ingestion;
using Sitrep.Core;
using Sitrep.Core.Serialization;
using Sitrep.Ingest;

namespace Sitrep.Cli.Commands;

/// <summary>`sitrep analyze FILE|- [--published DATE] [--json]`: the analysis of one report.</summary>
public static class AnalyzeCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "A text file, or - for standard input." };
        var published = CommonOptions.Date("--published", "The report's publication date; relative times resolve against it");
        var json = CommonOptions.Json();
        var pipeline = CommonOptions.Pipeline();
        var maxSize = CommonOptions.MaxSize();
        var showContent = new Option<bool>("--show-content") { Description = "Print the text line by line, marking what the content stage kept as the report's own (+) and what it dropped (-, with the reason)." };
        var allText = new Option<bool>("--all-text") { Description = "Turn the content stage off: analyse every line, site chrome included." };
        var cmd = new Command("analyze", "Analyse one report and print its facts with their evidence.") { file, published, json, pipeline, maxSize, showContent, allText };
        cmd.SetAction((parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            var options = new ReaderOptions { Published = parse.GetValue(published), MaxBytes = parse.GetValue(maxSize) * 1024 * 1024 };
            var result = new InputExpander(options).Expand([path], cancellationToken: ct).First();
            if (result.Item is null)
            {
                Console.Error.WriteLine($"sitrep: cannot analyse '{result.Input}': {result.Error}");
                return Task.FromResult(2);
            }

            var pipe = parse.GetValue(pipeline) is { } p ? Analyzer.FromFile(p) : Analyzer.Default;
            if (parse.GetValue(allText))
            {
                pipe = Analyzer.WithoutContentStage(pipe);
            }

            var doc = DocumentFactory.From(result.Item);
            AnalysisProgress? reached = null;
            using (doc.Text.Length > SectionedAnalysis.SectionChars ? new ProgressLines(Console.Error, () => reached is { } r ? $"'{result.Input}': {ProgressLines.Describe(r)}" : null) : null)
            {
                SectionedAnalysis.Process(pipe, doc, p => reached = p, ct);
            }

            if (parse.GetValue(showContent))
            {
                Report.PrintContent(doc, Console.Out);
            }
            else if (parse.GetValue(json))
            {
                Console.Out.WriteLine(AnalysisJson.Write(doc, indented: true, pipe.Version));
            }
            else
            {
                Report.PrintDocument(doc);
            }

            return Task.FromResult(0);
        });
        return cmd;
    }
}

/// <summary>Makes a <see cref="Document"/> from a read item.</summary>
public static class DocumentFactory
{
    public static Document From(SourceItem item) =>
        new(item.Text, item.Title, item.Url, item.Outlet, item.Published, item.Language);
}
