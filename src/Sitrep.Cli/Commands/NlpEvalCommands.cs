using System.CommandLine;
using System.Text.Json;
using Sitrep.Tagging;
using Sitrep.Training;

namespace Sitrep.Cli.Commands;

/// <summary>`sitrep eval pos|parser|ner`: scores of the shipped NLP models against gold corpora.</summary>
public static class NlpEvalCommands
{
    private static readonly JsonSerializerOptions JsonOut = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Adds the pos, parser and ner subcommands to the `eval` command.</summary>
    public static void AddTo(Command eval)
    {
        ArgumentNullException.ThrowIfNull(eval);
        eval.Subcommands.Add(Pos());
        eval.Subcommands.Add(Parser());
        eval.Subcommands.Add(Ner());
        eval.Subcommands.Add(NlpSpeed());
    }

    /// <summary>
    /// `sitrep eval nlp-speed --text FILE`: cold model load time, then the normaliser, tokenizer, sentence splitter,
    /// tagger and NER over raw text (plain text, or JSON lines with a "text" field), in tokens per CPU second of the
    /// whole process (one thread; measured after a warm-up pass over the first documents).
    /// </summary>
    private static Command NlpSpeed()
    {
        var text = new Option<string>("--text") { Description = "Raw text: a .txt file (one document) or .jsonl with a \"text\" field per line", Required = true };
        var models = ModelsOption();
        var json = JsonOption();
        var withParser = new Option<bool>("--parser") { Description = "Also load and run the dependency parser" };
        var cmd = new Command("nlp-speed", "Load time and throughput of tokenizer + tagger + NER (optionally + parser) on raw text (process CPU time).") { text, models, json, withParser };
        cmd.SetAction(parse => Guard(() =>
        {
            var path = RequireFile(parse.GetValue(text)!, "text");
            var texts = path.EndsWith(".jsonl", StringComparison.Ordinal)
                ? File.ReadLines(path).Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => JsonDocument.Parse(l).RootElement.TryGetProperty("text", out var t) ? t.GetString() ?? "" : "").Where(t => t.Length > 0).ToList()
                : [File.ReadAllText(path)];
            var dir = parse.GetValue(models)!;
            var proc = System.Diagnostics.Process.GetCurrentProcess();
            var cpu0 = proc.TotalProcessorTime;
            var wall = System.Diagnostics.Stopwatch.StartNew();
            var pos = NlpModels.Pos(dir);
            var ner = NlpModels.Ner(dir);
            var parser = parse.GetValue(withParser) ? NlpModels.Parser(dir) : null;
            var loadWall = wall.Elapsed.TotalSeconds;
            proc.Refresh();
            var loadCpu = (proc.TotalProcessorTime - cpu0).TotalSeconds;
            Sitrep.Core.Pipeline.IStage[] stages = parser is null
                ? [new Sitrep.Text.Normalizer(), new Sitrep.Text.Tokenizer(), new Sitrep.Text.SentenceSplitter(), new PosTaggerStage(pos), new EntityRecognizerStage(ner)]
                : [new Sitrep.Text.Normalizer(), new Sitrep.Text.Tokenizer(), new Sitrep.Text.SentenceSplitter(), new PosTaggerStage(pos), new EntityRecognizerStage(ner), new DependencyParserStage(parser)];
            var perStage = new double[stages.Length];
            long tokens = 0;
            foreach (var t in texts.Take(20))
            {
                var warm = new Sitrep.Core.Document(t);
                foreach (var st in stages)
                {
                    st.Process(warm, CancellationToken.None);
                }
            }

            proc.Refresh();
            var cpu1 = proc.TotalProcessorTime;
            wall.Restart();
            var sw = new System.Diagnostics.Stopwatch();
            foreach (var t in texts)
            {
                var doc = new Sitrep.Core.Document(t);
                for (var i = 0; i < stages.Length; i++)
                {
                    sw.Restart();
                    stages[i].Process(doc, CancellationToken.None);
                    perStage[i] += sw.Elapsed.TotalSeconds;
                }

                tokens += doc.Tokens.Count;
            }

            var runWall = wall.Elapsed.TotalSeconds;
            proc.Refresh();
            var runCpu = Math.Max((proc.TotalProcessorTime - cpu1).TotalSeconds, 1e-9);
            var shares = stages.Select((st, i) => (st.Name, share: perStage[i] / Math.Max(perStage.Sum(), 1e-9))).ToList();
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(new
                {
                    documents = texts.Count,
                    tokens,
                    tokens_per_cpu_second = Math.Round(tokens / runCpu),
                    tokens_per_second = Math.Round(tokens / Math.Max(runWall, 1e-9)),
                    load_seconds = Math.Round(loadWall, 3),
                    load_cpu_seconds = Math.Round(loadCpu, 3),
                    stage_share = shares.ToDictionary(x => x.Name, x => Math.Round(x.share, 3)),
                }, JsonOut));
            }
            else
            {
                Console.Out.WriteLine($"load ({(parser is null ? "tagger + NER" : "tagger + NER + parser")}, verify + read): {loadWall:0.000} s wall, {loadCpu:0.000} s CPU");
                Console.Out.WriteLine($"{texts.Count} documents, {tokens} tokens: {tokens / runCpu:0} tokens per CPU second, {tokens / Math.Max(runWall, 1e-9):0} tokens/s wall clock");
                foreach (var (name, share) in shares)
                {
                    Console.Out.WriteLine($"  {name,-32} {share,6:P1} of the time");
                }
            }
        }));
        return cmd;
    }

    private static Option<string> ModelsOption() => new("--models") { Description = "Models directory", DefaultValueFactory = _ => ModelStore.DefaultModelsDirectory() };

    private static Option<bool> JsonOption() => new("--json") { Description = "Print one JSON object of the figures" };

    private static Command Pos()
    {
        var conllu = new Option<string>("--conllu") { Description = "CoNLL-U file, e.g. ../shared/data/ud-english-ewt/en_ewt-ud-test.conllu", Required = true };
        var models = ModelsOption();
        var json = JsonOption();
        var cmd = new Command("pos", "UPOS and XPOS accuracy of the tagger against a CoNLL-U file.") { conllu, models, json };
        cmd.SetAction(parse => Guard(() =>
        {
            var path = RequireFile(parse.GetValue(conllu)!, "CoNLL-U");
            var load = System.Diagnostics.Stopwatch.StartNew();
            var tagger = NlpModels.Pos(parse.GetValue(models)!);
            var loadSeconds = load.Elapsed.TotalSeconds;
            var r = PosTrainer.Evaluate(tagger, ConlluReader.Read(path));
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(new { upos = r.Upos, xpos = r.Xpos, tokens = r.Tokens, tokens_per_second = Math.Round(r.TokensPerSecond), tokens_per_cpu_second = Math.Round(r.TokensPerCpuSecond), load_seconds = Math.Round(loadSeconds, 3) }, JsonOut));
            }
            else
            {
                Console.Out.WriteLine($"{"upos",-6} {r.Upos:0.0000}");
                Console.Out.WriteLine($"{"xpos",-6} {r.Xpos:0.0000}");
                Console.Out.WriteLine($"{r.Tokens} tokens, {r.TokensPerSecond:0} tokens/s wall clock, {r.TokensPerCpuSecond:0} tokens per CPU second");
            }
        }));
        return cmd;
    }

    private static Command Parser()
    {
        var conllu = new Option<string>("--conllu") { Description = "CoNLL-U file", Required = true };
        var models = ModelsOption();
        var json = JsonOption();
        var goldTags = new Option<bool>("--gold-tags") { Description = "Parse from the file's gold XPOS instead of the tagger's" };
        var cmd = new Command("parser", "Unlabelled and labelled attachment scores (all tokens, punctuation included) against a CoNLL-U file.") { conllu, models, json, goldTags };
        cmd.SetAction(parse => Guard(() =>
        {
            var path = RequireFile(parse.GetValue(conllu)!, "CoNLL-U");
            var dir = parse.GetValue(models)!;
            var load = System.Diagnostics.Stopwatch.StartNew();
            var parser = NlpModels.Parser(dir);
            var tagger = parse.GetValue(goldTags) ? null : NlpModels.Pos(dir);
            var loadSeconds = load.Elapsed.TotalSeconds;
            var r = ParserTrainer.Evaluate(parser, tagger, ConlluReader.Read(path));
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(new { upos = r.Upos, xpos = r.Xpos, uas = r.Uas, las = r.Las, las_universal = r.LasUniversal, tokens = r.Tokens, tokens_per_second = Math.Round(r.TokensPerSecond), load_seconds = Math.Round(loadSeconds, 3) }, JsonOut));
            }
            else
            {
                Console.Out.WriteLine($"{"upos",-14} {r.Upos:0.0000}");
                Console.Out.WriteLine($"{"xpos",-14} {r.Xpos:0.0000}");
                Console.Out.WriteLine($"{"uas",-14} {r.Uas:0.0000}");
                Console.Out.WriteLine($"{"las",-14} {r.Las:0.0000}");
                Console.Out.WriteLine($"{"las_universal",-14} {r.LasUniversal:0.0000}");
                Console.Out.WriteLine($"{r.Tokens} tokens, {r.TokensPerSecond:0} tokens/s (tagging + parsing)");
            }
        }));
        return cmd;
    }

    private static Command Ner()
    {
        var conll = new Option<string>("--conll") { Description = "CoNLL NER file, e.g. ../shared/data/conll2003/test.txt", Required = true };
        var models = ModelsOption();
        var json = JsonOption();
        var cmd = new Command("ner", "conlleval precision, recall and F1 per type and overall against a CoNLL NER file.") { conll, models, json };
        cmd.SetAction(parse => Guard(() =>
        {
            var path = RequireFile(parse.GetValue(conll)!, "CoNLL");
            var load = System.Diagnostics.Stopwatch.StartNew();
            var ner = NlpModels.Ner(parse.GetValue(models)!);
            var loadSeconds = load.Elapsed.TotalSeconds;
            var r = NerEvaluation.Evaluate(ner, ConllNerReader.Read(path));
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(new
                {
                    precision = r.Overall.Precision,
                    recall = r.Overall.Recall,
                    f1 = r.Overall.F1,
                    types = r.PerType.ToDictionary(kv => kv.Key, kv => new { precision = kv.Value.Precision, recall = kv.Value.Recall, f1 = kv.Value.F1, gold = kv.Value.Gold, predicted = kv.Value.Predicted }),
                    tokens = r.Tokens,
                    tokens_per_second = Math.Round(r.TokensPerSecond),
                    tokens_per_cpu_second = Math.Round(r.TokensPerCpuSecond),
                    load_seconds = Math.Round(loadSeconds, 3),
                }, JsonOut));
            }
            else
            {
                Console.Out.WriteLine($"{"type",-8} {"precision",10} {"recall",10} {"f1",10} {"gold",7} {"found",7}");
                foreach (var (type, s) in r.PerType)
                {
                    Console.Out.WriteLine($"{type,-8} {s.Precision,10:0.0000} {s.Recall,10:0.0000} {s.F1,10:0.0000} {s.Gold,7} {s.Predicted,7}");
                }

                Console.Out.WriteLine($"{"overall",-8} {r.Overall.Precision,10:0.0000} {r.Overall.Recall,10:0.0000} {r.Overall.F1,10:0.0000} {r.Overall.Gold,7} {r.Overall.Predicted,7}");
                Console.Out.WriteLine($"{r.Tokens} tokens, {r.TokensPerSecond:0} tokens/s wall clock, {r.TokensPerCpuSecond:0} tokens per CPU second");
            }
        }));
        return cmd;
    }

    private static string RequireFile(string path, string what) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"no {what} file at '{path}'", path);

    private static int Guard(Action body)
    {
        try
        {
            body();
            return 0;
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException or ModelException or IOException)
        {
            Console.Error.WriteLine($"sitrep: {e.Message}");
            return 2;
        }
    }
}
