using Sitrep.Core;

namespace Sitrep.Geo;

/// <summary>A place name found in the text with every gazetteer entry it may refer to.</summary>
public sealed record Toponym(TextSpan Span, string Key, IReadOnlyList<NameHit> Hits, bool FromNer)
{
    /// <summary>Whether the phrase carries a region word ("Kherson region", "Donetsk province"): the region is meant, not its town.</summary>
    public bool RegionWord { get; init; }

    /// <summary>Whether the phrase carries a district word ("Bakhmut district", "Cook County").</summary>
    public bool DistrictWord { get; init; }
}

/// <summary>
/// Finds place names: NER LOC/GPE mentions when the document has them, plus gazetteer matches of word n-grams
/// (longest first) filtered by capitalisation, stop lists and context so that common words are not tagged.
/// </summary>
public sealed class ToponymRecognizer
{
    private const int MaxWords = 7;

    private static readonly HashSet<string> Connectors = new(
        ["of", "de", "del", "la", "le", "les", "du", "des", "da", "do", "dos", "das", "di", "van", "von", "der", "den", "am", "an", "on", "upon", "sur", "en", "y", "al", "el", "the", "and", "au", "aux", "im", "bei", "ob", "na", "nad", "pod"],
        StringComparer.Ordinal);

    private static readonly HashSet<string> RegionWords = new(
        ["region", "oblast", "province", "krai", "kray", "governorate", "state", "prefecture", "voivodeship", "republic", "territory", "oblys", "okrug", "regions", "provinces"],
        StringComparer.Ordinal);

    private static readonly HashSet<string> DistrictWords = new(["district", "raion", "rayon", "county", "parish", "borough", "municipality"], StringComparer.Ordinal);

    private static readonly HashSet<string> SpeechVerbs = new(
        ["said", "says", "told", "added", "explained", "wrote", "noted", "asked", "replied", "stated", "argued", "recalled", "insisted", "testified", "confirmed", "admitted", "believes", "thinks", "who", "whose"],
        StringComparer.Ordinal);

    private static readonly HashSet<string> LocativeCues = new(
        ["in", "at", "near", "from", "outside", "to", "into", "toward", "towards", "across", "around", "via", "through", "of", "between", "and", "nearby", "visit", "visited", "struck", "shelled", "hit", "captured", "liberated", "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "downtown", "suburban", "within", "throughout", "entered"],
        StringComparer.Ordinal);

    private readonly IGazetteer _gaz;

    public ToponymRecognizer(IGazetteer gazetteer)
    {
        _gaz = gazetteer ?? throw new ArgumentNullException(nameof(gazetteer));
    }

    /// <summary>Finds toponyms in <paramref name="text"/>; <paramref name="mentions"/> are NER mentions, or null when the document has none.</summary>
    public List<Toponym> Recognize(string text, IReadOnlyList<Mention>? mentions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = GeoText.Words(text);
        var surnames = Surnames(text, words);
        var index = mentions is null ? null : new MentionIndex(mentions);
        var found = new List<Toponym>();
        var rejected = new List<(int I, int End, IReadOnlyList<NameHit> Hits)>();
        var i = 0;
        while (i < words.Count)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // a toponym starts with a capital (after an optional "the"): other starts are never accepted, so skip
            // their lookups
            var starter = words[i].Key == "the" && i + 1 < words.Count ? words[i + 1] : words[i];
            if (!char.IsUpper(text[starter.Start]))
            {
                i++;
                continue;
            }

            // a landmark ("at the White House", "in the Kremlin") is a mention of its city after a locative word, and
            // never a town of its own name elsewhere ("the Kremlin said", "a White House briefing")
            if (LandmarkAt(text, words, i) is { } landmark)
            {
                if (landmark.Toponym is { } lt)
                {
                    found.Add(lt);
                }

                i = landmark.End + 1;
                continue;
            }

            var (end, hits) = LongestMatch(text, words, i);
            if (end < 0)
            {
                i++;
                continue;
            }

            var t = Accept(text, words, i, end, hits, index, surnames);
            if (t is not null)
            {
                found.Add(t);
                i = end + 1;
            }
            else
            {
                rejected.Add((i, end, hits));
                i++;
            }
        }

        if (mentions is not null)
        {
            AddNerMentions(text, mentions, found);
        }

        AddFacilities(text, words, found);
        found.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
        AddListMembers(text, words, rejected, found);
        return found;
    }

