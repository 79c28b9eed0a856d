using Sitrep.Core;

namespace Sitrep.Extraction;

/// <summary>
/// One event per act: the reports of one act in a document become one event with several mentions. An event of the
/// same type, actor and mode as an earlier one (with compatible target and location) joins it; an attack joins the
/// attack already found in its sentence; casualties ("were killed", "left nine dead") join the attack of their
/// sentence, the sentence before or their paragraph; a definite later reference ("the bombing", "Monday's attack")
/// joins the last attack it is compatible with. Joining adds the mention, the quantities, and the roles the event
/// lacked; an attack told after its casualties becomes the event's clearest mention.
/// </summary>
internal sealed class IncidentMerger
{
    private readonly Document _doc;
    private readonly ExtractionLexicon _lex;

    /// <summary>Where each event was last mentioned: sentence and paragraph.</summary>
    private readonly Dictionary<Event, (int Sentence, int Paragraph)> _last = [];

    /// <summary>The paragraph where each event was first told.</summary>
    private readonly Dictionary<Event, int> _first = [];

    /// <summary>The targets the mentions of each event have named.</summary>
    private readonly Dictionary<Event, HashSet<string>> _targets = [];

    /// <summary>Events whose clearest mention so far is only a casualty report.</summary>
    private readonly HashSet<Event> _casualtyOnly = [];

    /// <summary>Long-running acts (an invasion, a war: trigger flag <c>campaign</c>).</summary>
    private readonly HashSet<Event> _campaigns = [];

    public IncidentMerger(Document doc, ExtractionLexicon lex) => (_doc, _lex) = (doc, lex);

    /// <summary>What kind of mention of an act a new event is.</summary>
    public enum MentionKind
    {
        /// <summary>A report of an act with its own roles.</summary>
        Act,

        /// <summary>Deaths or injuries: the casualties of an attack.</summary>
        Casualty,

        /// <summary>A definite attack noun ("the bombing", "this attack"): a later reference to an act told before.</summary>
        Reference,

        /// <summary>An attack told without its perpetrator ("a bomb exploded", "an explosion").</summary>
        Agentless,
    }

    /// <param name="joinOnly">a mention that only joins an act already told ("died", "dead"): alone it is no event.</param>
    /// <param name="campaign">a long-running act ("the invasion", "the war"): named again anywhere in the report, it is the same act.</param>
    public void Add(Event ev, MentionKind kind, int sentence, int paragraph, bool joinOnly = false, bool campaign = false)
    {
        // acts told as a series without their perpetrator ("has been shelled repeatedly since 2022", "the area was hit
        // nearly every day") are many acts summed, none of them one act: no event
        if (ev.Type == "ASSAULT" && kind is MentionKind.Act or MentionKind.Agentless && ev.Actor is null && Series(ev))
        {
            return;
        }

        // hits counted without their perpetrator on the day of the report's act ("the district was hit 20 times in the
        // course of the day") are that act's strikes
        if (ev.Type == "ASSAULT" && kind is MentionKind.Act or MentionKind.Agentless && ev.Actor is null && CountedHits(ev) && LeadAct(ev) is { } lead)
        {
            Join(lead, ev, kind);
            _last[lead] = (sentence, paragraph);
            return;
        }

        var target = Find(ev, kind, sentence, paragraph, campaign);
        if (target is null && joinOnly)
        {
            return;
        }

        if (target is null)
        {
            target = New(ev);
            _first[target] = paragraph;
            if (campaign)
            {
                _campaigns.Add(target);
            }

            if (kind == MentionKind.Casualty)
            {
                _casualtyOnly.Add(target);
            }
        }
        else
        {
            Join(target, ev, kind);
        }

        _last[target] = (sentence, paragraph);
    }

