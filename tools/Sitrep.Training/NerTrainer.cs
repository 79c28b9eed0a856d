using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using Sitrep.Tagging;

namespace Sitrep.Training;

/// <summary>
/// Trains the named-entity recogniser on CoNLL-style files and builds its lexicon (GeoNames countries, first-level
/// divisions and cities of 15,000+ people, plus the demonym, title, organisation-suffix and region lists in data/ner).
/// </summary>
public static class NerTrainer
{
    public const int CityPopulation = 15000;

    /// <summary>Word classes in data/ner (built by <c>sitrep train clusters</c>); used when present.</summary>
    public const string WordClassesSource = "word-classes.tsv.gz";

    public static NerModel Train(string[] trainPaths, string? devPath, string outDir, TrainSettings settings)
    {
        ArgumentNullException.ThrowIfNull(trainPaths);
        ArgumentNullException.ThrowIfNull(settings);
        var log = settings.Log;
        var sw = Stopwatch.StartNew();
        var train = trainPaths.SelectMany(ConllNerReader.Read).ToList();
        // "--dev none" trains without model selection (e.g. when the development set is part of the training data).
        devPath = devPath == "none" ? null : devPath ?? FindSibling(trainPaths[0], ["valid.txt", "dev.txt"], "-train.", "-dev.");
        var dev = devPath is null ? null : ConllNerReader.Read(devPath);
        var types = train.SelectMany(d => d.Sentences).SelectMany(s => s.Tags).Where(t => t != "O").Select(t => t[2..]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var classes = NerModel.ClassesFor(types);
        var classIndex = classes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        log.WriteLine($"ner: {train.Count} documents, {train.Sum(d => d.Sentences.Count)} sentences, {train.Sum(d => d.TokenCount)} tokens; types {string.Join(' ', types)}");

        Directory.CreateDirectory(outDir);
        var dataRoot = DataRoot(trainPaths[0]);
        var lexSources = BuildLexicon(Path.Combine(outDir, NerModel.LexiconFile), dataRoot, log);
        var lexicon = Lexicon.Read(Path.Combine(outDir, NerModel.LexiconFile));
        var classesSource = WordClassesPath();
        WordClasses? wordClasses = null;
        if (classesSource is not null)
        {
            File.Copy(classesSource, Path.Combine(outDir, NerModel.WordClassesFile), overwrite: true);
            wordClasses = WordClasses.Read(Path.Combine(outDir, NerModel.WordClassesFile));
            lexSources.Add(new ModelDataSet { Name = WordClassesSource, Path = "data/ner/" + WordClassesSource, Licence = "derived word classes; sources and their licences in data/ner/word-classes.md", Role = "word classes" });
            log.WriteLine($"ner: {wordClasses.Count} words with word classes");
        }
        log.WriteLine($"ner: lexicon of {lexicon.Count} phrase keys, {TrainingCommon.Elapsed(sw)}");

        var docs = train.Select(d => d.Sentences.Select(s => (words: s.Forms.Select(WordInfo.Of).ToArray(), forms: s.Forms, gold: ToBilou(s.Tags).Select(t => classIndex[t]).ToArray())).ToList()).ToList();
        var ap = new AveragedPerceptron(classes);
        var proto = new NerModel(new LinearModel(classes, [], [0], [], []), lexicon, wordClasses);
        var rng = new Random(settings.Seed);
        var feats = new uint[NerModel.MaxFeatures];
        var scores = new float[classes.Length];
        NerModel? best = null;
        var bestF1 = -1.0;
        var bestEpoch = 0;
        for (var epoch = 1; epoch <= settings.Epochs; epoch++)
        {
            TrainingCommon.Shuffle(docs, rng);
            int correct = 0, total = 0;
            foreach (var doc in docs)
            {
                var ctx = new NerDocumentContext(types.Length);
                foreach (var (words, forms, _) in doc)
                {
                    ctx.Observe(words, forms, 0);
                }

                foreach (var (words, _, gold) in doc)
                {
                    var lex = new ulong[words.Length];
                    lexicon.Mark(words, lex);
                    var wc = new int[words.Length];
                    proto.ClassesOf(words, wc);
                    var headline = NerModel.IsHeadline(words);
                    var guessed = new int[words.Length];
                    for (var i = 0; i < words.Length; i++)
                    {
                        var n = NerModel.Extract(words, lex, wc, ctx, headline, i, i > 0 ? guessed[i - 1] : -1, i > 1 ? guessed[i - 2] : -2, feats);
                        var fs = feats.AsSpan(0, n);
                        ap.Score(fs, scores);
                        var guess = proto.Best(scores, i > 0 ? guessed[i - 1] : -1, i == words.Length - 1);
                        ap.Tick();
                        ap.Update(fs, gold[i], guess);
                        guessed[i] = guess;
                        correct += guess == gold[i] ? 1 : 0;
                        total++;
                    }

                    proto.Record(words, guessed, ctx);
                }
            }

            var model = new NerModel(ap.Average(settings.Prune), lexicon, wordClasses);
            var line = $"ner: epoch {epoch}/{settings.Epochs} train acc {(double)correct / total:0.0000}, {model.Model.FeatureCount} features, {model.Model.WeightCount} weights, {TrainingCommon.Elapsed(sw)}";
            if (dev is not null)
            {
                var d = NerEvaluation.Evaluate(model, dev);
                line += $", dev f1 {d.Overall.F1:0.0000}";
                if (d.Overall.F1 > bestF1)
                {
                    bestF1 = d.Overall.F1;
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

        TrainingCommon.SaveModel(best!.Model, Path.Combine(outDir, NerModel.ModelFile));
        var scoresOut = new Dictionary<string, double>();
        var devInTraining = devPath is not null && trainPaths.Any(p => Path.GetFullPath(p) == Path.GetFullPath(devPath));
        if (dev is not null && !devInTraining)
        {
            scoresOut[Label(devPath!) + ":f1"] = Math.Round(bestF1, 4);
        }

        var tests = new List<string>();
        var sibling = FindSibling(trainPaths[0], ["test.txt"], "-train.", "-test.");
        if (sibling is not null)
        {
            tests.Add(sibling);
        }

        var conllTest = dataRoot is null ? null : Path.Combine(dataRoot, "conll2003", "test.txt");
        if (conllTest is not null && File.Exists(conllTest) && !tests.Contains(conllTest))
        {
            tests.Add(conllTest);
        }

        foreach (var t in tests)
        {
            var r = NerEvaluation.Evaluate(best, ConllNerReader.Read(t));
            scoresOut[Label(t) + ":f1"] = Math.Round(r.Overall.F1, 4);
            scoresOut[Label(t) + ":precision"] = Math.Round(r.Overall.Precision, 4);
            scoresOut[Label(t) + ":recall"] = Math.Round(r.Overall.Recall, 4);
            log.WriteLine($"ner: {Label(t)} f1 {r.Overall.F1:0.0000}");
        }

        var trainingData = trainPaths.Select(p => TrainingCommon.DataSet(p, "train")).ToList();
        if (devPath is not null)
        {
            trainingData.Add(TrainingCommon.DataSet(devPath, "model selection"));
        }

        trainingData.AddRange(lexSources);
        var restricted = trainPaths.Any(p => Path.GetFullPath(p).Contains("conll2003", StringComparison.Ordinal));
        var full = Path.GetFullPath(outDir).TrimEnd('/');
        var manifest = ModelManifest.Write(outDir, new ModelManifest
        {
            Name = Path.GetFileName(Path.GetDirectoryName(full)) ?? "en-ner",
            Version = Path.GetFileName(full),
            Kind = NerModel.Kind,
            SitrepMin = TrainingCommon.SitrepMin,
            SitrepMaxExclusive = TrainingCommon.SitrepMaxExclusive,
            TrainingData = trainingData,
            Licence = restricted
                ? "Trained on CoNLL-2003 (Reuters RCV1 text, research/evaluation use only): weights are derived from research-only data; check the Reuters terms before any redistribution outside research use."
                : "Trained only on openly licensed data (see trainingData); share-alike terms of the sources apply.",
            Settings = new()
            {
                ["algorithm"] = "greedy BILOU averaged perceptron with lexicon, word-class and document-level features",
                ["features"] = NerModel.FeatureSet,
                ["epochs"] = settings.Epochs.ToString(CultureInfo.InvariantCulture),
                ["bestEpoch"] = bestEpoch.ToString(CultureInfo.InvariantCulture),
                ["seed"] = settings.Seed.ToString(CultureInfo.InvariantCulture),
                ["prune"] = settings.Prune.ToString(CultureInfo.InvariantCulture),
                ["types"] = string.Join(' ', types),
            },
            Scores = scoresOut,
        }, wordClasses is null ? [NerModel.ModelFile, NerModel.LexiconFile] : [NerModel.ModelFile, NerModel.LexiconFile, NerModel.WordClassesFile]);
        log.WriteLine($"ner: best epoch {bestEpoch}; wrote {outDir} ({new FileInfo(Path.Combine(outDir, NerModel.ModelFile)).Length / 1024} KiB model) in {TrainingCommon.Elapsed(sw)}");
        return new NerModel(best.Model, lexicon, wordClasses) { Manifest = manifest };
    }

    private static string Label(string path)
    {
        var full = Path.GetFullPath(path);
        return Path.GetFileName(Path.GetDirectoryName(full)) + "/" + Path.GetFileNameWithoutExtension(full);
    }

    private static string? FindSibling(string trainPath, string[] names, string from, string to)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(trainPath))!;
        var replaced = trainPath.Replace(from, to, StringComparison.Ordinal);
        if (replaced != trainPath && File.Exists(replaced))
        {
            return replaced;
        }

        if (!Path.GetFileName(trainPath).StartsWith("train", StringComparison.Ordinal))
        {
            return null;
        }

        return names.Select(n => Path.Combine(dir, n)).FirstOrDefault(File.Exists);
    }

    /// <summary>The shared data folder (…/data) that holds the training file, if any.</summary>
    private static string? DataRoot(string path)
    {
        var dir = new DirectoryInfo(Path.GetDirectoryName(Path.GetFullPath(path))!);
        while (dir is not null)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "geonames-gazetteer")))
            {
                return dir.FullName;
            }

