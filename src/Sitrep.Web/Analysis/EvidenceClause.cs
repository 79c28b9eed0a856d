using System.Text.RegularExpressions;

namespace Sitrep.Web.Analysis;

/// <summary>
/// The clause of an evidence sentence that the views show first: the part around its anchor (the trigger, the number,
/// the reporting verb) between clause stops (. ; : ! ? and dashes), at most <see cref="MaxLength"/> characters; the whole
/// sentence is shown on demand. A "sentence" can be a 2,000-character paragraph. The dashboard uses the same rule (app.js).
/// </summary>
public static partial class EvidenceClause
{
    public const int MaxLength = 240;

    /// <summary>The clause's bounds in <paramref name="text"/> (half-open); the whole text when it is short.</summary>
    public static (int Start, int End) Bounds(string text, int from = -1, int to = -1)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= MaxLength)
        {
            return (0, text.Length);
        }

        if (!(from >= 0 && to >= from && to <= text.Length))
        {
            (from, to) = (0, 0);
        }

        int start = 0, end = text.Length;
        foreach (Match m in Stops().Matches(text))
        {
            if (m.Index + m.Length <= from)
            {
                start = m.Index + m.Length;
            }
            else if (m.Index >= to)
            {
                end = m.Index + (m.Value[0] is '.' or '!' or '?' ? 1 : 0);
                break;
            }
        }

        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        if (end - start > MaxLength)
        {
            var anchor = Math.Min(Math.Max(from, start), end);
            var s = Math.Max(start, anchor - (MaxLength / 3));
            var e = Math.Min(end, s + MaxLength);
            s = Math.Max(start, e - MaxLength);
            if (s > start && text.IndexOf(' ', s) is var sp && sp >= 0 && sp < from)
            {
                s = sp + 1;
            }

            if (e < end && text.LastIndexOf(' ', e) is var sp2 && sp2 > to)
            {
                e = sp2;
            }

            (start, end) = (s, e);
        }

        return (start, end);
    }

    /// <summary>The clause with an ellipsis where it was cut.</summary>
    public static string Of(string text, int from = -1, int to = -1)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (s, e) = Bounds(text, from, to);
        return (s > 0 ? "… " : "") + text[s..e] + (e < text.Length ? " …" : "");
    }

    /// <summary>The anchor of a part of the text (its first occurrence), or (-1, -1).</summary>
    public static (int From, int To) Anchor(string text, string? part)
    {
        ArgumentNullException.ThrowIfNull(text);
        var i = string.IsNullOrEmpty(part) ? -1 : text.IndexOf(part, StringComparison.Ordinal);
        return i < 0 ? (-1, -1) : (i, i + part!.Length);
    }

    [GeneratedRegex(@"[.;:!?](?=\s)|\s[\u2014\u2013]\s|\n")]
    private static partial Regex Stops();
}
