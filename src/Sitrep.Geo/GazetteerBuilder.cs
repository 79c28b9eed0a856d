using System.Globalization;
using System.IO.Compression;
using System.Text.Json;

namespace Sitrep.Geo;

/// <summary>What the builder did: counts and the region centroids it replaced.</summary>
public sealed record GazetteerBuildReport(int Entries, int Names, int Countries, int CentroidsReplaced, IReadOnlyList<string> Notes);

/// <summary>
/// Builds the compact gazetteer from the GeoNames extracts in ../shared/data/geonames-gazetteer and the hand-written
/// files in data/geo (continents, demonyms, abbreviations, lexicons). It checks its own data: a region centroid far
/// from every town of its region is replaced by the mean of those towns.
/// </summary>
public static class GazetteerBuilder
{
    /// <summary>Generic words that name the kind of a region: "Kherson Oblast", "Donetsk province", "Krasnodar Krai".</summary>
    public static readonly string[] Admin1Suffixes =
    [
        "oblast", "region", "province", "krai", "kray", "governorate", "state", "prefecture", "voivodeship", "republic",
        "territory", "department", "okrug", "autonomous okrug", "autonomous republic", "oblys", "county", "district", "region of",
    ];

    private static readonly string[] Admin1FormsAdded = ["oblast", "region", "province", "krai", "kray", "governorate", "state", "prefecture", "voivodeship", "republic", "territory", "oblys"];

    private static readonly string[] Admin2Suffixes = ["raion", "rayon", "district", "county", "parish", "municipality", "borough", "municipal district", "urban okrug", "city"];

    private static readonly HashSet<string> DroppedFeatureCodes = new(["PPLH", "PPLQ", "PPLW", "PPLCH"], StringComparer.Ordinal);

    private sealed class Town
    {
        public required string Cc;
        public required string A1;
        public required string A2;
        public double Lat;
        public double Lon;
    }

    public static GazetteerBuildReport Build(string sourceDir, string extrasDir, string? englishCorpusDir, string outPath, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(sourceDir);
        ArgumentNullException.ThrowIfNull(extrasDir);
        ArgumentNullException.ThrowIfNull(outPath);
        var gaz = BuildInMemory(sourceDir, extrasDir, englishCorpusDir, out var report, log);
        var dir = Path.GetDirectoryName(Path.GetFullPath(outPath));
        if (dir is not null)
        {
            Directory.CreateDirectory(dir);
        }

        gaz.Save(outPath);
        return report;
    }

