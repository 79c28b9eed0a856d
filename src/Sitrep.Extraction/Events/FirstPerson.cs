using Sitrep.Core;
using static Sitrep.Extraction.RoleCandidates;

namespace Sitrep.Extraction;

/// <summary>
/// Acts told in the first person in a speaker's words ("“We liberated the village,” the commander said", "X said:
/// “Our forces repelled …”", "I told the partners …"): "we" and "our forces" stand for the speaker's side (its state, or
/// the speaker itself when it is a state, an armed group or an organisation of no state), "I" for the speaker. The speaker is the source of
/// the reporting clause around the trigger (<see cref="ReportingFrame.SpeakerZones"/>).
/// </summary>
internal static class FirstPerson
{
    /// <summary>Nouns of one's own side after "our" (data/extraction/own-side-nouns.txt).</summary>
    private static readonly Lazy<HashSet<string>> OwnSideNouns = new(() => new HashSet<string>(Lexicon.Lines(typeof(FirstPerson).Assembly, "own-side-nouns.txt"), StringComparer.Ordinal));

    /// <summary>Whether a (lower-case) word is a noun of one's own side ("forces", "aircraft", "defenders").</summary>
    internal static bool IsOwnSideNoun(string word) => OwnSideNouns.Value.Contains(word);

    private static bool Opens(string w) => w is "“" or "\"" or "«";

    private static bool Closes(string w) => w is "”" or "\"" or "»";

    /// <summary>Whether a line break lies between tokens <paramref name="a"/> and <paramref name="a"/> + 1.</summary>
    private static bool Break(Document doc, int a) =>
        doc.Text.AsSpan(doc.Tokens.Ends[a], Math.Max(0, doc.Tokens.Starts[a + 1] - doc.Tokens.Ends[a])).Contains('\n');

    /// <summary>The opening quotation mark before token <paramref name="t"/> in its paragraph with no closing mark between, or -1.</summary>
    private static int OpenQuote(Document doc, string[] lower, int t)
    {
        for (var k = t - 1; k >= 0 && k >= t - 150; k--)
        {
            if (Opens(lower[k]) && (lower[k] != "\"" || k == 0 || Break(doc, k - 1) || doc.Tokens.Ends[k - 1] < doc.Tokens.Starts[k]))
            {
                return k;
            }

            if (Closes(lower[k]) || k > 0 && Break(doc, k - 1))
            {
                return -1;
            }
        }

        return -1;
    }

    /// <summary>"he said", "she told": the last person the text named before token <paramref name="before"/>.</summary>
    private static Actor? LastPerson(Document doc, int before)
    {
        var at = doc.Tokens.Starts[before];
        for (var i = doc.ActorMentions.Count - 1; i >= 0; i--)
        {
            var m = doc.ActorMentions[i];
            if (m.Span.End <= at && doc.Actors.FirstOrDefault(x => x.Id == m.ActorId) is { Kind: ActorKind.Person } person)
            {
                return person;
            }
        }

        return null;
    }

    /// <summary>The first actor named in the tokens [from, to), places aside.</summary>
    private static Actor? FirstActor(Document doc, int from, int to)
    {
        if (from >= to)
        {
            return null;
        }

        var (a, b) = (doc.Tokens.Starts[from], doc.Tokens.Ends[to - 1]);
        var m = doc.ActorMentions.FirstOrDefault(m => m.Span.Start >= a && m.Span.End <= b && !m.Form.EndsWith("@loc", StringComparison.Ordinal));
        return m is null ? null : doc.Actors.FirstOrDefault(x => x.Id == m.ActorId);
    }

