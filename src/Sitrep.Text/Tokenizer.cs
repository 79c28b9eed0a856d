using Sitrep.Core;
using Sitrep.Core.Pipeline;

namespace Sitrep.Text;

/// <summary>
/// A rule-based tokenizer for news English following UD English EWT conventions: possessive 's and clitics such
/// as n't are split off, hyphens are tokens of their own, abbreviations ("U.S.", "Gen.") keep their period,
/// numbers keep thousands separators and decimals ("20,000", "1.5"), URLs and e-mail addresses stay whole.
/// Token offsets are reported against the original text through the normalisation map. When the document has a
/// content map, only its kept spans are tokenised: nothing outside the report's own text becomes a token.
/// </summary>
public sealed class Tokenizer : IStage
{
    public const string StageName = "sitrep.Tokenizer.v1";

    private static readonly string[] Clitics = ["'s", "'ll", "'re", "'ve", "'m", "'d"];

    private static readonly Lazy<HashSet<string>> DefaultStarters =
        new(() => new HashSet<string>(Lexicon.Lines(typeof(Tokenizer).Assembly, "sentence-starters.txt"), StringComparer.Ordinal));

    private readonly Abbreviations _abbreviations;
    private readonly HashSet<string> _starters;

    public Tokenizer(Abbreviations? abbreviations = null, IEnumerable<string>? starters = null)
    {
        _abbreviations = abbreviations ?? Abbreviations.Default;
        _starters = starters is null ? DefaultStarters.Value : new HashSet<string>(starters, StringComparer.Ordinal);
    }

    public string Name => StageName;

    public IReadOnlyList<Layer> Requires { get; } = [Layer.Normalized];

    public IReadOnlyList<Layer> Assigns { get; } = [Layer.Tokens];

    public void Process(Document doc, CancellationToken cancellationToken)
    {
        doc.Tokens.Clear();
        var norm = doc.Normalized;
        if (doc.Content is { IsAll: false } content)
        {
            foreach (var kept in content.Kept)
            {
                var from = norm.IndexAtOrAfter(kept.Start);
                var to = norm.IndexAtOrAfter(kept.End);
                if (to > from)
                {
                    Add(doc, norm, Tokenize(norm.Text[from..to], cancellationToken), from);
                }
            }

            return;
        }

        Add(doc, norm, Tokenize(norm.Text, cancellationToken), 0);
    }

    private static void Add(Document doc, NormalizedText norm, List<(int Start, int End)> tokens, int offset)
    {
        foreach (var (s, e) in tokens)
        {
            var start = s + offset;
            var end = e + offset;
            var span = norm.ToOriginal(start, end);
            var spaceAfter = span.End < doc.Text.Length && char.IsWhiteSpace(doc.Text[span.End]);
            doc.Tokens.Add(span.Start, span.End, norm.Text[start..end], spaceAfter);
        }
    }

