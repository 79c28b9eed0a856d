using Sitrep.Core;

namespace Sitrep.Extraction;

/// <summary>
/// What an attack's actor and target can be (data/extraction/attack-roles.tsv): a victim, a weapon, a stretch of time or
/// a place ("the Cavehill Road bomb", "the Rolando cafe bombing") is never the attacker; a weapon or a time is no target;
/// a perpetrator noun ("the bomber", "the gunman") is the person the text names in apposition with it ("the bomber,
/// Ahmed X,", "X, the gunman", "the suspect was identified as X") when it names one.
/// </summary>
internal static class AttackRoles
{
    private static readonly List<string[]> ByPhrases = [];

    private static readonly List<string[]> DoesPhrases = [];

    private static readonly List<string[]> BehindPhrases = [];

    private static readonly List<string[]> ClaimsPhrases = [];

    private static readonly Lazy<Dictionary<string, string>> Kinds = new(() =>
    {
        var kinds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var l in Lexicon.Lines(typeof(AttackRoles).Assembly, "attack-roles.tsv"))
        {
            var c = l.Split('\t');
            if (c.Length != 2 || c[1] is not ("victim" or "means" or "time" or "place" or "perpetrator" or "person" or "speaks" or "by" or "does" or "backer" or "behind" or "claims"))
            {
                throw new InvalidDataException($"attack-roles.tsv: line '{l}' is not phrase<TAB>victim|means|time|place|perpetrator|person|speaks|by|does|backer|behind|claims");
            }

            if (c[1] == "by")
            {
                ByPhrases.Add(c[0].Split(' '));
            }
            else if (c[1] == "does")
            {
                DoesPhrases.Add(c[0].Split(' '));
            }
            else if (c[1] == "behind")
            {
                BehindPhrases.Add(c[0].Split(' '));
            }
            else if (c[1] == "claims")
            {
                ClaimsPhrases.Add(c[0].Split(' '));
            }
            else
            {
                kinds[c[0]] = c[1];
            }
        }

        return kinds;
    });

    private static readonly HashSet<string> HeadStops = new(StringComparer.Ordinal) { "of", "in", "at", "on", "from", "near", "who", "which", "that", "with", "for", ",", "(" };

    /// <summary>Words allowed between a perpetrator noun and the name it is in apposition with.</summary>
    private static readonly HashSet<string> AppositionGlue = new(StringComparer.Ordinal) { ",", "identified", "named", "as", "was", "is", "has", "been", "later", "since", "(", "a", "the", "alleged", "suspected", "-" };

    /// <summary>The kind of a phrase's head word (victim, means, time, place, perpetrator), or null.</summary>
    internal static string? KindOf(string? phrase)
    {
        if (phrase is null)
        {
            return null;
        }

        string? head = null;
        foreach (var w in PhraseIndex<int>.Split(phrase))
        {
            if (HeadStops.Contains(w.ToLowerInvariant()) && head is not null)
            {
                break;
            }

            if (w.Length > 0 && char.IsLetterOrDigit(w[0]))
            {
                head = w;
            }
        }

        return head is not null && Kinds.Value.TryGetValue(head.ToLowerInvariant(), out var kind) ? kind : null;
    }

    /// <summary>
    /// "A car bomb killed nine people at a market. … The group later claimed responsibility.": a named group that claims
    /// an act without naming it (a phrase of the claims kind with no "for" after it, the group its subject, not negated)
    /// is the attacker of the last attack told before its sentence, when that attack has no attacker or only a
    /// perpetrator's noun ("a suicide bomber", kept among its participants).
    /// </summary>
    internal static void ClaimedWithoutObject(Document doc, string[] lower, List<RoleCandidates.TokMention> mentions)
    {
        _ = Kinds.Value;
        if (ClaimsPhrases.Count == 0 || doc.Events.Count == 0)
        {
            return;
        }

        for (var i = 1; i < lower.Length; i++)
        {
            string[]? words = null;
            foreach (var w in ClaimsPhrases)
            {
                if (w[0] == lower[i] && i + w.Length <= lower.Length && lower.AsSpan(i, w.Length).SequenceEqual(w))
                {
                    words = w;
                    break;
                }
            }

            if (words is null || i + words.Length < lower.Length && lower[i + words.Length] is "for" or "of")
            {
                continue;
            }

            // the subject: a named group right before the verb, over its noun and adverbs ("The al-Shabaab militant group
            // later claimed …"), in a clause with no negation ("no group has claimed", "has not claimed")
            var sentenceStart = doc.Sentence(doc.SentenceIndexAt(doc.Tokens.Starts[i])).FirstToken;
            var b = i - 1;
            while (b >= sentenceStart && i - b <= 6 && char.IsLetter(lower[b][0]) && mentions.All(m => m.End != b + 1))
            {
                b--;
            }

            var subject = mentions.FirstOrDefault(m => m.End == b + 1 && m.First >= sentenceStart && !m.Form.EndsWith("@loc", StringComparison.Ordinal)
                && m.Actor.Kind is ActorKind.Organisation or ActorKind.ArmedForce);
            if (subject is null || Enumerable.Range(sentenceStart, i - sentenceStart).Any(k => lower[k] is "no" or "not" or "n't" or "never" or "denied" or "denies"))
            {
                continue;
            }

            var act = doc.Events.LastOrDefault(e => e.Type == "ASSAULT" && e.Evidence.End <= doc.Tokens.Starts[sentenceStart]);
            if (act is null || act.Actor is not null && KindOf(act.Actor) is not ("perpetrator" or "person") || act.Actor == subject.Actor.Name)
            {
                continue;
            }

            if (act.Actor is not null && !act.Participants.Contains(act.Actor))
            {
                act.Participants.Add(act.Actor);
            }

            act.Actor = subject.Actor.Name;
        }
    }

    /// <summary>The attack's roles once checked: a phrase that cannot act is dropped (a victim becomes the target).</summary>
    internal static (Actor? Agent, string? AgentName, string? TargetName) Check(ExtractionLexicon lex, TriggerSite s, Actor? agent, string? agentName, string? targetName)
    {
        var doc = s.Doc;
        var named = agent is { Kind: ActorKind.State or ActorKind.ArmedForce or ActorKind.Organisation or ActorKind.Group };

        // "they detonated", "he blew himself up": the perpetrators named last before
        var pronoun = agent is null ? agentName ?? SubjectPronoun(s) : null;
        if (pronoun is "they" or "They" or "he" or "He" && Antecedent(s, pronoun.Length == 2) is { } antecedent)
        {
            (agent, agentName) = (antecedent.Actor, antecedent.Actor?.Name ?? antecedent.Phrase);
            named = agent is { Kind: ActorKind.State or ActorKind.ArmedForce or ActorKind.Organisation or ActorKind.Group };
        }

        // "X, 28, was arrested on Monday. He opened fire …": with no perpetrator's noun before it, "he" or "she" is the
        // person named last before it, in its sentence or the one before in its paragraph (not of a death: "she died" is
        // the victim's)
        else if (pronoun is "he" or "He" or "she" or "She" && !s.Pattern.Has("casualty") && LastPersonBefore(s) is { } person)
        {
            (agent, agentName) = (person, person.Name);
        }

        // "Russian-backed separatists shelled …", "Washington-backed rebels were massacring …": the backer named in the
        // subject does not carry out the attack; the backed group does (an actor the phrase names, else its words)
        if (agent is not null && Backed(s, agent) is { } backed)
        {
            (agent, agentName) = (backed.Actor, backed.Actor?.Name ?? backed.Phrase);
            named = agent is { Kind: ActorKind.State or ActorKind.ArmedForce or ActorKind.Organisation or ActorKind.Group };
        }

        // "the deadliest assault by a lone gunman left 14 dead": an attack noun as the subject is the act, its "by" phrase
        // the attacker
        if (agent is null && agentName is not null && !s.Pattern.Noun && PhraseIndex<int>.Split(agentName) is [.., var last]
            && (EventWords.AttackNouns.Contains(last.ToLowerInvariant()) || EventWords.WeaponHeads.Contains(last.ToLowerInvariant())))
        {
            var subjectBy = SubjectNounBy(s);
            (agent, agentName) = (subjectBy?.Actor, subjectBy?.Actor?.Name ?? subjectBy?.Phrase);
        }

        // "It was a suicide bomber who detonated …": the predicate noun of a cleft is the attacker, without "it was a"
        if (agent is null && agentName is not null && agentName.Split(' ') is var cleft && Array.FindLastIndex(cleft, w => Words.BeForms.Contains(w.ToLowerInvariant())) is var be0 and >= 0
            && be0 + 1 < cleft.Length)
        {
            var from = be0 + 1;
            while (from < cleft.Length - 1 && Words.Determiners.Contains(cleft[from].ToLowerInvariant()))
            {
                from++;
            }

            agentName = string.Join(' ', cleft[from..]);
        }

        // "X died", "X was wounded": the subject of a death or an injury is its victim, not the attacker
        // ("X shot dead outside Y": "dead" right after the verb with no object after it is the state the subject was left in)
        var leftDead = s.T1 - s.T0 == 2 && s.Lower[s.T1 - 1] == "dead" && (s.T1 >= s.End || Words.IsPunct(s.Lower[s.T1]) && s.Lower[s.T1] is not "'s"
            || s.Lower[s.T1] is "in" or "at" or "on" or "near" or "outside" or "inside" or "by" or "after" or "during" or "while" or "when" or "as" or "and" or "overnight" or "yesterday" or "today"
            || s.Doc.Tokens.Upos.Count > s.T1 && s.Doc.Tokens.Upos[s.T1] == "ADP");
        // (a perpetrator's noun in the "by" phrase after the verb, "shot dead by unknown gunmen", is the attacker)
        if (agentName is not null && s.Pattern.Has("casualty") && (s.Passive || leftDead || s.Lower[s.T0] is "died" or "dies" or "die" or "dead")
            && (agent is null || s.Mentions.Any(m => m.Actor == agent && m.End <= s.T0))
            && !(agent is null && KindOf(agentName) == "perpetrator" && PerpetratorAfterBy(s, agentName)))
        {
            targetName ??= agentName;
            (agent, agentName) = (null, null);
        }

        // a phrase of more than five words is a clause the parse read as a subject ("They detonated their explosives as guards")
        if (agent is null && agentName is not null && agentName.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length > 5)
        {
            agentName = null;
        }

        if (agentName is not null && !named)
        {
            switch (KindOf(agentName))
            {
                case "victim":
                    targetName ??= agentName;
                    (agent, agentName) = (null, null);
                    break;
                case "means" or "time" or "place":
                    (agent, agentName) = (null, null);
                    break;
                case "perpetrator" or "person" when agent is null && (Apposed(doc, s.Lower, s.T0, s.End, agentName) ?? Identified(s)) is { } person:
                    (agent, agentName) = (person, person.Name);
                    break;
                case "perpetrator" when agent is null:
                    // "Two gunmen", "three suicide bombers": the perpetrators without their count
                    var words = agentName.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    var k = 0;
                    while (k < words.Length - 1 && (char.IsDigit(words[k][0]) || lex.NumberWords.ContainsKey(words[k].ToLowerInvariant())))
                    {
                        k++;
                    }

                    agentName = string.Join(' ', words[k..]);
                    break;
            }

            // a town's or a site's name is where the attack happened, not who carried it out (a state's name may stand
            // for its government)
            // (a word that names perpetrators, "Gunmen" after a dateline, is no town whatever the recogniser made of it)
            if (agentName is not null && !doc.Actors.Any(a => a.Name == agentName) && KindOf(agentName) != "perpetrator"
                && doc.Places.Any(p => p.Precision is not (PlacePrecision.Country or PlacePrecision.Region) && (p.Name == agentName || p.Mentions.Any(m => doc.TextOf(m) == agentName))))
            {
                (agent, agentName) = (null, null);
            }

            // "the Rolando cafe bombing": a person's name before an attack noun names the attack after a place or a victim
            if (agent is { Kind: ActorKind.Person } && s.Pattern.Noun && s.Mentions.Any(m => m.Actor == agent && m.End == s.T0))
            {
                (agent, agentName) = (null, null);
            }
        }

        // "airstrikes on villages", "attacks against convoys": what an attack noun is on or against is its target
        if (agent is null && agentName is not null && s.Pattern.Noun && s.T1 + 1 < s.End && s.Lower[s.T1] is "on" or "against")
        {
            var k = s.T1 + 1;
            while (k < s.End - 1 && Words.Determiners.Contains(s.Lower[k]))
            {
                k++;
            }

            if (agentName.StartsWith(s.Doc.Tokens.Forms[k], StringComparison.OrdinalIgnoreCase))
            {
                targetName ??= agentName;
                agentName = null;
            }
        }

        // "X called the explosion a terrorist attack", "X condemned the bombing": X speaks of the attack
        // (an attacker the noun's own "by" phrase names stays: "X condemned the shelling of Y by Z")
        if (agentName is not null && s.Pattern.Noun && SpokenOf(s.Lower, s.T0, s.First) is var v and >= 0
            && (agent is null || !s.Mentions.Any(m => m.Actor == agent && m.First > v && m.First < s.T1))
            && !(NounBy(s) is { } by0 && (agent is not null && by0.Actor == agent || agent is null && by0.Phrase == agentName)))
        {
            (agent, agentName) = (null, null);
        }

        // "officials blamed the bombing on X": X is the attacker the speakers name, not the attack's target
        // (after the noun's place and time: "blamed Sunday's bombing in X on Y")
        if (s.Pattern.Noun && SpokenOf(s.Lower, s.T0, s.First) is var blame and >= 0 && s.Lower[blame].StartsWith("blam", StringComparison.Ordinal)
            && Enumerable.Range(s.T1, Math.Max(0, Math.Min(s.End, s.T1 + 8) - s.T1)).TakeWhile(k => !Words.IsPunct(s.Lower[k]) || s.Lower[k] is "-" or "'s" or "’s").FirstOrDefault(k => s.Lower[k] == "on", -1) is var on and >= 0
            && s.Mentions.FirstOrDefault(m => m.First > on && m.First <= on + 2 && !m.Form.EndsWith("@loc", StringComparison.Ordinal)) is { } blamed)
        {
            (agent, agentName) = (blamed.Actor, blamed.Actor.Name);
            if (targetName == agentName)
            {
                targetName = null;
            }
        }

        // "the X bombing was an attack on …": the subject of a copula whose predicate is the attack noun is the act itself
        // (not "the second explosion was a bomber who detonated …", whose relative clause has the bomber as subject)
        if (agentName is not null && Copula(s.Lower, s.T0, s.First) is var be and >= 0 && !Enumerable.Range(be, s.T0 - be).Any(k => s.Lower[k] is "who" or "which" or "that")
            && (agent is null || !s.Mentions.Any(m => m.Actor == agent && m.First > be && m.First < s.T1)))
        {
            (agent, agentName) = (null, null);
        }

        // "… in Madrid, Spain, which killed 13 people": a place before a relative pronoun is where the act was, not its actor
        if (agent is not null && s.T0 - 1 > s.First && s.Lower[s.T0 - 1] is "which" or "that"
            && s.Mentions.Any(m => m.Actor == agent && (m.End == s.T0 - 1 || m.End == s.T0 - 2 && s.Lower[s.T0 - 2] == ",") && s.PlaceAt is { } at && at.ContainsKey(m.First)))
        {
            (agent, agentName) = (null, null);
        }

        // "the attack is believed to have been carried out by X", "… was blamed on X"
        if (agentName is null && (s.Pattern.Noun || s.Pattern.Has("incident")) && CarriedOutBy(s) is { } by)
        {
            (agent, agentName) = (by, by.Name);
        }

        // "the IRA's decision to carry out the attacks", "the group's plan to stage the bombing"
        if (agentName is null && s.Pattern.Noun && ResolvedTo(s) is { } doer)
        {
            (agent, agentName) = (doer, doer.Name);
        }

        // "The bomb, planted by X, exploded …": the weapon's subject phrase names who set it
        if (agentName is null && SubjectCarriedOutBy(s) is { } setBy)
        {
            (agent, agentName) = (setBy, setBy.Name);
        }

        // "X were blamed for the attack", "the group behind the bombing"
        if (s.Pattern.Noun && Behind(s) is { } behind)
        {
            (agent, agentName) = (behind, behind.Name);
        }

        if (targetName is not null && KindOf(targetName) is "means" or "time")
        {
            targetName = null;
        }

        return (agent, agentName, targetName);
    }

    /// <summary>
    /// The perpetrator an attack noun's own phrase names with "by", also after its "of", "in", "on" phrases ("the
    /// deadliest attack by a gunman", "the massacre of 1.5 million people by Ottoman Turks", "the bombing of X in Y on
    /// Thursday by Z's air force"): the actor named right after "by", else a phrase whose head is a perpetrator noun
    /// ("a lone gunman", "suicide bombers") or a military body ("government troops"); null when the phrase has no "by",
    /// or its "by" names the means ("by drones") or something else. The phrase ends at punctuation, a verb or a
    /// relative word.
    /// </summary>
    internal static (Actor? Actor, string? Phrase)? NounBy(TriggerSite s)
    {
        _ = Kinds.Value;
        var lower = s.Lower;
        var upos = s.Doc.Tokens.Upos;
        for (var k = s.T1; k < s.End && k < s.T1 + 14; k++)
        {
            if (Words.IsPunct(lower[k]) && lower[k] is not ("-" or "'s" or "’s") || lower[k] is "who" or "which" or "that" or "and" or "but"
                || upos.Count > k && upos[k] is "VERB" or "AUX")
            {
                return null;
            }

            if (lower[k] == "by")
            {
                return ByPhraseAt(s, k);
            }

            // "bombings at the hands of Kurdish militants": the same perpetrator as a "by" phrase
            if (lower[k] == "hands" && k >= 2 && lower[k - 1] == "the" && lower[k - 2] == "at" && k + 1 < s.End && lower[k + 1] == "of")
            {
                return ByPhraseAt(s, k + 1);
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="phrase"/> follows a "by" within six words after the trigger ("killed by suspected militants").</summary>
    private static bool PerpetratorAfterBy(TriggerSite s, string phrase)
    {
        var text = s.Doc.Text;
        for (var k = s.T1; k < s.End - 1 && k < s.T1 + 6; k++)
        {
            if (s.Lower[k] == "by")
            {
                var from = s.Doc.Tokens.Starts[k + 1];
                var at = text.IndexOf(phrase, from, StringComparison.Ordinal);
                return at >= 0 && at <= from + 30;
            }
        }

        return false;
    }

    /// <summary>The perpetrator named after the "by" at token <paramref name="k"/> (see <see cref="NounBy"/>), or null.</summary>
    private static (Actor? Actor, string? Phrase)? ByPhraseAt(TriggerSite s, int k)
    {
        var lower = s.Lower;
        var upos = s.Doc.Tokens.Upos;
        {
            var j = k + 1;
            while (j < s.End && (Words.Determiners.Contains(lower[j]) || lower[j] is "both" or "either" || char.IsDigit(lower[j][0]) || s.Doc.Tokens.Upos.Count > j && upos[j] == "NUM"))
            {
                j++;
            }

            if (s.Mentions.FirstOrDefault(m => m.First >= k + 1 && m.First <= j + 1 && !m.Form.EndsWith("@loc", StringComparison.Ordinal)) is { } m)
            {
                return (m.Actor, m.Actor.Name);
            }

            var e = j;
            while (e < s.End && e < j + 4 && char.IsLetter(lower[e][0]) && upos.Count > e && upos[e] is "ADJ" or "NOUN" or "PROPN")
            {
                e++;
            }

            if (e == j)
            {
                return null;
            }

            var head = lower[e - 1];
            var phrase = s.Doc.Text[s.Doc.Tokens.Starts[j]..s.Doc.Tokens.Ends[e - 1]];
            return Kinds.Value.GetValueOrDefault(head) == "perpetrator" || MilitaryBodies.Value.Contains(head) || RolePhraseResolver.KindOf(phrase) == "hostile"
                ? (null, phrase)
                : null;
        }
    }

    /// <summary>
    /// "The deadliest assault by a lone gunman left 14 dead": when the subject of a casualty or attack verb is an attack
    /// noun, the perpetrator its "by" phrase names (the "by" within four words after the noun, before the trigger).
    /// </summary>
    private static (Actor? Actor, string? Phrase)? SubjectNounBy(TriggerSite s)
    {
        for (var k = s.T0 - 1; k > s.First && k >= s.T0 - 12; k--)
        {
            if (s.Lower[k] == "by" && Enumerable.Range(Math.Max(s.First, k - 4), k - Math.Max(s.First, k - 4)).Any(a => EventWords.AttackNouns.Contains(s.Lower[a]) || EventWords.WeaponHeads.Contains(s.Lower[a])))
            {
                return ByPhraseAt(s, k);
            }
        }

        return null;
    }

    private static readonly Lazy<HashSet<string>> MilitaryBodies = new(() => new HashSet<string>(Lexicon.Lines(typeof(AttackRoles).Assembly, "military-bodies.txt"), StringComparer.Ordinal));

    /// <summary>
    /// The group a backer's mention before the trigger qualifies ("Russian-backed separatists", "Iranian-backed Houthi
    /// rebels"): the mention, a hyphen and a word of the backer kind, then the words of the noun phrase up to a
    /// preposition, punctuation or the trigger; the actor named in those words, else the words themselves; null when the
    /// agent's mention is not so followed.
    /// </summary>
    private static (Actor? Actor, string Phrase)? Backed(TriggerSite s, Actor agent)
    {
        var lower = s.Lower;
        var upos = s.Doc.Tokens.Upos;
        foreach (var m in s.Mentions.Where(m => m.Actor == agent && m.First >= s.First && m.End < s.T0))
        {
            // (the hyphen is required: "Russian armed forces" are Russia's own)
            var b = m.End + 1;
            if (b >= s.T0 || lower[m.End] != "-" || Kinds.Value.GetValueOrDefault(lower[b]) != "backer")
            {
                continue;
            }

            var e = b + 1;
            while (e < s.T0 && e < b + 5 && char.IsLetter(lower[e][0]) && upos.Count > e && upos[e] is "ADJ" or "NOUN" or "PROPN")
            {
                e++;
            }

            if (e == b + 1)
            {
                return null;
            }

            var inner = s.Mentions.FirstOrDefault(x => x.First > b && x.End <= e && x.Actor != agent && !x.Form.EndsWith("@loc", StringComparison.Ordinal));
            return (inner?.Actor, s.Doc.Text[s.Doc.Tokens.Starts[b + 1]..s.Doc.Tokens.Ends[e - 1]]);
        }

        return null;
    }

    /// <summary>The token of a speaking verb ("called", "condemned") whose object the noun at <paramref name="t0"/> heads, or -1.</summary>
    internal static int SpokenOf(string[] lower, int t0, int first)
    {
        var k = t0 - 1;
        while (k >= first && t0 - k <= 4 && (lower[k] is "the" or "this" or "that" or "these" or "those" or "a" or "an" or "its" or "their" or "his" or "her" or "'s" or "-" || char.IsLetter(lower[k][0]) && Kinds.Value.GetValueOrDefault(lower[k]) != "speaks"))
        {
            k--;
        }

        return k >= first && Kinds.Value.GetValueOrDefault(lower[k]) == "speaks" ? k : -1;
    }

    /// <summary>The actor named by a phrase of the by kind after the trigger, in its sentence ("carried out by ETA").</summary>
    private static Actor? CarriedOutBy(TriggerSite s)
    {
        _ = Kinds.Value;
        var lower = s.Lower;
        for (var k = s.T1; k < s.End && k < s.T1 + 12; k++)
        {
            if (lower[k] is ";" || k > s.T1 && lower[k] is "." or "but")
            {
                return null;
            }

            if (ByPhraseActorAt(s, k) is { } m)
            {
                return m.Actor;
            }
        }

        return null;
    }

    /// <summary>
    /// The actor a phrase of the by kind names in the trigger's subject, set off after a weapon or attack noun ("The
    /// bomb, planted by X, exploded", "An attack carried out by X killed …"), or null.
    /// </summary>
    private static Actor? SubjectCarriedOutBy(TriggerSite s)
    {
        _ = Kinds.Value;
        var lower = s.Lower;
        for (var k = s.First + 1; k < s.T0 - 1; k++)
        {
            if (lower[k] is ";" or ":" || EventWords.TargetPrepositions.Contains(lower[k]))
            {
                return null;
            }

            var noun = k - 1 >= s.First && lower[k - 1] == "," ? k - 2 : k - 1;
            if (noun >= s.First && (EventWords.AttackNouns.Contains(lower[noun]) || EventWords.WeaponHeads.Contains(lower[noun])) && ByPhraseActorAt(s, k) is { } m && m.First < s.T0)
            {
                return m.Actor;
            }
        }

        return null;
    }

    /// <summary>
    /// "X were blamed for the attack", "X was responsible for the bombing", "the group behind the attack": the actor named
    /// right before a phrase of the behind kind (be-forms between) that ends at the attack noun's determiner and name
    /// words; null when none.
    /// </summary>
    private static Actor? Behind(TriggerSite s)
    {
        var lower = s.Lower;
        var k = s.T0 - 1;
        while (k > s.First && s.T0 - k <= 4 && (lower[k] is "the" or "a" or "an" or "this" or "that" or "these" or "those" or "its" or "their" or "'s" or "’s" or "-"
            || Words.IsCapitalised(s.Doc.Tokens.Forms[k]) || lower[k] is "deadly" or "suicide" or "latest" or "recent" or "twin" or "car" or "bomb"))
        {
            k--;
        }

        foreach (var words in BehindPhrases)
        {
            var v = k - words.Length + 1;
            if (v <= s.First || !Enumerable.Range(0, words.Length).All(j => lower[v + j] == words[j]))
            {
                continue;
            }

            var b = v - 1;
            while (b > s.First && (Words.BeForms.Contains(lower[b]) || lower[b] is "been" or "has" or "have" or "had" or "widely" or "also" or "later"))
            {
                b--;
            }

            if (s.Mentions.FirstOrDefault(m => m.End == b + 1 && !m.Form.EndsWith("@loc", StringComparison.Ordinal)) is { } m)
            {
                return m.Actor;
            }

            // "Boko Haram militants were blamed": the group named before its members' noun
            if (Kinds.Value.GetValueOrDefault(lower[b]) == "perpetrator" && s.Mentions.FirstOrDefault(m => m.End == b && !m.Form.EndsWith("@loc", StringComparison.Ordinal)) is { } owner)
            {
                return owner.Actor;
            }
        }

        return null;
    }

    /// <summary>The mention of the first actor named after a phrase of the by kind that starts at token <paramref name="k"/>, or null.</summary>
    private static RoleCandidates.TokMention? ByPhraseActorAt(TriggerSite s, int k)
    {
        var lower = s.Lower;
        foreach (var words in ByPhrases)
        {
            var ok = k + words.Length <= s.End;
            for (var j = 0; j < words.Length && ok; j++)
            {
                ok = lower[k + j] == words[j];
            }

            // the first actor of the phrase that follows ("by the armed Basque separatist group ETA")
            var from = k + words.Length;
            if (ok && s.Mentions.FirstOrDefault(m => m.First >= from && m.First <= from + 6 && !m.Form.EndsWith("@loc", StringComparison.Ordinal)
                && Enumerable.Range(from, m.First - from).All(j => char.IsLetter(lower[j][0]))) is { } m)
            {
                return m;
            }
        }

        return null;
    }

    /// <summary>
    /// The actor whose resolve, plan or order to carry out an attack noun is told: "X's decision to carry out the Y
    /// attacks" (a phrase of the does kind between "to" and the noun, the noun's determiner and name words after it).
    /// </summary>
    private static Actor? ResolvedTo(TriggerSite s)
    {
        _ = Kinds.Value;
        var lower = s.Lower;
        var k = s.T0 - 1;
        while (k > s.First && s.T0 - k <= 4 && (lower[k] is "the" or "a" or "an" or "these" or "those" or "-" || Words.IsCapitalised(s.Doc.Tokens.Forms[k])))
        {
            k--;
        }

        foreach (var words in DoesPhrases)
        {
            var v = k - words.Length + 1;
            if (v - 3 < s.First || !Enumerable.Range(0, words.Length).All(j => lower[v + j] == words[j]) || lower[v - 1] != "to" || lower[v - 3] is not ("'s" or "’s"))
            {
                continue;
            }

            if (s.Mentions.FirstOrDefault(m => m.End == v - 3 && !m.Form.EndsWith("@loc", StringComparison.Ordinal)) is { } m)
            {
                return m.Actor;
            }
        }

        return null;
    }

    /// <summary>The pronoun just before a verb trigger ("they detonated", "he had then blown himself up"), or null.</summary>
    private static string? SubjectPronoun(TriggerSite s)
    {
        if (s.Pattern.Noun)
        {
            return null;
        }

        var k = s.T0 - 1;
        while (k >= s.First && s.T0 - k <= 3 && (s.Lower[k].EndsWith("ly", StringComparison.Ordinal) || s.Lower[k] is "had" or "has" or "have" or "then" or "also" or "later"))
        {
            k--;
        }

        return k >= s.First && s.Lower[k] is "they" or "he" or "she" ? s.Lower[k] : null;
    }

    /// <summary>
    /// The sentences whose persons may stand for the attacker of the trigger's sentence: its own and the one before it
    /// (<paramref name="after"/>: and the one after it), within its paragraph (no blank line between).
    /// </summary>
    private static (int From, int To) Around(TriggerSite s, bool after)
    {
        var doc = s.Doc;
        var sentence = doc.SentenceIndexAt(doc.Tokens.Starts[s.T0]);
        var from = doc.Sentence(sentence).Span.Start;
        var to = doc.Sentence(sentence).Span.End;
        if (sentence > 0 && !doc.Text.AsSpan(doc.Sentence(sentence - 1).Span.End, from - doc.Sentence(sentence - 1).Span.End).Contains("\n\n", StringComparison.Ordinal))
        {
            from = doc.Sentence(sentence - 1).Span.Start;
        }

        if (after && sentence + 1 < doc.SentenceCount && !doc.Text.AsSpan(to, doc.Sentence(sentence + 1).Span.Start - to).Contains("\n\n", StringComparison.Ordinal))
        {
            to = doc.Sentence(sentence + 1).Span.End;
        }

        return (from, to);
    }

    /// <summary>The person named last before the trigger, in its sentence or the one before in its paragraph, or null.</summary>
    private static Actor? LastPersonBefore(TriggerSite s)
    {
        var doc = s.Doc;
        var at = doc.Tokens.Starts[s.T0];
        var (from, _) = Around(s, after: false);
        var m = doc.ActorMentions.Where(m => m.Span.End <= at && m.Span.Start >= from).MaxBy(m => m.Span.Start);
        return m is null ? null : doc.Actors.FirstOrDefault(a => a.Id == m.ActorId && a.Kind == ActorKind.Person);
    }

    /// <summary>
    /// The person the sentence before or after the trigger's identifies as the one its perpetrator's or person's noun
    /// names ("Police identified the suspect as X", "X, 28, was arrested", "X was charged with murder"), when exactly one
    /// person is so identified there; null otherwise.
    /// </summary>
    private static Actor? Identified(TriggerSite s)
    {
        var doc = s.Doc;
        var lower = s.Lower;
        var (from, to) = Around(s, after: true);
        Actor? found = null;
        foreach (var m in doc.ActorMentions)
        {
            if (m.Span.Start < from || m.Span.End > to || doc.Actors.FirstOrDefault(a => a.Id == m.ActorId) is not { Kind: ActorKind.Person } person)
            {
                continue;
            }

            var first = doc.TokenIndexAtOrAfter(m.Span.Start);
            var end = Math.Max(first + 1, doc.TokenIndexAtOrAfter(m.Span.End));
            // "identified the suspect as X", "named him as X"
            var asBefore = first >= 2 && lower[first - 1] == "as" && Enumerable.Range(Math.Max(0, first - 6), first - 1 - Math.Max(0, first - 6)).Any(k => lower[k] is "identified" or "named");
            // "X, 28, was arrested", "X was charged"
            var k2 = end;
            if (k2 + 2 < lower.Length && lower[k2] == "," && char.IsDigit(lower[k2 + 1][0]) && lower[k2 + 2] == ",")
            {
                k2 += 3;
            }

            while (k2 < lower.Length && k2 - end <= 6 && lower[k2] is "was" or "has" or "had" or "been" or "is" or "later" or "subsequently" or "then")
            {
                k2++;
            }

            var heldAfter = k2 > end && k2 < lower.Length && lower[k2] is "arrested" or "detained" or "charged" or "apprehended" or "identified" && (Words.BeForms.Contains(lower[k2 - 1]) || lower[k2 - 1] is "been");
            if (!asBefore && !heldAfter)
            {
                continue;
            }

            if (found is not null && found != person)
            {
                return null;
            }

            found = person;
        }

        return found;
    }

    /// <summary>
    /// The perpetrator noun named last before the trigger, in its sentence or the two before it, with the words of its
    /// phrase before it ("the suicide bombers"), or the actor named just before that phrase ("Palestinian suicide bombers"):
    /// plural for "they", singular for "he"; null when none is named.
    /// </summary>
    private static (Actor? Actor, string Phrase)? Antecedent(TriggerSite s, bool singular)
    {
        var doc = s.Doc;
        var lower = s.Lower;
        var sentence = doc.SentenceIndexAt(doc.Tokens.Starts[s.T0]);
        var from = doc.Sentence(Math.Max(0, sentence - 2)).FirstToken;
        for (var k = s.T0 - 1; k >= from; k--)
        {
            if (Kinds.Value.GetValueOrDefault(lower[k]) != "perpetrator" || lower[k].EndsWith('s') == singular || k + 1 < lower.Length && lower[k + 1] is "'s" or "’s")
            {
                continue;
            }

            // the noun with the adjectives and nouns before it ("suicide bombers", "armed gunmen")
            var b = k;
            while (b - 1 >= from && b > k - 3 && char.IsLower(doc.Tokens.Forms[b - 1][0]) && char.IsLetter(lower[b - 1][0]) && !Words.Determiners.Contains(lower[b - 1])
                && doc.Tokens.Upos.Count > b - 1 && doc.Tokens.Upos[b - 1] is "ADJ" or "NOUN")
            {
                b--;
            }

            var start = doc.Tokens.Starts[b];
            var owner = doc.ActorMentions.FirstOrDefault(m => m.Span.End <= start && m.Span.End >= start - 1 && m.Span.End > (b > 0 ? doc.Tokens.Starts[b - 1] : -1));
            var actor = owner is null ? null : doc.Actors.FirstOrDefault(a => a.Id == owner.ActorId);
            return (actor, string.Join(' ', doc.Tokens.Forms.Skip(b).Take(k - b + 1)));
        }

        return null;
    }

    /// <summary>The token of "was", "is" … when the noun at <paramref name="t0"/> is its predicate ("was an attack", "is a terrorist attack"), or -1.</summary>
    private static int Copula(string[] lower, int t0, int first)
    {
        var k = t0 - 1;
        while (k >= first && t0 - k <= 3 && lower[k] is not ("a" or "an") && char.IsLetter(lower[k][0]) && !Words.BeForms.Contains(lower[k]))
        {
            k--;
        }

        return k - 1 >= first && lower[k] is "a" or "an" && Words.BeForms.Contains(lower[k - 1]) ? k - 1 : -1;
    }

    /// <summary>"called the explosion a terrorist attack", "called them a matrix": the verb names its object, it calls no one.</summary>
    internal static bool IsNaming(string[] lower, int t0, int t1, int end)
    {
        if (Kinds.Value.GetValueOrDefault(lower[t0]) != "speaks" || !lower[t0].StartsWith("call", StringComparison.Ordinal))
        {
            return false;
        }

        for (var k = t1 + 1; k < end && k <= t1 + 6; k++)
        {
            if (lower[k] is "a" or "an" or "\"" or "“")
            {
                return true;
            }

            if (!char.IsLetter(lower[k][0]) && lower[k] is not ("'s" or "-"))
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>
    /// The person named in apposition with a perpetrator noun of the same word anywhere before the trigger's sentence
    /// ends (nearest first): "the bomber, Ahmed X, …", "Ahmed X, the bomber", "the suspect was identified as X".
    /// </summary>
    private static Actor? Apposed(Document doc, string[] lower, int t0, int sentenceEnd, string phrase)
    {
        var words = PhraseIndex<int>.Split(phrase);
        var noun = words.LastOrDefault(w => Kinds.Value.GetValueOrDefault(w.ToLowerInvariant()) is "perpetrator" or "person")?.ToLowerInvariant();
        if (noun is null)
        {
            return null;
        }

        var singular = noun.EndsWith('s') ? noun[..^1] : noun;
        var persons = new List<(int First, int End, Actor Actor)>();
        foreach (var a in doc.Actors.Where(a => a.Kind == ActorKind.Person))
        {
            foreach (var m in a.Mentions)
            {
                var first = doc.TokenIndexAtOrAfter(m.Start);
                persons.Add((first, Math.Max(first + 1, doc.TokenIndexAtOrAfter(m.End)), a));
            }
        }

        if (persons.Count == 0)
        {
            return null;
        }

        Actor? best = null;
        var bestDistance = int.MaxValue;
        for (var k = 0; k < Math.Min(sentenceEnd, lower.Length); k++)
        {
            if (lower[k] != noun && lower[k] != singular)
            {
                continue;
            }

            // after the noun: "the bomber, Ahmed X", "the suspect was identified as X"
            var j = k + 1;
            while (j < lower.Length && j - k <= 5 && AppositionGlue.Contains(lower[j]) && persons.All(p => p.First != j))
            {
                j++;
            }

            var after = j > k + 1 && lower[j - 1] is "," or "as" or "named" or "(" ? persons.FirstOrDefault(p => p.First == j) : default;

            // before it: "Ahmed X, the bomber", "Ahmed X, a suspected gunman"
            var b = k - 1;
            while (b >= 0 && k - b <= 3 && lower[b] is "the" or "a" or "alleged" or "suspected")
            {
                b--;
            }

            var before = b >= 1 && lower[b] == "," ? persons.FirstOrDefault(p => p.End == b) : default;
            var hit = after.Actor ?? before.Actor;
            if (hit is not null && Math.Abs(k - t0) < bestDistance)
            {
                best = hit;
                bestDistance = Math.Abs(k - t0);
            }
        }

        return best;
    }
}
