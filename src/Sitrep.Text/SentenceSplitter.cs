using Sitrep.Core;
using Sitrep.Core.Pipeline;

namespace Sitrep.Text;

/// <summary>
/// Splits tokens into sentences: at terminal punctuation (with closing quotes and brackets kept in the sentence)
/// before a capitalised word, a digit or an opening quote; after an abbreviation that can end a sentence when a
/// typical sentence opener follows; at blank lines; and at single line breaks unless the next line continues the
/// sentence, so headlines without final punctuation stand alone. A sentence never spans two kept spans of the
/// document's content map (what lies between them is not the report's text).
/// </summary>
public sealed class SentenceSplitter : IStage
{
    public const string StageName = "sitrep.SentenceSplitter.v1";

    private static readonly Lazy<HashSet<string>> DefaultStarters =
        new(() => new HashSet<string>(Lexicon.Lines(typeof(SentenceSplitter).Assembly, "sentence-starters.txt"), StringComparer.Ordinal));

    private readonly Abbreviations _abbreviations;
    private readonly HashSet<string> _starters;

    public SentenceSplitter(Abbreviations? abbreviations = null, IEnumerable<string>? starters = null)
    {
        _abbreviations = abbreviations ?? Abbreviations.Default;
        _starters = starters is null ? DefaultStarters.Value : new HashSet<string>(starters, StringComparer.Ordinal);
    }

    public string Name => StageName;

    public IReadOnlyList<Layer> Requires { get; } = [Layer.Tokens];

    public IReadOnlyList<Layer> Assigns { get; } = [Layer.Sentences];

