using Sitrep.Core;
using static Sitrep.Extraction.EventWords;

namespace Sitrep.Extraction;

/// <summary>
/// Candidate collection for the roles of an event: actor mentions and noun phrases around a trigger (the subject to
/// its left, an object or prepositional phrase to its right, a pronoun's antecedent, the light verb's subject, the
/// actor inside a parsed phrase).
/// </summary>
internal static class RoleCandidates
{
    internal sealed record TokMention(int First, int End, Actor Actor, string Form);

    /// <summary>A capitalised noun phrase starting at <paramref name="k"/> (after determiners): a target that is no known actor.</summary>
    internal static string? ObjectPhrase(Document doc, string[] lower, List<string> forms, int k, int end)
    {
        while (k < end && Words.Determiners.Contains(lower[k]))
        {
            k++;
        }

        var s = k;
        while (k < end && k - s < 5 && (Words.IsCapitalised(forms[k]) && char.IsLetter(forms[k][0]) || k > s && lower[k] is "'s" or "-" or "of" && k + 1 < end && Words.IsCapitalised(forms[k + 1])))
        {
            k++;
        }

        return k > s && !TimeWords.Contains(lower[s]) ? doc.Text[doc.Tokens.Starts[s]..doc.Tokens.Ends[k - 1]] : null;
    }

    /// <summary>
    /// The subject noun phrase before a verb when no known actor is named: "Ivory Coast rebels", "the Palestinians"; for an
    /// attack (<paramref name="attack"/>) also one person named by a common noun ("a soldier", "a police officer"), who is
    /// the one acting whatever the noun.
    /// </summary>
    internal static string? SubjectPhrase(Document doc, string[] lower, List<string> forms, int t0, int first, bool attack = false)
    {
        var j = t0 - 1;
        while (j >= first && (Words.Auxiliaries.Contains(lower[j]) || lower[j].EndsWith("ly", StringComparison.Ordinal) && lower[j].Length > 4 || lower[j] is "will" or "would" or "has" or "have" or "had" or "again" or "to" or "today" or "yesterday" or "tonight"
            || TimeWords.Contains(lower[j]) || lower[j] == "on" && j + 1 < t0 && TimeWords.Contains(lower[j + 1])))
        {
            j--;
        }

        if (j < first)
        {
            return null;
        }

        var head = j;
        var capitalisedFunctionWords = 0;
        for (var c = first + 1; c < Math.Min(first + 40, forms.Count) && c < doc.Sentence(doc.SentenceIndexAt(doc.Tokens.Starts[first])).EndToken; c++)
        {
            capitalisedFunctionWords += forms[c] is "The" or "Of" or "And" or "In" or "On" or "For" or "To" or "With" or "Is" or "Are" or "After" or "As" ? 1 : 0;
        }

        if (capitalisedFunctionWords > 0 || Words.IsCapitalised(forms[t0]))
        {
            return null; // a title-case headline: capitalisation says nothing about names
        }

        // "a man armed with a knife attacked …", "a gunman wielding a rifle opened fire": the noun before a participle
        // phrase that ends right before the verb (up to six words, no clause boundary) is the subject
        if (attack && AttackRoles.KindOf(lower[head]) is not ("perpetrator" or "person"))
        {
            for (var pp = head - 1; pp > first && head - pp <= 6 && !Words.ClauseBoundaries.Contains(lower[pp]) && !Words.IsPunct(lower[pp]); pp--)
            {
                // ("armed with", "dressed in", "wielding": not the verb of the clause, "militants detonated twenty bombs")
                if ((lower[pp].EndsWith("ed", StringComparison.Ordinal) && lower[pp + 1] is "with" or "in" || lower[pp].EndsWith("ing", StringComparison.Ordinal))
                    && doc.Tokens.Upos.Count > t0 && doc.Tokens.Upos[pp] is "VERB" or "ADJ" && doc.Tokens.Upos[t0] == "VERB"
                    && AttackRoles.KindOf(lower[pp - 1]) is "perpetrator" or "person")
                {
                    head = pp - 1;
                    break;
                }
            }
        }

        var plural = lower[head].Length > 4 && lower[head].EndsWith('s') && !lower[head].EndsWith("ss", StringComparison.Ordinal) && char.IsLetter(lower[head][0]) && !(lower[head] is "this" or "its" or "was" or "has" or "is" or "us" or "days" or "weeks" or "months" or "years");
        // (a perpetrator's noun, "a gunman", "an attacker", names the one acting even when no actor is made of it)
        if (!(Words.IsCapitalised(forms[head]) && char.IsLetter(forms[head][0]) && head > first || GroupHeads.Contains(lower[head]) || plural && head > first
            || AttackRoles.KindOf(lower[head]) is "perpetrator" || attack && AttackRoles.KindOf(lower[head]) is "person"))
        {
            return null;
        }

        var k = head;
        while (k - 1 >= first && head - k < 5 && (char.IsLetter(lower[k - 1][0]) || lower[k - 1] is "'s" or "-") && !Words.ClauseBoundaries.Contains(lower[k - 1])
            && !(lower[k - 1] is "on" or "in" or "at" or "of" or "and" or "for" or "by" or "with" or "to" or "from"))
        {
            k--;
            // (an article opens the phrase: "police said a gunman" is "gunman")
            if (lower[k] is "a" or "an" or "the")
            {
                break;
            }
        }

        while (k <= head && Words.Determiners.Contains(lower[k]))
        {
            k++;
        }

        for (var c = k; c <= head; c++)
        {
            if (lower[c] is "your" or "my" or "our" or "including" or "i" or "you" or "we" || c == k && !Words.IsCapitalised(forms[c]) && lower[c].EndsWith("ing", StringComparison.Ordinal))
            {
                return null;
            }
        }

        return k <= head ? doc.Text[doc.Tokens.Starts[k]..doc.Tokens.Ends[head]] : null;
    }

