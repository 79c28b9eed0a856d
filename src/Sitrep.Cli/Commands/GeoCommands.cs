using System.CommandLine;
using System.Diagnostics;
using Sitrep.Geo;
using Sitrep.Geo.Evaluation;

namespace Sitrep.Cli.Commands;

/// <summary>Gazetteer building and the geo evaluations.</summary>
public static class GeoCommands
{
    /// <summary>`sitrep gazetteer build --from DIR --out FILE`.</summary>
    public static Command Create()
    {
        var gazetteer = new Command("gazetteer", "Build and inspect the place-name gazetteer.");
        var build = new Command("build", "Build the compact gazetteer from the GeoNames extracts.");
        var from = new Option<string>("--from") { Description = "Folder with the GeoNames extracts (cities500.txt.gz, admin1CodesASCII.txt, …)", Required = true };
        var output = new Option<string>("--out") { Description = "Gazetteer file to write", DefaultValueFactory = _ => Gazetteer.DefaultRelativePath };
        var extras = new Option<string>("--extras") { Description = "Folder with the hand-written files (regions, demonyms, abbreviations, lexicons)", DefaultValueFactory = _ => "data/geo" };
        var english = new Option<string?>("--english") { Description = "Folder of English UD .conllu files used to find place names that are common words" };
        build.Options.Add(from);
        build.Options.Add(output);
        build.Options.Add(extras);
        build.Options.Add(english);
        build.SetAction(parse =>
        {
            var sw = Stopwatch.StartNew();
            var outPath = parse.GetValue(output)!;
            try
            {
                var report = GazetteerBuilder.Build(parse.GetValue(from)!, parse.GetValue(extras)!, parse.GetValue(english), outPath, Console.Out);
                foreach (var note in report.Notes)
                {
                    Console.WriteLine("  " + note);
                }

                Console.WriteLine($"{report.Entries:N0} places, {report.Names:N0} names, {report.Countries} countries, {report.CentroidsReplaced} centroids replaced");
                Console.WriteLine($"wrote {outPath} ({new FileInfo(outPath).Length / 1024.0 / 1024.0:F1} MB) in {sw.Elapsed.TotalSeconds:F1} s");
                return 0;
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or FormatException)
            {
                Console.Error.WriteLine($"gazetteer build failed: {ex.Message}");
                return 1;
            }
        });
        gazetteer.Subcommands.Add(build);

        var lookup = new Command("lookup", "Show the candidates of a place name.");
        var nameArg = new Argument<string>("name");
        lookup.Arguments.Add(nameArg);
        lookup.SetAction(parse =>
        {
            var sw = Stopwatch.StartNew();
            var gaz = Gazetteer.Default;
            Console.WriteLine($"loaded {gaz.Count:N0} places, {gaz.NameCount:N0} names in {sw.ElapsedMilliseconds} ms");
            foreach (var hit in gaz.Lookup(GeoText.Fold(parse.GetValue(nameArg)!)).OrderByDescending(h => h.Entry.Population).Take(25))
            {
                var e = hit.Entry;
                Console.WriteLine($"{e.GeonameId,10} {e.Name,-30} {e.FeatureClass,-8} {e.Country}.{e.Admin1}.{e.Admin2} pop={e.Population:N0} ({e.Lat:F3}, {e.Lon:F3}) {hit.Link}");
            }

            return 0;
        });
        gazetteer.Subcommands.Add(lookup);

        var tag = new Command("tag", "Find and resolve the places of a text (a file path or the text itself).");
        var textArg = new Argument<string>("text");
        tag.Arguments.Add(textArg);
        tag.SetAction(parse =>
        {
            var input = parse.GetValue(textArg)!;
            var text = File.Exists(input) ? File.ReadAllText(input) : input;
            var resolver = new PlaceResolver(Gazetteer.Default);
            foreach (var r in resolver.Resolve(text, resolver.Recognizer.Recognize(text, null)))
            {
                var e = r.Entry;
                Console.WriteLine($"[{r.Toponym.Span.Start},{r.Toponym.Span.End}) {text[r.Toponym.Span.Start..r.Toponym.Span.End],-25} → {(e is null ? "unknown" : $"{e.Name} {e.FeatureClass} {e.Country}.{e.Admin1} {e.GeonameId} ({e.Lat:F3}, {e.Lon:F3}) {e.Precision}")} score={r.Score:F1} margin={r.Margin:F1} candidates={r.Toponym.Hits.Count}");
            }

            return 0;
        });
        gazetteer.Subcommands.Add(tag);
        return gazetteer;
    }

