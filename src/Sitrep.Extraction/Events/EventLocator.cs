using Sitrep.Core;
using Sitrep.Geo;
using static Sitrep.Extraction.RoleCandidates;
using static Sitrep.Extraction.EventWords;

namespace Sitrep.Extraction;

/// <summary>
/// The places of a sentence that can be an event's location (after a locative preposition, "the region", "the
/// capital"), resolved places when the document has them, and the choice of an event's location.
/// </summary>
internal static class EventLocator
{
    internal static readonly Lazy<PlaceResolver> Resolver = new(() => new PlaceResolver(Sitrep.Geo.Gazetteer.Default));

    /// <summary>A place phrase at tokens [First, End): a resolved place when the document has one, else its name.</summary>
    /// <param name="OfTarget">"the occupied territories": the occupied land of the event's target state, resolved when the event is built.</param>
    internal sealed record PlaceCandidate(int First, int End, string Name, bool IsCapitalOf, Place? Place = null, bool OfTarget = false, bool Bare = false);

    /// <summary>
    /// The event's location: the place of the trigger's clause (after it, else before it), else the first place of the
    /// sentence, else the paragraph's place; "the capital" of the target (else of the actor); the agent's state for
    /// loc=affiliation triggers.
    /// </summary>
    internal static (string? Location, Place? Place, bool InClause) Locate(TriggerSite s, EventRoles roles)
    {
        var doc = s.Doc;
        var lower = s.Lower;
        var p = s.Pattern;
        var t0 = s.T0;
        var t1 = s.T1;
        var first = s.First;
        var places = s.Places;
        var clauseEnd = s.ClauseEnd;
        var paragraphPlace = s.ParagraphPlace;
        var agent = roles.Agent;
        var agentName = roles.AgentName;
        var targetName = roles.TargetName;
        // location: the place of the trigger's clause (after it, else before it), else the first place of the
        // sentence, else the paragraph's place
        string? location = null;
        Place? locationPlace = null;
        var inClause = false;
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
            inClause = pc is not null;

            // "deporting children from the temporarily occupied territories": the occupied land of the target state is in
            // that state (a country-level place); with no state as the target, the phrase places nothing
            if (pc is { OfTarget: true })
            {
                // (the target as named, else a state named between the act and the phrase: "deporting Georgian children from …")
                var occupied = pc;
                var state = targetName is not null && Resolver.Value.Country(targetName) is not null ? targetName
                    : s.Mentions.FirstOrDefault(m => m.First >= t1 && m.End <= occupied.First && m.Actor.Kind == ActorKind.State && m.Actor.Name != agentName)?.Actor.Name;
                var country = state is null || !doc.Has(Layer.Places) ? null : Resolver.Value.Country(state);
                if (country is not null)
                {
                    locationPlace = Register(doc, country, null);
                    return (locationPlace.Name, locationPlace, true);
                }

                places = places.Where(pl => !pl.OfTarget).ToList();
                pc = places.FirstOrDefault(pl => pl.First >= t1 && pl.First < clauseEnd) ?? places.LastOrDefault(pl => pl.First < t0 && pl.First >= ClauseStart(lower, t0, first));
                inClause = pc is not null;
            }

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
                // an attacked place is where the attack happened ("a missile strike on Kyiv", "attacked a residential
                // area of the city of X"); a visited place is where the visit was ("visited Kyiv")
                if (pc is null && (s.Type == "ASSAULT" || p.Mode == "visit") && s.PlaceAt is { } placeAt)
                {
                    for (var k = t1; k < clauseEnd && pc is null; k++)
                    {
                        if (placeAt.TryGetValue(k, out var hit) && hit.Place.Precision is not PlacePrecision.Region && !Residence(lower, k, first))
                        {
                            pc = new PlaceCandidate(k, hit.End, hit.Place.Name, false, hit.Place);
                        }
                    }
                }

                inClause = pc is not null;

                // "the Y attack", "the Y massacre", "the Y war": a place named right before an attack noun, as its modifier,
                // is where the act happened when the clause names no place after the noun (it is nearer than a place named
                // before it: "the group in X took credit for the Y attack"); not a place word inside an actor's name, and
                // the attacker's own country stays out, as for a place outside the clause
                // (a place after the noun that no locative word introduces is no place of the act: "the Y massacre and the Z
                // militia")
                if ((pc is null || pc.First < t0 || pc.Place is null or { Precision: PlacePrecision.Unknown } && !LocativeBefore(lower, pc.First, t1)) && s.Type == "ASSAULT" && (p.Noun || doc.Tokens.Upos.Count > t0 && doc.Tokens.Upos[t0] == "NOUN") && s.PlaceAt is { } modAt)
                {
                    var modifier = (PlaceCandidate?)null;
                    for (var k = Math.Max(first, t0 - 4); k < t0 && modifier is null; k++)
                    {
                        // (a state's bare name before a war that is not its agent: "the Iraq war")
                        if (modAt.TryGetValue(k, out var hit) && hit.End == t0 && (k == first || !(lower[k - 1] is "of" or "from" or "by"))
                            && !s.Mentions.Any(m => m.First <= k && k < m.End && !m.Form.EndsWith("@loc", StringComparison.Ordinal)
                                && !(p.Mode == "war" && m.Form == "name" && m.Actor.Kind == ActorKind.State && m.Actor.Name != agentName)))
                        {
                            modifier = new PlaceCandidate(k, hit.End, hit.Place.Name, false, hit.Place);
                        }
                    }

                    pc = modifier ?? pc;
                    inClause = modifier is null && pc is not null;
                }

                // the most precise place of the clause: a country or province is where the act happened only when the
                // clause names nothing finer inside it ("struck the Votkinsk missile factory in Russia's Udmurtia")
                if (pc?.Place is { Precision: PlacePrecision.Country or PlacePrecision.Adm1 } coarse && s.PlaceAt is { } finerAt)
                {
                    // (between the trigger and the coarse place, or right after it up to the next comma: "in Russia's Udmurtia")
                    var upTo = pc.End;
                    while (upTo < clauseEnd && !(lower[upTo] is "," or "and" or "or" || Words.ClauseBoundaries.Contains(lower[upTo])))
                    {
                        upTo++;
                    }

                    pc = FinerPlace(finerAt, coarse, t1, upTo, s.Mentions) is { } finer ? finer : pc;
                }

                // else the town named nearest before an attack in its sentence ("it was driven to Oklahoma City and
                // detonated"), not a region or country named further away ("… Geary Lake in Kansas, …")
                if (pc is null && s.Type == "ASSAULT" && s.PlaceAt is { } townAt)
                {
                    for (var k = t0 - 1; k >= first && pc is null; k--)
                    {
                        if (townAt.TryGetValue(k, out var hit) && hit.End <= t0 && hit.Place.Precision is PlacePrecision.Point && !Residence(lower, k, first)
                            && !s.Mentions.Any(m => m.First <= k && k < m.End && !m.Form.EndsWith("@loc", StringComparison.Ordinal)))
                        {
                            pc = new PlaceCandidate(k, hit.End, hit.Place.Name, false, hit.Place);
                        }
                    }
                }

                // "… Twelve were hurt in the bombing": a later reference to an act told before (a definite attack noun) that
                // names no place of its own is where that act was (the last attack told before its sentence, when it has a
                // place), not another place of its paragraph
                if (pc is null && s.Type == "ASSAULT" && (p.Noun || doc.Tokens.Upos.Count > t0 && doc.Tokens.Upos[t0] == "NOUN") && t0 > first
                    && Definite(lower[t0 - 1]) && doc.Has(Layer.Places)
                    && doc.Events.LastOrDefault(e => e.Type == "ASSAULT" && e.Trigger is { } tr && tr.End <= doc.Tokens.Starts[first]) is { PlaceId: not null } told
                    && doc.Places.FirstOrDefault(pl => pl.Id == told.PlaceId) is { } toldPlace)
                {
                    return (toldPlace.Name, toldPlace, false);
                }

                // (a town named before without a locative word places only an attack, not a toll: "The town of X was quiet.
                // Hours later, a bomb went off …"; "… on the outskirts of X, the ministry said. It said 11 were wounded")
                pc ??= places.FirstOrDefault(pl => pl.First < t0 && !pl.IsCapitalOf && !pl.OfTarget) ?? (paragraphPlace is { Bare: true } && (s.Type != "ASSAULT" || p.Has("casualty")) ? null : paragraphPlace);
                location = pc?.Name;
                locationPlace = pc?.Place;

                // else the report's dateline, for an act of the dateline's own sentence that names no other place
                // ("MOGADISHU, Somalia (AP) — A suicide bomber blew himself up outside a restaurant"): the place the report
                // was filed from is where its lead happened (a lead that names a town is told from a bureau elsewhere:
                // "NAIROBI — … shells struck a bus station in Bunia")
                if (pc is null && places.Count == 0 && DatelineEnd(doc, s.Forms, first, t0) is var lead && lead > first
                    && (s.PlaceAt is not { } anyAt || !Enumerable.Range(lead, s.End - lead).Any(anyAt.ContainsKey))
                    && DatelinePlace(doc, doc.Tokens.Starts[first], doc.Tokens.Starts[t0]) is { } filed)
                {
                    location = filed.Name;
                    locationPlace = filed;
                }

                // never the attacker's own country unless the clause says so
                if (!inClause && location is not null && location == agentName && locationPlace?.Precision is PlacePrecision.Country)
                {
                    location = null;
                    locationPlace = null;
                }
            }
        }

        return (location, locationPlace, inClause);
    }

    /// <summary>
    /// Whether a locative preposition ("in", "at", "near", "outside" …) introduces the place phrase at token
    /// <paramref name="at"/> (over the determiners, adjectives and name words before it), not before <paramref name="from"/>.
    /// </summary>
    private static bool LocativeBefore(string[] lower, int at, int from)
    {
        // (not "to", "from": a place an act comes from or goes to names no place of its own here)
        var k = at - 1;
        while (k >= from && at - k <= 5 && char.IsLetter(lower[k][0]) && !IsLocative(lower[k]) && lower[k] is not ("and" or "or" or "of" or "to" or "with" or "by" or "for" or "from"))
        {
            k--;
        }

        return k >= from && IsLocative(lower[k]);
        static bool IsLocative(string w) => w is not ("to" or "from") && (ActorResolver.LocativePrepositions.Contains(w) || w is "on" or "beside" or "along");
    }

    /// <summary>
    /// The first token of "the X settlement" right before token <paramref name="at"/>: one to three capitalised words
    /// that name no place the gazetteer knows, then a place noun (data/extraction/place-head-nouns.txt), after "the";
    /// -1 when the words before are not so.
    /// </summary>
    private static int NamedSiteBefore(ExtractionLexicon lex, string[] lower, List<string> forms, Dictionary<int, (Place Place, int End)> placeAt, int at, int first)
    {
        var noun = at - 1;
        if (noun - 2 < first || !lex.PlaceHeadNouns.Contains(lower[noun]) || lower[noun] is "area" or "city" or "town" or "region" or "province" or "county")
        {
            return -1;
        }

        var k = noun;
        while (k - 1 > first && noun - k < 3 && Words.IsCapitalised(forms[k - 1]) && char.IsLetter(forms[k - 1][0]) && !placeAt.ContainsKey(k - 1))
        {
            k--;
        }

        return k < noun && lower[k - 1] == "the" ? k : -1;
    }

    /// <summary>
    /// Whether the place at token <paramref name="k"/> is a person's home in apposition ("Jane Doe, 41, of Springfield,
    /// was stabbed …"): ", of X" after a name or an age tells where someone lives, not where the act happened.
    /// </summary>
    private static bool Residence(string[] lower, int k, int first) => k - 2 >= first && lower[k - 1] == "of" && lower[k - 2] == ",";

    private static bool Definite(string w) => w is "the" or "this" or "that" or "these" or "those";

    /// <summary>
    /// The finest place named in tokens [from, to) that lies inside <paramref name="coarse"/> (a town or district of the
    /// country, of the province), the first of the finest; not a place word inside an actor's name. Null when none.
    /// </summary>
    private static PlaceCandidate? FinerPlace(Dictionary<int, (Place Place, int End)> placeAt, Place coarse, int from, int to, List<TokMention> sm)
    {
        static int Rank(PlacePrecision p) => p switch { PlacePrecision.Point => 0, PlacePrecision.Adm2 => 1, PlacePrecision.Adm1 => 2, _ => 3 };
        PlaceCandidate? best = null;
        for (var k = from; k < to; k++)
        {
            if (!placeAt.TryGetValue(k, out var hit) || hit.Place.Country is null || hit.Place.Country != coarse.Country
                || Rank(hit.Place.Precision) >= Rank(coarse.Precision) || best?.Place is { } b && Rank(hit.Place.Precision) >= Rank(b.Precision)
                || coarse.Precision == PlacePrecision.Adm1 && hit.Place.Admin1 != coarse.Admin1
                || sm.Any(m => m.First <= k && k < m.End && !m.Form.EndsWith("@loc", StringComparison.Ordinal)))
            {
                continue;
            }

            best = new PlaceCandidate(k, hit.End, hit.Place.Name, false, hit.Place);
        }

        return best;
    }

    internal static List<PlaceCandidate> FindPlaces(ExtractionLexicon lex, Document doc, string[] lower, List<string> forms, int first, int end, List<TokMention> sm, Dictionary<int, (Place Place, int End)>? placeAt, ref PlaceCandidate? lastRegion)
    {
        var result = new List<PlaceCandidate>();
        for (var i = first; i < end; i++)
        {
            if (lower[i] == "the" && i + 1 < end && lower[i + 1] == "capital" && !(i + 2 < end && lower[i + 2] is "of" or "'s" or "," or "city"))
            {
                result.Add(new PlaceCandidate(i, i + 2, "", true));
                continue;
            }

            // "on the X direction", "to the X axis": a front-line sector named after its town
            var onSector = lower[i] is "on" or "to";
            var from = lower[i] == "from"; // only for "from the occupied territories" below
            if (!PlacePrepositions.Contains(lower[i]) && !onSector && !from || i + 1 >= end)
            {
                continue;
            }

            var k = i + 1;
            while (k < end && k < i + 3 && lower[k] is "the" or "a" or "an" or "both" or "eastern" or "western" or "northern" or "southern" or "central" or "occupied" or "north" or "south" or "east" or "west" or "northeastern" or "northwestern" or "southeastern" or "southwestern"
                       or "northeast" or "northwest" or "southeast" or "southwest" or "downtown" or "rural" or "suburban" or "restive")
            {
                k++;
            }

            // "from the (temporarily) occupied territories" with no name after them: the target state's occupied land
            var occ = k < end && lower[k] == "temporarily" ? k + 1 : k;
            var land = occ < end && lower[occ] == "occupied" ? occ + 1 : occ;
            if (land < end && (land > occ || lower[land - 1] == "occupied") && lower[land] is "territories" or "territory" or "areas" or "lands"
                && !(land + 1 < end && lower[land + 1] is "of" or "in"))
            {
                result.Add(new PlaceCandidate(i + 1, land + 1, "", false, OfTarget: true));
                continue;
            }

            if (from)
            {
                continue;
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
            // "the city", "the town": the last town named before it (in any role: "the IRA's Belfast brigade … across the city")
            if (lower[k] is "city" or "town" && lower[k - 1] == "the" && placeAt is not null && !(k + 1 < end && lower[k + 1] is "of" or "'s")
                && LastTown(placeAt, k) is { } town)
            {
                result.Add(new PlaceCandidate(k, k + 1, town.Name, false, town));
                continue;
            }

            // "the plant", "the station": the facility named last ("the Zaporizhzhia Nuclear Power Plant … at the plant")
            if (FacilityNouns.Contains(lower[k]) && lower[k - 1] == "the" && placeAt is not null && LastFacility(doc, placeAt, k) is { } facility)
            {
                result.Add(new PlaceCandidate(k, k + 1, facility.Name, false, facility));
                continue;
            }

            if (lower[k] is "region" or "area" or "city" or "oblast" or "province" && lower[k - 1] == "the" && lastRegion is not null)
            {
                var anaphor = lower[k] is "region" or "oblast" or "province" ? RegionOf(doc, lastRegion) : lastRegion;
                result.Add(anaphor with { First = k, End = k + 1 });
                continue;
            }

            if (placeAt is not null)
            {
                // with resolved places, a location is one of them (never a demonym: see PlaceMentions)
                if (placeAt.TryGetValue(k, out var hit) && (!onSector || hit.End < end && SectorNouns.Contains(lower[hit.End])))
                {
                    // a region whose GeoNames name is its seat's ("Brest") keeps the written region form ("Brest region")
                    var shown = hit.Place.Name;
                    if (hit.Place.Precision is PlacePrecision.Adm1 or PlacePrecision.Adm2 && PlaceSuffixes.Contains(lower[hit.End - 1])
                        && !PlaceSuffixes.Contains(hit.Place.Name.Split(' ')[^1].ToLowerInvariant()))
                    {
                        shown = doc.Text[doc.Tokens.Starts[k]..doc.Tokens.Ends[hit.End - 1]];
                    }

                    var pc = new PlaceCandidate(k, hit.End, shown, false, hit.Place);

                    // "the X settlement near Y", "the X camp outside Y": X, which the gazetteer lacks, is the more precise
                    // place; the phrase is kept as the location, at Y's point
                    if (lower[i] is "near" or "outside" && k == i + 1 && NamedSiteBefore(lex, lower, forms, placeAt, i, first) is var site && site >= 0)
                    {
                        pc = new PlaceCandidate(site, hit.End, doc.Text[doc.Tokens.Starts[site]..doc.Tokens.Ends[i - 1]], false, hit.Place);
                    }

                    result.Add(pc);
                    if (hit.Place.Precision is not (PlacePrecision.Country or PlacePrecision.Region))
                    {
                        lastRegion = pc;
                    }
                }

                continue;
            }

            if (onSector || !Words.IsCapitalised(forms[k]) || NotPlaces.Contains(forms[k]) || lex.Months.ContainsKey(lower[k]) || lex.Weekdays.ContainsKey(lower[k]))
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
    /// demonym names an actor or an owner, never the place where something happened; a dateline ("PORT SUDAN —",
    /// "KHERSON, Ukraine —") names where the report was filed; a place word that modifies a longer actor's name ("Rapid" in
    /// "Rapid Support Forces", "Kharkiv" in "Kharkiv Regional Administration") names no place of an act.
    /// </summary>
    internal static Dictionary<int, (Place Place, int End)> PlaceMentions(Document doc)
    {
        var gaz = Resolver.Value.Gazetteer;
        var result = new Dictionary<int, (Place, int)>();
        var actorSpans = doc.Actors.SelectMany(a => a.Mentions).ToList();
        foreach (var pl in doc.Places)
        {
            foreach (var m in pl.Mentions)
            {
                var hits = gaz.Lookup(GeoText.Fold(doc.TextOf(m)));
                if (hits.Count > 0 && hits.All(h => h.Link == NameLink.Demonym))
                {
                    continue;
                }

                if (IsDateline(doc.Text, m) || actorSpans.Any(a => a.Start <= m.Start && m.End < a.End))
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

    /// <summary>
    /// A dateline: a name in capitals at the start of a line, followed by a dash, a comma or a bracket ("PORT SUDAN —",
    /// "KHERSON, Ukraine —", "GOMA (Reuters) -").
    /// </summary>
    internal static bool IsDateline(string text, TextSpan m)
    {
        var s = m.Start;
        while (s > 0 && text[s - 1] is ' ' or '\t')
        {
            s--;
        }

        if (s > 0 && text[s - 1] != '\n')
        {
            return false;
        }

        var letters = 0;
        for (var i = m.Start; i < m.End; i++)
        {
            if (char.IsLetter(text[i]))
            {
                if (!char.IsUpper(text[i]))
                {
                    return false;
                }

                letters++;
            }
        }

        var e = m.End;
        while (e < text.Length && text[e] == ' ')
        {
            e++;
        }

        return letters >= 2 && e < text.Length && text[e] is '—' or '–' or '-' or ',' or '(';
    }

    /// <summary>
    /// The place of a dateline in characters [<paramref name="from"/>, <paramref name="at"/>) of one line (a sentence
    /// that opens with it): a town, province or country named in capitals at the start of a line before a dash, a comma
    /// or a bracket. Null when there is no dateline there.
    /// </summary>
    internal static Place? DatelinePlace(Document doc, int from, int at)
    {
        Place? found = null;
        var foundAt = -1;
        foreach (var pl in doc.Places)
        {
            if (pl.Precision is PlacePrecision.Region or PlacePrecision.Unknown)
            {
                continue;
            }

            foreach (var m in pl.Mentions)
            {
                if (m.Start >= from && m.End <= at && m.Start > foundAt && IsDateline(doc.Text, m) && doc.Text.AsSpan(m.End, at - m.End).IndexOf('\n') < 0)
                {
                    (found, foundAt) = (pl, m.Start);
                }
            }
        }

        return found;
    }

    /// <summary>
    /// The first token after a dateline that opens a line at token <paramref name="first"/> ("PORT SUDAN —", "GOMA,
    /// Congo (Reuters) -": a word in capitals, then names, commas and brackets up to a dash before token
    /// <paramref name="before"/>); <paramref name="first"/> when there is none.
    /// </summary>
    internal static int DatelineEnd(Document doc, List<string> forms, int first, int before)
    {
        var start = doc.Tokens.Starts[first];
        var lineStart = start == 0 || doc.Text.LastIndexOf('\n', start - 1) is var nl && doc.Text.AsSpan(nl + 1, start - nl - 1).IsWhiteSpace();
        if (!lineStart || forms[first].Count(char.IsLetter) < 2 || !forms[first].Where(char.IsLetter).All(char.IsUpper))
        {
            return first;
        }

        for (var k = first + 1; k < before && k < first + 10; k++)
        {
            if (forms[k] is "—" or "–" or "-" or "--")
            {
                return k + 1;
            }

            if (!(forms[k] is "," or "(" or ")" || char.IsLetter(forms[k][0]) && char.IsUpper(forms[k][0])))
            {
                break;
            }
        }

        return first;
    }

    /// <summary>
    /// The last town (a place of point precision) named in tokens [<paramref name="first"/>, <paramref name="end"/>) as
    /// a noun of its own, not before a noun it qualifies ("the Geneva talks"), or null.
    /// </summary>
    internal static PlaceCandidate? TownNamed(Document doc, Dictionary<int, (Place Place, int End)>? placeAt, int first, int end)
    {
        if (placeAt is null)
        {
            return null;
        }

        for (var k = end - 1; k >= first; k--)
        {
            if (placeAt.TryGetValue(k, out var hit) && hit.Place.Precision == PlacePrecision.Point
                && !(k - 2 >= first && doc.Tokens.Forms[k - 1] == "of" && doc.Tokens.Forms[k - 2] == ",")
                && !(hit.End < end && doc.Tokens.Upos.Count > hit.End && doc.Tokens.Upos[hit.End] is "NOUN" or "PROPN"))
            {
                return new PlaceCandidate(k, hit.End, hit.Place.Name, false, hit.Place, Bare: true);
            }
        }

        return null;
    }

    /// <summary>The town (a place of point precision) whose mention is the nearest before token <paramref name="k"/>, within 300 tokens.</summary>
    internal static Place? LastTown(Dictionary<int, (Place Place, int End)> placeAt, int k)
    {
        for (var i = k - 1; i >= 0 && i >= k - 300; i--)
        {
            if (placeAt.TryGetValue(i, out var hit) && hit.End <= k && hit.Place.Precision is PlacePrecision.Point)
            {
                return hit.Place;
            }
        }

        return null;
    }

    private static readonly HashSet<string> FacilityNouns = new(["plant", "station", "facility", "airfield", "airbase", "base", "dam"], StringComparer.Ordinal);

    /// <summary>
    /// The place whose mention, the nearest before token <paramref name="k"/> within 300 tokens, names a facility: its
    /// written form ends with a facility word ("the Zaporizhzhia Nuclear Power Plant").
    /// </summary>
    internal static Place? LastFacility(Document doc, Dictionary<int, (Place Place, int End)> placeAt, int k)
    {
        for (var i = k - 1; i >= 0 && i >= k - 300; i--)
        {
            if (placeAt.TryGetValue(i, out var hit) && hit.End <= k && hit.End - i >= 2
                && FacilityNouns.Contains(doc.Text[doc.Tokens.Starts[hit.End - 1]..doc.Tokens.Ends[hit.End - 1]].ToLowerInvariant()))
            {
                return hit.Place;
            }
        }

        return null;
    }

    /// <summary>"The region" after a town: the town's first-level region; after a region: that region.</summary>
    internal static PlaceCandidate RegionOf(Document doc, PlaceCandidate last)
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
    internal static Place? CapitalOf(string state)
    {
        var iso = Resolver.Value.CountryCode(state);
        return iso is null ? null : Resolver.Value.CapitalOf(iso);
    }

    /// <summary>
    /// The document's place for a gazetteer place (the same GeoNames id), added when the document has none;
    /// <paramref name="mention"/> ("the capital") becomes one of its mentions.
    /// </summary>
    internal static Place Register(Document doc, Place place, TextSpan? mention)
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
    internal static int NamedPlace(DependencyRoles dep, List<string> forms, int h)
    {
        if (h < 0 || Words.IsCapitalised(forms[h]))
        {
            return h;
        }

        var of = dep.Prepositional(h, OfPreposition);
        return of >= 0 && Words.IsCapitalised(forms[of]) ? of : h;
    }
}