    internal static int ClauseStart(string[] lower, int t0, int first)
    {
        var k = t0 - 1;
        while (k >= first && !(lower[k] is "that" or ";" or "while" or "whereas" or "—" or "–" or "but"))
        {
            k--;
        }

        return k + 1;
    }

    internal static TokMention? LeftAgent(string[] lower, List<TokMention> sm, int t0, int first, bool allowComma)
    {
        var commas = 0;
        var k = t0 - 1;
        var mIdx = sm.Count - 1;
        while (mIdx >= 0 && sm[mIdx].End > t0)
        {
            mIdx--;
        }

        while (k >= first)
        {
            if (mIdx >= 0 && sm[mIdx].End == k + 1)
            {
                var m = sm[mIdx];
                // an object of a preposition ("an assault on Ukraine") is not the subject
                var governed = m.End != t0 && m.First > first && lower[m.First - 1] is "on" or "against" or "at" or "to" or "with" or "into" or "in" or "from" or "for" or "of" or "by" or "over";
                if (!governed && !m.Form.EndsWith("@loc", StringComparison.Ordinal) && !(m.End < t0 && lower[m.End] is "'s" or "’s" && m.Form != "forces"))
                {
                    return m;
                }

                k = m.First - 1;
                mIdx--;
                continue;
            }

            var w = lower[k];
            if (w == ",")
            {
                commas++;
                if (!allowComma || commas > 1)
                {
                    return null;
                }
            }
            else if (Words.ClauseBoundaries.Contains(w) || w is "and" && !allowComma)
            {
                return null;
            }

            k--;
        }

        return null;
    }

    /// <summary>
    /// "X announced that it will withdraw …": a pronoun subject just before the trigger stands for the first actor named
    /// earlier in the sentence.
    /// </summary>
    internal static TokMention? PronounAntecedent(string[] lower, List<TokMention> sm, int t0, int first)
    {
        for (var k = t0 - 1; k >= Math.Max(first, t0 - 6); k--)
        {
            if (Words.IsPunct(lower[k]))
            {
                return null;
            }

            if (lower[k] is "it" or "they" or "he" or "she")
            {
                return k > first && (lower[k - 1] == "that" || Words.IsPunct(lower[k - 1]) || lower[k - 1].EndsWith("ed", StringComparison.Ordinal) || lower[k - 1].EndsWith('s'))
                    ? sm.FirstOrDefault(m => m.End <= k && !m.Form.EndsWith("@loc", StringComparison.Ordinal))
                    : null;
            }
        }

        return null;
    }

    /// <summary>
    /// "an attack on his life", "an attempt on the life of the governor": the one whose life it is, named by the "of"
    /// phrase after the noun or, for a possessive, the first person or body named earlier in the sentence.
    /// </summary>
    internal static TokMention? LifeOwner(string[] lower, List<TokMention> sm, int t0, int t1, int first, int end)
    {
        static bool Agentive(TokMention m) => !m.Form.EndsWith("@loc", StringComparison.Ordinal);
        for (var k = t1; k < Math.Min(end, t1 + 4); k++)
        {
            if (lower[k] is not ("life" or "lives"))
            {
                continue;
            }

            if (k + 1 < end && lower[k + 1] == "of")
            {
                return sm.FirstOrDefault(m => m.First >= k + 2 && m.First <= k + 3 && Agentive(m));
            }

            return k > first && lower[k - 1] is "his" or "her" or "their" ? sm.FirstOrDefault(m => m.End <= t0 && m.First >= first && Agentive(m)) : null;
        }

        return null;
    }

