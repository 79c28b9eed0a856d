using System.Diagnostics;
using System.Globalization;
using Sitrep.Tagging;

namespace Sitrep.Training;

/// <summary>Attachment scores against a treebank.</summary>
public sealed record ParserScores(double Uas, double Las, double LasUniversal, double Upos, double Xpos, int Tokens, double TokensPerSecond);

/// <summary>
/// Trains the arc-hybrid parser with a dynamic oracle (Goldberg &amp; Nivre 2013) and exploration: after the first
/// epoch the parser follows its own predictions and learns the best move from wherever it is. Non-projective gold
/// trees need no special treatment: when no move keeps every remaining gold arc reachable, the step is not used for an update.
/// </summary>
public static class ParserTrainer
{
    public static ParserModel Train(string trainPath, string? devPath, string outDir, TrainSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var log = settings.Log;
        var sw = Stopwatch.StartNew();
        var train = ConlluReader.Read(trainPath);
        var dev = devPath is null ? null : ConlluReader.Read(devPath);
        var labels = train.SelectMany(s => s.Deprels).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (!labels.Contains(ParserModel.RootLabel))
        {
            labels.Add(ParserModel.RootLabel);
        }

        var classes = new List<string> { "S" };
        classes.AddRange(labels.Select(l => "L:" + l));
        classes.AddRange(labels.Select(l => "R:" + l));
        var proto = new ParserModel(new LinearModel(classes.ToArray(), [], [0], [], []));
        var labelIndex = proto.Labels.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i, StringComparer.Ordinal);
        var nonProjective = train.Count(s => !IsProjective(s.Heads));
        log.WriteLine($"parser: {train.Count} training sentences ({nonProjective} non-projective), {labels.Count} labels, {classes.Count} classes");

        var data = train.Select(s => (
            words: s.Forms.Select(WordInfo.Of).ToArray(),
            tags: s.Xpos.Select(x => FeatureHash.Of(x)).ToArray(),
            gold: s.Heads.Select(h => h < 0 ? s.Length : h).ToArray(),
            glab: s.Deprels.Select(l => labelIndex[l]).ToArray())).ToList();

