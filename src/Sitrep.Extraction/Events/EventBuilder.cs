using Sitrep.Core;
using Sitrep.Geo;
using static Sitrep.Extraction.EventLocator;
using static Sitrep.Extraction.EventWords;
using static Sitrep.Extraction.RoleCandidates;

namespace Sitrep.Extraction;

/// <summary>
/// Builds the event of one matched trigger: modality decides whether and as what it happened, the role rules fill
/// actor and target, the locator its place; then its time (the nearest expression of its clause) and the quantities of
/// its clause.
/// </summary>
internal static class EventBuilder
{
    /// <summary>The two actors coordinated as the subject before a trigger ("Armenia and Azerbaijan accused"), or null.</summary>
    private static (string A, string B)? Coordinated(List<TokMention> sm, string[] lower, int t0, int first)
    {
        var before = sm.Where(m => m.End <= t0 && m.First >= first && !m.Form.EndsWith("@loc", StringComparison.Ordinal)).ToList();
        for (var i = before.Count - 1; i >= 1; i--)
        {
            var (a, b) = (before[i - 1], before[i]);
            if (b.First == a.End + 1 && lower[a.End] == "and" && a.Actor.Name != b.Actor.Name && t0 - b.End <= 3)
            {
                return (a.Actor.Name, b.Actor.Name);
            }
        }

        return null;
    }

    /// <summary>The state of a group named by its demonym ("Russian officials" → Russia), or null.</summary>
    private static string? DemonymGroupState(Document doc, ExtractionLexicon lex, string? name)
    {
        if (name is null || lex.CountryByName.ContainsKey(name) || doc.Actors.FirstOrDefault(a => a.Name == name) is not { Kind: ActorKind.Group })
        {
            return null;
        }

        var words = PhraseIndex<int>.Split(name);
        return words.Length == 2 && !PrivateNouns.Value.Contains(words[1].ToLowerInvariant()) && StateNames.Default.Index.TryMatch(words, 0, 1, out _, out var st) && st.Form == StateForm.Demonym ? st.Country.Name : null;
    }

    /// <summary>Groups that act on their own account, not for their state (data/extraction/private-nouns.txt).</summary>
    private static readonly Lazy<HashSet<string>> PrivateNouns = new(() => new HashSet<string>(Lexicon.Lines(typeof(EventBuilder).Assembly, "private-nouns.txt"), StringComparer.Ordinal));

    private static readonly Lazy<HashSet<string>> MilitaryBodies = new(() => new HashSet<string>(Lexicon.Lines(typeof(EventBuilder).Assembly, "military-bodies.txt"), StringComparer.Ordinal));

    private static readonly Lazy<HashSet<string>> AirDefenceWords = new(() => new HashSet<string>(Lexicon.Lines(typeof(EventBuilder).Assembly, "air-defence-words.txt"), StringComparer.Ordinal));

    /// <summary>Whether the subject just before the trigger is an air defence ("Russian air defences", "air defence units").</summary>
    private static readonly Lazy<HashSet<string>> ProposalNouns = new(() => new HashSet<string>(Lexicon.Lines(typeof(EventBuilder).Assembly, "proposal-nouns.txt"), StringComparer.Ordinal));

    /// <summary>
    /// Whether a rejection's object, or the noun the rejection follows ("terms Ukraine rejected"), names something put
    /// to the rejecting side (data/extraction/proposal-nouns.txt).
    /// </summary>
    private static bool RejectsProposal(string[] lower, int t0, int t1, int first, int end)
    {
        for (var k = t1; k < Math.Min(end, t1 + 5); k++)
        {
            if (ProposalNouns.Value.Contains(lower[k]))
            {
                return true;
            }

            if (Words.IsPunct(lower[k]) || lower[k] is "and" or "but" or "that" or "because")
            {
                break;
            }
        }

        // "terms Ukraine swiftly rejected": the noun the relative clause hangs on
        for (var k = t0 - 1; k >= Math.Max(first, t0 - 5); k--)
        {
            if (ProposalNouns.Value.Contains(lower[k]))
            {
                return true;
            }

            if (Words.IsPunct(lower[k]) && lower[k] is not ("—" or "-" or "–"))
            {
                break;
            }
        }

        return false;
    }

    /// <summary>The actor of the last demand, request or offer the text told that was aimed at <paramref name="side"/>.</summary>
    private static string? Answered(Document doc, string side)
    {
        for (var i = doc.Events.Count - 1; i >= 0; i--)
        {
            var e = doc.Events[i];
            if (e.Type is "DEMAND" or "REQUEST" or "AGREE" && e.Target == side && e.Actor is not null && e.Actor != side)
            {
                return e.Actor;
            }
        }

        return null;
    }

