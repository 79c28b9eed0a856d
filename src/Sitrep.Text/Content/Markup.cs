using System.Text.RegularExpressions;
using Sitrep.Core;

namespace Sitrep.Text.Content;

/// <summary>
/// Finds the markdown and web-text markup of scraped pages so that the text reads as prose while every offset stays
/// that of the original: <c>[text](url)</c> links read as their text, citation markers (<c>[[iii]](url)</c>,
/// <c>[12]</c>) are skipped, <c>**bold**</c>, <c>_italic_</c>, <c>#</c> headings, bullets and block quotes lose their
/// marks, hashtags read as their word, and emoji are not words. URLs are left whole.
/// </summary>
public static partial class Markup
{
    // [[iii]](url), [[12]](url), [[iii]], and bare [12] / [iv] markers.
    [GeneratedRegex(@"\[\[[^\[\]\n]{1,12}\]\](?:\((?:[^()\n]|\([^()\n]*\))*\))?|\[(?:\d{1,3}(?:[,–-]\s?\d{1,3})*|[ivxlc]{1,6})\](?!\()", RegexOptions.CultureInvariant)]
    private static partial Regex CitationRegex();

    // [text](target), the target possibly holding one level of parentheses or <...>.
    [GeneratedRegex(@"\[(?<t>[^\[\]\n]*)\]\((?:[^()\n]|\([^()\n]*\))*\)", RegexOptions.CultureInvariant)]
    private static partial Regex LinkRegex();

