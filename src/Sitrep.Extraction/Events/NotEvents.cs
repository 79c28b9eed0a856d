using Sitrep.Core;

namespace Sitrep.Extraction;

/// <summary>
/// Sentences inside a report that tell no act whatever trigger words they hold: a section heading or a page title (a
/// line of its own in title case without a finite verb or final punctuation, or a title with its site after "|"), a
/// reader prompt or an image credit (data/extraction/not-event-lines.tsv); in a question only nouns can name acts.
/// </summary>
internal static class NotEvents
{
    private static readonly Lazy<List<(string[] Words, bool Anywhere)>> Lines = new(() =>
        Lexicon.Lines(typeof(NotEvents).Assembly, "not-event-lines.tsv").Select(l => l.Split('\t')).Select(c => c.Length == 2 && c[1] is "start" or "anywhere"
            ? (c[0].Split(' '), c[1] == "anywhere")
            : throw new InvalidDataException($"not-event-lines.tsv: line '{string.Join('\t', c)}' is not phrase<TAB>start|anywhere")).ToList());

    private static readonly HashSet<string> FiniteVerbTags = new(StringComparer.Ordinal) { "VBD", "VBZ", "VBP", "MD" };

    /// <summary>What a sentence can tell.</summary>
    public enum Kind
    {
        /// <summary>Acts, as any sentence.</summary>
        Any,

        /// <summary>A question: its verbs ask, its nouns may still name acts.</summary>
        Question,

        /// <summary>No act: a heading, a title, a prompt, a credit.</summary>
        NoAct,
    }

    public static Kind Check(Document doc, string[] lower, int first, int end)
    {
        if (end <= first)
        {
            return Kind.NoAct;
        }

        var last = end - 1;
        while (last > first && lower[last] is "\"" or "”" or "’" or "'" or ")")
        {
            last--;
        }

        var question = lower[last] == "?";

        foreach (var (words, anywhere) in Lines.Value)
        {
            for (var i = first; i <= (anywhere ? end - words.Length : Math.Min(first + 1, end - words.Length)); i++)
            {
                var ok = true;
                for (var j = 0; j < words.Length && ok; j++)
                {
                    ok = lower[i + j] == words[j];
                }

                if (ok)
                {
                    return Kind.NoAct;
                }
            }
        }

        // a wiki section heading ("==Attack==") or a list item without a verb ("* 2007 Bagram Airfield bombing")
        if (lower[first] is "=" or "==" or "===" || lower[first] is "*" or "•" && !HasVerb(doc, first, end))
        {
            return Kind.NoAct;
        }

        return IsHeading(doc, lower, first, end, last) ? Kind.NoAct : question ? Kind.Question : Kind.Any;
    }

    /// <summary>A line of its own in title case without a finite verb or final punctuation, or a page title "… | Site".</summary>
    private static bool IsHeading(Document doc, string[] lower, int first, int end, int last)
    {
        var text = doc.Text;
        var start = doc.Tokens.Starts[first];
        var stop = doc.Tokens.Ends[end - 1];
        var lineStart = start == 0 || text.LastIndexOf('\n', start - 1) is var nl && text.AsSpan(nl + 1, start - nl - 1).IsWhiteSpace();
        var lineEnd = text.IndexOf('\n', stop) is var nr && text.AsSpan(stop, (nr < 0 ? text.Length : nr) - stop).IsWhiteSpace();
        if (!lineStart || !lineEnd || Words.IsPunct(lower[last]) && lower[last] is "." or "!" or ";" or ":")
        {
            return false;
        }

        if (lower.AsSpan(first, end - first).Contains("|"))
        {
            return true;
        }

        var forms = doc.Tokens.Forms;
        var xpos = doc.Tokens.Xpos;
        var upos = doc.Tokens.Upos;
        var dashed = false;
        for (var i = first + 1; i < end - 1 && !dashed; i++)
        {
            dashed = forms[i] is "–" or "—" or "-" && doc.Tokens.Starts[i] > doc.Tokens.Ends[i - 1];
        }

        int words = 0, capitalised = 0;
        for (var i = first; i < end; i++)
        {
            // a headline tells an act with its verb ("Court Convicts Friend of …"); a heading names a section
            if (xpos.Count > i && xpos[i] is { } x && FiniteVerbTags.Contains(x) || !dashed && upos.Count > i && upos[i] is "VERB" or "AUX")
            {
                return false;
            }

            if (forms[i].Length > 3 && char.IsLetter(forms[i][0]))
            {
                words++;
                capitalised += char.IsUpper(forms[i][0]) ? 1 : 0;
            }
        }

        // a short line without a verb ("Car bombs") names a section
        return words >= 2 && capitalised >= 0.8 * words && xpos.Count > first || end - first <= 4 && !HasVerb(doc, first, end) && upos.Count > first;
    }

    private static bool HasVerb(Document doc, int first, int end)
    {
        var upos = doc.Tokens.Upos;
        for (var i = first; i < end && i < upos.Count; i++)
        {
            if (upos[i] is "VERB" or "AUX")
            {
                return true;
            }
        }

        return false;
    }
}