    /// <summary>
    /// A one-word name taken for a person or a common word ("Lyman") that stands in a list between two places
    /// ("Kupiansk, Lyman, Sloviansk and Kramatorsk") in the country of both is a place of the list too.
    /// </summary>
    private void AddListMembers(string text, List<GeoWord> words, List<(int I, int End, IReadOnlyList<NameHit> Hits)> rejected, List<Toponym> found)
    {
        var added = false;
        foreach (var (i, end, hits) in rejected)
        {
            var w = words[i];
            if (i != end || !char.IsUpper(text[w.Start]) || _gaz.InLexicon("never", w.Key) || IsSentenceInitial(text, w.Start)
                || !hits.Any(h => h.Link is NameLink.Primary && h.Entry.Kind is PlaceKind.Populated or PlaceKind.Admin1 or PlaceKind.Admin2)
                || found.Any(t => t.Span.Start < w.End && w.Start < t.Span.End))
            {
                continue;
            }

            var before = found.LastOrDefault(t => t.Span.End <= w.Start);
            var after = found.FirstOrDefault(t => t.Span.Start >= w.End);
            if (before is null || after is null || text[before.Span.End..w.Start] != ", ")
            {
                continue;
            }

            // (and a place of the name lies in the country of both neighbours; a list of counties or provinces,
            // "Barrow, Jackson and Madison counties", names units a town of the same name would misplace)
            var gap = text[w.End..after.Span.Start];
            if (gap is ", " or " and " or ", and " or " or " or ", or " && !EndsInUnitWord(text, found, after)
                && hits.Any(h => h.Link is NameLink.Primary && before.Hits.Any(b => b.Entry.Country == h.Entry.Country) && after.Hits.Any(a => a.Entry.Country == h.Entry.Country)))
            {
                found.Add(Make(new TextSpan(w.Start, w.End), w.Key, hits, false, false, false));
                added = true;
            }
        }

        if (added)
        {
            found.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
        }
    }

    /// <summary>Whether the list of places that goes on from <paramref name="from"/> ends in a plural word for counties, districts or provinces.</summary>
    private static bool EndsInUnitWord(string text, List<Toponym> found, Toponym from)
    {
        var last = from;
        for (var k = found.IndexOf(from) + 1; k < found.Count && found[k].Span.Start >= last.Span.End
            && text[last.Span.End..found[k].Span.Start] is ", " or " and " or ", and " or " or " or ", or "; k++)
        {
            last = found[k];
        }

        var rest = text.AsSpan(last.Span.End).TrimStart();
        var n = 0;
        while (n < rest.Length && char.IsLetter(rest[n]))
        {
            n++;
        }

        var word = rest[..n].ToString().ToLowerInvariant();
        return word.EndsWith('s') && (RegionWords.Contains(word) || DistrictWords.Contains(word[..^1]) || word is "counties" or "municipalities" or "parishes" or "oblasts" or "raions" or "states");
    }

    private static readonly string[][] FacilityPhrases =
    [
        ["nuclear", "power", "plant"], ["nuclear", "power", "station"], ["nuclear", "plant"], ["power", "plant"], ["power", "station"],
        ["hydroelectric", "power", "plant"], ["dam"], ["air", "base"], ["airbase"], ["airfield"],
    ];

    /// <summary>
    /// A facility named after a place the gazetteer does not hold ("Chernobyl nuclear plant", "Chernobyl's nuclear
    /// power plant") is a place of its own, unresolved, like a street: the whole name is kept.
    /// </summary>
    private void AddFacilities(string text, List<GeoWord> words, List<Toponym> found)
    {
        for (var i = 1; i < words.Count; i++)
        {
            var phrase = FacilityAt(words, i);
            if (phrase is null)
            {
                continue;
            }

            // the name: one or two capitalised words right before, the last may carry a possessive
            var nameEnd = i - 1;
            var nameStart = nameEnd;
            if (nameStart > 0 && GeoText.Joinable(text, words[nameStart - 1], words[nameStart]) && char.IsUpper(text[words[nameStart - 1].Start]) && !IsSentenceInitial(text, words[nameStart - 1].Start))
            {
                nameStart--;
            }

            var span = new TextSpan(words[nameStart].Start, words[i + phrase.Length - 1].End);

            // a facility named after a place the gazetteer holds ("the Zaporizhzhia Nuclear Power Plant"): the place,
            // named by the whole phrase, so that "the plant" later can point back to it
            var town = found.FindIndex(t => t.Span.Start >= words[nameStart].Start && t.Span.End == words[nameEnd].End && t.Hits.Count > 0);
            if (town >= 0 && GeoText.Joinable(text, words[nameEnd], words[i]) && char.IsUpper(text[words[i].Start])
                && !found.Any(t => t != found[town] && t.Span.Overlaps(span)))
            {
                found[town] = found[town] with { Span = new TextSpan(found[town].Span.Start, span.End) };
                i += phrase.Length - 1;
                continue;
            }

            if (!char.IsUpper(text[words[nameStart].Start]) || !GeoText.Joinable(text, words[nameEnd], words[i]) || found.Any(t => t.Span.Overlaps(span))
                || (nameStart == nameEnd && IsSentenceInitial(text, words[nameStart].Start)))
            {
                continue;
            }

            var key = string.Join(' ', words.Skip(nameStart).Take(i + phrase.Length - nameStart).Select(w => w.Key));
            found.Add(new Toponym(span, key, [], false));
            i += phrase.Length - 1;
        }
    }