    /// <summary>
    /// The speaker of a quotation that holds the trigger and runs over more than one sentence: named before it (“X told
    /// reporters: “…”, "…, telling reporters: “…”") or after it ("“… .” X said"; "he said": the last person named
    /// before the quotation); null when the trigger is not quoted.
    /// </summary>
    /// <param name="addressee">the actor the speaker tells instead ("telling the leader: “You …" → the leader)</param>
    internal static Actor? QuoteSpeaker(ExtractionLexicon lex, Document doc, string[] lower, int t0, int t1, bool addressee = false)
    {
        var open = OpenQuote(doc, lower, t0);
        if (open < 0)
        {
            return null;
        }

        // "X told reporters: “…", "…, telling the leader: “…": the clause before the mark
        if (open > 0 && lower[open - 1] is ":" or ",")
        {
            var start = open - 1;
            while (start > 0 && !Break(doc, start - 1) && lower[start - 1] is not ("." or "!" or "?" or "”" or "\""))
            {
                start--;
            }

            for (var r = open - 2; r >= start; r--)
            {
                if (lex.ReportingVerbs.ContainsKey(lower[r]))
                {
                    // the addressee: the actor the verb tells ("told the Ukrainian leader: “You …")
                    if (addressee)
                    {
                        return lower[r] is "told" or "tell" or "tells" or "telling" && r + 1 < open - 1 ? FirstActor(doc, r + 1, Math.Min(open - 1, r + 6)) : null;
                    }

                    return FirstActor(doc, start, r) ?? (r + 1 < open - 1 ? FirstActor(doc, r + 1, Math.Min(open - 1, r + 6)) : null);
                }
            }

            return null;
        }

        if (addressee)
        {
            return null;
        }

        // "“… .” X said", "“… ,” said X": the words after the closing mark
        for (var k = t1; k < lower.Length && k < t1 + 150; k++)
        {
            if (k > t1 && Break(doc, k - 1) || Opens(lower[k]) && lower[k] != "\"")
            {
                return null;
            }

            if (!Closes(lower[k]))
            {
                continue;
            }

            var stop = k + 1;
            while (stop < lower.Length && stop <= k + 8 && !Break(doc, stop - 1) && lower[stop] is not ("." or ";" or "!" or "?"))
            {
                stop++;
            }

            for (var r = k + 1; r < stop; r++)
            {
                if (lex.ReportingVerbs.ContainsKey(lower[r]))
                {
                    return FirstActor(doc, k + 1, r) ?? FirstActor(doc, r + 1, stop)
                        ?? (Enumerable.Range(k + 1, stop - k - 1).Any(j => lower[j] is "he" or "she") ? LastPerson(doc, open) : null);
                }
            }

            return null;
        }

        return null;
    }

    /// <summary>The actor (or state name) the first-person subject of the trigger stands for, or null.</summary>
    internal static (Actor? Actor, string Name)? Agent(ExtractionLexicon lex, TriggerSite s)
    {
        // "“We shot down most of them”": an interception belongs to the attack of the weapons' owner, not to the defender
        if (s.Pattern.Mode == "shoot-down")
        {
            return null;
        }

        var lower = s.Lower;
        var first = s.First;
        var singular = false;
        int subject;
        if (s.Pattern.Noun)
        {
            // "our counteroffensive": the possessive right before an event noun
            if (s.T0 - 1 < first || lower[s.T0 - 1] != "our")
            {
                return null;
            }

            subject = s.T0 - 1;
        }
        else
        {
            // the subject before the verb, past auxiliaries, negations and adverbs ("we have finally liberated")
            var upos = s.Doc.Tokens.Upos;
            var k = s.T0 - 1;
            while (k >= first && k >= s.T0 - 4 && upos.Count > k && upos[k] is "AUX" or "ADV" or "PART")
            {
                k--;
            }

            if (k < first)
            {
                return null;
            }

            if (lower[k] is "we" or "i")
            {
                singular = lower[k] == "i";
                subject = k;
            }
            else if (k - 1 >= first && lower[k - 1] == "our" && OwnSideNouns.Value.Contains(lower[k]))
            {
                subject = k - 1;
            }
            else
            {
                return null;
            }

            // the subject opens its clause: "“We …", "…, and we …", "said that we …"
            var before = subject - 1;
            if (before >= first && !(Words.IsPunct(lower[before]) || lower[before] is "and" or "but" or "that" or "so" or "now" or "today"))
            {
                return null;
            }
        }

        // a first person outside quotation marks is the report's author ("I asked him whether …")
        if (OpenQuote(s.Doc, lower, subject + 1) < 0)
        {
            return null;
        }

        var zones = ReportingFrame.SpeakerZones(lex, lower, s.T0, s.T1, first, s.End);
        if (zones.Any(z => subject >= z.First && subject < z.End))
        {
            return null; // "we" is in the reporting clause itself
        }

        var speaker = s.Mentions.FirstOrDefault(m => !m.Form.EndsWith("@loc", StringComparison.Ordinal) && ReportingFrame.InZones(zones, m))?.Actor
            ?? (zones.Any(z => Enumerable.Range(z.First, z.End - z.First).Any(k => lower[k] is "he" or "she")) ? LastPerson(s.Doc, s.First) : null)
            ?? QuoteSpeaker(lex, s.Doc, lower, s.T0, s.T1);
        if (speaker is null)
        {
            return null;
        }

        if (singular)
        {
            return speaker.Kind == ActorKind.Person ? (speaker, speaker.Name) : null;
        }

        // "we" of a state, an armed group, a state's official or body, a movement of no state
        return ReportingFrame.SideOf(lex, speaker, armedForceItself: true) is { } side ? (side == speaker.Name ? speaker : s.Doc.Actors.FirstOrDefault(a => a.Name == side), side) : null;
    }
}
