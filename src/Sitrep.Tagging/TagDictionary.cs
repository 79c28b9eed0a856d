using System.IO.Compression;
using System.Text;

namespace Sitrep.Tagging;

/// <summary>
/// Ambiguity classes for the tagger: for each frequent training word (keyed by the 32-bit fold of its lower-cased
/// hash) the hash of the set of tags it was seen with. Words not listed get a class from their shape instead, so
/// "unknown word" is itself informative. Immutable; safe to use from many threads.
/// </summary>
public sealed class TagDictionary
{
    private const uint Magic = 0x44545253; // "SRTD"
    private const int FormatVersion = 1;

    private readonly Dictionary<uint, int> _index;
    private readonly uint[] _keys;
    private readonly int[] _classOf;
    private readonly ulong[] _classes;

    public TagDictionary(uint[] keys, int[] classOf, ulong[] classes)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(classOf);
        ArgumentNullException.ThrowIfNull(classes);
        if (keys.Length != classOf.Length)
        {
            throw new InvalidDataException("tag dictionary arrays do not agree in length");
        }

        _keys = keys;
        _classOf = classOf;
        _classes = classes;
        _index = new Dictionary<uint, int>(keys.Length);
        for (var i = 0; i < keys.Length; i++)
        {
            if ((uint)classOf[i] >= (uint)classes.Length)
            {
                throw new InvalidDataException($"tag dictionary entry {i} names class {classOf[i]} of {classes.Length}");
            }

            _index[keys[i]] = classOf[i];
        }
    }

    public static TagDictionary Empty { get; } = new([], [], []);

    public int Count => _keys.Length;

    /// <summary>The dictionary key of a word (32-bit fold of its lower-cased hash).</summary>
    public static uint KeyOf(in WordInfo w) => (uint)(w.Lower ^ (w.Lower >> 32));

    /// <summary>The ambiguity class of a word: its tag-set hash, or a shape-derived "unknown" class.</summary>
    public ulong ClassOf(in WordInfo w) =>
        _index.TryGetValue(KeyOf(w), out var c) ? _classes[c] : (w.Shape * 31) ^ 0x5bd1e995UL;

    /// <summary>Fills <paramref name="classes"/> with the ambiguity class of every word.</summary>
    public void Classes(ReadOnlySpan<WordInfo> words, Span<ulong> classes)
    {
        for (var i = 0; i < words.Length; i++)
        {
            classes[i] = ClassOf(words[i]);
        }
    }

    /// <summary>
    /// Builds the dictionary from (word, tag) counts: words seen at least <paramref name="minCount"/> times, each with
    /// the tags that make up at least <paramref name="minShare"/> of its occurrences.
    /// </summary>
    public static TagDictionary Build(IEnumerable<(WordInfo word, string tag)> tokens, int minCount, double minShare)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var counts = new Dictionary<uint, Dictionary<string, int>>();
        foreach (var (word, tag) in tokens)
        {
            var k = KeyOf(word);
            if (!counts.TryGetValue(k, out var d))
            {
                counts[k] = d = new Dictionary<string, int>(StringComparer.Ordinal);
            }

            d[tag] = d.GetValueOrDefault(tag) + 1;
        }

        var classIndex = new Dictionary<ulong, int>();
        var classes = new List<ulong>();
        var keys = new List<uint>();
        var classOf = new List<int>();
        foreach (var k in counts.Keys.Order())
        {
            var d = counts[k];
            var total = d.Values.Sum();
            if (total < minCount)
            {
                continue;
            }

            var set = string.Join('|', d.Where(kv => kv.Value >= minShare * total).Select(kv => kv.Key).Order(StringComparer.Ordinal));
            var h = FeatureHash.Of(set);
            if (!classIndex.TryGetValue(h, out var ci))
            {
                classIndex[h] = ci = classes.Count;
                classes.Add(h);
            }

            keys.Add(k);
            classOf.Add(ci);
        }

        return new TagDictionary(keys.ToArray(), classOf.ToArray(), classes.ToArray());
    }

    /// <summary>Writes the dictionary (gzip'd: class table, then keys delta-coded with their class numbers).</summary>
    public void Write(Stream stream)
    {
        using var gz = new GZipStream(stream, CompressionLevel.SmallestSize, leaveOpen: true);
        using var w = new BinaryWriter(gz, Encoding.UTF8, leaveOpen: true);
        w.Write(Magic);
        w.Write(FormatVersion);
        w.Write(_classes.Length);
        foreach (var c in _classes)
        {
            w.Write(c);
        }

        w.Write(_keys.Length);
        uint prev = 0;
        for (var i = 0; i < _keys.Length; i++)
        {
            w.Write7BitEncodedInt((int)(_keys[i] - prev));
            w.Write7BitEncodedInt(_classOf[i]);
            prev = _keys[i];
        }
    }

    public static TagDictionary Read(Stream stream, string source)
    {
        try
        {
            using var gz = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
            using var bs = new BufferedStream(gz, 1 << 16);
            using var r = new BinaryReader(bs, Encoding.UTF8, leaveOpen: true);
            if (r.ReadUInt32() != Magic)
            {
                throw new InvalidDataException($"'{source}' is not a Sitrep tag dictionary");
            }

            var version = r.ReadInt32();
            if (version != FormatVersion)
            {
                throw new InvalidDataException($"'{source}' has tag-dictionary format {version}; this build reads {FormatVersion}");
            }

            var classes = new ulong[r.ReadInt32()];
            for (var i = 0; i < classes.Length; i++)
            {
                classes[i] = r.ReadUInt64();
            }

            var n = r.ReadInt32();
            var keys = new uint[n];
            var classOf = new int[n];
            uint prev = 0;
            for (var i = 0; i < n; i++)
            {
                prev += (uint)r.Read7BitEncodedInt();
                keys[i] = prev;
                classOf[i] = r.Read7BitEncodedInt();
            }

            return new TagDictionary(keys, classOf, classes);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"'{source}' is truncated");
        }
    }
}
