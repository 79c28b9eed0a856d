using Sitrep.Core;

namespace Sitrep.Geo;

/// <summary>One toponym and the entry chosen for it (null when the resolver abstains).</summary>
public sealed record ResolvedToponym(Toponym Toponym, GazetteerEntry? Entry, double Score, double Margin);

/// <summary>Options of the resolver.</summary>
public sealed record PlaceResolverOptions
{
    /// <summary>Countries (ISO2) the caller knows the text is about, e.g. from the feed; they weigh like countries named in the text.</summary>
    public IReadOnlyList<string> FocusCountries { get; init; } = [];

    /// <summary>Below this score the best candidate is not trusted and the place stays "unknown".</summary>
    public double MinScore { get; init; } = 1.0;
}

/// <summary>
/// Ranks the candidates of each toponym by population, feature class and admin level, then by the document's
/// context: countries and regions it names, distance to its other places, the admin hierarchy and its country focus.
/// Also the lookups the event extractor needs: a phrase in context, the place in a span, a country's capital,
/// a country by name or demonym. Immutable and thread-safe.
/// </summary>
public sealed class PlaceResolver
{
    private readonly IGazetteer _gaz;
    private readonly PlaceResolverOptions _options;
    private readonly ToponymRecognizer _recognizer;

    public PlaceResolver(IGazetteer gazetteer, PlaceResolverOptions? options = null)
    {
        _gaz = gazetteer ?? throw new ArgumentNullException(nameof(gazetteer));
        _options = options ?? new PlaceResolverOptions();
        _recognizer = new ToponymRecognizer(gazetteer);
    }

    public IGazetteer Gazetteer => _gaz;

    public ToponymRecognizer Recognizer => _recognizer;

    /// <summary>Resolves every toponym of one text together, so that each is read in the light of the others.</summary>
    public List<ResolvedToponym> Resolve(string text, IReadOnlyList<Toponym> toponyms, IReadOnlyList<string>? focusCountries = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(toponyms);
        var focus = focusCountries ?? _options.FocusCountries;
        var n = toponyms.Count;
        var qualifiers = new List<NameHit>?[n];
        for (var i = 0; i < n; i++)
        {
            qualifiers[i] = QualifierAfter(text, toponyms[i].Span.End);
        }

        var containment = ContainmentPairs(toponyms);

        // round 0: priors, the local qualifier ("Alexandria, Virginia") and county–town pairs only; later rounds add the document's context
        var chosen = new GazetteerEntry?[n];
        var confidence = new double[n];
        var scores = new double[n];
        var margins = new double[n];
        for (var round = 0; round < 3; round++)
        {
            var context = round == 0 ? null : BuildContext(toponyms, chosen, confidence, focus);
            var nearby = round == 0 ? null : new Neighbours(chosen, confidence);
            var next = new GazetteerEntry?[n];
            for (var i = 0; i < n; i++)
            {
                var t = toponyms[i];
                double best = double.NegativeInfinity, second = double.NegativeInfinity;
                GazetteerEntry? bestEntry = null;
                foreach (var h in t.Hits)
                {
                    var sc = Prior(t, h);
                    if (qualifiers[i] is { } q && Contains(q, h.Entry))
                    {
                        sc += 10;
                    }

                    if (containment.Contains((i, h.Entry.Index)))
                    {
                        sc += 3;
                    }

                    if (context is not null)
                    {
                        sc += context.Score(h.Entry, t.Key, nearby!, i);
                    }

                    if (sc > best)
                    {
                        second = best;
                        best = sc;
                        bestEntry = h.Entry;
                    }
                    else if (sc > second)
                    {
                        second = sc;
                    }
                }

                next[i] = bestEntry;
                scores[i] = best;
                margins[i] = double.IsNegativeInfinity(second) ? 10 : best - second;
            }

            // one sense per name in a text: every mention of a name takes the best-supported reading
            var bestByKey = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < n; i++)
            {
                if (next[i] is null)
                {
                    continue;
                }

                if (!bestByKey.TryGetValue(toponyms[i].Key, out var j) || scores[i] > scores[j])
                {
                    bestByKey[toponyms[i].Key] = i;
                }
            }

            for (var i = 0; i < n; i++)
            {
                if (next[i] is not null && bestByKey.TryGetValue(toponyms[i].Key, out var j))
                {
                    next[i] = next[j];
                    margins[i] = Math.Max(margins[i], margins[j]);
                    scores[i] = Math.Max(scores[i], scores[j]);
                }

                var sameCountry = toponyms[i].Hits.All(h => h.Entry.Country == next[i]?.Country);
                confidence[i] = next[i] is null ? 0 : sameCountry ? 1.0 : Math.Clamp(margins[i] / 4.0, 0.1, 1.0);
            }

            chosen = next;
        }