    private static bool AirDefenceSubject(string[] lower, int t0, int first)
    {
        for (var k = t0 - 1; k >= Math.Max(first, t0 - 4); k--)
        {
            if (AirDefenceWords.Value.Contains(lower[k]) && (lower[k] is not ("defence" or "defences" or "defense" or "defenses") || k > first && lower[k - 1] == "air"))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the words from <paramref name="k"/> are a trailing attribution (", the general staff said in a statement
    /// issued in the capital"): a short subject and a reporting verb, with no comma between. Its places and names are
    /// the report's, not the act's.
    /// </summary>
    private static bool Attribution(ExtractionLexicon lex, string[] lower, int k, int end)
    {
        for (var i = k; i < end && i < k + 10; i++)
        {
            if (lower[i] is "," or ";" or ":" || Words.IsPunct(lower[i]) && lower[i] is not "'s" and not "-")
            {
                return false;
            }

            if (i > k && lex.ReportingVerbs.ContainsKey(lower[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The state an organisation named as a state's armed body serves (the state its name holds), or null.</summary>
    private static string? ArmedBodyState(Document doc, ExtractionLexicon lex, string name)
    {
        if (lex.CountryByName.ContainsKey(name) || doc.Actors.FirstOrDefault(a => a.Name == name) is not { Kind: ActorKind.Organisation or ActorKind.ArmedForce })
        {
            return null;
        }

        var words = PhraseIndex<int>.Split(name);
        if (!words.Any(w => MilitaryBodies.Value.Contains(w.ToLowerInvariant())))
        {
            return null;
        }

        // the state its name holds ("Armed Forces of Ukraine", "Sudanese Armed Forces"); an affiliation alone is not enough:
        // a paramilitary or rebel force of a country ("Rapid Support Forces") may fight that country's army
        for (var i = 0; i < words.Length; i++)
        {
            if (StateNames.Default.Index.TryMatch(words, i, words.Length, out _, out var st) && st.Form is StateForm.Name or StateForm.Demonym)
            {
                return st.Country.Name;
            }
        }

        return null;
    }

    /// <summary>
    /// A headline's participle with no auxiliary and no object ("Army convoy ambushed near Ansongo", "Aid workers killed
    /// in Gaza") is a passive: the noun before it is what the act befell, not its agent.
    /// </summary>
    private static bool HeadlinePassive(Document doc, string[] lower, TriggerPattern p, int t0, int t1, int first, int end)
    {
        if (p.Noun || t1 - t0 != 1 || t0 == first || !lower[t0].EndsWith("ed", StringComparison.Ordinal) || !char.IsLetter(lower[t0 - 1][0])
            || Words.Determiners.Contains(lower[t0 - 1]) || lower[t0 - 1] is "who" or "which" or "that" or "and" or "or")
        {
            return false;
        }

        // the object would follow at once; a place, a time or the end of the line follows a passive
        if (t1 < end && !(lower[t1] is "near" or "in" or "on" or "at" or "outside" or "after" or "as" or "during" or "while" or "," or ":" or "–" or "-" or "—" or "by"))
        {
            return false;
        }

        // a headline: a line of its own without a closing stop
        var start = doc.Tokens.Starts[first];
        var stop = doc.Tokens.Ends[end - 1];
        var lineStart = start == 0 || doc.Text[start - 1] == '\n';
        var lineEnd = stop >= doc.Text.Length || doc.Text[stop] is '\n' or '\r';
        return lineStart && lineEnd && doc.Text[stop - 1] is not ('.' or '!' or '?' or '"' or '”');
    }

    /// <summary>Words that open a counted or partitive noun phrase ("hundreds of civilians", "much of the city").</summary>
    private static readonly HashSet<string> CountWords = new(StringComparer.Ordinal)
    {
        "much", "many", "most", "some", "several", "dozens", "hundreds", "thousands", "millions", "scores", "tens", "part", "parts", "all", "half",
    };

    /// <summary>
    /// A bare participle of a verb that always takes an object (pattern flag <c>bare-passive</c>: "killed", "destroyed")
    /// with none after it, following a counted or partitive noun phrase or one set after "with" ("around 3,000 civilians
    /// killed", "much of the north destroyed", "with two bridges destroyed"): a passive, whose noun phrase is what the
    /// act befell, not its agent.
    /// </summary>
    private static bool BarePassive(Document doc, string[] lower, TriggerPattern p, int t0, int t1, int first, int end)
    {
        if (!p.Has("bare-passive") || p.Noun || t1 - t0 != 1 || t0 == first || !lower[t0].EndsWith("ed", StringComparison.Ordinal)
            || !char.IsLetter(lower[t0 - 1][0]) || Words.Determiners.Contains(lower[t0 - 1]) || Words.BeForms.Contains(lower[t0 - 1])
            || lower[t0 - 1] is "who" or "which" or "that" or "and" or "or" or "have" or "has" or "had" or "having" or "they" or "we" or "he" or "she" or "it")
        {
            return false;
        }

        // no object after it: the end of the clause, a place, a time, a "by" phrase
        if (t1 < end && !(lower[t1] is "near" or "in" or "on" or "at" or "outside" or "after" or "as" or "during" or "while" or "since" or "by" or "but"
            or "and" or "so" or "across" or "over" or "last" or "this" or "when" or "," or ";" or ":" or "." or "–" or "-" or "—" or ")"))
        {
            return false;
        }

        // the noun phrase before it: nouns, adjectives, numbers, "of" and determiners, back to its first word
        var upos = doc.Tokens.Upos;
        var k = t0 - 1;
        while (k > first && t0 - k < 7 && upos.Count > k - 1 && (upos[k - 1] is "NOUN" or "PROPN" or "ADJ" or "NUM" or "DET" || lower[k - 1] is "of" or "-"
            || CountWords.Contains(lower[k - 1])))
        {
            k--;
        }

        return upos.Count > k && (upos[k] == "NUM" || char.IsDigit(lower[k][0]) || CountWords.Contains(lower[k])
            || k > first && lower[k - 1] == "with");
    }

    /// <summary>Whether the words of <paramref name="phrase"/> stand in <paramref name="lower"/> from token <paramref name="at"/> on, ending before <paramref name="end"/>.</summary>
    private static bool Follows(string[] lower, int at, int end, string phrase)
    {
        var words = phrase.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return at + words.Length <= Math.Min(end, lower.Length) && words.Select((w, i) => lower[at + i] == w).All(x => x);
    }

    /// <summary>Whether a phrase is only an armed body's common name ("the army", "the air force", "military").</summary>
    private static bool BareArmedBody(string phrase)
    {
        var words = phrase.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w is not ("the" or "its" or "their")).ToArray();
        // (bare "forces" or "troops" may be anyone's: "its forces", "troops were deployed")
        return words.Length == 1 ? words[0] is "army" or "military" or "navy" : words.Length == 2 && MilitaryBodies.Value.Contains(words[1]) && words[0] is "air" or "armed" or "naval";
    }

    /// <summary>Whether province or district <paramref name="outer"/> holds the finer place <paramref name="inner"/>.</summary>
    private static bool Encloses(Place outer, Place inner) =>
        outer.Precision is PlacePrecision.Adm1 or PlacePrecision.Adm2 && inner.Precision is PlacePrecision.Point or PlacePrecision.Adm2 && outer.Precision != inner.Precision
        && outer.Country == inner.Country && outer.Admin1 is not null && outer.Admin1 == inner.Admin1 && (outer.Precision == PlacePrecision.Adm1 || outer.Admin2 == inner.Admin2);

    /// <summary>The state other than the agent that the text names most, when it is clearly ahead of the next one.</summary>
    /// <summary>"ahead of …", "on the eve of …" at token k: a time anchor, as "before" is, whose words give the act no roles or places.</summary>
    private static bool TimeAnchor(string[] lower, int k, int end) =>
        lower[k] == "ahead" && k + 1 < end && lower[k + 1] == "of"
        || lower[k] == "on" && k + 3 < end && lower[k + 1] == "the" && lower[k + 2] == "eve" && lower[k + 3] == "of";

    private static string? WagedOn(Document doc, string agent)
    {
        var top = doc.Actors.Where(a => a.Kind == ActorKind.State && a.Name != agent).OrderByDescending(a => a.Mentions.Count).Take(2).ToList();
        return top.Count > 0 && top[0].Mentions.Count >= 2 && (top.Count == 1 || top[0].Mentions.Count > top[1].Mentions.Count) ? top[0].Name : null;
    }

    /// <summary>Compass words that may stand before a place of a list ("in western X", "northern Y").</summary>
    private static readonly HashSet<string> CompassWords = new(StringComparer.Ordinal)
    {
        "northern", "southern", "eastern", "western", "central", "northeastern", "northwestern", "southeastern", "southwestern",
        "north-eastern", "north-western", "south-eastern", "south-western",
    };

    /// <summary>The trigger is told in the past perfect: "had struck", "had been shelled", "had already killed".</summary>
    internal static bool PastPerfect(string[] lower, int t0, int first)
    {
        for (var k = t0 - 1; k >= first && k >= t0 - 4; k--)
        {
            if (lower[k] == "had")
            {
                return true;
            }

            if (!(lower[k] is "been" or "already" or "just" or "reportedly" or "previously" or "also" or "not" or "never"))
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>Whether a meeting noun of the trigger lexicon (a nominal CONSULT trigger: "meeting", "talks") stands in [from, to).</summary>
    private static bool MeetingNounAfter(ExtractionLexicon lex, string[] lower, int from, int to)
    {
        for (var k = from; k < to; k++)
        {
            if (lex.TriggersByFirst.TryGetValue(lower[k], out var patterns) && patterns.Exists(q => q.Noun && q.Type == "CONSULT" && q.Tokens.Count == 1))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The speaker of the reporting clause a participle follows ("…,” he said, urging …", "X said on Monday, calling for …"):
    /// the actor named in it, or for "he"/"she" the speaker of the quotation just before; null when no such clause precedes.
    /// </summary>
    private static Actor? ParticipleSpeaker(ExtractionLexicon lex, Document doc, string[] lower, int t0, int first)
    {
        if (!lower[t0].EndsWith("ing", StringComparison.Ordinal) || t0 - 2 < first || lower[t0 - 1] != ",")
        {
            return null;
        }

        // the reporting verb within the few words before the comma, after the quotation or the clause before it
        for (var r = t0 - 2; r >= Math.Max(first, t0 - 8); r--)
        {
            if (lower[r] is "”" or "\"" or "," or "." or ";" or ":")
            {
                if (lower[r] is "”" or "\"" && r - 1 >= first)
                {
                    continue;
                }

                return null;
            }

            if (!lex.ReportingVerbs.ContainsKey(lower[r]))
            {
                continue;
            }

            var (from, to) = (doc.Tokens.Starts[Math.Max(first, r - 5)], doc.Tokens.Ends[t0 - 2]);
            var named = doc.ActorMentions.LastOrDefault(m => m.Span.Start >= from && m.Span.End <= to && !m.Form.EndsWith("@loc", StringComparison.Ordinal)
                && doc.TokenIndexAtOrAfter(m.Span.Start) > Array.FindLastIndex(lower, r, r - Math.Max(first, r - 5) + 1, w => w is "”" or "\"" or "," or "."));
            if (named is not null)
            {
                return doc.Actors.FirstOrDefault(a => a.Id == named.ActorId);
            }

            // "“…,” he said, urging": the last person named before the quotation
            var close = Array.FindLastIndex(lower, r, r - first + 1, w => w is "”" or "\"");
            if (close <= first || !Enumerable.Range(close + 1, r - close).Any(k => lower[k] is "he" or "she"))
            {
                return null;
            }

            var open = Array.FindLastIndex(lower, close - 1, close, w => w is "“" or "\"");
            var before = open < 0 ? -1 : doc.Tokens.Starts[open];
            var person = doc.ActorMentions.LastOrDefault(m => m.Span.End <= before && doc.Actors.FirstOrDefault(a => a.Id == m.ActorId) is { Kind: ActorKind.Person });
            return person is null ? null : doc.Actors.First(a => a.Id == person.ActorId);
        }

        return null;
    }

    private static readonly Lazy<HashSet<string>> AccusationNouns = new(() => new HashSet<string>(Lexicon.Lines(typeof(EventBuilder).Assembly, "accusation-nouns.txt"), StringComparer.Ordinal));

    /// <summary>Whether the trigger stands in the "that" clause of an accusation noun of its sentence (data/extraction/accusation-nouns.txt).</summary>
    private static bool InAccusation(string[] lower, int t0, int first)
    {
        for (var k = t0 - 1; k > first; k--)
        {
            if (lower[k] == "that" && AccusationNouns.Value.Contains(lower[k - 1]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether an accusation verb ("accused", "accusing each other") stands within four tokens before <paramref name="of"/>.</summary>
    private static bool AccusationBefore(ExtractionLexicon lex, string[] lower, int of, int first)
    {
        for (var k = of - 1; k >= Math.Max(first, of - 4); k--)
        {
            if (lex.TriggersByFirst.TryGetValue(lower[k], out var patterns) && patterns.Exists(x => x.Type == "DISAPPROVE" && x.Mode == "accusation" && x.Tokens.Count == 1))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a quotation ending in a question mark closes within the four tokens before <paramref name="t0"/> ("“…?” the minister asked").</summary>
    private static bool QuotedQuestionBefore(string[] lower, int t0)
    {
        for (var k = t0 - 1; k >= Math.Max(1, t0 - 4); k--)
        {
            if (lower[k] is "”" or "\"" or "''")
            {
                return lower[k - 1] == "?";
            }

            if (Words.IsPunct(lower[k]))
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>
    /// A plural attack noun that no definite word ties to one act ("Israeli strikes", "hundreds of aerial attacks", not
    /// "the strikes" or "its attacks").
    /// </summary>
    private static bool PluralAttackNoun(Document doc, TriggerPattern p, string[] lower, int t0, int t1, int first)
    {
        var upos = doc.Tokens.Upos;
        if (!(p.Noun || upos.Count > t0 && upos[t0] == "NOUN") || !lower[t1 - 1].EndsWith('s'))
        {
            return false;
        }

        var k = t0 - 1;
        while (k >= first && upos.Count > k && upos[k] is "ADJ" or "PROPN" or "NOUN")
        {
            k--;
        }

        return !(k >= first && lower[k] is "the" or "this" or "that" or "these" or "those" or "its" or "their" or "his" or "her" or "'s" or "’s");
    }

    internal static Event? Build(ExtractionLexicon lex, Document doc, string[] lower, List<string> forms, TriggerPattern p, int t0, int t1, int first, int end, List<TokMention> sm, TokMention? slot, List<PlaceCandidate> places, List<Quantity> quantities, List<TimeExpression> times, PlaceCandidate? paragraphPlace, DependencyRoles? dep, Dictionary<int, (Place Place, int End)>? placeAt = null, string?[]? actorKinds = null, List<Place>? otherPlaces = null, List<Event>? reciprocal = null, RolePhraseResolver.DyadEvidence? dyadSeen = null)
    {
        var reality = Modality.Reality(lex, p.Type, lower, t0, t1, first, end);
        if (reality is null)
        {
            return null;
        }

        var (type, modePrefix) = reality.Value;

        // "the next meeting will take place soon", "another round of talks will be held": a meeting announced for the
        // future is agreed, not yet held
        if (p.Noun && type == "CONSULT" && modePrefix.Length == 0 && EventLexicon.Default.IsPlannedAfter(lower, t1, end))
        {
            (type, modePrefix) = ("AGREE", "intent: ");
        }

        if (TriggerMatcher.IsModifier(doc, p, lower, t0, t1, first, end))
        {
            return null;
        }

        // "such attacks", "fears of more attacks", "no one was killed": no report of an act
        if ((p.Has("incident") || p.Has("casualty")) && EventLexicon.Default.IsGeneric(lower, t0, first))
        {
            return null;
        }

        // "Baku and Yerevan accuse each other of attacks along the border": attacks an accusation names without a determiner
        // or a number are its content, no act the report tells (the accusation is the act)
        if (p.Type == "ASSAULT" && t0 > first && lower[t0 - 1] == "of" && PluralAttackNoun(doc, p, lower, t0, t1, first) && !(t0 - 2 >= first && doc.Tokens.Upos.Count > t0 - 2 && doc.Tokens.Upos[t0 - 2] == "NUM")
            && AccusationBefore(lex, lower, t0 - 1, first))
        {
            return null;
        }

        // "the claim that the governor is a warlord who started the war": a war named inside the content of an accusation
        // or a contested claim is the accuser's word, no act the report tells (the accusation is the act)
        if (p.Type == "ASSAULT" && p.Mode == "war" && InAccusation(lower, t0, first))
        {
            return null;
        }

        // "“Where are you now?” he asked": a question asked is no request
        if (p.Type == "REQUEST" && !p.Noun && QuotedQuestionBefore(lower, t0))
        {
            return null;
        }

        // "more than 70 civilians have been killed in the region since January", "had documented hundreds of aerial attacks
        // across the country this year": a toll or a count of many acts summed over a period is no single act (its
        // quantity stays a quantity with its evidence)
        // (told actively, "strikes have killed eight leaders since July", the strikes stay the act whose toll it is)
        if (p.Type == "ASSAULT" && (p.Has("casualty") && t0 > first && lower[t0 - 1] == "been" || PluralAttackNoun(doc, p, lower, t0, t1, first))
            && EventLexicon.Default.IsCumulative(lower, lex.Weekdays, w => AttackNouns.Contains(w) || lex.TriggersByFirst.TryGetValue(w, out var ps) && ps.Exists(x => x.Type == "ASSAULT" && (x.Noun || x.Has("incident"))), t0, first, end))
        {
            return null;
        }

        // "X welcomed Y during a meeting at Z", "X met Y for talks": a meeting noun after a meeting its sentence told is that meeting
        if (p.Type == "CONSULT" && (p.Noun || doc.Tokens.Upos.Count > t0 && doc.Tokens.Upos[t0] == "NOUN") && doc.Events.Exists(e => e.Type == "CONSULT" && e.Trigger is { } tr && tr.Start >= doc.Tokens.Starts[first] && tr.End <= doc.Tokens.Starts[t0]))
        {
            return null;
        }

        // (the verb of a pattern that opens with its adverb, "forcibly removing")
        var tokenForm = t1 > t0 + 1 && lower[t0].EndsWith("ly", StringComparison.Ordinal) && !p.Noun ? lower[t0 + 1] : lower[t0];
        // the clause the trigger sits in
        var clauseEnd = t1;
        while (clauseEnd < end && !(Words.ClauseBoundaries.Contains(lower[clauseEnd]) || lower[clauseEnd] is "as") && !(lower[clauseEnd] == "," && clauseEnd + 1 < end && lower[clauseEnd + 1] is "while" or "but" or "and" or "as" or "although")
            && !(lower[clauseEnd] == "," && Attribution(lex, lower, clauseEnd + 1, end))
            // ("ahead of …", "on the eve of …" date the act as "before" does: the talks they name give no roles or place)
            && !TimeAnchor(lower, clauseEnd, end))
        {
            clauseEnd++;
        }

        var mode = p.Mode;

        // "X welcomed Y during a meeting at Z": a host's welcome at a meeting is the meeting, with the one welcomed
        if (p.Has("host") && type == p.Type && MeetingNounAfter(lex, lower, t1, clauseEnd))
        {
            (type, mode) = ("CONSULT", "meeting");
        }

        var after = sm.Where(m => m.First >= t1 && m.First < clauseEnd).ToList();
        var passive = !p.Noun && !tokenForm.EndsWith("ing", StringComparison.Ordinal) && t0 - 1 >= first && (Words.BeForms.Contains(lower[t0 - 1]) || t0 - 2 >= first && Words.BeForms.Contains(lower[t0 - 2]) && lower[t0 - 1].EndsWith("ly", StringComparison.Ordinal)
            // "X, occupied since 2014", "Y, destroyed by the occupiers": a participle set off after a noun is a passive
            || lower[t0 - 1] == "," && tokenForm.EndsWith("ed", StringComparison.Ordinal) && t1 < end && lower[t1] is "by" or "since")
            || HeadlinePassive(doc, lower, p, t0, t1, first, end)
            || BarePassive(doc, lower, p, t0, t1, first, end);

        if (p.Has("needs=weapon"))
        {
            string? weaponMode = null;
            var q = quantities.FirstOrDefault(q => doc.TokenIndexAtOrAfter(q.Span.Start) is var qi && qi >= t1 && qi <= t1 + 4 && WeaponUnits.Contains(q.Unit));
            if (q is not null)
            {
                weaponMode = lex.Unit(q.UnitText ?? "")?.Mode ?? "strike";
            }
            else
            {
                for (var k = t1; k < Math.Min(clauseEnd, t1 + 5); k++)
                {
                    if (lex.Unit(lower[k]) is { Mode: not null } u)
                    {
                        weaponMode = u.Mode;
                        break;
                    }

                    if (AttackNouns.Contains(lower[k]))
                    {
                        weaponMode = k > first && lex.Unit(lower[k - 1]) is { Mode: not null } u2 ? u2.Mode : "strike";
                        break;
                    }
                }
            }

            if (weaponMode is null)
            {
                return null;
            }

            mode = weaponMode;
        }

        // "sent 195 billion euros", "pledged another $2bn": a transfer verb is aid only when an amount of money follows it
        if (p.Has("needs=money") && !quantities.Any(q => q.Kind == QuantityKind.Money && doc.TokenIndexAtOrAfter(q.Span.Start) is var qi && qi >= t1 && qi <= t1 + 3))
        {
            return null;
        }

        TokMention? objectOwner = null;
        if (p.Has("needs=personnel"))
        {
            objectOwner = after.FirstOrDefault(m => m.Form is "forces" && m.First <= t1 + 6);
            var hasPersonnel = objectOwner is not null || quantities.Any(q => q.Unit == "personnel" && doc.TokenIndexAtOrAfter(q.Span.Start) is var qi && qi >= t1 && qi <= t1 + 6);
            if (!hasPersonnel)
            {
                return null;
            }
        }

        var site = new TriggerSite
        {
            Doc = doc, Lower = lower, Forms = forms, Pattern = p, T0 = t0, T1 = t1, First = first, End = end, Mentions = sm, Slot = slot,
            Places = places, Quantities = quantities, Times = times, ParagraphPlace = paragraphPlace, Dep = dep, Type = type,
            ClauseEnd = clauseEnd, Passive = passive, ObjectOwner = objectOwner, PlaceAt = placeAt, ActorKinds = actorKinds,
        };
        // "“…,” he said, urging officials to press the junta": a speech act told by a participle after a reporting clause is
        // the speaker's, aimed at the first actor after it
        EventRoles? roles;
        if (p.Has("person") && !p.Noun && ParticipleSpeaker(lex, doc, lower, t0, first) is { } participleSpeaker)
        {
            var addressed = sm.FirstOrDefault(m => m.First >= t1 && m.First < clauseEnd && !m.Form.EndsWith("@loc", StringComparison.Ordinal) && m.Actor != participleSpeaker)?.Actor;
            roles = new EventRoles(participleSpeaker, participleSpeaker.Name, addressed?.Name, []);
        }
        else
        {
            roles = RoleRules.Find(lex, site);
        }

        if (roles is null)
        {
            return null;
        }

        var (agentName, targetName, participants) = (roles.AgentName, roles.TargetName, roles.Participants);

        // "Russia has lost over 900 soldiers": the side that loses them is what the act befell, not its agent (the agent is
        // the other side of the text's conflict when it has one)
        if (p.Has("agent=victim") && agentName is not null && roles.Agent is { Kind: ActorKind.State or ActorKind.ArmedForce })
        {
            targetName = roles.Agent.Kind == ActorKind.State ? agentName : roles.Agent.Affiliation ?? agentName;
            agentName = null;
            roles = roles with { Agent = null };
        }

        // the speakers' clauses around the trigger ("X said …", "…, Y said"), found once when a rule asks
        List<(int First, int End)>? speakerZones = null;
        List<(int First, int End)> SpeakerZones() => speakerZones ??= ReportingFrame.SpeakerZones(lex, lower, t0, t1, first, end);

        // "“We need more artillery,” X said": what a speaker's own side needs is the speaker's request, aimed at no one
        // named; "we must …" exhorts the speaker's own side, a demand on no one
        if (p.Has("frame=must") && targetName?.ToLowerInvariant() is "we" or "i")
        {
            if (type != "REQUEST")
            {
                return null;
            }

            targetName = null;
        }

        // "X said it was not fair for Y to …": a verdict on the one the slot names, by the one who states it
        if (p.Has("target=slot") && slot is not null)
        {
            targetName = slot.Actor.Name;
            agentName = (sm.FirstOrDefault(m => !m.Form.EndsWith("@loc", StringComparison.Ordinal) && ReportingFrame.InZones(SpeakerZones(), m))?.Actor
                ?? FirstPerson.QuoteSpeaker(lex, doc, lower, t0, t1))?.Name;
            if (agentName is null || agentName == targetName)
            {
                return null;
            }
        }

        // "the aggressor", "the enemy", "the two sides": the actors the text gives them
        if (roles.Agent is null && RolePhraseResolver.KindOf(agentName) is { } agentRole)
        {
            if (agentRole == "hostile")
            {
                agentName = RolePhraseResolver.Hostile(doc, lex);
            }
            else
            {
                var dyad = RolePhraseResolver.Dyad(doc, lex);
                agentName = dyad?.A;
                targetName = dyad?.B ?? targetName;
            }

            if (agentName is null && type != "ASSAULT")
            {
                return null;
            }
        }

        // "the Armed Forces of the Russian Federation invaded", "the Ukrainian Air Force destroyed": a state's armed body
        // stands for its state in a material act (the body stays a participant)
        if (type is "ASSAULT" or "MOBILIZE" or "RETREAT" && agentName is not null && ArmedBodyState(doc, lex, agentName) is { } bodyState)
        {
            participants = [.. participants, agentName];
            agentName = bodyState;
        }

        // "the air force had struck …", "the army accused …": an armed body named without its state is the one state whose
        // forces the report names ("the Myanmar military", "Malian troops")
        else if (roles.Agent is null && agentName is not null && BareArmedBody(agentName) && RolePhraseResolver.StatesByForces(doc) is [var onlyForces])
        {
            participants = [.. participants, agentName];
            agentName = onlyForces.Name;
        }

        // "Russian air defences destroyed 43 Ukrainian drones": an interception is the attack of the weapons' owner on the
        // defender ("Russian" before the air defence), not an attack by the defender
        if (type == "ASSAULT" && p.Mode is "shoot-down" or "destruction" && AirDefenceSubject(lower, t0, first))
        {
            var owner = quantities.FirstOrDefault(q => WeaponUnits.Contains(q.Unit) && q.Owner is not null && doc.TokenIndexAtOrAfter(q.Span.Start) is var qi && qi >= t1 && qi <= t1 + 4)?.Owner;
            var defender = sm.LastOrDefault(m => m.End <= t0 && m.First >= first && m.Actor.Kind == ActorKind.State)?.Actor.Name;
            if (agentName is not null && agentName != owner)
            {
                participants = [.. participants, agentName];
            }

            agentName = owner;
            targetName = defender is not null && defender != owner ? defender : null;
            mode = "shoot-down";
        }

        // "talks between Armenian and Azerbaijani officials": a group named by a state's demonym stands for the state
        targetName = DemonymGroupState(doc, lex, targetName) ?? targetName;
        if (DemonymGroupState(doc, lex, agentName) is { } groupState)
        {
            participants = [.. participants, agentName!];
            agentName = groupState;
        }

        // a war is waged by a state or an armed force, never by a news agency or a region ("speaks to the BBC about the war")
        if (p.Mode == "war" && agentName is not null && !lex.CountryByName.ContainsKey(agentName)
            && doc.Actors.FirstOrDefault(a => a.Name == agentName) is not { Kind: ActorKind.State or ActorKind.ArmedForce })
        {
            return null;
        }

        // "the full-scale invasion", "its invasion": without an agent of its own, the side the text shows attacking
        if (agentName is null && p.Has("agent=hostile"))
        {
            agentName = RolePhraseResolver.Hostile(doc, lex, unphrased: lower);
            if (agentName is null)
            {
                return null;
            }
        }

        // "Crimea, occupied since 2014", "the occupiers are holding X": an occupation told without its agent (or with a
        // common-noun phrase that no actor names: "residents fled from X, occupied since …") is the side the text shows
        // attacking, when it shows one
        var reducedRelative = passive && lower[t0 - 1] == "," && lower[t1] != "by";
        if (p.Has("hostile") && (agentName is null || reducedRelative || roles.Agent is null && !agentName.Split(' ').Any(Words.IsCapitalised)))
        {
            agentName = RolePhraseResolver.Hostile(doc, lex, unphrased: lower) ?? agentName;
        }

        // "survived an attack on his life": the target is the one whose life it is, not the word "life"
        if (targetName is not null && (targetName.Equals("life", StringComparison.OrdinalIgnoreCase) || targetName.Equals("lives", StringComparison.OrdinalIgnoreCase)))
        {
            targetName = RoleCandidates.LifeOwner(lower, sm, t0, t1, first, end)?.Actor.Name;
        }

        if (RolePhraseResolver.KindOf(targetName) is { } targetRole)
        {
            targetName = targetRole == "hostile" ? RolePhraseResolver.Hostile(doc, lex) : RolePhraseResolver.Dyad(doc, lex) is { } d ? (d.A == agentName ? d.B : d.A) : null;
            if (targetName == agentName)
            {
                targetName = null;
            }
        }

        // a side does not attack itself: "gunmen ambushed a Malian army convoy" read as Mali on Mali names only the target
        if (type == "ASSAULT" && agentName is not null && agentName == targetName)
        {
            agentName = null;
        }

        // the source of a reporting clause around the trigger ("X said two drones struck …") is the claim's, not a role
        // (a demand, a visit or a warning may be the speaker's own act: only material acts are filtered)
        // (nor a reference to a known act: "X said the attack was retaliation" leaves the attack's roles to its report)
        // ("X said the strike had cut power …", where the act is the subject of the reported clause, still leaves the speaker out)
        var reference = p.Noun && t0 > first && lower[t0 - 1] is "the" or "this" or "that" or "its" or "his" or "their"
            && !(t1 < end && doc.Tokens.Upos.Count > t1 && doc.Tokens.Upos[t1] is "AUX" or "VERB"
                && (t0 - 2 >= first && lex.ReportingVerbs.ContainsKey(lower[t0 - 2]) || t0 - 3 >= first && lower[t0 - 2] == "that" && lex.ReportingVerbs.ContainsKey(lower[t0 - 3])));
        var speakers = !reference && type is "ASSAULT" or "COERCE" or "MOBILIZE" or "RETREAT" ? SpeakerZones() : [];
        if (!roles.FirstPerson && ReportingFrame.IsSpeakerOnly(agentName, speakers, sm, forms, lower, first, t0)
            || !roles.FirstPerson && roles.Agent is { } speaker && speaker.Name != agentName && ReportingFrame.IsSpeakerOnly(speaker.Name, speakers, sm, forms, lower, first, t0))
        {
            participants = participants.Where(n => n != roles.Agent?.Name).ToList();
            agentName = null;
        }

        // "the Russian defence ministry said its forces had struck …": forces a speaker calls its own are its side's (also
        // when they are said to have carried out an act told before: "X said its fighters carried out the bombing")
        var ownZones = reference && type == "ASSAULT" && roles.Agent is null && agentName is not null ? SpeakerZones() : speakers;
        if (roles.Agent is null && agentName is not null && ownZones.Count > 0 && ReportingFrame.OwnSide(lex, ownZones, sm, lower, first, t0, k => Follows(lower, k, t0 + 1, agentName), () => RolePhraseResolver.StatesByForces(doc) is [var only] ? only.Name : null) is { } side)
        {
            participants = [.. participants, agentName];
            agentName = side;
        }
        else if (roles.Agent is { } own && own.Name == agentName && own.Kind is not (ActorKind.State or ActorKind.ArmedForce) && speakers.Count > 0
            && sm.Any(m => m.Actor == own && ReportingFrame.InZones(speakers, m))
            && ReportingFrame.OwnSide(lex, speakers, sm, lower, first, t0, k => MilitaryBodies.Value.Contains(lower[k]) || FirstPerson.IsOwnSideNoun(lower[k])) is { } ownSide && ownSide != agentName)
        {
            participants = [.. participants, agentName!];
            agentName = ownSide;
        }

        // "the group said its fighters had targeted … and accused the army of …": a speech act joined by "and" to a
        // report is the speaker's, not that of the speaker's own people the report names (the speaker's side when an
        // actor speaks, else unknown)
        if (type is not ("ASSAULT" or "COERCE" or "MOBILIZE" or "RETREAT") && roles.Agent is null && agentName is not null && t0 > first && lower[t0 - 1] == "and"
            && !doc.Actors.Any(a => a.Name == agentName) && FirstPerson.IsOwnSideNoun(agentName.Split(' ')[^1].ToLowerInvariant())
            && SpeakerZones() is { Count: > 0 } reportZones)
        {
            var reporter = sm.LastOrDefault(m => ReportingFrame.InZones(reportZones, m))?.Actor;
            participants = participants.Where(n => n != agentName).ToList();
            agentName = reporter is null ? null : ReportingFrame.SideOf(lex, reporter, armedForceItself: true) ?? reporter.Name;
        }

        // "asked partners for more air defence systems": what is asked for is no target; the one asked is
        if (type == "REQUEST" && targetName is not null)
        {
            var forAt = t1 < end ? Array.IndexOf(lower, "for", t1, Math.Min(end, t1 + 6) - t1) : -1;
            if (forAt >= 0 && forAt + 1 < end && Follows(lower, forAt + 1, end, targetName))
            {
                var named = forAt - t1 is > 0 and <= 4 && !(lower[t1] is "to" or "that" or "him" or "her" or "them" or "it" or "us" or "me")
                    && Enumerable.Range(t1, forAt - t1).All(k => char.IsLetter(forms[k][0]));
                targetName = named ? string.Join(' ', forms.Skip(t1).Take(forAt - t1)) : null;
            }
        }

        if (ReportingFrame.IsSpeakerOnly(targetName, speakers, sm, forms, lower, first, t0) || targetName is not null && RoleFilter.IsCount(targetName, lex))
        {
            targetName = null;
        }

        // "X and Y accuse each other": each side acts on the other (the second act is returned in reciprocal)
        string? reciprocalAgent = null;
        var eachOther = t1 + 1 < end && (lower[t1] == "each" && lower[t1 + 1] == "other" || lower[t1] == "one" && lower[t1 + 1] == "another");
        if ((eachOther || targetName is not null && targetName.ToLowerInvariant() is "each other" or "one another") && Coordinated(sm, lower, t0, first) is { } pair)
        {
            agentName = pair.A;
            targetName = pair.B;
            reciprocalAgent = pair.B;
        }

        // "a move that sparked concern among European leaders": a reaction to the act its sentence told before it is aimed
        // at that act's agent
        if (p.Has("target=mover") && targetName is null)
        {
            var (sentenceStart, at) = (doc.Tokens.Starts[first], doc.Tokens.Starts[t0]);
            targetName = doc.Events.LastOrDefault(e => e.Trigger is { } tr && tr.Start >= sentenceStart && tr.End <= at && e.Actor is not null && e.Actor != agentName)?.Actor;
        }

        // "the US and Ukraine continue bilateral engagements": talks named by a noun without "with" are between the two
        // sides of the coordinated subject
        if (type == "CONSULT" && targetName is null && Coordinated(sm, lower, t0, first) is { } talkers && (agentName is null || agentName == talkers.A || agentName == talkers.B))
        {
            agentName = talkers.A;
            targetName = talkers.B;
        }

        // "X added that he and Y had shared very good talks": the speaker met the one named with them
        else if (type == "CONSULT" && targetName is null && sm.LastOrDefault(m => m.End <= t0 && m.First >= first + 2 && !m.Form.EndsWith("@loc", StringComparison.Ordinal)) is { } named
            && lower[named.First - 1] == "and" && lower[named.First - 2] is "he" or "she" or "i"
            && sm.FirstOrDefault(m => !m.Form.EndsWith("@loc", StringComparison.Ordinal) && ReportingFrame.InZones(SpeakerZones(), m))?.Actor is { Kind: ActorKind.Person } teller
            && teller.Name != named.Actor.Name && (agentName is null || agentName == named.Actor.Name || agentName == teller.Name))
        {
            agentName = teller.Name;
            targetName = named.Actor.Name;
        }

        roles = roles with { AgentName = agentName, TargetName = targetName };
        var (location, locationPlace, locatedInClause) = Locate(site, roles);

        // "the Russians abandoned Irpin", "withdrew from Kherson": a town left is where the retreat happened, not a side
        if (type == "RETREAT" && targetName is not null && !lex.CountryByName.ContainsKey(targetName)
            && doc.Places.FirstOrDefault(pl => pl.Precision is PlacePrecision.Point or PlacePrecision.Adm2 or PlacePrecision.Adm1
                && (pl.Name == targetName || pl.Mentions.Any(m => doc.TextOf(m) == targetName))) is { } left)
        {
            targetName = null;
            location = left.Name;
            locationPlace = left;
        }

        // a hostile act by one side of the text's two-sided conflict, with no other side named, targets the other side;
        // an attack without a named perpetrator on one side's territory or people is the other side's
        // "keep fighting Europe's bloodiest conflict since …": the possessor of the war fought names where it is, not a side
        if (targetName is not null && sm.Exists(m => m.Actor.Name == targetName && m.First >= t1 && m.End + 1 < end && lower[m.End] is "'s" or "’s"
            && Enumerable.Range(m.End + 1, Math.Min(3, end - m.End - 1)).Any(k => lower[k] is "war" or "conflict" or "wars" or "conflicts")))
        {
            targetName = null;
        }

        // a rejection's object ("the demand", "any such land concessions") is what is rejected, not a side
        if (type == "REJECT" && targetName is not null && !targetName.Split(' ').Any(Words.IsCapitalised) && !doc.Actors.Any(a => a.Name == targetName))
        {
            targetName = null;
        }

        // "Ukraine has rejected the demand": a rejection of something put to the rejecting side answers the side that put it
        if (type == "REJECT" && agentName is not null && RejectsProposal(lower, t0, t1, first, end) && Answered(doc, agentName) is { } asker)
        {
            targetName = asker;
        }

        if ((type is "ASSAULT" or "DISAPPROVE" or "THREATEN" or "SANCTION" or "COERCE" or "REJECT" || type == "MOBILIZE" && p.Type == "ASSAULT") && RolePhraseResolver.MainDyad(doc) is { } sides)
        {
            // a hostile act by one side told against the other (an attack also at the other's place): the two states are at odds
            var dyad = dyadSeen ?? new RolePhraseResolver.DyadEvidence();
            if (agentName is not null && (sides.A == agentName || sides.B == agentName)
                && (sides.A == agentName ? sides.B : sides.A) is var otherSide
                && (targetName == otherSide || type == "ASSAULT" && locationPlace?.Country is { } atIso && lex.CountryByName.TryGetValue(otherSide, out var otherState) && otherState.Code == atIso))
            {
                dyad.Hostile = true;
            }

            // (an attack's victims named by no actor, "civilians", "soldiers", "hundreds of civilians", are the other side's:
            // states stand for their people and forces)
            if ((targetName is null || type == "ASSAULT" && !doc.Actors.Any(a => a.Name == targetName) && !lex.CountryByName.ContainsKey(targetName))
                && agentName is not null && (sides.A == agentName || sides.B == agentName))
            {
                if (targetName is not null)
                {
                    participants = [.. participants, targetName];
                }

                targetName = sides.A == agentName ? sides.B : sides.A;
            }
            else if (type == "ASSAULT" && agentName is null && !dyad.NoGuess)
            {
                var victim = targetName is not null && (sides.A == targetName || sides.B == targetName) ? targetName
                    : locationPlace?.Country is { } locIso && lex.Countries.FirstOrDefault(c => c.Code == locIso)?.Name is { } locState && (sides.A == locState || sides.B == locState) ? locState : null;
                if (victim is not null)
                {
                    dyad.Guessed = true;
                    agentName = sides.A == victim ? sides.B : sides.A;
                    targetName ??= victim;
                }
            }
        }

        // "Russia's full-scale invasion", "Russia's war", "the land it occupies": a war waged by a state with no target
        // named is waged on the state the text is about (the state it names most, clearly ahead of the next)
        // (so are an attack's victims that no actor names: "civilians", "soldiers", "refugees")
        if (type == "ASSAULT" && modePrefix.Length == 0 && agentName is not null && lex.CountryByName.ContainsKey(agentName)
            && (targetName is null && p.Mode is "invasion" or "war" or "territory taken" || targetName is not null && !doc.Actors.Any(a => a.Name == targetName) && !lex.CountryByName.ContainsKey(targetName) && doc.Places.All(pl => pl.Name != targetName))
            && WagedOn(doc, agentName) is { } wagedOn)
        {
            if (targetName is not null)
            {
                participants = [.. participants, targetName]; // the victims as told stay among the participants
            }

            targetName = wagedOn;
        }

        // "tracts of the country occupied by Russia": the attacker's own country, placed by its name as the agent, is not
        // where its attack on another state happens; that state is, when the text names it as a place (land retaken is
        // the attacker's own: "regained territory in southern Ukraine"; a country named as the place, "in Syria", stays)
        if (type == "ASSAULT" && p.Mode != "territory retaken" && locationPlace is { Precision: PlacePrecision.Country } && agentName is not null && targetName is not null && targetName != agentName
            && !sm.Any(m => m.Form.EndsWith("@loc", StringComparison.Ordinal) && m.Actor.Name == agentName) // ("killed in Syria": named as the place)
            && lex.CountryByName.TryGetValue(agentName, out var ownState) && ownState.Code == locationPlace.Country
            && lex.CountryByName.TryGetValue(targetName, out var victimState))
        {
            locationPlace = doc.Places.FirstOrDefault(pl => pl.Precision == PlacePrecision.Country && pl.Country == victimState.Code);
            location = locationPlace?.Name;
        }

        // "advanced in A, B, near C and in D": one attack per place of the list (ACLED codes one event per location)
        if (otherPlaces is not null && type is "ASSAULT" or "CONSULT" && locatedInClause && locationPlace is not null && placeAt is not null)
        {
            var upos = doc.Tokens.Upos;
            for (var k = t1; k < end; k++)
            {
                if (k > t1 && upos.Count > k && upos[k] is "VERB" or "AUX" || lower[k] is ";" or ":" || TimeAnchor(lower, k, end))
                {
                    break;
                }

                // "between A and B" is one stretch ("on the road between A and B") or the two sides ("talks between A and
                // B"), not a list of places where the act happened: skip it
                if (lower[k] == "between")
                {
                    var and = Array.IndexOf(lower, "and", k + 1, Math.Max(0, Math.Min(end, k + 8) - (k + 1)));
                    if (and > 0)
                    {
                        k = and + 1 < end && placeAt.TryGetValue(and + 1, out var second) ? second.End - 1 : and + 1;
                    }

                    continue;
                }

                // "…, the A-B tactical area", "and in western C": an article, a compass word or the first part of a
                // hyphenated pair of places may stand before the place
                var before = k - 1;
                while (before > t1 && (lower[before] == "the" || CompassWords.Contains(lower[before]) || lower[before] == "-" && before - 1 > t1 && Words.IsCapitalised(forms[before - 1])))
                {
                    before -= lower[before] == "-" ? 2 : 1;
                }

                // (a province right after a town of its own, "the town of A, B region", says where A is: no place of its own)
                if (placeAt.TryGetValue(k, out var hit) && hit.Place.Precision is PlacePrecision.Point or PlacePrecision.Adm2 or PlacePrecision.Adm1
                    && hit.Place.Id != locationPlace.Id && !otherPlaces.Contains(hit.Place) && k > t1 && !Encloses(hit.Place, otherPlaces.Count > 0 ? otherPlaces[^1] : locationPlace) && lower[before] is "," or "and" or "or" or "in" or "near" or "of" or "around" or "as"
                    && !(lower[k - 1] is "of" && k - 3 >= first && lower[k - 2] is "district" or "region" or "oblast" or "province" or "raion" or "area" or "governorate" && Words.IsCapitalised(forms[k - 3]))) // "the Korabelnyi district of Kherson" is in Kherson
                {
                    otherPlaces.Add(hit.Place);
                }
            }

            // "in towns of a country such as A, B and C": the act is at each town of the list, not at their country
            if (locationPlace.Precision == PlacePrecision.Country && otherPlaces.Count > 0 && otherPlaces.All(o => o.Country == locationPlace.Country))
            {
                locationPlace = otherPlaces[0];
                location = locationPlace.Name;
                otherPlaces.RemoveAt(0);
            }
        }

        // an attack by a state on a thing in another state's territory ("struck an oil depot in X", "struck the Y
        // refinery in X") targets that state
        // (so does an attack on people no actor names, "mass graves of civilians killed by the Russian offensive", at a
        // place the paragraph gives)
        var peopleTarget = targetName is not null && !doc.Actors.Any(a => a.Name == targetName)
            && lex.Unit(PhraseIndex<int>.Split(targetName)[^1].ToLowerInvariant()) is { Unit: "civilians" or "people" or "children" };
        if (type == "ASSAULT" && agentName is not null && (locatedInClause || peopleTarget && locationPlace is { Precision: not PlacePrecision.Country }) && locationPlace?.Country is { } iso
            && lex.CountryByName.TryGetValue(agentName, out var agentState) && agentState.Code != iso
            && (targetName is null || !lex.CountryByName.ContainsKey(targetName) && !doc.Actors.Any(a => a.Name == targetName))
            && lex.Countries.FirstOrDefault(c => c.Code == iso) is { } targetState)
        {
            targetName = targetState.Name;
        }

        // time: the nearest expression in the sentence
        var t0Start = doc.Tokens.Starts[t0];
        var clauseFrom = doc.Tokens.Starts[ClauseStart(lower, t0, first)];
        var clauseTo = doc.Tokens.Ends[Math.Max(t1, clauseEnd) - 1];
        var sentenceStartChar = doc.Tokens.Starts[first];
        // the time of a report of an act in the past perfect ("in a statement on Saturday, it said the air force had
        // struck a camp", "officials said on Saturday that troops had shelled …") dates the statement: the act came before it
        var reportedEarlier = PastPerfect(lower, t0, first);
        bool Told(TimeExpression t) => reportedEarlier && Enumerable.Range(first, t0 - first)
            .Any(k => lex.ReportingVerbs.ContainsKey(lower[k]) && (doc.Tokens.Starts[k] >= t.Span.End || k + 1 < t0 && doc.Tokens.Starts[k + 1] == t.Span.Start));
        var time = times.Where(t => t.Span.Start >= clauseFrom && t.Span.End <= clauseTo && !Told(t)).OrderBy(t => Math.Abs(t.Span.Start - t0Start)).FirstOrDefault()
            ?? times.FirstOrDefault(t => t.Span.Start == sentenceStartChar && !Told(t));

        var span = new TextSpan(doc.Tokens.Starts[t0], doc.Tokens.Ends[t1 - 1]);
        var ev = new Event
        {
            Id = "",
            Type = type,
            Mode = modePrefix + mode,
            Actor = agentName,
            Target = targetName,
            Location = location,
            PlaceId = locationPlace?.Id,
            TimeId = time?.Id,
            Trigger = span,
            Evidence = doc.Sentence(doc.SentenceIndexAt(span.Start)).Span,
        };
        ev.Mentions.Add(span);
        ev.Participants.AddRange(participants.Where(n => n != agentName).Distinct(StringComparer.Ordinal));
        var clauseStartChar = doc.Tokens.Starts[ClauseStart(lower, t0, first)];
        var clauseEndChar = doc.Tokens.Ends[Math.Max(t1, clauseEnd) - 1];
        foreach (var q in quantities)
        {
            // a toll of dead or wounded is an attack's, never a truce's or a talk's ("killed … since the ceasefire took effect")
            if (q.Span.Start >= clauseStartChar && q.Span.End <= clauseEndChar && !(q.Unit is "killed" or "wounded" or "casualties" && type is not ("ASSAULT" or "COERCE")))
            {
                ev.QuantityIds.Add(q.Id);
                if (q.Owner is null && (q.Unit is "personnel" && p.Type == "MOBILIZE" || q.Unit is "drones" or "missiles" or "bombs" or "shells" && p.Type == "ASSAULT"))
                {
                    q.Owner = agentName;
                }
            }
        }

        if (lex.AcledFor(ev.Type, ev.Mode) is { } acled)
        {
            ev.AcledType = acled.EventType;
            ev.AcledSubType = acled.SubType;
        }

        if (reciprocalAgent is not null && reciprocal is not null)
        {
            var back = new Event
            {
                Id = "", Type = ev.Type, Mode = ev.Mode, Actor = reciprocalAgent, Target = agentName, Location = ev.Location, PlaceId = ev.PlaceId,
                TimeId = ev.TimeId, Trigger = ev.Trigger, Evidence = ev.Evidence, AcledType = ev.AcledType, AcledSubType = ev.AcledSubType,
            };
            back.Mentions.AddRange(ev.Mentions);
            reciprocal.Add(back);
        }

        return ev;
    }
}
