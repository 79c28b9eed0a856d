using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Sitrep.Tagging;

/// <summary>
/// Greedy left-to-right part-of-speech tagger (averaged perceptron weights) predicting UPOS and English XPOS
/// jointly: each class is a "UPOS XPOS" pair. Immutable; safe to use from many threads.
/// </summary>
public sealed class PosModel
{
    public const string Kind = "pos";
    public const string ModelFile = "pos.lm.gz";
    public const int MaxFeatures = 56;

    /// <summary>The feature set the weights were trained with (recorded in the manifest; the loader checks it).</summary>
    public const string FeatureSet = "pos-features-2";
    public const string DictionaryFile = "pos.dict.gz";
    public const string WordClassesFile = "wordclasses.tsv.gz";

    public PosModel(LinearModel model, TagDictionary dictionary, WordClasses? wordClasses = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(dictionary);
        Model = model;
        Dictionary = dictionary;
        WordClasses = wordClasses ?? WordClasses.Empty;
        Upos = new string[model.ClassCount];
        Xpos = new string[model.ClassCount];
        for (var i = 0; i < model.ClassCount; i++)
        {
            var parts = model.Classes[i].Split(' ');
            Upos[i] = parts[0];
            Xpos[i] = parts.Length > 1 ? parts[1] : "_";
        }
    }

    public LinearModel Model { get; }

    /// <summary>Ambiguity classes (the set of tags seen in training) of the frequent words.</summary>
    public TagDictionary Dictionary { get; }

    /// <summary>Word classes derived from unlabeled text (empty when the model was trained without them).</summary>
    public WordClasses WordClasses { get; }

    public string[] Upos { get; }

    public string[] Xpos { get; }

    public ModelManifest? Manifest { get; init; }

    /// <summary>Loads and verifies <c>pos.lm.gz</c> and <c>pos.dict.gz</c> of a model directory.</summary>
    public static PosModel Load(string directory)
    {
        var manifest = ModelManifest.ReadVerified(directory, Kind);
        if (!manifest.Settings.TryGetValue("features", out var fs) || fs != FeatureSet)
        {
            throw new ModelException($"'{directory}' was trained with feature set '{fs ?? "pos-features-1"}'; this build computes '{FeatureSet}' (retrain it or use a matching Sitrep version)");
        }

        LinearModel model;
        using (var s = File.OpenRead(Path.Combine(directory, ModelFile)))
        {
            model = LinearModel.Read(s, Path.Combine(directory, ModelFile));
        }

        var classes = manifest.Files.Any(f => f.Path == WordClassesFile) ? WordClasses.Read(Path.Combine(directory, WordClassesFile)) : null;
        using var d = File.OpenRead(Path.Combine(directory, DictionaryFile));
        return new PosModel(model, TagDictionary.Read(d, Path.Combine(directory, DictionaryFile)), classes) { Manifest = manifest };
    }

    /// <summary>The class key for a UPOS/XPOS pair.</summary>
    public static string ClassOf(string upos, string xpos) => upos + " " + xpos;

    /// <summary>Tags one sentence; writes class indices into <paramref name="classes"/>.</summary>
    public void Tag(ReadOnlySpan<WordInfo> words, Span<int> classes)
    {
        Span<uint> feats = stackalloc uint[MaxFeatures];
        Span<float> scores = Model.ClassCount <= 512 ? stackalloc float[Model.ClassCount] : new float[Model.ClassCount];
        Span<ulong> amb = words.Length <= 256 ? stackalloc ulong[words.Length] : new ulong[words.Length];
        Dictionary.Classes(words, amb);
        Span<int> wc = words.Length <= 256 ? stackalloc int[words.Length] : new int[words.Length];
        ClassesOf(words, wc);
        for (var i = 0; i < words.Length; i++)
        {
            var p1 = i > 0 ? classes[i - 1] : -1;
            var p2 = i > 1 ? classes[i - 2] : -2;
            var n = Extract(words, amb, wc, i, p1, p2, feats);
            scores.Clear();
            Model.AddScores(feats[..n], scores);
            classes[i] = ArgMax(scores);
        }
    }

