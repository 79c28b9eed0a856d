using System.Text;

namespace Sitrep.Core;

/// <summary>One line or block of a document and whether it is the report's own text, with the reason.</summary>
public readonly record struct ContentBlock(TextSpan Span, bool Kept, string Reason);

/// <summary>
/// Which characters of a document are the report's own text. Blocks cover the non-blank lines in order; the kept
/// spans are the kept blocks merged across the whitespace between them. Offsets are those of the original text.
/// </summary>
public sealed class ContentMap
{
    private readonly TextSpan[] _kept;
    private readonly string _text;
    private string? _masked;

    public ContentMap(IReadOnlyList<ContentBlock> blocks, string text)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        ArgumentNullException.ThrowIfNull(text);
        Blocks = blocks;
        _text = text;
        var kept = new List<TextSpan>();
        var lastEnd = -1;
        foreach (var b in blocks)
        {
            if (!b.Kept)
            {
                lastEnd = -1;
                continue;
            }

            if (lastEnd >= 0 && kept.Count > 0 && text.AsSpan(lastEnd, b.Span.Start - lastEnd).IsWhiteSpace())
            {
                kept[^1] = new TextSpan(kept[^1].Start, b.Span.End);
            }
            else
            {
                kept.Add(b.Span);
            }

            lastEnd = b.Span.End;
        }

        _kept = [.. kept];
        KeptChars = _kept.Sum(s => s.Length);
        IsAll = blocks.All(b => b.Kept);
    }

    /// <summary>The whole text is content.</summary>
    public static ContentMap All(string text)
    {
        var blocks = new List<ContentBlock>();
        foreach (var span in TextLines.NonBlank(text))
        {
            blocks.Add(new ContentBlock(span, true, "text"));
        }

        return new ContentMap(blocks, text);
    }

    public IReadOnlyList<ContentBlock> Blocks { get; }

    /// <summary>The kept spans in text order, merged across blank space between kept blocks.</summary>
    public IReadOnlyList<TextSpan> Kept => _kept;

    public int KeptChars { get; }

    /// <summary>
    /// Most of the page's prose appeared on an earlier page of its outlet: a second copy of one report. Its lines teach
    /// nothing about the outlet's chrome, so the per-outlet store does not count them.
    /// </summary>
    public bool RepeatsEarlierPage { get; init; }

    /// <summary>The markup of the text found on the way (sorted), for the normaliser to reuse; null when not found.</summary>
    public IReadOnlyList<MarkupSpan>? Markup { get; init; }

    /// <summary>Every non-blank line was kept.</summary>
    public bool IsAll { get; }

    /// <summary>The index of the kept span containing <paramref name="offset"/>, or -1.</summary>
    public int KeptIndexAt(int offset)
    {
        int lo = 0, hi = _kept.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (offset < _kept[mid].Start)
            {
                hi = mid - 1;
            }
            else if (offset >= _kept[mid].End)
            {
                lo = mid + 1;
            }
            else
            {
                return mid;
            }
        }

        return -1;
    }

    public bool IsContent(int offset) => KeptIndexAt(offset) >= 0;

    /// <summary>
    /// The text with every character outside the kept spans blanked (line breaks kept): the same length and offsets as
    /// the original, for stages that scan the text itself rather than the tokens.
    /// </summary>
    public string Masked()
    {
        if (IsAll)
        {
            return _text;
        }

        return _masked ??= string.Create(_text.Length, this, static (dst, map) =>
        {
            var src = map._text;
            for (var i = 0; i < dst.Length; i++)
            {
                dst[i] = src[i] is '\n' or '\r' ? src[i] : ' ';
            }

            foreach (var k in map._kept)
            {
                src.AsSpan(k.Start, k.Length).CopyTo(dst[k.Start..]);
            }
        });
    }

    /// <summary>The kept text, spans joined by blank lines (for search and reprint fingerprints).</summary>
    public string KeptText(string text)
    {
        var sb = new StringBuilder(KeptChars + (_kept.Length * 2));
        foreach (var s in _kept)
        {
            if (sb.Length > 0)
            {
                sb.Append("\n\n");
            }

            sb.Append(text, s.Start, s.Length);
        }

        return sb.ToString();
    }
}
