using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Sitrep.Tagging;

namespace Sitrep.Training;

/// <summary>
/// Derives word classes from unlabeled text: every frequent (lower-cased, digit-normalised) word is described by
/// the PPMI-weighted counts of the frequent words at offsets -2, -1, +1 and +2, the vectors are clustered with
/// spherical k-means into <c>fine</c> classes, and the class centroids again into <c>coarse</c> classes.
/// Deterministic for a given seed and input. Output: <c>word TAB fine TAB coarse</c>, gzip'd.
/// </summary>
public static partial class WordClusters
{
    public sealed record Settings(int MinCount = 3, int ContextWords = 600, int Fine = 400, int Coarse = 50, int Iterations = 12, int Seed = 1);

    [GeneratedRegex(@"\p{L}+(?:[’'.\-]\p{L}+)*|\p{N}+(?:[.,:]\p{N}+)*|[^\s\p{L}\p{N}]", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();

    /// <summary>Sentences (token lists) of a source file: CoNLL-U (optionally .gz), CoNLL NER columns, JSON lines or XML articles.</summary>
    public static IEnumerable<string[]> Sentences(string path)
    {
        var name = Path.GetFileName(path);
        if (name.Contains(".conllu", StringComparison.Ordinal))
        {
            return ConlluReader.Read(path).Select(s => s.Forms);
        }

        if (name.EndsWith(".jsonl", StringComparison.Ordinal) || name.EndsWith(".jsonlines", StringComparison.Ordinal))
        {
            return JsonSentences(path);
        }

        if (name.EndsWith(".xml", StringComparison.Ordinal))
        {
            return XDocument.Load(path).Descendants("text").SelectMany(t => Tokenize(t.Value));
        }

        return ConllNerReader.Read(path).SelectMany(d => d.Sentences).Select(s => s.Forms);
    }

    private static IEnumerable<string[]> JsonSentences(string path)
    {
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.TryGetProperty("sentences", out var sents) && sents.ValueKind == JsonValueKind.Array)
            {
                foreach (var s in sents.EnumerateArray())
                {
                    // RAMS: ["tok", …]; WikiEvents: [[["tok", start, end], …], "text"].
                    var list = s.ValueKind == JsonValueKind.Array && s.GetArrayLength() > 0 && s[0].ValueKind == JsonValueKind.Array
                        && s[0].GetArrayLength() > 0 && s[0][0].ValueKind == JsonValueKind.Array ? s[0] : s;
                    if (list.ValueKind == JsonValueKind.Array)
                    {
                        yield return list.EnumerateArray().Select(TokenText).Where(t => t.Length > 0).ToArray();
                    }
                }

                continue;
            }

            if (root.TryGetProperty("tokens", out var toks) && toks.ValueKind == JsonValueKind.Array)
            {
                yield return toks.EnumerateArray().Select(TokenText).Where(t => t.Length > 0).ToArray();
                continue;
            }

            foreach (var field in new[] { "title", "headline", "text", "description_en" })
            {
                if (root.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String)
                {
                    foreach (var s in Tokenize(v.GetString()!))
                    {
                        yield return s;
                    }
                }
            }
        }
    }

    private static string TokenText(JsonElement t) => t.ValueKind switch
    {
        JsonValueKind.String => t.GetString() ?? "",
        JsonValueKind.Array when t.GetArrayLength() > 0 && t[0].ValueKind == JsonValueKind.String => t[0].GetString() ?? "",
        _ => "",
    };

