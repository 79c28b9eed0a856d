namespace Sitrep.Tagging;

/// <summary>Properties of a word form that more than one feature looks at.</summary>
[Flags]
public enum WordFlags
{
    None = 0,
    Upper = 1,        // first letter upper-case
    AllUpper = 2,     // every letter upper-case (and at least one letter)
    HasDigit = 4,
    HasHyphen = 8,
    HasLetter = 16,
    AllDigit = 32,
    HasPeriod = 64,
    Long = 128,
}

/// <summary>Hashes of a word's form, lower-cased form, normalised form, shape and affixes, computed once per token.</summary>
public readonly struct WordInfo
{
    /// <summary>Longest prefix of a token the features read; longer tokens are hashed on this prefix plus their suffix.</summary>
    public const int MaxScan = 64;

    public static readonly WordInfo Start = Special("-START-");
    public static readonly WordInfo End = Special("-END-");
    public static readonly WordInfo Root = Special("-ROOT-");
    public static readonly WordInfo None = Special("-NONE-");

    public readonly ulong Form;
    public readonly ulong Lower;
    public readonly ulong Norm;
    public readonly ulong Shape;
    public readonly ulong Suf1;
    public readonly ulong Suf2;
    public readonly ulong Suf3;
    public readonly ulong Suf4;
    public readonly ulong Pre1;
    public readonly ulong Pre2;
    public readonly ulong Pre3;
    public readonly WordFlags Flags;

    private WordInfo(ulong form, ulong lower, ulong norm, ulong shape, ulong s1, ulong s2, ulong s3, ulong s4, ulong p1, ulong p2, ulong p3, WordFlags flags)
    {
        Form = form;
        Lower = lower;
        Norm = norm;
        Shape = shape;
        Suf1 = s1;
        Suf2 = s2;
        Suf3 = s3;
        Suf4 = s4;
        Pre1 = p1;
        Pre2 = p2;
        Pre3 = p3;
        Flags = flags;
    }

    public static WordInfo Of(string? word) => Of(word.AsSpan());

    public static WordInfo Of(ReadOnlySpan<char> w)
    {
        if (w.IsEmpty)
        {
            return None;
        }

        var flags = WordFlags.None;
        if (w.Length > 20)
        {
            flags |= WordFlags.Long;
        }

        // Very long tokens: look at a bounded head and tail only, so a pathological token costs O(MaxScan).
        var head = w.Length > MaxScan ? w[..MaxScan] : w;
        var tail = w.Length > MaxScan ? w[^8..] : ReadOnlySpan<char>.Empty;

        const ulong off = 0xcbf29ce484222325UL, prime = 0x100000001b3UL;
        ulong form = off, lower = off, norm = off, shape = off;
        char lastShape = '\0';
        var run = 0;
        var letters = 0;
        var uppers = 0;
        var digits = 0;
        for (var i = 0; i < head.Length + tail.Length; i++)
        {
            var c = i < head.Length ? head[i] : tail[i - head.Length];
            form = (form ^ c) * prime;
            var lc = char.ToLowerInvariant(c);
            lower = (lower ^ lc) * prime;
            char sc;
            if (char.IsDigit(c))
            {
                digits++;
                norm = (norm ^ '0') * prime;
                sc = 'd';
            }
            else
            {
                norm = (norm ^ lc) * prime;
                if (char.IsLetter(c))
                {
                    letters++;
                    if (char.IsUpper(c))
                    {
                        uppers++;
                        sc = 'X';
                    }
                    else
                    {
                        sc = 'x';
                    }
                }
                else
                {
                    sc = c;
                    if (c == '-')
                    {
                        flags |= WordFlags.HasHyphen;
                    }
                    else if (c == '.')
                    {
                        flags |= WordFlags.HasPeriod;
                    }
                }
            }

            if (sc == lastShape)
            {
                run++;
            }
            else
            {
                run = 0;
                lastShape = sc;
            }

            if (run < 2)
            {
                shape = (shape ^ sc) * prime;
            }
        }

        if (letters > 0)
        {
            flags |= WordFlags.HasLetter;
            if (char.IsUpper(w[0]))
            {
                flags |= WordFlags.Upper;
            }

            if (uppers == letters)
            {
                flags |= WordFlags.AllUpper;
            }
        }

        if (digits > 0)
        {
            flags |= WordFlags.HasDigit;
            if (digits == w.Length)
            {
                flags |= WordFlags.AllDigit;
            }
        }

        return new WordInfo(form, lower, norm, shape,
            Suffix(w, 1), Suffix(w, 2), Suffix(w, 3), Suffix(w, 4),
            Prefix(w, 1), Prefix(w, 2), Prefix(w, 3), flags);
    }

    private static ulong Suffix(ReadOnlySpan<char> w, int n) => n > w.Length ? 0 : FeatureHash.OfLower(w[^n..]) + (ulong)n;

    private static ulong Prefix(ReadOnlySpan<char> w, int n) => n > w.Length ? 0 : FeatureHash.OfLower(w[..n]) + (ulong)(n + 8);

    private static WordInfo Special(string s)
    {
        var h = FeatureHash.Of(s);
        return new WordInfo(h, h, h, h, h, h, h, h, h, h, h, WordFlags.None);
    }
}
