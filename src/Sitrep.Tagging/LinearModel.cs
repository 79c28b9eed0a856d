using System.IO.Compression;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
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
    private const int Empty = int.MinValue;  // Slot.Start of an empty slot

    private readonly NativeBlock<Slot> _table;  // open addressing on the key
    private readonly NativeBlock<Cell> _cells;  // sparse rows: a header cell (Class = row length), then (class, weight) pairs
    private readonly NativeBlock<float> _dense; // dense rows: one weight per class, _stride floats apart
    private readonly int _stride;
    private readonly int _mask;

    /// <summary>
    /// A key and where its row is: Start ≥ 0 is a sparse row's header cell, Start ≤ -2 dense row -(Start + 2),
    /// <see cref="Empty"/> an empty slot.
    /// </summary>
    private struct Slot
    {
        public uint Key;
        public int Start;
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

        // Long rows (the bias, tag history, frequent words) are kept dense and added with vector instructions; the
        // others stay sparse. A dense row adds 0 for the classes it lacks, which leaves every sum unchanged.
        _stride = (classes.Length + Vector256<float>.Count - 1) / Vector256<float>.Count * Vector256<float>.Count;
        var denseFrom = Math.Max(4, _stride / DenseDivisor);
        var seen = new int[classes.Length];
        var isDense = new bool[keys.Length];
        int denseRows = 0, sparseCells = 0;
        for (var r = 0; r < keys.Length; r++)
        {
            var len = rowStart[r + 1] - rowStart[r];
            var dense = len >= denseFrom;
            for (var c = rowStart[r]; c < rowStart[r + 1] && dense; c++)
            {
                // A class twice in one row would be summed before it is added: keep such a row sparse.
                dense = seen[cellClass[c]] != r + 1;
                seen[cellClass[c]] = r + 1;
            }

            isDense[r] = dense;
            denseRows += dense ? 1 : 0;
            sparseCells += dense ? 0 : len + 1;
        }

        var size = 16;
        while (size < keys.Length * 2)
        {
            size <<= 1;
        }

        _mask = size - 1;
        _table = new NativeBlock<Slot>(size, zero: false);   // filled below
        _cells = new NativeBlock<Cell>(sparseCells, zero: false); // every cell written below
        _dense = new NativeBlock<float>(denseRows * _stride, zero: true);
        var table = _table.Span;
        var cells = _cells.Span;
        var denseWeights = _dense.Span;
        table.Fill(new Slot { Start = Empty });

        // Rows are laid out longest first: long rows belong to frequent features, so the rows most lookups touch share
        // cache lines and pages instead of being spread over the whole block.
        var maxLength = 0;
        for (var r = 0; r < keys.Length; r++)
        {
            maxLength = Math.Max(maxLength, rowStart[r + 1] - rowStart[r]);
        }

        var firstOfLength = new int[maxLength + 2]; // counting sort, longest first, by row number within a length
        for (var r = 0; r < keys.Length; r++)
        {
            firstOfLength[maxLength - (rowStart[r + 1] - rowStart[r]) + 1]++;
        }

        for (var l = 1; l < firstOfLength.Length; l++)
        {
            firstOfLength[l] += firstOfLength[l - 1];
        }

        var order = new int[keys.Length];
        for (var r = 0; r < keys.Length; r++)
        {
            order[firstOfLength[maxLength - (rowStart[r + 1] - rowStart[r])]++] = r;
        }

        var startOf = new int[keys.Length];
        int nextCell = 0, nextDense = 0;
        foreach (var r in order)
        {
            if (isDense[r])
            {
                var row = denseWeights.Slice(nextDense * _stride, _stride);
                for (var c = rowStart[r]; c < rowStart[r + 1]; c++)
                {
                    row[cellClass[c]] = cellWeight[c];
                }

                startOf[r] = -(nextDense + 2);
                nextDense++;
            }
            else
            {
                startOf[r] = nextCell;
                cells[nextCell++] = new Cell { Class = rowStart[r + 1] - rowStart[r], Weight = 0 };
                for (var c = rowStart[r]; c < rowStart[r + 1]; c++)
                {
                    cells[nextCell++] = new Cell { Class = cellClass[c], Weight = cellWeight[c] };
                }
            }
        }

        for (var r = 0; r < keys.Length; r++)
        {
            var i = (int)(Spread(keys[r]) & (uint)_mask);
            while (table[i].Start != Empty)
            {
                if (table[i].Key == keys[r])
                {
                    throw new InvalidDataException($"linear model has a duplicate feature key {keys[r]}");
                }

                i = (i + 1) & _mask;
            }

            table[i] = new Slot { Key = keys[r], Start = startOf[r] };
        }
    }

    /// <summary>Rows of at least (vector-padded class count / this) cells are dense (measured best of 4, 8, 16, 32).</summary>
    private const int DenseDivisor = 8;

    public IReadOnlyList<string> Classes { get; }

    public int ClassCount => Classes.Count;

    public int FeatureCount => _keys.Length;

    public int WeightCount => _cellClass.Length;

    /// <summary>Adds the weights of <paramref name="features"/> into <paramref name="scores"/> (not cleared first).</summary>
    /// <remarks>
    /// The table and the rows are far larger than the caches, so a lookup is a cache miss. The slots of all features
    /// are located and prefetched first, then the rows, then the weights are added in feature order (the same sums as
    /// one feature at a time), so the misses overlap instead of waiting one after the other. Dense rows are added
    /// eight classes at a time; each class still receives the same additions in the same order, so the scores are
    /// bit-for-bit those of one scalar addition per cell.
    /// </remarks>
    public unsafe void AddScores(ReadOnlySpan<uint> features, Span<float> scores)
    {
        if (scores.Length < Classes.Count)
        {
            throw new ArgumentException($"the scores need one cell per class ({Classes.Count}), not {scores.Length}", nameof(scores));
        }

        var slots = _table.Pointer;
        var rows = _cells.Pointer;
        var dense = _dense.Pointer;
        var stride = _stride;
        var mask = (uint)_mask;
        var n = features.Length;
        Span<int> at = n <= 256 ? stackalloc int[n] : new int[n];
        for (var j = 0; j < n; j++)
        {
            var i = (int)(Spread(features[j]) & mask);
            at[j] = i;
            if (Sse.IsSupported)
            {
                Sse.Prefetch0(slots + i);
            }
        }

        for (var j = 0; j < n; j++)
        {
            var f = features[j];
            var i = (uint)at[j];
            var start = Empty;
            while (true)
            {
                var slot = slots + i;
                if (slot->Start == Empty)
                {
                    break;
                }

                if (slot->Key == f)
                {
                    start = slot->Start;
                    if (Sse.IsSupported)
                    {
                        if (start >= 0)
                        {
                            Sse.Prefetch0(rows + start);
                        }
                        else
                        {
                            var w = dense + ((nint)(-(start + 2)) * stride);
                            for (var o = 0; o < stride; o += 16)
                            {
                                Sse.Prefetch0(w + o);
                            }
                        }
                    }

                    break;
                }

                i = (i + 1) & mask;
            }

            at[j] = start;
        }

        var classCount = Classes.Count;
        var vectorEnd = Vector256.IsHardwareAccelerated ? classCount / Vector256<float>.Count * Vector256<float>.Count : 0;
        fixed (float* s = scores)
        {
            for (var j = 0; j < n; j++)
            {
                var start = at[j];
                if (start >= 0)
                {
                    var row = rows + start;
                    var end = row + 1 + row->Class;
                    for (var c = row + 1; c < end; c++)
                    {
                        s[c->Class] += c->Weight;
                    }
                }
                else if (start != Empty)
                {
                    var w = dense + ((nint)(-(start + 2)) * stride);
                    var k = 0;
                    for (; k < vectorEnd; k += Vector256<float>.Count)
                    {
                        Vector256.Store(Vector256.Load(s + k) + Vector256.Load(w + k), s + k);
                    }

                    for (; k < classCount; k++)
                    {
                        s[k] += w[k];
                    }
                }
            }
        }

        GC.KeepAlive(_table);
        GC.KeepAlive(_cells);
        GC.KeepAlive(_dense);
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
        ArgumentNullException.ThrowIfNull(stream);
        byte[] bytes;
        int length;
        using (var gz = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true))
        using (var ms = new MemoryStream(stream.CanSeek ? (int)Math.Min(int.MaxValue / 2, Math.Max(1 << 16, stream.Length * 3)) : 1 << 16))
        {
            gz.CopyTo(ms, 1 << 16);
            bytes = ms.GetBuffer();
            length = (int)ms.Length;
        }

        var r = new SpanReader(bytes.AsSpan(0, length), source);
        if (r.UInt32() != Magic)
        {
            throw new InvalidDataException($"'{source}' is not a Sitrep linear model");
        }

        var version = r.Int32();
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"'{source}' has linear-model format {version}; this build reads {FormatVersion}");
        }

        var classes = new string[r.Count()];
        for (var i = 0; i < classes.Length; i++)
        {
            classes[i] = r.String();
        }

        var n = r.Count();
        var keys = new uint[n];
        uint prev = 0;
        for (var i = 0; i < n; i++)
        {
            prev += (uint)r.VarInt();
            keys[i] = prev;
        }

        var rowStart = new int[n + 1];
        for (var i = 0; i < n; i++)
        {
            rowStart[i + 1] = rowStart[i] + r.VarInt();
        }

        var cells = rowStart[n];
        var cls = new ushort[cells];
        for (var i = 0; i < cells; i++)
        {
            var c = r.VarInt();
            if (c >= classes.Length)
            {
                throw new InvalidDataException($"'{source}' names class {c} but has {classes.Length} classes");
            }

            cls[i] = (ushort)c;
        }

        var weights = new float[cells];
        r.Halves(weights);
        return new LinearModel(classes, keys, rowStart, cls, weights);
    }

    /// <summary>Reads the BinaryWriter encoding of a model from memory (much faster than a BinaryReader over gzip).</summary>
    private ref struct SpanReader(ReadOnlySpan<byte> data, string source)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _pos;

        private readonly InvalidDataException Truncated() => new($"'{source}' is truncated");

        public uint UInt32()
        {
            if (_pos + 4 > _data.Length)
            {
                throw Truncated();
            }

            var v = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(_data[_pos..]);
            _pos += 4;
            return v;
        }

        public int Int32() => (int)UInt32();

        public int Count()
        {
            var v = Int32();
            return v < 0 || v > _data.Length ? throw new InvalidDataException($"'{source}' has an impossible count {v}") : v;
        }

        public int VarInt()
        {
            uint result = 0;
            for (var shift = 0; shift < 35; shift += 7)
            {
                if (_pos >= _data.Length)
                {
                    throw Truncated();
                }

                var b = _data[_pos++];
                result |= (uint)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return (int)result;
                }
            }

            throw new InvalidDataException($"'{source}' has a malformed number");
        }

        public string String()
        {
            var len = VarInt();
            if (len < 0 || _pos + len > _data.Length)
            {
                throw Truncated();
            }

            var s = Encoding.UTF8.GetString(_data.Slice(_pos, len));
            _pos += len;
            return s;
        }

        public void Halves(Span<float> into)
        {
            if (_pos + (2 * into.Length) > _data.Length)
            {
                throw Truncated();
            }

            for (var i = 0; i < into.Length; i++)
            {
                into[i] = (float)System.Buffers.Binary.BinaryPrimitives.ReadHalfLittleEndian(_data.Slice(_pos + (2 * i), 2));
            }

            _pos += 2 * into.Length;
        }
    }

    private static uint Spread(uint k) => (k * 0x9E3779B1u) ^ (k >> 15);
}
