using System.IO.Compression;
using System.Text;

namespace Sitrep.Tagging;

/// <summary>
/// A frozen multi-class linear model over hashed sparse features: each feature key has a short row of
/// (class, weight) cells. Immutable and safe to score from many threads. Stored gzip'd with float16 weights.
/// </summary>
public sealed class LinearModel
{
    private const uint Magic = 0x4D4C5253; // "SRLM"
    private const int FormatVersion = 1;

    private readonly uint[] _keys;      // sorted feature keys
    private readonly int[] _rowStart;   // length Rows+1
    private readonly ushort[] _cellClass;
    private readonly float[] _cellWeight;
    private readonly Slot[] _table;     // open addressing on the key; Start < 0 marks an empty slot
    private readonly Cell[] _cells;     // (class, weight) pairs, one row after another
    private readonly int _mask;

    private struct Slot
    {
        public uint Key;
        public int Start;
        public int End;
    }

    private struct Cell
    {
        public int Class;
        public float Weight;
    }

    public LinearModel(string[] classes, uint[] keys, int[] rowStart, ushort[] cellClass, float[] cellWeight)
    {
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(rowStart);
        ArgumentNullException.ThrowIfNull(cellClass);
        ArgumentNullException.ThrowIfNull(cellWeight);
        if (rowStart.Length != keys.Length + 1 || cellClass.Length != cellWeight.Length || rowStart[^1] != cellClass.Length)
        {
            throw new InvalidDataException("linear model arrays do not agree in length");
        }

        Classes = classes;
        _keys = keys;
        _rowStart = rowStart;
        _cellClass = cellClass;
        _cellWeight = cellWeight;
        var size = 16;
        while (size < keys.Length * 2)
        {
            size <<= 1;
        }

        _table = new Slot[size];
        for (var i = 0; i < size; i++)
        {
            _table[i].Start = -1;
        }

        _mask = size - 1;
        for (var r = 0; r < keys.Length; r++)
        {
            var i = (int)(Spread(keys[r]) & (uint)_mask);
            while (_table[i].Start >= 0)
            {
                if (_table[i].Key == keys[r])
                {
                    throw new InvalidDataException($"linear model has a duplicate feature key {keys[r]}");
                }

                i = (i + 1) & _mask;
            }

            _table[i] = new Slot { Key = keys[r], Start = rowStart[r], End = rowStart[r + 1] };
        }

        _cells = new Cell[cellClass.Length];
        for (var c = 0; c < _cells.Length; c++)
        {
            _cells[c] = new Cell { Class = cellClass[c], Weight = cellWeight[c] };
        }
    }

    public IReadOnlyList<string> Classes { get; }

    public int ClassCount => Classes.Count;

    public int FeatureCount => _keys.Length;

    public int WeightCount => _cellClass.Length;

    /// <summary>Adds the weights of <paramref name="features"/> into <paramref name="scores"/> (not cleared first).</summary>
    public void AddScores(ReadOnlySpan<uint> features, Span<float> scores)
    {
        var table = _table;
        var cells = _cells;
        var mask = _mask;
        foreach (var f in features)
        {
            var i = (int)(Spread(f) & (uint)mask);
            while (true)
            {
                ref readonly var slot = ref table[i];
                if (slot.Start < 0)
                {
                    break;
                }

                if (slot.Key == f)
                {
                    for (var c = slot.Start; c < slot.End; c++)
                    {
                        scores[cells[c].Class] += cells[c].Weight;
                    }

                    break;
                }

                i = (i + 1) & mask;
            }
        }
    }

    /// <summary>Writes the model (gzip'd: keys delta-coded, weights as float16).</summary>
    public void Write(Stream stream)
    {
        using var gz = new GZipStream(stream, CompressionLevel.SmallestSize, leaveOpen: true);
        using var w = new BinaryWriter(gz, Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write(FormatVersion);
        w.Write(Classes.Count);
        foreach (var c in Classes)
        {
            w.Write(c);
        }

        w.Write(_keys.Length);
        uint prev = 0;
        foreach (var k in _keys)
        {
            w.Write7BitEncodedInt((int)(k - prev));
            prev = k;
        }

        for (var r = 0; r < _keys.Length; r++)
        {
            w.Write7BitEncodedInt(_rowStart[r + 1] - _rowStart[r]);
        }

        foreach (var c in _cellClass)
        {
            w.Write7BitEncodedInt(c);
        }

        foreach (var x in _cellWeight)
        {
            w.Write((Half)x);
        }
    }

    public static LinearModel Read(Stream stream, string source)
    {
        try
        {
            using var gz = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
            using var bs = new BufferedStream(gz, 1 << 16);
            using var r = new BinaryReader(bs, Encoding.UTF8, leaveOpen: true);
            if (r.ReadUInt32() != Magic)
            {
                throw new InvalidDataException($"'{source}' is not a Sitrep linear model");
            }

            var version = r.ReadInt32();
            if (version != FormatVersion)
            {
                throw new InvalidDataException($"'{source}' has linear-model format {version}; this build reads {FormatVersion}");
            }

            var classes = new string[r.ReadInt32()];
            for (var i = 0; i < classes.Length; i++)
            {
                classes[i] = r.ReadString();
            }

            var n = r.ReadInt32();
            var keys = new uint[n];
            uint prev = 0;
            for (var i = 0; i < n; i++)
            {
                prev += (uint)r.Read7BitEncodedInt();
                keys[i] = prev;
            }

            var rowStart = new int[n + 1];
            for (var i = 0; i < n; i++)
            {
                rowStart[i + 1] = rowStart[i] + r.Read7BitEncodedInt();
            }

            var cells = rowStart[n];
            var cls = new ushort[cells];
            for (var i = 0; i < cells; i++)
            {
                var c = r.Read7BitEncodedInt();
                if (c >= classes.Length)
                {
                    throw new InvalidDataException($"'{source}' names class {c} but has {classes.Length} classes");
                }

                cls[i] = (ushort)c;
            }

            var weights = new float[cells];
            for (var i = 0; i < cells; i++)
            {
                weights[i] = (float)r.ReadHalf();
            }

            return new LinearModel(classes, keys, rowStart, cls, weights);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"'{source}' is truncated");
        }
    }

    private static uint Spread(uint k) => (k * 0x9E3779B1u) ^ (k >> 15);
}
