using System.Text.Json;
using Sitrep.Storage;
using Sitrep.Web.Assets;

namespace Sitrep.Web.Exports;

/// <summary>An event with the claims and estimates of its report that belong to it.</summary>
public sealed record EventBundle(EventRecord Event, IReadOnlyList<ClaimRecord> Claims, IReadOnlyList<QuantityRecord> Quantities)
{
    /// <summary>Reads the events of a query page by page, fetching claims and estimates once per report.</summary>
    public static IEnumerable<EventBundle> Read(ISitrepStore store, FactQuery query, int max = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(query);
        var offset = query.Offset;
        var produced = 0;
        while (produced < max)
        {
            var page = store.QueryEvents(query with { Offset = offset, Limit = Math.Min(2000, max - produced), CountCap = 1 }).Items;
            if (page.Count == 0)
            {
                yield break;
            }

            foreach (var byArticle in page.GroupBy(e => e.ArticleId, StringComparer.Ordinal))
            {
                var claims = store.QueryClaims(new FactQuery { ArticleId = byArticle.Key, Limit = 10_000, CountCap = 1 }).Items;
                var quantities = store.QueryQuantities(new FactQuery { ArticleId = byArticle.Key, Limit = 10_000, CountCap = 1 }).Items;
                foreach (var e in byArticle)
                {
                    var qids = JsonSerializer.Deserialize<string[]>(e.QuantityIds) ?? [];
                    var cids = JsonSerializer.Deserialize<string[]>(e.ClaimIds) ?? [];
                    yield return new EventBundle(
                        e,
                        [.. claims.Where(c => c.EventLocalId == e.LocalId || cids.Contains(c.LocalId, StringComparer.Ordinal))],
                        [.. quantities.Where(q => qids.Contains(q.LocalId, StringComparer.Ordinal))]);
                    produced++;
                }
            }

            offset += page.Count;
        }
    }

    /// <summary>Killed counts as ACLED's fatalities: the lower bound of the hedge, so "up to 30" never becomes 30.</summary>
    public double? Fatalities
    {
        get
        {
            var killed = Quantities.Where(q => q.Unit is "killed" or "deaths" or "fatalities" or "dead").ToList();
            if (killed.Count == 0)
            {
                return null;
            }

            return killed.Max(q => q.Min ?? (q.Qualifier is "up to" or "nearly" or "almost" or "under" ? null : q.Point) ?? 0);
        }
    }

    /// <summary>Whether the coordinates are a real place (a town or district), not a province's or country's centre.</summary>
    public bool HasPointGeometry => Event.Lat is not null && Event.Lon is not null && Event.Precision is "point" or "adm2";
}

/// <summary>Country names for ISO 3166-1 alpha-2 codes, from the embedded Natural Earth outlines.</summary>
public static class CountryNames
{
    private static readonly Lazy<(Dictionary<string, string> Numeric, Dictionary<string, string> Names)> Maps = new(Load);

    public static string? Name(string? alpha2) =>
        alpha2 is not null && Maps.Value.Numeric.TryGetValue(alpha2.ToUpperInvariant(), out var n) && Maps.Value.Names.TryGetValue(n, out var name) ? name : null;

    public static string? Numeric(string? alpha2) => alpha2 is not null && Maps.Value.Numeric.TryGetValue(alpha2.ToUpperInvariant(), out var n) ? n : null;

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