    public static Gazetteer BuildInMemory(string sourceDir, string extrasDir, string? englishCorpusDir, out GazetteerBuildReport report, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(sourceDir);
        ArgumentNullException.ThrowIfNull(extrasDir);
        string Need(string file)
        {
            var p = Path.Combine(sourceDir, file);
            return File.Exists(p) ? p : throw new FileNotFoundException($"gazetteer source '{p}' is missing (expected the GeoNames extracts in '{sourceDir}')", p);
        }

        var notes = new List<string>();
        var entries = new List<GazetteerEntry>();
        var names = new Dictionary<string, List<(int Entry, NameLink Link)>>(StringComparer.Ordinal);
        void AddName(string raw, int entry, NameLink link)
        {
            var key = GeoText.Fold(raw);
            if (key.Length < 2 || key.Length > 60)
            {
                return;
            }

            if (!names.TryGetValue(key, out var list))
            {
                names[key] = list = [];
            }

            for (var i = 0; i < list.Count; i++)
            {
                if (list[i].Entry == entry)
                {
                    if (link < list[i].Link)
                    {
                        list[i] = (entry, link);
                    }

                    return;
                }
            }

            list.Add((entry, link));
        }

        int AddEntry(long id, string name, PlaceKind kind, string? cc, string? a1, string? a2, string fcode, double lat, double lon, long pop)
        {
            var e = new GazetteerEntry(entries.Count, id, name, kind, cc, a1, a2, fcode, lat, lon, pop);
            entries.Add(e);
            return e.Index;
        }

        // 1. towns
        var towns = new List<Town>();
        var townAlternates = new Dictionary<int, List<string>>();
        using (var gz = new GZipStream(File.OpenRead(Need("cities500.txt.gz")), CompressionMode.Decompress))
        using (var reader = new StreamReader(gz))
        {
            string? line;
            var lineNo = 0;
            while ((line = reader.ReadLine()) is not null)
            {
                lineNo++;
                var f = line.Split('\t');
                if (f.Length < 19)
                {
                    notes.Add($"cities500.txt line {lineNo}: {f.Length} columns, expected 19; skipped");
                    continue;
                }

                if (DroppedFeatureCodes.Contains(f[7]))
                {
                    continue;
                }

                var lat = double.Parse(f[4], CultureInfo.InvariantCulture);
                var lon = double.Parse(f[5], CultureInfo.InvariantCulture);
                _ = long.TryParse(f[14], NumberStyles.Integer, CultureInfo.InvariantCulture, out var pop);
                var idx = AddEntry(long.Parse(f[0], CultureInfo.InvariantCulture), f[1], PlaceKind.Populated, f[8], NullIfEmpty(f[10]), NullIfEmpty(f[11]), f[7], lat, lon, pop);
                towns.Add(new Town { Cc = f[8], A1 = f[10], A2 = f[11], Lat = lat, Lon = lon });
                AddName(f[1], idx, NameLink.Primary);
                AddName(f[2], idx, NameLink.Primary);
                var alts = new List<string>();
                foreach (var alt in f[3].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    if (!UsableAlternate(alt))
                    {
                        continue;
                    }

                    alts.Add(alt);
                    AddName(alt, idx, NameLink.Alternate);
                }

                townAlternates[idx] = alts;
            }
        }

        var townCount = entries.Count;
        log?.WriteLine($"towns: {townCount:N0}");

        // town means per admin unit, for centroids and their checks
        var byA1 = towns.Select((t, i) => (t, i)).GroupBy(x => x.t.Cc + "." + x.t.A1, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(x => x.i).ToArray(), StringComparer.Ordinal);
        var byA2 = towns.Select((t, i) => (t, i)).Where(x => x.t.A2.Length > 0).GroupBy(x => x.t.Cc + "." + x.t.A1 + "." + x.t.A2, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(x => x.i).ToArray(), StringComparer.Ordinal);
        var byCc = towns.Select((t, i) => (t, i)).GroupBy(x => x.t.Cc, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(x => x.i).ToArray(), StringComparer.Ordinal);

        var replaced = 0;
        (double Lat, double Lon) Checked(string what, string? country, double lat, double lon, int[]? members, double minKm)
        {
            if (members is null || members.Length == 0)
            {
                return (lat, lon);
            }

            var (mLat, mLon) = Mean(towns, members);
            if (double.IsNaN(lat))
            {
                return (mLat, mLon);
            }

            var nearest = double.MaxValue;
            var spread = 0.0;
            foreach (var i in members)
            {
                nearest = Math.Min(nearest, GeoMath.DistanceKm(lat, lon, towns[i].Lat, towns[i].Lon));
                spread = Math.Max(spread, GeoMath.DistanceKm(mLat, mLon, towns[i].Lat, towns[i].Lon));
            }

            if (nearest > Math.Max(minKm, 0.5 * spread) && country is not null && byCc.TryGetValue(country, out var all)
                && all.Min(i => GeoMath.DistanceKm(lat, lon, towns[i].Lat, towns[i].Lon)) < minKm)
            {
                // inside its country but away from the towns coded to the region: GeoNames' own admin codes may be stale
                notes.Add($"{what}: centroid ({lat:F2}, {lon:F2}) is {nearest:F0} km from the region's towns but inside its country; kept");
                return (lat, lon);
            }

            if (nearest > Math.Max(minKm, 0.5 * spread))
            {
                replaced++;
                notes.Add($"{what}: centroid ({lat:F2}, {lon:F2}) lies {nearest:F0} km from its nearest town; replaced by the mean of its {members.Length} towns ({mLat:F2}, {mLon:F2})");
                return (mLat, mLon);
            }

            return (lat, lon);
        }

        // 2. countries
        var cscCountries = new Dictionary<string, (double, double)>(StringComparer.Ordinal);
        using (var doc = JsonDocument.Parse(File.ReadAllText(Need("csc-countries.json"))))
        {
            foreach (var c in doc.RootElement.EnumerateArray())
            {
                var iso = c.GetProperty("isoCode").GetString();
                if (iso is not null && TryCoord(c, out var ll))
                {
                    cscCountries[iso] = ll;
                }
            }
        }

        var countryRows = new List<string[]>();
        foreach (var line in File.ReadLines(Need("countryInfo.txt")))
        {
            if (line.StartsWith('#') || line.Length == 0)
            {
                continue;
            }

            var f = line.Split('\t');
            if (f.Length < 17)
            {
                notes.Add($"countryInfo.txt: short row '{line[..Math.Min(20, line.Length)]}'; skipped");
                continue;
            }

            countryRows.Add(f);
        }

        var countryEntry = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var f in countryRows)
        {
            var iso = f[0];
            var (lat, lon) = cscCountries.TryGetValue(iso, out var ll) ? ll : (double.NaN, double.NaN);
            (lat, lon) = Checked("country " + iso, null, lat, lon, byCc.GetValueOrDefault(iso), 300);
            _ = long.TryParse(f[7], NumberStyles.Integer, CultureInfo.InvariantCulture, out var pop);
            _ = long.TryParse(f[16], NumberStyles.Integer, CultureInfo.InvariantCulture, out var gid);
            var idx = AddEntry(gid, f[4], PlaceKind.Country, iso, null, null, "PCLI", lat, lon, pop);
            countryEntry[iso] = idx;
            AddName(f[4], idx, NameLink.Primary);
            AddName("the " + f[4], idx, NameLink.Primary);
        }