            dir = dir.Parent;
        }

        return null;
    }

    /// <summary>Converts IOB2 tags to BILOU.</summary>
    public static string[] ToBilou(string[] iob)
    {
        ArgumentNullException.ThrowIfNull(iob);
        var result = new string[iob.Length];
        for (var i = 0; i < iob.Length; i++)
        {
            var t = iob[i];
            if (t == "O")
            {
                result[i] = "O";
                continue;
            }

            var type = t[2..];
            var next = i + 1 < iob.Length ? iob[i + 1] : "O";
            var continues = next.StartsWith("I-", StringComparison.Ordinal) && next[2..] == type;
            result[i] = t[0] == 'B' ? (continues ? "B-" : "U-") + type : (continues ? "I-" : "L-") + type;
        }

        return result;
    }

    /// <summary>Writes lexicon.tsv.gz (sorted, so the same sources give the same bytes) and returns its sources.</summary>
    public static List<ModelDataSet> BuildLexicon(string outPath, string? dataRoot, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        var sources = new List<ModelDataSet>();
        var gaz = dataRoot is null ? null : Path.Combine(dataRoot, "geonames-gazetteer");
        if (gaz is not null && Directory.Exists(gaz))
        {
            foreach (var line in File.ReadLines(Path.Combine(gaz, "countryInfo.txt")))
            {
                if (line.StartsWith('#'))
                {
                    continue;
                }

                var c = line.Split('\t');
                if (c.Length > 5)
                {
                    Add(LexiconClass.Country, c[4]);
                }
            }

            foreach (var line in File.ReadLines(Path.Combine(gaz, "admin1CodesASCII.txt")))
            {
                var c = line.Split('\t');
                if (c.Length > 2)
                {
                    Add(LexiconClass.Admin1, c[1]);
                    Add(LexiconClass.Admin1, c[2]);
                }
            }

            using (var fs = File.OpenRead(Path.Combine(gaz, "cities500.txt.gz")))
            using (var gz = new GZipStream(fs, CompressionMode.Decompress))
            using (var r = new StreamReader(gz))
            {
                string? line;
                while ((line = r.ReadLine()) is not null)
                {
                    var c = line.Split('\t');
                    if (c.Length > 14 && long.TryParse(c[14], NumberStyles.Integer, CultureInfo.InvariantCulture, out var pop) && pop >= CityPopulation)
                    {
                        Add(LexiconClass.City, c[1]);
                        Add(LexiconClass.City, c[2]);
                    }
                }
            }

            sources.Add(TrainingCommon.DataSet(Path.Combine(gaz, "countryInfo.txt"), "lexicon: countries"));
            sources.Add(TrainingCommon.DataSet(Path.Combine(gaz, "admin1CodesASCII.txt"), "lexicon: first-level divisions"));
            sources.Add(TrainingCommon.DataSet(Path.Combine(gaz, "cities500.txt.gz"), $"lexicon: cities of {CityPopulation}+ people"));
        }
        else
        {
            log.WriteLine("ner: no geonames-gazetteer next to the training data; the lexicon has no places");
        }

        var lexDir = FindLexiconDirectory();
        foreach (var (file, cls) in new[] { ("demonyms.txt", LexiconClass.Demonym), ("titles.txt", LexiconClass.Title), ("org-suffixes.txt", LexiconClass.OrgSuffix), ("regions.txt", LexiconClass.Region) })
        {
            var path = Path.Combine(lexDir, file);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"lexicon list '{path}' is missing", path);
            }

            foreach (var line in File.ReadLines(path))
            {
                if (line.Length > 0 && line[0] != '#')
                {
                    Add(cls, line.Trim());
                }
            }

            sources.Add(new ModelDataSet { Name = file, Path = "data/ner/" + file, Licence = "Sitrep project data", Role = "lexicon" });
        }

        using (var fs = File.Create(outPath))
        using (var gz = new GZipStream(fs, CompressionLevel.SmallestSize))
        using (var w = new StreamWriter(gz, new UTF8Encoding(false)))
        {
            foreach (var l in lines)
            {
                w.Write(l);
                w.Write('\n');
            }
        }

        return sources;

        void Add(LexiconClass cls, string phrase)
        {
            phrase = phrase.Trim();
            if (phrase.Length > 1 && !phrase.Contains('\t', StringComparison.Ordinal))
            {
                lines.Add(cls + "\t" + phrase);
            }
        }
    }

    /// <summary>data/ner/word-classes.tsv.gz when it exists (the tagger and the recogniser use it as features).</summary>
    internal static string? WordClassesPath()
    {
        try
        {
            var path = Path.Combine(FindLexiconDirectory(), WordClassesSource);
            return File.Exists(path) ? path : null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>data/ner under $SITREP_HOME or the current directory or one of its parents.</summary>
    internal static string FindLexiconDirectory()
    {
        var home = Environment.GetEnvironmentVariable("SITREP_HOME");
        if (!string.IsNullOrEmpty(home) && Directory.Exists(Path.Combine(home, "data", "ner")))
        {
            return Path.Combine(home, "data", "ner");
        }

        var dir = new DirectoryInfo(Directory.GetCurrentDirectory());
        while (dir is not null)
        {
            var candidate = Path.Combine(dir.FullName, "data", "ner");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }

            dir = dir.Parent;
        }

        throw new DirectoryNotFoundException("cannot find data/ner (run from the repository root or set SITREP_HOME)");
    }
}