    /// <summary>The first of <see cref="FacilityPhrases"/> whose words start at word <paramref name="i"/>, or null.</summary>
    private static string[]? FacilityAt(List<GeoWord> words, int i)
    {
        foreach (var p in FacilityPhrases)
        {
            if (i + p.Length > words.Count)
            {
                continue;
            }

            var k = 0;
            while (k < p.Length && words[i + k].Key == p[k])
            {
                k++;
            }

            if (k == p.Length)
            {
                return p;
            }
        }

        return null;
    }

    private static readonly HashSet<string> LandmarkCues = new(
        ["at", "in", "inside", "outside", "near", "to", "into", "from", "within", "toward", "towards", "on", "visit", "visits", "visited", "visiting"],
        StringComparer.Ordinal);

    /// <summary>
    /// A landmark of up to five words at word <paramref name="i"/> (after an optional "the"): its last word, and a
    /// toponym naming its city when a locative word stands before it.
    /// </summary>
    private (int End, Toponym? Toponym)? LandmarkAt(string text, List<GeoWord> words, int i)
    {
        var first = words[i].Key == "the" ? i + 1 : i;
        var key = string.Empty;
        for (var j = first; j < words.Count && j < first + 5; j++)
        {
            if (j > first && !GeoText.Joinable(text, words[j - 1], words[j]))
            {
                break;
            }

            key = j == first ? words[j].Key : key + " " + words[j].Key;
            var hits = _gaz.Landmark(key);
            if (hits.Count == 0 || !char.IsUpper(text[words[first].Start]) || !char.IsUpper(text[words[j].Start]))
            {
                continue;
            }

            // "White House, Tennessee": a town of that name, qualified
            var after = words[j].End;
            while (after < text.Length && text[after] == ' ')
            {
                after++;
            }

            if (after < text.Length && text[after] == ',' && j + 1 < words.Count && char.IsUpper(text[words[j + 1].Start]))
            {
                return null;
            }

            var cue = i > 0 && LandmarkCues.Contains(words[i - 1].Key) && (words[i].Key == "the" || i == first);
            var span = new TextSpan(words[first].Start, words[j].End);
            return (j, cue ? new Toponym(span, key, hits, false) : null);
        }

        return null;
    }

    private (int End, IReadOnlyList<NameHit> Hits) LongestMatch(string text, List<GeoWord> words, int i)
    {
        var key = words[i].Key;
        var bestEnd = -1;
        IReadOnlyList<NameHit> best = [];
        for (var j = i; ; j++)
        {
            // a name the gazetteer holds in another romanisation ("Zaporizhia" for "Zaporizhzhia") when none holds it as written
            var hits = _gaz.Lookup(key);
            if (hits.Count == 0)
            {
                hits = _gaz.LookupVariant(key);
            }

            if (hits.Count > 0)
            {
                bestEnd = j;
                best = hits;
            }

            if (j + 1 >= words.Count || j - i + 1 >= MaxWords || !GeoText.Joinable(text, words[j], words[j + 1]) || !(_gaz.HasPrefix(key) || _gaz.HasVariantPrefix(key)))
            {
                break;
            }

            key += " " + words[j + 1].Key;
        }

        return (bestEnd, best);
    }

