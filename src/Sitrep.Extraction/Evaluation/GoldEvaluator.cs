using System.Globalization;
using System.Text.Json;
using Sitrep.Core;
using Sitrep.Core.Serialization;

namespace Sitrep.Extraction.Evaluation;

/// <summary>The result of scoring one analysis against a gold file in the seed's format.</summary>
public sealed class GoldReport
{
    public List<SectionScore> Sections { get; } = [];

    /// <summary>Human-readable lines about gold facts that were missed and system facts that matched nothing.</summary>
    public List<string> Notes { get; } = [];

    public SectionScore this[string section] => Sections.First(s => s.Section == section);
}

/// <summary>
/// Scores a document's analysis against a gold file with the rules of the seed README: actors and places match by
/// canonical name or any listed mention (places also by distance), events by type and actor (and target and location
/// where the gold gives them; one to one, as many pairs as the rules allow), quantities by unit meaning and bounds,
/// claims by source and the event they report (its partner in that matching) or their content.
/// </summary>
public static class GoldEvaluator
{
    public static GoldReport Evaluate(Document doc, string goldJson)
    {
        using var gold = JsonDocument.Parse(goldJson);
        var root = gold.RootElement;
        var report = new GoldReport();

        // gold actors and places: name → set of names
        var goldActors = Array(root, "actors").Select(a => Names(a)).ToList();
        var goldPlaces = Array(root, "places").ToList();
        var goldStates = Array(root, "actors").Where(a => a.TryGetProperty("kind", out var k) && k.GetString() == "state").Select(a => Names(a)).ToList();

        bool ActorMatches(string? system, string goldName)
        {
            if (system is null)
            {
                return false;
            }

            if (Same(system, goldName))
            {
                return true;
            }

            var ga = goldActors.FirstOrDefault(g => g.Contains(Norm(goldName)));
            return ga is not null && ga.Contains(Norm(system));
        }

        bool LocationMatches(string? system, string goldName)
        {
            if (system is null)
            {
                return false;
            }

            if (Same(system, goldName) || ActorMatches(system, goldName))
            {
                return true;
            }

            var gp = goldPlaces.FirstOrDefault(p => Names(p).Contains(Norm(goldName)));
            return gp.ValueKind != JsonValueKind.Undefined && Names(gp).Contains(Norm(system));
        }

        // an event's place matches as a place does: by its name, a mention of it in the text, or its coordinates within
        // the gold place's tolerance ("Kryvyy Rih" as the gazetteer writes it is the gold's "Kryvyi Rih")
        var placesById = doc.Places.GroupBy(p => p.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        bool EventLocationMatches(Event e, string goldName)
        {
            if (LocationMatches(e.Location, goldName))
            {
                return true;
            }

            var gp = goldPlaces.FirstOrDefault(p => Names(p).Contains(Norm(goldName)));
            if (e.PlaceId is null || !placesById.TryGetValue(e.PlaceId, out var place) || gp.ValueKind == JsonValueKind.Undefined)
            {
                return false;
            }

            return place.Mentions.Any(m => Names(gp).Contains(Norm(doc.TextOf(m))))
                || place.Lat is { } lat && place.Lon is { } lon && gp.TryGetProperty("lat", out var glat) && gp.TryGetProperty("lon", out var glon)
                    && Haversine(lat, lon, glat.GetDouble(), glon.GetDouble()) <= (gp.TryGetProperty("tolerance_km", out var tol) ? tol.GetDouble() : 25);
        }

        // actors
        {
            var matchedGold = new HashSet<int>();
            var sysMatched = 0;
            foreach (var a in doc.Actors)
            {
                var names = a.Mentions.Select(m => Norm(doc.TextOf(m))).Append(Norm(a.Name)).ToHashSet(StringComparer.Ordinal);
                var hit = false;
                for (var g = 0; g < goldActors.Count; g++)
                {
                    if (goldActors[g].Overlaps(names))
                    {
                        matchedGold.Add(g);
                        hit = true;
                    }
                }

                if (hit)
                {
                    sysMatched++;
                }
                else
                {
                    report.Notes.Add($"actor not in gold: {a.Name} ({AnalysisKind(a.Kind)})");
                }
            }

            for (var g = 0; g < goldActors.Count; g++)
            {
                if (!matchedGold.Contains(g))
                {
                    report.Notes.Add($"actor missed: {goldActors[g].First()}");
                }
            }

            report.Sections.Add(new SectionScore("actors", doc.Actors.Count, sysMatched, goldActors.Count, matchedGold.Count));
        }

        // places
        {
            var matchedGold = new HashSet<int>();
            var sysMatched = 0;
            foreach (var p in doc.Places)
            {
                var names = p.Mentions.Select(m => Norm(doc.TextOf(m))).Append(Norm(p.Name)).ToHashSet(StringComparer.Ordinal);
                var hit = false;
                for (var g = 0; g < goldPlaces.Count; g++)
                {
                    var gp = goldPlaces[g];
                    var near = p.Lat is { } lat && p.Lon is { } lon && gp.TryGetProperty("lat", out var glat) && gp.TryGetProperty("lon", out var glon)
                        && Haversine(lat, lon, glat.GetDouble(), glon.GetDouble()) <= (gp.TryGetProperty("tolerance_km", out var tol) ? tol.GetDouble() : 25);
                    if (near || Names(gp).Overlaps(names))
                    {
                        matchedGold.Add(g);
                        hit = true;
                    }
                }

                // the gold lists states as actors, not places: a state's place is true of the article and, by the
                // README's rule for extra facts, not wrong
                if (!hit && goldStates.Any(g => g.Overlaps(names)))
                {
                    hit = true;
                }

                if (hit)
                {
                    sysMatched++;
                }
                else
                {
                    report.Notes.Add($"place not in gold: {p.Name} ({AnalysisJson.PrecisionName(p.Precision)})");
                }
            }

            for (var g = 0; g < goldPlaces.Count; g++)
            {
                if (!matchedGold.Contains(g))
                {
                    report.Notes.Add($"place missed: {goldPlaces[g].GetProperty("name").GetString()}");
                }
            }

            report.Sections.Add(new SectionScore("places", doc.Places.Count, sysMatched, goldPlaces.Count, matchedGold.Count));
        }

        // events: one to one, as many pairs as possible (maximum bipartite matching by augmenting paths, gold order)
        var goldEvents = Array(root, "events").ToList();
        var eventMap = new Dictionary<string, Event>(StringComparer.Ordinal);
        {
            var fits = goldEvents.Select(ge =>
            {
                var type = Str(ge, "type");
                var actor = Str(ge, "actor");
                var target = Str(ge, "target");
                var location = Str(ge, "location");
                return doc.Events.Select((e, i) => (e, i)).Where(x => x.e.Type == type && actor is not null && ActorMatches(x.e.Actor, actor)
                    && (target is null || ActorMatches(x.e.Target, target))
                    && (location is null || EventLocationMatches(x.e, location))).Select(x => x.i).ToList();
            }).ToList();
            var systemTo = new int[doc.Events.Count];
            System.Array.Fill(systemTo, -1);
            bool Augment(int g, bool[] seen)
            {
                foreach (var sys in fits[g])
                {
                    if (seen[sys])
                    {
                        continue;
                    }

                    seen[sys] = true;
                    if (systemTo[sys] < 0 || Augment(systemTo[sys], seen))
                    {
                        systemTo[sys] = g;
                        return true;
                    }
                }

                return false;
            }

            for (var g = 0; g < goldEvents.Count; g++)
            {
                Augment(g, new bool[doc.Events.Count]);
            }

            var used = new HashSet<Event>();
            var goldMatched = new Event?[goldEvents.Count];
            for (var sys = 0; sys < systemTo.Length; sys++)
            {
                if (systemTo[sys] >= 0)
                {
                    goldMatched[systemTo[sys]] = doc.Events[sys];
                    used.Add(doc.Events[sys]);
                }
            }

            for (var g = 0; g < goldEvents.Count; g++)
            {
                var ge = goldEvents[g];
                if (goldMatched[g] is { } match)
                {
                    if (Str(ge, "id") is { } gid)
                    {
                        eventMap[gid] = match;
                    }
                }
                else
                {
                    report.Notes.Add($"event missed: {Str(ge, "id")} {Str(ge, "type")} {Str(ge, "actor")} → {Str(ge, "target")} @ {Str(ge, "location")}");
                }
            }

            foreach (var e in doc.Events.Where(e => !used.Contains(e)))
            {
                report.Notes.Add($"event not in gold: {e.Id} {e.Type}/{e.Mode} {e.Actor} → {e.Target} @ {e.Location}: \"{doc.TextOf(e.Trigger ?? e.Evidence)}\"");
            }

            report.Sections.Add(new SectionScore("events", doc.Events.Count, used.Count, goldEvents.Count, goldMatched.Count(m => m is not null)));
        }

        // quantities
        {
            var goldQ = Array(root, "quantities").ToList();
            var used = new HashSet<Quantity>();
            var goldMatched = 0;
            foreach (var gq in goldQ)
            {
                var meaning = UnitMeaning.OfGold(Str(gq, "unit") ?? "");
                double? G(string n) => gq.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() * meaning.Factor : null;
                var (point, min, max) = (G("point"), G("min"), G("max"));
                var match = doc.Quantities.FirstOrDefault(q => !used.Contains(q) && meaning.Matches(q)
                    && Eq(q.Point, point) && Eq(q.Min, min) && Eq(q.Max, max));
                if (match is not null)
                {
                    used.Add(match);
                    goldMatched++;
                }
                else
                {
                    report.Notes.Add($"quantity missed: {Str(gq, "text")}");
                }
            }

            foreach (var q in doc.Quantities.Where(q => !used.Contains(q)))
            {
                report.Notes.Add($"quantity not in gold: \"{doc.TextOf(q.Span)}\" {q.Unit} point={q.Point} min={q.Min} max={q.Max}");
            }

            report.Sections.Add(new SectionScore("quantities", doc.Quantities.Count, used.Count, goldQ.Count, goldMatched));
        }

        // claims
        {
            var goldC = Array(root, "claims").ToList();
            var used = new HashSet<Claim>();
            var goldMatched = 0;
            foreach (var gc in goldC)
            {
                var source = Str(gc, "source") ?? "";
                var about = Str(gc, "about");
                var content = Str(gc, "content");
                var match = doc.Claims.FirstOrDefault(c => !used.Contains(c) && ActorMatches(c.Source, source)
                    && (about is not null ? eventMap.TryGetValue(about, out var ev) && c.EventId == ev.Id : content is not null && ContentMatches(c.Content, content)));
                if (match is not null)
                {
                    used.Add(match);
                    goldMatched++;
                }
                else
                {
                    report.Notes.Add($"claim missed: {source} {Str(gc, "verb")} → {about ?? content}");
                }
            }

            foreach (var c in doc.Claims.Where(c => !used.Contains(c)))
            {
                report.Notes.Add($"claim not in gold: {c.Source} {c.Verb} ({c.Stance}) → {c.EventId ?? c.Content}");
            }

            report.Sections.Add(new SectionScore("claims", doc.Claims.Count, used.Count, goldC.Count, goldMatched));
        }

        report.Sections.Add(ClaimAttribution.Score(doc, root, ActorMatches, eventMap, report.Notes));

        return report;
    }

    private static string AnalysisKind(ActorKind k) => Core.Serialization.AnalysisJson.KindName(k);

    private static bool Eq(double? sys, double? gold) =>
        gold is null ? sys is null : sys is { } s && Math.Abs(s - gold.Value) <= Math.Max(1e-6, Math.Abs(gold.Value) * 0.01);

    /// <summary>The content matches when most of the gold proposition's words are in the system's.</summary>
    public static bool ContentMatches(string? system, string gold)
    {
        if (system is null)
        {
            return false;
        }

        var sys = WordsOf(system).ToHashSet(StringComparer.Ordinal);
        var g = WordsOf(gold).ToList();
        return g.Count > 0 && g.Count(sys.Contains) >= 0.7 * g.Count;
    }

    private static IEnumerable<string> WordsOf(string s) =>
        s.ToLowerInvariant().Split([' ', ',', '.', '"', '“', '”', '\'', '’', ';', ':', '—', '-'], StringSplitOptions.RemoveEmptyEntries);

    private static HashSet<string> Names(JsonElement e)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (Str(e, "name") is { } n)
        {
            set.Add(Norm(n));
        }

        if (e.TryGetProperty("mentions", out var ms) && ms.ValueKind == JsonValueKind.Array)
        {
            foreach (var m in ms.EnumerateArray())
            {
                if (m.ValueKind == JsonValueKind.String)
                {
                    set.Add(Norm(m.GetString()!));
                }
            }
        }

        return set;
    }

    private static bool Same(string a, string b) => Norm(a) == Norm(b);

    /// <summary>Case-insensitive, quotes straightened, a leading "the" dropped.</summary>
    public static string Norm(string s)
    {
        var t = s.Trim().Replace('’', '\'').ToLowerInvariant();
        return t.StartsWith("the ", StringComparison.Ordinal) ? t[4..] : t;
    }

    private static IEnumerable<JsonElement> Array(JsonElement root, string name) =>
        root.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array ? a.EnumerateArray() : [];

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static double Haversine(double lat1, double lon1, double lat2, double lon2)
    {
        static double Rad(double d) => d * Math.PI / 180;
        var dLat = Rad(lat2 - lat1);
        var dLon = Rad(lon2 - lon1);
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 6371 * 2 * Math.Atan2(Math.Sqrt(a), Math.Sqrt(1 - a));
    }

    internal static string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
}