    /// <summary>
    /// An attack told without its perpetrator ("homes were flattened in the town", "killed in attacks") in the state that a
    /// long-running act of the report is waged on ("the full-scale invasion by X") is that act's side's, when the report
    /// tells such acts by one state on one other only, and the attack's place lies in the attacked state (or, placed
    /// nowhere, the attack's target is that state). An attack in the attacker's own land stays unattributed. An attack by
    /// that side that names no side it hit is aimed at the attacked state, when it happens there or nowhere the text says.
    /// </summary>
    public void AttributeToCampaign()
    {
        var sides = _campaigns.Where(c => c.Actor is not null && c.Target is not null && c.Actor != c.Target
                && _lex.CountryByName.ContainsKey(c.Actor) && _lex.CountryByName.ContainsKey(c.Target))
            .Select(c => (Attacker: c.Actor!, Attacked: c.Target!)).Distinct().ToList();
        if (sides is not [var (attacker, attacked)])
        {
            return;
        }

        var code = _lex.CountryByName[attacked].Code;
        foreach (var e in _doc.Events)
        {
            if (e.Type == "ASSAULT" && e.Actor is null && e.Target != attacker
                && (PlaceOf(e)?.Country is { } country ? country == code : e.Target == attacked))
            {
                e.Actor = attacker;
                e.Target ??= attacked;
            }

            // "Russia launched a missile strike on the day the talks began": the attacker's act that names no side it hit
            // (or only people no actor names: "soldiers", "civilians") is aimed at the side its war is waged on, when it
            // happens there or nowhere the text says
            else if (e.Type == "ASSAULT" && e.Actor == attacker && (e.Target is null || !_doc.Actors.Any(a => a.Name == e.Target) && !_lex.CountryByName.ContainsKey(e.Target))
                && (PlaceOf(e)?.Country is not { } where || where == code))
            {
                if (e.Target is not null && !e.Participants.Contains(e.Target))
                {
                    e.Participants.Add(e.Target);
                }

                e.Target = attacked;
            }
        }
    }

    /// <summary>
    /// "Kharkiv has been shelled since the full-scale invasion began": a war or invasion is waged on a country, not on the
    /// town of the sentence that names it. Unless its own phrase names a place ("the invasion of Crimea"), a campaign
    /// placed in a town or region of the country it is waged on, or in a wider region around it ("the deadliest conflict
    /// in Europe"), is placed in that country (or, for a town, nowhere when the text names the country only by its people).
    /// </summary>
    public void PlaceCampaigns()
    {
        foreach (var e in _campaigns)
        {
            if (e.Target is null || !_lex.CountryByName.TryGetValue(e.Target, out var attacked) || PlaceOf(e) is not { } place
                || place.Precision == PlacePrecision.Country || place.Precision != PlacePrecision.Region && place.Country != attacked.Code || e.Trigger is not { } trigger
                || place.Mentions.Exists(m => m.Start >= trigger.End && OwnPhrase(_doc.Text.AsSpan(trigger.End, m.Start - trigger.End))))
            {
                continue;
            }

            var country = _doc.Places.FirstOrDefault(pl => pl.Precision == PlacePrecision.Country && pl.Country == attacked.Code);
            if (country is null && place.Precision == PlacePrecision.Region)
            {
                continue;
            }

            e.Location = country?.Name;
            e.PlaceId = country?.Id;
        }

        // the words between an event noun and a place of its own: "of", "in", "into", "on", with "the"
        static bool OwnPhrase(ReadOnlySpan<char> between)
        {
            var w = between.Trim();
            w = w.EndsWith(" the", StringComparison.Ordinal) ? w[..^4] : w;
            return w is "of" or "in" or "into" or "on";
        }
    }