    [GeneratedRegex(@"<(?:https?://|www\.)[^>\s]*>|(?:https?://|www\.)[^\s<>()\[\]]+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex UrlRegex();

    // Heading marks at the start of a line. Bullets stay tokens (the sentence splitter ends a sentence before them).
    [GeneratedRegex(@"^[ \t]*#{1,6}[ \t]+", RegexOptions.CultureInvariant)]
    private static partial Regex OpenerRegex();

    // Emphasis that opens (before a word) and closes (after one): "*word*", "**bold words**", "_see text_".
    [GeneratedRegex(@"(?<![\w*])(?<o>\*{1,4}|_{1,3})(?=[^\s*_])", RegexOptions.CultureInvariant)]
    private static partial Regex OpenEmphasisRegex();

    [GeneratedRegex(@"(?<=[^\s*_])(?<c>\*{1,4}|_{1,3})(?![\w*])", RegexOptions.CultureInvariant)]
    private static partial Regex CloseEmphasisRegex();

    /// <summary>The markup of <paramref name="text"/>, sorted and non-overlapping.</summary>
    public static List<MarkupSpan> Scan(string text)
    {
        var spans = new List<MarkupSpan>();
        foreach (var line in TextLines.NonBlank(text))
        {
            ScanLine(text, line.Start, line.End, spans, out _, out _);
        }

        return spans;
    }

    /// <summary>
    /// The markup of one line [<paramref name="start"/>, <paramref name="end"/>), appended to <paramref name="spans"/>
    /// in order; <paramref name="linkChars"/> counts the characters of link texts and URLs (for link density) and
    /// <paramref name="citations"/> the citation markers.
    /// </summary>
    public static void ScanLine(string text, int start, int end, List<MarkupSpan> spans, out int linkChars, out int citations)
    {
        linkChars = 0;
        citations = 0;
        var line = text.AsSpan(start, end - start);
        if (!MayHoldMarkup(line))
        {
            return;
        }

        var s = text[start..end];
        // Protected stretches: URLs stay whole. Links and citations are handled before emphasis.
        var taken = new List<(int S, int E)>();
        var local = new List<MarkupSpan>();

        var opener = OpenerRegex().Match(s);
        if (opener.Success && opener.Length > 0)
        {
            local.Add(new MarkupSpan(start, start + opener.Length, MarkupKind.Drop));
            taken.Add((0, opener.Length));
        }

        foreach (Match m in CitationRegex().Matches(s))
        {
            if (Free(taken, m.Index, m.Index + m.Length))
            {
                local.Add(new MarkupSpan(start + m.Index, start + m.Index + m.Length, MarkupKind.Gap));
                taken.Add((m.Index, m.Index + m.Length));
                citations++;
            }
        }

        foreach (Match m in LinkRegex().Matches(s))
        {
            if (!Free(taken, m.Index, m.Index + m.Length))
            {
                continue;
            }

            var t = m.Groups["t"];
            local.Add(new MarkupSpan(start + m.Index, start + t.Index, MarkupKind.Gap));
            local.Add(new MarkupSpan(start + t.Index + t.Length, start + m.Index + m.Length, MarkupKind.Gap));
            linkChars += t.Length;
            taken.Add((m.Index, t.Index));
            taken.Add((t.Index + t.Length, m.Index + m.Length));
            // The link text may itself hold emphasis: leave it free for the scan below.
        }

        foreach (Match m in UrlRegex().Matches(s))
        {
            if (!Free(taken, m.Index, m.Index + m.Length))
            {
                continue;
            }

            linkChars += m.Length;
            if (s[m.Index] == '<')
            {
                local.Add(new MarkupSpan(start + m.Index, start + m.Index + 1, MarkupKind.Gap));
                local.Add(new MarkupSpan(start + m.Index + m.Length - 1, start + m.Index + m.Length, MarkupKind.Gap));
            }

            taken.Add((m.Index, m.Index + m.Length));
        }

        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (!MayMarkAt(s, i) || !Free(taken, i, i + 1))
            {
                continue;
            }

            if (c is '*' or '_')
            {
                var j = i;
                while (j < s.Length && s[j] == c)
                {
                    j++;
                }

                if (IsEmphasis(s, i, j, taken))
                {
                    local.Add(new MarkupSpan(start + i, start + j, MarkupKind.Gap));
                }

                i = j - 1;
            }
            else if (c == '#' && i + 1 < s.Length && char.IsLetter(s[i + 1]) && (i == 0 || !char.IsLetterOrDigit(s[i - 1])))
            {
                local.Add(new MarkupSpan(start + i, start + i + 1, MarkupKind.Drop)); // hashtag reads as its word
            }
            else if (c == '\\' && i + 1 < s.Length && char.IsPunctuation(s[i + 1]))
            {
                local.Add(new MarkupSpan(start + i, start + i + 1, MarkupKind.Drop)); // markdown escape
            }
            else if (IsEmojiAt(s, i, out var len))
            {
                local.Add(new MarkupSpan(start + i, start + i + len, MarkupKind.Gap));
                i += len - 1;
            }
            else if (c is '\uFE0F' or '\uFE0E' or '\u20E3')
            {
                local.Add(new MarkupSpan(start + i, start + i + 1, MarkupKind.Drop));
            }
        }

        local.Sort((a, b) => a.Start.CompareTo(b.Start));
        foreach (var m in local)
        {
            if (spans.Count > 0 && spans[^1].End > m.Start)
            {
                continue;
            }

            spans.Add(m);
        }
    }

    // Whether the character at i is one the scan below can take as markup (the cheap test before the taken stretches).
    private static bool MayMarkAt(string s, int i) => s[i] is '*' or '_' or '#' or '\\' or '\uFE0F' or '\uFE0E' or '\u20E3' || IsEmojiAt(s, i, out _);

    /// <summary>Whether an emoji or pictograph (not a word) starts at <paramref name="i"/>; <paramref name="length"/> is its UTF-16 length.</summary>
    public static bool IsEmojiAt(string s, int i, out int length)
    {
        length = 1;
        var c = s[i];
        if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
        {
            var cp = char.ConvertToUtf32(c, s[i + 1]);
            length = 2;
            return cp is >= 0x1F000 and <= 0x1FAFF or >= 0xE0020 and <= 0xE007F;
        }

        return c is >= '\u2600' and <= '\u27BF' or >= '\u2B00' and <= '\u2BFF';
    }

    /// <summary>
    /// Whether the run of '*' or '_' at [i, j) of a line is emphasis: "**" runs (up to four: a closing and an opening
    /// run glued, "**Click****here**") touching a word, or a single '*' / '_' run when the line has both an opening and
    /// a closing run. Long runs ("*******", "_____") and a star or underscore inside a word ("image_gif") are text.
    /// </summary>
    private static bool IsEmphasis(string s, int i, int j, List<(int S, int E)> taken)
    {
        var len = j - i;
        var c = s[i];
        if (len > (c == '*' ? 4 : 3))
        {
            return false;
        }

        var before = i > 0 ? s[i - 1] : ' ';
        var after = j < s.Length ? s[j] : ' ';
        var wordBefore = !char.IsWhiteSpace(before);
        var wordAfter = !char.IsWhiteSpace(after);
        if (!wordBefore && !wordAfter)
        {
            return false; // a lone "*" or "**" between spaces
        }

        if (c == '_' && char.IsLetterOrDigit(before) && char.IsLetterOrDigit(after))
        {
            return false; // snake_case
        }

        if (c == '*' && len >= 2)
        {
            return true;
        }

        // A single or double run of '_', or a single '*': only with a partner on the line.
        var opens = false;
        var closes = false;
        foreach (Match m in OpenEmphasisRegex().Matches(s))
        {
            if (m.Groups["o"].Value[0] == c && Free(taken, m.Index, m.Index + m.Length))
            {
                opens = true;
                break;
            }
        }

        foreach (Match m in CloseEmphasisRegex().Matches(s))
        {
            if (m.Groups["c"].Value[0] == c && Free(taken, m.Index, m.Index + m.Length))
            {
                closes = true;
                break;
            }
        }

        return opens && closes;
    }

    private static bool MayHoldMarkup(ReadOnlySpan<char> line)
    {
        if (line.IndexOfAny("[*_#<\\") >= 0 || line.Contains("http", StringComparison.Ordinal) || line.Contains("www.", StringComparison.Ordinal))
        {
            return true;
        }

        var first = line.TrimStart();
        return HasSymbols(line);
    }

    private static bool HasSymbols(ReadOnlySpan<char> line)
    {
        foreach (var c in line)
        {
            if (c is >= '\u2600' and <= '\u2BFF' or '\uFE0F' or '\uFE0E' or '\u20E3' || char.IsSurrogate(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Free(List<(int S, int E)> taken, int s, int e)
    {
        foreach (var (ts, te) in taken)
        {
            if (s < te && ts < e)
            {
                return false;
            }
        }

        return true;
    }
}
