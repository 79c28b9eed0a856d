using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Sitrep.Analysis;
using Sitrep.Core;
using Sitrep.Core.Serialization;
using Sitrep.Extraction;
using Sitrep.Extraction.Evaluation;

namespace Sitrep.Cli.Commands;

/// <summary>`sitrep eval gold|plover|news`: scores the extraction stages against gold files and runs real news through them.</summary>
public static class ExtractionEvalCommands
{
    /// <summary>The `eval` command with the extraction evaluations.</summary>
    public static Command Create()
    {
        var eval = new Command("eval", "Evaluate Sitrep against gold data.");
        AddTo(eval);
        return eval;
    }

    public static void AddTo(Command eval)
    {
        eval.Subcommands.Add(GoldCommand());
        eval.Subcommands.Add(PloverCommand());
        eval.Subcommands.Add(WikiEventsCommand());
        eval.Subcommands.Add(RamsCommand());
        eval.Subcommands.Add(NewsCommand());
        eval.Subcommands.Add(SpeedCommand());
    }

    private static Command SpeedCommand()
    {
        var cmd = new Command("speed", "Throughput of the full pipeline on 600-word articles cut from the war-news corpus.");
        var dir = new Option<string?>("--dir") { Description = "the corpus folder (default: ../shared/data/ukraine-war-news-en)" };
        var threads = new Option<int>("--threads") { Description = "worker threads (default 2)", DefaultValueFactory = _ => 2 };
        var count = new Option<int>("--articles") { Description = "articles to analyse (default 2000)", DefaultValueFactory = _ => 2000 };
        var json = new Option<bool>("--json") { Description = "print the figures as one JSON object" };
        var pipelineOpt = CommonOptions.Pipeline();
        foreach (var o in new Option[] { dir, threads, count, json, pipelineOpt })
        {
            cmd.Options.Add(o);
        }

        cmd.SetAction(pr =>
        {
            var folder = pr.GetValue(dir) ?? (SitrepPaths.SharedData is { } sd ? Path.Combine(sd, "ukraine-war-news-en") : null);
            if (folder is null || !Directory.Exists(folder))
            {
                Console.Error.WriteLine($"cannot find the corpus folder '{folder ?? "../shared/data/ukraine-war-news-en"}'; pass --dir DIR");
                return 2;
            }

            var words = NewsCorpus.Load(folder, out _).SelectMany(d => d.Doc.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToArray();
            var n = pr.GetValue(count);
            var texts = new string[n];
            for (var i = 0; i < n; i++)
            {
                var start = (int)((long)i * 600 % Math.Max(1, words.Length - 600));
                texts[i] = string.Join(' ', words, start, Math.Min(600, words.Length - start));
            }

            var pipeline = PipelineFor(pr.GetValue(pipelineOpt));
            pipeline.Process(new Document(texts[0])); // warm up
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = pr.GetValue(threads) }, i => pipeline.Process(new Document(texts[i], published: new DateOnly(2024, 11, 11))));
            sw.Stop();
            var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds;
            var perMinute = n / sw.Elapsed.TotalMinutes;
            if (pr.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object> { ["articles"] = n, ["words_per_article"] = 600, ["threads"] = pr.GetValue(threads), ["seconds"] = Math.Round(sw.Elapsed.TotalSeconds, 3), ["articles_per_minute"] = Math.Round(perMinute, 1), ["cpu_ms_per_article"] = Math.Round(cpuMs / n, 3) }));
            }
            else
            {
                Console.WriteLine($"{n} articles of 600 words on {pr.GetValue(threads)} threads: {sw.Elapsed.TotalSeconds:0.00} s, {perMinute:0} articles/minute, {cpuMs / n:0.00} ms CPU per article");
            }

