using System.Text.Json;
using Sitrep.Core;
using Sitrep.Storage;
using Sitrep.Web.Assets;

namespace Sitrep.Web.Exports;

/// <summary>An event with the claims and estimates of its report that belong to it.</summary>
public sealed record EventBundle(EventRecord Event, IReadOnlyList<ClaimRecord> Claims, IReadOnlyList<QuantityRecord> Quantities)
{
    /// <summary>The kinds of the report's actors by canonical name (state, armed force, person, …), for ACLED's actor types.</summary>
    public IReadOnlyDictionary<string, string> ActorKinds { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The incident's casualty counts in this report: quantities in casualty units (data/web/casualty-units.tsv) that the
    /// event cites, or that its own sentence gives.
    /// </summary>
    public IReadOnlyList<QuantityRecord> Casualties { get; init; } = [];

    /// <summary>Deaths of the same incident as other sources give them (its fusion cluster), when this report gives none.</summary>
    public double? ClusterFatalities { get; init; }

    /// <summary>Injuries of the same incident as other sources give them.</summary>
    public double? ClusterInjured { get; init; }

    /// <summary>Reads the events of a query page by page, fetching claims, estimates and actors once per report.</summary>
    public static IEnumerable<EventBundle> Read(ISitrepStore store, FactQuery query, int max = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(query);
        var offset = query.Offset;
        var produced = 0;
        Dictionary<string, double>? clusterDeaths = null;
        Dictionary<string, double>? clusterInjured = null;
        while (produced < max)
        {
            var page = store.QueryEvents(query with { Offset = offset, Limit = Math.Min(2000, max - produced), CountCap = 1 }).Items;
            if (page.Count == 0)
            {
                yield break;
            }

            clusterDeaths ??= ClusterCasualties(store, CasualtyUnits.Fatalities);
            clusterInjured ??= ClusterCasualties(store, CasualtyUnits.Injured);
            foreach (var byArticle in page.GroupBy(e => e.ArticleId, StringComparer.Ordinal))
            {
                var claims = store.QueryClaims(new FactQuery { ArticleId = byArticle.Key, Limit = 10_000, CountCap = 1 }).Items;
                var quantities = store.QueryQuantities(new FactQuery { ArticleId = byArticle.Key, Limit = 10_000, CountCap = 1 }).Items;
                var actorKinds = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var a in store.ListActors(new FactQuery { ArticleId = byArticle.Key, Limit = 10_000 }))
                {
                    if (a.Kind is not null)
                    {
                        actorKinds.TryAdd(a.Name, a.Kind);
                    }
                }

                foreach (var e in byArticle)
                {
                    var qids = JsonSerializer.Deserialize<string[]>(e.QuantityIds) ?? [];
                    var cids = JsonSerializer.Deserialize<string[]>(e.ClaimIds) ?? [];
                    var cited = quantities.Where(q => qids.Contains(q.LocalId, StringComparer.Ordinal)).ToList();
                    var casualties = quantities.Where(q => CasualtyUnits.IsCasualty(q.Unit)
                        && (qids.Contains(q.LocalId, StringComparer.Ordinal) || (q.EvidenceStart < e.EvidenceEnd && e.EvidenceStart < q.EvidenceEnd))).ToList();
                    yield return new EventBundle(
                        e,
                        [.. claims.Where(c => c.EventLocalId == e.LocalId || cids.Contains(c.LocalId, StringComparer.Ordinal))],
                        cited)
                    {
                        ActorKinds = actorKinds,
                        Casualties = casualties,
                        ClusterFatalities = e.ClusterId is { } c1 && clusterDeaths.TryGetValue(c1, out var d) ? d : null,
                        ClusterInjured = e.ClusterId is { } c2 && clusterInjured.TryGetValue(c2, out var w) ? w : null,
                    };
                    produced++;
                }
            }

            offset += page.Count;
        }
    }

    /// <summary>
    /// ACLED's fatalities: the incident's count of the dead in this report, as the lower bound of the interval its hedge
    /// allows ("at least 12" is 12, "nearly 5,000" is 4,500, "up to 30" is 0: never the upper figure); else the most
    /// conservative count that other sources of the same incident give.
    /// </summary>
    public double? Fatalities => Count(CasualtyUnits.Fatalities)?.Value ?? ClusterFatalities;

    /// <summary>The casualty phrase the fatalities come from ("nearly 5,000 people"), when this report gives one.</summary>
    public string? FatalitiesText => Count(CasualtyUnits.Fatalities)?.Text;

    /// <summary>The incident's count of the injured, as <see cref="Fatalities"/>.</summary>
    public double? Injured => Count(CasualtyUnits.Injured)?.Value ?? ClusterInjured;

