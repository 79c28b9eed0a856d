namespace Sitrep.Tagging;

/// <summary>
/// The parse state of the arc-hybrid transition system. Words are 0..n-1; the root sits at index n at the end of
/// the buffer. Transitions: SHIFT (push the buffer front), LEFT-l (the stack top takes the buffer front as head,
/// label l, pop), RIGHT-l (the stack top takes the word below it as head, pop). Only one word may attach to the
/// root, so the output is a single tree.
/// </summary>
public sealed class ParseState
{
    public ParseState(int n)
    {
        N = n;
        Stack = new int[n + 1];
        Heads = new int[n];
        Labels = new int[n];
        Left1 = new int[n + 1];
        Left2 = new int[n + 1];
        Right1 = new int[n + 1];
        Right2 = new int[n + 1];
        LeftCount = new int[n + 1];
        RightCount = new int[n + 1];
        Array.Fill(Heads, -2);
        Array.Fill(Labels, -1);
        Array.Fill(Left1, -1);
        Array.Fill(Left2, -1);
        Array.Fill(Right1, -1);
        Array.Fill(Right2, -1);
    }

    public int N { get; }

    public int[] Stack { get; }

    public int Depth { get; private set; }

    /// <summary>Front of the buffer; N means the root.</summary>
    public int Buffer { get; private set; }

    /// <summary>Assigned head of each word (N = root, -2 = none yet).</summary>
    public int[] Heads { get; }

    public int[] Labels { get; }

    public int[] Left1 { get; }

    public int[] Left2 { get; }

    public int[] Right1 { get; }

    public int[] Right2 { get; }

    public int[] LeftCount { get; }

    public int[] RightCount { get; }

    public bool IsTerminal => Depth == 0 && Buffer >= N;

    public int S(int k) => Depth > k ? Stack[Depth - 1 - k] : -1;

    public bool CanShift => Buffer < N;

    /// <summary>LEFT: to a word always; to the root only when the stack holds exactly one word.</summary>
    public bool CanLeft => Depth > 0 && (Buffer < N || Depth == 1);

    public bool CanRight => Depth > 1;

    public void Shift() => Stack[Depth++] = Buffer++;

    public void Left(int label)
    {
        var d = Stack[--Depth];
        Attach(Buffer, d, label);
    }

    public void Right(int label)
    {
        var d = Stack[--Depth];
        Attach(Stack[Depth - 1], d, label);
    }

    private void Attach(int head, int dep, int label)
    {
        Heads[dep] = head;
        Labels[dep] = label;
        if (dep < head)
        {
            LeftCount[head]++;
            if (Left1[head] < 0 || dep < Left1[head])
            {
                Left2[head] = Left1[head];
                Left1[head] = dep;
            }
            else if (Left2[head] < 0 || dep < Left2[head])
            {
                Left2[head] = dep;
            }
        }
        else
        {
            RightCount[head]++;
            if (Right1[head] < 0 || dep > Right1[head])
            {
                Right2[head] = Right1[head];
                Right1[head] = dep;
            }
            else if (Right2[head] < 0 || dep > Right2[head])
            {
                Right2[head] = dep;
            }
        }
    }
}

/// <summary>
/// Greedy arc-hybrid dependency parser with averaged-perceptron weights. Classes are "S", "L:label" and "R:label".
/// Immutable; safe to use from many threads.
/// </summary>
public sealed class ParserModel
{
    public const string Kind = "parser";
    public const string ModelFile = "parser.lm.gz";
    public const int MaxFeatures = 96;
    public const string RootLabel = "root";

    public ParserModel(LinearModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        var labels = new List<string>();
        ActionOf = new int[model.ClassCount];
        LabelOf = new int[model.ClassCount];
        for (var c = 0; c < model.ClassCount; c++)
        {
            var name = model.Classes[c];
            if (name == "S")
            {
                ActionOf[c] = 0;
                LabelOf[c] = -1;
                continue;
            }

            ActionOf[c] = name[0] == 'L' ? 1 : 2;
            var label = name[2..];
            var li = labels.IndexOf(label);
            if (li < 0)
            {
                li = labels.Count;
                labels.Add(label);
            }

            LabelOf[c] = li;
        }

        Labels = labels.ToArray();
        RootLabelIndex = Array.IndexOf(Labels, RootLabel);
        RootLeftClass = Array.IndexOf(model.Classes.ToArray(), "L:" + RootLabel);
        _kind = new byte[model.ClassCount];
        for (var c = 0; c < model.ClassCount; c++)
        {
            var root = LabelOf[c] == RootLabelIndex;
            _kind[c] = ActionOf[c] switch
            {
                0 => KindShift,
                1 => root ? KindLeftRoot : KindLeft,
                _ => root ? KindRightRoot : KindRight,
            };
        }
    }

