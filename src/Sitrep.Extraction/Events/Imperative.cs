using Sitrep.Core;
using static Sitrep.Extraction.RoleCandidates;

namespace Sitrep.Extraction;

/// <summary>
/// A sentence that speaks to someone in the imperative ("@Company, pull out of Russia!", "Mr President, close the sky!",
/// "Close the sky, Mr President!"): a demand by its speaker on the one addressed (a request with "please"); its verb
/// tells no act of its own. The speaker is the quotation's (<see cref="FirstPerson.QuoteSpeaker"/>); with none, the
/// sentence yields no event.
/// </summary>
internal static class Imperative
{
    /// <summary>Words of address before a name ("Mr", "Dear"; data/extraction/address-words.txt).</summary>
    private static readonly Lazy<HashSet<string>> AddressWords = new(() => new HashSet<string>(Lexicon.Lines(typeof(Imperative).Assembly, "address-words.txt"), StringComparer.Ordinal));

    /// <summary>The one addressed, the imperative verb's token and whether it is softened to a request ("please").</summary>
    internal sealed record Address(TokMention Addressee, int Verb, bool Please);

    private static bool Quote(string w) => w is "\"" or "“" or "”" or "«" or "»" or "'" or "‘" or "’";

    /// <summary>A verb in its base form with no subject before it.</summary>
    private static bool BaseVerb(Document doc, int k) =>
        doc.Tokens.Upos.Count > k && doc.Tokens.Upos[k] == "VERB" && doc.Tokens.Xpos.Count > k && doc.Tokens.Xpos[k] is "VB" or "VBP";

    /// <summary>Whether the tokens [from, to) are words of address only.</summary>
    private static bool AddressOnly(string[] lower, int from, int to) => Enumerable.Range(from, Math.Max(0, to - from)).All(k => AddressWords.Value.Contains(lower[k]));

    /// <summary>The address of an imperative sentence [first, end), or null (a question or a statement).</summary>
    internal static Address? Find(Document doc, string[] lower, int first, int end, List<TokMention> sm)
    {
        var last = end - 1;
        while (last > first && Quote(lower[last]))
        {
            last--;
        }

        if (last <= first || lower[last] is not ("!" or "."))
        {
            return null;
        }

        // the address opens the sentence, the quotation inside it ("X wrote: “@Company, pull out …!”") or a sentence the
        // splitter did not part from the one before ("… our cities. @Company, pull out …!")
        for (var k = first; k < last; k++)
        {
            if (k == first || lower[k - 1] is "“" or "«" or ":" or "." or "!" || lower[k - 1] == "\"" && k - 2 >= first && lower[k - 2] is ":" or ",")
            {
                var start = k;
                while (start < last && Quote(lower[start]))
                {
                    start++;
                }

                if (At(doc, lower, start, last, sm) is { } address)
                {
                    return address;
                }
            }
        }

        return null;
    }

    private static Address? At(Document doc, string[] lower, int start, int last, List<TokMention> sm)
    {
        static bool Named(TokMention m) => !m.Form.EndsWith("@loc", StringComparison.Ordinal);

        // "Mr President, close the sky!": the one addressed, a comma, then the verb
        var head = sm.FirstOrDefault(m => Named(m) && m.First >= start && m.First <= start + 2 && AddressOnly(lower, start, m.First));
        if (head is not null && head.End + 1 < last && lower[head.End] == ",")
        {
            var v = head.End + 1;
            var please = lower[v] == "please";
            v += please ? 1 : 0;
            if (BaseVerb(doc, v))
            {
                return new Address(head, v, please);
            }
        }

        // "Close the sky, Mr President!": the verb opens the sentence, the one addressed closes it after a comma
        var verb = start;
        var softened = lower[verb] == "please";
        verb += softened ? 1 : 0;
        var tail = sm.LastOrDefault(m => Named(m) && m.End == last);
        if (tail is not null && BaseVerb(doc, verb) && tail.First > verb + 1)
        {
            var comma = tail.First - 1;
            while (comma > verb && AddressWords.Value.Contains(lower[comma]))
            {
                comma--;
            }

            if (lower[comma] == ",")
            {
                return new Address(tail, verb, softened);
            }
        }

        return null;
    }

    /// <summary>The demand (or request) the address makes, by the quotation's speaker; null when no speaker is known.</summary>
    internal static Event? Demand(ExtractionLexicon lex, Document doc, string[] lower, Address address, int end)
    {
        var speaker = FirstPerson.QuoteSpeaker(lex, doc, lower, address.Verb, address.Verb + 1);
        if (speaker is null || speaker == address.Addressee.Actor)
        {
            return null;
        }

        // the imperative clause: from the verb to the sentence's closing mark
        var stop = address.Verb + 1;
        while (stop < end && !(lower[stop] is "!" or "." or "," or ";" || Quote(lower[stop])))
        {
            stop++;
        }

        var (type, mode) = address.Please ? ("REQUEST", "request") : ("DEMAND", "demand");
        var span = new TextSpan(doc.Tokens.Starts[address.Verb], doc.Tokens.Ends[stop - 1]);
        var ev = new Event
        {
            Id = "",
            Type = type,
            Mode = mode,
            Actor = speaker.Name,
            Target = address.Addressee.Actor.Name,
            Trigger = span,
            Evidence = doc.Sentence(doc.SentenceIndexAt(span.Start)).Span,
        };
        ev.Mentions.Add(span);
        if (lex.AcledFor(ev.Type, ev.Mode) is { } acled)
        {
            ev.AcledType = acled.EventType;
            ev.AcledSubType = acled.SubType;
        }

        return ev;
    }
}