    /// <summary>
    /// "A local ceasefire has come into force" and "the two sides agreed to a local ceasefire": an agreement whose words
    /// just after its trigger name a ceasefire (a noun trigger of that mode in the lexicon) is that ceasefire.
    /// </summary>
    private bool SameCeasefire(Event x, Event ev)
    {
        if (x.Type != "AGREE" || ev.Type != "AGREE" || x.Mode == "ceasefire" == (ev.Mode == "ceasefire"))
        {
            return false;
        }

        if ((x.Mode == "ceasefire" ? ev : x).Trigger is not { } t)
        {
            return false;
        }

        var forms = _doc.Tokens.Forms;
        var k0 = _doc.TokenIndexAtOrAfter(t.End);
        var end = _doc.Sentence(_doc.SentenceIndexAt(t.Start)).EndToken;
        for (var k = k0; k < Math.Min(end, k0 + 6); k++)
        {
            if (_lex.TriggersByFirst.TryGetValue(forms[k].ToLowerInvariant(), out var ps) && ps.Exists(p => p.Noun && p.Mode == "ceasefire" && p.Tokens.Count == 1))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether one sentence repeats the other word for word (a heading or a lead-in aside), at some length; read in place, without copying the text.</summary>
    private bool Repeats(TextSpan a, TextSpan b)
    {
        var (shorter, longer) = a.End - a.Start <= b.End - b.Start ? (a, b) : (b, a);
        var text = _doc.Text.AsSpan();
        return shorter.End - shorter.Start >= 40
            && text[longer.Start..longer.End].IndexOf(text[shorter.Start..shorter.End], StringComparison.Ordinal) >= 0;
    }

    private Event? Find(Event ev, MentionKind kind, int sentence, int paragraph, bool campaign)
    {
        // deaths told in an attack's sentence are its casualties, whoever the words seem to name, when the place they
        // seem to give is the attack's or holds it (the country of the attacked town), or only a country (a guess from a
        // demonym: "Israeli strikes in south Lebanon kill five")
        if (kind == MentionKind.Casualty && ev.Type == "ASSAULT")
        {
            for (var i = _doc.Events.Count - 1; i >= 0; i--)
            {
                var x = _doc.Events[i];
                if (x.Type == "ASSAULT" && !OtherKind(x, ev) && _last.TryGetValue(x, out var at) && at.Sentence == sentence && (WithinPlace(x, ev) || Consequence(x, ev) || PlaceOf(ev)?.Precision == PlacePrecision.Country))
                {
                    return x;
                }
            }
        }

        // the same act told again with the same roles, on the same day, and anchored as one: at a town or region named for
        // either, on a stated day, in the paragraph that told it or in the same words (two air strikes by one side on one country, told
        // pages apart, are two acts)
        foreach (var x in _doc.Events)
        {
            // (a long-running act named again is not bound to the day its sentence tells, nor to its paragraph: "the fifth
            // year of its invasion" on a Tuesday is the invasion begun years before)
            var sameCampaign = campaign && _campaigns.Contains(x);
            if (x.Type == ev.Type && ev.Actor is not null && x.Actor == ev.Actor && (x.Mode == ev.Mode || SameCeasefire(x, ev))
                && (x.Target is null || ev.Target is null || x.Target == ev.Target)
                && (SameLocation(x, ev) || sameCampaign && x.Target is not null && x.Target == ev.Target && (Regional(x) || Regional(ev)))
                && (SameTime(x, ev) || sameCampaign)
                && (Named(x) || Named(ev) || x.TimeId is not null && ev.TimeId is not null
                    || _last.TryGetValue(x, out var told) && (told.Paragraph == paragraph || told.Sentence >= sentence - 1)
                    // (a sentence repeated word for word, as a summary's key points repeat the body's)
                    || Repeats(x.Evidence, ev.Evidence)
                    // a headline's statement told again in the body ("Russia vows to fight on" and "… vowing to keep fighting")
                    || x.Type != "ASSAULT" && Headline(x) && FirstParagraph(x)
                    // a long-running act named again anywhere ("Russia's invasion" in the lead, "since Moscow invaded" pages on)
                    || sameCampaign))
            {
                return x;
            }
        }

        // a long-running act ("Russia's invasion", "the war") is no mention of one day's strike told before it
        if (ev.Type != "ASSAULT" || campaign)
        {
            return null;
        }

        // the latest attack first
        for (var i = _doc.Events.Count - 1; i >= 0; i--)
        {
            var x = _doc.Events[i];
            // a capture has no dead and no explosions: deaths, blasts, strikes and destruction join an act of their own kind
            if (x.Type != "ASSAULT" || OtherKind(x, ev) || !_last.TryGetValue(x, out var at))
            {
                continue;
            }

            // deaths told in an attack's sentence are its casualties, whoever the words seem to name
            if (kind == MentionKind.Casualty && at.Sentence == sentence && (x.Location is null || ev.Location is null || LocationKey(x.Location) == LocationKey(ev.Location)))
            {
                return x;
            }

            // an attack told in the sentence of casualties reported before it ("the number killed in Sunday's strike")
            // is their act: the casualty words' roles were only guesses
            if (kind != MentionKind.Casualty && at.Sentence == sentence && _casualtyOnly.Contains(x) && WithinPlace(x, ev))
            {
                return x;
            }

            // a headline's attack and the lead's attack by the same side on the same day are one act, the lead giving the
            // finer place ("Air strike on Sagaing village kills 17" and "a jet bombed a village in Budalin township")
            if (kind == MentionKind.Act && Headline(x) && InLead(x, ev, paragraph)
                && (x.Actor is null || ev.Actor is null || x.Actor == ev.Actor) && SameCountry(x, ev))
            {
                return x;
            }

            // the attacker's own account told without a place ("the ministry said its forces had struck military targets")
            // is the act the report leads with, when that is the only attack by that side the report has told
            if (kind == MentionKind.Act && ev.Location is null && ev.Actor is not null && x.Actor == ev.Actor && FirstParagraph(x) && SameTime(x, ev)
                && _doc.Events.Count(e => e.Type == "ASSAULT" && e.Actor == ev.Actor && _last.ContainsKey(e)) == 1)
            {
                return x;
            }

            // the act told again a sentence or two later by the same side, on the same side, placed only in the country or
            // region that holds the act's town and on no day of its own ("drones struck a refinery in X" and "it was the
            // first time Ukraine had struck Russia's oil industry so deep"): a coarser account of that act
            if (kind == MentionKind.Act && ev.Actor is not null && x.Actor == ev.Actor && x.Target is not null && x.Target == ev.Target
                && x.Mode == ev.Mode && ev.TimeId is null && at.Sentence >= sentence - 2 && Precise(x) && Coarse(ev) && WithinPlace(x, ev))
            {
                return x;
            }

            // "a plant was struck", "two buildings were hit": an attack told in the passive with no agent, no day and no place
            // of its own, a sentence or two after an attack told with its attacker, is a further report of that attack (two
            // blasts told without a perpetrator may be two acts)
            if (kind == MentionKind.Act && ev.Actor is null && x.Actor is not null && ev.TimeId is null && ev.Location is null && at.Sentence >= sentence - 2 && Passive(ev))
            {
                return x;
            }

            // "the attack" refers to the act told before, whatever actor its clause seems to give it
            if (kind == MentionKind.Reference ? !SameLocation(x, ev) : !Compatible(x, ev))
            {
                continue;
            }

            var near = kind switch
            {
                MentionKind.Casualty => at.Sentence >= sentence - 1 || at.Paragraph == paragraph || HeadlineAndLead(x, ev, paragraph),
                MentionKind.Reference => true,
                MentionKind.Agentless => at.Sentence >= sentence - 1 || at.Paragraph == paragraph,
                // an attack told again: in its sentence, at the same named place, or the headline's attack in the lead
                _ => at.Sentence == sentence || SameTime(x, ev) && (SamePrecisePlace(x, ev) || (FirstParagraph(x) && paragraph <= 1 || HeadlineAndLead(x, ev, paragraph)) && (x.Target is null || ev.Target is null || x.Target == ev.Target)),
            };
            if (near)
            {
                return x;
            }

            // an act with its own roles joins only an attack of its own sentence; stop at the latest attack otherwise
            if (kind is MentionKind.Casualty or MentionKind.Agentless)
            {
                return kind == MentionKind.Casualty ? LeadAct(ev) ?? CampaignToll(ev) : null;
            }
        }

        // "the attack" where no attack told before is at its place: the only attack the report has told
        if (kind == MentionKind.Reference && _doc.Events.Where(x => x.Type == "ASSAULT" && !OtherKind(x, ev) && _last.ContainsKey(x)).Take(2).ToList() is [var only])
        {
            return only;
        }

        return kind == MentionKind.Casualty ? LeadAct(ev) ?? CampaignToll(ev) : null;
    }

    /// <summary>
    /// A toll told with no place, no day and no attack of its own ("the monitors have counted some 9,000 civilians killed")
    /// in a report of one long-running act (an invasion, a war) is that act's toll, when its words name no other side as
    /// the killer or the killed.
    /// </summary>
    private Event? CampaignToll(Event ev)
    {
        if (ev.Location is not null || ev.TimeId is not null || ev.Trigger is null)
        {
            return null;
        }

        // (one war, however many times it was told apart: the report's campaigns all have one side and one side attacked)
        var war = _doc.Events.FirstOrDefault(_campaigns.Contains);
        return war is { Actor: not null } && _campaigns.All(c => c.Actor == war.Actor && c.Target == war.Target)
            && (ev.Actor is null || ev.Actor == war.Actor) && (ev.Target is null || ev.Target == war.Target) ? war : null;
    }

    /// <summary>
    /// Hits counted without their perpetrator ("the district was hit at least 20 times in the course of the day"): the
    /// strikes of the day at the place of the act the report leads with, not an act of their own.
    /// </summary>
    private bool CountedHits(Event ev)
    {
        if (ev.Trigger is not { } t)
        {
            return false;
        }

        var forms = _doc.Tokens.Forms;
        var t1 = _doc.TokenIndexAtOrAfter(t.End);
        var end = _doc.Sentence(_doc.SentenceIndexAt(t.Start)).EndToken;
        for (var k = t1; k < Math.Min(end, t1 + 5); k++)
        {
            if (forms[k].Equals("times", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Casualties told as the participle after an attack's clause ("ambushed a convoy on the road between A and B, killing
    /// nine soldiers"): the attack's toll, whatever place the words after them seem to give.
    /// </summary>
    private bool Consequence(Event x, Event ev)
    {
        if (x.Trigger is not { } xt || ev.Trigger is not { } et || xt.End > et.Start)
        {
            return false;
        }

        var word = _doc.TextOf(et);
        var k = et.Start - 1;
        while (k > 0 && _doc.Text[k] == ' ')
        {
            k--;
        }

        return word.EndsWith("ing", StringComparison.OrdinalIgnoreCase) && k >= 0 && _doc.Text[k] == ',';
    }

    /// <summary>
    /// Casualties or counted hits told later without a perpetrator of their own ("67 wounded people had been brought to the
    /// hospital", "the council reported eight dead on Sunday morning", "the district was hit 20 times in the course of the
    /// day") are the toll or the strikes of the act the report leads with, when that act
    /// is the only attack of its headline and lead, on the same day (a toll "since January" is another day) and at its
    /// place or a place that holds it.
    /// </summary>
    private Event? LeadAct(Event ev)
    {
        if (ev.Actor is not null || ev.Target is not null || SinceClause(ev))
        {
            return null;
        }

        if (_first.Count == 0)
        {
            return null;
        }

        // the lead: the first paragraph that tells an event (a headline or the first lines of the body)
        var lead = _first.Values.Min();
        var leads = _doc.Events.Where(x => x.Type == "ASSAULT" && !OtherKind(x, ev) && _first.TryGetValue(x, out var p) && p == lead && !_casualtyOnly.Contains(x)).ToList();
        return leads.Count == 1 && leads[0].Location is not null && SameTime(leads[0], ev) && WithinPlace(leads[0], ev) ? leads[0] : null;
    }

    /// <summary>
    /// Whether an event's trigger is a passive participle: a form of "be" (or "get") just before it, with at most two
    /// words between ("was struck", "were reportedly hit", "had been badly damaged").
    /// </summary>
    private bool Passive(Event ev)
    {
        if (ev.Trigger is not { } t)
        {
            return false;
        }

        var forms = _doc.Tokens.Forms;
        var t0 = _doc.TokenIndexAtOrAfter(t.Start);
        var first = _doc.Sentence(_doc.SentenceIndexAt(t.Start)).FirstToken;
        for (var k = t0 - 1; k >= Math.Max(first, t0 - 3); k--)
        {
            var w = forms[k].ToLowerInvariant();
            if (Words.BeForms.Contains(w) || w is "got" or "get" or "gets")
            {
                return true;
            }

            if (Words.IsPunct(w))
            {
                return false;
            }
        }

        return false;
    }

    private bool Series(Event ev)
    {
        if (ev.Trigger is not { } t)
        {
            return false;
        }

        var t1 = _doc.TokenIndexAtOrAfter(t.End);
        var end = _doc.Sentence(_doc.SentenceIndexAt(t.Start)).EndToken;
        return t1 < end && EventLexicon.Default.IsSeriesAfter(_doc.Tokens.Forms, t1, end);
    }

    /// <summary>
    /// A toll counted "since" a time ("70 civilians have been killed in the region since January") is a sum of many acts;
    /// one counted since a day of the past week ("killed since Saturday") is the toll of the act the report is about.
    /// </summary>
    private bool SinceClause(Event ev)
    {
        var text = _doc.Text.AsSpan(ev.Evidence.Start, ev.Evidence.End - ev.Evidence.Start);
        var since = false;
        foreach (var range in text.Split(' '))
        {
            var word = text[range].TrimEnd(".,;:");
            if (since)
            {
                return !_lex.Weekdays.ContainsKey(word.ToString().ToLowerInvariant());
            }

            since = word.Equals("since", StringComparison.OrdinalIgnoreCase);
        }

        return since;
    }

    /// <summary>
    /// A headline's casualties ("Dozens killed as shells hit market") and the lead's act: the first paragraph after the
    /// headline that tells an event is the lead, whatever lines (a byline, "first published by …") stand between.
    /// </summary>
    private bool HeadlineAndLead(Event x, Event ev, int paragraph) => _casualtyOnly.Contains(x) && InLead(x, ev, paragraph);

    /// <summary>
    /// An event of the first paragraph and a new one, on the same day, told in the lead: the first paragraph after it that
    /// tells an event.
    /// </summary>
    private bool InLead(Event x, Event ev, int paragraph) =>
        paragraph > 0 && FirstParagraph(x) && _first.Values.All(p => p == 0 || p == paragraph) && SameTime(x, ev);

    /// <summary>Whether an event's sentence is a headline: a line without a closing stop.</summary>
    private bool Headline(Event x)
    {
        var text = _doc.TextOf(x.Evidence).TrimEnd();
        return text.Length > 0 && text[^1] is not ('.' or '!' or '?' or '"' or '”' or '\'' or '’');
    }

    /// <summary>Whether an event was first told in the document's first paragraph (its headline or lead).</summary>
    private bool FirstParagraph(Event x) => _first.TryGetValue(x, out var p) && p == 0;

    /// <summary>Both located at one town or district ("Kharkiv", "the Kharkiv region"), not only at one country or region, where many acts happen.</summary>
    private bool SamePrecisePlace(Event x, Event ev) =>
        x.Location is not null && LocationKey(x.Location) == LocationKey(ev.Location) && (Precise(x) || Precise(ev));

    /// <summary>The same place, or one of the two places is a country or region that holds the other; a missing place fits.</summary>
    private bool WithinPlace(Event x, Event ev) =>
        SameLocation(x, ev) || (!Precise(x) || !Precise(ev)) && Coarse(x) != Coarse(ev) && SameCountry(x, ev) && Known(x) && Known(ev);

    private bool Coarse(Event e) => PlaceOf(e)?.Precision is PlacePrecision.Country or PlacePrecision.Adm1 or PlacePrecision.Region;

    private bool Known(Event e) => PlaceOf(e)?.Country is not null;

    // Places and times by id, rebuilt when a list has grown (the locator may add a place while events are merged): the
    // merger compares every new event with the incidents before it, so a scan of the lists per comparison grew with the
    // square of the document.
    private Dictionary<string, Place>? _places;
    private Dictionary<string, TimeExpression>? _times;

    private Place? PlaceOf(Event e)
    {
        if (e.PlaceId is null)
        {
            return null;
        }

        if (_places is null || _places.Count != _doc.Places.Count)
        {
            _places = [];
            foreach (var p in _doc.Places)
            {
                _places.TryAdd(p.Id, p);
            }
        }

        return _places.GetValueOrDefault(e.PlaceId);
    }

    private TimeExpression? TimeOf(string? id)
    {
        if (id is null)
        {
            return null;
        }

        if (_times is null || _times.Count != _doc.Times.Count)
        {
            _times = [];
            foreach (var t in _doc.Times)
            {
                _times.TryAdd(t.Id, t);
            }
        }

        return _times.GetValueOrDefault(id);
    }

    private bool SameCountry(Event x, Event ev)
    {
        var a = PlaceOf(x)?.Country;
        var b = PlaceOf(ev)?.Country;
        return a is null || b is null || a == b;
    }

    /// <summary>Placed at a town, district or province, not only at a country or a wider region.</summary>
    private bool Named(Event e) => PlaceOf(e)?.Precision is PlacePrecision.Point or PlacePrecision.Adm2 or PlacePrecision.Adm1;

    private bool Precise(Event e) => PlaceOf(e)?.Precision is PlacePrecision.Point or PlacePrecision.Adm2;

    /// <summary>No two different days: both times resolve to the same start, or one of them is not given.</summary>
    private bool SameTime(Event x, Event ev)
    {
        if (x.TimeId is null || ev.TimeId is null)
        {
            return true;
        }

        var a = TimeOf(x.TimeId)?.Start;
        var b = TimeOf(ev.TimeId)?.Start;
        return a is null || b is null || a == b;
    }

    /// <summary>
    /// Whether an attack is a transfer of ground (a capture, an occupation, ground retaken: its ACLED sub-event type, from
    /// the mode map, names territory) rather than a strike, a blast, a killing or a destruction.
    /// </summary>
    private static bool Territory(Event e) => e.AcledSubType?.Contains("territory", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>
    /// Harm that no transfer of ground causes by itself: a strike or a blast (ACLED's remote violence), violence against
    /// civilians, deaths, destruction. A fight for ground ("counterattacks", "the offensive") may be the capture's own act.
    /// </summary>
    private static bool Harm(Event e) =>
        e.AcledType is { } t && t != "Battles" || e.Mode is "destruction" or "casualties" or "killing" or "bombing" or "abuse";

    /// <summary>A transfer of ground and a harm ("killed" or "destroyed" told beside a capture): two acts.</summary>
    private static bool OtherKind(Event x, Event ev) => Territory(x) && Harm(ev) || Territory(ev) && Harm(x);

    /// <summary>An attacker told only by a perpetrator's or a person's noun ("gunmen", "a suicide bomber", "a soldier"): it may be any side named later.</summary>
    private static bool Unnamed(string actor) => AttackRoles.KindOf(actor) is "perpetrator" or "person";

    /// <summary>Placed in a region wider than a state ("the deadliest conflict in Europe"): no place of a war's own.</summary>
    private bool Regional(Event e) => PlaceOf(e)?.Precision == PlacePrecision.Region;

    private static bool SameLocation(Event x, Event ev) => x.Location is null || ev.Location is null || LocationKey(x.Location) == LocationKey(ev.Location);

    /// <summary>No conflicting actor or location (a missing role never conflicts).</summary>
    private static bool Compatible(Event x, Event ev) =>
        (x.Actor is null || ev.Actor is null || x.Actor == ev.Actor || Unnamed(x.Actor) || Unnamed(ev.Actor)) && SameLocation(x, ev);

    private void Join(Event x, Event ev, MentionKind kind)
    {
        // an attack told after its casualties becomes the event's clearest mention, with its mode and target
        if (_casualtyOnly.Contains(x) && kind != MentionKind.Casualty)
        {
            _casualtyOnly.Remove(x);
            x.Mode = ev.Mode;
            x.Trigger = ev.Trigger;
            x.Evidence = ev.Evidence;
            x.AcledType = ev.AcledType;
            x.AcledSubType = ev.AcledSubType;
            if (ev.Target is not null)
            {
                x.Target = ev.Target;
            }

            if (ev.Actor is not null)
            {
                x.Actor = ev.Actor;
            }
        }

        // a side its mentions name as the one attacked is not the attacker a casualty report seems to give
        if (!_targets.TryGetValue(x, out var told))
        {
            _targets[x] = told = [];
            if (x.Target is not null)
            {
                told.Add(x.Target);
            }
        }

        if (ev.Target is not null)
        {
            told.Add(ev.Target);
        }

        // (and the deaths' own words only guess at the attacker of an act already told: "…, killing nine soldiers";
        // "soldiers … killed several dozen of the assailants" is the defenders' fire)
        if (ev.Actor is not null && !told.Contains(ev.Actor) && (kind != MentionKind.Casualty || _casualtyOnly.Contains(x)))
        {
            // "gunmen" told first, the group that claims the act ("JNIM claimed responsibility for the ambush") later: the
            // group is the attacker
            if (x.Actor is not null && kind != MentionKind.Casualty && AttackRoles.KindOf(x.Actor) is "perpetrator" or "person"
                && _doc.Actors.Any(a => a.Name == ev.Actor && a.Kind is ActorKind.Organisation or ActorKind.ArmedForce))
            {
                x.Participants.Add(x.Actor);
                x.Actor = ev.Actor;
            }

            x.Actor ??= ev.Actor;
        }

        x.Target ??= ev.Target;

        // the most precise place told of the act: a town or district over its region or country
        if (ev.Location is not null && (x.Location is null || kind != MentionKind.Casualty && !Precise(x) && Precise(ev) && SameCountry(x, ev)))
        {
            x.Location = ev.Location;
            x.PlaceId = ev.PlaceId;
        }

        x.TimeId ??= ev.TimeId;
        foreach (var m in ev.Mentions.Where(m => !x.Mentions.Contains(m)))
        {
            x.Mentions.Add(m);
        }

        foreach (var q in ev.QuantityIds.Where(q => !x.QuantityIds.Contains(q)))
        {
            x.QuantityIds.Add(q);
        }

        foreach (var pn in ev.Participants.Where(pn => !x.Participants.Contains(pn) && pn != x.Actor))
        {
            x.Participants.Add(pn);
        }
    }

    private Event New(Event ev)
    {
        var e = new Event
        {
            Id = $"e{_doc.Events.Count + 1}",
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
        _doc.Events.Add(e);
        return e;
    }

    internal static string LocationKey(string? loc)
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
}
