using System.Globalization;
using System.Text;

namespace Sitrep.Geo;

/// <summary>A word of the text as the toponym matcher sees it: a character range and its folded key.</summary>
public readonly record struct GeoWord(int Start, int End, string Key);

/// <summary>Name folding and a light word splitter shared by the gazetteer builder and the matcher.</summary>
public static class GeoText
{
    /// <summary>
    /// Folds a name to its lookup key: lower case, diacritics removed, apostrophes and periods dropped, every other
    /// non-alphanumeric run becomes one space ("Kharkivs’ka Oblast’" → "kharkivska oblast", "U.S." → "us").
    /// </summary>
    public static string Fold(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var sb = new StringBuilder(name.Length);
        var pendingSpace = false;
        foreach (var c in name)
        {
            if (IsDropped(c))
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                if (pendingSpace && sb.Length > 0)
                {
                    sb.Append(' ');
                }

                pendingSpace = false;
                AppendFolded(sb, c);
            }
            else if (char.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                pendingSpace = true;
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// The transliteration skeleton of a folded name: the letters on which romanisations of one Cyrillic name differ
    /// are merged ("y", "i" and "j" are "i"; "h" standing alone is "g", as Ukrainian "h" is Russian "g"; a doubled
    /// letter or "zh" is one), so "zaporizhia", "zaporizhzhia" and "zaporizhzhya", or "kostyantynivka" and "kostiantynivka",
    /// or "gulyaypole" and "huliaipole" share one key.
    /// </summary>
    public static string Skeleton(string foldedKey)
    {
        ArgumentNullException.ThrowIfNull(foldedKey);
        // "zhzh" and "zzh" are "zh": a sound doubled in one spelling and single in another
        foldedKey = foldedKey.Replace("zhzh", "zh", StringComparison.Ordinal).Replace("zzh", "zh", StringComparison.Ordinal);
        var sb = new StringBuilder(foldedKey.Length);
        for (var i = 0; i < foldedKey.Length; i++)
        {
            var c = foldedKey[i] switch
            {
                'y' or 'j' => 'i',
                'h' when i == 0 || foldedKey[i - 1] is not ('k' or 'z' or 's' or 'c' or 't') => 'g',
                var other => other,
            };

            if (sb.Length > 0 && sb[^1] == c && c != ' ')
            {
                continue;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>Whether every letter of <paramref name="name"/> is Latin (with or without diacritics).</summary>
    public static bool IsLatin(string name)
    {
        foreach (var c in name)
        {
            if (char.IsLetter(c) && !(c < 0x250 || (c >= 0x1E00 && c <= 0x1EFF)))
            {
                return false;
            }
        }

        return true;
    }

    internal static bool IsDropped(char c) => c is '\'' or '’' or '‘' or 'ʼ' or 'ʹ' or '`' or '´' or '.' or 'ʻ';

    private static void AppendFolded(StringBuilder sb, char c)
    {
        if (c < 128)
        {
            sb.Append(char.ToLowerInvariant(c));
            return;
        }

        switch (c)
        {
            case 'ß': sb.Append("ss"); return;
            case 'æ': case 'Æ': sb.Append("ae"); return;
            case 'ø': case 'Ø': sb.Append('o'); return;
            case 'đ': case 'Đ': sb.Append('d'); return;
            case 'ł': case 'Ł': sb.Append('l'); return;
            case 'ı': sb.Append('i'); return;
            case 'œ': case 'Œ': sb.Append("oe"); return;
            case 'þ': case 'Þ': sb.Append("th"); return;
        }

        var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        foreach (var d in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark)
            {
                sb.Append(char.ToLowerInvariant(d));
            }
        }
    }

    /// <summary>
    /// Splits text into words: runs of letters and digits with inner apostrophes, and dotted initials ("U.S.", "D.C.")
    /// kept whole. Hyphens and spaces separate words but do not break a multi-word name; other punctuation does.
    /// </summary>
    public static List<GeoWord> Words(string text, int start = 0, int end = -1)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (end < 0)
        {
            end = text.Length;
        }

        var words = new List<GeoWord>();
        var i = start;
        while (i < end)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }

            var s = i;

            // dotted abbreviations: "U.S.", "D.C.", "U.K.", "W.Va."
            var j = i;
            var groups = 0;
            while (true)
            {
                var g = j;
                while (g < end && g - j < 3 && char.IsLetter(text[g]))
                {
                    g++;
                }

                if (g == j || g >= end || text[g] != '.')
                {
                    break;
                }

                j = g + 1;
                groups++;
            }

            if (groups >= 2 && (j >= end || !char.IsLetterOrDigit(text[j])))
            {
                i = j;
                words.Add(new GeoWord(s, i, Fold(text[s..i])));
                continue;
            }

            while (i < end)
            {
                var c = text[i];
                if (char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                {
                    i++;
                }
                else if ((c is '\'' or '’' or 'ʼ') && i + 1 < end && char.IsLetter(text[i + 1])
                    && !((text[i + 1] is 's' or 'S') && (i + 2 >= end || !char.IsLetter(text[i + 2]))))
                {
                    i++;
                }
                else
                {
                    break;
                }
            }

            words.Add(new GeoWord(s, i, Fold(text[s..i])));
        }

        return words;
    }

    /// <summary>Whether the gap between two words lets a multi-word name continue (spaces, one hyphen, "St. ").</summary>
    public static bool Joinable(string text, GeoWord left, GeoWord right)
    {
        var gap = text.AsSpan(left.End, right.Start - left.End);
        if (gap.Length == 0)
        {
            return false;
        }

        var hyphens = 0;
        var period = false;
        foreach (var c in gap)
        {
            if (c is '-' or '‐' or '–')
            {
                hyphens++;
            }
            else if (c == '.')
            {
                if (period || gap[0] != '.')
                {
                    return false;
                }

                period = true;
            }
            else if (c is not (' ' or '\u00a0'))
            {
                return false;
            }
        }

        if (gap.Length > 3 || hyphens > 1)
        {
            return false;
        }

        // "St. Louis", "Mt. Vernon", "Ft. Worth": a short capitalised abbreviation followed by a period
        return !period || (left.End - left.Start <= 3 && char.IsUpper(text[left.Start]));
    }
}
