using System.Text.Json;
using Sitrep.Web.Assets;

namespace Sitrep.Web.Brief;

/// <summary>
/// Country outlines (Natural Earth 1:110m via world-atlas) decoded from the embedded TopoJSON, keyed by ISO numeric id.
/// Rings that cross the antimeridian are unwrapped (longitudes run on past ±180 instead of jumping across the map), so
/// a map draws them whole and, where they run past the edge, once more shifted by 360° (<see cref="Copies"/>).
/// </summary>
public static class WorldOutlines
{
    private static readonly Lazy<IReadOnlyDictionary<string, List<List<(double Lon, double Lat)>>>> Rings = new(Load);

    /// <summary>Each country's rings (outer and holes) as lon/lat lists, unwrapped at the antimeridian.</summary>
    public static IReadOnlyDictionary<string, List<List<(double Lon, double Lat)>>> Countries => Rings.Value;

    /// <summary>
    /// The longitude shifts at which to draw a ring so that every part of it that lies on the globe shows: 0, and ±360
    /// when the unwrapped ring runs past +180 or -180.
    /// </summary>
    public static IEnumerable<double> Copies(List<(double Lon, double Lat)> ring)
    {
        ArgumentNullException.ThrowIfNull(ring);
        yield return 0;
        if (ring.Count > 0 && ring.Max(p => p.Lon) > 180)
        {
            yield return -360;
        }

        if (ring.Count > 0 && ring.Min(p => p.Lon) < -180)
        {
            yield return 360;
        }
    }

    /// <summary>A country's centroid (of its largest polygon, by area), for events known only to the country; null when unknown.</summary>
    public static (double Lat, double Lon)? Centroid(string isoNumeric)
    {
        if (!Countries.TryGetValue(isoNumeric, out var rings) || rings.Count == 0)
        {
            return null;
        }

        (double Area, double Lon, double Lat)? best = null;
        foreach (var ring in rings)
        {
            double a = 0, cx = 0, cy = 0;
            for (var i = 0; i < ring.Count; i++)
            {
                var (x0, y0) = ring[i];
                var (x1, y1) = ring[(i + 1) % ring.Count];
                var cross = (x0 * y1) - (x1 * y0);
                a += cross;
                cx += (x0 + x1) * cross;
                cy += (y0 + y1) * cross;
            }

            if (Math.Abs(a) < 1e-12)
            {
                continue;
            }

            var area = Math.Abs(a / 2);
            if (best is null || area > best.Value.Area)
            {
                best = (area, cx / (3 * a), cy / (3 * a));
            }
        }

        if (best is not { } b)
        {
            return null;
        }

        var lon = b.Lon > 180 ? b.Lon - 360 : b.Lon < -180 ? b.Lon + 360 : b.Lon;
        return (Math.Round(b.Lat, 4), Math.Round(lon, 4));
    }

    /// <summary>Makes longitudes continuous along a ring: a step of more than 180° is a crossing of the antimeridian.</summary>
    public static List<(double Lon, double Lat)> Unwrap(List<(double Lon, double Lat)> ring)
    {
        ArgumentNullException.ThrowIfNull(ring);
        var result = new List<(double Lon, double Lat)>(ring.Count);
        var shift = 0.0;
        for (var i = 0; i < ring.Count; i++)
        {
            if (i > 0)
            {
                var step = ring[i].Lon - ring[i - 1].Lon;
                if (step > 180)
                {
                    shift -= 360;
                }
                else if (step < -180)
                {
                    shift += 360;
                }
            }

            result.Add((ring[i].Lon + shift, ring[i].Lat));
        }

        return result;
    }

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

            return Unwrap(ring);
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
