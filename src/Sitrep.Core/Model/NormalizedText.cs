namespace Sitrep.Core;

/// <summary>
/// A normalised copy of a document's text with a map back to the original, so that every offset found in the
/// normalised text can be reported against the original characters. Normalised character i came from the
/// original range [OriginalStart(i), OriginalEnd(i)).
/// </summary>
public sealed class NormalizedText
{
    private readonly int[] _starts;
    private readonly int[] _ends;
    private readonly int _originalLength;

    public NormalizedText(string text, int[] starts, int[] ends, int originalLength)
    {
        if (starts.Length != text.Length || ends.Length != text.Length)
        {
            throw new ArgumentException("the offset maps need one entry per normalised character");
        }

        Text = text;
        _starts = starts;
        _ends = ends;
        _originalLength = originalLength;
    }

    public string Text { get; }

    /// <summary>The identity normalisation of <paramref name="original"/>.</summary>
    public static NormalizedText Identity(string original)
    {
        var starts = new int[original.Length];
        var ends = new int[original.Length];
        for (var i = 0; i < original.Length; i++)
        {
            starts[i] = i;
            ends[i] = i + 1;
        }

        return new NormalizedText(original, starts, ends, original.Length);
    }

    /// <summary>The original span that the half-open normalised range [start, end) covers.</summary>
    public TextSpan ToOriginal(int start, int end)
    {
        if (end <= start)
        {
            var at = start < _starts.Length ? _starts[start] : _originalLength;
            return new TextSpan(at, at);
        }

        return new TextSpan(_starts[start], _ends[end - 1]);
    }

    /// <summary>The index of the first normalised character that comes from original offset <paramref name="original"/> or later.</summary>
    public int IndexAtOrAfter(int original)
    {
        int lo = 0, hi = _starts.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_starts[mid] < original)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>The original offset where normalised character <paramref name="index"/> starts.</summary>
    public int OriginalStart(int index) => index < _starts.Length ? _starts[index] : _originalLength;
}