    private Toponym? Accept(string text, List<GeoWord> words, int i, int end, IReadOnlyList<NameHit> hits, MentionIndex? mentions, HashSet<string> surnames)
    {
        // "the Netherlands" keeps the article outside the span
        var first = i;
        if (words[first].Key == "the" && end > first)
        {
            first++;
        }

        var span = new TextSpan(words[first].Start, words[end].End);
        var key = string.Join(' ', words.Skip(i).Take(end - i + 1).Select(w => w.Key));
        var single = first == end;
        var lastKey = words[end].Key;
        var regionWord = !single && RegionWords.Contains(lastKey);
        var districtWord = !single && DistrictWords.Contains(lastKey);

        // in a title-case headline the recogniser has no capitalisation to go by: its mentions do not count there
        var nerType = mentions is null || IsHeadline(text, span.Start) ? null : NerTypeAt(mentions, span);
        if (nerType is "PER")
        {
            // the recogniser takes some town names for persons: after a lower-case locative word, a name of several
            // words that is a large town is the town ("near Kryvyi Rih"); right after a word for a facility, a town's
            // name is the facility's place ("the airfield "Saki"")
            if (IsPlaceAfterCue(text, words, first, end, hits))
            {
                return Make(span, key, hits, false, false, false);
            }

            // a name closed by a region word that names a region ("Zaporizhia Oblast") is no person
            if (regionWord && hits.Any(h => h.Entry.Kind is PlaceKind.Admin1 or PlaceKind.Admin2))
            {
                return Make(span, key, hits, false, true, false);
            }

            return null;
        }

        // capitalisation: every content word starts upper case, except the trailing region word ("Kherson region")
        for (var k = first; k <= end; k++)
        {
            var w = words[k];
            var c = text[w.Start];
            if (char.IsUpper(c) || char.IsDigit(c) || (k > first && Connectors.Contains(w.Key)) || (k == end && (regionWord || districtWord) && k > first))
            {
                continue;
            }

            return null;
        }

        if (_gaz.InLexicon("never", key) || key.Any(char.IsDigit))
        {
            return null;
        }

        var allCapsText = IsShouting(text, span);
        var surface = text[span.Start..span.End];
        var hasStrong = hits.Any(h => h.Entry.Kind is PlaceKind.Country or PlaceKind.Region || (h.Entry.Kind == PlaceKind.Admin1 && h.Link is NameLink.Primary or NameLink.RegionForm));
        var onlyAbbrev = hits.All(h => h.Link == NameLink.Abbreviation);
        // "II", "UN", "TV": short all-capital words are abbreviations, places only when the gazetteer says so
        if (surface.Length <= 3 && surface.All(char.IsUpper) && !hits.Any(h => h.Link == NameLink.Abbreviation || h.Entry.Kind is PlaceKind.Country or PlaceKind.Admin1))
        {
            return null;
        }

        // "NATO", "FEMA": an all-capital word in ordinary text is an acronym unless it names a country or region,
        // or opens a dateline ("MANSFIELD —")
        if (!allCapsText && surface.Length > 3 && surface.All(ch => !char.IsLetter(ch) || char.IsUpper(ch))
            && !hits.Any(h => h.Link == NameLink.Abbreviation || h.Entry.Kind is PlaceKind.Country or PlaceKind.Admin1 or PlaceKind.Region)
            && !IsDateline(text, span))
        {
            return null;
        }

        var commaOnly = _gaz.InLexicon("comma-only", key);
        if (onlyAbbrev && key.Length <= 3 && !commaOnly && !surface.All(ch => char.IsUpper(ch) || ch == '.'))
        {
            return null;
        }

        if (commaOnly)
        {
            // AP state abbreviations only after a town and a comma: "Louisville, Ky."
            var before = text.AsSpan(0, span.Start).TrimEnd();
            var dotted = surface.EndsWith('.') || (span.End < text.Length && text[span.End] == '.');
            var party = before.Length >= 2 && before[^1] == '-' && char.IsUpper(before[^2]);
            if (!(before.EndsWith(",") || party) || !dotted)
            {
                return null;
            }

            return Make(surface.EndsWith('.') ? span : new TextSpan(span.Start, span.End + 1), key, hits, false, false, false);
        }

        var prev = first > 0 ? words[first - 1] : (GeoWord?)null;
        var next = end + 1 < words.Count ? words[end + 1] : (GeoWord?)null;
        var prevAdjacent = prev is { } p && GeoText.Joinable(text, p, words[first]);
        var nextAdjacent = next is { } n && GeoText.Joinable(text, words[end], n);
        var sentenceInitial = IsSentenceInitial(text, span.Start);
        var prevCap = prev is { } pc && char.IsUpper(text[pc.Start]);
        var nextCap = next is { } nc && char.IsUpper(text[nc.Start]);
        var cue = prev is { } pq && LocativeCues.Contains(pq.Key) && !prevCap;
        var qualified = IsFollowedByQualifier(text, span.End);

        // institutions named after a place ("Supreme Court", "Mansfield Police") are not places
        if (next is { } nx && nextAdjacent && nextCap && nx.Key is "court" or "courts" or "hall" or "house" or "senate" or "assembly" or "council" or "police" or "department" or "county" && hits.All(h => h.Entry.Kind != PlaceKind.Admin2))
        {
            return null;
        }

        // streets and buildings named after a place ("Dublin Road") are places of their own, finer than the
        // gazetteer: keep the whole name, unresolved, even when the recogniser saw a place in it
        if (next is { } ns && nextAdjacent && nextCap && _gaz.InLexicon("street", ns.Key))
        {
            return Make(new TextSpan(span.Start, ns.End), key + " " + ns.Key, [], nerType is not null, false, false);
        }

        // a lone street word, or a common word ending a longer capitalised name ("Memphis Street", "Kanawha Valley",
        // "Hartford Hospital", "Islamic Centre"), is part of that name, not a place of its own
        if (single && !allCapsText && (_gaz.InLexicon("street", key) || (prevAdjacent && prevCap && _gaz.IsCommonWord(key) && !IsSentenceInitial(text, prev!.Value.Start))))
        {
            return null;
        }

        if (nerType is "LOC" or "GPE" or "FAC")
        {
            return Make(span, key, hits, true, regionWord, districtWord);
        }

        // titles before a name make it a person: "Gov. Jackson", "Mr. Lincoln"
        if (prev is { } pt && _gaz.InLexicon("titles", pt.Key) && prevCap && !hasStrong)
        {
            return null;
        }

        if (prev is { } pt2 && _gaz.InLexicon("titles", pt2.Key) && prevCap && single && hits.All(h => h.Entry.Kind != PlaceKind.Country))
        {
            return null;
        }

        var demonymOnly = hits.All(h => h.Link == NameLink.Demonym);
        if (demonymOnly)
        {
            return nerType is "PER" ? null : Make(span, key, hits, false, false, false);
        }

        if (single && !allCapsText)
        {
            if (_gaz.InLexicon("persons", key) && !cue && !qualified && !(hits.Any(h => h.Entry.Kind == PlaceKind.Country) && !sentenceInitial))
            {
                return null;
            }

            if (_gaz.IsCommonWord(key) && !qualified && !(cue && hasStrong) && !(hasStrong && !sentenceInitial && nerType is null))
            {
                return null;
            }
        }

        var maxPop = hits.Max(h => h.Entry.Kind == PlaceKind.Populated ? h.Entry.Population : 0);
        var primaryHit = hits.Any(h => h.Link is NameLink.Primary or NameLink.RegionForm or NameLink.Abbreviation);

        // short alternate spellings ("Re", "Sam") are noise
        if (!primaryHit && !demonymOnly && key.Length <= 3)
        {
            return null;
        }

        // "Nelson said", "said Moore": a single name next to a speech verb is a person
        if (single && !hasStrong && !qualified && !cue && (next is { } sv && SpeechVerbs.Contains(sv.Key) && nextAdjacent || prev is { } pv && SpeechVerbs.Contains(pv.Key) && !prevCap))
        {
            return null;
        }

        // part of a hyphenated or slashed name: "Wal-Mart", "Re/Max"
        if (single && !hasStrong && (GluedTo(text, span.Start - 1, -1) || GluedTo(text, span.End, 1)))
        {
            return null;
        }

        // an alternate name of a big city glued to a personal name ("Sam Herrick")
        if (single && !primaryHit && nextAdjacent && nextCap && IsNameLike(next!.Value.Key))
        {
            return null;
        }

        // alternate names of small places are mostly noise ("Bath" of a village in another language)
        if (!primaryHit && !hasStrong && maxPop < 20000 && !qualified)
        {
            return null;
        }

        // a single word after a first name is a surname ("Roy Jones"), and so is every other use of it in the text;
        // before a name-like word it is a first name ("Paris Hilton"). Before an ordinary word it names an
        // organisation after the place ("Mansfield Mayor", "Harwinton Senior Center"): still the place.
        if (single && !hasStrong && maxPop < 300000 && !qualified && !cue)
        {
            if (surnames.Contains(key))
            {
                return null;
            }

            if (nextAdjacent && nextCap && IsNameLike(next!.Value.Key) && !IsSentenceInitial(text, span.Start))
            {
                return null;
            }
        }

        if (sentenceInitial && single && !hasStrong && maxPop < 100000 && !qualified && !cue)
        {
            // "Bill said..." at the start of a sentence: capitalisation says nothing; demand a sizeable town
            if (!primaryHit || maxPop < 20000)
            {
                return null;
            }
        }

        if (mentions is not null && nerType is null && !hasStrong && maxPop < 50000 && !qualified && !cue)
        {
            // with NER present, a small town NER did not see needs a locative cue
            return null;
        }

        return Make(span, key, hits, false, regionWord, districtWord);
    }

