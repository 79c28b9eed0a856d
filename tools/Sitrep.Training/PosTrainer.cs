using System.Diagnostics;
using Sitrep.Tagging;

namespace Sitrep.Training;

/// <summary>POS scores against a treebank.</summary>
public sealed record PosScores(double Upos, double Xpos, int Tokens, double TokensPerSecond)
{
    /// <summary>Tokens per second of process CPU time (after a warm-up pass).</summary>
    public double TokensPerCpuSecond { get; init; }
}

/// <summary>Trains the joint UPOS/XPOS averaged-perceptron tagger on CoNLL-U.</summary>
public static class PosTrainer
{
    /// <summary>Words seen fewer times than this in training get no ambiguity class.</summary>
    public const int DictionaryMinCount = 3;

    /// <summary>Tags below this share of a word's occurrences are left out of its ambiguity class.</summary>
    public const double DictionaryMinShare = 0.01;

    public static PosModel Train(string trainPath, string? devPath, string outDir, TrainSettings settings) =>
        Train([trainPath], devPath, outDir, settings);

    /// <summary>Trains on the concatenation of <paramref name="trainPaths"/> (CoNLL-U, optionally gzip'd).</summary>
    public static PosModel Train(IReadOnlyList<string> trainPaths, string? devPath, string outDir, TrainSettings settings)
    {
        ArgumentNullException.ThrowIfNull(trainPaths);
        ArgumentNullException.ThrowIfNull(settings);
        var log = settings.Log;
        var sw = Stopwatch.StartNew();
        var train = trainPaths.SelectMany(ConlluReader.Read).ToList();
        var dev = devPath is null ? null : ConlluReader.Read(devPath);
        log.WriteLine($"pos: {train.Count} training sentences, {train.Sum(s => s.Length)} tokens");

        var classIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var s in train)
        {
            for (var i = 0; i < s.Length; i++)
            {
                classIndex.TryAdd(PosModel.ClassOf(s.Upos[i], s.Xpos[i]), classIndex.Count);
            }
        }

        var classes = classIndex.OrderBy(kv => kv.Value).Select(kv => kv.Key).ToArray();
        var ap = new AveragedPerceptron(classes);
        var data = train.Select(s => (words: s.Forms.Select(WordInfo.Of).ToArray(), gold: Enumerable.Range(0, s.Length).Select(i => classIndex[PosModel.ClassOf(s.Upos[i], s.Xpos[i])]).ToArray())).ToList();
        Directory.CreateDirectory(outDir);
        var classesSource = NerTrainer.WordClassesPath();
        WordClasses? wordClasses = null;
        if (classesSource is not null)
        {
            File.Copy(classesSource, Path.Combine(outDir, PosModel.WordClassesFile), overwrite: true);
            wordClasses = WordClasses.Read(Path.Combine(outDir, PosModel.WordClassesFile));
            log.WriteLine($"pos: {wordClasses.Count} words with word classes");
        }

        var proto = new PosModel(new LinearModel(classes, [], [0], [], []), TagDictionary.Empty, wordClasses);
        var dictionary = TagDictionary.Build(data.SelectMany(d => d.words.Select((w, i) => (w, classes[d.gold[i]]))), DictionaryMinCount, DictionaryMinShare);
        log.WriteLine($"pos: tag dictionary of {dictionary.Count} words");
        var amb = data.Select(d =>
        {
            var a = new ulong[d.words.Length];
            dictionary.Classes(d.words, a);
            return a;
        }).ToList();
        var wcs = data.Select(d =>
        {
            var a = new int[d.words.Length];
            proto.ClassesOf(d.words, a);
            return a;
        }).ToList();
        var order = Enumerable.Range(0, data.Count).ToList();
        var rng = new Random(settings.Seed);
        Span<uint> feats = stackalloc uint[PosModel.MaxFeatures];
        var scores = new float[classes.Length];
        PosModel? best = null;
        var bestScore = -1.0;
        var bestEpoch = 0;
        for (var epoch = 1; epoch <= settings.Epochs; epoch++)
        {
            TrainingCommon.Shuffle(order, rng);
            int correct = 0, total = 0;
            foreach (var k in order)
            {
                var (words, gold) = data[k];
                var ambiguity = amb[k];
                var guessed = new int[words.Length];
                for (var i = 0; i < words.Length; i++)
                {
                    var p1 = i > 0 ? guessed[i - 1] : -1;
                    var p2 = i > 1 ? guessed[i - 2] : -2;
                    var n = PosModel.Extract(words, ambiguity, wcs[k], i, p1, p2, feats);
                    ap.Score(feats[..n], scores);
                    var guess = PosModel.ArgMax(scores);
                    ap.Tick();
                    ap.Update(feats[..n], gold[i], guess);
                    guessed[i] = guess;
                    correct += guess == gold[i] ? 1 : 0;
                    total++;
                }
            }

            var model = new PosModel(ap.Average(settings.Prune), dictionary, wordClasses);
            var line = $"pos: epoch {epoch}/{settings.Epochs} train acc {(double)correct / total:0.0000}, {model.Model.FeatureCount} features, {model.Model.WeightCount} weights, {TrainingCommon.Elapsed(sw)}";
            if (dev is not null)
            {
                var d = Evaluate(model, dev);
                line += $", dev upos {d.Upos:0.0000} xpos {d.Xpos:0.0000}";
                if (d.Upos + d.Xpos > bestScore)
                {
                    bestScore = d.Upos + d.Xpos;
                    best = model;
                    bestEpoch = epoch;
                }
            }
            else
            {
                best = model;
                bestEpoch = epoch;
            }

            log.WriteLine(line);
        }

