using System.Text.Json;
using Sitrep.Web.Assets;

namespace Sitrep.Web.Brief;

/// <summary>Country outlines (Natural Earth 1:110m via world-atlas) decoded from the embedded TopoJSON, keyed by ISO numeric id.</summary>
public static class WorldOutlines
{
    private static readonly Lazy<IReadOnlyDictionary<string, List<List<(double Lon, double Lat)>>>> Rings = new(Load);

    /// <summary>Each country's rings (outer and holes) as lon/lat lists.</summary>
    public static IReadOnlyDictionary<string, List<List<(double Lon, double Lat)>>> Countries => Rings.Value;

    private static IReadOnlyDictionary<string, List<List<(double Lon, double Lat)>>> Load()
    {
        using var doc = JsonDocument.Parse(EmbeddedAssets.Find("vendor/countries-110m.json")!.Bytes);
        var root = doc.RootElement;
        var scale = root.GetProperty("transform").GetProperty("scale");
        var translate = root.GetProperty("transform").GetProperty("translate");
        var (sx, sy, tx, ty) = (scale[0].GetDouble(), scale[1].GetDouble(), translate[0].GetDouble(), translate[1].GetDouble());
        var arcs = new List<List<(double, double)>>();
        foreach (var arc in root.GetProperty("arcs").EnumerateArray())
        {
            long x = 0, y = 0;
            var points = new List<(double, double)>();
            foreach (var p in arc.EnumerateArray())
            {
                x += p[0].GetInt64();
                y += p[1].GetInt64();
                points.Add((x * sx + tx, y * sy + ty));
            }

            arcs.Add(points);
        }

        List<(double, double)> Ring(JsonElement indexes)
        {
            var ring = new List<(double, double)>();
            foreach (var i in indexes.EnumerateArray().Select(e => e.GetInt32()))
            {
                var arc = i >= 0 ? arcs[i] : Enumerable.Reverse(arcs[~i]).ToList();
                ring.AddRange(ring.Count == 0 ? arc : arc.Skip(1));
            }

            return ring;
        }

        var result = new Dictionary<string, List<List<(double, double)>>>(StringComparer.Ordinal);
        foreach (var g in root.GetProperty("objects").GetProperty("countries").GetProperty("geometries").EnumerateArray())
        {
            if (!g.TryGetProperty("id", out var id) || !g.TryGetProperty("arcs", out var a))
            {
                continue;
            }

            var rings = new List<List<(double, double)>>();
            var type = g.GetProperty("type").GetString();
            if (type == "Polygon")
            {
                rings.AddRange(a.EnumerateArray().Select(Ring));
            }
            else if (type == "MultiPolygon")
            {
                foreach (var poly in a.EnumerateArray())
                {
                    rings.AddRange(poly.EnumerateArray().Select(Ring));
                }
            }

            result[id.GetString()!] = rings;
        }

        return result;
    }
}
