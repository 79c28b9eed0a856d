namespace Sitrep.Tagging;

/// <summary>
/// String and feature hashing for the linear models: a feature is a template number mixed with the hashes of the
/// strings it looks at, so feature extraction allocates nothing and the models store 32-bit keys.
/// </summary>
public static class FeatureHash
{
    private const ulong FnvOffset = 0xcbf29ce484222325UL;
    private const ulong FnvPrime = 0x100000001b3UL;

    /// <summary>The hash of a string (FNV-1a over UTF-16 code units).</summary>
    public static ulong Of(ReadOnlySpan<char> s)
    {
        var h = FnvOffset;
        foreach (var c in s)
        {
            h = (h ^ c) * FnvPrime;
        }

        return h;
    }

    /// <summary>The hash of the lower-cased string (invariant, per code unit).</summary>
    public static ulong OfLower(ReadOnlySpan<char> s)
    {
        var h = FnvOffset;
        foreach (var c in s)
        {
            h = (h ^ char.ToLowerInvariant(c)) * FnvPrime;
        }

        return h;
    }

    /// <summary>The feature key for template <paramref name="template"/> over one value hash.</summary>
    public static uint Key(int template, ulong a) => Fold(Mix((ulong)template * 0x9E3779B97F4A7C15UL ^ Mix(a)));

    /// <summary>The feature key for template <paramref name="template"/> over two value hashes.</summary>
    public static uint Key(int template, ulong a, ulong b) => Fold(Mix((ulong)template * 0x9E3779B97F4A7C15UL ^ Mix(a) ^ Mix(b + 0x632BE59BD9B4E019UL)));

    /// <summary>The feature key for template <paramref name="template"/> over three value hashes.</summary>
    public static uint Key(int template, ulong a, ulong b, ulong c) =>
        Fold(Mix((ulong)template * 0x9E3779B97F4A7C15UL ^ Mix(a) ^ Mix(b + 0x632BE59BD9B4E019UL) ^ Mix(c + 0x8CB92BA72F3D8DD7UL)));

    /// <summary>The hash of a small integer value (a tag id, a distance, a flag).</summary>
    public static ulong Int(long v) => Mix((ulong)v + 0x2545F4914F6CDD1DUL);

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static uint Fold(ulong h) => (uint)(h ^ (h >> 32));
}