        // 3. admin1: the area centre of their towns, else the csc-states centroid
        var cscStates = new Dictionary<string, List<(string Name, double Lat, double Lon)>>(StringComparer.Ordinal);
        using (var doc = JsonDocument.Parse(File.ReadAllText(Need("csc-states.json"))))
        {
            foreach (var s in doc.RootElement.EnumerateArray())
            {
                var cc = s.GetProperty("countryCode").GetString() ?? string.Empty;
                var nm = s.GetProperty("name").GetString() ?? string.Empty;
                if (TryCoord(s, out var ll))
                {
                    if (!cscStates.TryGetValue(cc, out var l))
                    {
                        cscStates[cc] = l = [];
                    }

                    l.Add((nm, ll.Item1, ll.Item2));
                }
            }
        }

        // town names per country, to turn a region's core name into its seat's spellings (Kiev → Kyiv)
        var townByKeyCc = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < townCount; i++)
        {
            var e = entries[i];
            foreach (var key in new[] { GeoText.Fold(e.Name) }.Concat(townAlternates[i].Select(GeoText.Fold)))
            {
                var k = e.Country + "|" + key;
                if (!townByKeyCc.TryGetValue(k, out var prev) || entries[prev].Population < e.Population)
                {
                    townByKeyCc[k] = i;
                }
            }
        }

        var regionForms = new Dictionary<string, List<(int Entry, int Strength)>>(StringComparer.Ordinal);
        void AddRegionForm(string key, int entry, int strength)
        {
            if (!regionForms.TryGetValue(key, out var l))
            {
                regionForms[key] = l = [];
            }

            if (!l.Any(x => x.Entry == entry))
            {
                l.Add((entry, strength));
            }
        }

        foreach (var line in File.ReadLines(Need("admin1CodesASCII.txt")))
        {
            var f = line.Split('\t');
            if (f.Length < 4)
            {
                continue;
            }

            var dot = f[0].IndexOf('.', StringComparison.Ordinal);
            var cc = f[0][..dot];
            var code = f[0][(dot + 1)..];
            _ = long.TryParse(f[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var gid);
            var ownCores = new HashSet<string>(StringComparer.Ordinal) { Core(GeoText.Fold(f[1])), Core(GeoText.Fold(f[2])) };
            ownCores.Remove(string.Empty);
            (string Name, double Lat, double Lon)? csc = null;
            if (cscStates.TryGetValue(cc, out var states))
            {
                foreach (var s in states)
                {
                    var sc = Core(GeoText.Fold(s.Name));
                    if (ownCores.Contains(sc) || ownCores.Contains(Adjectival(sc)) || ownCores.Any(c => Adjectival(c) == sc || Adjectival(c) == Adjectival(sc)))
                    {
                        csc = s;
                        break;
                    }
                }
            }

            // a region's point is the centre of the area its towns cover (the convex hull of its main cluster of towns):
            // csc-states points are often the region's largest city, and a plain mean of towns leans to where most people live
            var members = byA1.GetValueOrDefault(cc + "." + code);
            var (lat, lon) = members is { Length: > 0 } ? HullCentroid(towns, members, 3.0) : csc is { } cs ? (cs.Lat, cs.Lon) : (double.NaN, double.NaN);
            var idx = AddEntry(gid, f[1], PlaceKind.Admin1, cc, code, null, "ADM1", lat, lon, 0);
            AddName(f[1], idx, NameLink.Primary);
            AddName(f[2], idx, NameLink.Primary);
            if (csc is { } c2)
            {
                AddName(c2.Name, idx, NameLink.Alternate);
                ownCores.Add(Core(GeoText.Fold(c2.Name)));
            }

            // A region named after a city ("Kyiv City", "Moscow" the federal city) gives way to the oblast for "X region".
            var strength = HasGenericSuffix(GeoText.Fold(f[1])) ? 2 : IsCityRegion(GeoText.Fold(f[1])) ? 0 : 1;
            var cores = new HashSet<string>(StringComparer.Ordinal);
            foreach (var c in ownCores)
            {
                cores.Add(c);
                var adj = Adjectival(c);
                if (adj != c)
                {
                    cores.Add(adj);
                }
            }

            foreach (var c in cores.ToArray())
            {
                if (townByKeyCc.TryGetValue(cc + "|" + c, out var seat))
                {
                    cores.Add(GeoText.Fold(entries[seat].Name));
                    foreach (var alt in townAlternates[seat])
                    {
                        cores.Add(GeoText.Fold(alt));
                    }
                }
            }

            foreach (var c in cores)
            {
                if (c.Length < 3)
                {
                    continue;
                }

                if (ownCores.Contains(c))
                {
                    AddName(c, idx, NameLink.Alternate);
                }

                foreach (var suffix in Admin1FormsAdded)
                {
                    AddRegionForm(c + " " + suffix, idx, strength);
                }
            }
        }

        foreach (var (key, list) in regionForms)
        {
            var best = list.Max(x => x.Strength);
            foreach (var (entry, s) in list)
            {
                if (s == best)
                {
                    AddName(key, entry, NameLink.RegionForm);
                }
            }
        }

        // 4. admin2 with the mean of their towns
        using (var gz = new GZipStream(File.OpenRead(Need("admin2Codes.txt.gz")), CompressionMode.Decompress))
        using (var reader = new StreamReader(gz))
        {
            string? line;
            while ((line = reader.ReadLine()) is not null)
            {
                var f = line.Split('\t');
                if (f.Length < 4)
                {
                    continue;
                }

                var parts = f[0].Split('.');
                if (parts.Length != 3)
                {
                    continue;
                }

                _ = long.TryParse(f[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var gid);
                var members = byA2.GetValueOrDefault(f[0]);
                var (lat, lon) = members is { Length: > 0 } ? Mean(towns, members) : (double.NaN, double.NaN);
                var idx = AddEntry(gid, f[1], PlaceKind.Admin2, parts[0], parts[1], parts[2], "ADM2", lat, lon, 0);
                AddName(f[1], idx, NameLink.Primary);
                AddName(f[2], idx, NameLink.Primary);
                var folded = GeoText.Fold(f[2]);
                var core = StripSuffix(folded, Admin2Suffixes);
                if (core != folded && core.Length >= 3 && (folded.EndsWith(" county", StringComparison.Ordinal) || folded.EndsWith(" parish", StringComparison.Ordinal)))
                {
                    // local news names a county without the word ("Avoyelles", "Gwinnett"): a weak alternate that
                    // the resolver takes only with support from the text
                    AddName(core, idx, NameLink.Alternate);
                }

                if (core != folded && core.Length >= 3)
                {
                    foreach (var s in new[] { "district", "raion", "rayon", "county" })
                    {
                        AddName(core + " " + s, idx, NameLink.RegionForm);
                    }

                    // Ukrainian raions are named after their seat with an adjectival ending: Bakhmutskyi → Bakhmut
                    var adj = Adjectival(core);
                    if (adj != core)
                    {
                        foreach (var s in new[] { "district", "raion", "rayon" })
                        {
                            AddName(adj + " " + s, idx, NameLink.RegionForm);
                        }
                    }
                }
            }
        }

        // 5. hand-written continents and supranational regions
        foreach (var f in ReadTsv(Path.Combine(extrasDir, "regions.tsv"), 5))
        {
            var idx = AddEntry(long.Parse(f[1], CultureInfo.InvariantCulture), f[0], PlaceKind.Region, null, null, null, f[4],
                double.Parse(f[2], CultureInfo.InvariantCulture), double.Parse(f[3], CultureInfo.InvariantCulture), 0);
            AddName(f[0], idx, NameLink.Primary);
            AddName("the " + f[0], idx, NameLink.Primary);
            if (f.Length > 5)
            {
                foreach (var alt in f[5].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    AddName(alt, idx, NameLink.Alternate);
                }
            }
        }

        // 6. demonyms and abbreviations
        var lexicons = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var f in ReadTsv(Path.Combine(extrasDir, "demonyms.tsv"), 2))
        {
            if (countryEntry.TryGetValue(f[1], out var ce))
            {
                AddName(f[0], ce, NameLink.Demonym);
            }
            else
            {
                notes.Add($"demonyms.tsv: unknown country code '{f[1]}' for '{f[0]}'");
            }
        }

        var commaOnly = lexicons["comma-only"] = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in ReadTsv(Path.Combine(extrasDir, "abbreviations.tsv"), 2))
        {
            int target;
            if (f[1].Contains('.', StringComparison.Ordinal))
            {
                var p = f[1].Split('.');
                target = entries.FindIndex(townCount, e => e.Kind == PlaceKind.Admin1 && e.Country == p[0] && e.Admin1 == p[1]);
            }
            else
            {
                target = countryEntry.GetValueOrDefault(f[1], -1);
            }

            if (target < 0)
            {
                notes.Add($"abbreviations.tsv: unknown target '{f[1]}' for '{f[0]}'");
                continue;
            }

            AddName(f[0], target, NameLink.Abbreviation);
            if (f.Length > 2 && f[2] == "comma")
            {
                commaOnly.Add(GeoText.Fold(f[0]));
            }
        }

        foreach (var (lexicon, file) in new[] { ("common", "common-words.txt"), ("titles", "person-titles.txt"), ("street", "street-words.txt"), ("persons", "person-names.txt"), ("never", "never-places.txt") })
        {
            var set = lexicons.TryGetValue(lexicon, out var s) ? s : lexicons[lexicon] = new HashSet<string>(StringComparer.Ordinal);
            foreach (var f in ReadTsv(Path.Combine(extrasDir, file), 1))
            {
                set.Add(GeoText.Fold(f[0]));
            }
        }

        if (englishCorpusDir is not null)
        {
            var english = lexicons["english"] = new HashSet<string>(StringComparer.Ordinal);
            var added = AddCommonWordsFromCorpus(englishCorpusDir, names, lexicons["common"], english);
            log?.WriteLine($"common words from the English corpus: {added:N0}");
        }

        // 7. capitals
        var countries = new List<CountryRecord>();
        foreach (var f in countryRows)
        {
            var iso = f[0];
            var capital = NullIfEmpty(f[5]);
            var capIdx = -1;
            if (capital is not null)
            {
                foreach (var (e, _) in names.GetValueOrDefault(GeoText.Fold(capital)) ?? [])
                {
                    var cand = entries[e];
                    if (cand.Kind == PlaceKind.Populated && cand.Country == iso
                        && (capIdx < 0 || (cand.FeatureCode == "PPLC" && entries[capIdx].FeatureCode != "PPLC")
                            || (cand.FeatureCode == entries[capIdx].FeatureCode && cand.Population > entries[capIdx].Population)))
                    {
                        capIdx = e;
                    }
                }

                if (capIdx < 0)
                {
                    notes.Add($"countryInfo.txt: capital '{capital}' of {iso} not found among its towns");
                }
            }

            countries.Add(new CountryRecord(iso, f[1], f[4], capital, countryEntry[iso], capIdx, f[8],
                f.Length > 17 && f[17].Length > 0 ? f[17].Split(',') : []));
        }

        var gazetteer = Gazetteer.Create(entries, names, countries, lexicons);
        report = new GazetteerBuildReport(entries.Count, names.Count, countries.Count, replaced, notes);
        return gazetteer;
    }

    /// <summary>Marks one-word place names that the English corpus uses mostly in lower case as common words.</summary>
    private static int AddCommonWordsFromCorpus(string dir, Dictionary<string, List<(int Entry, NameLink Link)>> names, HashSet<string> common, HashSet<string> english)
    {
        var lower = new Dictionary<string, int>(StringComparer.Ordinal);
        var upper = new Dictionary<string, int>(StringComparer.Ordinal);
        var files = Directory.Exists(dir) ? Directory.GetFiles(dir, "*.conllu") : throw new DirectoryNotFoundException($"English corpus folder '{dir}' not found");
        foreach (var file in files)
        {
            var first = true;
            foreach (var line in File.ReadLines(file))
            {
                if (line.Length == 0)
                {
                    first = true;
                    continue;
                }

                if (line[0] == '#')
                {
                    continue;
                }

                var f = line.Split('\t');
                if (f.Length < 5 || f[0].Contains('-', StringComparison.Ordinal) || f[0].Contains('.', StringComparison.Ordinal))
                {
                    continue;
                }

                var form = f[1];
                var key = GeoText.Fold(form);
                if (key.Length >= 2 && char.IsLower(form[0]) && f[3] is "NOUN" or "ADJ" or "VERB" or "ADV" or "ADP" or "DET" or "PRON" or "AUX" or "CCONJ" or "SCONJ" or "NUM" or "PART")
                {
                    english.Add(key);
                }

                if (key.Length < 2 || !names.ContainsKey(key))
                {
                    first = false;
                    continue;
                }

                if (char.IsLower(form[0]))
                {
                    lower[key] = lower.GetValueOrDefault(key) + 1;
                }
                else if (!first)
                {
                    upper[key] = upper.GetValueOrDefault(key) + 1;
                }

                first = false;
            }
        }

        var added = 0;
        foreach (var (key, n) in lower)
        {
            if (n >= 3 && n >= 0.25 * upper.GetValueOrDefault(key) && common.Add(key))
            {
                added++;
            }
        }

        return added;
    }

    private static bool UsableAlternate(string alt)
    {
        if (alt.Length < 2 || alt.Length > 60 || !GeoText.IsLatin(alt))
        {
            return false;
        }

        var letters = 0;
        var upper = 0;
        foreach (var c in alt)
        {
            if (char.IsDigit(c))
            {
                return false;
            }

            if (char.IsLetter(c))
            {
                letters++;
                if (char.IsUpper(c))
                {
                    upper++;
                }
            }
        }

        // airport and station codes ("LON", "KBP") are not names
        return letters > 0 && !(upper == letters && letters <= 4);
    }

    /// <summary>Strips a generic region word: "kursk oblast" → "kursk", "republic of tatarstan" → "tatarstan".</summary>
    public static string Core(string folded)
    {
        var s = folded;
        foreach (var prefix in new[] { "republic of ", "province of ", "state of ", "city of ", "oblast of " })
        {
            if (s.StartsWith(prefix, StringComparison.Ordinal))
            {
                s = s[prefix.Length..];
            }
        }

        return StripSuffix(s, Admin1Suffixes);
    }

    private static string StripSuffix(string s, string[] suffixes)
    {
        foreach (var suffix in suffixes)
        {
            if (s.Length > suffix.Length + 2 && s.EndsWith(" " + suffix, StringComparison.Ordinal))
            {
                return s[..^(suffix.Length + 1)];
            }
        }

        return s;
    }

    private static bool HasGenericSuffix(string folded) => Core(folded) != folded;

    private static bool IsCityRegion(string folded) => folded.EndsWith(" city", StringComparison.Ordinal) || folded.StartsWith("city of ", StringComparison.Ordinal);

    /// <summary>Slavic adjectival region names back to the seat: "kharkivska" → "kharkiv", "samarskaya" → "samar".</summary>
    public static string Adjectival(string core)
    {
        foreach (var ending in new[] { "skyi", "skyy", "skiy", "skij", "skaya", "skaia", "ska", "s'ka", "skyj", "ʹka" })
        {
            if (core.Length > ending.Length + 3 && core.EndsWith(ending, StringComparison.Ordinal))
            {
                return core[..^ending.Length];
            }
        }

        return core;
    }

    private static IEnumerable<string[]> ReadTsv(string path, int minColumns)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"gazetteer data file '{path}' is missing", path);
        }

        var lineNo = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var f = line.Split('\t');
            if (f.Length < minColumns)
            {
                throw new InvalidDataException($"'{path}' line {lineNo}: {f.Length} columns, expected at least {minColumns}");
            }

            yield return f;
        }
    }

    private static bool TryCoord(JsonElement e, out (double, double) ll)
    {
        ll = default;
        if (e.TryGetProperty("latitude", out var la) && e.TryGetProperty("longitude", out var lo)
            && double.TryParse(la.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            && double.TryParse(lo.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var lon))
        {
            ll = (lat, lon);
            return true;
        }

        return false;
    }

    private static (double, double) Mean(List<Town> towns, int[] members)
    {
        double x = 0, y = 0, z = 0;
        foreach (var i in members)
        {
            var la = towns[i].Lat * Math.PI / 180;
            var lo = towns[i].Lon * Math.PI / 180;
            x += Math.Cos(la) * Math.Cos(lo);
            y += Math.Cos(la) * Math.Sin(lo);
            z += Math.Sin(la);
        }

        var hyp = Math.Sqrt((x * x) + (y * y));
        return (Math.Atan2(z, hyp) * 180 / Math.PI, Math.Atan2(y, x) * 180 / Math.PI);
    }

    /// <summary>
    /// The centre of the area a region's towns cover: towns are grouped into clusters of touching cells of
    /// <paramref name="cellDegrees"/>; the centroid of the convex hull of the largest cluster (so that an outlying
    /// island or exclave does not drag the point away). Falls back to the mean of the towns for fewer than three corners.
    /// </summary>
    public static (double Lat, double Lon) HullCentroid(IReadOnlyList<(double Lat, double Lon)> points, double cellDegrees)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0)
        {
            return (double.NaN, double.NaN);
        }

        var cells = new Dictionary<(int, int), List<int>>();
        for (var i = 0; i < points.Count; i++)
        {
            var c = ((int)Math.Floor(points[i].Lat / cellDegrees), (int)Math.Floor(points[i].Lon / cellDegrees));
            if (!cells.TryGetValue(c, out var l))
            {
                cells[c] = l = [];
            }

            l.Add(i);
        }

        var seen = new HashSet<(int, int)>();
        List<int> largest = [];
        foreach (var start in cells.Keys.OrderBy(k => k.Item1).ThenBy(k => k.Item2))
        {
            if (!seen.Add(start))
            {
                continue;
            }

            var component = new List<int>();
            var stack = new Stack<(int, int)>();
            stack.Push(start);
            while (stack.Count > 0)
            {
                var (a, b) = stack.Pop();
                component.AddRange(cells[(a, b)]);
                for (var da = -1; da <= 1; da++)
                {
                    for (var db = -1; db <= 1; db++)
                    {
                        var n = (a + da, b + db);
                        if (cells.ContainsKey(n) && seen.Add(n))
                        {
                            stack.Push(n);
                        }
                    }
                }
            }

            if (component.Count > largest.Count)
            {
                largest = component;
            }
        }

        var (mLat, mLon) = Mean(largest.Select(i => points[i]));
        var k = Math.Cos(mLat * Math.PI / 180);
        var local = largest.Select(i => ((Wrap(points[i].Lon - mLon) * k), points[i].Lat)).Distinct().OrderBy(p => p.Item1).ThenBy(p => p.Item2).ToList();
        if (local.Count < 3)
        {
            return (mLat, mLon);
        }

        // Andrew's monotone chain
        static double Cross((double X, double Y) o, (double X, double Y) a, (double X, double Y) b) => ((a.X - o.X) * (b.Y - o.Y)) - ((a.Y - o.Y) * (b.X - o.X));
        var hull = new List<(double X, double Y)>();
        foreach (var pass in new[] { local, Enumerable.Reverse(local).ToList() })
        {
            var start = hull.Count;
            foreach (var p in pass)
            {
                while (hull.Count >= start + 2 && Cross(hull[^2], hull[^1], p) <= 0)
                {
                    hull.RemoveAt(hull.Count - 1);
                }

                hull.Add(p);
            }

            hull.RemoveAt(hull.Count - 1);
        }

        double area = 0, cx = 0, cy = 0;
        for (var i = 0; i < hull.Count; i++)
        {
            var (x0, y0) = hull[i];
            var (x1, y1) = hull[(i + 1) % hull.Count];
            var c = (x0 * y1) - (x1 * y0);
            area += c;
            cx += (x0 + x1) * c;
            cy += (y0 + y1) * c;
        }

        if (hull.Count < 3 || Math.Abs(area) < 1e-9)
        {
            return (mLat, mLon);
        }

        return (cy / (3 * area), Wrap((cx / (3 * area) / k) + mLon));

        static double Wrap(double lon) => lon > 180 ? lon - 360 : lon < -180 ? lon + 360 : lon;
    }

    private static (double Lat, double Lon) HullCentroid(List<Town> towns, int[] members, double cellDegrees) =>
        HullCentroid(members.Select(i => (towns[i].Lat, towns[i].Lon)).ToList(), cellDegrees);

    private static (double, double) Mean(IEnumerable<(double Lat, double Lon)> points)
    {
        double x = 0, y = 0, z = 0;
        foreach (var (lat, lon) in points)
        {
            var la = lat * Math.PI / 180;
            var lo = lon * Math.PI / 180;
            x += Math.Cos(la) * Math.Cos(lo);
            y += Math.Cos(la) * Math.Sin(lo);
            z += Math.Sin(la);
        }

        var hyp = Math.Sqrt((x * x) + (y * y));
        return (Math.Atan2(z, hyp) * 180 / Math.PI, Math.Atan2(y, x) * 180 / Math.PI);
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;
}
