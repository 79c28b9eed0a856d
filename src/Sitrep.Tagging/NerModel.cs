namespace Sitrep.Tagging;

/// <summary>One entity chunk found by the recogniser: tokens [Start, End) of a sentence and its CoNLL type.</summary>
public readonly record struct EntityChunk(int Start, int End, string Type);

/// <summary>
/// Document-level memory while tagging one document: for each lower-cased word, how often earlier predictions put it
/// inside an entity of each type, and which words occur in lower case somewhere in the document.
/// </summary>
public sealed class NerDocumentContext
{
    private readonly Dictionary<ulong, int[]> _history = [];
    private readonly HashSet<ulong> _lowerForms = [];
    private readonly int _types;

    public NerDocumentContext(int types) => _types = types;

    /// <summary>Registers the forms of every sentence of the document before tagging (words seen in lower case).</summary>
    public void Observe(ReadOnlySpan<WordInfo> words, IReadOnlyList<string> forms, int start)
    {
        ArgumentNullException.ThrowIfNull(forms);
        for (var i = 0; i < words.Length; i++)
        {
            var f = forms[start + i];
            if (f.Length > 0 && char.IsLower(f[0]))
            {
                _lowerForms.Add(words[i].Lower);
            }
        }
    }

    public bool SeenLower(in WordInfo w) => _lowerForms.Contains(w.Lower);

    /// <summary>The type most often predicted for this word earlier in the document: 0 never seen, 1 mostly outside, t + 1 mostly type t.</summary>
    public int Majority(in WordInfo w)
    {
        if (!_history.TryGetValue(w.Lower, out var counts))
        {
            return 0;
        }

        var best = 0;
        for (var t = 1; t < counts.Length; t++)
        {
            if (counts[t] > counts[best])
            {
                best = t;
            }
        }

        return counts[best] == 0 ? 0 : best + 1;
    }

    /// <summary>Records a tagged sentence: type index (0 = outside) for each capitalised token.</summary>
    public void Record(ReadOnlySpan<WordInfo> words, ReadOnlySpan<int> typeOfToken)
    {
        for (var i = 0; i < words.Length; i++)
        {
            if ((words[i].Flags & WordFlags.Upper) == 0)
            {
                continue;
            }

            if (!_history.TryGetValue(words[i].Lower, out var counts))
            {
                counts = new int[_types + 1];
                _history[words[i].Lower] = counts;
            }

            counts[typeOfToken[i]]++;
        }
    }
}

/// <summary>
/// Named-entity recogniser: greedy left-to-right BILOU tagging with an averaged perceptron over word, shape, affix,
/// context, tag-history, lexicon (gazetteer, demonym, title) and document-level features. Immutable; thread-safe.
/// </summary>
public sealed class NerModel
{
    public const string Kind = "ner";
    public const string ModelFile = "ner.lm.gz";
    public const string LexiconFile = "lexicon.tsv.gz";
    public const string WordClassesFile = "wordclasses.tsv.gz";

    /// <summary>The feature set of this build: ner-features-1 plus word-class features (models of feature set 1 score the same).</summary>
    public const string FeatureSet = "ner-features-2";
    public const int MaxFeatures = 96;

    private readonly int[] _prefix;   // 0 O, 1 B, 2 I, 3 L, 4 U
    private readonly int[] _typeOf;   // type index + 1, 0 for O

    public NerModel(LinearModel model, Lexicon lexicon, WordClasses? wordClasses = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(lexicon);
        Model = model;
        Lexicon = lexicon;
        WordClasses = wordClasses ?? WordClasses.Empty;
        var types = new List<string>();
        _prefix = new int[model.ClassCount];
        _typeOf = new int[model.ClassCount];
        for (var c = 0; c < model.ClassCount; c++)
        {
            var name = model.Classes[c];
            if (name == "O")
            {
                continue;
            }

            _prefix[c] = "OBILU".IndexOf(name[0], StringComparison.Ordinal);
            var type = name[2..];
            var t = types.IndexOf(type);
            if (t < 0)
            {
                t = types.Count;
                types.Add(type);
            }

            _typeOf[c] = t + 1;
        }

        Types = types.ToArray();
    }

    public LinearModel Model { get; }

    public Lexicon Lexicon { get; }

    /// <summary>Word classes derived from unlabeled text (empty for models trained without them).</summary>
    public WordClasses WordClasses { get; }