    /// <summary>Tags forms[start..start+count) and returns class indices.</summary>
    public int[] Tag(IReadOnlyList<string> forms)
    {
        ArgumentNullException.ThrowIfNull(forms);
        var words = new WordInfo[forms.Count];
        for (var i = 0; i < words.Length; i++)
        {
            words[i] = WordInfo.Of(forms[i]);
        }

        var classes = new int[words.Length];
        Tag(words, classes);
        return classes;
    }

    /// <summary>The first class with the highest score.</summary>
    public static int ArgMax(ReadOnlySpan<float> scores)
    {
        if (Vector256.IsHardwareAccelerated && scores.Length >= 2 * Vector256<float>.Count)
        {
            // The maximum eight lanes at a time, then the first class that has it: the same class as the scalar scan
            // below (the scores are finite sums, never NaN).
            ref var first = ref MemoryMarshal.GetReference(scores);
            var max = Vector256.LoadUnsafe(ref first);
            var k = Vector256<float>.Count;
            for (; k <= scores.Length - Vector256<float>.Count; k += Vector256<float>.Count)
            {
                max = Vector256.Max(max, Vector256.LoadUnsafe(ref first, (nuint)k));
            }

            var m = max[0];
            for (var lane = 1; lane < Vector256<float>.Count; lane++)
            {
                m = Math.Max(m, max[lane]);
            }

            for (; k < scores.Length; k++)
            {
                m = Math.Max(m, scores[k]);
            }

            for (var c = 0; c < scores.Length; c++)
            {
                if (scores[c] == m)
                {
                    return c;
                }
            }
        }

        var best = 0;
        for (var c = 1; c < scores.Length; c++)
        {
            if (scores[c] > scores[best])
            {
                best = c;
            }
        }

        return best;
    }

    /// <summary>
    /// The features of token <paramref name="i"/> given the ambiguity classes of the sentence and the two previous
    /// tags (class indices; negative = before the sentence).
    /// </summary>
    /// <summary>The word classes of a sentence, packed as (fine + 1) | (coarse + 1) &lt;&lt; 16 (0 = no class).</summary>
    public void ClassesOf(ReadOnlySpan<WordInfo> words, Span<int> packed)
    {
        for (var i = 0; i < words.Length; i++)
        {
            var (fine, coarse) = WordClasses.Of(words[i]);
            packed[i] = (fine + 1) | ((coarse + 1) << 16);
        }
    }

    private static ulong Fine(ReadOnlySpan<int> wc, int k) => k < 0 ? 0xFFFEUL : k >= wc.Length ? 0xFFFFUL : (ulong)(wc[k] & 0xFFFF);