    /// <summary>The first actor mention (not the agent, not a place) anywhere under <paramref name="h"/>.</summary>
    internal static TokMention? MentionInSubtree(DependencyRoles dep, List<TokMention> sm, int h, Actor? agent)
    {
        var (f, l) = dep.Subtree(h);
        return sm.FirstOrDefault(m => m.First >= f && m.End <= l + 1 && m.Actor != agent && !m.Form.EndsWith("@loc", StringComparison.Ordinal));
    }

    /// <summary>The actor mention of the phrase headed by <paramref name="h"/>: the one holding the head, else a modifier before it, else an "of" phrase after it.</summary>
    internal static TokMention? MentionInPhrase(DependencyRoles dep, List<TokMention> sm, int h)
    {
        var (f, l) = dep.Phrase(h);
        static bool Agentive(TokMention m) => !m.Form.EndsWith("@loc", StringComparison.Ordinal);
        return sm.FirstOrDefault(m => m.First <= h && h < m.End && Agentive(m))
            ?? sm.LastOrDefault(m => m.First >= f && m.End <= h && Agentive(m))
            ?? sm.FirstOrDefault(m => m.First > h && m.End <= l + 1 && Agentive(m));
    }

    /// <summary>
    /// The agent of a nominal trigger without a possessor or demonym: from the parse (a possessive, adjectival or "by"
    /// modifier), else the subject of the light verb that governs the noun ("launched an investigation", "staged a
    /// hunger strike").
    /// </summary>
    internal static (Actor? Agent, string? Text) NounAgent(ExtractionLexicon lex, Document doc, string[] lower, List<string> forms, int t0, int first, List<TokMention> sm, DependencyRoles? dep)
    {
        if (dep is not null)
        {
            var poss = dep.Child(t0, "nmod:poss");
            if (poss >= 0 && MentionInPhrase(dep, sm, poss) is { } pm)
            {
                return (pm.Actor, null);
            }

            var h = dep.Head(t0);
            if (h >= 0 && dep.Label(t0) is "obj" or "obl" && lex.SupportVerbs.Contains(lower[h]))
            {
                var subj = dep.Subject(h, out var pass);
                if (subj >= 0 && !pass)
                {
                    // (a pronoun subject is read through the noun's own possessive below: "as it continues its war")
                    var m = MentionInPhrase(dep, sm, subj);
                    if (m is not null || lower[subj] is not ("it" or "they" or "he" or "she"))
                    {
                        return m is not null ? (m.Actor, null) : (null, dep.PhraseText(subj));
                    }
                }
            }
        }

        // "Macron said his talks with Scholz were useful": "his" or "her" before the noun stands for the last person the
        // sentence named before it, "its" for the one state it named
        for (var k = t0 - 1; k >= Math.Max(first, t0 - 3); k--)
        {
            if (lower[k] is "his" or "her")
            {
                if (sm.LastOrDefault(m => m.End <= k && m.Actor.Kind == ActorKind.Person) is { } person)
                {
                    return (person.Actor, null);
                }

                break;
            }

            // ("Russia bears responsibility, as it continues its war": "its" is the one state the sentence named before it;
            // with two named, "its" may be either: "Moscow hoped to take Kyiv when it launched its invasion")
            if (lower[k] == "its")
            {
                var states = sm.Where(m => m.End <= k && !m.Form.EndsWith("@loc", StringComparison.Ordinal) && m.Actor.Kind == ActorKind.State).Select(m => m.Actor).Distinct().ToList();
                if (states.Count == 1 && sm.LastOrDefault(m => m.End <= k && !m.Form.EndsWith("@loc", StringComparison.Ordinal))?.Actor == states[0])
                {
                    return (states[0], null);
                }

                break;
            }

            if (!char.IsLetter(lower[k][0]) || doc.Tokens.Upos.Count > k && doc.Tokens.Upos[k] is not ("ADJ" or "NOUN"))
            {
                break;
            }
        }

        // a light verb just before the noun (determiners, adjectives, numbers between)
        var v = t0 - 1;
        while (v >= first && t0 - v <= 5 && !lex.SupportVerbs.Contains(lower[v]) && (char.IsLetterOrDigit(lower[v][0]) || lower[v] == "-") && !Words.ClauseBoundaries.Contains(lower[v]) && !lex.TriggersByFirst.ContainsKey(lower[v]))
        {
            v--;
        }

        if (v < first || t0 - v > 5 || !lex.SupportVerbs.Contains(lower[v]) || v + 1 < t0 && lower[v + 1] is "by" or "to")
        {
            return (null, null);
        }

        var left = LeftAgent(lower, sm, v, first, allowComma: lower[v].EndsWith("ing", StringComparison.Ordinal));
        if (left is not null)
        {
            return (left.Actor, null);
        }

        return (null, SubjectPhrase(doc, lower, forms, v, first));
    }