    // The transition kinds whose validity depends only on the parse state (see IsValid).
    private const byte KindShift = 0, KindLeft = 1, KindLeftRoot = 2, KindRight = 3, KindRightRoot = 4;

    private readonly byte[] _kind;

    public LinearModel Model { get; }

    /// <summary>Per class: 0 shift, 1 left, 2 right.</summary>
    public int[] ActionOf { get; }

    /// <summary>Per class: index into <see cref="Labels"/>, -1 for shift.</summary>
    public int[] LabelOf { get; }

    public string[] Labels { get; }

    public int RootLabelIndex { get; }

    public int RootLeftClass { get; }

    public ModelManifest? Manifest { get; init; }

    public static ParserModel Load(string directory)
    {
        var manifest = ModelManifest.ReadVerified(directory, Kind);
        using var s = File.OpenRead(Path.Combine(directory, ModelFile));
        return new ParserModel(LinearModel.Read(s, Path.Combine(directory, ModelFile))) { Manifest = manifest };
    }

    public bool IsValid(ParseState st, int cls) => ActionOf[cls] switch
    {
        0 => st.CanShift,
        1 => st.CanLeft && (st.Buffer < st.N ? LabelOf[cls] != RootLabelIndex : LabelOf[cls] == RootLabelIndex),
        _ => st.CanRight && LabelOf[cls] != RootLabelIndex,
    };

    public void Apply(ParseState st, int cls)
    {
        switch (ActionOf[cls])
        {
            case 0: st.Shift(); break;
            case 1: st.Left(LabelOf[cls]); break;
            default: st.Right(LabelOf[cls]); break;
        }
    }

    /// <summary>
    /// Parses one sentence. <paramref name="tags"/> are hashes of the words' XPOS tags. Writes heads (sentence index,
    /// -1 = root) and label indices.
    /// </summary>
    public void Parse(ReadOnlySpan<WordInfo> words, ReadOnlySpan<ulong> tags, Span<int> heads, Span<int> labels)
    {
        var n = words.Length;
        var st = new ParseState(n);
        Span<uint> feats = stackalloc uint[MaxFeatures];
        Span<float> scores = Model.ClassCount <= 512 ? stackalloc float[Model.ClassCount] : new float[Model.ClassCount];
        Span<bool> valid = stackalloc bool[5];
        var kind = _kind;
        while (!st.IsTerminal)
        {
            var k = Extract(st, words, tags, feats);
            scores.Clear();
            Model.AddScores(feats[..k], scores);

            // IsValid(st, c) for every class, from the five kinds of transition.
            valid[KindShift] = st.CanShift;
            valid[KindLeft] = st.CanLeft && st.Buffer < st.N;
            valid[KindLeftRoot] = st.CanLeft && st.Buffer >= st.N;
            valid[KindRight] = st.CanRight;
            valid[KindRightRoot] = false;
            var best = -1;
            for (var c = 0; c < scores.Length; c++)
            {
                if ((best < 0 || scores[c] > scores[best]) && valid[kind[c]])
                {
                    best = c;
                }
            }

            Apply(st, best);
        }

        for (var i = 0; i < n; i++)
        {
            heads[i] = st.Heads[i] >= n || st.Heads[i] < 0 ? -1 : st.Heads[i];
            labels[i] = st.Labels[i] < 0 ? Math.Max(RootLabelIndex, 0) : st.Labels[i];
        }
    }

    private static ulong W(ReadOnlySpan<WordInfo> w, int i, int n) => i < 0 ? WordInfo.None.Norm : i >= n ? WordInfo.Root.Norm : w[i].Norm;

    private static ulong T(ReadOnlySpan<ulong> t, int i, int n) => i < 0 ? 1UL : i >= n ? 2UL : t[i];