    /// <summary>Splits raw text into tokens, one "sentence" per line.</summary>
    public static IEnumerable<string[]> Tokenize(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            var toks = TokenPattern().Matches(line).Select(m => m.Value).ToArray();
            if (toks.Length > 0)
            {
                yield return toks;
            }
        }
    }

    /// <summary>The key a word is looked up by: lower-cased with digits as 0 (the string whose hash is <see cref="WordInfo.Norm"/>).</summary>
    public static string Normalise(string w)
    {
        var sb = new StringBuilder(w.Length);
        foreach (var c in w.AsSpan(0, Math.Min(w.Length, WordInfo.MaxScan)))
        {
            sb.Append(char.IsDigit(c) ? '0' : char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }

    public static void Build(IReadOnlyList<string> sources, string outFile, Settings settings, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(log);
        var sw = Stopwatch.StartNew();
        var vocab = new Dictionary<string, int>(StringComparer.Ordinal);
        var words = new List<string>();
        var counts = new List<int>();
        var corpus = new List<int[]>();
        long tokens = 0;
        foreach (var src in sources)
        {
            var before = tokens;
            foreach (var s in Sentences(src))
            {
                var ids = new int[s.Length];
                for (var i = 0; i < s.Length; i++)
                {
                    var key = Normalise(s[i]);
                    if (!vocab.TryGetValue(key, out var id))
                    {
                        vocab[key] = id = words.Count;
                        words.Add(key);
                        counts.Add(0);
                    }

                    counts[id]++;
                    ids[i] = id;
                }

                tokens += s.Length;
                corpus.Add(ids);
            }

            log.WriteLine($"clusters: {Path.GetFileName(src)}: {tokens - before} tokens");
        }

        // Context vocabulary: the most frequent words (ties by string, so the order is deterministic).
        var byFreq = Enumerable.Range(0, words.Count).OrderByDescending(i => counts[i]).ThenBy(i => words[i], StringComparer.Ordinal).ToArray();
        var ctxIndex = new Dictionary<int, int>();
        for (var r = 0; r < Math.Min(settings.ContextWords, byFreq.Length); r++)
        {
            ctxIndex[byFreq[r]] = r;
        }

        var targets = byFreq.Where(i => counts[i] >= settings.MinCount).ToArray();
        var targetIndex = new Dictionary<int, int>();
        for (var t = 0; t < targets.Length; t++)
        {
            targetIndex[targets[t]] = t;
        }

        log.WriteLine($"clusters: {tokens} tokens, {words.Count} word types, {targets.Length} with >= {settings.MinCount} occurrences, {TrainingCommon.Elapsed(sw)}");

        // Co-occurrence counts: dimension = offset slot * C + context word.
        var c = settings.ContextWords;
        var rows = new Dictionary<int, float>[targets.Length];
        for (var t = 0; t < rows.Length; t++)
        {
            rows[t] = [];
        }

        int[] offsets = [-2, -1, 1, 2];
        foreach (var s in corpus)
        {
            for (var i = 0; i < s.Length; i++)
            {
                if (!targetIndex.TryGetValue(s[i], out var t))
                {
                    continue;
                }

                for (var o = 0; o < offsets.Length; o++)
                {
                    var j = i + offsets[o];
                    var ctx = j < 0 ? c - 2 : j >= s.Length ? c - 1 : ctxIndex.GetValueOrDefault(s[j], -1);
                    if (ctx < 0)
                    {
                        continue;
                    }

                    var dim = (o * c) + ctx;
                    rows[t][dim] = rows[t].GetValueOrDefault(dim) + 1;
                }
            }
        }

        // PPMI, then unit length.
        var dims = offsets.Length * c;
        var colSum = new double[dims];
        double all = 0;
        foreach (var r in rows)
        {
            foreach (var (d, v) in r)
            {
                colSum[d] += v;
                all += v;
            }
        }

        var vecIdx = new int[rows.Length][];
        var vecVal = new float[rows.Length][];
        for (var t = 0; t < rows.Length; t++)
        {
            var rowSum = rows[t].Values.Sum();
            var kept = rows[t].OrderBy(kv => kv.Key)
                .Select(kv => (d: kv.Key, v: (float)Math.Max(0, Math.Log(kv.Value * all / (rowSum * Math.Pow(colSum[kv.Key], 0.75) * Math.Pow(all, 0.25))))))
                .Where(x => x.v > 0).ToArray();
            var norm = Math.Sqrt(kept.Sum(x => (double)x.v * x.v));
            vecIdx[t] = kept.Select(x => x.d).ToArray();
            vecVal[t] = kept.Select(x => norm > 0 ? (float)(x.v / norm) : 0f).ToArray();
        }

        var fine = SphericalKMeans(vecIdx, vecVal, dims, Math.Min(settings.Fine, targets.Length), settings.Iterations, settings.Seed, log, out var centroids);
        // Coarse classes: cluster the fine centroids (as dense vectors).
        var cIdx = centroids.Select(v => Enumerable.Range(0, dims).Where(d => v[d] != 0).ToArray()).ToArray();
        var cVal = centroids.Select((v, k) => cIdx[k].Select(d => v[d]).ToArray()).ToArray();
        var coarseOfFine = SphericalKMeans(cIdx, cVal, dims, Math.Min(settings.Coarse, centroids.Length), settings.Iterations, settings.Seed + 1, log, out _);

        using var fs = File.Create(outFile);
        using var gz = new GZipStream(fs, CompressionLevel.SmallestSize);
        using var w = new StreamWriter(gz, new UTF8Encoding(false));
        foreach (var t in Enumerable.Range(0, targets.Length).OrderBy(t => words[targets[t]], StringComparer.Ordinal))
        {
            var word = words[targets[t]];
            if (word.Contains('\t', StringComparison.Ordinal) || word.Contains('\n', StringComparison.Ordinal))
            {
                continue;
            }

            w.Write(word);
            w.Write('\t');
            w.Write(fine[t]);
            w.Write('\t');
            w.Write(coarseOfFine[fine[t]]);
            w.Write('\n');
        }

        log.WriteLine($"clusters: wrote {targets.Length} words in {settings.Fine}/{settings.Coarse} classes to {outFile}, {TrainingCommon.Elapsed(sw)}");
    }

    private static int[] SphericalKMeans(int[][] idx, float[][] val, int dims, int k, int iterations, int seed, TextWriter log, out float[][] centroids)
    {
        var n = idx.Length;
        var rng = new Random(seed);
        // Initial centroids: k distinct points, the most frequent first half, the rest sampled (items are in frequency order).
        var chosen = new HashSet<int>();
        for (var i = 0; i < k / 2; i++)
        {
            chosen.Add(i);
        }

        while (chosen.Count < k)
        {
            chosen.Add(rng.Next(n));
        }

        centroids = chosen.Order().Select(i =>
        {
            var v = new float[dims];
            for (var j = 0; j < idx[i].Length; j++)
            {
                v[idx[i][j]] = val[i][j];
            }

            return v;
        }).ToArray();
        var assign = new int[n];
        for (var it = 0; it < iterations; it++)
        {
            var changed = 0;
            var local = centroids;
            for (var i = 0; i < n; i++)
            {
                var best = 0;
                var bestDot = float.NegativeInfinity;
                for (var c = 0; c < local.Length; c++)
                {
                    var cv = local[c];
                    var dot = 0f;
                    var ii = idx[i];
                    var vv = val[i];
                    for (var j = 0; j < ii.Length; j++)
                    {
                        dot += cv[ii[j]] * vv[j];
                    }

                    if (dot > bestDot)
                    {
                        bestDot = dot;
                        best = c;
                    }
                }

                if (assign[i] != best || it == 0)
                {
                    changed++;
                }

                assign[i] = best;
            }

            var next = new float[k][];
            for (var c = 0; c < k; c++)
            {
                next[c] = new float[dims];
            }

            for (var i = 0; i < n; i++)
            {
                var v = next[assign[i]];
                for (var j = 0; j < idx[i].Length; j++)
                {
                    v[idx[i][j]] += val[i][j];
                }
            }

            for (var c = 0; c < k; c++)
            {
                var norm = Math.Sqrt(next[c].Sum(x => (double)x * x));
                if (norm == 0)
                {
                    next[c] = centroids[c]; // empty cluster keeps its centroid
                    continue;
                }

                for (var d = 0; d < dims; d++)
                {
                    next[c][d] = (float)(next[c][d] / norm);
                }
            }

            centroids = next;
            log.WriteLine($"clusters: k={k} iteration {it + 1}: {changed} of {n} changed class");
            if (changed == 0)
            {
                break;
            }
        }

        return assign;
    }
}
