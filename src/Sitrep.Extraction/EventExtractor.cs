using Sitrep.Core;
using Sitrep.Core.Pipeline;
using Sitrep.Geo;

namespace Sitrep.Extraction;

/// <summary>
/// Finds events from verbal and nominal triggers (data/extraction/event-triggers.tsv) and fills their roles: the
/// agent (the subject, a possessor "X's offensive", a demonym "Russian strikes", "by X", the owner of deployed
/// troops), the target ("against/on/targeting X", a direct object, "with X" for agreements), the event's own
/// location (a place after a locative preposition "in/near/around X", "the region" → the region of the last place
/// named, "the capital" → the target's capital from the gazetteer, else the paragraph's place; never a demonym or a
/// place used as an agent), the time and quantities of its clause. With the Places layer, a location is one of the
/// document's resolved places (its id and precision travel with the event). Unrealised events ("poised for an offensive",
/// "efforts to reclaim") are skipped. Reports of one event in several sentences are merged into one event.
/// </summary>
public sealed class EventExtractor : IStage
{
    public const string StageName = "sitrep.Events.v1";

    private static readonly HashSet<string> TargetPrepositions = new(StringComparer.Ordinal) { "against", "on", "at", "targeting", "targeted", "upon", "engaging", "toward", "towards", "into" };

    private static readonly HashSet<string> PlacePrepositions = new(StringComparer.Ordinal) { "in", "near", "around", "at", "outside", "across", "into", "inside", "within", "throughout" };

    private static readonly HashSet<string> PlaceSuffixes = new(StringComparer.Ordinal) { "region", "oblast", "province", "district", "city", "area", "governorate", "state", "front", "raion" };

    private static readonly HashSet<string> AgentPrepositions = new(StringComparer.Ordinal) { "by", "of", "involving", "from" };

    private static readonly HashSet<string> AttackNouns = new(StringComparer.Ordinal) { "attack", "attacks", "strike", "strikes", "offensive", "assault", "barrage", "salvo", "raid", "raids", "airstrike", "airstrikes", "bombardment", "fire", "gunfire" };

    private static readonly HashSet<string> WithPreposition = new(StringComparer.Ordinal) { "with" };

    private static readonly HashSet<string> ActorPrepositions = new(StringComparer.Ordinal) { "to", "with", "against", "on", "from", "by", "into", "toward", "towards", "at", "for", "over" };

    private static readonly HashSet<string> NounArgumentPrepositions = new(StringComparer.Ordinal) { "of", "from", "by", "on", "against", "to", "for" };

    private static readonly HashSet<string> PlaceTargetPrepositions = new(StringComparer.Ordinal) { "in", "to", "into", "from" };

    private static readonly HashSet<string> ToPreposition = new(StringComparer.Ordinal) { "to" };

    private static readonly HashSet<string> Hostile = new(StringComparer.Ordinal) { "ASSAULT", "COERCE", "SANCTION", "PROTEST", "MOBILIZE", "THREATEN" };

    private static readonly HashSet<string> Cooperative = new(StringComparer.Ordinal) { "AGREE", "AID", "SUPPORT", "CONSULT", "COOPERATE", "CONCEDE", "RETREAT" };

    /// <summary>Subjects that are the means of an attack, not its perpetrator.</summary>
    private static readonly HashSet<string> WeaponHeads = new(StringComparer.Ordinal) { "bomb", "bombs", "bombing", "device", "explosion", "explosions", "blast", "mine", "mines", "missile", "missiles", "drone", "drones", "shell", "shells", "shelling", "rocket", "rockets", "attack", "attacks", "strike", "strikes", "fire", "airstrike", "grenade", "ied", "car" };

    private static readonly HashSet<string> WeaponUnits = new(StringComparer.Ordinal) { "drones", "missiles", "bombs", "shells", "strikes", "attacks" };

    private static readonly HashSet<string> NotPlaces = new(StringComparer.Ordinal) { "I", "The", "A", "An", "This", "That", "It", "He", "She", "They", "We", "World", "War", "President", "Prime" };

    private static readonly HashSet<string> PlaceNouns = new(StringComparer.Ordinal) { "town", "city", "village", "villages", "towns", "cities", "region", "province", "district", "oblast", "settlement", "settlements", "port", "area" };

    private static readonly Lazy<PlaceResolver> Resolver = new(() => new PlaceResolver(Sitrep.Geo.Gazetteer.Default));

    private readonly ExtractionLexicon _lex;

    public EventExtractor(ExtractionLexicon? lexicon = null) => _lex = lexicon ?? ExtractionLexicon.Default;

    public string Name => StageName;

    public IReadOnlyList<Layer> Requires { get; } = [Layer.Tokens, Layer.Sentences, Layer.Actors, Layer.Quantities, Layer.Times];

    public IReadOnlyList<Layer> Assigns { get; } = [Layer.Events];

    /// <summary>
    /// A cheap lexical pre-check: whether an event rule can fire in the sentence, i.e. a trigger pattern matches its
    /// words (an actor slot counts as matching, as the actors are not known yet). The event rules read the parse only
    /// around a matched trigger, so the parser needs only these sentences.
    /// </summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Document, string[]> SentenceLower = new();

