namespace Sitrep.Tagging;

/// <summary>
/// Greedy left-to-right part-of-speech tagger (averaged perceptron weights) predicting UPOS and English XPOS
/// jointly: each class is a "UPOS XPOS" pair. Immutable; safe to use from many threads.
/// </summary>
public sealed class PosModel
{
    public const string Kind = "pos";
    public const string ModelFile = "pos.lm.gz";
    public const int MaxFeatures = 40;

    public PosModel(LinearModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
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

    public string[] Upos { get; }

    public string[] Xpos { get; }

    public ModelManifest? Manifest { get; init; }

    /// <summary>Loads and verifies <c>pos.lm.gz</c> of a model directory.</summary>
    public static PosModel Load(string directory)
    {
        var manifest = ModelManifest.ReadVerified(directory, Kind);
        using var s = File.OpenRead(Path.Combine(directory, ModelFile));
        return new PosModel(LinearModel.Read(s, Path.Combine(directory, ModelFile))) { Manifest = manifest };
    }

    /// <summary>The class key for a UPOS/XPOS pair.</summary>
    public static string ClassOf(string upos, string xpos) => upos + " " + xpos;

    /// <summary>Tags one sentence; writes class indices into <paramref name="classes"/>.</summary>
    public void Tag(ReadOnlySpan<WordInfo> words, Span<int> classes)
    {
        Span<uint> feats = stackalloc uint[MaxFeatures];
        Span<float> scores = Model.ClassCount <= 512 ? stackalloc float[Model.ClassCount] : new float[Model.ClassCount];
        for (var i = 0; i < words.Length; i++)
        {
            var p1 = i > 0 ? classes[i - 1] : -1;
            var p2 = i > 1 ? classes[i - 2] : -2;
            var n = Extract(words, i, p1, p2, feats);
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

    public static int ArgMax(ReadOnlySpan<float> scores)
    {
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

    /// <summary>The features of token <paramref name="i"/> given the two previous tags (class indices; negative = before the sentence).</summary>
    public static int Extract(ReadOnlySpan<WordInfo> w, int i, int prev1, int prev2, Span<uint> f)
    {
        var cur = w[i];
        var m1 = i > 0 ? w[i - 1] : WordInfo.Start;
        var m2 = i > 1 ? w[i - 2] : WordInfo.Start;
        var p1 = i + 1 < w.Length ? w[i + 1] : WordInfo.End;
        var p2 = i + 2 < w.Length ? w[i + 2] : WordInfo.End;
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
        return n;
    }
}
