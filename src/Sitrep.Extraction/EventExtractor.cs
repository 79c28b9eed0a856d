using Sitrep.Core;
using Sitrep.Core.Pipeline;
using static Sitrep.Extraction.EventLocator;
using static Sitrep.Extraction.RoleCandidates;

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
    public bool MayFire(Document doc, SentenceRange sentence) => TriggerMatcher.MayFire(_lex, doc, sentence);

    public void Process(Document doc, CancellationToken cancellationToken)
    {
        var dyad = new RolePhraseResolver.DyadEvidence();
        // what a run writes outside its events (the owners of the weapons its attacks fire, the places its locations
        // register), to be undone before the document is told again
        var owners = doc.Quantities.Select(q => q.Owner).ToArray();
        var placeCount = doc.Places.Count;
        var placeMentions = doc.Places.Select(p => p.Mentions.ToArray()).ToArray();
        Run(doc, dyad, cancellationToken);

        // an attack given to one of the text's two states as the other's victim, in a text that never tells them fighting
        // each other, is told again without that guess (its perpetrator stays unknown or comes from the text's own words;
        // the guessed side is not left as the owner of the attack's weapons)
        if (dyad.GuessedWithoutConflict)
        {
            for (var i = 0; i < owners.Length; i++)
            {
                doc.Quantities[i].Owner = owners[i];
            }

            doc.Places.RemoveRange(placeCount, doc.Places.Count - placeCount);
            for (var i = 0; i < placeCount; i++)
            {
                doc.Places[i].Mentions.Clear();
                doc.Places[i].Mentions.AddRange(placeMentions[i]);
            }

            Run(doc, new RolePhraseResolver.DyadEvidence { NoGuess = true }, cancellationToken);
        }
    }

    private void Run(Document doc, RolePhraseResolver.DyadEvidence dyad, CancellationToken cancellationToken)
    {
        doc.Events.Clear();
        var lower = Words.Lower(doc);
        var forms = doc.Tokens.Forms;
        var dep = DependencyRoles.For(doc, lower);
        var actorsById = doc.Actors.ToDictionary(a => a.Id, StringComparer.Ordinal);
        var mentions = doc.ActorMentions.Select(m => new TokMention(doc.TokenIndexAtOrAfter(m.Span.Start), doc.TokenIndexAtOrAfter(m.Span.End), actorsById[m.ActorId], m.Form)).ToList();
        var paragraphs = Words.SentenceParagraphs(doc);
        var actorKinds = new string?[doc.TokenCount];
        foreach (var m in mentions)
        {
            for (var k = m.First; k < m.End && k < actorKinds.Length; k++)
            {
                actorKinds[k] = Sitrep.Core.Serialization.AnalysisJson.KindName(m.Actor.Kind);
            }
        }

        var placeAt = doc.Has(Layer.Places) ? PlaceMentions(doc) : null;
        PlaceCandidate? lastRegion = null;
        PlaceCandidate? paragraphPlace = null;
        PlaceCandidate? townBefore = null;
        var townParagraph = -1;
        var lastParagraph = -1;
        var mi = 0;
        var merger = new IncidentMerger(doc, _lex);
        var otherPlaces = new List<Place>();
        var reciprocal = new List<Event>();
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

            var places = FindPlaces(_lex, doc, lower, forms, first, end, sm, placeAt, ref lastRegion);
            var sentenceStartPlace = paragraphPlace ?? (paragraphs[s] == townParagraph ? townBefore : null);
            townParagraph = paragraphs[s];
            var quantities = doc.Quantities.Where(q => q.Evidence.Start == sentence.Span.Start).ToList();
            var times = doc.Times.Where(t => sentence.Span.Contains(t.Span)).ToList();
            // a sentence the parser skipped falls back to the word-order rules
            var sentenceDep = dep is not null && dep.IsParsed(first) ? dep : null;
            var notEvent = NotEvents.Check(doc, lower, first, end);
            var consumedUntil = notEvent == NotEvents.Kind.NoAct ? end : first;

            // "Mr President, close the sky!": a demand by the speaker on the one addressed; the verb tells no act of its own
            // (words before the address, when the splitter left it inside the sentence before, keep their acts)
            var imperativeFrom = end;
            Event? demand = null;
            if (notEvent == NotEvents.Kind.Any && Imperative.Find(doc, lower, first, end, sm) is { } address)
            {
                imperativeFrom = Math.Min(address.Addressee.First, address.Verb);
                demand = Imperative.Demand(_lex, doc, lower, address, end);
            }

            for (var i = first; i < end; i++)
            {
                if (i < consumedUntil || i >= imperativeFrom || !_lex.TriggersByFirst.TryGetValue(lower[i], out var patterns) || MonthOfDate(doc, lower, i, times))
                {
                    continue;
                }

                // longest pattern first; a pattern whose roles cannot be filled gives way to the next
                var candidates = new List<(TriggerPattern P, int End, TokMention? Slot)>();
                foreach (var p in patterns)
                {
                    // a question asks whether an act happens; what it names ("Russia's demand for …") may still be one
                    if (notEvent == NotEvents.Kind.Question && !(p.Noun && doc.Tokens.Upos.Count > i && doc.Tokens.Upos[i] == "NOUN"))
                    {
                        continue;
                    }

                    if (TriggerMatcher.TryPattern(p, lower, i, end, sm, out var pEnd, out var pSlot))
                    {
                        candidates.Add((p, pEnd, pSlot));
                    }
                }

                Event? ev = null;
                TriggerPattern? built = null;
                otherPlaces.Clear();
                reciprocal.Clear();
                var bestEnd = i;
                // on a word the tagger reads as a noun, a noun pattern goes before a verb pattern of the same length
                var nounHere = doc.Tokens.Upos.Count > i && doc.Tokens.Upos[i] == "NOUN";
                foreach (var (p, pEnd, pSlot) in candidates.OrderByDescending(c => c.P.Tokens.Count).ThenByDescending(c => nounHere && c.P.Noun))
                {
                    // words that hold a trigger but name no act ("war crimes", "banned cluster munitions"): no event from them
                    if (p.Has("none"))
                    {
                        consumedUntil = pEnd;
                        break;
                    }

                    ev = EventBuilder.Build(_lex, doc, lower, forms, p, i, pEnd, first, end, sm, pSlot, places, quantities, times, sentenceStartPlace, sentenceDep, placeAt, actorKinds, otherPlaces, reciprocal, dyad);
                    if (ev is not null)
                    {
                        bestEnd = pEnd;
                        built = p;
                        break;
                    }
                }

                if (ev is null)
                {
                    continue;
                }

                consumedUntil = bestEnd;
                var kind = KindOf(_lex, built!, ev, lower, i, first, doc, times);
                if (kind == IncidentMerger.MentionKind.Reference && ev.Actor is { } refActor && sm.Exists(m => m.Actor.Name == refActor) && !_lex.Organisations.Exists(o => o.Kind == ActorKind.ArmedForce && o.Name == refActor)
                    && !Denied(_lex, lower, i, first) && !NamedWithNoun(refActor, sm, lower, i, bestEnd, end)
                    && Near(_lex.ReactionWords, lower, i, bestEnd, first, end) && !Near(_lex.PerpetrationWords, lower, i, bestEnd, first, end))
                {
                    // "Ash Carter responded to the bombing", "frustration in Downing Street about Saturday's attack": who
                    // the clause names as reacting to an act told before is not its attacker (an actor the text gives
                    // from outside the sentence, as "the enemy" of the paragraph, stays; so does a known armed force, which
                    // speaks of an attack mostly to claim it)
                    ev.Participants.Remove(ev.Actor);
                    ev.Actor = null;
                }

                merger.Add(ev, kind, s, paragraphs[s], built!.Has("joins"), built.Has("campaign"));
                foreach (var place in otherPlaces.ToList())
                {
                    merger.Add(AtPlace(ev, place), IncidentMerger.MentionKind.Act, s, paragraphs[s]);
                }

                // "X and Y accuse each other": the other side's act too
                foreach (var back in reciprocal.ToList())
                {
                    merger.Add(back, IncidentMerger.MentionKind.Act, s, paragraphs[s]);
                }
            }

            if (demand is not null)
            {
                merger.Add(demand, IncidentMerger.MentionKind.Act, s, paragraphs[s]);
            }

            if (places.Count > 0)
            {
                paragraphPlace = places.LastOrDefault(pl => !pl.IsCapitalOf && !pl.OfTarget) ?? paragraphPlace;
            }

            // "The town of X was quiet on Monday. Hours later, a bomb went off …": a town a sentence names without a
            // locative word places the acts of the next sentence of its paragraph, when nothing else does
            townBefore = places.Count == 0 ? EventLocator.TownNamed(doc, placeAt, first, end) : null;
        }

        AttackRoles.ClaimedWithoutObject(doc, lower, mentions);
        merger.AttributeToCampaign();
        merger.PlaceCampaigns();
        EventSites.Assign(doc, lower, placeAt);
    }

    /// <summary>A month's name inside a date ("in March 2019", "since March"): the word names no act ("march").</summary>
    private bool MonthOfDate(Document doc, string[] lower, int i, List<TimeExpression> times) =>
        times.Count > 0 && _lex.Months.ContainsKey(lower[i]) && times.Exists(t => t.Span.Start <= doc.Tokens.Starts[i] && doc.Tokens.Ends[i] <= t.Span.End);

    /// <summary>What kind of mention of an act a new event is, for the incident merger.</summary>
    private static IncidentMerger.MentionKind KindOf(ExtractionLexicon lex, TriggerPattern p, Event ev, string[] lower, int t0, int first, Document doc, List<TimeExpression> times)
    {
        // "the ministry denied striking residential areas", "denies having shelled the market": the act a denial names is
        // the act the report tells, not a new one by the one who denies it (the denial is a claim about it)
        if (ev.Type == "ASSAULT" && Denied(lex, lower, t0, first))
        {
            return IncidentMerger.MentionKind.Reference;
        }

        if (p.Has("casualty"))
        {
            return IncidentMerger.MentionKind.Casualty;
        }

        if (!p.Has("incident"))
        {
            return IncidentMerger.MentionKind.Act;
        }

        // "the bombing", "this attack", "the same explosion": a reference to an act told before ("Russia's attack" names its own actor)
        for (var k = t0 - 1; k >= Math.Max(first, t0 - 3); k--)
        {
            // "Saturday's attack", "last year's blast": a day's possessive dates the act told before; "Russia's attack" names its actor
            if (lower[k] is "'s" or "’s" && k > first && times.Exists(t => t.Span.Start <= doc.Tokens.Starts[k - 1] && doc.Tokens.Ends[k - 1] <= t.Span.End))
            {
                return IncidentMerger.MentionKind.Reference;
            }

            if (lower[k] is "'s" or "’s" && ev.Actor is not null)
            {
                break;
            }

            if (lower[k] is "the" or "this" or "that" or "these" or "those" or "its" or "their" or "'s" or "’s" or "same")
            {
                return IncidentMerger.MentionKind.Reference;
            }

            if (lower[k] is "a" or "an" || Words.IsPunct(lower[k]))
            {
                break;
            }
        }

        return ev.Actor is null ? IncidentMerger.MentionKind.Agentless : IncidentMerger.MentionKind.Act;
    }

    /// <summary>
    /// Whether the actor is named in the attack noun's own phrase: between its determiner and the noun ("the Taliban
    /// attack", "the IRA's bombing") or after "by" ("the bombing by ETA"), not elsewhere in the clause.
    /// </summary>
    private static bool NamedWithNoun(string actor, List<TokMention> sm, string[] lower, int t0, int tEnd, int end)
    {
        // "the bombing of X in Y on Thursday by Z": the "by" of the noun's own phrase, up to punctuation or a relative word
        var by = -1;
        for (var k = tEnd; k < end && k < tEnd + 14 && !(Words.IsPunct(lower[k]) && lower[k] is not ("-" or "'s" or "’s")) && lower[k] is not ("who" or "which" or "that" or "and" or "but"); k++)
        {
            if (lower[k] == "by")
            {
                by = k + 1;
                break;
            }
        }

        if (by >= 0 && by < end && lower[by] == "the")
        {
            by++;
        }

        var det = t0;
        for (var k = t0 - 1; k >= Math.Max(0, t0 - 3); k--)
        {
            if (lower[k] is "the" or "this" or "that" or "these" or "those" or "its" or "their" or "same")
            {
                det = k;
                break;
            }
        }

        return sm.Exists(m => m.Actor.Name == actor && (m.First > det && m.End <= t0 || m.First == by));
    }

    /// <summary>
    /// A word of the set within a few words of the act's noun: eight before it ("accepted responsibility for the
    /// bombings", "anger in the Kremlin about Friday's attack"), ten after it ("the blast is widely believed to have been
    /// carried out by").
    /// </summary>
    private static bool Near(HashSet<string> words, string[] lower, int t0, int tEnd, int first, int end)
    {
        for (var k = Math.Max(first, t0 - 8); k < Math.Min(end, tEnd + 10); k++)
        {
            if (words.Contains(lower[k]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the trigger is what a denial verb denies: "denied striking", "denies having shelled".</summary>
    private static bool Denied(ExtractionLexicon lex, string[] lower, int t0, int first)
    {
        var k = t0 - 1;
        if (k > first && lower[k] is "having" or "any" or "carrying" or "conducting" or "launching")
        {
            k--;
        }

        return k >= first && lex.ReportingVerbs.TryGetValue(lower[k], out var stance) && stance == "denies";
    }

    /// <summary>The same act at another place of its list.</summary>
    private static Event AtPlace(Event ev, Place place)
    {
        var e = new Event
        {
            Id = "",
            Type = ev.Type,
            Mode = ev.Mode,
            Actor = ev.Actor,
            Target = ev.Target,
            Location = place.Name,
            PlaceId = place.Id,
            TimeId = ev.TimeId,
            Trigger = ev.Trigger,
            Evidence = ev.Evidence,
            AcledType = ev.AcledType,
            AcledSubType = ev.AcledSubType,
        };
        e.Mentions.AddRange(ev.Mentions);
        e.Participants.AddRange(ev.Participants);
        return e;
    }
}