    public void Process(Document doc, CancellationToken cancellationToken)
    {
        doc.SentenceRanges.Clear();
        var forms = doc.Tokens.Forms;
        var n = forms.Count;
        var first = 0;
        for (var i = 0; i < n; i++)
        {
            if ((i & 0x3FF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var last = i;
            if (i + 1 < n && !EndsAfter(doc, ref last, first))
            {
                continue;
            }

            if (i + 1 >= n)
            {
                last = n - 1;
            }

            doc.SentenceRanges.Add(new SentenceRange(first, last + 1));
            first = last + 1;
            i = last;
        }
    }

    /// <summary>Whether a sentence ends at token <paramref name="i"/> (moved forward over closing quotes).</summary>
    private bool EndsAfter(Document doc, ref int i, int first)
    {
        var forms = doc.Tokens.Forms;
        var n = forms.Count;
        var form = forms[i];
        if (doc.Content is { IsAll: false } content && content.KeptIndexAt(doc.Tokens.Starts[i + 1]) != content.KeptIndexAt(doc.Tokens.Starts[i]))
        {
            return true;
        }

        var breaks = LineBreaksAfter(doc, i);
        if (breaks >= 2 || (breaks == 1 && IsBullet(doc, i + 1)))
        {
            return true;
        }

        if (IsTerminal(form))
        {
            // Closing quotes and brackets directly after the terminal stay in this sentence.
            var j = i;
            while (j + 1 < n && IsCloser(forms[j + 1]) && doc.Tokens.Starts[j + 1] == doc.Tokens.Ends[j] && !OpensQuote(doc, j + 1, first))
            {
                j++;
            }

            if (j + 1 >= n || LineBreaksAfter(doc, j) > 0 || StartsSentence(forms, j + 1))
            {
                i = j;
                return true;
            }

            return false;
        }

        if (form.Length > 1 && form[^1] == '.' && !_abbreviations.IsTitle(form))
        {
            // "U.S." or "Inc." at the end of a sentence: the period is part of the token.
            var next = forms[i + 1];
            if (breaks > 0 || _starters.Contains(next) || (next.Length > 0 && next[0] == '"' && i + 2 < n && StartsWithUpper(forms[i + 2])))
            {
                return true;
            }

            return false;
        }

        if (breaks == 0 && IsGlued(doc, i))
        {
            // "in SyriaThe desert": two sentences run together without a space (the tokenizer split the word).
            return true;
        }

        if (breaks == 1 && IsHeadingLine(doc, i))
        {
            return true; // "## Background" ends at its line
        }

        if (breaks == 1)
        {
            // A single line break ends the line's sentence unless the text is wrapped mid-sentence.
            var next = forms[i + 1];
            var continues = (next.Length > 0 && char.IsLower(next[0])) || form is "," or "-" or ";" or ":" or "(" || IsConjunction(form);
            return !continues;
        }

        return false;
    }

    /// <summary>Whether token <paramref name="i"/> lies on a markdown heading line ("# …").</summary>
    private static bool IsHeadingLine(Document doc, int i)
    {
        var text = doc.Text;
        var k = doc.Tokens.Starts[i];
        while (k > 0 && text[k - 1] != '\n')
        {
            k--;
        }

        while (k < text.Length && text[k] is ' ' or '\t')
        {
            k++;
        }

        return k < text.Length && text[k] == '#' && k + 1 < text.Length && text[k + 1] is '#' or ' ';
    }

    /// <summary>A list bullet: "-", "*", "•" … as the first token of a line, followed by a space.</summary>
    private static bool IsBullet(Document doc, int k)
    {
        var form = doc.Tokens.Forms[k];
        return form is "-" or "*" or "+" or "•" or "‣" or "◦" or "▪" or "·" or "--" && doc.Tokens.SpaceAfter[k];
    }

    private static int LineBreaksAfter(Document doc, int i)
    {
        var end = i + 1 < doc.Tokens.Count ? doc.Tokens.Starts[i + 1] : doc.Text.Length;
        var count = 0;
        for (var k = doc.Tokens.Ends[i]; k < end; k++)
        {
            var c = doc.Text[k];
            if (c is '\n' or '\u2028' or '\u2029' || (c == '\r' && (k + 1 >= end || doc.Text[k + 1] != '\n')))
            {
                count++;
            }
        }

        return count;
    }

    private static bool IsTerminal(string form) =>
        form.Length > 0 && (form[0] is '?' or '!' || (form[0] == '.' && form.AsSpan().IndexOfAnyExcept('.') < 0));

    /// <summary>
    /// A word glued to a capitalised word that starts the next sentence ("Syria|The", "insurgents|Russia's"): the
    /// tokenizer splits such words only where two sentences or a heading and a sentence ran together.
    /// </summary>
    private static bool IsGlued(Document doc, int i)
    {
        var forms = doc.Tokens.Forms;
        var a = forms[i];
        var b = forms[i + 1];
        if (doc.Tokens.Starts[i + 1] == doc.Tokens.Ends[i] && a.Length > 0 && char.IsLower(a[^1]) && b.Length >= 3 && b.All(char.IsUpper))
        {
            return true; // a dateline in capitals run into the headline before it ("Probe|BOSTON")
        }

        if (doc.Tokens.Starts[i + 1] != doc.Tokens.Ends[i] || b.Length < 2 || !char.IsUpper(b[0]) || !char.IsLower(b[1]) || a.Length == 0)
        {
            return b is "A" or "I" && a.Length > 2 && char.IsLower(a[^1]) && doc.Tokens.Starts[i + 1] == doc.Tokens.Ends[i] && doc.Tokens.SpaceAfter[i + 1];
        }

        // "area|Calls", "AD|The"; and a closing bracket or a colon glued to a word and to the next sentence ("Venezuela]|More", "said:|It").
        // A word that never ends a sentence only lost its space ("Reporting from|Kyiv").
        return (char.IsLetter(a[^1]) && !NeverEnds(a))
            || (a is "]" or ":" && i > 0 && doc.Tokens.Starts[i] == doc.Tokens.Ends[i - 1] && doc.Tokens.Forms[i - 1] is { Length: > 0 } p && char.IsLetter(p[^1]));
    }

    /// <summary>
    /// Whether the quote token <paramref name="k"/> opens a quotation: a left curly quote or guillemet, or a straight
    /// quote glued to the word after it when no quotation is open in the sentence.
    /// </summary>
    private static bool OpensQuote(Document doc, int k, int first)
    {
        var form = doc.Tokens.Forms[k];
        if (form is not ("\"" or "'"))
        {
            return false;
        }

        var original = doc.Text[doc.Tokens.Starts[k]];
        if (original is '“' or '‘' or '«' or '„' or '‚')
        {
            return true;
        }

        if (original is '”' or '’' or '»')
        {
            return false;
        }

        // A straight quote followed by a space closes. Glued to the word after it, it opens ("killed."They") unless the
        // sentence so far left a quotation open ("… forthwith."Early today").
        var toks = doc.Tokens;
        if (!(k + 1 < toks.Count && toks.Starts[k + 1] == toks.Ends[k] && toks.Forms[k + 1].Length > 0 && char.IsLetter(toks.Forms[k + 1][0])))
        {
            return false;
        }

        var quotes = 0;
        for (var t = first; t < k; t++)
        {
            quotes += toks.Forms[t] == form ? 1 : 0;
        }

        return quotes % 2 == 0;
    }

    private static bool IsCloser(string form) => form is "\"" or "'" or ")" or "]" or "}" or "''";

    private static bool StartsWithUpper(string form) => form.Length > 0 && (char.IsUpper(form[0]) || char.IsDigit(form[0]));

    private static bool StartsSentence(List<string> forms, int k)
    {
        var form = forms[k];
        if (form.Length == 0)
        {
            return false;
        }

        if (char.IsUpper(form[0]) || char.IsDigit(form[0]))
        {
            return true;
        }

        // An opening quote or bracket followed by a capitalised word, or a dash bullet.
        if (form is "\"" or "'" or "(" or "[" or "--" or "-" or "*")
        {
            return k + 1 < forms.Count && StartsWithUpper(forms[k + 1]);
        }

        return !char.IsLetter(form[0]) && !char.IsPunctuation(form[0]);
    }

    private static bool NeverEnds(string form) =>
        IsConjunction(form) || form is "from" or "with" or "by" or "for" or "on" or "at" or "into" or "about" or "an" or "as" or "than";

    private static bool IsConjunction(string form) => form is "and" or "or" or "but" or "of" or "the" or "a" or "to" or "in";
}
