using System.Globalization;
using Sitrep.Core;

namespace Sitrep.Extraction;

/// <summary>Small token helpers shared by the extraction stages.</summary>
internal static class Words
{
    public static readonly HashSet<string> Determiners = new(StringComparer.Ordinal) { "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "both", "all", "some", "other", "another" };

    public static readonly HashSet<string> BeForms = new(StringComparer.Ordinal) { "is", "are", "was", "were", "be", "been", "being", "'s", "'re" };

    public static readonly HashSet<string> Auxiliaries = new(StringComparer.Ordinal) { "has", "have", "had", "did", "does", "do", "is", "are", "was", "were", "been", "also", "reportedly", "publicly", "openly", "previously", "already", "recently", "now", "again", "not", "repeatedly", "later", "earlier", "then", "just", "officially", "quickly", "newly", "actively", "directly" };

    public static readonly HashSet<string> ClauseBoundaries = new(StringComparer.Ordinal) { ".", ";", ":", "that", "which", "who", "whom", "while", "whereas", "but", "because", "although", "though", "since", "after", "before", "when", "where", "if", "—", "–", "--", "\"", "(", ")" };

    /// <summary>Lower-cased normalised token forms of the whole document.</summary>
    public static string[] Lower(Document doc)
    {
        var forms = doc.Tokens.Forms;
        var lower = new string[forms.Count];
        for (var i = 0; i < lower.Length; i++)
        {
            lower[i] = forms[i].ToLowerInvariant();
        }

        return lower;
    }

    public static bool IsCapitalised(string form) => form.Length > 0 && char.IsUpper(form[0]);

    /// <summary>
    /// Whether a sentence is a title-case headline: no closing punctuation, at least four words and at most one
    /// lower-case word of four or more letters.
    /// </summary>
    public static bool IsTitleCaseSentence(Document doc, int sentenceIndex)
    {
        if (sentenceIndex < 0 || sentenceIndex >= doc.SentenceCount)
        {
            return false;
        }

        var s = doc.Sentence(sentenceIndex);
        if (s.EndToken <= s.FirstToken || doc.Tokens.Forms[s.EndToken - 1] is "." or "!" or "?" or "\"" or "”" or "’")
        {
            return false;
        }

        int words = 0, lowerLong = 0;
        for (var i = s.FirstToken; i < s.EndToken; i++)
        {
            var f = doc.Tokens.Forms[i];
            if (f.Length == 0 || !char.IsLetter(f[0]))
            {
                continue;
            }

            words++;
            if (char.IsLower(f[0]) && f.Length >= 4)
            {
                lowerLong++;
            }
        }

        return words >= 4 && lowerLong <= 1;
    }

    public static bool IsPunct(string form) => form.Length > 0 && !char.IsLetterOrDigit(form[0]);

    /// <summary>Parses "20,000", "1.5", "37" as a number; false for anything else.</summary>
    public static bool TryParseDigits(string form, out double value)
    {
        value = 0;
        if (form.Length == 0 || !char.IsDigit(form[0]))
        {
            return false;
        }

        var sawComma = false;
        foreach (var c in form)
        {
            if (c == ',')
            {
                sawComma = true;
            }
            else if (!char.IsDigit(c) && c != '.')
            {
                return false;
            }
        }

        if (sawComma)
        {
            // thousands separators must group by three
            var parts = form.Split('.')[0].Split(',');
            if (parts[0].Length is 0 or > 3 || parts.Skip(1).Any(p => p.Length != 3))
            {
                return false;
            }
        }

        return double.TryParse(form.Replace(",", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The paragraph index of each sentence: a new paragraph starts after a line break.</summary>
    public static int[] SentenceParagraphs(Document doc)
    {
        var result = new int[doc.SentenceCount];
        var para = 0;
        var prevEnd = 0;
        for (var s = 0; s < doc.SentenceCount; s++)
        {
            var span = doc.Sentence(s).Span;
            if (s > 0 && doc.Text.AsSpan(prevEnd, Math.Max(0, span.Start - prevEnd)).Contains('\n'))
            {
                para++;
            }

            result[s] = para;
            prevEnd = span.End;
        }

        return result;
    }
}