        TrainingCommon.SaveModel(best!.Model, Path.Combine(outDir, PosModel.ModelFile));
        using (var fs = File.Create(Path.Combine(outDir, PosModel.DictionaryFile)))
        {
            dictionary.Write(fs);
        }

        var scoresOut = new Dictionary<string, double>();
        if (dev is not null)
        {
            var d = Evaluate(best, dev);
            scoresOut["ud-english-ewt-dev:upos"] = Math.Round(d.Upos, 4);
            scoresOut["ud-english-ewt-dev:xpos"] = Math.Round(d.Xpos, 4);
        }

        var testPath = devPath?.Replace("-dev.", "-test.", StringComparison.Ordinal);
        if (testPath is not null && testPath != devPath && File.Exists(testPath))
        {
            var t = Evaluate(best, ConlluReader.Read(testPath));
            scoresOut["ud-english-ewt-test:upos"] = Math.Round(t.Upos, 4);
            scoresOut["ud-english-ewt-test:xpos"] = Math.Round(t.Xpos, 4);
        }

        var name = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(outDir).TrimEnd('/'))) ?? "en-pos";
        var manifest = ModelManifest.Write(outDir, new ModelManifest
        {
            Name = name,
            Version = Path.GetFileName(Path.GetFullPath(outDir).TrimEnd('/')),
            Kind = PosModel.Kind,
            SitrepMin = TrainingCommon.SitrepMin,
            SitrepMaxExclusive = TrainingCommon.SitrepMaxExclusive,
            TrainingData = [
                .. trainPaths.Select(p => TrainingCommon.DataSet(p, "train")),
                .. devPath is null ? Array.Empty<ModelDataSet>() : [TrainingCommon.DataSet(devPath, "model selection")],
                .. wordClasses is null ? Array.Empty<ModelDataSet>() : [new ModelDataSet { Name = NerTrainer.WordClassesSource, Path = "data/ner/" + NerTrainer.WordClassesSource, Licence = "derived word classes; sources and their licences in data/ner/word-classes.md", Role = "word classes" }],
            ],
            Licence = TrainingCommon.LicenceOf(trainPaths),
            Settings = new()
            {
                ["algorithm"] = "greedy averaged perceptron, joint UPOS+XPOS classes, ambiguity classes of the current and next two words",
                ["features"] = PosModel.FeatureSet,
                ["dictionary"] = $"words seen >= {DictionaryMinCount} times, tags >= {DictionaryMinShare} of their occurrences",
                ["epochs"] = settings.Epochs.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["bestEpoch"] = bestEpoch.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["seed"] = settings.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["prune"] = settings.Prune.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            Scores = scoresOut,
        }, wordClasses is null ? [PosModel.ModelFile, PosModel.DictionaryFile] : [PosModel.ModelFile, PosModel.DictionaryFile, PosModel.WordClassesFile]);
        log.WriteLine($"pos: best epoch {bestEpoch}; wrote {outDir} ({new FileInfo(Path.Combine(outDir, PosModel.ModelFile)).Length / 1024} KiB) in {TrainingCommon.Elapsed(sw)}");
        return new PosModel(best.Model, dictionary, wordClasses) { Manifest = manifest };
    }

    public static PosScores Evaluate(PosModel model, IReadOnlyList<ConlluSentence> sentences)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sentences);
        int u = 0, x = 0, n = 0;
        foreach (var s in sentences.Take(200))
        {
            model.Tag(s.Forms); // warm-up (JIT), not timed
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        foreach (var s in sentences)
        {
            var words = new WordInfo[s.Length];
            for (var i = 0; i < words.Length; i++)
            {
                words[i] = WordInfo.Of(s.Forms[i]);
            }

            var classes = new int[s.Length];
            model.Tag(words, classes);
            for (var i = 0; i < s.Length; i++)
            {
                u += model.Upos[classes[i]] == s.Upos[i] ? 1 : 0;
                x += model.Xpos[classes[i]] == s.Xpos[i] ? 1 : 0;
                n++;
            }
        }

        var secs = Math.Max(sw.Elapsed.TotalSeconds, 1e-9);
        var cpuSecs = Math.Max((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds, 1e-9);
        return new PosScores(n == 0 ? 0 : (double)u / n, n == 0 ? 0 : (double)x / n, n, n / secs) { TokensPerCpuSecond = n / cpuSecs };
    }
}