        var ap = new AveragedPerceptron(classes);
        var rng = new Random(settings.Seed);
        var feats = new uint[ParserModel.MaxFeatures];
        var scores = new float[classes.Count];
        ParserModel? best = null;
        var bestScore = -1.0;
        var bestEpoch = 0;
        PosModel? tagger = null;
        var posDir = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(outDir).TrimEnd('/')))!, "en-pos");
        if (Directory.Exists(posDir))
        {
            tagger = PosModel.Load(ModelStore.Resolve(Path.GetDirectoryName(posDir)!, "en-pos"));
            log.WriteLine($"parser: dev scores use predicted tags from {posDir}");
        }

        for (var epoch = 1; epoch <= settings.Epochs; epoch++)
        {
            TrainingCommon.Shuffle(data, rng);
            int correct = 0, total = 0;
            foreach (var (words, tags, gold, glab) in data)
            {
                var st = new ParseState(words.Length);
                while (!st.IsTerminal)
                {
                    var k = ParserModel.Extract(st, words, tags, feats);
                    var fs = feats.AsSpan(0, k);
                    ap.Score(fs, scores);
                    var (zs, zl, zr) = ZeroCost(st, gold);
                    int guess = -1, bestGold = -1;
                    for (var c = 0; c < scores.Length; c++)
                    {
                        if (!proto.IsValid(st, c))
                        {
                            continue;
                        }

                        if (guess < 0 || scores[c] > scores[guess])
                        {
                            guess = c;
                        }

                        if (IsZeroCost(proto, st, c, gold, glab, zs, zl, zr) && (bestGold < 0 || scores[c] > scores[bestGold]))
                        {
                            bestGold = c;
                        }
                    }

                    ap.Tick();
                    if (bestGold >= 0)
                    {
                        ap.Update(fs, bestGold, guess);
                        correct += bestGold == guess ? 1 : 0;
                        total++;
                    }

                    proto.Apply(st, epoch == 1 && bestGold >= 0 ? bestGold : guess);
                }
            }

            var model = new ParserModel(ap.Average(settings.Prune));
            var line = $"parser: epoch {epoch}/{settings.Epochs} oracle agreement {(double)correct / Math.Max(1, total):0.0000}, {model.Model.FeatureCount} features, {model.Model.WeightCount} weights, {TrainingCommon.Elapsed(sw)}";
            var improved = dev is null;
            if (dev is not null)
            {
                var d = Evaluate(model, tagger, dev);
                line += $", dev uas {d.Uas:0.0000} las {d.Las:0.0000}";
                improved = d.Las > bestScore;
                if (improved)
                {
                    bestScore = d.Las;
                }
            }

            log.WriteLine(line);
            if (improved)
            {
                // Checkpoint: the best model so far is always on disk with its manifest.
                best = model;
                bestEpoch = epoch;
                Save(best, bestEpoch);
            }
        }

        return new ParserModel(best!.Model) { Manifest = ModelManifest.ReadVerified(outDir, ParserModel.Kind) };

        void Save(ParserModel chosen, int chosenEpoch)
        {
        Directory.CreateDirectory(outDir);
        TrainingCommon.SaveModel(chosen.Model, Path.Combine(outDir, ParserModel.ModelFile));
        var scoresOut = new Dictionary<string, double>();
        if (dev is not null)
        {
            var d = Evaluate(chosen, tagger, dev);
            scoresOut["ud-english-ewt-dev:uas"] = Math.Round(d.Uas, 4);
            scoresOut["ud-english-ewt-dev:las"] = Math.Round(d.Las, 4);
            var testPath = devPath!.Replace("-dev.", "-test.", StringComparison.Ordinal);
            if (testPath != devPath && File.Exists(testPath))
            {
                var t = Evaluate(chosen, tagger, ConlluReader.Read(testPath));
                scoresOut["ud-english-ewt-test:uas"] = Math.Round(t.Uas, 4);
                scoresOut["ud-english-ewt-test:las"] = Math.Round(t.Las, 4);
                scoresOut["ud-english-ewt-test:las-universal"] = Math.Round(t.LasUniversal, 4);
            }
        }

        var full = Path.GetFullPath(outDir).TrimEnd('/');
        ModelManifest.Write(outDir, new ModelManifest
        {
            Name = Path.GetFileName(Path.GetDirectoryName(full)) ?? "en-parser",
            Version = Path.GetFileName(full),
            Kind = ParserModel.Kind,
            SitrepMin = TrainingCommon.SitrepMin,
            SitrepMaxExclusive = TrainingCommon.SitrepMaxExclusive,
            TrainingData = devPath is null
                ? [TrainingCommon.DataSet(trainPath, "train")]
                : [TrainingCommon.DataSet(trainPath, "train"), TrainingCommon.DataSet(devPath, "model selection")],
            Licence = "Weights derived from UD English EWT (CC BY-SA 4.0)",
            Settings = new()
            {
                ["algorithm"] = "greedy arc-hybrid, averaged perceptron, dynamic oracle with exploration; gold XPOS in training, predicted XPOS when scored",
                ["epochs"] = settings.Epochs.ToString(CultureInfo.InvariantCulture),
                ["bestEpoch"] = chosenEpoch.ToString(CultureInfo.InvariantCulture),
                ["seed"] = settings.Seed.ToString(CultureInfo.InvariantCulture),
                ["prune"] = settings.Prune.ToString(CultureInfo.InvariantCulture),
                ["nonProjectiveTrainingSentences"] = nonProjective.ToString(CultureInfo.InvariantCulture),
            },
            Scores = scoresOut,
        }, [ParserModel.ModelFile]);
        log.WriteLine($"parser: saved epoch {chosenEpoch} to {outDir} ({new FileInfo(Path.Combine(outDir, ParserModel.ModelFile)).Length / 1024} KiB) at {TrainingCommon.Elapsed(sw)}");
        }
    }
    internal static bool IsProjective(int[] heads)
    {
        for (var i = 0; i < heads.Length; i++)
        {
            var h = heads[i] < 0 ? heads.Length : heads[i];
            int lo = Math.Min(i, h), hi = Math.Max(i, h);
            for (var j = lo + 1; j < hi; j++)
            {
                var hj = heads[j] < 0 ? heads.Length : heads[j];
                if (hj < lo || hj > hi)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Which unlabelled moves lose no reachable gold arc (arc-hybrid costs).</summary>
    private static (bool shift, bool left, bool right) ZeroCost(ParseState st, int[] gold)
    {
        var n = st.N;
        var b = st.Buffer;
        var s0 = st.S(0);
        var s1 = st.S(1);
        if (s0 < 0)
        {
            return (st.CanShift, false, false);
        }

        if (st.CanShift && gold[b] == s0)
        {
            return (true, false, false);
        }

        if (gold[s0] == b)
        {
            return (false, st.CanLeft, false);
        }

        bool shift = st.CanShift, left = st.CanLeft, right = st.CanRight;
        if (s1 >= 0 && gold[s0] == s1)
        {
            left = false;
        }

        if (shift)
        {
            for (var k = 0; k < st.Depth; k++)
            {
                var w = st.Stack[k];
                if (gold[w] == b || gold[b] == w)
                {
                    shift = false;
                    break;
                }
            }
        }

        if (left || right)
        {
            for (var w = b + 1; w <= n; w++)
            {
                if ((w < n && gold[w] == s0) || gold[s0] == w)
                {
                    left = false;
                    right = false;
                    break;
                }
            }
        }

        return (shift, left, right);
    }

    private static bool IsZeroCost(ParserModel p, ParseState st, int c, int[] gold, int[] glab, bool zs, bool zl, bool zr)
    {
        var s0 = st.S(0);
        return p.ActionOf[c] switch
        {
            0 => zs,
            1 => zl && (gold[s0] != st.Buffer || p.LabelOf[c] == glab[s0]),
            _ => zr && (gold[s0] != st.S(1) || p.LabelOf[c] == glab[s0]),
        };
    }

    /// <summary>Scores the parser on a treebank, with tags from <paramref name="tagger"/> (or the gold XPOS when null).</summary>
    public static ParserScores Evaluate(ParserModel parser, PosModel? tagger, IReadOnlyList<ConlluSentence> sentences)
    {
        ArgumentNullException.ThrowIfNull(parser);
        ArgumentNullException.ThrowIfNull(sentences);
        int uas = 0, las = 0, lasU = 0, up = 0, xp = 0, n = 0;
        var sw = Stopwatch.StartNew();
        foreach (var s in sentences)
        {
            var words = new WordInfo[s.Length];
            for (var i = 0; i < words.Length; i++)
            {
                words[i] = WordInfo.Of(s.Forms[i]);
            }

            var tags = new ulong[s.Length];
            if (tagger is not null)
            {
                var classes = new int[s.Length];
                tagger.Tag(words, classes);
                for (var i = 0; i < s.Length; i++)
                {
                    tags[i] = FeatureHash.Of(tagger.Xpos[classes[i]]);
                    up += tagger.Upos[classes[i]] == s.Upos[i] ? 1 : 0;
                    xp += tagger.Xpos[classes[i]] == s.Xpos[i] ? 1 : 0;
                }
            }
            else
            {
                for (var i = 0; i < s.Length; i++)
                {
                    tags[i] = FeatureHash.Of(s.Xpos[i]);
                }
            }

            var heads = new int[s.Length];
            var labels = new int[s.Length];
            parser.Parse(words, tags, heads, labels);
            for (var i = 0; i < s.Length; i++)
            {
                n++;
                if (heads[i] != s.Heads[i])
                {
                    continue;
                }

                uas++;
                var label = parser.Labels[labels[i]];
                las += label == s.Deprels[i] ? 1 : 0;
                lasU += Universal(label) == Universal(s.Deprels[i]) ? 1 : 0;
            }
        }

        var secs = Math.Max(sw.Elapsed.TotalSeconds, 1e-9);
        double F(int x) => n == 0 ? 0 : (double)x / n;
        return new ParserScores(F(uas), F(las), F(lasU), tagger is null ? 1 : F(up), tagger is null ? 1 : F(xp), n, n / secs);
    }

    private static string Universal(string label)
    {
        var colon = label.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? label : label[..colon];
    }
}
