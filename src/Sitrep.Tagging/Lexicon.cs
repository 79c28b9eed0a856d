using System.IO.Compression;
using System.Runtime.InteropServices;

namespace Sitrep.Tagging;

/// <summary>Lexicon entry classes used as NER features and for Sitrep's mention types.</summary>
[Flags]
public enum LexiconClass
{
    None = 0,
    Country = 1,
    City = 2,
    Admin1 = 4,
    Demonym = 8,
    Title = 16,
    OrgSuffix = 32,
    Region = 64,
}

/// <summary>
/// Multi-word phrase lexicon (gazetteer, demonyms, titles) keyed by the hashes of lower-cased tokens, so lookups
/// over a sentence allocate nothing. File format: <c>CLASS\tphrase</c> per line, gzip'd.
/// </summary>
public sealed class Lexicon
{
    private const int Continues = 1 << 16; // in _scan: some longer phrase starts with this one

    private readonly Dictionary<ulong, LexiconClass> _phrases = [];

    // For Mark: the classes of each phrase, plus Continues on every proper prefix of a phrase, so a scan stops as
    // soon as no phrase can be extended.
    private readonly Dictionary<ulong, int> _scan = [];

    public int MaxTokens { get; private set; } = 1;

    public int Count => _phrases.Count;

    public void Add(string phrase, LexiconClass cls)
    {
        ArgumentNullException.ThrowIfNull(phrase);
        Add(phrase.AsSpan(), cls, splitHyphens: false);
        if (phrase.Contains('-', StringComparison.Ordinal))
        {
            // The variant with hyphens as separate tokens ("Guinea-Bissau" → "Guinea - Bissau").
            Add(phrase.AsSpan(), cls, splitHyphens: true);
        }
    }

    private void Add(ReadOnlySpan<char> phrase, LexiconClass cls, bool splitHyphens)
    {
        var h = 0UL;
        var count = 0;
        var i = 0;
        Span<ulong> prefixes = stackalloc ulong[7];
        while (i < phrase.Length)
        {
            if (phrase[i] == ' ')
            {
                i++;
                continue;
            }

            if (count > 0 && count <= prefixes.Length)
            {
                prefixes[count - 1] = h;
            }

            if (splitHyphens && phrase[i] == '-')
            {
                h = Step(h, FeatureHash.OfLower("-"));
                count++;
                i++;
                continue;
            }

            var j = i;
            while (j < phrase.Length && phrase[j] != ' ' && !(splitHyphens && phrase[j] == '-'))
            {
                j++;
            }

            h = Step(h, FeatureHash.OfLower(phrase[i..j]));
            count++;
            i = j;
        }

        if (count == 0 || count > 6)
        {
            return;
        }

        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_phrases, h, out _);
        slot |= cls;
        CollectionsMarshal.GetValueRefOrAddDefault(_scan, h, out _) |= (int)cls;
        for (var k = 0; k < count - 1; k++)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(_scan, prefixes[k], out _) |= Continues;
        }

        MaxTokens = Math.Max(MaxTokens, count);
    }

    internal static ulong Step(ulong h, ulong token) => (h ^ token) * 0x100000001b3UL + 0x9E3779B97F4A7C15UL;

    /// <summary>The classes of the phrase made of words[start..start+len).</summary>
    public LexiconClass Lookup(ReadOnlySpan<WordInfo> words, int start, int len)
    {
        var h = 0UL;
        for (var i = start; i < start + len; i++)
        {
            h = Step(h, words[i].Lower);
        }

        return _phrases.GetValueOrDefault(h);
    }

    /// <summary>The classes of a phrase given as text (tokens separated by spaces).</summary>
    public LexiconClass Lookup(string phrase)
    {
        ArgumentNullException.ThrowIfNull(phrase);
        var h = 0UL;
        foreach (var t in phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            h = Step(h, FeatureHash.OfLower(t));
        }

        return _phrases.GetValueOrDefault(h);
    }

    /// <summary>
    /// For each token, bits (class index × 4 + position: 0 begin, 1 inside, 2 last, 3 unit) of the longest lexicon
    /// match of each class that covers it.
    /// </summary>
    public void Mark(ReadOnlySpan<WordInfo> words, Span<ulong> bits)
    {
        bits.Clear();
        Span<LexiconClass> found = stackalloc LexiconClass[8];
        for (var i = 0; i < words.Length; i++)
        {
            var h = 0UL;
            var max = Math.Min(Math.Min(MaxTokens, found.Length), words.Length - i);
            var foundCount = 0;
            for (var len = 1; len <= max; len++)
            {
                h = Step(h, words[i + len - 1].Lower);
                if (!_scan.TryGetValue(h, out var entry))
                {
                    break; // neither a phrase nor the start of one: no longer phrase starts at i
                }

                var cls = (LexiconClass)(entry & ~Continues);
                found[len - 1] = cls;
                if (cls != LexiconClass.None)
                {
                    foundCount = len;
                }

                if ((entry & Continues) == 0)
                {
                    break;
                }
            }

            // Longest match per class.
            var seen = LexiconClass.None;
            for (var len = foundCount; len >= 1; len--)
            {
                var cls = found[len - 1] & ~seen;
                if (cls == LexiconClass.None)
                {
                    continue;
                }

                seen |= cls;
                for (var b = 0; b < 8; b++)
                {
                    if (((int)cls & (1 << b)) == 0)
                    {
                        continue;
                    }

                    for (var k = 0; k < len; k++)
                    {
                        var pos = len == 1 ? 3 : k == 0 ? 0 : k == len - 1 ? 2 : 1;
                        bits[i + k] |= 1UL << (b * 4 + pos);
                    }
                }
            }
        }
    }

    private static LexiconClass ClassName(ReadOnlySpan<char> name) => name switch
    {
        "Country" => LexiconClass.Country,
        "City" => LexiconClass.City,
        "Admin1" => LexiconClass.Admin1,
        "Demonym" => LexiconClass.Demonym,
        "Title" => LexiconClass.Title,
        "OrgSuffix" => LexiconClass.OrgSuffix,
        "Region" => LexiconClass.Region,
        _ => Enum.TryParse<LexiconClass>(name, out var c) ? c : LexiconClass.None,
    };

    /// <summary>Reads a gzip'd or plain <c>CLASS\tphrase</c> file.</summary>
    public static Lexicon Read(string path)
    {
        var lex = new Lexicon();
        using var fs = File.OpenRead(path);
        using Stream s = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(fs, CompressionMode.Decompress) : fs;
        using var r = new StreamReader(s);
        string? line;
        var lineNo = 0;
        while ((line = r.ReadLine()) is not null)
        {
            lineNo++;
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            var cls = tab < 0 ? LexiconClass.None : ClassName(line.AsSpan(0, tab));
            if (cls == LexiconClass.None)
            {
                throw new InvalidDataException($"'{path}' line {lineNo}: expected CLASS<TAB>phrase");
            }

            lex.Add(line[(tab + 1)..], cls);
        }

        return lex;
    }
}