    public bool MayFire(Document doc, SentenceRange sentence)
    {
        ArgumentNullException.ThrowIfNull(doc);
        var forms = doc.Tokens.Forms;
        var end = Math.Min(sentence.End, forms.Count);
        string[]? lower = null;
        for (var i = Math.Max(0, sentence.First); i < end; i++)
        {
            if (!_lex.TriggersByFirst.TryGetValue(forms[i].ToLowerInvariant(), out var patterns))
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

    public void Process(Document doc, CancellationToken cancellationToken)
    {
        doc.Events.Clear();
        var lower = Words.Lower(doc);
        var forms = doc.Tokens.Forms;
        var dep = DependencyRoles.For(doc, lower);
        var actorsById = doc.Actors.ToDictionary(a => a.Id, StringComparer.Ordinal);
        var mentions = doc.ActorMentions.Select(m => new TokMention(doc.TokenIndexAtOrAfter(m.Span.Start), doc.TokenIndexAtOrAfter(m.Span.End), actorsById[m.ActorId], m.Form)).ToList();
        var paragraphs = Words.SentenceParagraphs(doc);
        var placeAt = doc.Has(Layer.Places) ? PlaceMentions(doc) : null;
        PlaceCandidate? lastRegion = null;
        PlaceCandidate? paragraphPlace = null;
        var lastParagraph = -1;
        var mi = 0;
        for (var s = 0; s < doc.SentenceCount; s++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var sentence = doc.Sentence(s);
            if (paragraphs[s] != lastParagraph)
            {
                paragraphPlace = null;
                lastParagraph = paragraphs[s];
            }

            var first = sentence.FirstToken;
            var end = sentence.EndToken;
            while (mi < mentions.Count && mentions[mi].First < first)
            {
                mi++;
            }

            var sm = new List<TokMention>();
            for (var k = mi; k < mentions.Count && mentions[k].First < end; k++)
            {
                sm.Add(mentions[k]);
            }

            var places = FindPlaces(doc, lower, forms, first, end, sm, placeAt, ref lastRegion);
            var sentenceStartPlace = paragraphPlace;
            var quantities = doc.Quantities.Where(q => q.Evidence.Start == sentence.Span.Start).ToList();
            var times = doc.Times.Where(t => sentence.Span.Contains(t.Span)).ToList();
            // a sentence the parser skipped falls back to the word-order rules
            var sentenceDep = dep is not null && dep.IsParsed(first) ? dep : null;
            var consumedUntil = first;
            for (var i = first; i < end; i++)
            {
                if (i < consumedUntil || !_lex.TriggersByFirst.TryGetValue(lower[i], out var patterns))
                {
                    continue;
                }

                // longest pattern first; a pattern whose roles cannot be filled gives way to the next
                var candidates = new List<(TriggerPattern P, int End, TokMention? Slot)>();
                foreach (var p in patterns)
                {
                    if (TryPattern(p, lower, i, end, sm, out var pEnd, out var pSlot))
                    {
                        candidates.Add((p, pEnd, pSlot));
                    }
                }

                Event? ev = null;
                var bestEnd = i;
                foreach (var (p, pEnd, pSlot) in candidates.OrderByDescending(c => c.P.Tokens.Count))
                {
                    ev = Build(doc, lower, forms, p, i, pEnd, first, end, sm, pSlot, places, quantities, times, sentenceStartPlace, sentenceDep);
                    if (ev is not null)
                    {
                        bestEnd = pEnd;
                        break;
                    }
                }

                if (ev is null)
                {
                    continue;
                }

                consumedUntil = bestEnd;
                AddOrMerge(doc, ev);
            }

            if (places.Count > 0)
            {
                paragraphPlace = places.LastOrDefault(pl => !pl.IsCapitalOf) ?? paragraphPlace;
            }
        }
    }

    private Event? Build(Document doc, string[] lower, List<string> forms, TriggerPattern p, int t0, int t1, int first, int end, List<TokMention> sm, TokMention? slot, List<PlaceCandidate> places, List<Quantity> quantities, List<TimeExpression> times, PlaceCandidate? paragraphPlace, DependencyRoles? dep)
    {
        var reality = Reality(p.Type, lower, t0, t1, first, end);
        if (reality is null)
        {
            return null;
        }

        var (type, modePrefix) = reality.Value;

        var tokenForm = lower[t0];
        // "Russian-occupied Ukraine": a hyphenated compound modifies a noun
        if (t0 > first && lower[t0 - 1] == "-")
        {
            return null;
        }

        // "the army's newly reinforced units": a participle inside a noun phrase modifies, it does not narrate
        if (!p.Noun && tokenForm.EndsWith("ed", StringComparison.Ordinal))
        {
            var b = t0 - 1;
            while (b >= first && lower[b].EndsWith("ly", StringComparison.Ordinal))
            {
                b--;
            }

            if (b >= first && (lower[b] is "'s" or "the" or "a" or "an" or "its" or "their" or "his" or "her") && t1 < end && char.IsLetter(lower[t1][0]) && !Words.Determiners.Contains(lower[t1]))
            {
                return null;
            }
        }

        // the clause the trigger sits in
        var clauseEnd = t1;
        while (clauseEnd < end && !(Words.ClauseBoundaries.Contains(lower[clauseEnd]) || lower[clauseEnd] is "as") && !(lower[clauseEnd] == "," && clauseEnd + 1 < end && lower[clauseEnd + 1] is "while" or "but" or "and" or "as" or "although"))
        {
            clauseEnd++;
        }

        var mode = p.Mode;
        var after = sm.Where(m => m.First >= t1 && m.First < clauseEnd).ToList();
        var passive = !p.Noun && !tokenForm.EndsWith("ing", StringComparison.Ordinal) && t0 - 1 >= first && (Words.BeForms.Contains(lower[t0 - 1]) || t0 - 2 >= first && Words.BeForms.Contains(lower[t0 - 2]) && lower[t0 - 1].EndsWith("ly", StringComparison.Ordinal));

        if (p.Has("needs=weapon"))
        {
            string? weaponMode = null;
            var q = quantities.FirstOrDefault(q => doc.TokenIndexAtOrAfter(q.Span.Start) is var qi && qi >= t1 && qi <= t1 + 4 && WeaponUnits.Contains(q.Unit));
            if (q is not null)
            {
                weaponMode = _lex.Unit(q.UnitText ?? "")?.Mode ?? "strike";
            }
            else
            {
                for (var k = t1; k < Math.Min(clauseEnd, t1 + 5); k++)
                {
                    if (_lex.Unit(lower[k]) is { Mode: not null } u)
                    {
                        weaponMode = u.Mode;
                        break;
                    }

                    if (AttackNouns.Contains(lower[k]))
                    {
                        weaponMode = k > first && _lex.Unit(lower[k - 1]) is { Mode: not null } u2 ? u2.Mode : "strike";
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

        Actor? agent = null;
        Actor? target = null;
        string? nounAgentText = null;
        string? fixedTargetText = null;
        var fixedRoles = p.Has("frame=must");
        var participants = new List<string>();
        if (fixedRoles)
        {
            // "X said Y must …": a demand by the reporting source on the clause's subject
            if (!MustRoles(doc, lower, forms, t0, t1, first, sm, dep, out agent, out target, out nounAgentText, out fixedTargetText))
            {
                return null;
            }
        }
        else if (slot is not null)
        {
            agent = slot.Actor;
        }
        else if (p.Has("agent=object"))
        {
            var q = quantities.FirstOrDefault(q => q.Unit == "personnel" && q.Owner is not null && doc.TokenIndexAtOrAfter(q.Span.Start) is var qi && qi >= t1 && qi <= t1 + 6);
            if (q is not null)
            {
                agent = doc.Actors.FirstOrDefault(a => a.Name == q.Owner && a.Kind == ActorKind.State);
            }

            agent ??= objectOwner?.Actor;
            var subject = LeftAgent(lower, sm, t0, first, allowComma: false);
            if (subject is not null && agent is not null && subject.Actor != agent)
            {
                participants.Add(subject.Actor.Name);
            }
        }
        else if (p.Noun)
        {
            // possessor or demonym just before; "by/of/involving X" just after
            var before = sm.LastOrDefault(m => m.End <= t0 && m.End >= t0 - 5 && !m.Form.EndsWith("@loc", StringComparison.Ordinal));
            if (before is not null && (before.End < t0 && lower[before.End] == "'s" || before.Form == "demonym" || before.Form == "metonym" || before.Form == "name" || before.End == t0) && !Enumerable.Range(before.End, t0 - before.End).Any(k => Words.IsPunct(lower[k]) && lower[k] != "'s" && lower[k] != "-"))
            {
                agent = before.Actor;
            }
            else
            {
                var k = t1;
                // "the invasion of Ukraine": for attacks "of" names the victim, not the attacker
                if (k < end && AgentPrepositions.Contains(lower[k]) && !(p.Type == "ASSAULT" && lower[k] == "of"))
                {
                    k++;
                    if (k < end && lower[k] is "the")
                    {
                        k++;
                    }

                    var m = sm.FirstOrDefault(m => m.First >= k && m.First <= k + 2);
                    agent = m?.Actor;
                }
            }

            if (agent is null)
            {
                (agent, nounAgentText) = NounAgent(doc, lower, forms, t0, first, sm, dep);
                if (agent is null && nounAgentText is null)
                {
                    return null;
                }
            }
        }
        else if (passive)
        {
            var byIdx = Enumerable.Range(t1, Math.Max(0, Math.Min(clauseEnd, t1 + 6) - t1)).FirstOrDefault(k => lower[k] == "by", -1);
            var by = byIdx >= 0 ? sm.FirstOrDefault(m => m.First > byIdx && m.First <= byIdx + 2) : null;
            var subject = LeftAgent(lower, sm, t0, first, allowComma: false);
            if (p.Has("passive=owner"))
            {
                agent = by?.Actor ?? subject?.Actor;
            }
            else
            {
                agent = by?.Actor;
                target = subject?.Actor;
            }
        }
        else
        {
            var allowComma = tokenForm.EndsWith("ing", StringComparison.Ordinal);
            agent = LeftAgent(lower, sm, t0, first, allowComma)?.Actor;
        }

        // the parse, where present, names the subject, a passive's agent and patient, and the object
        string? depAgentText = null;
        string? depTargetText = null;
        var depTargetHead = -1;
        var weaponSubject = false;
        if (dep is not null && slot is null && !p.Noun && !p.Has("agent=object") && !fixedRoles)
        {
            var subj = dep.Subject(t0, out var subjPassive);
            int agentTok, targetTok;
            if (subjPassive)
            {
                var by = dep.PassiveAgent(t0);
                agentTok = p.Has("passive=owner") && by < 0 ? subj : by;
                targetTok = p.Has("passive=owner") ? -1 : subj;
                passive = true;
            }
            else
            {
                agentTok = subj;
                targetTok = -1;
            }

            var am = agentTok >= 0 ? MentionInPhrase(dep, sm, agentTok) : null;
            if (am is not null)
            {
                agent = am.Actor;
            }
            else if (agentTok >= 0 && agent is null)
            {
                weaponSubject = WeaponHeads.Contains(lower[agentTok]);
                depAgentText = weaponSubject ? null : dep.PhraseText(agentTok);
            }

            // the target: the passive subject, an indirect or direct object, a prepositional argument; an actor named in
            // one of them wins ("the return of U.N. inspectors", "offered its troops to X"), else the first plain phrase
            var candidates = new List<int>();
            if (targetTok >= 0)
            {
                candidates.Add(targetTok);
            }

            if (!p.Has("target=with") && !p.Has("target=to"))
            {
                candidates.Add(dep.Child(t0, "iobj"));
                candidates.Add(dep.Object(t0));
            }

            candidates.Add(dep.Prepositional(t0, p.Has("target=with") ? WithPreposition : p.Has("target=to") ? ToPreposition : TargetPrepositions));
            candidates.Add(dep.Prepositional(t0, ActorPrepositions));
            candidates.RemoveAll(c => c < 0 || c == agentTok);
            foreach (var c in candidates)
            {
                var tm = MentionInPhrase(dep, sm, c) ?? MentionInSubtree(dep, sm, c, agent);
                if (tm is not null && tm.Actor != agent)
                {
                    target = tm.Actor;
                    break;
                }
            }

            if (target is null)
            {
                foreach (var c in candidates)
                {
                    // an object inside the trigger phrase ("imposed a curfew") is the event itself, not its target
                    if (c >= t0 && c < t1 && !(c == t1 - 1 && c == t0))
                    {
                        continue;
                    }

                    // the forces or weapons an event moves or fires ("deployed more troops", "launched drones") are its
                    // means, not its target
                    if (_lex.Unit(lower[c]) is { } means && (means.Mode is not null || means.Unit == "personnel" && type is "MOBILIZE" or "AID"))
                    {
                        continue;
                    }

                    // an event noun's argument is its of/from/by/on phrase ("demands from the rebels", "a ban on X")
                    var h = c;
                    var arg = dep.Prepositional(h, NounArgumentPrepositions);
                    if (arg >= 0 && !Words.IsCapitalised(forms[h]) && dep.Label(arg).StartsWith("nmod", StringComparison.Ordinal))
                    {
                        h = arg;
                    }

                    depTargetText = dep.PhraseText(h);
                    if (depTargetText is not null)
                    {
                        depTargetHead = h;
                        break;
                    }
                }
            }

            // the named place in a place phrase of token h ("in the town of X" → X), and its actor's name or its text
            int PlaceOf(int h) => NamedPlace(dep, forms, dep.Prepositional(h, PlaceTargetPrepositions));
            string? PlaceText(int pl) => sm.FirstOrDefault(m => m.First <= pl && pl < m.End)?.Actor.Name ?? dep.PhraseText(pl);

            // a thing acted on in a named place ("blocked roads in X", "suspended aid deliveries in X", "fired at targets
            // in X"): the place is the side affected; people and the means of war stay the target
            if (target is null && depTargetHead >= 0 && depTargetText is not null && !depTargetText.Split(' ').Any(Words.IsCapitalised)
                && _lex.Unit(lower[depTargetHead]) is null)
            {
                var pl = PlaceOf(depTargetHead);
                if (pl < 0 || !Words.IsCapitalised(forms[pl]))
                {
                    pl = PlaceOf(t0);
                }

                if (pl >= 0 && Words.IsCapitalised(forms[pl]) && places.Any(x => x.First <= pl && pl < x.End))
                {
                    depTargetText = PlaceText(pl);
                }
            }

            // with no other side named, a place acted on is the target ("imposed a curfew in X", "a visit to X",
            // "strengthened its forces in X"); not for attacks, whose place is their location
            if (target is null && depTargetText is null && p.Type is not "ASSAULT")
            {
                var pl = PlaceOf(t0);
                if (pl < 0 && candidates.Count > 0)
                {
                    pl = PlaceOf(candidates[0]);
                }

                if (pl >= 0 && Words.IsCapitalised(forms[pl]))
                {
                    depTargetText = PlaceText(pl);
                }
            }
        }

        string? npAgent = null;
        if (agent is null && !p.Noun && !passive && slot is null && !p.Has("agent=object") && !fixedRoles)
        {
            npAgent = SubjectPhrase(doc, lower, forms, t0, first);
            if (npAgent is not null && sm.Any(m => m.End == t0 || m.End <= t0 && m.End >= t0 - 1))
            {
                npAgent = null; // the word before is a known actor that is not the subject ("as a result of Russian shelling")
            }
        }

        npAgent = nounAgentText ?? depAgentText ?? npAgent;
        if (agent is null && npAgent is null && slot is null && !fixedRoles && !p.Has("agent=object"))
        {
            // "X began a hunger strike", "X launched an offensive": the light verb's subject
            (agent, npAgent) = NounAgent(doc, lower, forms, t0, first, sm, dep);
            agent ??= PronounAntecedent(lower, sm, t0, first)?.Actor;
        }

        if (agent is null && npAgent is null && !(type == "ASSAULT" && p.Type == "ASSAULT" && !p.Noun && (passive || weaponSubject)))
        {
            // an attack whose perpetrator is not named ("a roadside bomb killed …", "the camp was shelled") is kept without an actor
            return null;
        }

        // an event noun's own argument names its target: "an invasion of X", "an attack on X", "the withdrawal of
        // forces from X" (the forces are the means)
        if (target is null && !fixedRoles && slot is null && p.Noun && dep is not null)
        {
            var head = t1 - 1;
            // the light verb that governs the noun may carry the argument instead ("staged rallies against X")
            var governor = dep.IsParsed(head) && dep.Label(head) == "obj" && dep.Head(head) >= 0 ? dep.Head(head) : -1;
            foreach (var (prep, at) in (p.Type == "RETREAT" ? NounTargetPrepositionsRetreat : NounTargetPrepositions).SelectMany(x => new[] { (x, head), (x, governor) }))
            {
                var pp = at < 0 ? -1 : dep.Prepositional(at, prep);
                if (pp < 0 || _lex.Unit(lower[pp]) is not null || at == governor && prep == OfPreposition)
                {
                    continue;
                }

                if (MentionInPhrase(dep, sm, pp) is { } m && m.Actor != agent)
                {
                    target = m.Actor;
                    break;
                }
            }
        }

        // target
        if (target is null && !fixedRoles)
        {
            if (p.Has("target=with") || p.Has("target=to"))
            {
                var prep = p.Has("target=with") ? "with" : "to";
                for (var k = t1; k < clauseEnd && target is null; k++)
                {
                    if (lower[k] == prep)
                    {
                        target = sm.FirstOrDefault(m => m.First > k && m.First <= k + 2 && m.Actor != agent)?.Actor;
                    }
                }
            }
            else
            {
                // a direct object right after a verb, else the first actor after a target preposition
                if (!p.Noun)
                {
                    var obj = after.FirstOrDefault(m => m.First <= t1 + 2 && m.Actor != agent && Enumerable.Range(t1, m.First - t1).All(k => Words.Determiners.Contains(lower[k])));
                    target = obj?.Actor;
                }

                for (var k = t1; k < clauseEnd && target is null; k++)
                {
                    if (TargetPrepositions.Contains(lower[k]))
                    {
                        target = sm.FirstOrDefault(m => m.First > k && m.First <= k + 3 && m.Actor != agent && Enumerable.Range(k + 1, m.First - k - 1).All(j => Words.Determiners.Contains(lower[j]) || char.IsLetter(lower[j][0]) && !Words.IsCapitalised(forms[j])))?.Actor;
                    }
                }
            }
        }

        string? npTarget = fixedTargetText;
        if (target is null && !p.Noun && !fixedRoles)
        {
            if (p.Has("target=with") || p.Has("target=to"))
            {
                var prep = p.Has("target=with") ? "with" : "to";
                var pk = Enumerable.Range(t1, Math.Max(0, clauseEnd - t1)).FirstOrDefault(k => lower[k] == prep, -1);
                npTarget = pk >= 0 ? ObjectPhrase(doc, lower, forms, pk + 1, clauseEnd) : null;
            }

            npTarget ??= ObjectPhrase(doc, lower, forms, t1, clauseEnd);
            if (npTarget is null)
            {
                var pk = Enumerable.Range(t1, Math.Max(0, Math.Min(clauseEnd, t1 + 6) - t1)).FirstOrDefault(k => TargetPrepositions.Contains(lower[k]), -1);
                npTarget = pk >= 0 ? ObjectPhrase(doc, lower, forms, pk + 1, clauseEnd) : null;
            }
        }

        // dyadic events name their other side later in the sentence: "demanded that the US cancel …"
        if (target is null && (npTarget is null || depTargetText is not null) && !fixedRoles && p.Type is not ("MOBILIZE" or "ASSAULT" or "PROTEST" or "OTHER"))
        {
            var stop = t1;
            while (stop < end && !(lower[stop] is ";" or "while" or "whereas" or "but" or "." || lower[stop] == "," && Enumerable.Range(stop + 1, Math.Max(0, Math.Min(end, stop + 6) - stop - 1)).Any(k => _lex.ReportingVerbs.ContainsKey(lower[k]))))
            {
                stop++;
            }

            target = sm.FirstOrDefault(m => m.First >= t1 && m.First < stop && m.Actor != agent)?.Actor;
        }

        if (target is null && depTargetText is not null)
        {
            npTarget = depTargetText;
        }

        if (p.Has("needs=target") && target is null)
        {
            return null;
        }

        // a person acting for a state: the state is the actor, the person a participant
        var agentName = agent?.Name ?? npAgent;
        if (agent is not null && agent.Kind == ActorKind.Person && !p.Has("person") && agent.Affiliation is not null && _lex.CountryByName.ContainsKey(agent.Affiliation) && agent.Role is not null && !agent.Role.StartsWith("Former", StringComparison.Ordinal))
        {
            participants.Insert(0, agent.Name);
            agentName = agent.Affiliation;
        }

        var targetName = target?.Name ?? npTarget;
        if (target is { Kind: ActorKind.Person, Affiliation: not null } && _lex.CountryByName.ContainsKey(target.Affiliation) && !p.Has("person"))
        {
            targetName = target.Affiliation;
        }

        if (targetName == agentName)
        {
            targetName = null;
        }

        // location: the place of the trigger's clause (after it, else before it), else the first place of the
        // sentence, else the paragraph's place
        string? location = null;
        Place? locationPlace = null;
        if (p.Has("loc=affiliation"))
        {
            location = agent?.Affiliation;
            if (location is not null && doc.Has(Layer.Places) && Resolver.Value.Country(location) is { } country)
            {
                locationPlace = Register(doc, country, null);
                location = locationPlace.Name;
            }
        }
        else
        {
            var pc = places.FirstOrDefault(pl => pl.First >= t1 && pl.First < clauseEnd) ?? places.LastOrDefault(pl => pl.First < t0 && pl.First >= ClauseStart(lower, t0, first));
            if (pc is not null && pc.IsCapitalOf)
            {
                // "the capital" of the event's target (else of its actor), from the gazetteer's country table
                var state = targetName ?? agentName;
                var capital = state is null ? null : CapitalOf(state);
                if (capital is not null)
                {
                    locationPlace = doc.Has(Layer.Places) ? Register(doc, capital, new TextSpan(doc.Tokens.Starts[pc.First], doc.Tokens.Ends[pc.End - 1])) : null;
                    location = locationPlace?.Name ?? capital.Name;
                }
            }
            else
            {
                pc ??= places.FirstOrDefault(pl => pl.First < t0 && !pl.IsCapitalOf) ?? paragraphPlace;
                location = pc?.Name;
                locationPlace = pc?.Place;
            }
        }

        // time: the nearest expression in the sentence
        var t0Start = doc.Tokens.Starts[t0];
        var clauseFrom = doc.Tokens.Starts[ClauseStart(lower, t0, first)];
        var clauseTo = doc.Tokens.Ends[Math.Max(t1, clauseEnd) - 1];
        var sentenceStartChar = doc.Tokens.Starts[first];
        var time = times.Where(t => t.Span.Start >= clauseFrom && t.Span.End <= clauseTo).OrderBy(t => Math.Abs(t.Span.Start - t0Start)).FirstOrDefault()
            ?? times.FirstOrDefault(t => t.Span.Start == sentenceStartChar);

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
            if (q.Span.Start >= clauseStartChar && q.Span.End <= clauseEndChar)
            {
                ev.QuantityIds.Add(q.Id);
                if (q.Owner is null && (q.Unit is "personnel" && p.Type == "MOBILIZE" || q.Unit is "drones" or "missiles" or "bombs" or "shells" && p.Type == "ASSAULT"))
                {
                    q.Owner = agentName;
                }
            }
        }

        if (_lex.AcledFor(ev.Type, ev.Mode) is { } acled)
        {
            ev.AcledType = acled.EventType;
            ev.AcledSubType = acled.SubType;
        }

        return ev;
    }

    private static readonly HashSet<string> TimeWords = new(StringComparer.Ordinal) { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "tonight" };

    /// <summary>A capitalised noun phrase starting at <paramref name="k"/> (after determiners): a target that is no known actor.</summary>
    private static string? ObjectPhrase(Document doc, string[] lower, List<string> forms, int k, int end)
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

    private static readonly HashSet<string> GroupHeads = new(StringComparer.Ordinal)
    {
        "rebels", "protesters", "demonstrators", "police", "government", "army", "officials", "students", "workers", "forces", "troops",
        "militants", "leaders", "parties", "groups", "group", "people", "youths", "refugees", "opposition", "insurgents", "guerrillas",
        "militia", "militias", "soldiers", "authorities", "ministry", "parliament", "court", "president", "minister", "council", "party",
        "union", "committee", "members", "activists", "residents", "villagers", "fighters", "separatists", "negotiators", "diplomats",
        "palestinians", "kurds", "ministers", "forum", "newspaper", "agency", "leader", "chief", "secretary", "judge", "king", "prime", "unions", "legislators", "lawmakers", "senate", "congress", "cabinet", "junta", "regime", "movement", "front",
    };

    /// <summary>The subject noun phrase before a verb when no known actor is named: "Ivory Coast rebels", "the Palestinians".</summary>
    private static string? SubjectPhrase(Document doc, string[] lower, List<string> forms, int t0, int first)
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

        var plural = lower[head].Length > 4 && lower[head].EndsWith('s') && !lower[head].EndsWith("ss", StringComparison.Ordinal) && char.IsLetter(lower[head][0]) && !(lower[head] is "this" or "its" or "was" or "has" or "is" or "us" or "days" or "weeks" or "months" or "years");
        if (!(Words.IsCapitalised(forms[head]) && char.IsLetter(forms[head][0]) && head > first || GroupHeads.Contains(lower[head]) || plural && head > first))
        {
            return null;
        }

        var k = head;
        while (k - 1 >= first && head - k < 5 && (char.IsLetter(lower[k - 1][0]) || lower[k - 1] is "'s" or "-") && !Words.ClauseBoundaries.Contains(lower[k - 1])
            && !(lower[k - 1] is "on" or "in" or "at" or "of" or "and" or "for" or "by" or "with" or "to" or "from"))
        {
            k--;
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

    private static int ClauseStart(string[] lower, int t0, int first)
    {
        var k = t0 - 1;
        while (k >= first && !(lower[k] is "that" or ";" or "while" or "whereas" or "—" or "–" or "but"))
        {
            k--;
        }

        return k + 1;
    }

    private static TokMention? LeftAgent(string[] lower, List<TokMention> sm, int t0, int first, bool allowComma)
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
                if (!governed && !m.Form.EndsWith("@loc", StringComparison.Ordinal) && !(m.End < t0 && lower[m.End] == "'s" && m.Form != "forces"))
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
    /// Whether the event under a trigger happened, and its type when told as an intention, a threat or a refusal
    /// (data/extraction/irrealis.tsv): a cooperative act announced for the future is an AGREE (refused: REJECT), a hostile
    /// one a THREATEN; a planned or hypothetical act is no event (null). The prefix names the construction in the mode.
    /// </summary>
    private (string Type, string Prefix)? Reality(string type, string[] lower, int t0, int t1, int first, int end)
    {
        string? kind = null;
        var bestLength = 0;
        var bestEnd = -1;
        foreach (var (words, window, k) in _lex.Irrealis)
        {
            for (var endAt = t0; endAt >= Math.Max(first + words.Length, t0 - window + 1); endAt--)
            {
                var startAt = endAt - words.Length;
                if (startAt < first)
                {
                    break;
                }

                var ok = true;
                for (var j = 0; j < words.Length && ok; j++)
                {
                    ok = lower[startAt + j] == words[j];
                }

                if (ok && (words.Length > bestLength || words.Length == bestLength && endAt > bestEnd))
                {
                    kind = k;
                    bestLength = words.Length;
                    bestEnd = endAt;
                }
            }
        }

        var negated = false;
        for (var k = Math.Max(first, t0 - 3); k < t0; k++)
        {
            negated |= lower[k] is "not" or "n't" or "never" || lower[k] == "no" && k + 1 < t0 && lower[k + 1] == "longer";
        }

        var unless = false;
        var conditional = false;
        for (var k = t1; k < end; k++)
        {
            unless |= lower[k] == "unless";
            conditional |= lower[k] is "if" or "unless";
        }

        switch (kind)
        {
            case "skip":
                return null;
            case "realis":
                return (type, "");
            case "refusal":
                return ("REJECT", "refusal: ");
            case "threat":
                return negated ? null : ("THREATEN", "threat: ");
            case "possible":
                return !negated && conditional && Hostile.Contains(type) ? ("THREATEN", "threat: ") : null;
            case "intent":
                if (Hostile.Contains(type))
                {
                    return negated ? null : (type == "THREATEN" ? type : "THREATEN", type == "THREATEN" ? "" : "threat: ");
                }

                if (Cooperative.Contains(type))
                {
                    return negated ? ("REJECT", "refusal: ") : unless ? ("THREATEN", "threat: ") : ("AGREE", type == "AGREE" ? "" : "intent: ");
                }

                return negated || type == "OTHER" ? null : (type, "");
            default:
                // told as fact; "did not accept" is a refusal, "did not attack" no event
                if (negated)
                {
                    return Cooperative.Contains(type) ? ("REJECT", "refusal: ") : type is "REJECT" or "OTHER" ? null : Hostile.Contains(type) ? null : (type, "");
                }

                return (type, "");
        }
    }

    /// <summary>
    /// "X announced that it will withdraw …": a pronoun subject just before the trigger stands for the first actor named
    /// earlier in the sentence.
    /// </summary>
    private static TokMention? PronounAntecedent(string[] lower, List<TokMention> sm, int t0, int first)
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

    /// <summary>The first actor mention (not the agent, not a place) anywhere under <paramref name="h"/>.</summary>
    private static TokMention? MentionInSubtree(DependencyRoles dep, List<TokMention> sm, int h, Actor? agent)
    {
        var (f, l) = dep.Subtree(h);
        return sm.FirstOrDefault(m => m.First >= f && m.End <= l + 1 && m.Actor != agent && !m.Form.EndsWith("@loc", StringComparison.Ordinal));
    }

    /// <summary>The actor mention of the phrase headed by <paramref name="h"/>: the one holding the head, else a modifier before it, else an "of" phrase after it.</summary>
    private static TokMention? MentionInPhrase(DependencyRoles dep, List<TokMention> sm, int h)
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
    private (Actor? Agent, string? Text) NounAgent(Document doc, string[] lower, List<string> forms, int t0, int first, List<TokMention> sm, DependencyRoles? dep)
    {
        if (dep is not null)
        {
            var poss = dep.Child(t0, "nmod:poss");
            if (poss >= 0 && MentionInPhrase(dep, sm, poss) is { } pm)
            {
                return (pm.Actor, null);
            }

            var h = dep.Head(t0);
            if (h >= 0 && dep.Label(t0) is "obj" or "obl" && _lex.SupportVerbs.Contains(lower[h]))
            {
                var subj = dep.Subject(h, out var pass);
                if (subj >= 0 && !pass)
                {
                    var m = MentionInPhrase(dep, sm, subj);
                    return m is not null ? (m.Actor, null) : (null, dep.PhraseText(subj));
                }
            }
        }

        // a light verb just before the noun (determiners, adjectives, numbers between)
        var v = t0 - 1;
        while (v >= first && t0 - v <= 5 && !_lex.SupportVerbs.Contains(lower[v]) && (char.IsLetterOrDigit(lower[v][0]) || lower[v] == "-") && !Words.ClauseBoundaries.Contains(lower[v]) && !_lex.TriggersByFirst.ContainsKey(lower[v]))
        {
            v--;
        }

        if (v < first || t0 - v > 5 || !_lex.SupportVerbs.Contains(lower[v]) || v + 1 < t0 && lower[v + 1] is "by" or "to")
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
    private static bool MustRoles(Document doc, string[] lower, List<string> forms, int t0, int t1, int first, List<TokMention> sm, DependencyRoles? dep, out Actor? agent, out Actor? target, out string? agentText, out string? targetText)
    {
        agent = null;
        agentText = null;
        targetText = null;
        var tm = LeftAgent(lower, sm, t0, first, allowComma: false);
        var verb = dep?.Head(t0) ?? -1;
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
                    targetText = dep.PhraseText(subj);
                }
            }
        }

        if (tm is null && targetText is null)
        {
            targetText = SubjectPhrase(doc, lower, forms, t0, first);
        }

        var targetActor = tm?.Actor;
        target = targetActor;
        if (tm is null && targetText is null)
        {
            return false;
        }

        var targetFirst = tm?.First ?? t0;
        var reporter = sm.FirstOrDefault(m => m.End <= targetFirst && m.Actor != targetActor && !m.Form.EndsWith("@loc", StringComparison.Ordinal))
            ?? sm.FirstOrDefault(m => m.First >= t1 && m.Actor != targetActor && !m.Form.EndsWith("@loc", StringComparison.Ordinal) && Enumerable.Range(t1, m.First - t1).Any(k => lower[k] == ","));
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

    /// <summary>Matches a pattern at token i; with no mentions (<paramref name="sm"/> null) an actor slot ends the match as a success.</summary>
    private static bool TryPattern(TriggerPattern p, string[] lower, int i, int end, List<TokMention>? sm, out int matchEnd, out TokMention? slot)
    {
        slot = null;
        matchEnd = i;
        var k = i;
        for (var pi = 0; pi < p.Tokens.Count; pi++)
        {
            var pt = p.Tokens[pi];
            if (pt.Gap)
            {
                // try 0..2 skipped tokens before the next pattern token
                var nextTok = p.Tokens[pi + 1];
                var found = false;
                for (var skip = 0; skip <= 4 && k + skip < end; skip++)
                {
                    if (nextTok.Forms is not null && nextTok.Forms.Contains(lower[k + skip]))
                    {
                        k += skip;
                        found = true;
                        break;
                    }

                    if (Words.IsPunct(lower[k + skip]) && lower[k + skip] != "-")
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

    private List<PlaceCandidate> FindPlaces(Document doc, string[] lower, List<string> forms, int first, int end, List<TokMention> sm, Dictionary<int, (Place Place, int End)>? placeAt, ref PlaceCandidate? lastRegion)
    {
        var result = new List<PlaceCandidate>();
        for (var i = first; i < end; i++)
        {
            if (lower[i] == "the" && i + 1 < end && lower[i + 1] == "capital" && !(i + 2 < end && lower[i + 2] is "of" or "'s" or "," or "city"))
            {
                result.Add(new PlaceCandidate(i, i + 2, "", true));
                continue;
            }

            if (!PlacePrepositions.Contains(lower[i]) || i + 1 >= end)
            {
                continue;
            }

            var k = i + 1;
            while (k < end && k < i + 3 && lower[k] is "the" or "both" or "eastern" or "western" or "northern" or "southern" or "central" or "occupied" or "north" or "south" or "east" or "west" or "northeastern" or "northwestern" or "southeastern" or "southwestern")
            {
                k++;
            }

            // "in the town of X", "near the city of X"
            if (k + 2 < end && PlaceNouns.Contains(lower[k]) && lower[k + 1] == "of" && Words.IsCapitalised(forms[k + 2]))
            {
                k += 2;
            }

            if (k >= end)
            {
                continue;
            }

            // "the region", "the area": the region of the last place named
            if (lower[k] is "region" or "area" or "city" or "oblast" or "province" && lower[k - 1] == "the" && lastRegion is not null)
            {
                var anaphor = lower[k] is "region" or "oblast" or "province" ? RegionOf(doc, lastRegion) : lastRegion;
                result.Add(anaphor with { First = k, End = k + 1 });
                continue;
            }

            if (placeAt is not null)
            {
                // with resolved places, a location is one of them (never a demonym: see PlaceMentions)
                if (placeAt.TryGetValue(k, out var hit))
                {
                    // a region whose GeoNames name is its seat's ("Brest") keeps the written region form ("Brest region")
                    var shown = hit.Place.Name;
                    if (hit.Place.Precision is PlacePrecision.Adm1 or PlacePrecision.Adm2 && PlaceSuffixes.Contains(lower[hit.End - 1])
                        && !PlaceSuffixes.Contains(hit.Place.Name.Split(' ')[^1].ToLowerInvariant()))
                    {
                        shown = doc.Text[doc.Tokens.Starts[k]..doc.Tokens.Ends[hit.End - 1]];
                    }

                    var pc = new PlaceCandidate(k, hit.End, shown, false, hit.Place);
                    result.Add(pc);
                    if (hit.Place.Precision is not (PlacePrecision.Country or PlacePrecision.Region))
                    {
                        lastRegion = pc;
                    }
                }

                continue;
            }

            if (!Words.IsCapitalised(forms[k]) || NotPlaces.Contains(forms[k]) || _lex.Months.ContainsKey(lower[k]) || _lex.Weekdays.ContainsKey(lower[k]))
            {
                continue;
            }

            // an actor mention here is a place only when it is a state's name used as a place
            var m = sm.FirstOrDefault(m => m.First == k);
            if (m is not null && m.Form != "name@loc")
            {
                continue;
            }

            var e = m?.End ?? k;
            if (m is null)
            {
                while (e < end && e - k < 4 && (Words.IsCapitalised(forms[e]) && char.IsLetter(forms[e][0]) || forms[e] == "-" && e + 1 < end && Words.IsCapitalised(forms[e + 1])))
                {
                    e++;
                }
            }

            if (e < end && PlaceSuffixes.Contains(lower[e]))
            {
                e++;
            }

            if (e == k)
            {
                continue;
            }

            var name = doc.Text[doc.Tokens.Starts[k]..doc.Tokens.Ends[e - 1]];
            var cand = new PlaceCandidate(k, e, name, false);
            result.Add(cand);
            if (m is null)
            {
                lastRegion = cand;
            }
        }

        result.Sort((a, b) => a.First.CompareTo(b.First));
        return result;
    }

    /// <summary>
    /// The first token of every mention of the document's places, except demonyms ("Belarusian", "Chadian"): a
    /// demonym names an actor or an owner, never the place where something happened.
    /// </summary>
    private static Dictionary<int, (Place Place, int End)> PlaceMentions(Document doc)
    {
        var gaz = Resolver.Value.Gazetteer;
        var result = new Dictionary<int, (Place, int)>();
        foreach (var pl in doc.Places)
        {
            foreach (var m in pl.Mentions)
            {
                var hits = gaz.Lookup(GeoText.Fold(doc.TextOf(m)));
                if (hits.Count > 0 && hits.All(h => h.Link == NameLink.Demonym))
                {
                    continue;
                }

                var ti = doc.TokenIndexAtOrAfter(m.Start);
                var te = Math.Max(ti + 1, doc.TokenIndexAtOrAfter(m.End));
                if (ti < doc.Tokens.Count)
                {
                    result.TryAdd(ti, (pl, te));
                }
            }
        }

        return result;
    }

    /// <summary>"The region" after a town: the town's first-level region; after a region: that region.</summary>
    private static PlaceCandidate RegionOf(Document doc, PlaceCandidate last)
    {
        if (last.Place is not { Precision: PlacePrecision.Point, Country: { } iso, Admin1: { } a1 }
            || Resolver.Value.Gazetteer.Admin1(iso, a1) is not { } region)
        {
            return last;
        }

        var place = Register(doc, PlaceResolver.ToPlace(region, ""), null);
        return last with { Name = place.Name, Place = place };
    }

    /// <summary>The capital of a state named by its canonical name or demonym, from the gazetteer.</summary>
    private static Place? CapitalOf(string state)
    {
        var iso = Resolver.Value.CountryCode(state);
        return iso is null ? null : Resolver.Value.CapitalOf(iso);
    }

    /// <summary>
    /// The document's place for a gazetteer place (the same GeoNames id), added when the document has none;
    /// <paramref name="mention"/> ("the capital") becomes one of its mentions.
    /// </summary>
    private static Place Register(Document doc, Place place, TextSpan? mention)
    {
        var existing = doc.Places.FirstOrDefault(p => p.GeonameId is not null && p.GeonameId == place.GeonameId);
        if (existing is null)
        {
            existing = new Place
            {
                Id = "place-" + (doc.Places.Count + 1),
                Name = place.Name,
                Country = place.Country,
                Admin1 = place.Admin1,
                Admin2 = place.Admin2,
                Lat = place.Lat,
                Lon = place.Lon,
                Precision = place.Precision,
                GeonameId = place.GeonameId,
                FeatureClass = place.FeatureClass,
            };
            doc.Places.Add(existing);
        }

        if (mention is { } span && !existing.Mentions.Contains(span))
        {
            existing.Mentions.Add(span);
            existing.Mentions.Sort((a, b) => a.Start.CompareTo(b.Start));
        }

        return existing;
    }

    /// <summary>"the town of X", "the capital city of X": the named place inside a common noun's of-phrase.</summary>
    private static int NamedPlace(DependencyRoles dep, List<string> forms, int h)
    {
        if (h < 0 || Words.IsCapitalised(forms[h]))
        {
            return h;
        }

        var of = dep.Prepositional(h, OfPreposition);
        return of >= 0 && Words.IsCapitalised(forms[of]) ? of : h;
    }

    private static readonly HashSet<string> OfPreposition = new(StringComparer.Ordinal) { "of" };

    private static readonly HashSet<string>[] NounTargetPrepositions = [new(StringComparer.Ordinal) { "on", "against" }, OfPreposition];

    private static readonly HashSet<string>[] NounTargetPrepositionsRetreat = [new(StringComparer.Ordinal) { "from" }];

    private static string LocationKey(string? loc)
    {
        if (loc is null)
        {
            return "";
        }

        var l = loc.ToLowerInvariant();
        foreach (var suffix in new[] { " region", " oblast", " province", " city" })
        {
            if (l.EndsWith(suffix, StringComparison.Ordinal))
            {
                l = l[..^suffix.Length];
            }
        }

        return l;
    }

    private static void AddOrMerge(Document doc, Event ev)
    {
        foreach (var x in doc.Events)
        {
            if (x.Type == ev.Type && ev.Actor is not null && x.Actor == ev.Actor && x.Mode == ev.Mode
                && (x.Target is null || ev.Target is null || x.Target == ev.Target)
                && (x.Location is null || ev.Location is null || LocationKey(x.Location) == LocationKey(ev.Location)))
            {
                x.Target ??= ev.Target;
                if (x.Location is null && ev.Location is not null)
                {
                    x.Location = ev.Location;
                    x.PlaceId = ev.PlaceId;
                }

                x.TimeId ??= ev.TimeId;
                x.Mentions.AddRange(ev.Mentions);
                foreach (var q in ev.QuantityIds.Where(q => !x.QuantityIds.Contains(q)))
                {
                    x.QuantityIds.Add(q);
                }

                foreach (var pn in ev.Participants.Where(pn => !x.Participants.Contains(pn)))
                {
                    x.Participants.Add(pn);
                }

                return;
            }
        }

        var e = new Event
        {
            Id = $"e{doc.Events.Count + 1}",
            Type = ev.Type,
            Mode = ev.Mode,
            Actor = ev.Actor,
            Target = ev.Target,
            Location = ev.Location,
            PlaceId = ev.PlaceId,
            TimeId = ev.TimeId,
            Trigger = ev.Trigger,
            Evidence = ev.Evidence,
            AcledType = ev.AcledType,
            AcledSubType = ev.AcledSubType,
        };
        e.Mentions.AddRange(ev.Mentions);
        e.QuantityIds.AddRange(ev.QuantityIds);
        e.Participants.AddRange(ev.Participants);
        doc.Events.Add(e);
    }

    private sealed record TokMention(int First, int End, Actor Actor, string Form);

    /// <summary>A place phrase at tokens [First, End): a resolved place when the document has one, else its name.</summary>
    private sealed record PlaceCandidate(int First, int End, string Name, bool IsCapitalOf, Place? Place = null);
}