    private (double Value, string Text)? Count(string column)
    {
        var counts = Casualties.Where(q => CasualtyUnits.ColumnOf(q.Unit) == column)
            .Select(q => (Value: LowerBound(q.Point, q.Min, q.Max, q.Qualifier), q.Text)).Where(v => v.Value is not null).ToList();
        return counts.Count == 0 ? null : counts.OrderByDescending(v => v.Value).Select(v => (v.Value!.Value, v.Text)).First();
    }

    /// <summary>The lower bound of the interval a hedged count allows (Fusion's reading of the hedge); null without a number.</summary>
    public static double? LowerBound(double? point, double? min, double? max, string? qualifier) =>
        Sitrep.Storage.Fusion.FusionEngine.Interval(point, min, max, qualifier).Low is { } low ? Math.Floor(low) : null;

    /// <summary>Per fusion cluster, the lowest positive lower bound among its sources' counts in the column's units.</summary>
    private static Dictionary<string, double> ClusterCasualties(ISitrepStore store, string column)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var unit in CasualtyUnits.UnitsOf(column))
        {
            foreach (var e in store.ListEstimates(unit, null, null, 1_000_000))
            {
                if (e.ClusterId is null || LowerBound(e.Point, e.Min, e.Max, e.Qualifier) is not { } v || v <= 0)
                {
                    continue;
                }

                result[e.ClusterId] = result.TryGetValue(e.ClusterId, out var old) ? Math.Min(old, v) : v;
            }
        }

        return result;
    }

    /// <summary>Whether the coordinates are a real place (a town or district), not a province's or country's centre.</summary>
    public bool HasPointGeometry => Event.Lat is not null && Event.Lon is not null && Event.Precision is "point" or "adm2";
}

/// <summary>The quantity units that count casualties, by export column (data/web/casualty-units.tsv).</summary>
public static class CasualtyUnits
{
    public const string Fatalities = "fatalities";
    public const string Injured = "injured";

    private static readonly Lazy<Dictionary<string, string>> Columns = new(() =>
        Lexicon.Lines(typeof(CasualtyUnits).Assembly, "casualty-units.tsv")
            .Select(l => l.Split('\t', 2, StringSplitOptions.TrimEntries))
            .ToDictionary(c => c[1], c => c[0], StringComparer.OrdinalIgnoreCase));

    public static bool IsCasualty(string unit) => Columns.Value.ContainsKey(unit);

    public static string? ColumnOf(string unit) => Columns.Value.GetValueOrDefault(unit);

    public static IEnumerable<string> UnitsOf(string column) => Columns.Value.Where(kv => kv.Value == column).Select(kv => kv.Key);
}

/// <summary>Country names for ISO 3166-1 alpha-2 codes, from the embedded Natural Earth outlines.</summary>
public static class CountryNames
{
    private static readonly Lazy<(Dictionary<string, string> Numeric, Dictionary<string, string> Names)> Maps = new(Load);

    public static string? Name(string? alpha2) =>
        alpha2 is not null && Maps.Value.Numeric.TryGetValue(alpha2.ToUpperInvariant(), out var n) && Maps.Value.Names.TryGetValue(n, out var name) ? name : null;

    public static string? Numeric(string? alpha2) => alpha2 is not null && Maps.Value.Numeric.TryGetValue(alpha2.ToUpperInvariant(), out var n) ? n : null;

    /// <summary>The ISO alpha-2 code of a country given by its code or its Natural Earth name ("Ukraine"); null when neither.</summary>
    public static string? Alpha2(string? nameOrCode)
    {
        if (string.IsNullOrWhiteSpace(nameOrCode))
        {
            return null;
        }

        var text = nameOrCode.Trim();
        if (text.Length == 2 && Maps.Value.Numeric.ContainsKey(text.ToUpperInvariant()))
        {
            return text.ToUpperInvariant();
        }

        foreach (var (alpha2, numeric) in Maps.Value.Numeric)
        {
            if (Maps.Value.Names.TryGetValue(numeric, out var name) && string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                return alpha2;
            }
        }

        return null;
    }

    private static (Dictionary<string, string>, Dictionary<string, string>) Load()
    {
        var numeric = JsonSerializer.Deserialize<Dictionary<string, string>>(EmbeddedAssets.Find("iso-numeric.json")!.Bytes) ?? [];
        using var topo = JsonDocument.Parse(EmbeddedAssets.Find("vendor/countries-110m.json")!.Bytes);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var g in topo.RootElement.GetProperty("objects").GetProperty("countries").GetProperty("geometries").EnumerateArray())
        {
            if (g.TryGetProperty("id", out var id) && g.TryGetProperty("properties", out var p) && p.TryGetProperty("name", out var name))
            {
                names[id.GetString()!] = name.GetString()!;
            }
        }

        return (numeric, names);
    }
}
