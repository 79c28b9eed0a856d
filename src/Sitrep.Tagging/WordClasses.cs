using System.Globalization;
using System.IO.Compression;

namespace Sitrep.Tagging;

/// <summary>
/// Word classes derived from unlabeled text (a fine and a coarse class per frequent word), looked up by the
/// normalised form (<see cref="WordInfo.Norm"/>). Words not listed are in class -1. Immutable; thread-safe.
/// </summary>
public sealed class WordClasses
{
    private readonly Dictionary<ulong, (short fine, short coarse)> _map;

    private WordClasses(Dictionary<ulong, (short, short)> map) => _map = map;

    public static WordClasses Empty { get; } = new([]);

    public int Count => _map.Count;

    /// <summary>The fine and coarse class of a word, (-1, -1) when it has none.</summary>
    public (int fine, int coarse) Of(in WordInfo w) => _map.TryGetValue(w.Norm, out var c) ? (c.fine, c.coarse) : (-1, -1);

    /// <summary>Reads <c>word TAB fine TAB coarse</c> lines (gzip'd).</summary>
    public static WordClasses Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"no word-class file at '{path}'", path);
        }

        var map = new Dictionary<ulong, (short, short)>(1 << 15);
        using var fs = File.OpenRead(path);
        using var gz = new GZipStream(fs, CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        var lineNo = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            var t1 = line.IndexOf('\t', StringComparison.Ordinal);
            var t2 = t1 < 0 ? -1 : line.IndexOf('\t', t1 + 1);
            if (t2 < 0
                || !short.TryParse(line.AsSpan(t1 + 1, t2 - t1 - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var fine)
                || !short.TryParse(line.AsSpan(t2 + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var coarse))
            {
                throw new InvalidDataException($"'{path}' line {lineNo}: expected 'word TAB fine TAB coarse'");
            }

            map[FeatureHash.Of(line.AsSpan(0, t1))] = (fine, coarse);
        }

        return new WordClasses(map);
    }
}
