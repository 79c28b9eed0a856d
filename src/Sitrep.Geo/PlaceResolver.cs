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

        // pass 1: priors only
        var first = new GazetteerEntry?[toponyms.Count];
        var confidence = new double[toponyms.Count];
        for (var i = 0; i < toponyms.Count; i++)
        {
            var ranked = toponyms[i].Hits.Select(h => (h, s: Prior(toponyms[i], h))).OrderByDescending(x => x.s).ToList();
            if (ranked.Count == 0)
            {
                continue;
            }

            first[i] = ranked[0].h.Entry;
            var margin = ranked.Count > 1 ? ranked[0].s - ranked[1].s : 10;
            var sameCountry = ranked.All(r => r.h.Entry.Country == ranked[0].h.Entry.Country);
            confidence[i] = sameCountry ? 1.0 : Math.Clamp(margin / 4.0, 0.1, 1.0);
        }

        // the document's countries and regions: named ones count fully, towns by their confidence
        var countryWeight = new Dictionary<string, double>(StringComparer.Ordinal);
        var admin1Named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in focus)
        {
            countryWeight[f] = countryWeight.GetValueOrDefault(f) + 2;
        }

        for (var i = 0; i < toponyms.Count; i++)
        {
            if (first[i] is not { } e || e.Country is null)
            {
                continue;
            }

            var w = e.Kind is PlaceKind.Country ? 1.5 : confidence[i];
            countryWeight[e.Country] = countryWeight.GetValueOrDefault(e.Country) + w;
            if (e.Kind == PlaceKind.Admin1 && confidence[i] > 0.5)
            {
                admin1Named.Add(e.Country + "." + e.Admin1);
            }
        }

        var totalCountry = countryWeight.Values.Sum();

        // pass 2: priors plus context
        var result = new List<ResolvedToponym>(toponyms.Count);
        for (var i = 0; i < toponyms.Count; i++)
        {
            var t = toponyms[i];
            if (t.Hits.Count == 0)
            {
                result.Add(new ResolvedToponym(t, null, 0, 0));
                continue;
            }

            var qualifier = QualifierAfter(text, t.Span.End);
            var best = (Entry: (GazetteerEntry?)null, Score: double.NegativeInfinity);
            var second = double.NegativeInfinity;
            foreach (var h in t.Hits)
            {
                var e = h.Entry;
                var s = Prior(t, h);
                if (e.Country is not null && totalCountry > 0)
                {
                    var own = e.Kind == PlaceKind.Country ? 1.5 : (first[i] == e ? confidence[i] : 0);
                    var share = (countryWeight.GetValueOrDefault(e.Country) - own) / Math.Max(1, totalCountry - own);
                    s += 4.0 * Math.Max(0, share);
                }

                if (e.Kind is PlaceKind.Populated or PlaceKind.Admin2 && e.Admin1 is not null && admin1Named.Contains(e.Country + "." + e.Admin1))
                {
                    s += 2.5;
                }

                if (qualifier is not null && Contains(qualifier, e))
                {
                    s += 10;
                }

                if (e.HasPoint && e.Kind == PlaceKind.Populated)
                {
                    s += Proximity(e, toponyms, first, confidence, i);
                }

                if (s > best.Score)
                {
                    second = best.Score;
                    best = (e, s);
                }
                else if (s > second)
                {
                    second = s;
                }
            }

            var chosen = best.Score >= _options.MinScore ? best.Entry : null;
            result.Add(new ResolvedToponym(t, chosen, best.Score, double.IsInfinity(second) ? 10 : best.Score - second));
        }

        return result;
    }

    /// <summary>The context-free score of one reading.</summary>
    private static double Prior(Toponym t, NameHit h)
    {
        var e = h.Entry;
        var s = e.Kind switch
        {
            PlaceKind.Country => 9.0,
            PlaceKind.Region => 8.0,
            PlaceKind.Admin1 => 5.5,
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

    private static double Proximity(GazetteerEntry e, IReadOnlyList<Toponym> toponyms, GazetteerEntry?[] first, double[] confidence, int self)
    {
        var best = 0.0;
        for (var j = 0; j < toponyms.Count; j++)
        {
            if (j == self || first[j] is not { } o || !o.HasPoint || o.Kind is PlaceKind.Country or PlaceKind.Region || o == e)
            {
                continue;
            }

            var d = GeoMath.DistanceKm(e.Lat, e.Lon, o.Lat, o.Lon);
            var v = d < 100 ? 1.5 : d < 300 ? 0.8 : 0;
            best = Math.Max(best, v * confidence[j]);
        }

        return best;
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
        }

        return places;
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
    /// Resolves a place phrase ("Kursk region", "Avdiivka", "the Donetsk province") in the context of a document's
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
