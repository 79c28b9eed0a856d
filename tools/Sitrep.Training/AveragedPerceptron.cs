using Sitrep.Tagging;

namespace Sitrep.Training;

/// <summary>
/// Multi-class averaged perceptron over hashed sparse features. Each feature key owns a linked list of
/// (class, weight) cells, so memory grows with the weights actually touched, not features × classes.
/// </summary>
public sealed class AveragedPerceptron
{
    private readonly Dictionary<uint, int> _head = [];
    private ushort[] _cls = new ushort[1 << 16];
    private float[] _w = new float[1 << 16];
    private double[] _total = new double[1 << 16];
    private int[] _stamp = new int[1 << 16];
    private int[] _next = new int[1 << 16];
    private int _cells;

    public AveragedPerceptron(IReadOnlyList<string> classes)
    {
        ArgumentNullException.ThrowIfNull(classes);
        Classes = classes.ToArray();
    }

    public string[] Classes { get; }

    public int ClassCount => Classes.Length;

    /// <summary>Number of training instances seen (the averaging clock).</summary>
    public int Clock { get; private set; }

    public int FeatureCount => _head.Count;

    public int CellCount => _cells;

    public void Score(ReadOnlySpan<uint> features, Span<float> scores)
    {
        scores.Clear();
        foreach (var f in features)
        {
            if (!_head.TryGetValue(f, out var c))
            {
                continue;
            }

            for (; c >= 0; c = _next[c])
            {
                scores[_cls[c]] += _w[c];
            }
        }
    }

    /// <summary>Advances the clock by one instance.</summary>
    public void Tick() => Clock++;

    /// <summary>Standard perceptron update: +1 for the truth, -1 for the guess, on every feature.</summary>
    public void Update(ReadOnlySpan<uint> features, int truth, int guess)
    {
        if (truth == guess)
        {
            return;
        }

        foreach (var f in features)
        {
            Add(f, truth, 1f);
            Add(f, guess, -1f);
        }
    }

    private void Add(uint f, int cls, float v)
    {
        if (!_head.TryGetValue(f, out var head))
        {
            head = -1;
        }

        for (var c = head; c >= 0; c = _next[c])
        {
            if (_cls[c] == cls)
            {
                _total[c] += (Clock - _stamp[c]) * (double)_w[c];
                _stamp[c] = Clock;
                _w[c] += v;
                return;
            }
        }

        if (_cells == _cls.Length)
        {
            var size = _cls.Length * 2;
            Array.Resize(ref _cls, size);
            Array.Resize(ref _w, size);
            Array.Resize(ref _total, size);
            Array.Resize(ref _stamp, size);
            Array.Resize(ref _next, size);
        }

        var n = _cells++;
        _cls[n] = (ushort)cls;
        _w[n] = v;
        _total[n] = 0;
        _stamp[n] = Clock;
        _next[n] = head;
        _head[f] = n;
    }

    /// <summary>
    /// The averaged weights as a frozen model, dropping cells whose averaged weight is below
    /// <paramref name="prune"/> in magnitude and features left without cells.
    /// </summary>
    public LinearModel Average(float prune)
    {
        var clock = Math.Max(1, Clock);
        var keys = _head.Keys.ToArray();
        Array.Sort(keys);
        var rowStart = new List<int>(keys.Length + 1) { 0 };
        var keptKeys = new List<uint>(keys.Length);
        var cls = new List<ushort>();
        var weights = new List<float>();
        var row = new List<(ushort c, float w)>();
        foreach (var k in keys)
        {
            row.Clear();
            for (var c = _head[k]; c >= 0; c = _next[c])
            {
                // Quantised here to the stored precision, so a saved model reloads unchanged.
                var avg = (float)(Half)((_total[c] + (Clock - _stamp[c]) * (double)_w[c]) / clock);
                if (Math.Abs(avg) >= prune && avg != 0)
                {
                    row.Add((_cls[c], avg));
                }
            }

            if (row.Count == 0)
            {
                continue;
            }

            row.Sort((a, b) => a.c.CompareTo(b.c));
            keptKeys.Add(k);
            foreach (var (c, w) in row)
            {
                cls.Add(c);
                weights.Add(w);
            }

            rowStart.Add(cls.Count);
        }

        return new LinearModel(Classes, keptKeys.ToArray(), rowStart.ToArray(), cls.ToArray(), weights.ToArray());
    }
}