    private static ulong L(ParseState st, int i) => i < 0 || i >= st.N ? 3UL : FeatureHash.Int(st.Labels[i] + 100);

    private static int Child(int[] arr, int i) => i < 0 ? -1 : arr[i];

    /// <summary>The features of a parse state.</summary>
    public static int Extract(ParseState st, ReadOnlySpan<WordInfo> w, ReadOnlySpan<ulong> t, Span<uint> f)
    {
        var n = st.N;
        int s0 = st.S(0), s1 = st.S(1), s2 = st.S(2);
        var b0 = st.Buffer;
        var b1 = b0 + 1 <= n ? b0 + 1 : -1;
        var b2 = b0 + 2 <= n ? b0 + 2 : -1;
        if (b1 > n)
        {
            b1 = -1;
        }

        var s0l = Child(st.Left1, s0);
        var s0l2 = Child(st.Left2, s0);
        var s0r = Child(st.Right1, s0);
        var s0r2 = Child(st.Right2, s0);
        var b0l = Child(st.Left1, b0);
        var b0l2 = Child(st.Left2, b0);
        var s1r = Child(st.Right1, s1);

        ulong ws0 = W(w, s0, n), ws1 = W(w, s1, n), ws2 = W(w, s2, n), wb0 = W(w, b0, n), wb1 = W(w, b1, n), wb2 = W(w, b2, n);
        ulong ts0 = T(t, s0, n), ts1 = T(t, s1, n), ts2 = T(t, s2, n), tb0 = T(t, b0, n), tb1 = T(t, b1, n), tb2 = T(t, b2, n);
        ulong ts0l = T(t, s0l, n), ts0l2 = T(t, s0l2, n), ts0r = T(t, s0r, n), ts0r2 = T(t, s0r2, n), tb0l = T(t, b0l, n), tb0l2 = T(t, b0l2, n);
        ulong ws0l = W(w, s0l, n), ws0r = W(w, s0r, n), wb0l = W(w, b0l, n);
        ulong ls0l = L(st, s0l), ls0l2 = L(st, s0l2), ls0r = L(st, s0r), ls0r2 = L(st, s0r2), lb0l = L(st, b0l), lb0l2 = L(st, b0l2), ls1r = L(st, s1r);
        var dist = s0 < 0 ? 0L : Math.Min(b0 - s0, 6);
        var d = FeatureHash.Int(dist + 1000);
        ulong vs0l = FeatureHash.Int(s0 < 0 ? -1 : Math.Min(st.LeftCount[s0], 4)), vs0r = FeatureHash.Int(s0 < 0 ? -1 : Math.Min(st.RightCount[s0], 4)), vb0l = FeatureHash.Int(Math.Min(st.LeftCount[b0], 4));

        var k = 0;
        f[k++] = FeatureHash.Key(0, 0);

        // unigrams
        f[k++] = FeatureHash.Key(1, ws0);
        f[k++] = FeatureHash.Key(2, ts0);
        f[k++] = FeatureHash.Key(3, ws0, ts0);
        f[k++] = FeatureHash.Key(4, ws1);
        f[k++] = FeatureHash.Key(5, ts1);
        f[k++] = FeatureHash.Key(6, ws1, ts1);
        f[k++] = FeatureHash.Key(7, ws2);
        f[k++] = FeatureHash.Key(8, ts2);
        f[k++] = FeatureHash.Key(9, wb0);
        f[k++] = FeatureHash.Key(10, tb0);
        f[k++] = FeatureHash.Key(11, wb0, tb0);
        f[k++] = FeatureHash.Key(12, wb1);
        f[k++] = FeatureHash.Key(13, tb1);
        f[k++] = FeatureHash.Key(14, wb1, tb1);
        f[k++] = FeatureHash.Key(15, wb2);
        f[k++] = FeatureHash.Key(16, tb2);
        f[k++] = FeatureHash.Key(17, ws0l);
        f[k++] = FeatureHash.Key(18, ts0l);
        f[k++] = FeatureHash.Key(19, ws0r);
        f[k++] = FeatureHash.Key(20, ts0r);
        f[k++] = FeatureHash.Key(21, wb0l);
        f[k++] = FeatureHash.Key(22, tb0l);
        f[k++] = FeatureHash.Key(23, ts0l2);
        f[k++] = FeatureHash.Key(24, ts0r2);
        f[k++] = FeatureHash.Key(25, tb0l2);
        if (s0 >= 0 && s0 < n)
        {
            f[k++] = FeatureHash.Key(26, w[s0].Suf3);
        }

        if (b0 < n)
        {
            f[k++] = FeatureHash.Key(27, w[b0].Suf3);
        }

        // pairs
        f[k++] = FeatureHash.Key(30, ws0, wb0);
        f[k++] = FeatureHash.Key(31, FeatureHash.Key(0, wb0, tb0), ws0);
        f[k++] = FeatureHash.Key(32, FeatureHash.Key(0, wb0, tb0), ts0);
        f[k++] = FeatureHash.Key(33, FeatureHash.Key(0, ws0, ts0), wb0);
        f[k++] = FeatureHash.Key(34, FeatureHash.Key(0, ws0, ts0), tb0);
        f[k++] = FeatureHash.Key(35, FeatureHash.Key(0, ws0, ts0), FeatureHash.Key(0, wb0, tb0));
        f[k++] = FeatureHash.Key(36, ts0, tb0);
        f[k++] = FeatureHash.Key(37, tb0, tb1);
        f[k++] = FeatureHash.Key(38, ts0, ts1);
        f[k++] = FeatureHash.Key(39, ws0, ws1);
        f[k++] = FeatureHash.Key(40, ws1, wb0);
        f[k++] = FeatureHash.Key(41, ts1, tb0);

        // trigrams of tags
        f[k++] = FeatureHash.Key(50, tb0, tb1, tb2);
        f[k++] = FeatureHash.Key(51, ts0, tb0, tb1);
        f[k++] = FeatureHash.Key(52, ts0, ts1, tb0);
        f[k++] = FeatureHash.Key(53, ts0, ts0l, tb0);
        f[k++] = FeatureHash.Key(54, ts0, ts0r, tb0);
        f[k++] = FeatureHash.Key(55, ts0, tb0, tb0l);
        f[k++] = FeatureHash.Key(56, ts0, ts0l, ts0l2);
        f[k++] = FeatureHash.Key(57, ts0, ts0r, ts0r2);
        f[k++] = FeatureHash.Key(58, tb0, tb0l, tb0l2);
        f[k++] = FeatureHash.Key(59, ts0, ts1, ts2);
        f[k++] = FeatureHash.Key(60, ts1, ts0, FeatureHash.Key(0, ts1, L(st, s1r)));

        // labels of children
        f[k++] = FeatureHash.Key(70, ls0l);
        f[k++] = FeatureHash.Key(71, ls0r);
        f[k++] = FeatureHash.Key(72, lb0l);
        f[k++] = FeatureHash.Key(73, ts0, ls0l, ls0l2);
        f[k++] = FeatureHash.Key(74, ts0, ls0r, ls0r2);
        f[k++] = FeatureHash.Key(75, tb0, lb0l, lb0l2);
        f[k++] = FeatureHash.Key(76, ws0, ls0l);
        f[k++] = FeatureHash.Key(77, ws0, ls0r);
        f[k++] = FeatureHash.Key(78, wb0, lb0l);
        f[k++] = FeatureHash.Key(79, ts1, ls1r);

        // valency and distance
        f[k++] = FeatureHash.Key(80, ws0, vs0r);
        f[k++] = FeatureHash.Key(81, ws0, vs0l);
        f[k++] = FeatureHash.Key(82, wb0, vb0l);
        f[k++] = FeatureHash.Key(83, ts0, vs0r);
        f[k++] = FeatureHash.Key(84, ts0, vs0l);
        f[k++] = FeatureHash.Key(85, tb0, vb0l);
        f[k++] = FeatureHash.Key(86, ws0, d);
        f[k++] = FeatureHash.Key(87, wb0, d);
        f[k++] = FeatureHash.Key(88, ts0, d);
        f[k++] = FeatureHash.Key(89, tb0, d);
        f[k++] = FeatureHash.Key(90, ts0, tb0, d);
        f[k++] = FeatureHash.Key(91, ws0, wb0, d);
        f[k++] = FeatureHash.Key(92, FeatureHash.Int(st.Depth > 3 ? 3 : st.Depth), b0 >= n ? 1UL : 0UL);
        return k;
    }
}
