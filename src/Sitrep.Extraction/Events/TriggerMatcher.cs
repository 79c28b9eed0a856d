using Sitrep.Core;
using static Sitrep.Extraction.RoleCandidates;

namespace Sitrep.Extraction;

/// <summary>
/// Trigger matching: a pattern of data/extraction/event-triggers.tsv at a token (forms, gaps, an actor slot), the
/// lexical pre-check that tells the parser which sentences need a parse, and the word uses that are no narration
/// (a hyphenated compound, a participle inside a noun phrase).
/// </summary>
internal static class TriggerMatcher
{
    /// <summary>
    /// A cheap lexical pre-check: whether an event rule can fire in the sentence, i.e. a trigger pattern matches its
    /// words (an actor slot counts as matching, as the actors are not known yet). The event rules read the parse only
    /// around a matched trigger, so the parser needs only these sentences.
    /// </summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Document, string[]> SentenceLower = new();

    internal static bool MayFire(ExtractionLexicon lex, Document doc, SentenceRange sentence)
    {
        ArgumentNullException.ThrowIfNull(doc);
        var forms = doc.Tokens.Forms;
        var end = Math.Min(sentence.End, forms.Count);
        string[]? lower = null;
        for (var i = Math.Max(0, sentence.First); i < end; i++)
        {
            if (!lex.TriggersByFirst.TryGetValue(forms[i].ToLowerInvariant(), out var patterns))
            {
                continue;
            }

            if (lower is null)
            {
                // one array per document, filled sentence by sentence (a whole-document array per sentence was quadratic)
                lower = SentenceLower.GetValue(doc, d => new string[d.Tokens.Forms.Count]);
                if (lower.Length != forms.Count)
                {
                    SentenceLower.AddOrUpdate(doc, lower = new string[forms.Count]);
                }

                for (var k = sentence.First; k < end; k++)
                {
                    lower[k] = forms[k].ToLowerInvariant();
                }
            }

            foreach (var p in patterns)
            {
                if (TryPattern(p, lower, i, end, null, out _, out _))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Matches a pattern at token i; with no mentions (<paramref name="sm"/> null) an actor slot ends the match as a success.</summary>
    internal static bool TryPattern(TriggerPattern p, string[] lower, int i, int end, List<TokMention>? sm, out int matchEnd, out TokMention? slot)
    {
        slot = null;
        matchEnd = i;
        var k = i;
        for (var pi = 0; pi < p.Tokens.Count; pi++)
        {
            var pt = p.Tokens[pi];
            if (pt.Gap)
            {
                // try 0..4 skipped tokens before the next pattern token; a parenthesis in the gap is passed over whole
                // ("regained 300 square kilometres (115 square miles) of territory")
                var nextTok = p.Tokens[pi + 1];
                var found = false;
                for (int skip = 0, words = 0; words <= 4 && k + skip < end; skip++, words++)
                {
                    if (nextTok.Forms is not null && nextTok.Forms.Contains(lower[k + skip]))
                    {
                        k += skip;
                        found = true;
                        break;
                    }

                    if (lower[k + skip] == "(" && words > 0 && ClosingParenthesis(lower, k + skip, end) is var close and > 0)
                    {
                        skip = close - k;
                        words--;
                        continue;
                    }

                    // (a hyphen or a quotation mark, "shared “very good talks”", does not end the phrase)
                    if (Words.IsPunct(lower[k + skip]) && lower[k + skip] is not ("-" or "“" or "”" or "\""))
                    {
                        break;
                    }
                }

                if (!found)
                {
                    return false;
                }

                continue;
            }

            if (k >= end)
            {
                return false;
            }

            if (pt.AgentSlot)
            {
                if (sm is null)
                {
                    matchEnd = k;
                    return true;
                }

                var m = sm.FirstOrDefault(m => m.First == k);
                if (m is null)
                {
                    return false;
                }

                slot = m;
                k = m.End;
                continue;
            }

            if (!pt.Forms!.Contains(lower[k]))
            {
                return false;
            }

            k++;
        }

        matchEnd = k;
        return true;
    }

    /// <summary>The ")" that closes the "(" at token <paramref name="open"/> within eight tokens, with no sentence mark between, or -1.</summary>
    private static int ClosingParenthesis(string[] lower, int open, int end)
    {
        for (var k = open + 1; k < end && k <= open + 8; k++)
        {
            if (lower[k] == ")")
            {
                return k;
            }

            if (lower[k] is "(" or "." or ";" or "!" or "?")
            {
                return -1;
            }
        }

        return -1;
    }

    /// <summary>Whether the trigger word only modifies a noun here instead of narrating an act.</summary>
    internal static bool IsModifier(Document doc, TriggerPattern p, string[] lower, int t0, int t1, int first, int end)
    {
        var tokenForm = lower[t0];

        // a verb pattern on the head of a noun compound ("a police station", "the bus station")
        var upos = doc.Tokens.Upos;
        if (!p.Noun && p.Tokens.Count == 1 && upos.Count > t0 && upos[t0] == "NOUN" && t0 > first && upos[t0 - 1] is "NOUN"
            && !(t1 < end && upos.Count > t1 && upos[t1] is "PROPN" or "DET" or "PRON" or "NUM"))
        {
            return true;
        }
        // a verb pattern on a noun ("such attacks"): the generic contexts of attack nouns apply; an attack noun whose
        // predicate is negated ("such attacks had not happened here") tells no act
        // (a word in -s before an auxiliary is a plural noun, whatever the tagger read: "that attacks had intensified")
        var noun = p.Noun || upos.Count > t0 && upos[t0] == "NOUN"
            || t1 == t0 + 1 && t1 < end && lower[t0].EndsWith('s') && lower[t1] is "had" or "have" or "were" or "are";
        if (noun && (!p.Noun && EventLexicon.Default.IsGeneric(lower, t0, first) || EventLexicon.Default.IsNegatedAfter(lower, t1, end)
            // (an event noun after "no": "no active offensive actions were recorded", "no talks")
            || p.Noun && EventLexicon.Default.IsAbsent(lower, t0, first)))
        {
            return true;
        }

        // a plural attack noun whose predicate tells a trend ("attacks on convoys have increased since last year") counts
        // many acts, none of them told
        if (noun && lower[t1 - 1].EndsWith('s') && !(t0 > first && (lower[t0 - 1] is "the" or "these" or "those" or "both" || upos.Count > t0 - 1 && upos[t0 - 1] == "NUM"))
            && EventLexicon.Default.IsTrendAfter(lower, upos, t1, end))
        {
            return true;
        }

        // "Russia's intensifying strikes on civilians", "growing attacks on convoys": a trend word before a plural attack noun
        // counts many acts, none of them told
        if (noun && lower[t1 - 1].EndsWith('s') && EventLexicon.Default.IsTrendBefore(lower, t0, first))
        {
            return true;
        }

        // "another UN-brokered local truce", "Qatar-led peace talks": the name in the compound is the broker, no party to
        // the truce or talks, and the noun has no agent of its own (the mediation, when told, is its own event)
        if (p.Noun && p.Type is "AGREE" or "CONSULT")
        {
            var b = t0 - 1;
            while (b > first && b >= t0 - 2 && upos.Count > b && upos[b] is "ADJ" or "NOUN")
            {
                b--;
            }

            if (b > first && lower[b] is "brokered" or "mediated" or "sponsored" or "led" or "backed" or "hosted" && lower[b - 1] == "-")
            {
                return true;
            }
        }

        // "a Minsk-style ceasefire may be the best outcome": an act whose noun is the subject of a modal "be" is a
        // possibility, not an act told
        if (noun && t1 + 1 < end && lower[t1] is "may" or "might" or "could" or "would" && lower[t1 + 1] == "be")
        {
            return true;
        }

        // "a Humvee captured from the army": a participle after a noun describes the thing, it narrates no attack (after
        // an actor, "Ukrainian forces captured from …", it does)
        if (!p.Noun && p.Type == "ASSAULT" && t1 == t0 + 1 && lower[t0].EndsWith("ed", StringComparison.Ordinal) && t1 < end && lower[t1] == "from" && t0 > first
            && upos.Count > t0 && upos[t0 - 1] is "NOUN" or "PROPN" && !(t0 - 2 >= first && Words.BeForms.Contains(lower[t0 - 2]))
            && !doc.ActorMentions.Any(m => m.Span.Start <= doc.Tokens.Starts[t0 - 1] && doc.Tokens.Ends[t0 - 1] <= m.Span.End))
        {
            return true;
        }

        // "a general strike", "in advance of", "a trade war": the word names no act of its type here
        if (NotTriggers.Holds(lower, t0, first, end))
        {
            return true;
        }

        // "called the explosion a terrorist attack": a naming verb, no phone call
        if (AttackRoles.IsNaming(lower, t0, t1, end))
        {
            return true;
        }

        // "Russian-occupied Ukraine": a hyphenated compound modifies a noun
        if (t0 > first && lower[t0 - 1] == "-")
        {
            return true;
        }

        // "the army's newly reinforced units": a participle inside a noun phrase modifies, it does not narrate
        if (!p.Noun && tokenForm.EndsWith("ed", StringComparison.Ordinal))
        {
            var b = t0 - 1;
            while (b >= first && lower[b].EndsWith("ly", StringComparison.Ordinal))
            {
                b--;
            }

            if (b >= first && (lower[b] is "'s" or "the" or "a" or "an" or "its" or "their" or "his" or "her" or "every" or "each" or "many" or "several" or "some") && t1 < end && char.IsLetter(lower[t1][0]) && !Words.Determiners.Contains(lower[t1]))
            {
                return true;
            }

            // "a 29-year-old wounded veteran": a participle between an adjective and its noun modifies it
            if (b >= first && b == t0 - 1 && upos.Count > t1 && t1 < end && upos[b] == "ADJ" && upos[t1] == "NOUN" && !Words.BeForms.Contains(lower[b]))
            {
                return true;
            }
        }

        return false;
    }
}
