using Sitrep.Core;
using static Sitrep.Extraction.EventLocator;
using static Sitrep.Extraction.EventWords;
using static Sitrep.Extraction.RoleCandidates;

namespace Sitrep.Extraction;

/// <summary>
/// The rule cascade that fills an event's roles: the agent (an {A} slot, the owner of moved troops, a nominal
/// trigger's possessor or demonym, a passive's "by" phrase, the subject from the parse or word order, a light verb's
/// subject, a pronoun's antecedent) and the target (a passive subject, an object, a prepositional argument, an event
/// noun's own argument, a place acted on, the other side of a dyadic act). Null when the event cannot stand.
/// </summary>
internal static class RoleRules
{
    internal static EventRoles? Find(ExtractionLexicon lex, TriggerSite s)
    {
        var doc = s.Doc;
        var lower = s.Lower;
        var forms = s.Forms;
        var p = s.Pattern;
        var t0 = s.T0;
        var t1 = s.T1;
        var first = s.First;
        var end = s.End;
        var sm = s.Mentions;
        var slot = s.Slot;
        var places = s.Places;
        var quantities = s.Quantities;
        var dep = s.Dep;
        var type = s.Type;
        var clauseEnd = s.ClauseEnd;
        var passive = s.Passive;
        var tokenForm = lower[t0];
        var objectOwner = s.ObjectOwner;
        var after = sm.Where(m => m.First >= t1 && m.First < clauseEnd).ToList();
        Actor? agent = null;
        Actor? target = null;
        string? nounAgentText = null;
        string? fixedTargetText = null;
        var fixedRoles = p.Has("frame=must");
        var byPhraseAgent = false;
        var warPlace = false;
        var participants = new List<string>();
        if (fixedRoles)
        {
            // "X said Y must …": a demand by the reporting source on the clause's subject
            if (!MustRoles(doc, lower, forms, t0, t1, first, sm, dep, out agent, out target, out nounAgentText, out fixedTargetText))
            {
                // "… told X: “The violence is a disgrace. You must act now.”": the speaker of the quotation states it
                agent = target is not null || fixedTargetText is not null ? FirstPerson.QuoteSpeaker(lex, doc, lower, t0, t1) : null;
                if (agent is null || agent == target)
                {
                    return null;
                }
            }

            // "telling the leader: “You must …": "you" in a quotation is the one the speaker tells
            if (target is null && fixedTargetText?.ToLowerInvariant() == "you")
            {
                target = FirstPerson.QuoteSpeaker(lex, doc, lower, t0, t1, addressee: true);
                fixedTargetText = null;
            }
        }
        else if (slot is not null)
        {
            agent = slot.Actor;
        }
        else if (p.Has("agent=inner"))
        {
            // "forced two Russian trucks to retreat": the side named inside the pattern acts; the subject made it act
            var inner = sm.FirstOrDefault(m => m.First > t0 && m.End < t1 && !m.Form.EndsWith("@loc", StringComparison.Ordinal));
            if (inner is null)
            {
                return null;
            }

            agent = inner.Actor;
            if (LeftAgent(lower, sm, t0, first, allowComma: false) is { } subject && subject.Actor != agent)
            {
                participants.Add(subject.Actor.Name);
            }
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
        else if (p.Noun && t1 < end && lower[t1] == "between" && sm.Where(m => m.First > t1 && m.First <= t1 + 8 && !m.Form.EndsWith("@loc", StringComparison.Ordinal)).ToList() is [var firstSide, ..] sides
            && (sides.Select(m => m.Actor).Distinct().Count() > 1 || firstSide.First <= t1 + 3))
        {
            // "talks between X and Y", "clashes between X and Y": the two sides; "fighting between M rebels and
            // pro-government militias": the first side is named, the other is a phrase no actor resolves
            agent = firstSide.Actor;
            target = sides.Select(m => m.Actor).FirstOrDefault(a => a != agent);
        }
        else if (p.Noun && p.Type == "ASSAULT" && AttackRoles.NounBy(s) is { } nounBy)
        {
            // "the deadliest attack by a gunman", "the massacre of … by Ottoman Turks": the noun phrase's own "by" names
            // the perpetrator, whatever else the sentence names before the noun
            agent = nounBy.Actor;
            nounAgentText = nounBy.Actor is null ? nounBy.Phrase : null;
            byPhraseAgent = true;
        }
        else if (p.Noun)
        {
            // possessor or demonym just before; "by/of/involving X" just after
            // (a name followed by a determiner ends its noun phrase: "fleeing Kyiv the day the war started")
            var before = sm.LastOrDefault(m => m.End <= t0 && m.End >= t0 - 5 && !m.Form.EndsWith("@loc", StringComparison.Ordinal));
            if (before is not null && p.Mode == "war" && before.End == t0 && before.Form == "name" && before.Actor.Kind == ActorKind.State
                && s.PlaceAt is { } warAt && warAt.ContainsKey(before.First) && !(before.First > first && lower[before.First - 1] is "-" or "–" or "—" or "/" or "and"))
            {
                // "the Iraq war", "the Vietnam War": a country's bare name before a war names where it is fought, not who
                // wages it (the possessive and the demonym name the side: "Russia's war", "the Russian war"; so do two
                // names joined: "a NATO-Russia war")
                warPlace = true;
            }
            else if (before is not null && (before.End < t0 && lower[before.End] == "'s" || before.Form == "demonym" || before.Form == "metonym" || before.Form == "name" || before.End == t0)
                && !Enumerable.Range(before.End, t0 - before.End).Any(k => Words.IsPunct(lower[k]) && lower[k] != "'s" && lower[k] != "-")
                && !(before.Form is "name" or "metonym" && before.End < t0 && lower[before.End] is "the" or "a" or "an" or "this" or "that")
                // (a name followed by a reporting verb whose object is the attack noun is its speaker: "Governor X said the
                // blast …", "X confirmed the deadly attack")
                && !(p.Type == "ASSAULT" && Enumerable.Range(before.End, t0 - before.End).Any(k => lex.ReportingVerbs.ContainsKey(lower[k])
                    && Enumerable.Range(k + 1, t0 - k - 1).All(j => Words.Determiners.Contains(lower[j]) || lower[j] == "that" || doc.Tokens.Upos.Count > j && doc.Tokens.Upos[j] == "ADJ"))))
            {
                // "a Dutch embassy bombing", "the Turkish bus attack": a side named before a place or victim noun, or a
                // name that ends in one, owns what was hit; it is the target, not the attacker
                if (p.Type == "ASSAULT" && Enumerable.Range(before.End - 1, t0 - before.End + 1).Any(k => AttackRoles.KindOf(lower[k]) is "place" or "victim"))
                {
                    target = before.Actor;
                }
                else
                {
                    agent = before.Actor;
                }
            }
            else
            {
                var k = t1;
                // "attacks and executions by X": a coordinated event noun shares the "by" phrase of the last one
                if (k < end && lower[k] is "and" or "or" && ByAfterCoordination(lower, k, end) is var byAt && byAt > 0)
                {
                    k = byAt;
                }

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
                    if (agent is null && lower[k - (lower[k - 1] == "the" ? 2 : 1)] == "by")
                    {
                        // "attacks by the enemy": a side named by its role
                        nounAgentText = HostilePhrase(forms, k, end);
                    }
                }
                else if (k + 1 < end && p.Type == "ASSAULT" && lower[k] == "of")
                {
                    // "the atrocities of the occupiers": a side named by its role is the perpetrator, not the victim
                    var j = lower[k + 1] == "the" ? k + 2 : k + 1;
                    for (var len = Math.Min(2, end - j); len >= 1 && nounAgentText is null; len--)
                    {
                        var phrase = string.Join(' ', forms.Skip(j).Take(len));
                        nounAgentText = RolePhraseResolver.KindOf(phrase) == "hostile" ? phrase : null;
                    }
                }
            }

            if (agent is null && nounAgentText is null)
            {
                (agent, nounAgentText) = NounAgent(lex, doc, lower, forms, t0, first, sm, dep);
                if (agent is null && nounAgentText is null && !p.Has("incident") && !p.Has("agent=hostile") && !warPlace)
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
        if (dep is not null && slot is null && !p.Noun && !p.Has("agent=object") && !p.Has("agent=inner") && !fixedRoles)
        {
            var subj = dep.Subject(t0, out var subjPassive);
            int agentTok, targetTok;


            // an attack's participle the parse hung on the noun before it as a reduced relative is active when it has an
            // object ("Security forces killed three militants"): a passive participle takes none
            if (type == "ASSAULT" && subjPassive && !s.Passive && subj >= first && subj < t0 && dep.Label(t0).StartsWith("acl", StringComparison.Ordinal) && ObjectFollows(doc, dep, t0, t1))
            {
                subjPassive = false;
            }

            // a headline's bare participle ("Army convoy ambushed near X") is a passive the parse may read as active
            subjPassive |= s.Passive && subj >= first && subj < t0;
            if (subjPassive)
            {
                var by = dep.PassiveAgent(t0);
                agentTok = p.Has("passive=owner") && by < 0 ? subj : by;
                targetTok = p.Has("passive=owner") ? -1 : subj;
                passive = true;
            }
            else if (passive && t0 > first && lower[t0 - 1] == ",")
            {
                // "X, occupied since 2014": the subject of the clause the participle hangs on is not its agent
                agentTok = dep.PassiveAgent(t0);
                targetTok = -1;
            }
            else
            {
                agentTok = subj;
                targetTok = -1;
            }

            // "MOGADISHU, Somalia (AP) — A suicide bomber detonated …": a dateline the parse took for the subject is none;
            // the subject is the phrase after its dash, right before the verb
            if (agentTok >= first && agentTok < t0 && EventLocator.DatelineEnd(doc, forms, first, t0) is var datelineEnd && agentTok < datelineEnd)
            {
                var h = t0 - 1;
                while (h >= datelineEnd && (Words.Auxiliaries.Contains(lower[h]) || lower[h].EndsWith("ly", StringComparison.Ordinal) && lower[h].Length > 4))
                {
                    h--;
                }

                agentTok = h >= datelineEnd && char.IsLetter(lower[h][0]) ? h : -1;
            }

            // (an attack's agent in the active voice comes before its verb: a noun the parse took as the subject after it,
            // "soldiers shot dead two smugglers", is its object)
            if (type == "ASSAULT" && !passive && agentTok >= t1)
            {
                agentTok = -1;
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

                // "Ukrainian-built missiles hit …": the weapon's state, where the parse left it out of the phrase
                if (weaponSubject && agentTok < t0 && WeaponState(lower, sm, agentTok, first) is { } weaponState)
                {
                    agent = weaponState;
                    weaponSubject = false;
                }
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
            // "X has become Y's largest donor, sending …": with no "to" phrase, the one whose donor the subject is
            if (p.Has("target=to") && dep.Label(t0).StartsWith("acl", StringComparison.Ordinal) && dep.Head(t0) >= 0)
            {
                candidates.Add(dep.Child(dep.Head(t0), "nmod:poss"));
            }

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
                    if (lex.Unit(lower[c]) is { } means && (means.Mode is not null || means.Unit == "personnel" && type is "MOBILIZE" or "AID"))
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
                && lex.Unit(lower[depTargetHead]) is null)
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

        // "Ukrainian-made FP-5 “Flamingo” missiles struck …", "a Russian bomb hit …": a weapon is fired by the side its
        // phrase names by a state's name or demonym; a weapon's own name, which the recogniser may take for a person or
        // an organisation, fires nothing
        if (!p.Noun && !passive && slot is null && !fixedRoles && agent is { Kind: not ActorKind.State } && WeaponOwner(lower, sm, agent, t0, first) is var (isWeapon, owner) && isWeapon)
        {
            agent = owner;
            weaponSubject = owner is null;
            depAgentText = null;
        }

        // "Western diplomats noted that in two years it has captured only …": "it" stands for a state, an organisation or
        // an armed force (the one named last before it), never for a group or a person
        if (!p.Noun && !passive && slot is null && !fixedRoles && agent is { Kind: ActorKind.Group or ActorKind.Person } && SubjectIt(lower, t0, first) is var it && it >= 0)
        {
            agent = ItAntecedent(doc, sm, it, first);
            depAgentText = null;
        }

        // "The Minister of Foreign Affairs of X, Jane Doe, thanked …": a person in apposition right before the verb is
        // its subject, not the title's organisation or state
        if (!p.Noun && !passive && slot is null && !fixedRoles && !p.Has("agent=object") && !p.Has("agent=inner") && agent is not { Kind: ActorKind.Person }
            && AppositivePerson(lower, sm, t0, first) is { } appositive)
        {
            agent = appositive.Actor;
        }

        // "“We liberated the village,” the commander said": a first-person subject in a speaker's words is the speaker's side
        // (whatever the parse or word order took for the subject)
        string? firstPersonName = null;
        if (slot is null && !fixedRoles && !passive && !p.Has("agent=object") && !p.Has("agent=inner") && FirstPerson.Agent(lex, s) is { } own)
        {
            agent = own.Actor;
            firstPersonName = own.Name;
            depAgentText = null;
            nounAgentText = null;
        }

        var reportedAgent = false;
        // "Officials said an assailant opened fire …": the speakers of a reporting verb before the attack's own subject (a
        // perpetrator's or a person's noun) are not its agent; that subject is
        if (agent is not null && firstPersonName is null && type == "ASSAULT" && p.Type == "ASSAULT" && !p.Noun && !passive && slot is null && !fixedRoles
            && ReportedSubject(lex, doc, lower, forms, sm, agent, t0, first, dep) is { } reportedSubject)
        {
            agent = null;
            depAgentText = reportedSubject;
            reportedAgent = true;
        }

        string? npAgent = null;
        var pronounAgent = false;
        if (agent is null && !p.Noun && !passive && slot is null && !p.Has("agent=object") && !p.Has("agent=inner") && !fixedRoles)
        {
            npAgent = SubjectPhrase(doc, lower, forms, t0, first, attack: type == "ASSAULT" && p.Type == "ASSAULT");
            // ("He opened fire …": a pronoun subject of an attack, resolved by the attack's roles to the one it stands for)
            var pk = t0 - 1;
            while (pk > first && t0 - pk <= 3 && lower[pk] is "had" or "has" or "have" or "then" or "also" or "later" or "allegedly" or "reportedly")
            {
                pk--;
            }

            if (npAgent is null && agent is null && type == "ASSAULT" && p.Type == "ASSAULT" && !p.Has("casualty") && pk >= first && lower[pk] is "he" or "she" or "they")
            {
                npAgent = forms[pk];
                pronounAgent = true;
            }
            if (npAgent is not null && sm.Any(m => m.End == t0 || m.End <= t0 && m.End >= t0 - 1))
            {
                npAgent = null; // the word before is a known actor that is not the subject ("as a result of Russian shelling")
            }
        }

        // ("a woman armed with a hammer attacked …": the person the word-order rules find over the weapon the parse took,
        // and the trained model does not replace)
        var personAgent = false;
        if (depAgentText is not null && npAgent is not null && type == "ASSAULT" && AttackRoles.KindOf(npAgent) is "person"
            && AttackRoles.KindOf(depAgentText) is not ("perpetrator" or "person") && !reportedAgent)
        {
            depAgentText = null;
            personAgent = true;
        }

        npAgent = firstPersonName is not null && agent is null ? firstPersonName : nounAgentText ?? depAgentText ?? npAgent;
        if (agent is null && npAgent is null && slot is null && !fixedRoles && !p.Has("agent=object"))
        {
            // "X began a hunger strike", "X launched an offensive": the light verb's subject
            (agent, npAgent) = NounAgent(lex, doc, lower, forms, t0, first, sm, dep);
            agent ??= PronounAntecedent(lower, sm, t0, first)?.Actor ?? RelativeAntecedent(lower, sm, t0, first)?.Actor;
        }

        var mayStandAlone = type == "ASSAULT" && p.Type == "ASSAULT" && (!p.Noun && (passive || weaponSubject) || p.Has("incident") || p.Has("casualty") || p.Has("agent=hostile"));
        if (agent is null && npAgent is null && !mayStandAlone && !warPlace)
        {
            // an attack whose perpetrator is not named ("a roadside bomb killed …", "the camp was shelled", "the explosion",
            // "nine people died") is kept without an actor
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
                if (pp < 0 || lex.Unit(lower[pp]) is not null || at == governor && prep == OfPreposition)
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

                // the receiver named inside the trigger's words, as the verb's first object ("supplying Russia with drones")
                if (target is null && prep == "to")
                {
                    target = sm.FirstOrDefault(m => m.First > t0 && m.First <= t0 + 2 && m.End <= t1 && m.Actor != agent && Enumerable.Range(t0 + 1, m.First - t0 - 1).All(k => Words.Determiners.Contains(lower[k])))?.Actor;
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
            // (up to the next clause: "provides vital intelligence, and European countries are spending …" names no
            // side of the first act)
            var stop = t1;
            var upos = doc.Tokens.Upos;
            while (stop < end && !(lower[stop] is ";" or "while" or "whereas" or "but" or "." || lower[stop] == "," && Enumerable.Range(stop + 1, Math.Max(0, Math.Min(end, stop + 6) - stop - 1)).Any(k => lex.ReportingVerbs.ContainsKey(lower[k]))
                || lower[stop] == "," && stop + 2 < end && lower[stop + 1] is "and" or "yet" or "so" && upos.Count > stop + 2 && upos[stop + 2] is not ("VERB" or "AUX")
                    && Enumerable.Range(stop + 3, Math.Max(0, Math.Min(end, stop + 7) - stop - 3)).Any(k => upos.Count > k && upos[k] is "VERB" or "AUX")))
            {
                stop++;
            }

            target = sm.FirstOrDefault(m => m.First >= t1 && m.First < stop && m.Actor != agent)?.Actor;
        }

        if (target is null && depTargetText is not null)
        {
            npTarget = depTargetText;
        }

        // ("targeted a fuel depot": a facility is a target although no actor)
        if (p.Has("needs=target") && target is null && !(npTarget is not null && Facility(lex, npTarget)))
        {
            return null;
        }

        // a person acting for a state: the state is the actor, the person a participant
        var agentName = agent?.Name ?? npAgent;
        if (agent is not null && agent.Kind == ActorKind.Person && !p.Has("person") && agent.Affiliation is not null && lex.CountryByName.ContainsKey(agent.Affiliation) && agent.Role is not null && !agent.Role.StartsWith("Former", StringComparison.Ordinal))
        {
            participants.Insert(0, agent.Name);
            agentName = agent.Affiliation;
        }
        else if (agent is { Kind: ActorKind.Person, Affiliation: not null } && p.Has("person") && lex.CountryByName.ContainsKey(agent.Affiliation) && agent.Role is not null)
        {
            // a person's own act (a demand, an accusation, a visit): the person is the actor, the state they serve a participant
            participants.Add(agent.Affiliation);
        }

        var targetName = target?.Name ?? npTarget;
        if (target is { Kind: ActorKind.Person, Affiliation: not null } && lex.CountryByName.ContainsKey(target.Affiliation) && !p.Has("person"))
        {
            targetName = target.Affiliation;
        }

        // the trained role model (models/roles) fills the roles the rules left open (for an attack, it also replaces a
        // common-noun phrase the rules guessed where no known actor or name is given)
        var modelDecides = type == "ASSAULT";
        static bool Named(string? phrase) => phrase is not null && phrase.Split(' ').Any(Words.IsCapitalised);
        if (dep is not null && s.ActorKinds is { } kinds && RoleModel.Default is { } model && !fixedRoles && slot is null && (agentName is null || targetName is null || modelDecides) && dep.IsParsed(t0))
        {
            var (ma, mt) = model.Choose(doc, lower, first, end, t0, t1, RoleFeatures.Family(type, p.Has("casualty")), kinds, p.Noun);

            // in a passive ("Army convoy ambushed near X", "the town was shelled") what stands before the verb is what the
            // act befell, not its agent, whatever the parse the model reads made of a headline's bare participle
            if (passive && !p.Noun && ma >= first && ma < t0 && doc.Tokens.Xpos.Count > t0 && doc.Tokens.Xpos[t0] is "VBN" or "VBD")
            {
                mt = mt < 0 || mt >= t1 ? ma : mt;
                ma = -1;
            }

            // in the active voice with an object ("Security forces killed three militants"), the verb's subject is its agent,
            // never its target
            if (!passive && !p.Noun && mt >= first && mt < t0 && dep.Subject(t0, out var subjectIsPatient) == mt && !subjectIsPatient
                && ObjectFollows(doc, dep, t0, t1) && !(lower[t0] is "died" or "dies" or "die" or "dead"))
            {
                ma = ma < 0 || ma >= t1 ? mt : ma;
                mt = -1;
            }

            // the weapon of an attack is no side of it: the rules' phrase stays where the model would take the means
            if (ma >= 0 && AttackRoles.KindOf(lower[ma]) == "means")
            {
                ma = -1;
            }

            // the phrase of a chosen head, unless the parse wrapped the trigger into it
            string? PhraseOf(int h)
            {
                var (f, l) = dep.Phrase(h);
                return f <= t0 && t0 <= l ? null : dep.PhraseText(h);
            }

            if ((agentName is null || modelDecides && agent is null && !Named(agentName) && !byPhraseAgent && !reportedAgent && !personAgent) && ma >= 0)
            {
                var m = MentionInPhrase(dep, sm, ma);

                // "A gunman opened fire on police on Paris' main boulevard": a perpetrator's noun the rules took for the
                // subject gives way to an armed group the model names, never to a state, a place, a person or a plain phrase
                if (agentName is not null && AttackRoles.KindOf(agentName) == "perpetrator" && m?.Actor.Kind is not ActorKind.Group)
                {
                    m = null;
                    ma = -1;
                }

                if (ma >= 0 && (m is not null || PhraseOf(ma) is not null))
                {
                    agent = m?.Actor;
                    agentName = m?.Actor.Name ?? PhraseOf(ma);
                }
            }

            if ((targetName is null || modelDecides && target is null && !Named(targetName)) && mt >= 0)
            {
                var m = MentionInPhrase(dep, sm, mt);
                var text = m is not null ? (m.Actor.Name != agentName ? m.Actor.Name : null) : PhraseOf(mt);
                if (text is not null)
                {
                    target = m?.Actor;
                    targetName = text;
                }
            }
        }

        if (type == "ASSAULT")
        {
            (agent, agentName, targetName) = AttackRoles.Check(lex, s, agent, agentName, targetName);
        }

        // a phrase that no known actor names must be a possible role: no date, number, pronoun, weapon, heading
        if (agent is null && agentName is not null && RolePhraseResolver.KindOf(agentName) is null)
        {
            agentName = RoleFilter.Clean(agentName, lex);

            // "X's missile, which it has stationed in Y": a pronoun after a relative word stands for the actor named before it
            if (agentName is null && RelativeAntecedent(lower, sm, t0, first) is { } antecedent)
            {
                agent = antecedent.Actor;
                agentName = agent.Name;
            }

            if (agentName is null && type != "ASSAULT")
            {
                // "The minister had spoken about the first day of negotiations … and accused X": a speech act whose
                // nearest phrase names no side shares the subject of the verb before it (a person or state right before a verb)
                var upos = doc.Tokens.Upos;
                agent = p.Has("person") ? sm.LastOrDefault(m => m.First >= first && m.End < t0 && m.Actor.Kind is ActorKind.Person or ActorKind.State
                    && !m.Form.EndsWith("@loc", StringComparison.Ordinal) && upos.Count > m.End && upos[m.End] is "VERB" or "AUX")?.Actor : null;
                if (agent is null)
                {
                    return null;
                }

                agentName = agent.Name;
            }
        }

        // (a pronoun subject that stands for no one named makes no act of a verb that needs its agent)
        if (pronounAgent && !mayStandAlone && agent is null && agentName is null)
        {
            return null;
        }

        if (target is null && targetName is not null && fixedTargetText is null && RolePhraseResolver.KindOf(targetName) is null)
        {
            targetName = RoleFilter.Clean(targetName, lex, target: true);
        }

        // "the commander-in-chief of X's armed forces stated that the Air Assault Forces and adjacent units had regained …":
        // units a speaker reports on without naming their state are the speaker's own side
        var speakersSide = false;
        if (agent is null && agentName is not null && firstPersonName is null && type is "ASSAULT" or "MOBILIZE" or "RETREAT" && UnnamedUnits(agentName)
            && ReportingFrame.SpeakerZones(lex, lower, t0, t1, first, end) is { Count: > 0 } zones
            && sm.LastOrDefault(m => ReportingFrame.InZones(zones, m) && !m.Form.EndsWith("@loc", StringComparison.Ordinal))?.Actor is { } speaker
            && speaker.Kind is ActorKind.Person or ActorKind.Organisation && ReportingFrame.SideOf(lex, speaker) is { } side && lex.CountryByName.ContainsKey(side))
        {
            participants.Add(agentName);
            agentName = side;
            agent = doc.Actors.FirstOrDefault(a => a.Name == side);
            speakersSide = true;
        }

        if (targetName == agentName || agentName is not null && targetName is not null && StateOf(targetName) == agentName)
        {
            targetName = null; // "Ukrainian forces advanced": the agent's own forces are no target
        }

        // "a Russian drone hit her home and killed her": a person the attack's clause names by a pronoun object is its
        // target (the person named last before it, in its sentence or the two before)
        if (type == "ASSAULT" && target is null && !fixedRoles && slot is null && PronounVictim(doc, lower, t1, end) && LastPersonBefore(doc, t0, first) is { } victim && victim.Name != agentName)
        {
            target = victim;
            targetName = victim.Name;
        }

        // "attacked a church in X", "opened fire on worshippers in X": the people or the building right after the verb
        // are what was hit; the place named after them by "in" or "at" is where, not the target
        if (type == "ASSAULT" && !p.Noun && !passive && !fixedRoles && slot is null && targetName is not null && ObjectBeforePlace(doc, lower, forms, t1, clauseEnd, targetName) is { } hit)
        {
            target = null;
            targetName = hit;
        }

        // "the US still provides vital intelligence": aid or help a state gives with no recipient named goes to the
        // state the text is about (the state it names most, clearly ahead of the next)
        if (targetName is null && !fixedRoles && slot is null && type is "AID" or "COOPERATE" && agentName is not null && lex.CountryByName.ContainsKey(agentName)
            && MainOtherState(doc, agentName) is { } recipient)
        {
            targetName = recipient;
        }

        return new EventRoles(agent, agentName, targetName, participants) { FirstPerson = (firstPersonName is not null || speakersSide) && agentName is not null };
    }

    /// <summary>
    /// The subject phrase of an attack verb told inside a reporting clause ("Police said a gunman opened fire"), when it
    /// is a perpetrator's or a person's noun and the actor <paramref name="agent"/> found for it is named before the
    /// reporting verb (the speakers); null otherwise.
    /// </summary>
    private static string? ReportedSubject(ExtractionLexicon lex, Document doc, string[] lower, List<string> forms, List<TokMention> sm, Actor agent, int t0, int first, DependencyRoles? dep)
    {
        var m = sm.LastOrDefault(m => m.Actor == agent && m.End <= t0 && m.First >= first);
        // (the parse's subject when words stand between it and the verb: "a man armed with a knife attacked …", the noun
        // with the nouns and adjectives before it)
        var phrase = SubjectPhrase(doc, lower, forms, t0, first, attack: true);
        if (phrase is null && dep is not null && dep.Subject(t0, out var patient) is var subj && subj > first && subj < t0 && !patient
            && AttackRoles.KindOf(lower[subj]) is "perpetrator" or "person")
        {
            var b = subj;
            while (b - 1 > first && doc.Tokens.Upos.Count > b - 1 && doc.Tokens.Upos[b - 1] is "ADJ" or "NOUN" && !Words.IsCapitalised(forms[b - 1]))
            {
                b--;
            }

            phrase = doc.Text[doc.Tokens.Starts[b]..doc.Tokens.Ends[subj]];
        }

        if (m is null || phrase is null || AttackRoles.KindOf(phrase) is not ("perpetrator" or "person"))
        {
            return null;
        }

        var said = -1;
        for (var k = m.End; k < t0; k++)
        {
            if (lex.ReportingVerbs.ContainsKey(lower[k]))
            {
                said = k;
            }
        }

        // (the phrase lies after the reporting verb: "Police said the gunman …", not "the gunman, police said, …")
        return said >= 0 && doc.Text.IndexOf(phrase, doc.Tokens.Starts[said], StringComparison.Ordinal) is var at && at >= doc.Tokens.Ends[said] && at < doc.Tokens.Starts[t0] ? phrase : null;
    }

    /// <summary>
    /// The common noun right after an attack verb (after "on", "at" or "against" and an article: "a church", "on
    /// worshippers") when "in", "at" or "near" follows it and then a place of the document named
    /// <paramref name="placeName"/>; null otherwise (a noun that names a time or a weapon is no object here).
    /// </summary>
    private static string? ObjectBeforePlace(Document doc, string[] lower, List<string> forms, int t1, int clauseEnd, string placeName)
    {
        var upos = doc.Tokens.Upos;
        var k = t1;
        if (k < clauseEnd && lower[k] is "on" or "at" or "against")
        {
            k++;
        }

        while (k < clauseEnd && lower[k] is "a" or "an" or "the")
        {
            k++;
        }

        var head = k;
        while (head < clauseEnd && head - k < 3 && upos.Count > head && upos[head] is "NOUN" or "ADJ" && !Words.IsCapitalised(forms[head]))
        {
            head++;
        }

        head--;
        if (head < k || upos[head] != "NOUN" || head + 2 >= clauseEnd || !(lower[head + 1] is "in" or "at" or "near")
            || TimeWords.Contains(lower[head]) || AttackRoles.KindOf(lower[head]) is "means" or "time"
            || !doc.Places.Any(pl => pl.Name == placeName)
            || doc.Text.IndexOf(placeName, doc.Tokens.Starts[head + 1], StringComparison.Ordinal) is var at && (at < 0 || at > doc.Tokens.Ends[clauseEnd - 1]))
        {
            return null;
        }

        return doc.Text[doc.Tokens.Starts[k]..doc.Tokens.Ends[head]];
    }

    /// <summary>
    /// The "by" of a coordinated event noun's phrase: "attacks and alleged executions by X" (at most four words of the
    /// other noun phrase, no punctuation between), or -1.
    /// </summary>
    private static int ByAfterCoordination(string[] lower, int and, int end)
    {
        for (var k = and + 1; k < Math.Min(end, and + 6); k++)
        {
            if (lower[k] == "by")
            {
                return k > and + 1 ? k : -1;
            }

            if (Words.IsPunct(lower[k]) || lower[k] is "and" or "or" or "of" or "in" or "on" or "to" or "that" or "which" or "who")
            {
                return -1;
            }
        }

        return -1;
    }

    /// <summary>
    /// The antecedent of "it"/"they" after a relative word ("which it has now stationed", "with which it threatened"):
    /// the nearest state, organisation or force named before the relative word, not a place; null when the words do not
    /// stand so.
    /// </summary>
    private static TokMention? RelativeAntecedent(string[] lower, List<TokMention> sm, int t0, int first)
    {
        var k = t0 - 1;
        while (k > first && (lower[k].EndsWith("ly", StringComparison.Ordinal) || lower[k] is "has" or "have" or "had" or "now" or "already" or "also" or "since" or "not" or "never" or "still"))
        {
            k--;
        }

        return k > first && lower[k] is "it" or "they" && lower[k - 1] is "which" or "that" or "whom"
            ? sm.LastOrDefault(m => m.End <= k - 1 && !m.Form.EndsWith("@loc", StringComparison.Ordinal) && m.Actor.Kind is ActorKind.State or ActorKind.Organisation or ActorKind.ArmedForce)
            : null;
    }

    /// <summary>
    /// Whether the agent's mention names a weapon rather than who fired it (it stands in the subject phrase right before
    /// the weapon's head noun: "“Flamingo” missiles"), and the state the phrase names before it ("Ukrainian-made"), if any.
    /// </summary>
    private static (bool IsWeapon, Actor? Owner) WeaponOwner(string[] lower, List<TokMention> sm, Actor agent, int t0, int first)
    {
        var m = sm.LastOrDefault(m => m.Actor == agent && m.End <= t0 && m.First >= first);
        if (m is null)
        {
            return (false, null);
        }

        // the weapon's head within three tokens after the name (closing quotes, a model number), then only the verb's
        // auxiliaries and adverbs up to the trigger
        var head = -1;
        for (var k = m.End; k < Math.Min(t0, m.End + 3); k++)
        {
            if (WeaponHeads.Contains(lower[k]))
            {
                head = k;
                break;
            }

            if (lower[k] is "," or "." or ";" or "and" or "or" || char.IsLetter(lower[k][0]) && Words.ClauseBoundaries.Contains(lower[k]))
            {
                return (false, null);
            }
        }

        if (head < 0 || Enumerable.Range(head + 1, t0 - head - 1).Any(k => !(lower[k] is "have" or "has" or "had" or "also" or "reportedly" or "then" || lower[k].EndsWith("ly", StringComparison.Ordinal))))
        {
            return (false, null);
        }

        return (true, WeaponState(lower, sm, m.First, first));
    }

    /// <summary>
    /// The state named by its name or demonym in a weapon's noun phrase before token <paramref name="before"/>
    /// ("Ukrainian-made FP-5 “Flamingo” missiles", "a Russian glide bomb"): back to a clause boundary, at most ten
    /// tokens; null when none.
    /// </summary>
    private static Actor? WeaponState(string[] lower, List<TokMention> sm, int before, int first)
    {
        for (var k = before - 1; k >= Math.Max(first, before - 10); k--)
        {
            if (lower[k] is "," or ";" or ":" || lower[k] != "\"" && Words.ClauseBoundaries.Contains(lower[k]))
            {
                break;
            }

            if (sm.FirstOrDefault(x => x.First <= k && k < x.End) is { } o && o.Actor.Kind == ActorKind.State && !o.Form.EndsWith("@loc", StringComparison.Ordinal))
            {
                return o.Actor;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether a phrase names military units without their state or side ("the Air Assault Forces and adjacent units",
    /// "the assault units"): its last word is a military body, no word names a state, and it is no role phrase ("enemy
    /// units", "occupying forces").
    /// </summary>
    private static bool UnnamedUnits(string phrase)
    {
        var words = PhraseIndex<int>.Split(phrase);
        if (words.Length == 0 || words.Length > 8 || !MilitaryBodyWords.Value.Contains(words[^1].ToLowerInvariant()) || StateOf(phrase) is not null)
        {
            return false;
        }

        for (var i = 0; i < words.Length; i++)
        {
            if (RolePhraseResolver.KindOf(words[i]) is not null || i + 1 < words.Length && RolePhraseResolver.KindOf(words[i] + " " + words[i + 1]) is not null
                || words[i].ToLowerInvariant() is "occupying" or "occupation" or "hostile" or "foreign" or "its" or "their" or "his" or "her" or "these" or "those")
            {
                return false;
            }
        }

        return true;
    }

    private static readonly Lazy<HashSet<string>> MilitaryBodyWords = new(() => new HashSet<string>(Lexicon.Lines(typeof(RoleRules).Assembly, "military-bodies.txt"), StringComparer.Ordinal));

    /// <summary>The state other than <paramref name="side"/> that the text names most, when it is clearly ahead of the next (at least twice, and more often).</summary>
    private static string? MainOtherState(Document doc, string side)
    {
        var top = doc.Actors.Where(a => a.Kind == ActorKind.State && a.Name != side).OrderByDescending(a => a.Mentions.Count).Take(2).ToList();
        return top.Count > 0 && top[0].Mentions.Count >= 2 && (top.Count == 1 || top[0].Mentions.Count > top[1].Mentions.Count) ? top[0].Name : null;
    }

    /// <summary>Whether a verb after the trigger, in its sentence, takes "him"/"her" or "his"/"her" + noun as its object ("killed him", "hit her home").</summary>
    private static bool PronounVictim(Document doc, string[] lower, int t1, int end)
    {
        var upos = doc.Tokens.Upos;
        for (var k = t1; k < end && k < t1 + 10; k++)
        {
            if (lower[k] is ";" or "." or ":" || lower[k] is "," && k + 1 < end && lower[k + 1] is not "and")
            {
                return false;
            }

            if (lower[k] is "him" or "her" or "his" && k > t1 - 1 && upos.Count > k - 1 && upos[k - 1] == "VERB")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The person mentioned last before token <paramref name="t0"/>: in its sentence, else in the two sentences before; null when none.</summary>
    private static Actor? LastPersonBefore(Document doc, int t0, int first)
    {
        var at = doc.Tokens.Starts[t0];
        var sentence = doc.SentenceIndexAt(doc.Tokens.Starts[first]);
        var from = doc.Sentence(Math.Max(0, sentence - 2)).Span.Start;
        var persons = doc.Actors.Where(a => a.Kind == ActorKind.Person).ToDictionary(a => a.Id, StringComparer.Ordinal);
        var m = doc.ActorMentions.Where(m => m.Span.End <= at && m.Span.Start >= from && persons.ContainsKey(m.ActorId)).MaxBy(m => m.Span.Start);
        return m is null ? null : persons[m.ActorId];
    }

    /// <summary>The token of "it" as the trigger verb's own subject ("it has seized", "it also struck"), or -1.</summary>
    private static int SubjectIt(string[] lower, int t0, int first)
    {
        var k = t0 - 1;
        while (k > first && (lower[k] is "has" or "have" or "had" or "is" or "was" or "been" or "will" or "would" or "also" or "now" or "already" or "since" or "then" || lower[k].EndsWith("ly", StringComparison.Ordinal)))
        {
            k--;
        }

        return k >= first && lower[k] == "it" ? k : -1;
    }

    /// <summary>
    /// The state, organisation or armed force named last before "it" at token <paramref name="it"/>: in its sentence,
    /// else in the two sentences before; null when none.
    /// </summary>
    private static Actor? ItAntecedent(Document doc, List<TokMention> sm, int it, int first)
    {
        static bool Singular(Actor a) => a.Kind is ActorKind.State or ActorKind.Organisation or ActorKind.ArmedForce;
        if (sm.LastOrDefault(m => m.End <= it && Singular(m.Actor) && !m.Form.EndsWith("@loc", StringComparison.Ordinal)) is { } inSentence)
        {
            return inSentence.Actor;
        }

        var at = doc.Tokens.Starts[first];
        var sentence = doc.SentenceIndexAt(at);
        var from = doc.Sentence(Math.Max(0, sentence - 2)).Span.Start;
        var actors = doc.Actors.Where(Singular).ToDictionary(a => a.Id, StringComparer.Ordinal);
        var m = doc.ActorMentions.Where(m => m.Span.End <= at && m.Span.Start >= from && actors.ContainsKey(m.ActorId)).MaxBy(m => m.Span.Start);
        return m is null ? null : actors[m.ActorId];
    }

    /// <summary>A person mention set off by commas right before the trigger (", Jane Doe, thanked"), or null.</summary>
    private static TokMention? AppositivePerson(string[] lower, List<TokMention> sm, int t0, int first)
    {
        var k = t0 - 1;
        while (k > first && lower[k].EndsWith("ly", StringComparison.Ordinal))
        {
            k--;
        }

        if (k <= first || lower[k] != ",")
        {
            return null;
        }

        var m = sm.LastOrDefault(m => m.End == k);
        return m is { Actor.Kind: ActorKind.Person } && m.First - 1 > first && lower[m.First - 1] == "," ? m : null;
    }

    /// <summary>Whether the verb at <paramref name="t0"/> has an object: in the parse, or inside its pattern ("killed three militants").</summary>
    private static bool ObjectFollows(Document doc, DependencyRoles dep, int t0, int t1) =>
        dep.Object(t0) >= 0 || t1 - t0 > 1 && doc.Tokens.Upos.Count > t0 + 1 && doc.Tokens.Upos[t0 + 1] is "NUM" or "DET";

    /// <summary>A side named by its role ("enemy", "the occupiers") at token k, or null.</summary>
    private static string? HostilePhrase(List<string> forms, int k, int end)
    {
        for (var len = Math.Min(2, end - k); len >= 1; len--)
        {
            var phrase = string.Join(' ', forms.Skip(k).Take(len));
            if (RolePhraseResolver.KindOf(phrase) == "hostile")
            {
                return phrase;
            }
        }

        return null;
    }

    /// <summary>The state a phrase names by its name or demonym ("Ukrainian forces" → Ukraine), or null.</summary>
    private static string? StateOf(string phrase)
    {
        var tokens = PhraseIndex<int>.Split(phrase);
        for (var i = 0; i < tokens.Length; i++)
        {
            if (StateNames.Default.Index.TryMatch(tokens, i, tokens.Length, out _, out var st) && st.Form is StateForm.Name or StateForm.Demonym)
            {
                return st.Country.Name;
            }
        }

        return null;
    }

    /// <summary>A noun phrase whose head is a facility ("a fuel depot", "two power plants").</summary>
    private static bool Facility(ExtractionLexicon lex, string phrase)
    {
        var head = phrase.AsSpan().TrimEnd();
        var space = head.LastIndexOf(' ');
        var word = (space < 0 ? head : head[(space + 1)..]).ToString().ToLowerInvariant();
        return lex.FacilityWords.Contains(word) || lex.FacilityWords.Contains(QuantityLexicon.Default.Singular(word));
    }
}