    /// <summary>Entity types the model predicts (CoNLL: PER, ORG, LOC, MISC).</summary>
    public string[] Types { get; }

    public ModelManifest? Manifest { get; init; }

    public static NerModel Load(string directory)
    {
        var manifest = ModelManifest.ReadVerified(directory, Kind);
        using var s = File.OpenRead(Path.Combine(directory, ModelFile));
        var lm = LinearModel.Read(s, Path.Combine(directory, ModelFile));
        var features = manifest.Settings.GetValueOrDefault("features", "ner-features-1");
        if (features is not "ner-features-1" and not FeatureSet)
        {
            throw new ModelException($"'{directory}' was trained with feature set '{features}'; this build computes '{FeatureSet}'");
        }

        var classes = manifest.Files.Any(f => f.Path == WordClassesFile) ? WordClasses.Read(Path.Combine(directory, WordClassesFile)) : null;
        return new NerModel(lm, Lexicon.Read(Path.Combine(directory, LexiconFile)), classes) { Manifest = manifest };
    }

    /// <summary>The BILOU class names for a set of types.</summary>
    public static string[] ClassesFor(IEnumerable<string> types)
    {
        var list = new List<string> { "O" };
        foreach (var t in types)
        {
            list.Add("B-" + t);
            list.Add("I-" + t);
            list.Add("L-" + t);
            list.Add("U-" + t);
        }

        return list.ToArray();
    }

    /// <summary>Whether class <paramref name="cur"/> may follow <paramref name="prev"/> (-1 = sentence start).</summary>
    public bool Allowed(int prev, int cur, bool last)
    {
        var open = prev >= 0 && (_prefix[prev] == 1 || _prefix[prev] == 2);
        var p = _prefix[cur];
        if (open)
        {
            return _typeOf[cur] == _typeOf[prev] && (p == 3 || (p == 2 && !last));
        }

        return p == 0 || p == 4 || (p == 1 && !last);
    }

    public int TypeOfClass(int cls) => _typeOf[cls];

    public int PrefixOfClass(int cls) => _prefix[cls];

    /// <summary>Tags one sentence (greedy, constrained to well-formed BILOU); writes classes and records them in the context.</summary>
    public void Tag(ReadOnlySpan<WordInfo> words, NerDocumentContext context, Span<int> classes)
    {
        ArgumentNullException.ThrowIfNull(context);
        Span<ulong> lex = words.Length <= 256 ? stackalloc ulong[words.Length] : new ulong[words.Length];
        Lexicon.Mark(words, lex);
        Span<int> wc = words.Length <= 256 ? stackalloc int[words.Length] : new int[words.Length];
        ClassesOf(words, wc);
        Span<uint> feats = stackalloc uint[MaxFeatures];
        Span<float> scores = stackalloc float[Model.ClassCount];
        var headline = IsHeadline(words);
        for (var i = 0; i < words.Length; i++)
        {
            var n = Extract(words, lex, wc, context, headline, i, i > 0 ? classes[i - 1] : -1, i > 1 ? classes[i - 2] : -2, feats);
            scores.Clear();
            Model.AddScores(feats[..n], scores);
            classes[i] = Best(scores, i > 0 ? classes[i - 1] : -1, i == words.Length - 1);
        }

        Record(words, classes, context);
    }

    public int Best(ReadOnlySpan<float> scores, int prev, bool last)
    {
        var best = -1;
        for (var c = 0; c < scores.Length; c++)
        {
            if ((best < 0 || scores[c] > scores[best]) && Allowed(prev, c, last))
            {
                best = c;
            }
        }

        return best;
    }

    public void Record(ReadOnlySpan<WordInfo> words, ReadOnlySpan<int> classes, NerDocumentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Span<int> types = words.Length <= 256 ? stackalloc int[words.Length] : new int[words.Length];
        for (var i = 0; i < words.Length; i++)
        {
            types[i] = _typeOf[classes[i]];
        }

        context.Record(words, types);
    }

