using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;

namespace Sitrep.Geo;

/// <summary>
/// The loaded gazetteer: GeoNames populated places (≥ 500 inhabitants), admin1/admin2 regions, countries,
/// continents and supranational regions, with every Latin-script name, demonyms and abbreviations.
/// Stored column-wise with the names as one sorted UTF-8 block searched by bisection, so loading is a few bulk
/// reads and no per-name objects. Immutable and thread-safe.
/// </summary>
public sealed class Gazetteer : IGazetteer
{
    /// <summary>The file format version written by <see cref="Save"/>.</summary>
    public const int FormatVersion = 2;

    /// <summary>The default gazetteer file inside a data root.</summary>
    public const string DefaultRelativePath = "data/gazetteer/geonames.gaz";

    /// <summary>The list of countries whose names are matched by spelling variant, in data/geo.</summary>
    public const string SpellingVariantFile = "spelling-variant-countries.txt";

    /// <summary>The table of landmarks that stand in one city ("White House" → Washington), in data/geo.</summary>
    public const string LandmarkFile = "landmarks.tsv";

    private const string Magic = "SITREPGAZ";

    private static readonly Lazy<Gazetteer> Shared = new(() => Load(LocateDefault()));

    // entries, column-wise
    private readonly long[] _ids;
    private readonly byte[] _kinds;
    private readonly int[] _lat;
    private readonly int[] _lon;
    private readonly long[] _pop;
    private readonly int[] _cc;
    private readonly int[] _a1;
    private readonly int[] _a2;
    private readonly int[] _fcode;
    private readonly byte[] _nameBlob;
    private readonly int[] _nameStarts;
    private readonly string[] _strings;
    private readonly GazetteerEntry?[] _cache;

    // names: sorted UTF-8 keys, each with its hits (entry << 3 | link)
    private readonly byte[] _keyBlob;
    private readonly int[] _keyStarts;
    private readonly int[] _hitStarts;
    private readonly int[] _hits;

    private readonly Dictionary<string, CountryRecord> _countries;
    private readonly Dictionary<string, int> _admin1;
    private readonly Dictionary<string, HashSet<string>> _lexicons;
    private readonly Lazy<Dictionary<long, int>> _byId;
    private readonly Lazy<Dictionary<string, int>> _admin2;

    // spelling variants: the names of the listed countries by their transliteration skeleton (see GeoText.Skeleton)
    private HashSet<string> _variantCountries = new(StringComparer.Ordinal);
    private Lazy<(Dictionary<string, int[]> Keys, HashSet<string> Prefixes)> _variants;

    // landmarks: folded phrase → the city it stands in (name, ISO2)
    private readonly Dictionary<string, (string City, string Country)> _landmarks = new(StringComparer.Ordinal);