            return 0;
        });
        return cmd;
    }

    private static Command GoldCommand()
    {
        var cmd = new Command("gold", "Score the analysis of articles against gold files in the seed's format: one (--gold, --text) or a folder of ID.txt + ID.gold.json pairs (--dir).");
        var gold = new Option<string?>("--gold") { Description = "the gold JSON file (with --text)" };
        var text = new Option<string?>("--text") { Description = "the article text file (with --gold)" };
        var dir = new Option<string?>("--dir") { Description = "a folder of ID.txt + ID.gold.json pairs: per-document and total figures (counts summed over documents)" };
        var published = new Option<string?>("--published") { Description = "published date YYYY-MM-DD (default: the gold file's document.published)" };
        var json = new Option<bool>("--json") { Description = "print the figures as one JSON object" };
        var verbose = new Option<bool>("--verbose") { Description = "list missed and unmatched facts" };
        var dump = new Option<bool>("--dump") { Description = "print the analysis JSON instead of scores (one article only)" };
        var pipelineOpt = CommonOptions.Pipeline();
        foreach (var o in new Option[] { gold, text, dir, published, json, verbose, dump, pipelineOpt })
        {
            cmd.Options.Add(o);
        }

        cmd.SetAction(pr =>
        {
            var pairs = new List<(string Id, string Gold, string Text)>();
            if (pr.GetValue(dir) is { } folder)
            {
                if (!Directory.Exists(folder))
                {
                    Console.Error.WriteLine($"--dir '{folder}' is not a folder");
                    return 2;
                }

                foreach (var g in Directory.GetFiles(folder, "*.gold.json").Order(StringComparer.Ordinal))
                {
                    var id = Path.GetFileName(g)[..^".gold.json".Length];
                    var t = Path.Combine(folder, id + ".txt");
                    if (!File.Exists(t))
                    {
                        Console.Error.WriteLine($"{g}: no text file {id}.txt beside it; skipped");
                        continue;
                    }

                    pairs.Add((id, g, t));
                }

                if (pairs.Count == 0)
                {
                    Console.Error.WriteLine($"--dir '{folder}' holds no ID.gold.json + ID.txt pairs");
                    return 2;
                }
            }
            else if (pr.GetValue(gold) is { } g1 && pr.GetValue(text) is { } t1)
            {
                pairs.Add((Path.GetFileNameWithoutExtension(t1), g1, t1));
            }
            else
            {
                Console.Error.WriteLine("give --gold FILE --text FILE, or --dir FOLDER");
                return 2;
            }

            var pipeline = PipelineFor(pr.GetValue(pipelineOpt));
            var perDoc = new List<(string Id, GoldReport Report, List<string> Violations)>();
            foreach (var (id, goldPath, textPath) in pairs)
            {
                string goldJson, article;
                try
                {
                    goldJson = File.ReadAllText(goldPath);
                    article = File.ReadAllText(textPath);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    Console.Error.WriteLine($"cannot read input: {e.Message}");
                    return 2;
                }

                DateOnly? pub = null;
                var pubText = pr.GetValue(published);
                if (pubText is null)
                {
                    using var g = JsonDocument.Parse(goldJson);
                    if (g.RootElement.TryGetProperty("document", out var d) && d.TryGetProperty("published", out var p) && p.ValueKind == JsonValueKind.String)
                    {
                        pubText = p.GetString();
                    }
                }

                if (pubText is not null)
                {
                    if (!DateOnly.TryParseExact(pubText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                    {
                        Console.Error.WriteLine($"--published '{pubText}' is not a date YYYY-MM-DD");
                        return 2;
                    }

                    pub = parsed;
                }

                // the article as `analyze ID.txt` reads it: a headline-like first line is its title
                var doc = pipeline.Process(new Document(article, title: Sitrep.Ingest.TextFileReader.GuessTitle(article), published: pub));
                if (pr.GetValue(dump) && pairs.Count == 1)
                {
                    Console.WriteLine(AnalysisJson.Write(doc));
                    return 0;
                }

                perDoc.Add((id, GoldEvaluator.Evaluate(doc, goldJson), EvidenceChecker.Check(doc)));
            }

            var sections = perDoc[0].Report.Sections.Select(s => s.Section).ToList();
            var totals = sections.Select(name => perDoc.Select(d => d.Report[name]).Aggregate(new SectionScore(name, 0, 0, 0, 0),
                (a, b) => new SectionScore(name, a.System + b.System, a.SystemMatched + b.SystemMatched, a.Gold + b.Gold, a.GoldMatched + b.GoldMatched))).ToList();
            var violationCount = perDoc.Sum(d => d.Violations.Count);

            static Dictionary<string, object> Figures(SectionScore s) => new()
            {
                ["precision"] = Math.Round(s.Precision, 4), ["recall"] = Math.Round(s.Recall, 4), ["f1"] = Math.Round(s.F1, 4),
                ["system"] = s.System, ["system_matched"] = s.SystemMatched, ["gold"] = s.Gold, ["gold_matched"] = s.GoldMatched,
            };

            if (pr.GetValue(json))
            {
                var o = new Dictionary<string, object>();
                foreach (var s in totals)
                {
                    o[s.Section] = Figures(s);
                }

                o["evidence_violations"] = violationCount;
                if (pairs.Count > 1)
                {
                    o["documents"] = perDoc.Select(d =>
                    {
                        var x = new Dictionary<string, object> { ["id"] = d.Id };
                        foreach (var s in d.Report.Sections)
                        {
                            x[s.Section] = Figures(s);
                        }

                        x["evidence_violations"] = d.Violations.Count;
                        return x;
                    }).ToList();
                }

                Console.WriteLine(JsonSerializer.Serialize(o));
                return 0;
            }

            if (pairs.Count > 1)
            {
                // one line a document: matched/system and matched/gold per section
                Console.WriteLine($"{"document",-14} " + string.Join(" ", sections.Select(n => $"{n,-17}")) + " violations");
                foreach (var d in perDoc)
                {
                    Console.WriteLine($"{d.Id,-14} " + string.Join(" ", d.Report.Sections.Select(s => $"{$"P {s.SystemMatched}/{s.System} R {s.GoldMatched}/{s.Gold}",-17}")) + $" {d.Violations.Count}");
                }

                Console.WriteLine();
            }

            Console.WriteLine($"{"section",-12} {"precision",9} {"recall",7} {"f1",7} {"system",7} {"gold",5}");
            foreach (var s in totals)
            {
                Console.WriteLine($"{s.Section,-12} {F(s.Precision),9} {F(s.Recall),7} {F(s.F1),7} {s.System,7} {s.Gold,5}");
            }

            Console.WriteLine($"evidence violations: {violationCount}");
            if (pr.GetValue(verbose))
            {
                foreach (var d in perDoc)
                {
                    if (pairs.Count > 1)
                    {
                        Console.WriteLine($"== {d.Id}");
                    }

                    foreach (var n in d.Report.Notes.Concat(d.Violations))
                    {
                        Console.WriteLine("  " + n);
                    }
                }
            }

            return 0;
        });
        return cmd;
    }

    private static Command PloverCommand()
    {
        var cmd = new Command("plover", "Event type, source and target accuracy on the PLOVER gold standard records.");
        var gsr = new Option<string?>("--gsr") { Description = "PLOVER_GSR_CAMEO.json (default: ../shared/data/event-extraction-gold/plover-gsr/PLOVER_GSR_CAMEO.json)" };
        var json = new Option<bool>("--json") { Description = "print the figures as one JSON object" };
        var verbose = new Option<bool>("--verbose") { Description = "list each record's result" };
        var half = new Option<string?>("--half") { Description = "score only the records whose number is odd or even (odd|even), to check that a change generalises" };
        var pipelineOpt = CommonOptions.Pipeline();
        var parses = new Option<bool>("--parses") { Description = "with --verbose and a parse layer, print each missed record's dependency parse" };
        cmd.Options.Add(half);
        cmd.Options.Add(parses);
        cmd.Options.Add(pipelineOpt);
        cmd.Options.Add(gsr);
        cmd.Options.Add(json);
        cmd.Options.Add(verbose);
        cmd.SetAction(pr =>
        {
            var path = pr.GetValue(gsr) ?? (SitrepPaths.SharedData is { } sd ? Path.Combine(sd, "event-extraction-gold", "plover-gsr", "PLOVER_GSR_CAMEO.json") : null);
            if (path is null || !File.Exists(path))
            {
                Console.Error.WriteLine($"cannot find the PLOVER gold file '{path ?? "../shared/data/event-extraction-gold/plover-gsr/PLOVER_GSR_CAMEO.json"}'; pass --gsr FILE");
                return 2;
            }

            var halfValue = pr.GetValue(half);
            if (halfValue is not null and not "odd" and not "even")
            {
                Console.Error.WriteLine($"--half '{halfValue}' must be odd or even");
                return 2;
            }

            var r = PloverEvaluator.Evaluate(File.ReadAllText(path), PipelineFor(pr.GetValue(pipelineOpt)), halfValue, pr.GetValue(parses));
            if (pr.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["records"] = r.Records,
                    ["covered"] = r.Covered,
                    ["type_accuracy"] = Math.Round(r.TypeAccuracy, 4),
                    ["type_accuracy_any"] = Math.Round(r.TypeAccuracyAny, 4),
                    ["source_match"] = Math.Round(r.SourceMatch, 4),
                    ["target_match"] = Math.Round(r.TargetMatch, 4),
                    ["per_type"] = r.PerType.ToDictionary(kv => kv.Key, kv => Math.Round(kv.Value.Correct / (double)Math.Max(1, kv.Value.Total), 4)),
                }));
            }
            else
            {
                Console.WriteLine($"records {r.Records}, of covered types {r.Covered}");
                Console.WriteLine($"event type accuracy (first event)   {F(r.TypeAccuracy)}");
                Console.WriteLine($"event type accuracy (any event)     {F(r.TypeAccuracyAny)}");
                Console.WriteLine($"source match (type-correct records) {F(r.SourceMatch)} of {r.SourceTotal}");
                Console.WriteLine($"target match (type-correct records) {F(r.TargetMatch)} of {r.TargetTotal}");
                Console.WriteLine($"{"type",-12} {"accuracy",8} {"n",4}");
                foreach (var (type, (correct, total)) in r.PerType.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    Console.WriteLine($"{type,-12} {F(correct / (double)Math.Max(1, total)),8} {total,4}");
                }

                if (pr.GetValue(verbose))
                {
                    foreach (var l in r.Lines)
                    {
                        Console.WriteLine(l);
                    }
                }
            }

            return 0;
        });
        return cmd;
    }

    private static Command WikiEventsCommand() => SplitEval("wikievents",
        "Event detection (by sentence, counting an event's mentions) and attack roles on WikiEvents, KAIROS types mapped to PLOVER.",
        "WikiEvents", "wikievents", split => split + ".jsonl", "list missed and wrong detections and role errors", run =>
        {
            var (splitName, folder, docs) = (run.Split, run.Folder, run.File);
            var coref = Path.Combine(folder, $"coref_{splitName}.jsonlines");
            WikiEventsReport r;
            try
            {
                r = WikiEventsEvaluator.Evaluate(File.ReadAllText(docs), File.Exists(coref) ? File.ReadAllText(coref) : null, PipelineFor(run.Pipeline));
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
            {
                Console.Error.WriteLine($"cannot read WikiEvents file '{docs}': {e.Message}");
                return 2;
            }

            if (run.Json)
            {
                var o = new Dictionary<string, object> { ["split"] = splitName, ["documents"] = r.Documents };
                foreach (var t in r.Types)
                {
                    o[t.Type] = new Dictionary<string, object>
                    {
                        ["gold"] = t.Gold, ["gold_found"] = t.GoldFound, ["recall"] = Math.Round(t.Recall, 4),
                        ["system"] = t.System, ["system_correct"] = t.SystemCorrect, ["precision"] = Math.Round(t.Precision, 4), ["f1"] = Math.Round(t.F1, 4),
                        ["events"] = t.Events, ["events_correct"] = t.EventsCorrect, ["event_precision"] = Math.Round(t.EventPrecision, 4),
                    };
                }

                foreach (var role in r.Roles)
                {
                    o[role.Role.ToLowerInvariant()] = new Dictionary<string, object> { ["total"] = role.Total, ["correct"] = role.Correct, ["accuracy"] = Math.Round(role.Accuracy, 4) };
                }

                o["evidence_violations"] = r.EvidenceViolations;
                Console.WriteLine(JsonSerializer.Serialize(o));
                return 0;
            }

            Console.WriteLine($"WikiEvents {splitName}: {r.Documents} documents");
            Console.WriteLine($"{"type",-10} {"recall",7} {"found",6} {"gold",5} {"precision",9} {"right",6} {"system",6}   {"event precision",15} {"events",6}");
            foreach (var t in r.Types)
            {
                Console.WriteLine($"{t.Type,-10} {F(t.Recall),7} {t.GoldFound,6} {t.Gold,5} {F(t.Precision),9} {t.SystemCorrect,6} {t.System,6}   {F(t.EventPrecision),15} {t.EventsCorrect,3}/{t.Events,-3}");
            }

            Console.WriteLine("(precision counts mentions; event precision counts events, one right when any of its mentions is)");

            Console.WriteLine("roles of found attacks (head word against the gold argument's coreference cluster):");
            foreach (var role in r.Roles)
            {
                Console.WriteLine($"  {role.Role.ToLowerInvariant(),-9} {F(role.Accuracy)} ({role.Correct} of {role.Total})");
            }

            return Tail(r.EvidenceViolations, r.Lines, run.Verbose);
        });

    private static Command RamsCommand() => SplitEval("rams",
        "Attacks (RAMS conflict.attack.* examples) found at the gold trigger, and their attacker, target and place by head word.",
        "RAMS", "rams", split => split + ".jsonlines", "list missed attacks and role errors", run =>
        {
            var (splitName, file) = (run.Split, run.File);
            RamsReport r;
            try
            {
                r = RamsEvaluator.Evaluate(File.ReadAllText(file), PipelineFor(run.Pipeline));
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
            {
                Console.Error.WriteLine($"cannot read RAMS file '{file}': {e.Message}");
                return 2;
            }

            if (run.Json)
            {
                var o = new Dictionary<string, object>
                {
                    ["split"] = splitName, ["examples"] = r.Examples, ["found"] = r.Found, ["recall"] = Math.Round(r.Recall, 4),
                };
                foreach (var role in r.Roles)
                {
                    o[role.Role] = new Dictionary<string, object> { ["total"] = role.Total, ["correct"] = role.Correct, ["accuracy"] = Math.Round(role.Accuracy, 4) };
                }

                o["evidence_violations"] = r.EvidenceViolations;
                Console.WriteLine(JsonSerializer.Serialize(o));
                return 0;
            }

            Console.WriteLine($"RAMS {splitName}: {r.Examples} conflict.attack examples");
            Console.WriteLine($"attacks found at the gold trigger: {F(r.Recall)} ({r.Found} of {r.Examples})");
            Console.WriteLine("roles of found attacks (head word against the gold argument; pronoun arguments not scored):");
            foreach (var role in r.Roles)
            {
                Console.WriteLine($"  {role.Role,-9} {F(role.Accuracy)} ({role.Correct} of {role.Total})");
            }

            return Tail(r.EvidenceViolations, r.Lines, run.Verbose);
        });

    /// <summary>One run of an eval over a split of a gold folder: the split, the folder, the split's file and the options.</summary>
    private sealed record SplitRun(string Split, string Folder, string File, bool Json, bool Verbose, string? Pipeline);

    /// <summary>
    /// An eval over one split of a corpus under ../shared/data/event-extraction-gold (--split dev|test, --dir, --json,
    /// --verbose, --pipeline): checks the split and finds its file, then runs <paramref name="run"/>.
    /// </summary>
    private static Command SplitEval(string name, string description, string label, string corpus, Func<string, string> fileName, string verboseDescription, Func<SplitRun, int> run)
    {
        var cmd = new Command(name, description);
        var split = new Option<string>("--split") { Description = "dev or test", DefaultValueFactory = _ => "dev" };
        var dir = new Option<string?>("--dir") { Description = $"the {label} folder (default: ../shared/data/event-extraction-gold/{corpus})" };
        var json = new Option<bool>("--json") { Description = "print the figures as one JSON object" };
        var verbose = new Option<bool>("--verbose") { Description = verboseDescription };
        var pipelineOpt = CommonOptions.Pipeline();
        foreach (var o in new Option[] { split, dir, json, verbose, pipelineOpt })
        {
            cmd.Options.Add(o);
        }

        cmd.SetAction(pr =>
        {
            var splitName = pr.GetValue(split);
            if (splitName is not ("dev" or "test"))
            {
                Console.Error.WriteLine($"--split '{splitName}' must be dev or test");
                return 2;
            }

            var folder = pr.GetValue(dir) ?? (SitrepPaths.SharedData is { } sd ? Path.Combine(sd, "event-extraction-gold", corpus) : null);
            var file = folder is null ? null : Path.Combine(folder, fileName(splitName));
            if (folder is null || file is null || !File.Exists(file))
            {
                Console.Error.WriteLine($"cannot find the {label} file '{file ?? $"../shared/data/event-extraction-gold/{corpus}/{fileName(splitName)}"}'; pass --dir DIR");
                return 2;
            }

            return run(new SplitRun(splitName, folder, file, pr.GetValue(json), pr.GetValue(verbose), pr.GetValue(pipelineOpt)));
        });
        return cmd;
    }

    /// <summary>The evidence violations line, then with --verbose each listed error; exit code 0.</summary>
    private static int Tail(int evidenceViolations, IEnumerable<string> lines, bool verbose)
    {
        Console.WriteLine($"evidence violations: {evidenceViolations}");
        if (verbose)
        {
            foreach (var l in lines)
            {
                Console.WriteLine(l);
            }
        }

        return 0;
    }

    private static Command NewsCommand()
    {
        var cmd = new Command("news", "Run the ukraine-war-news-en corpus through the pipeline: no crash, counts, speed; optionally dump outputs.");
        var dir = new Option<string?>("--dir") { Description = "the corpus folder (default: ../shared/data/ukraine-war-news-en)" };
        var dumpDir = new Option<string?>("--dump") { Description = "write each analysis as JSON into this folder" };
        var json = new Option<bool>("--json") { Description = "print the figures as one JSON object" };
        var pipelineOpt = CommonOptions.Pipeline();
        cmd.Options.Add(pipelineOpt);
        cmd.Options.Add(dir);
        cmd.Options.Add(dumpDir);
        cmd.Options.Add(json);
        cmd.SetAction(pr =>
        {
            var folder = pr.GetValue(dir) ?? (SitrepPaths.SharedData is { } sd ? Path.Combine(sd, "ukraine-war-news-en") : null);
            if (folder is null || !Directory.Exists(folder))
            {
                Console.Error.WriteLine($"cannot find the corpus folder '{folder ?? "../shared/data/ukraine-war-news-en"}'; pass --dir DIR");
                return 2;
            }

            var docs = NewsCorpus.Load(folder, out var skipped);
            foreach (var s in skipped)
            {
                Console.Error.WriteLine(s);
            }

            var dump = pr.GetValue(dumpDir);
            if (dump is not null)
            {
                Directory.CreateDirectory(dump);
            }

            var pipeline = PipelineFor(pr.GetValue(pipelineOpt));
            var errors = 0;
            long words = 0;
            int events = 0, quantities = 0, claims = 0, actors = 0, violations = 0;
            var sw = Stopwatch.StartNew();
            foreach (var (id, doc) in docs)
            {
                try
                {
                    pipeline.Process(doc);
                    words += doc.TokenCount;
                    events += doc.Events.Count;
                    quantities += doc.Quantities.Count;
                    claims += doc.Claims.Count;
                    actors += doc.Actors.Count;
                    var found = EvidenceChecker.Check(doc);
                    violations += found.Count;
                    foreach (var f in found)
                    {
                        Console.Error.WriteLine($"document '{id}': {f}");
                    }

                    if (dump is not null)
                    {
                        File.WriteAllText(Path.Combine(dump, id + ".json"), AnalysisJson.Write(doc));
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    errors++;
                    Console.Error.WriteLine($"document '{id}': {e.GetType().Name}: {e.Message}");
                }
            }

            sw.Stop();
            var perMinute = docs.Count / sw.Elapsed.TotalMinutes;
            if (pr.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["documents"] = docs.Count, ["errors"] = errors, ["tokens"] = words, ["seconds"] = Math.Round(sw.Elapsed.TotalSeconds, 3),
                    ["documents_per_minute"] = Math.Round(perMinute, 1), ["events"] = events, ["quantities"] = quantities, ["claims"] = claims,
                    ["actors"] = actors, ["evidence_violations"] = violations,
                }));
            }
            else
            {
                Console.WriteLine($"documents {docs.Count}, errors {errors}, tokens {words}, {sw.Elapsed.TotalSeconds:0.00} s ({perMinute:0} documents/minute, one thread)");
                Console.WriteLine($"events {events}, quantities {quantities}, claims {claims}, actors {actors}, evidence violations {violations}");
            }

            return errors == 0 ? 0 : 1;
        });
        return cmd;
    }

    /// <summary>The pipeline named by --pipeline, or the default one.</summary>
    private static Sitrep.Core.Pipeline.Pipeline PipelineFor(string? path) => path is null ? Analyzer.Default : Analyzer.FromFile(path);

    private static string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
}