    /// <summary>The tokens of <paramref name="text"/> as half-open ranges, in order.</summary>
    public List<(int Start, int End)> Tokenize(string text, CancellationToken cancellationToken = default)
    {
        var tokens = new List<(int, int)>(text.Length / 5 + 4);
        var i = 0;
        while (i < text.Length)
        {
            if ((i & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            int end;
            if ((end = MatchUrlOrEmail(text, i)) > i)
            {
                tokens.Add((i, end));
                i = end;
                continue;
            }

            if (IsWordChar(c))
            {
                end = ReadWord(text, i);
                end = GlueSplit(text, i, end);
                SplitClitics(text, i, end, tokens);
                i = end;
                continue;
            }

            end = i + 1;
            if (c is '-' or '.' or '?' or '!' or '*' or '=' or '_')
            {
                // Runs of the same punctuation ("--", "...", "?!") are one token.
                var isTerminal = c is '?' or '!';
                while (end < text.Length && (text[end] == c || (isTerminal && text[end] is '?' or '!')))
                {
                    end++;
                }
            }
            else if (char.IsHighSurrogate(c) && end < text.Length && char.IsLowSurrogate(text[end]))
            {
                end++;
            }

            tokens.Add((i, end));
            i = end;
        }

        return tokens;
    }

    private static bool IsWordChar(char c) =>
        char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark;

    private int ReadWord(string text, int start)
    {
        var j = start;
        var segmentStart = start;
        var acronym = true; // every segment so far is one letter: "U.S."
        while (j < text.Length)
        {
            while (j < text.Length && IsWordChar(text[j]))
            {
                j++;
            }

            if (j + 1 >= text.Length)
            {
                break;
            }

            var ch = text[j];
            var next = text[j + 1];
            var prev = text[j - 1];
            var segmentLength = j - segmentStart;
            if (ch == '.' && char.IsDigit(prev) && char.IsDigit(next))
            {
                j++; // decimal: 1.5
                segmentStart = j;
                continue;
            }

            if (ch == '.' && char.IsLetter(next) && segmentLength == 1 && acronym && char.IsLetter(prev))
            {
                j++; // acronym: U.S
                segmentStart = j;
                continue;
            }

            if (ch == ',' && char.IsDigit(prev) && IsThousandsGroup(text, j + 1))
            {
                j++; // 20,000
                segmentStart = j;
                acronym = false;
                continue;
            }

            if (ch == ':' && char.IsDigit(prev) && char.IsDigit(next) && j + 2 < text.Length && char.IsDigit(text[j + 2]))
            {
                j++; // 12:30
                segmentStart = j;
                acronym = false;
                continue;
            }

            if (ch == '\'' && char.IsLetter(prev) && char.IsLetter(next))
            {
                j++; // O'Brien, Russia's (clitics are split afterwards)
                segmentStart = j;
                acronym = false;
                continue;
            }

            if (ch == '&' && char.IsUpper(prev) && char.IsUpper(next))
            {
                j++; // AT&T
                segmentStart = j;
                acronym = false;
                continue;
            }

            break;
        }

        // A final period belongs to the word when the word is an abbreviation or a single-letter acronym.
        if (j < text.Length && text[j] == '.')
        {
            var word = text[start..j];
            var isAcronym = j - segmentStart == 1 && char.IsLetter(text[j - 1]) && (acronym || j - start == 1);
            if (isAcronym || _abbreviations.Contains(word + "."))
            {
                j++;
            }
        }

        return j;
    }

    /// <summary>
    /// Where a word made of two run-together sentences or a heading and a sentence splits ("SyriaThe",
    /// "insurgentsRussia", "reviewAn", "ADThe"): after a run of three or more lower-case letters from the word's start,
    /// before any capitalised word (or "A"/"I" before a space); otherwise before a capitalised sentence opener of three
    /// letters or more. Brand names ("YouTube", "iPhone", "McDonald", "LinkedIn") stay whole. Returns
    /// <paramref name="end"/> when the word does not split.
    /// </summary>
    private int GlueSplit(string text, int start, int end)
    {
        var wordStart = start == 0 || char.IsWhiteSpace(text[start - 1]) || text[start - 1] is '"' or '\'' or '(' or '[' or '“' or '‘';
        var lowerRun = 0;
        while (start + lowerRun < end && char.IsLower(text[start + lowerRun]))
        {
            lowerRun++;
        }

        for (var k = start + 1; k < end; k++)
        {
            if (!char.IsUpper(text[k]) || !char.IsLetter(text[k - 1]))
            {
                continue;
            }

            var r = k + 1;
            while (r < end && char.IsLower(text[r]))
            {
                r++;
            }

            var rightLower = r - k - 1; // lower-case letters after the capital
            var afterRight = r < text.Length ? text[r] : ' ';
            if (wordStart && lowerRun == k - start && lowerRun >= 3)
            {
                if (rightLower >= 1)
                {
                    return k;
                }

                if (rightLower == 0 && text[k] is 'A' or 'I' && r == end && char.IsWhiteSpace(afterRight))
                {
                    return k;
                }
            }

            if (char.IsLower(text[k - 1]) && rightLower == 0)
            {
                // a dateline in capitals after a headline: "…Bomb ProbeBOSTON —", "…PrioritiesLONDON —"
                var caps = k;
                while (caps < end && char.IsUpper(text[caps]))
                {
                    caps++;
                }

                if (caps - k >= 3 && caps == end && (caps >= text.Length || !char.IsLetterOrDigit(text[caps])) && k - start >= 4)
                {
                    return k;
                }
            }

            // two-letter openers ("An", "It", "He", "We") only after four letters or more, and never "In", "On", "At",
            // "As", which end brand names ("LinkedIn")
            var openerOk = rightLower >= 2 || (rightLower == 1 && k - start >= 4 && text[k..r] is not ("In" or "On" or "At" or "As"));
            if (openerOk && (r == end || !char.IsLetter(text[r])) && _starters.Contains(text[k..r]))
            {
                // a sentence opener after a lower-case letter, or after a word in capitals ("ADThe")
                var capsLeft = true;
                for (var t = start; t < k; t++)
                {
                    capsLeft &= char.IsUpper(text[t]);
                }

                if (char.IsLower(text[k - 1]) || (capsLeft && k - start >= 2))
                {
                    return k;
                }
            }
        }

        return end;
    }

    private static bool IsThousandsGroup(string text, int at) =>
        at + 2 < text.Length && char.IsDigit(text[at]) && char.IsDigit(text[at + 1]) && char.IsDigit(text[at + 2])
        && (at + 3 >= text.Length || !char.IsDigit(text[at + 3]));

    private static void SplitClitics(string text, int start, int end, List<(int, int)> tokens)
    {
        var word = text.AsSpan(start, end - start);
        if (word.Length > 3 && word.EndsWith("n't", StringComparison.OrdinalIgnoreCase))
        {
            AddSplitting(text, start, end - 3, tokens);
            tokens.Add((end - 3, end));
            return;
        }

        var apostrophe = word.LastIndexOf('\'');
        if (apostrophe > 0)
        {
            var suffix = word[apostrophe..];
            foreach (var clitic in Clitics)
            {
                if (suffix.Equals(clitic, StringComparison.OrdinalIgnoreCase))
                {
                    AddSplitting(text, start, start + apostrophe, tokens);
                    tokens.Add((start + apostrophe, end));
                    return;
                }
            }
        }

        tokens.Add((start, end));
    }

    private static void AddSplitting(string text, int start, int end, List<(int, int)> tokens)
    {
        if (end > start)
        {
            SplitClitics(text, start, end, tokens);
        }
    }

    private static int MatchUrlOrEmail(string text, int i)
    {
        var span = text.AsSpan(i);
        int end;
        if (span.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || span.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || span.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
        {
            end = i;
            while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] is not ('"' or '<' or '>'))
            {
                end++;
            }
        }
        else
        {
            // name@host.tld
            end = i;
            while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] is '.' or '_' or '-' or '+'))
            {
                end++;
            }

            if (end >= text.Length || text[end] != '@' || end == i)
            {
                return i;
            }

            var hostStart = ++end;
            var dots = 0;
            while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] is '.' or '-'))
            {
                dots += text[end] == '.' ? 1 : 0;
                end++;
            }

            if (dots == 0 || end == hostStart)
            {
                return i;
            }
        }

        // Trailing punctuation belongs to the sentence, not the address.
        while (end > i && text[end - 1] is '.' or ',' or ';' or ':' or '!' or '?' or ')' or '\'')
        {
            end--;
        }

        return end;
    }
}