    /// <summary>Whether the character at <paramref name="at"/> is a hyphen or slash joining a capitalised word.</summary>
    private bool GluedTo(string text, int at, int direction)
    {
        if (at < 0 || at >= text.Length || text[at] is not ('-' or '/'))
        {
            return false;
        }

        var k = at + direction;
        if (k < 0 || k >= text.Length || !char.IsLetter(text[k]))
        {
            return false;
        }

        var s = k;
        var e = k;
        while (s > 0 && char.IsLetter(text[s - 1]))
        {
            s--;
        }

        while (e + 1 < text.Length && char.IsLetter(text[e + 1]))
        {
            e++;
        }

        var word = text[s..(e + 1)];
        return char.IsUpper(word[0]) && _gaz.Lookup(GeoText.Fold(word)).Count == 0;
    }

    /// <summary>A capitalised word that is neither an English word nor a sizeable place: a personal name.</summary>
    private bool IsNameLike(string key)
    {
        if (_gaz.InLexicon("persons", key))
        {
            return true;
        }

        if (_gaz.InLexicon("english", key) || _gaz.InLexicon("street", key) || Connectors.Contains(key) || RegionWords.Contains(key) || DistrictWords.Contains(key) || key.Any(char.IsDigit))
        {
            return false;
        }

        foreach (var h in _gaz.Lookup(key))
        {
            // a county's bare name ("Harman", "Dodge") is a surname as often as not
            if (h.Entry.Kind == PlaceKind.Admin2 && h.Link == NameLink.Alternate)
            {
                continue;
            }

            if (h.Entry.Kind != PlaceKind.Populated || h.Entry.Population >= 100000)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Words used as surnames in this text: after a first name ("Roy Jones") or a title ("Mr. Jones").</summary>
    private HashSet<string> Surnames(string text, List<GeoWord> words)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        for (var k = 1; k < words.Count; k++)
        {
            var w = words[k - 1];
            var x = words[k];
            if (!char.IsUpper(text[w.Start]) || !char.IsUpper(text[x.Start]) || x.End - x.Start < 2)
            {
                continue;
            }

            var gap = text.AsSpan(w.End, x.Start - w.End);
            var title = _gaz.InLexicon("titles", w.Key) && gap.Trim().Length <= 1;
            if (!title && (gap is not " " || IsSentenceInitial(text, w.Start) || !IsNameLike(w.Key)))
            {
                continue;
            }

            // "Roy Jones Jr." / "Jones Inc.": the second word must not itself be followed by more of the name
            if (k + 1 < words.Count && text.AsSpan(x.End, words[k + 1].Start - x.End) is " " && char.IsUpper(text[words[k + 1].Start]) && !_gaz.InLexicon("english", words[k + 1].Key))
            {
                continue;
            }

            result.Add(x.Key);
        }

        return result;
    }

    private static bool IsPlaceAfterCue(string text, List<GeoWord> words, int first, int end, IReadOnlyList<NameHit> hits)
    {
        if (first == 0)
        {
            return false;
        }

        var prev = words[first - 1];
        if (char.IsUpper(text[prev.Start]))
        {
            return false;
        }

        // "the airfield "Saki"": a name right after a word for a facility is the facility's place
        var between = text.AsSpan(prev.End, words[first].Start - prev.End).Trim();
        if (FacilityWords.Contains(prev.Key) && (between.IsEmpty || between is "\"" or "“" or "'" or "«"))
        {
            return hits.Any(h => h.Entry.Kind == PlaceKind.Populated);
        }

        return end > first && prev.Key is "in" or "near" or "outside" or "around" or "at" or "into"
            && GeoText.Joinable(text, prev, words[first])
            && hits.Any(h => h.Entry.Kind == PlaceKind.Populated && h.Entry.Population >= 100_000);
    }

    private static readonly HashSet<string> FacilityWords = new(["airfield", "airport", "airbase", "base", "port", "seaport", "station"], StringComparer.Ordinal);

    private static Toponym Make(TextSpan span, string key, IReadOnlyList<NameHit> hits, bool fromNer, bool regionWord, bool districtWord)
    {
        if (key.StartsWith("the ", StringComparison.Ordinal))
        {
            key = key[4..];
        }

        return new Toponym(span, key, hits, fromNer) { RegionWord = regionWord, DistrictWord = districtWord };
    }

    private void AddNerMentions(string text, IReadOnlyList<Mention> mentions, List<Toponym> found)
    {
        // The spans found so far never overlap one another (the scan moves past each match and a mention is added only
        // where none overlaps), so kept sorted by start one binary search answers "does anything overlap?".
        var taken = found.Select(t => t.Span).ToList();
        taken.Sort((a, b) => a.Start.CompareTo(b.Start));
        foreach (var m in mentions)
        {
            if (m.Type is not ("LOC" or "GPE" or "NORP" or "FAC"))
            {
                continue;
            }

            if (OverlapsAny(taken, m.Span))
            {
                continue;
            }

            if (IsHeadline(text, m.Span.Start))
            {
                continue;
            }

            var key = GeoText.Fold(text[m.Span.Start..m.Span.End]);
            if (key.StartsWith("the ", StringComparison.Ordinal))
            {
                key = key[4..];
            }

            var hits = _gaz.Lookup(key);
            if (m.Type == "NORP" && !hits.Any(h => h.Entry.Kind == PlaceKind.Country))
            {
                continue;
            }

            if (m.Type == "FAC" && hits.Count == 0)
            {
                continue;
            }

            // an NER place the gazetteer does not know is still a toponym; it resolves to "unknown"
            found.Add(new Toponym(m.Span, key, hits, true));
            var at = taken.BinarySearch(m.Span, SpanStartOrder.Instance);
            taken.Insert(at < 0 ? ~at : at, m.Span);
        }
    }

    // Among disjoint spans sorted by start, the last one starting before span ends is the only one that can reach it.
    private static bool OverlapsAny(List<TextSpan> sortedDisjoint, TextSpan span)
    {
        int lo = 0, hi = sortedDisjoint.Count - 1, last = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sortedDisjoint[mid].Start < span.End)
            {
                last = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return last >= 0 && sortedDisjoint[last].Overlaps(span);
    }

    private sealed class SpanStartOrder : IComparer<TextSpan>
    {
        public static readonly SpanStartOrder Instance = new();

        public int Compare(TextSpan x, TextSpan y) => x.Start.CompareTo(y.Start);
    }

    /// <summary>
    /// NER mentions looked up by span. Mentions in text order without overlaps (as the recogniser writes them) are
    /// searched by bisection, so a long text costs n log n rather than n²; any other list is scanned as it is.
    /// </summary>
    private sealed class MentionIndex
    {
        private readonly IReadOnlyList<Mention> _mentions;
        private readonly bool _sorted;

        public MentionIndex(IReadOnlyList<Mention> mentions)
        {
            _mentions = mentions;
            _sorted = true;
            for (var k = 1; k < mentions.Count && _sorted; k++)
            {
                _sorted = mentions[k - 1].Span.End <= mentions[k].Span.Start;
            }
        }

        /// <summary>The first mention in list order that overlaps <paramref name="span"/>.</summary>
        public Mention? FirstOverlapping(TextSpan span)
        {
            if (!_sorted)
            {
                foreach (var m in _mentions)
                {
                    if (m.Span.Overlaps(span))
                    {
                        return m;
                    }
                }

                return null;
            }

            // first mention ending after span.Start (ends increase with starts when nothing overlaps)
            int lo = 0, hi = _mentions.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (_mentions[mid].Span.End <= span.Start)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            return lo < _mentions.Count && _mentions[lo].Span.Overlaps(span) ? _mentions[lo] : null;
        }
    }

    private static string? NerTypeAt(MentionIndex mentions, TextSpan span)
    {
        if (mentions.FirstOverlapping(span) is not { } m)
        {
            return null;
        }

        return m.Type switch
        {
            "LOC" or "GPE" or "FAC" => m.Span.Contains(span) || span.Contains(m.Span) ? "LOC" : "PART",
            "PERSON" or "PER" => "PER",
            _ => m.Type,
        };
    }

    /// <summary>Whether a comma and a region or country follow ("Springfield, Ill.", "Paris, Texas").</summary>
    private bool IsFollowedByQualifier(string text, int end)
    {
        var k = end;
        if (k < text.Length && text[k] == ',')
        {
            k++;
            while (k < text.Length && text[k] == ' ')
            {
                k++;
            }

            var words = GeoText.Words(text, k, Math.Min(text.Length, k + 40));
            var key = string.Empty;
            for (var j = 0; j < Math.Min(words.Count, 4); j++)
            {
                key = j == 0 ? words[j].Key : key + " " + words[j].Key;
                if (!char.IsUpper(text[words[j].Start]))
                {
                    break;
                }

                if (_gaz.Lookup(key).Any(h => h.Entry.Kind is PlaceKind.Admin1 or PlaceKind.Country))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Whether the line up to <paramref name="last"/> is a dateline: a first word in capitals, then capitals, names, commas, brackets.</summary>
    private static bool AfterDateline(string text, int last)
    {
        var ls = last;
        while (ls > 0 && text[ls - 1] != '\n')
        {
            ls--;
        }

        var line = text.AsSpan(ls, last - ls + 1);
        if (line.Length > 60)
        {
            return false;
        }

        var words = 0;
        foreach (var range in line.SplitAny(' ', ','))
        {
            var w = line[range].Trim("()");
            if (w.IsEmpty)
            {
                continue;
            }

            if (!char.IsUpper(w[0]) || words == 0 && (w.Length < 2 || w.ContainsAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZ.'-")))
            {
                return false;
            }

            words++;
        }

        return words > 0;
    }

    internal bool IsSentenceInitial(string text, int start)
    {
        var k = start - 1;
        while (k >= 0 && (text[k] is ' ' or '"' or '“' or '\'' or '‘' or '(' or '[' or '\t' or '-' or '—'))
        {
            k--;
        }

        if (k < 0)
        {
            return true;
        }

        // after a dateline ("BAMAKO — Gunmen ambushed …") the body's first word is where a sentence starts
        if (text.AsSpan(k + 1, start - k - 1).IndexOfAny('—', '–', '-') >= 0 && AfterDateline(text, k))
        {
            return true;
        }

        if (text[k] == '.')
        {
            // "Rev. Roy Jones", "G.B. Hall": a title or an initial before the period does not end a sentence
            var w = k;
            while (w > 0 && char.IsLetter(text[w - 1]))
            {
                w--;
            }

            var word = text[w..k];
            if (word.Length == 1 && char.IsUpper(word[0]))
            {
                return false;
            }

            return !(word.Length > 0 && char.IsUpper(word[0]) && _gaz.InLexicon("titles", GeoText.Fold(word)));
        }

        return text[k] is '!' or '?' or '\n' or '\r' or ':' or '|' or '>' or '•';
    }

    /// <summary>
    /// Whether the line around <paramref name="at"/> is a title-case headline: at least four words, no closing
    /// punctuation, and at most one lower-case word of four letters or more.
    /// </summary>
    internal static bool IsHeadline(string text, int at)
    {
        // a headline is a short line: look at most 200 characters either way (a text of one long line costs no more)
        var s = at;
        while (s > 0 && text[s - 1] is not ('\n' or '\r') && at - s <= 200)
        {
            s--;
        }

        var e = at;
        while (e < text.Length && text[e] is not ('\n' or '\r') && e - s <= 200)
        {
            e++;
        }

        if (e - s > 200)
        {
            return false;
        }

        var line = text.AsSpan(s, e - s).TrimEnd();
        if (line.Length == 0 || line[^1] is '.' or '!' or '?' or '"' or '”' or ':' or ',')
        {
            return false;
        }

        int words = 0, lowerLong = 0, k = 0;
        while (k < line.Length)
        {
            while (k < line.Length && !char.IsLetter(line[k]))
            {
                k++;
            }

            var w = k;
            while (k < line.Length && (char.IsLetter(line[k]) || line[k] is '\'' or '’'))
            {
                k++;
            }

            if (k > w)
            {
                words++;
                if (char.IsLower(line[w]) && k - w >= 4)
                {
                    lowerLong++;
                }
            }
        }

        return words >= 4 && lowerLong <= 1;
    }

    private static bool IsDateline(string text, TextSpan span)
    {
        var k = span.End;
        while (k < text.Length && k - span.End < 3 && text[k] == ' ')
        {
            k++;
        }

        return k < text.Length && (text[k] is '—' or '–' or ',' or '(' || (text[k] == '-' && k + 1 < text.Length && text[k + 1] == '-'));
    }

    private static bool IsShouting(string text, TextSpan span)
    {
        // a line in capitals (headlines): capitalisation says nothing there
        var s = Math.Max(0, span.Start - 30);
        var e = Math.Min(text.Length, span.End + 30);
        int letters = 0, upper = 0;
        for (var k = s; k < e; k++)
        {
            if (char.IsLetter(text[k]))
            {
                letters++;
                if (char.IsUpper(text[k]))
                {
                    upper++;
                }
            }
        }

        return letters > 20 && upper > letters * 0.8;
    }
}
