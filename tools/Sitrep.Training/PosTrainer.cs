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
    public static PosModel Train(string trainPath, string? devPath, string outDir, TrainSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var log = settings.Log;
        var sw = Stopwatch.StartNew();
        var train = ConlluReader.Read(trainPath);
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
        var rng = new Random(settings.Seed);
        Span<uint> feats = stackalloc uint[PosModel.MaxFeatures];
        var scores = new float[classes.Length];
        PosModel? best = null;
        var bestScore = -1.0;
        var bestEpoch = 0;
        for (var epoch = 1; epoch <= settings.Epochs; epoch++)
        {
            TrainingCommon.Shuffle(data, rng);
            int correct = 0, total = 0;
            foreach (var (words, gold) in data)
            {
                var guessed = new int[words.Length];
                for (var i = 0; i < words.Length; i++)
                {
                    var p1 = i > 0 ? guessed[i - 1] : -1;
                    var p2 = i > 1 ? guessed[i - 2] : -2;
                    var n = PosModel.Extract(words, i, p1, p2, feats);
                    ap.Score(feats[..n], scores);
                    var guess = PosModel.ArgMax(scores);
                    ap.Tick();
                    ap.Update(feats[..n], gold[i], guess);
                    guessed[i] = guess;
                    correct += guess == gold[i] ? 1 : 0;
                    total++;
                }
            }

            var model = new PosModel(ap.Average(settings.Prune));
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

        Directory.CreateDirectory(outDir);
        TrainingCommon.SaveModel(best!.Model, Path.Combine(outDir, PosModel.ModelFile));
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
            TrainingData = devPath is null
                ? [TrainingCommon.DataSet(trainPath, "train")]
                : [TrainingCommon.DataSet(trainPath, "train"), TrainingCommon.DataSet(devPath, "model selection")],
            Licence = "Weights derived from UD English EWT (CC BY-SA 4.0)",
            Settings = new()
            {
                ["algorithm"] = "greedy averaged perceptron, joint UPOS+XPOS classes",
                ["epochs"] = settings.Epochs.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["bestEpoch"] = bestEpoch.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["seed"] = settings.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["prune"] = settings.Prune.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            Scores = scoresOut,
        }, [PosModel.ModelFile]);
        log.WriteLine($"pos: best epoch {bestEpoch}; wrote {outDir} ({new FileInfo(Path.Combine(outDir, PosModel.ModelFile)).Length / 1024} KiB) in {TrainingCommon.Elapsed(sw)}");
        return new PosModel(best.Model) { Manifest = manifest };
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