    private Gazetteer(
        long[] ids, byte[] kinds, int[] lat, int[] lon, long[] pop, int[] cc, int[] a1, int[] a2, int[] fcode,
        byte[] nameBlob, int[] nameStarts, string[] strings, byte[] keyBlob, int[] keyStarts, int[] hitStarts, int[] hits,
        IReadOnlyList<CountryRecord> countries, Dictionary<string, HashSet<string>> lexicons)
    {
        _ids = ids;
        _kinds = kinds;
        _byId = new Lazy<Dictionary<long, int>>(IndexIds);
        _admin2 = new Lazy<Dictionary<string, int>>(IndexAdmin2);
        _variants = new(IndexVariants);
        _lat = lat;
        _lon = lon;
        _pop = pop;
        _cc = cc;
        _a1 = a1;
        _a2 = a2;
        _fcode = fcode;
        _nameBlob = nameBlob;
        _nameStarts = nameStarts;
        _strings = strings;
        _keyBlob = keyBlob;
        _keyStarts = keyStarts;
        _hitStarts = hitStarts;
        _hits = hits;
        _cache = new GazetteerEntry?[ids.Length];
        _countries = countries.ToDictionary(c => c.Iso2, StringComparer.Ordinal);
        _lexicons = lexicons;
        _admin1 = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < ids.Length; i++)
        {
            if (kinds[i] == (byte)PlaceKind.Admin1)
            {
                _admin1.TryAdd(strings[cc[i]] + "." + strings[a1[i]], i);
            }
        }
    }

    /// <summary>Builds the stored form from the builder's tables.</summary>
    public static Gazetteer Create(
        IReadOnlyList<GazetteerEntry> entries,
        IReadOnlyDictionary<string, List<(int Entry, NameLink Link)>> names,
        IReadOnlyList<CountryRecord> countries,
        Dictionary<string, HashSet<string>> lexicons)
    {
        var n = entries.Count;
        var strings = new List<string> { string.Empty };
        var index = new Dictionary<string, int>(StringComparer.Ordinal) { [string.Empty] = 0 };
        int Str(string? s)
        {
            s ??= string.Empty;
            if (!index.TryGetValue(s, out var i))
            {
                index[s] = i = strings.Count;
                strings.Add(s);
            }

            return i;
        }

        var ids = new long[n];
        var kinds = new byte[n];
        var lat = new int[n];
        var lon = new int[n];
        var pop = new long[n];
        var cc = new int[n];
        var a1 = new int[n];
        var a2 = new int[n];
        var fc = new int[n];
        var nameStarts = new int[n + 1];
        var nameBytes = new List<byte>();
        for (var i = 0; i < n; i++)
        {
            var e = entries[i];
            ids[i] = e.GeonameId;
            kinds[i] = (byte)e.Kind;
            lat[i] = double.IsNaN(e.Lat) ? int.MinValue : (int)Math.Round(e.Lat * 1e5);
            lon[i] = double.IsNaN(e.Lon) ? int.MinValue : (int)Math.Round(e.Lon * 1e5);
            pop[i] = e.Population;
            cc[i] = Str(e.Country);
            a1[i] = Str(e.Admin1);
            a2[i] = Str(e.Admin2);
            fc[i] = Str(e.FeatureCode);
            nameStarts[i] = nameBytes.Count;
            nameBytes.AddRange(Encoding.UTF8.GetBytes(e.Name));
        }

        nameStarts[n] = nameBytes.Count;
        var keys = names.Keys.Select(k => (Key: k, Bytes: Encoding.UTF8.GetBytes(k))).ToArray();
        Array.Sort(keys, (x, y) => x.Bytes.AsSpan().SequenceCompareTo(y.Bytes));
        var keyStarts = new int[keys.Length + 1];
        var hitStarts = new int[keys.Length + 1];
        var keyBlob = new List<byte>();
        var hits = new List<int>();
        for (var k = 0; k < keys.Length; k++)
        {
            keyStarts[k] = keyBlob.Count;
            hitStarts[k] = hits.Count;
            keyBlob.AddRange(keys[k].Bytes);
            foreach (var (entry, link) in names[keys[k].Key])
            {
                hits.Add((entry << 3) | (int)link);
            }
        }

        keyStarts[keys.Length] = keyBlob.Count;
        hitStarts[keys.Length] = hits.Count;
        return new Gazetteer(ids, kinds, lat, lon, pop, cc, a1, a2, fc, [.. nameBytes], nameStarts, [.. strings],
            [.. keyBlob], keyStarts, hitStarts, [.. hits], countries, lexicons);
    }

    public int Count => _ids.Length;

    /// <summary>How many distinct folded names the index holds.</summary>
    public int NameCount => _keyStarts.Length - 1;

    public IReadOnlyCollection<CountryRecord> Countries => _countries.Values;

    public GazetteerEntry this[int index]
    {
        get
        {
            var e = _cache[index];
            if (e is null)
            {
                // benign race: two threads may build equal records
                e = new GazetteerEntry(
                    index, _ids[index], Encoding.UTF8.GetString(_nameBlob, _nameStarts[index], _nameStarts[index + 1] - _nameStarts[index]),
                    (PlaceKind)_kinds[index], NullIfEmpty(_strings[_cc[index]]), NullIfEmpty(_strings[_a1[index]]), NullIfEmpty(_strings[_a2[index]]),
                    _strings[_fcode[index]],
                    _lat[index] == int.MinValue ? double.NaN : _lat[index] / 1e5, _lon[index] == int.MinValue ? double.NaN : _lon[index] / 1e5, _pop[index]);
                _cache[index] = e;
            }

            return e;
        }
    }

    public IReadOnlyList<NameHit> Lookup(string foldedKey)
    {
        ArgumentNullException.ThrowIfNull(foldedKey);
        var k = Find(foldedKey, out _);
        if (k < 0)
        {
            return [];
        }

        return HitsAt(k);
    }

    private NameHit[] HitsAt(int k)
    {
        var result = new NameHit[_hitStarts[k + 1] - _hitStarts[k]];
        for (var j = 0; j < result.Length; j++)
        {
            var v = _hits[_hitStarts[k] + j];
            result[j] = new NameHit(this[v >> 3], (NameLink)(v & 7));
        }

        return result;
    }

    /// <summary>
    /// The countries whose place names reach English texts in several romanisations ("Zaporizhia", "Zaporizhzhia",
    /// "Zaporizhzhya"): <see cref="LookupVariant"/> matches their names by transliteration skeleton.
    /// </summary>
    public void UseSpellingVariants(IEnumerable<string> iso2Codes)
    {
        ArgumentNullException.ThrowIfNull(iso2Codes);
        _variantCountries = iso2Codes.ToHashSet(StringComparer.Ordinal);
        _variants = new(IndexVariants);
    }

    /// <summary>Adds landmarks (phrase, the GeoNames name of its city, the city's ISO2 country) to <see cref="Landmark"/>.</summary>
    public void UseLandmarks(IEnumerable<(string Phrase, string City, string Country)> landmarks)
    {
        ArgumentNullException.ThrowIfNull(landmarks);
        foreach (var (phrase, city, country) in landmarks)
        {
            _landmarks[GeoText.Fold(phrase)] = (city, country);
        }
    }

    public IReadOnlyList<NameHit> Landmark(string foldedKey)
    {
        ArgumentNullException.ThrowIfNull(foldedKey);
        if (!_landmarks.TryGetValue(foldedKey, out var at))
        {
            return [];
        }

        // the city: the capital or most populous place of that name in that country
        var city = Lookup(GeoText.Fold(at.City)).Where(h => h.Entry.Kind == PlaceKind.Populated && h.Entry.Country == at.Country)
            .OrderByDescending(h => h.Entry.FeatureCode == "PPLC").ThenByDescending(h => h.Entry.Population).FirstOrDefault();
        return city.Entry is null ? [] : [new NameHit(city.Entry, NameLink.Primary)];
    }

    public IReadOnlyList<NameHit> LookupVariant(string foldedKey)
    {
        ArgumentNullException.ThrowIfNull(foldedKey);
        if (_variantCountries.Count == 0 || !_variants.Value.Keys.TryGetValue(GeoText.Skeleton(foldedKey), out var keys))
        {
            return [];
        }

        return keys.SelectMany(HitsAt).Where(h => h.Entry.Country is { } cc && _variantCountries.Contains(cc)).ToList();
    }

    public bool HasVariantPrefix(string foldedPrefix)
    {
        ArgumentNullException.ThrowIfNull(foldedPrefix);
        return _variantCountries.Count > 0 && _variants.Value.Prefixes.Contains(GeoText.Skeleton(foldedPrefix));
    }

    private (Dictionary<string, int[]>, HashSet<string>) IndexVariants()
    {
        var keys = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var prefixes = new HashSet<string>(StringComparer.Ordinal);
        if (_variantCountries.Count == 0)
        {
            return (new Dictionary<string, int[]>(), prefixes);
        }

        for (var k = 0; k < NameCount; k++)
        {
            var listed = false;
            for (var j = _hitStarts[k]; j < _hitStarts[k + 1] && !listed; j++)
            {
                listed = _variantCountries.Contains(_strings[_cc[_hits[j] >> 3]]);
            }

            if (!listed)
            {
                continue;
            }

            var skeleton = GeoText.Skeleton(Encoding.UTF8.GetString(KeyAt(k)));
            if (!keys.TryGetValue(skeleton, out var list))
            {
                keys[skeleton] = list = [];
            }

            list.Add(k);
            for (var sp = skeleton.IndexOf(' ', StringComparison.Ordinal); sp > 0; sp = skeleton.IndexOf(' ', sp + 1))
            {
                prefixes.Add(skeleton[..sp]);
            }
        }

        return (keys.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal), prefixes);
    }

    public bool HasPrefix(string foldedPrefix)
    {
        ArgumentNullException.ThrowIfNull(foldedPrefix);
        Find(foldedPrefix + " ", out var lower);
        if (lower >= NameCount)
        {
            return false;
        }

        var prefix = Encoding.UTF8.GetBytes(foldedPrefix + " ");
        return KeyAt(lower).StartsWith(prefix);
    }

    /// <summary>Every folded name, in sorted order (for inspection and tests).</summary>
    public IEnumerable<string> Names()
    {
        for (var k = 0; k < NameCount; k++)
        {
            yield return Encoding.UTF8.GetString(KeyAt(k));
        }
    }

    private ReadOnlySpan<byte> KeyAt(int k) => _keyBlob.AsSpan(_keyStarts[k], _keyStarts[k + 1] - _keyStarts[k]);

    /// <summary>The index of the key, or -1; <paramref name="lower"/> is the first key not below it.</summary>
    private int Find(string key, out int lower)
    {
        Span<byte> buffer = key.Length <= 128 ? stackalloc byte[key.Length * 3] : new byte[key.Length * 3];
        var len = Encoding.UTF8.GetBytes(key, buffer);
        var target = buffer[..len];
        int lo = 0, hi = NameCount;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (KeyAt(mid).SequenceCompareTo(target) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        lower = lo;
        return lo < NameCount && KeyAt(lo).SequenceEqual(target) ? lo : -1;
    }

    public CountryRecord? Country(string iso2)
    {
        ArgumentNullException.ThrowIfNull(iso2);
        return _countries.GetValueOrDefault(iso2.ToUpperInvariant());
    }

    public CountryRecord? CountryByName(string nameOrDemonym)
    {
        ArgumentNullException.ThrowIfNull(nameOrDemonym);
        var key = GeoText.Fold(nameOrDemonym);
        if (key.StartsWith("the ", StringComparison.Ordinal))
        {
            key = key[4..];
        }

        var trimmed = nameOrDemonym.Trim();
        if (trimmed.Length == 2 && trimmed.All(char.IsUpper) && _countries.TryGetValue(trimmed, out var byCode))
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
        return c is null || c.CapitalEntry < 0 ? null : this[c.CapitalEntry];
    }

    public GazetteerEntry? Admin1(string iso2, string admin1Code) =>
        _admin1.TryGetValue(iso2 + "." + admin1Code, out var i) ? this[i] : null;

    /// <summary>The entry with this GeoNames id, or null (the index is built on first use).</summary>
    public GazetteerEntry? ById(long geonameId) => _byId.Value.TryGetValue(geonameId, out var i) ? this[i] : null;

    /// <summary>The second-level division of a country's first-level one by their codes, or null (indexed on first use).</summary>
    public GazetteerEntry? Admin2(string iso2, string admin1Code, string admin2Code) =>
        _admin2.Value.TryGetValue(iso2 + "." + admin1Code + "." + admin2Code, out var i) ? this[i] : null;

    private Dictionary<long, int> IndexIds()
    {
        var map = new Dictionary<long, int>(_ids.Length);
        for (var i = 0; i < _ids.Length; i++)
        {
            map.TryAdd(_ids[i], i);
        }

        return map;
    }

    private Dictionary<string, int> IndexAdmin2()
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < _kinds.Length; i++)
        {
            if ((PlaceKind)_kinds[i] == PlaceKind.Admin2)
            {
                map.TryAdd(_strings[_cc[i]] + "." + _strings[_a1[i]] + "." + _strings[_a2[i]], i);
            }
        }

        return map;
    }

    public bool IsCommonWord(string foldedKey) => InLexicon("common", foldedKey);

    public bool InLexicon(string lexicon, string foldedKey) =>
        _lexicons.TryGetValue(lexicon, out var set) && set.Contains(foldedKey);

    /// <summary>Writes the gazetteer as one Brotli-compressed binary file.</summary>
    public void Save(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var file = File.Create(path);
        using var brotli = new BrotliStream(file, new BrotliCompressionOptions { Quality = 9 });
        using var w = new BinaryWriter(brotli, Encoding.UTF8);
        w.Write(Magic);
        w.Write(FormatVersion);
        WriteArray(w, _ids);
        WriteArray(w, _kinds);
        WriteArray(w, _lat);
        WriteArray(w, _lon);
        WriteArray(w, _pop);
        WriteArray(w, _cc);
        WriteArray(w, _a1);
        WriteArray(w, _a2);
        WriteArray(w, _fcode);
        WriteArray(w, _nameBlob);
        WriteArray(w, _nameStarts);
        w.Write(_strings.Length);
        foreach (var s in _strings)
        {
            w.Write(s);
        }

        WriteArray(w, _keyBlob);
        WriteArray(w, _keyStarts);
        WriteArray(w, _hitStarts);
        WriteArray(w, _hits);
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
            using var buffered = new BufferedStream(brotli, 1 << 20);
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

            var ids = ReadArray<long>(r);
            var kinds = ReadArray<byte>(r);
            var lat = ReadArray<int>(r);
            var lon = ReadArray<int>(r);
            var pop = ReadArray<long>(r);
            var cc = ReadArray<int>(r);
            var a1 = ReadArray<int>(r);
            var a2 = ReadArray<int>(r);
            var fc = ReadArray<int>(r);
            var nameBlob = ReadArray<byte>(r);
            var nameStarts = ReadArray<int>(r);
            var strings = new string[r.ReadInt32()];
            for (var i = 0; i < strings.Length; i++)
            {
                strings[i] = r.ReadString();
            }

            var keyBlob = ReadArray<byte>(r);
            var keyStarts = ReadArray<int>(r);
            var hitStarts = ReadArray<int>(r);
            var hits = ReadArray<int>(r);
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

            var n = ids.Length;
            if (kinds.Length != n || lat.Length != n || nameStarts.Length != n + 1 || keyStarts.Length != hitStarts.Length)
            {
                throw new InvalidDataException("inconsistent column lengths");
            }

            var gazetteer = new Gazetteer(ids, kinds, lat, lon, pop, cc, a1, a2, fc, nameBlob, nameStarts, strings, keyBlob, keyStarts, hitStarts, hits, countries, lexicons);

            // data/geo/spelling-variant-countries.txt next to data/gazetteer: the countries matched by spelling variant
            var variants = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", "..", "geo", SpellingVariantFile);
            if (File.Exists(variants))
            {
                gazetteer.UseSpellingVariants(File.ReadLines(variants).Select(l => l.Split('#')[0].Trim()).Where(l => l.Length == 2));
            }

            // data/geo/landmarks.tsv: seats of government and landmarks that stand in one city
            var landmarks = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", "..", "geo", LandmarkFile);
            if (File.Exists(landmarks))
            {
                gazetteer.UseLandmarks(File.ReadLines(landmarks).Where(l => l.Length > 0 && l[0] != '#').Select(l => l.Split('\t'))
                    .Where(f => f.Length >= 3).Select(f => (f[0].Trim(), f[1].Trim(), f[2].Trim())));
            }

            return gazetteer;
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or IOException)
        {
            throw new InvalidDataException($"cannot read gazetteer file '{path}': {ex.Message}", ex);
        }
    }

    /// <summary>The gazetteer shipped with the repository, loaded once per process.</summary>
    public static Gazetteer Default => Shared.Value;

    /// <summary>Finds data/gazetteer/geonames.gaz above the current directory or the application directory (or SITREP_GAZETTEER).</summary>
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

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    private static void WriteArray<T>(BinaryWriter w, T[] values)
        where T : unmanaged
    {
        w.Write(values.Length);
        w.Write(MemoryMarshal.AsBytes(values.AsSpan()));
    }

    private static T[] ReadArray<T>(BinaryReader r)
        where T : unmanaged
    {
        var n = r.ReadInt32();
        if (n < 0 || n > 200_000_000)
        {
            throw new InvalidDataException($"bad array length {n}");
        }

        var values = new T[n];
        var bytes = MemoryMarshal.AsBytes(values.AsSpan());
        var read = 0;
        while (read < bytes.Length)
        {
            var got = r.BaseStream.Read(bytes[read..]);
            if (got == 0)
            {
                throw new EndOfStreamException();
            }

            read += got;
        }

        return values;
    }
}