    public static int Extract(ReadOnlySpan<WordInfo> w, ReadOnlySpan<ulong> amb, ReadOnlySpan<int> wc, int i, int prev1, int prev2, Span<uint> f)
    {
        var cur = w[i];
        var m1 = i > 0 ? w[i - 1] : WordInfo.Start;
        var m2 = i > 1 ? w[i - 2] : WordInfo.Start;
        var p1 = i + 1 < w.Length ? w[i + 1] : WordInfo.End;
        var p2 = i + 2 < w.Length ? w[i + 2] : WordInfo.End;
        var a0 = amb[i];
        var am1 = i > 0 ? amb[i - 1] : 1;
        var ap1 = i + 1 < w.Length ? amb[i + 1] : 2;
        var ap2 = i + 2 < w.Length ? amb[i + 2] : 2;
        var t1 = FeatureHash.Int(prev1);
        var t2 = FeatureHash.Int(prev2);
        var n = 0;
        f[n++] = FeatureHash.Key(0, 0);
        f[n++] = FeatureHash.Key(1, cur.Norm);
        f[n++] = FeatureHash.Key(2, cur.Suf1);
        f[n++] = FeatureHash.Key(3, cur.Suf2);
        f[n++] = FeatureHash.Key(4, cur.Suf3);
        f[n++] = FeatureHash.Key(5, cur.Suf4);
        f[n++] = FeatureHash.Key(6, cur.Pre1);
        f[n++] = FeatureHash.Key(7, cur.Pre2);
        f[n++] = FeatureHash.Key(8, cur.Pre3);
        f[n++] = FeatureHash.Key(9, cur.Shape);
        f[n++] = FeatureHash.Key(10, t1);
        f[n++] = FeatureHash.Key(11, t2);
        f[n++] = FeatureHash.Key(12, t1, t2);
        f[n++] = FeatureHash.Key(13, t1, cur.Norm);
        f[n++] = FeatureHash.Key(14, m1.Norm);
        f[n++] = FeatureHash.Key(15, m1.Suf3);
        f[n++] = FeatureHash.Key(16, m2.Norm);
        f[n++] = FeatureHash.Key(17, p1.Norm);
        f[n++] = FeatureHash.Key(18, p1.Suf3);
        f[n++] = FeatureHash.Key(19, p2.Norm);
        f[n++] = FeatureHash.Key(20, m1.Norm, cur.Norm);
        f[n++] = FeatureHash.Key(21, cur.Norm, p1.Norm);
        f[n++] = FeatureHash.Key(22, p1.Shape);
        f[n++] = FeatureHash.Key(23, m1.Shape);
        f[n++] = FeatureHash.Key(24, cur.Form);
        f[n++] = FeatureHash.Key(25, t1, p1.Norm);
        f[n++] = FeatureHash.Key(26, p1.Suf2);
        f[n++] = FeatureHash.Key(27, (ulong)cur.Flags, i == 0 ? 1UL : 0UL);
        f[n++] = FeatureHash.Key(28, t1, cur.Suf3);
        f[n++] = FeatureHash.Key(29, m1.Norm, cur.Suf3);
        f[n++] = FeatureHash.Key(30, cur.Norm, p1.Suf3);
        f[n++] = FeatureHash.Key(31, p1.Norm, p2.Norm);
        f[n++] = FeatureHash.Key(32, a0);
        f[n++] = FeatureHash.Key(33, ap1);
        f[n++] = FeatureHash.Key(34, ap2);
        f[n++] = FeatureHash.Key(35, a0, ap1);
        f[n++] = FeatureHash.Key(36, t1, a0);
        f[n++] = FeatureHash.Key(37, t1, a0, ap1);
        f[n++] = FeatureHash.Key(38, a0, cur.Suf3);
        f[n++] = FeatureHash.Key(39, am1, a0);
        f[n++] = FeatureHash.Key(40, cur.Norm, ap1);
        f[n++] = FeatureHash.Key(41, p1.Suf3, ap2);
        f[n++] = FeatureHash.Key(42, m2.Suf3);
        f[n++] = FeatureHash.Key(43, p2.Suf3);
        f[n++] = FeatureHash.Key(44, t2, t1, a0);
        f[n++] = FeatureHash.Key(45, cur.Shape, p1.Shape);
        f[n++] = FeatureHash.Key(46, m1.Shape, cur.Shape);
        var c0 = Fine(wc, i);
        f[n++] = FeatureHash.Key(47, c0);
        f[n++] = FeatureHash.Key(48, (ulong)(wc[i] >> 16));
        f[n++] = FeatureHash.Key(49, Fine(wc, i + 1));
        f[n++] = FeatureHash.Key(50, Fine(wc, i - 1));
        f[n++] = FeatureHash.Key(51, t1, c0);
        f[n++] = FeatureHash.Key(52, c0, Fine(wc, i + 1));
        f[n++] = FeatureHash.Key(53, c0, cur.Suf3);
        return n;
    }
}
