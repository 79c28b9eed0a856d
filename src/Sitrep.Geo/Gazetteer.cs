using System.Collections.Frozen;
using System.IO.Compression;
using System.Text;

namespace Sitrep.Geo;

/// <summary>
/// The loaded gazetteer: GeoNames populated places (≥ 500 inhabitants), admin1/admin2 regions, countries,
/// continents and supranational regions, with every Latin-script name, demonyms and abbreviations.
/// Immutable and thread-safe after loading.
/// </summary>
public sealed class Gazetteer : IGazetteer
{
    /// <summary>The file format version written by <see cref="Save"/>.</summary>
    public const int FormatVersion = 1;

    private const string Magic = "SITREPGAZ";

    private static readonly NameHit[] NoHits = [];

    private readonly GazetteerEntry[] _entries;
    private readonly Dictionary<string, NameHit[]> _names;
    private readonly HashSet<string> _prefixes;
    private readonly FrozenDictionary<string, CountryRecord> _countries;
    private readonly FrozenDictionary<string, int> _admin1;
    private readonly FrozenDictionary<string, FrozenSet<string>> _lexicons;

    internal Gazetteer(
        GazetteerEntry[] entries,
        IReadOnlyDictionary<string, List<(int Entry, NameLink Link)>> names,
        IReadOnlyList<CountryRecord> countries,
        IReadOnlyDictionary<string, HashSet<string>> lexicons)
    {
        _entries = entries;
        _names = new Dictionary<string, NameHit[]>(names.Count, StringComparer.Ordinal);
        foreach (var (key, list) in names)
        {
            var hits = new NameHit[list.Count];
            for (var i = 0; i < hits.Length; i++)
            {
                hits[i] = new NameHit(entries[list[i].Entry], list[i].Link);
            }

            _names[key] = hits;
        }

        var prefixes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in names.Keys)
        {
            for (var i = key.IndexOf(' ', StringComparison.Ordinal); i > 0; i = key.IndexOf(' ', i + 1))
            {
                prefixes.Add(key[..i]);
            }
        }