    /// <summary>`sitrep eval geo --gold FILE… [--gold-spans] [--json]`.</summary>
    public static Command CreateEvalGeo()
    {
        var cmd = new Command("geo", "Toponym recognition and resolution against geoparsing gold (LGL, TR-News, GeoWebNews).");
        var gold = new Option<string[]>("--gold") { Description = "Gold XML files", Required = true, AllowMultipleArgumentsPerToken = true };
        var spans = new Option<bool>("--gold-spans") { Description = "Resolve the gold toponym spans only (resolution alone)" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object of the figures" };
        var verbose = new Option<int>("--show-errors") { Description = "Print this many errors per kind" };
        var noNer = new Option<bool>("--no-ner") { Description = "Recognise toponyms from the gazetteer alone (no named-entity mentions)" };
        var breakdown = new Option<bool>("--breakdown") { Description = "Count where the gold toponyms with coordinates go: within 161 km, right id but far (by feature type), wrong id, unresolved, unmatched; and the acc@161km ceiling" };
        cmd.Options.Add(gold);
        cmd.Options.Add(breakdown);
        cmd.Options.Add(spans);
        cmd.Options.Add(noNer);
        cmd.Options.Add(json);
        cmd.Options.Add(verbose);
        cmd.SetAction(parse =>
        {
            try
            {
                var ner = parse.GetValue(noNer) ? null : NerMentions();
                var result = GeoEvaluation.Run(Gazetteer.Default, parse.GetValue(gold)!, parse.GetValue(spans), parse.GetValue(verbose), Console.Out, ner, parse.GetValue(breakdown));
                Console.WriteLine(parse.GetValue(json) ? result.ToJson() : result.ToTable());
                return 0;
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or System.Xml.XmlException)
            {
                Console.Error.WriteLine($"eval geo failed: {ex.Message}");
                return 1;
            }
        });
        return cmd;
    }

    /// <summary>The default pipeline's stages up to the named-entity recogniser, as a text → mentions function.</summary>
    private static Func<string, IReadOnlyList<Sitrep.Core.Mention>> NerMentions()
    {
        const string json = """
            { "stages": [ { "name": "sitrep.Normalizer.v1" }, { "name": "sitrep.Tokenizer.v1" }, { "name": "sitrep.SentenceSplitter.v1" }, { "name": "sitrep.EntityRecognizer.v1" } ] }
            """;
        var pipeline = Sitrep.Analysis.StageCatalog.CreateRegistry().BuildFromJson(json, Sitrep.Core.SitrepPaths.Models, "the NER stages of eval geo");
        return text => pipeline.Process(new Sitrep.Core.Document(text)).Mentions;
    }

    /// <summary>`sitrep eval events-geo --cir FILE [--ucdp FILE] [--json]`.</summary>
    public static Command CreateEvalEventsGeo()
    {
        var cmd = new Command("events-geo", "Place of short event descriptions against the events' coordinates (CIR, UCDP).");
        var cir = new Option<string?>("--cir") { Description = "CIR Russia-Ukraine monitor events CSV" };
        var ucdp = new Option<string?>("--ucdp") { Description = "UCDP GED CSV (headline + where_description)" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object of the figures" };
        var verbose = new Option<int>("--show-errors") { Description = "Print this many errors" };
        cmd.Options.Add(cir);
        cmd.Options.Add(ucdp);
        cmd.Options.Add(json);
        cmd.Options.Add(verbose);
        cmd.SetAction(parse =>
        {
            if (parse.GetValue(cir) is null && parse.GetValue(ucdp) is null)
            {
                Console.Error.WriteLine("eval events-geo: give --cir FILE and/or --ucdp FILE");
                return 2;
            }

            try
            {
                var result = EventGeoEvaluation.Run(Gazetteer.Default, parse.GetValue(cir), parse.GetValue(ucdp), parse.GetValue(verbose), Console.Out);
                Console.WriteLine(parse.GetValue(json) ? result.ToJson() : result.ToTable());
                return 0;
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or FormatException)
            {
                Console.Error.WriteLine($"eval events-geo failed: {ex.Message}");
                return 1;
            }
        });
        return cmd;
    }
}