    /// <summary>
    /// "X said Y must …": the target is the subject of the clause with "must", the agent the source that states it (an
    /// actor before it, one after a comma, or with the parse the subject of the governing reporting verb).
    /// </summary>
    /// <summary>Nouns of a statement whose content clause follows (data/extraction/speech-nouns.txt).</summary>
    private static readonly Lazy<HashSet<string>> SpeechNouns = new(() => new HashSet<string>(Lexicon.Lines(typeof(RoleCandidates).Assembly, "speech-nouns.txt"), StringComparer.Ordinal));

    internal static bool MustRoles(Document doc, string[] lower, List<string> forms, int t0, int t1, int first, List<TokMention> sm, DependencyRoles? dep, out Actor? agent, out Actor? target, out string? agentText, out string? targetText)
    {
        agent = null;
        agentText = null;
        targetText = null;
        var tm = LeftAgent(lower, sm, t0, first, allowComma: false);
        // the clause's verb: the head of an auxiliary or copula ("must", "should", "is a …"), the trigger itself when it is
        // the verb ("needs more", "going to have to")
        var verb = dep is null ? -1 : doc.Tokens.Upos.Count > t0 && doc.Tokens.Upos[t0] == "VERB" && !dep.Label(t0).StartsWith("aux", StringComparison.Ordinal) ? t0 : dep.Head(t0);
        if (dep is not null && verb >= 0)
        {
            var subj = dep.Child(verb, "nsubj");
            if (subj >= 0 && subj < t0)
            {
                var m = MentionInPhrase(dep, sm, subj);
                if (m is not null)
                {
                    tm = m;
                }
                else if (tm is null)
                {
                    // ("we need more …": the speaker's own side, which the caller sets aside)
                    targetText = dep.PhraseText(subj) ?? (lower[subj] is "we" or "i" ? forms[subj] : null);
                }
            }
        }

        if (tm is null && targetText is null)
        {
            // "“You must …": the one addressed, resolved by the caller from the quotation's frame
            targetText = t0 > first && lower[t0 - 1] == "you" ? forms[t0 - 1] : SubjectPhrase(doc, lower, forms, t0, first);
        }

        var targetActor = tm?.Actor;
        target = targetActor;
        if (tm is null && targetText is null)
        {
            return false;
        }

        var targetFirst = tm?.First ?? t0;
        // the source states it with a reporting verb: "X said Y must …", "Y must …, X said" (an actor inside the subject,
        // "the general's army should withdraw", is no source)
        // (or with a statement noun before the clause, "an appeal that Y must …", "X's claim that Y must …"; or after a
        // quotation and a dash, "“Y must …”, - X …")
        var verbs = ExtractionLexicon.Default.ReportingVerbs;
        bool Reports(int from, int to) => Enumerable.Range(Math.Max(0, from), Math.Max(0, Math.Min(lower.Length, to) - Math.Max(0, from)))
            .Any(k => verbs.ContainsKey(lower[k]) || SpeechNouns.Value.Contains(lower[k]) && k + 1 < lower.Length && lower[k + 1] == "that");
        bool DashAfterQuote(int at) => Enumerable.Range(Math.Max(t1, at - 6), Math.Max(0, at - Math.Max(t1, at - 6)))
            .Any(k => lower[k] is "-" or "—" or "–" && k - 1 >= t1 && lower[k - 1] is "”" or "\"" or "," && Enumerable.Range(k + 1, at - k - 1).All(j => !Words.IsPunct(lower[j])));
        var reporter = sm.FirstOrDefault(m => m.End <= targetFirst && m.Actor != targetActor && !m.Form.EndsWith("@loc", StringComparison.Ordinal) && Reports(m.End, targetFirst))
            ?? sm.FirstOrDefault(m => m.First >= t1 && m.Actor != targetActor && !m.Form.EndsWith("@loc", StringComparison.Ordinal) && Enumerable.Range(t1, m.First - t1).Any(k => lower[k] == ",")
                && (Reports(m.First - 2, m.End + 3) || DashAfterQuote(m.First)));
        agent = reporter?.Actor;
        if (agent is null && dep is not null && verb >= 0)
        {
            // up through the complement clause to the reporting verb and its subject
            var up = verb;
            for (var depth = 0; depth < 4 && up >= 0 && agent is null && agentText is null; depth++)
            {
                var label = dep.Label(up);
                up = dep.Head(up);
                if (up < 0 || !(label.StartsWith("ccomp", StringComparison.Ordinal) || label.StartsWith("parataxis", StringComparison.Ordinal) || label.StartsWith("acl", StringComparison.Ordinal)))
                {
                    break;
                }

                var s = dep.Child(up, "nsubj");
                if (s >= 0)
                {
                    var m = MentionInPhrase(dep, sm, s);
                    agent = m?.Actor;
                    agentText = m is null ? dep.PhraseText(s) : null;
                }
            }
        }

        return agent is not null || agentText is not null;
    }
}