        var result = new List<ResolvedToponym>(n);
        for (var i = 0; i < n; i++)
        {
            var entry = chosen[i] is not null && scores[i] >= _options.MinScore ? chosen[i] : null;
            result.Add(new ResolvedToponym(toponyms[i], entry, entry is null ? 0 : scores[i], entry is null ? 0 : margins[i]));
        }

        return result;
    }

    /// <summary>
    /// Readings supported by another name of the text: a town and a second-level region that contains it, each a
    /// reading of a different name ("Walker County" … "Huntsville" are the county and its seat in one state, not two
    /// places in two states). Returns (toponym, entry) pairs.
    /// </summary>
    private static HashSet<(int, int)> ContainmentPairs(IReadOnlyList<Toponym> toponyms)
    {
        var result = new HashSet<(int, int)>();
        var counties = new Dictionary<(string, string, string), List<(int T, int E, string Key)>>();
        for (var i = 0; i < toponyms.Count; i++)
        {
            foreach (var h in toponyms[i].Hits)
            {
                if (h.Entry is { Kind: PlaceKind.Admin2, Country: { } c, Admin1: { } a1, Admin2: { } a2 })
                {
                    if (!counties.TryGetValue((c, a1, a2), out var l))
                    {
                        counties[(c, a1, a2)] = l = [];
                    }

                    l.Add((i, h.Entry.Index, toponyms[i].Key));
                }
            }
        }

        if (counties.Count == 0)
        {
            return result;
        }

        // Each county's names, and which (county, town name) pairs were already paired: repeated mentions of one
        // county and one town then cost nothing more (pairing every mention with every mention was quadratic).
        var countyKeys = counties.ToDictionary(kv => kv.Key, kv => kv.Value.Select(x => x.Key).ToHashSet(StringComparer.Ordinal));
        var paired = new HashSet<((string, string, string) County, string TownKey)>();
        for (var i = 0; i < toponyms.Count; i++)
        {
            var townKey = toponyms[i].Key;
            foreach (var h in toponyms[i].Hits)
            {
                if (h.Entry is { Kind: PlaceKind.Populated, Country: { } c, Admin1: { } a1, Admin2: { } a2 } && counties.TryGetValue((c, a1, a2), out var l))
                {
                    var keys = countyKeys[(c, a1, a2)];
                    if (keys.Count == 1 && keys.Contains(townKey))
                    {
                        continue;
                    }

                    result.Add((i, h.Entry.Index));
                    if (paired.Add(((c, a1, a2), townKey)))
                    {
                        foreach (var (t, e, key) in l)
                        {
                            if (key != townKey)
                            {
                                result.Add((t, e));
                            }
                        }
                    }
                }
            }
        }

        return result;
    }

    private static DocContext BuildContext(IReadOnlyList<Toponym> toponyms, GazetteerEntry?[] chosen, double[] confidence, IReadOnlyList<string> focus)
    {
        var ctx = new DocContext();
        foreach (var f in focus)
        {
            ctx.Country[f] = ctx.Country.GetValueOrDefault(f) + 2;
            ctx.Total += 2;
        }

        // each distinct name counts once, however often it is repeated
        var seen = new Dictionary<string, (GazetteerEntry E, double W)>(StringComparer.Ordinal);
        for (var i = 0; i < toponyms.Count; i++)
        {
            if (chosen[i] is not { } e)
            {
                continue;
            }

            var w = e.Kind is PlaceKind.Country ? 1.5 : confidence[i];
            if (!seen.TryGetValue(toponyms[i].Key, out var prev) || prev.W < w)
            {
                seen[toponyms[i].Key] = (e, w);
            }
        }

        foreach (var (key, (e, w)) in seen)
        {
            if (e.Country is null)
            {
                continue;
            }

            ctx.Country[e.Country] = ctx.Country.GetValueOrDefault(e.Country) + w;
            ctx.Total += w;
            ctx.ByKey[key] = (e, w);
            if (e.Kind == PlaceKind.Admin1 && w > 0.5)
            {
                ctx.Admin1.Add(e.Country + "." + e.Admin1);
            }

            if (e.Kind is PlaceKind.Populated or PlaceKind.Admin2 && e.Admin1 is not null && w >= 0.5)
            {
                var a1 = e.Country + "." + e.Admin1;
                if (!ctx.TownAdmin1.TryGetValue(a1, out var keys))
                {
                    ctx.TownAdmin1[a1] = keys = new HashSet<string>(StringComparer.Ordinal);
                }

                keys.Add(key);
            }
        }

        return ctx;
    }

    private sealed class DocContext
    {
        public Dictionary<string, double> Country { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Admin1 { get; } = new(StringComparer.Ordinal);

        /// <summary>First-level regions of the towns and districts read with confidence, with the names that put them there.</summary>
        public Dictionary<string, HashSet<string>> TownAdmin1 { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, (GazetteerEntry E, double W)> ByKey { get; } = new(StringComparer.Ordinal);

        public double Total { get; set; }

        public double Score(GazetteerEntry e, string key, Neighbours nearby, int self)
        {
            var s = 0.0;
            if (e.Country is not null && Total > 0)
            {
                // leave this name's own vote out
                var own = ByKey.TryGetValue(key, out var o) && o.E.Country == e.Country ? o.W : 0;
                var share = (Country.GetValueOrDefault(e.Country) - own) / Math.Max(1, Total - (ByKey.TryGetValue(key, out var o2) ? o2.W : 0));
                s += 6.0 * Math.Clamp(share, 0, 1);
            }

            if (e.Kind is PlaceKind.Populated or PlaceKind.Admin2 && e.Admin1 is not null && Admin1.Contains(e.Country + "." + e.Admin1))
            {
                s += 3.5;
            }
            else if (e.Kind is PlaceKind.Populated or PlaceKind.Admin2 && e.Admin1 is not null
                && TownAdmin1.TryGetValue(e.Country + "." + e.Admin1, out var others) && others.Any(k => k != key))
            {
                // a town in the same state or province as other places of the text: the more towns of the text lie
                // there, the surer ("Kostyantynivka" among Druzhkivka and Pokrovsk is the one of Donetsk Oblast, even
                // when the text also names another oblast that holds a namesake)
                s += others.Count(k => k != key) >= 2 ? 3.5 : 1.5;
            }

            if (e.HasPoint && e.Kind is PlaceKind.Populated or PlaceKind.Admin2)
            {
                s += nearby.Proximity(e, self);
            }

            return s;
        }
    }

    /// <summary>The context-free score of one reading.</summary>
    private static double Prior(Toponym t, NameHit h)
    {
        var e = h.Entry;
        var s = e.Kind switch
        {
            PlaceKind.Country => 9.0,
            PlaceKind.Region => 8.0,
            PlaceKind.Admin1 => 6.5,
            PlaceKind.Admin2 => 2.0,
            _ => e.FeatureCode switch
            {
                "PPLC" => 3.0,
                "PPLA" => 1.5,
                "PPLA2" => 0.8,
                "PPLX" => -1.0,
                _ => 0.0,
            } + (Math.Log10(e.Population + 1) * 1.1),
        };
        s += h.Link switch
        {
            NameLink.Alternate => -1.5,
            _ => 0,
        };

        // A bare name shared by a country or first-level region and a town is the larger place: "Mexico" is the country,
        // not an alternate name of its capital; "China" and "Missouri" are not the small towns so named or so nicknamed,
        // and "Atlantic" is the ocean.
        // A region's own seat keeps its name ("Odesa"), and so does a national capital ("Washington").
        if (e.Kind == PlaceKind.Populated && e.FeatureCode != "PPLC"
            && t.Hits.Any(o => (o.Link is NameLink.Primary or NameLink.Demonym && o.Entry.Kind is PlaceKind.Country or PlaceKind.Admin1
                    && !(o.Entry.Kind == PlaceKind.Admin1 && e.FeatureCode == "PPLA" && o.Entry.Country == e.Country && o.Entry.Admin1 == e.Admin1))
                || (o.Link is NameLink.Primary or NameLink.Alternate && o.Entry.Kind == PlaceKind.Region)))
        {
            s -= 4;
        }
        else if (h.Link == NameLink.Alternate && e.Kind == PlaceKind.Populated && t.Hits.Any(o => o.Entry.Kind is PlaceKind.Country && o.Link == NameLink.Primary))
        {
            s -= 4;
        }

        // a country reached through an abbreviation gives way to a first-level region of that country whose own
        // name this is ("Gaza Strip" is the region, not the whole territory)
        if (h.Link == NameLink.Abbreviation && e.Kind == PlaceKind.Country
            && t.Hits.Any(o => o.Link == NameLink.Primary && o.Entry.Kind == PlaceKind.Admin1 && o.Entry.Country == e.Country))
        {
            s -= 4;
        }

        // a bare "Odessa" or "Donetsk" is the city; the oblast named after it needs "region"/"oblast"
        if (e.Kind == PlaceKind.Admin1 && !t.RegionWord
            && t.Hits.Any(o => o.Entry.Kind == PlaceKind.Populated && o.Entry.Country == e.Country && o.Entry.Admin1 == e.Admin1 && o.Entry.FeatureCode is "PPLA" or "PPLC"))
        {
            s -= 3;
        }
        if (t.RegionWord)
        {
            s += e.Kind == PlaceKind.Admin1 ? 6 : -6;
        }

        if (t.DistrictWord)
        {
            s += e.Kind == PlaceKind.Admin2 ? 6 : -3;
        }

        if (e.Kind == PlaceKind.Admin2 && !t.DistrictWord && h.Link != NameLink.Primary)
        {
            s -= 4;
        }

        return s;
    }

    /// <summary>
    /// The places chosen in the previous round that can lend proximity: each distinct place once, with the two most
    /// confident toponyms that chose it, sorted by latitude. A reading's proximity bonus then looks only at the places
    /// within 2.7 degrees of latitude, instead of every toponym of the text (which made long texts quadratic).
    /// </summary>
    private sealed class Neighbours
    {
        private readonly (GazetteerEntry E, double Best, int BestAt, double Second)[] _places;

        public Neighbours(GazetteerEntry?[] chosen, double[] confidence)
        {
            var byEntry = new Dictionary<int, (GazetteerEntry E, double Best, int BestAt, double Second)>();
            for (var j = 0; j < chosen.Length; j++)
            {
                if (chosen[j] is not { } o || !o.HasPoint || o.Kind is PlaceKind.Country or PlaceKind.Region)
                {
                    continue;
                }

                var c = confidence[j];
                if (!byEntry.TryGetValue(o.Index, out var v))
                {
                    byEntry[o.Index] = (o, c, j, 0);
                }
                else if (c > v.Best)
                {
                    byEntry[o.Index] = (v.E, c, j, v.Best);
                }
                else if (c > v.Second)
                {
                    byEntry[o.Index] = (v.E, v.Best, v.BestAt, c);
                }
            }

            _places = byEntry.Values.ToArray();
            Array.Sort(_places, (x, y) => x.E.Lat.CompareTo(y.E.Lat));
        }

        /// <summary>The best bonus another toponym's place within 300 km gives <paramref name="e"/> (toponym <paramref name="self"/> left out).</summary>
        public double Proximity(GazetteerEntry e, int self)
        {
            // (2.7 degrees of latitude are over 300 km: no proximity bonus, no need to measure)
            int lo = 0, hi = _places.Length;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (_places[mid].E.Lat < e.Lat - 2.7)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            var best = 0.0;
            for (var k = lo; k < _places.Length && _places[k].E.Lat <= e.Lat + 2.7; k++)
            {
                var (o, top, topAt, second) = _places[k];
                if (o == e)
                {
                    continue;
                }

                var c = topAt == self ? second : top;
                if (c <= 0)
                {
                    continue;
                }

                var d = GeoMath.DistanceKm(e.Lat, e.Lon, o.Lat, o.Lon);
                var v = d < 100 ? 1.5 : d < 300 ? 0.8 : 0;
                best = Math.Max(best, v * c);
            }

            return best;
        }
    }

    private static bool Contains(IReadOnlyList<NameHit> qualifier, GazetteerEntry e)
    {
        foreach (var q in qualifier)
        {
            var c = q.Entry;
            if (c.Kind == PlaceKind.Country && c.Country == e.Country && e.Kind != PlaceKind.Country)
            {
                return true;
            }

            if (c.Kind == PlaceKind.Admin1 && c.Country == e.Country && c.Admin1 == e.Admin1 && e.Kind is PlaceKind.Populated or PlaceKind.Admin2)
            {
                return true;
            }

            if (c.Kind == PlaceKind.Admin2 && c.Country == e.Country && c.Admin1 == e.Admin1 && c.Admin2 == e.Admin2 && e.Kind == PlaceKind.Populated)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The readings of ", Region" or ", Country" right after a name ("Kozarovychi, Kyiv Oblast").</summary>
    private List<NameHit>? QualifierAfter(string text, int end)
    {
        var k = end;
        if (k >= text.Length || text[k] != ',')
        {
            return null;
        }

        var words = GeoText.Words(text, k + 1, Math.Min(text.Length, k + 50));
        var key = string.Empty;
        List<NameHit>? hits = null;
        for (var j = 0; j < Math.Min(words.Count, 4); j++)
        {
            if (j > 0 && !GeoText.Joinable(text, words[j - 1], words[j]))
            {
                break;
            }

            key = j == 0 ? words[j].Key : key + " " + words[j].Key;
            var h = _gaz.Lookup(key).Where(x => x.Entry.Kind is PlaceKind.Admin1 or PlaceKind.Admin2 or PlaceKind.Country).ToList();
            if (h.Count > 0)
            {
                hits = h;
            }
        }

        return hits;
    }

    /// <summary>Turns resolved toponyms into the document's places: one place per entry, with all its mentions.</summary>
    public static List<Place> ToPlaces(IEnumerable<ResolvedToponym> resolved, string text)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        ArgumentNullException.ThrowIfNull(text);
        var places = new List<Place>();
        var byKey = new Dictionary<string, Place>(StringComparer.Ordinal);
        foreach (var r in resolved)
        {
            var key = r.Entry is { } e ? "e" + e.Index : "u" + r.Toponym.Key;
            if (!byKey.TryGetValue(key, out var place))
            {
                place = r.Entry is { } en ? ToPlace(en, "place-" + (places.Count + 1)) : new Place
                {
                    Id = "place-" + (places.Count + 1),
                    Name = text[r.Toponym.Span.Start..r.Toponym.Span.End],
                    Precision = PlacePrecision.Unknown,
                };
                byKey[key] = place;
                places.Add(place);
            }

            place.Mentions.Add(r.Toponym.Span);
            if (r.Entry is { } entry && place.Name == entry.Name && EnglishForm(r, entry, text) is { } form)
            {
                place.Name = form;
            }
        }

        return places;
    }

    /// <summary>
    /// The name an English text gives a place whose gazetteer name is the local one with letters English does not
    /// write ("Geneva" for Genève, "Cologne" for Köln): one of the entry's alternates, written in plain letters and not
    /// in capitals (a dateline). Null when the text uses the gazetteer's own name or no such form.
    /// </summary>
    private static string? EnglishForm(ResolvedToponym r, GazetteerEntry entry, string text)
    {
        if (entry.Name.All(char.IsAscii) || !r.Toponym.Hits.Any(h => h.Link == NameLink.Alternate && h.Entry.Index == entry.Index))
        {
            return null;
        }

        var form = text[r.Toponym.Span.Start..r.Toponym.Span.End];
        if (!form.All(c => char.IsAsciiLetter(c) || c is ' ' or '-' or '\'') || !form.Any(char.IsAsciiLetterLower)
            || GeoText.Fold(form) == GeoText.Fold(entry.Name))
        {
            return null;
        }

        return form;
    }

    /// <summary>A place record for a gazetteer entry. Coordinates of an area are its centroid; precision says it is not a point.</summary>
    public static Place ToPlace(GazetteerEntry e, string id)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new Place
        {
            Id = id,
            Name = e.Name,
            Country = e.Country,
            Admin1 = e.Admin1,
            Admin2 = e.Admin2,
            Lat = e.HasPoint ? e.Lat : null,
            Lon = e.HasPoint ? e.Lon : null,
            Precision = e.Precision,
            GeonameId = e.GeonameId > 0 ? e.GeonameId : null,
            FeatureClass = e.FeatureClass,
        };
    }

    // ---- the API the event extractor calls ----

    /// <summary>
    /// Resolves a place phrase ("Kherson region", "Avdiivka", "the Donetsk province") in the context of a document's
    /// resolved places (their countries and regions weigh in). Returns null when the phrase names no known place.
    /// </summary>
    public Place? ResolvePhrase(string phrase, Document? context = null)
    {
        ArgumentNullException.ThrowIfNull(phrase);
        var toponyms = _recognizer.Recognize(phrase, null);
        if (toponyms.Count == 0)
        {
            var key = GeoText.Fold(phrase);
            if (key.StartsWith("the ", StringComparison.Ordinal))
            {
                key = key[4..];
            }

            var hits = _gaz.Lookup(key);
            if (hits.Count == 0)
            {
                return null;
            }

            var words = key.Split(' ');
            toponyms = [new Toponym(new TextSpan(0, phrase.Length), key, hits, false) { RegionWord = words.Length > 1 && words[^1] is "region" or "oblast" or "province" or "krai" or "governorate" }];
        }

        var focus = context is null ? null : DocumentCountries(context);
        var resolved = Resolve(phrase, toponyms, focus);
        var best = resolved.Where(r => r.Entry is not null).OrderByDescending(r => r.Toponym.Span.Length).FirstOrDefault();
        return best?.Entry is { } e ? ToPlace(e, "place-phrase") : null;
    }

    /// <summary>The document's place that has a mention inside <paramref name="span"/> (the first such mention), or null.</summary>
    public static Place? PlaceIn(Document doc, TextSpan span)
    {
        ArgumentNullException.ThrowIfNull(doc);
        Place? best = null;
        var bestStart = int.MaxValue;
        foreach (var p in doc.Places)
        {
            foreach (var m in p.Mentions)
            {
                if (span.Contains(m) && m.Start < bestStart)
                {
                    best = p;
                    bestStart = m.Start;
                }
            }
        }

        return best;
    }

    /// <summary>The capital of a country as a point place ("the capital" of Russia → Moscow), or null.</summary>
    public Place? CapitalOf(string iso2)
    {
        ArgumentNullException.ThrowIfNull(iso2);
        return _gaz.CapitalOf(iso2) is { } e ? ToPlace(e, "capital-" + iso2.ToUpperInvariant()) : null;
    }

    /// <summary>A country by name, abbreviation or demonym ("Russian" → RU, "U.K." → GB), as a country-precision place.</summary>
    public Place? Country(string nameOrDemonym)
    {
        ArgumentNullException.ThrowIfNull(nameOrDemonym);
        var c = _gaz.CountryByName(nameOrDemonym);
        return c is null ? null : ToPlace(_gaz[c.CountryEntry], "country-" + c.Iso2);
    }

    /// <summary>The ISO2 code of a country name, abbreviation or demonym, or null.</summary>
    public string? CountryCode(string nameOrDemonym) => _gaz.CountryByName(nameOrDemonym ?? throw new ArgumentNullException(nameof(nameOrDemonym)))?.Iso2;

    /// <summary>The countries of a document's resolved places, most mentioned first: its country focus.</summary>
    public static IReadOnlyList<string> DocumentCountries(Document doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        return doc.Places.Where(p => p.Country is not null)
            .GroupBy(p => p.Country!, StringComparer.Ordinal)
            .OrderByDescending(g => g.Sum(p => p.Mentions.Count))
            .Select(g => g.Key)
            .ToList();
    }
}
