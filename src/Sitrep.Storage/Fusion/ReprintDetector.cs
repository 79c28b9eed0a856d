using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Sitrep.Storage.Fusion;

/// <summary>The MinHash fingerprint of one text: its signature, its LSH band keys and the hash of its words.</summary>
public sealed record TextFingerprint(uint[] Signature, long[] Bands, int Shingles, string TextHash)
{
    public string SignatureBase64()
    {
        var bytes = new byte[Signature.Length * 4];
        for (var i = 0; i < Signature.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i * 4), Signature[i]);
        }

        return Convert.ToBase64String(bytes);
    }

    public static uint[] ParseSignature(string base64)
    {
        var bytes = Convert.FromBase64String(base64);
        var values = new uint[bytes.Length / 4];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i * 4));
        }

        return values;
    }
}

/// <summary>
/// Near-duplicate detection by MinHash over word shingles with locality-sensitive hashing. Two texts are the same
/// story when their estimated Jaccard similarity reaches <see cref="JaccardThreshold"/>, or when most of the shorter
/// one is contained in the longer (an outlet that ran a shortened wire story). Headlines, boilerplate and small edits
/// change few shingles; two different stories about the same town on the same day share few.
/// </summary>
public sealed class ReprintDetector
{
    public const int Hashes = 126;
    public const int Rows = 3;
    public const int BandCount = Hashes / Rows;
    public const int ShingleWords = 4;
    public const double JaccardThreshold = 0.5;
    public const double ContainmentThreshold = 0.8;

    /// <summary>Pages of one outlet share navigation, footers and paywall text, so within an outlet more must match.</summary>
    public const double SameOutletJaccardThreshold = 0.8;

    private static readonly ulong[] Seeds = CreateSeeds();

    public static ReprintDetector Default { get; } = new();

    /// <summary>The normalised words of a text: lower case, letters and digits only.</summary>
    public static List<string> Words(string text)
    {
        var words = new List<string>(text.Length / 6);
        var sb = new StringBuilder();
        foreach (var ch in text)
        {
            if (char.IsLetterOrDigit(ch))
            {
                sb.Append(char.ToLowerInvariant(ch));
            }
            else if (sb.Length > 0 && ch is not ('\'' or '’' or '\u00AD'))
            {
                words.Add(sb.ToString());
                sb.Clear();
            }
        }

        if (sb.Length > 0)
        {
            words.Add(sb.ToString());
        }

        return words;
    }

    /// <remarks>
    /// One pass over the text: the words are hashed as they are read (the last <see cref="ShingleWords"/> kept) and never
    /// gathered, and the shingles are kept as one array of hashes, so a text of millions of words costs eight bytes a
    /// word for a moment. The result is the same as hashing <see cref="Words"/>.
    /// </remarks>
    public TextFingerprint Fingerprint(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var window = new string[ShingleWords];
        var words = 0;
        var hashes = new List<ulong>(Math.Min(text.Length / 6, 1 << 16));
        var sb = new StringBuilder();
        var utf8 = new byte[256];
        foreach (var ch in text)
        {
            if (char.IsLetterOrDigit(ch))
            {
                sb.Append(char.ToLowerInvariant(ch));
            }
            else if (sb.Length > 0 && ch is not ('\'' or '’' or '\u00AD'))
            {
                AddWord();
            }
        }

        if (sb.Length > 0)
        {
            AddWord();
        }

        if (words > 0 && words < ShingleWords)
        {
            hashes.Add(Hash(window, 0, words));
        }

        var textHash = Convert.ToHexStringLower(sha.GetHashAndReset().AsSpan(0, 16));
        var all = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(hashes);
        all.Sort();
        var distinct = 0;
        var signature = new uint[Hashes];
        Array.Fill(signature, uint.MaxValue);
        for (var i = 0; i < all.Length; i++)
        {
            if (i > 0 && all[i] == all[i - 1])
            {
                continue;
            }

            distinct++;
            var s = all[i];
            for (var k = 0; k < Hashes; k++)
            {
                var h = (uint)(Mix(s ^ Seeds[k]) >> 32);
                if (h < signature[k])
                {
                    signature[k] = h;
                }
            }
        }

        var bands = new long[BandCount];
        for (var b = 0; b < BandCount; b++)
        {
            ulong acc = (ulong)b * 0x9E3779B97F4A7C15UL;
            for (var r = 0; r < Rows; r++)
            {
                acc = Mix(acc ^ signature[b * Rows + r]);
            }

            bands[b] = (long)acc;
        }

        return new TextFingerprint(signature, bands, distinct, textHash);

        // The words joined by single spaces are what the text hash covers; each full window of words is a shingle.
        void AddWord()
        {
            var word = sb.ToString();
            sb.Clear();
            if (words > 0)
            {
                sha.AppendData(" "u8);
            }

            var bytes = Encoding.UTF8.GetMaxByteCount(word.Length) <= utf8.Length ? utf8 : new byte[Encoding.UTF8.GetMaxByteCount(word.Length)];
            sha.AppendData(bytes, 0, Encoding.UTF8.GetBytes(word, bytes));
            if (words < ShingleWords)
            {
                window[words] = word;
            }
            else
            {
                Array.Copy(window, 1, window, 0, ShingleWords - 1);
                window[ShingleWords - 1] = word;
            }

            words++;
            if (words >= ShingleWords)
            {
                hashes.Add(Hash(window, 0, ShingleWords));
            }
        }
    }

    /// <summary>The share of equal MinHash values: an estimate of the Jaccard similarity of the shingle sets.</summary>
    public static double Jaccard(uint[] a, uint[] b)
    {
        var n = Math.Min(a.Length, b.Length);
        if (n == 0)
        {
            return 0;
        }

        var same = 0;
        for (var i = 0; i < n; i++)
        {
            if (a[i] == b[i] && a[i] != uint.MaxValue)
            {
                same++;
            }
        }

        return (double)same / n;
    }

    /// <summary>Whether two fingerprints are the same story; <paramref name="jaccard"/> is the estimated similarity.</summary>
    public static bool SameStory(uint[] a, int shinglesA, uint[] b, int shinglesB, out double jaccard, bool sameOutlet = false)
    {
        jaccard = Jaccard(a, b);
        if (sameOutlet)
        {
            return jaccard >= SameOutletJaccardThreshold;
        }

        if (jaccard >= JaccardThreshold)
        {
            return true;
        }

        // |A∩B| = J(|A|+|B|)/(1+J); containment of the shorter text in the longer.
        var smaller = Math.Min(shinglesA, shinglesB);
        if (smaller < 30 || jaccard <= 0)
        {
            return false;
        }

        var intersection = jaccard * (shinglesA + shinglesB) / (1 + jaccard);
        return intersection / smaller >= ContainmentThreshold;
    }

    private static ulong Hash(string[] words, int start, int count)
    {
        var h = 14695981039346656037UL;
        for (var i = start; i < start + count; i++)
        {
            foreach (var ch in words[i])
            {
                h = (h ^ ch) * 1099511628211UL;
            }

            h = (h ^ ' ') * 1099511628211UL;
        }

        return Mix(h);
    }

    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    private static ulong[] CreateSeeds()
    {
        var seeds = new ulong[Hashes];
        var s = 0x5173_7265_7000_0001UL;
        for (var i = 0; i < Hashes; i++)
        {
            s = Mix(s);
            seeds[i] = s;
        }

        return seeds;
    }
}