    /// <summary>Chunks of a tagged sentence.</summary>
    public List<EntityChunk> Chunks(ReadOnlySpan<int> classes)
    {
        var result = new List<EntityChunk>();
        var start = -1;
        for (var i = 0; i < classes.Length; i++)
        {
            var p = _prefix[classes[i]];
            if (p == 4)
            {
                result.Add(new EntityChunk(i, i + 1, Types[_typeOf[classes[i]] - 1]));
                start = -1;
            }
            else if (p == 1)
            {
                start = i;
            }
            else if (p == 3 && start >= 0)
            {
                result.Add(new EntityChunk(start, i + 1, Types[_typeOf[classes[i]] - 1]));
                start = -1;
            }
        }

        return result;
    }

    /// <summary>A sentence in which every word with letters is upper-case (news headlines, datelines).</summary>
    public static bool IsHeadline(ReadOnlySpan<WordInfo> words)
    {
        var letters = 0;
        foreach (var w in words)
        {
            if ((w.Flags & WordFlags.HasLetter) == 0)
            {
                continue;
            }

            letters++;
            if ((w.Flags & WordFlags.AllUpper) == 0)
            {
                return false;
            }
        }

        return letters > 1;
    }

    private static ulong Fine(ReadOnlySpan<int> wc, int k) => k < 0 ? 0xFFFEUL : k >= wc.Length ? 0xFFFFUL : (ulong)(wc[k] & 0xFFFF);

    private static ulong Coarse(ReadOnlySpan<int> wc, int k) => k < 0 ? 0xFFFEUL : k >= wc.Length ? 0xFFFFUL : (ulong)(wc[k] >> 16);

    private static WordInfo At(ReadOnlySpan<WordInfo> w, int i) => i < 0 ? WordInfo.Start : i >= w.Length ? WordInfo.End : w[i];

    /// <summary>The word classes of a sentence, packed as (fine + 1) | (coarse + 1) &lt;&lt; 16 (0 = no class).</summary>
    public void ClassesOf(ReadOnlySpan<WordInfo> words, Span<int> packed)
    {
        for (var i = 0; i < words.Length; i++)
        {
            var (fine, coarse) = WordClasses.Of(words[i]);
            packed[i] = (fine + 1) | ((coarse + 1) << 16);
        }
    }

    public static int Extract(ReadOnlySpan<WordInfo> w, ReadOnlySpan<ulong> lex, ReadOnlySpan<int> wc, NerDocumentContext ctx, bool headline, int i, int prev1, int prev2, Span<uint> f)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var cur = w[i];
        var m1 = At(w, i - 1);
        var m2 = At(w, i - 2);
        var p1 = At(w, i + 1);
        var p2 = At(w, i + 2);
        var t1 = FeatureHash.Int(prev1);
        var t2 = FeatureHash.Int(prev2);
        var first = i == 0 ? 1UL : 0UL;
        var hl = headline ? 1UL : 0UL;
        var n = 0;
        f[n++] = FeatureHash.Key(0, 0);
        f[n++] = FeatureHash.Key(1, cur.Lower);
        f[n++] = FeatureHash.Key(2, m1.Lower);
        f[n++] = FeatureHash.Key(3, p1.Lower);
        f[n++] = FeatureHash.Key(4, m2.Lower);
        f[n++] = FeatureHash.Key(5, p2.Lower);
        f[n++] = FeatureHash.Key(6, cur.Form, hl);
        f[n++] = FeatureHash.Key(7, cur.Shape);
        f[n++] = FeatureHash.Key(8, m1.Shape);
        f[n++] = FeatureHash.Key(9, p1.Shape);
        f[n++] = FeatureHash.Key(10, cur.Suf1);
        f[n++] = FeatureHash.Key(11, cur.Suf2);
        f[n++] = FeatureHash.Key(12, cur.Suf3);
        f[n++] = FeatureHash.Key(13, cur.Suf4);
        f[n++] = FeatureHash.Key(14, cur.Pre1);
        f[n++] = FeatureHash.Key(15, cur.Pre2);
        f[n++] = FeatureHash.Key(16, cur.Pre3);
        f[n++] = FeatureHash.Key(17, (ulong)cur.Flags, first, hl);
        f[n++] = FeatureHash.Key(18, t1);
        f[n++] = FeatureHash.Key(19, t2);
        f[n++] = FeatureHash.Key(20, t1, t2);
        f[n++] = FeatureHash.Key(21, t1, cur.Lower);
        f[n++] = FeatureHash.Key(22, t1, cur.Shape);
        f[n++] = FeatureHash.Key(23, m1.Lower, cur.Lower);
        f[n++] = FeatureHash.Key(24, cur.Lower, p1.Lower);
        f[n++] = FeatureHash.Key(25, m1.Shape, cur.Shape, p1.Shape);
        f[n++] = FeatureHash.Key(26, m1.Suf3);
        f[n++] = FeatureHash.Key(27, p1.Suf3);
        f[n++] = FeatureHash.Key(28, t1, p1.Lower);
        f[n++] = FeatureHash.Key(29, cur.Norm);
        f[n++] = FeatureHash.Key(30, m1.Norm, p1.Norm);
        f[n++] = FeatureHash.Key(31, p1.Lower, p2.Lower);
        f[n++] = FeatureHash.Key(32, m2.Lower, m1.Lower);