        _prefixes = prefixes;
        _countries = countries.ToFrozenDictionary(c => c.Iso2, StringComparer.Ordinal);
        var admin1 = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var e in entries)
        {
            if (e.Kind == PlaceKind.Admin1 && e.Country is not null && e.Admin1 is not null)
            {
                admin1.TryAdd(e.Country + "." + e.Admin1, e.Index);
            }
        }

        _admin1 = admin1.ToFrozenDictionary(StringComparer.Ordinal);
        _lexicons = lexicons.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToFrozenSet(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    public int Count => _entries.Length;

    /// <summary>How many distinct folded names the index holds.</summary>
    public int NameCount => _names.Count;

    public IReadOnlyCollection<CountryRecord> Countries => _countries.Values;

    public GazetteerEntry this[int index] => _entries[index];

    public IReadOnlyList<NameHit> Lookup(string foldedKey) => _names.TryGetValue(foldedKey, out var hits) ? hits : NoHits;

    public bool HasPrefix(string foldedPrefix) => _prefixes.Contains(foldedPrefix);

    public CountryRecord? Country(string iso2) => _countries.GetValueOrDefault(iso2.ToUpperInvariant());

    public CountryRecord? CountryByName(string nameOrDemonym)
    {
        ArgumentNullException.ThrowIfNull(nameOrDemonym);
        var key = GeoText.Fold(nameOrDemonym);
        if (key.StartsWith("the ", StringComparison.Ordinal))
        {
            key = key[4..];
        }

        if (key.Length == 2 && _countries.TryGetValue(key.ToUpperInvariant(), out var byCode) && nameOrDemonym.Trim().All(char.IsUpper))
        {
            return byCode;
        }

        foreach (var hit in Lookup(key))
        {
            if (hit.Entry.Kind == PlaceKind.Country && hit.Entry.Country is not null)
            {
                return Country(hit.Entry.Country);
            }
        }

        return null;
    }

    public GazetteerEntry? CapitalOf(string iso2)
    {
        var c = Country(iso2);
        return c is null || c.CapitalEntry < 0 ? null : _entries[c.CapitalEntry];
    }

    public GazetteerEntry? Admin1(string iso2, string admin1Code) =>
        _admin1.TryGetValue(iso2 + "." + admin1Code, out var i) ? _entries[i] : null;

    public bool IsCommonWord(string foldedKey) => InLexicon("common", foldedKey);

    public bool InLexicon(string lexicon, string foldedKey) =>
        _lexicons.TryGetValue(lexicon, out var set) && set.Contains(foldedKey);

    /// <summary>Writes the gazetteer as one Brotli-compressed binary file.</summary>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var file = File.Create(path);
        using var brotli = new BrotliStream(file, CompressionLevel.SmallestSize);
        using var w = new BinaryWriter(brotli, Encoding.UTF8);
        w.Write(Magic);
        w.Write(FormatVersion);
        w.Write(_entries.Length);
        foreach (var e in _entries)
        {
            w.Write(e.GeonameId);
            w.Write(e.Name);
            w.Write((byte)e.Kind);
            w.Write(e.Country ?? string.Empty);
            w.Write(e.Admin1 ?? string.Empty);
            w.Write(e.Admin2 ?? string.Empty);
            w.Write(e.FeatureCode);
            w.Write(double.IsNaN(e.Lat) ? int.MinValue : (int)Math.Round(e.Lat * 1e5));
            w.Write(double.IsNaN(e.Lon) ? int.MinValue : (int)Math.Round(e.Lon * 1e5));
            w.Write7BitEncodedInt64(e.Population);
        }

        var keys = _names.Keys.Order(StringComparer.Ordinal).ToArray();
        w.Write(keys.Length);
        foreach (var key in keys)
        {
            w.Write(key);
            var hits = _names[key];
            w.Write7BitEncodedInt(hits.Length);
            foreach (var h in hits)
            {
                w.Write7BitEncodedInt((h.Entry.Index << 3) | (int)h.Link);
            }
        }

        var countries = _countries.Values.OrderBy(c => c.Iso2, StringComparer.Ordinal).ToArray();
        w.Write(countries.Length);
        foreach (var c in countries)
        {
            w.Write(c.Iso2);
            w.Write(c.Iso3);
            w.Write(c.Name);
            w.Write(c.CapitalName ?? string.Empty);
            w.Write(c.CountryEntry);
            w.Write(c.CapitalEntry);
            w.Write(c.Continent);
            w.Write(string.Join(',', c.Neighbours));
        }

        w.Write(_lexicons.Count);
        foreach (var (name, set) in _lexicons.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            w.Write(name);
            w.Write(set.Count);
            foreach (var word in set.Order(StringComparer.Ordinal))
            {
                w.Write(word);
            }
        }

        w.Write(Magic);
    }

    /// <summary>Loads a gazetteer file; fails with a message naming the file when it is not one.</summary>
    public static Gazetteer Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"gazetteer file '{path}' not found; build it with `sitrep gazetteer build`", path);
        }

        try
        {
            using var file = File.OpenRead(path);
            using var brotli = new BrotliStream(file, CompressionMode.Decompress);
            using var buffered = new BufferedStream(brotli, 1 << 16);
            using var r = new BinaryReader(buffered, Encoding.UTF8);
            if (r.ReadString() != Magic)
            {
                throw new InvalidDataException("not a Sitrep gazetteer");
            }

            var version = r.ReadInt32();
            if (version != FormatVersion)
            {
                throw new InvalidDataException($"format version {version}, this build reads version {FormatVersion}; rebuild it with `sitrep gazetteer build`");
            }

            var n = r.ReadInt32();
            var entries = new GazetteerEntry[n];
            var pool = new Dictionary<string, string>(StringComparer.Ordinal);
            string Intern(string s) => s.Length == 0 ? s : pool.TryGetValue(s, out var v) ? v : pool[s] = s;
            for (var i = 0; i < n; i++)
            {
                var id = r.ReadInt64();
                var name = r.ReadString();
                var kind = (PlaceKind)r.ReadByte();
                var cc = Intern(r.ReadString());
                var a1 = Intern(r.ReadString());
                var a2 = Intern(r.ReadString());
                var fc = Intern(r.ReadString());
                var lat = r.ReadInt32();
                var lon = r.ReadInt32();
                var pop = r.Read7BitEncodedInt64();
                entries[i] = new GazetteerEntry(
                    i, id, name, kind, cc.Length == 0 ? null : cc, a1.Length == 0 ? null : a1, a2.Length == 0 ? null : a2, fc,
                    lat == int.MinValue ? double.NaN : lat / 1e5, lon == int.MinValue ? double.NaN : lon / 1e5, pop);
            }

            var k = r.ReadInt32();
            var names = new Dictionary<string, List<(int, NameLink)>>(k, StringComparer.Ordinal);
            for (var i = 0; i < k; i++)
            {
                var key = r.ReadString();
                var m = r.Read7BitEncodedInt();
                var list = new List<(int, NameLink)>(m);
                for (var j = 0; j < m; j++)
                {
                    var v = r.Read7BitEncodedInt();
                    list.Add((v >> 3, (NameLink)(v & 7)));
                }

                names[key] = list;
            }

            var nc = r.ReadInt32();
            var countries = new List<CountryRecord>(nc);
            for (var i = 0; i < nc; i++)
            {
                var iso2 = r.ReadString();
                var iso3 = r.ReadString();
                var cname = r.ReadString();
                var cap = r.ReadString();
                var ce = r.ReadInt32();
                var capE = r.ReadInt32();
                var cont = r.ReadString();
                var nb = r.ReadString();
                countries.Add(new CountryRecord(iso2, iso3, cname, cap.Length == 0 ? null : cap, ce, capE, cont, nb.Length == 0 ? [] : nb.Split(',')));
            }

            var nl = r.ReadInt32();
            var lexicons = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            for (var i = 0; i < nl; i++)
            {
                var lname = r.ReadString();
                var cnt = r.ReadInt32();
                var set = new HashSet<string>(cnt, StringComparer.Ordinal);
                for (var j = 0; j < cnt; j++)
                {
                    set.Add(r.ReadString());
                }

                lexicons[lname] = set;
            }

            if (r.ReadString() != Magic)
            {
                throw new InvalidDataException("truncated file");
            }

            return new Gazetteer(entries, names, countries, lexicons);
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or IOException)
        {
            throw new InvalidDataException($"cannot read gazetteer file '{path}': {ex.Message}", ex);
        }
    }

    /// <summary>The default gazetteer file inside a data root: data/gazetteer/geonames.gaz.</summary>
    public const string DefaultRelativePath = "data/gazetteer/geonames.gaz";

    private static readonly Lazy<Gazetteer> Shared = new(() => Load(LocateDefault()));

    /// <summary>The gazetteer shipped with the repository, loaded once per process.</summary>
    public static Gazetteer Default => Shared.Value;

    /// <summary>Finds data/gazetteer/geonames.gaz above the current directory or the application directory.</summary>
    public static string LocateDefault()
    {
        var env = Environment.GetEnvironmentVariable("SITREP_GAZETTEER");
        if (!string.IsNullOrEmpty(env))
        {
            return env;
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, DefaultRelativePath);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException($"cannot find {DefaultRelativePath} above '{Directory.GetCurrentDirectory()}' or '{AppContext.BaseDirectory}'; set SITREP_GAZETTEER or build it with `sitrep gazetteer build`");
    }
}