        // Word classes (fine and coarse) of the token and its neighbours; absent from models trained without them.
        var c0 = wc[i];
        if (c0 != 0 || (i > 0 && wc[i - 1] != 0) || (i + 1 < w.Length && wc[i + 1] != 0))
        {
            var f0 = Fine(wc, i);
            var fm1 = Fine(wc, i - 1);
            var fp1 = Fine(wc, i + 1);
            f[n++] = FeatureHash.Key(60, f0);
            f[n++] = FeatureHash.Key(61, Coarse(wc, i));
            f[n++] = FeatureHash.Key(62, fm1);
            f[n++] = FeatureHash.Key(63, fp1);
            f[n++] = FeatureHash.Key(64, f0, t1);
            f[n++] = FeatureHash.Key(65, f0, cur.Shape);
            f[n++] = FeatureHash.Key(66, Coarse(wc, i - 1), Coarse(wc, i), Coarse(wc, i + 1));
            f[n++] = FeatureHash.Key(67, Fine(wc, i - 2));
            f[n++] = FeatureHash.Key(68, Fine(wc, i + 2));
            f[n++] = FeatureHash.Key(69, fm1, f0);
            f[n++] = FeatureHash.Key(70, f0, fp1);
        }

        // Document-level: what earlier sentences made of this word, and whether it also occurs in lower case.
        var major = (ulong)ctx.Majority(cur);
        var upper = (cur.Flags & WordFlags.Upper) != 0;
        f[n++] = FeatureHash.Key(40, major, upper ? 1UL : 0UL);
        f[n++] = FeatureHash.Key(41, major, t1);
        f[n++] = FeatureHash.Key(42, (ulong)ctx.Majority(p1), (ulong)ctx.Majority(m1));
        if (upper)
        {
            f[n++] = FeatureHash.Key(43, ctx.SeenLower(cur) ? 1UL : 0UL, first, hl);
        }

        // Lexicon bits of this token and its neighbours.
        var bits = lex[i];
        var k = 0;
        while (bits != 0 && n < MaxFeatures - 12)
        {
            var b = (ulong)System.Numerics.BitOperations.TrailingZeroCount(bits);
            bits &= bits - 1;
            f[n++] = FeatureHash.Key(50, b);
            f[n++] = FeatureHash.Key(51, b, t1);
            f[n++] = FeatureHash.Key(52, b, cur.Shape);
            k++;
        }

        var prevBits = i > 0 ? lex[i - 1] : 0UL;
        var nextBits = i + 1 < w.Length ? lex[i + 1] : 0UL;
        f[n++] = FeatureHash.Key(53, prevBits);
        f[n++] = FeatureHash.Key(54, nextBits);
        while (prevBits != 0 && n < MaxFeatures - 8)
        {
            var b = (ulong)System.Numerics.BitOperations.TrailingZeroCount(prevBits);
            prevBits &= prevBits - 1;
            f[n++] = FeatureHash.Key(56, b, cur.Shape);
        }

        while (nextBits != 0 && n < MaxFeatures - 8)
        {
            var b = (ulong)System.Numerics.BitOperations.TrailingZeroCount(nextBits);
            nextBits &= nextBits - 1;
            f[n++] = FeatureHash.Key(57, b, cur.Shape);
        }

        f[n++] = FeatureHash.Key(58, m1.Lower, cur.Shape);
        f[n++] = FeatureHash.Key(59, cur.Shape, p1.Lower);
        f[n++] = FeatureHash.Key(55, lex[i], k == 0 ? 0UL : cur.Lower);
        return n;
    }
}
