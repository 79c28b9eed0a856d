using System.Globalization;
using System.Net;
using System.Text;
using Sitrep.Storage;
using Sitrep.Web.Analysis;
using Sitrep.Web.Exports;

namespace Sitrep.Web.Brief;

/// <summary>Server-side SVG images for the brief: a map of events and range charts of estimates. All text is escaped.</summary>
public static class Svg
{
    /// <summary>One colour per PLOVER type, the dashboard's (wwwroot/plover-colours.json).</summary>
    public static IReadOnlyDictionary<string, string> TypeColours => Colours.Value;

    private static readonly Lazy<Dictionary<string, string>> Colours = new(() =>
        System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(Assets.EmbeddedAssets.Find("plover-colours.json")!.Bytes)!);

    /// <summary>One colour per kind of claimant (official, media, NGO, the article itself, other), as on the dashboard.</summary>
    public static readonly IReadOnlyDictionary<string, string> KindColours = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [ClaimantKinds.Official] = "#1f4e9c", [ClaimantKinds.Media] = "#d97706", [ClaimantKinds.Ngo] = "#15803d", [ClaimantKinds.Article] = "#9d4edd", [ClaimantKinds.Other] = "#8a8f98",
    };

    public static string Colour(string type) => TypeColours.GetValueOrDefault(type) ?? TypeColours.GetValueOrDefault("OTHER") ?? "#555555";

    public static string Map(IReadOnlyList<EventRecord> events, int width = 720, int height = 420)
    {
        var located = events.Where(e => e.Lat is not null && e.Lon is not null).ToList();
        double west = -180, east = 180, south = -60, north = 80;
        if (located.Count > 0)
        {
            west = located.Min(e => e.Lon!.Value) - 4;
            east = located.Max(e => e.Lon!.Value) + 4;
            south = located.Min(e => e.Lat!.Value) - 3;
            north = located.Max(e => e.Lat!.Value) + 3;
            // keep the aspect of the image so the map is not stretched
            var wantLon = (north - south) * width / height;
            if (east - west < wantLon)
            {
                var mid = (east + west) / 2;
                (west, east) = (mid - wantLon / 2, mid + wantLon / 2);
            }
            else
            {
                var wantLat = (east - west) * height / width;
                var mid = (north + south) / 2;
                (south, north) = (mid - wantLat / 2, mid + wantLat / 2);
            }
        }

        string X(double lon) => F((lon - west) / (east - west) * width);
        string Y(double lat) => F((north - lat) / (north - south) * height);
        var shaded = events.Where(e => e.Precision is "country" or "region" && e.Country is not null)
            .GroupBy(e => CountryNames.Numeric(e.Country) ?? "", StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var sb = new StringBuilder();
        // The legend sits in a band under the map (six types a row), so it never hides what is drawn.
        var types = events.Select(e => e.Type).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        const int perRow = 6;
        var total = height + 8 + ((types.Count + perRow - 1) / perRow * 16);
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {total}\" width=\"{width}\" height=\"{total}\" role=\"img\" aria-label=\"Map of events\">");
        sb.Append(CultureInfo.InvariantCulture, $"<clipPath id=\"sitrep-map-area\"><rect width=\"{width}\" height=\"{height}\"/></clipPath><rect width=\"{width}\" height=\"{total}\" fill=\"#fff\"/><g clip-path=\"url(#sitrep-map-area)\">");
        sb.Append(CultureInfo.InvariantCulture, $"<rect width=\"{width}\" height=\"{height}\" fill=\"#cfe0ee\"/>");
        foreach (var (id, rings) in WorldOutlines.Countries)
        {
            if (!rings.Any(r => WorldOutlines.Copies(r).Any(shift => r.Any(p => p.Lon + shift >= west - 20 && p.Lon + shift <= east + 20 && p.Lat >= south - 20 && p.Lat <= north + 20))))
            {
                continue;
            }

            var fill = shaded.TryGetValue(id, out var list) ? Colour(list[0].Type) : "#eef0ea";
            var opacity = list is null ? "1" : "0.45";
            sb.Append("<path d=\"");
            foreach (var ring in rings)
            {
                // Rings are unwrapped at the antimeridian; a part past ±180 is drawn again on the other side of the map.
                foreach (var shift in WorldOutlines.Copies(ring))
                {
                    for (var i = 0; i < ring.Count; i++)
                    {
                        sb.Append(i == 0 ? 'M' : 'L').Append(X(ring[i].Lon + shift)).Append(',').Append(Y(ring[i].Lat));
                    }

                    sb.Append('Z');
                }
            }

            sb.Append(CultureInfo.InvariantCulture, $"\" fill=\"{fill}\" fill-opacity=\"{opacity}\" stroke=\"#8a9bb0\" stroke-width=\"0.6\"/>");
        }

        foreach (var e in located.Where(e => e.Precision is not ("country" or "region")))
        {
            var title = $"<title>{Esc($"{e.Type} {e.Actor} → {e.Target} @ {e.Location} ({e.Day})")}</title>";
            if (e.Precision == "adm1")
            {
                sb.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{X(e.Lon!.Value)}\" cy=\"{Y(e.Lat!.Value)}\" r=\"14\" fill=\"{Colour(e.Type)}\" fill-opacity=\"0.2\" stroke=\"{Colour(e.Type)}\" stroke-dasharray=\"4 3\">{title}</circle>");
            }
            else
            {
                sb.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{X(e.Lon!.Value)}\" cy=\"{Y(e.Lat!.Value)}\" r=\"4\" fill=\"{Colour(e.Type)}\" stroke=\"#222\" stroke-width=\"0.6\">{title}</circle>");
            }
        }

        sb.Append("<text x=\"").Append(width - 4).Append("\" y=\"").Append(height - 4).Append("\" font-size=\"9\" text-anchor=\"end\" font-family=\"sans-serif\">Natural Earth; dots places, dashed circles provinces, shading countries</text></g>");

        // The legend names every type on the map, each in its own colour.
        for (var i = 0; i < types.Count; i++)
        {
            var lx = 4 + (i % perRow * (width / perRow));
            var ly = height + 18 + (i / perRow * 16);
            sb.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{lx + 6}\" cy=\"{ly - 4}\" r=\"5\" fill=\"{Colour(types[i])}\" stroke=\"#222\" stroke-width=\"0.5\"/><text x=\"{lx + 16}\" y=\"{ly}\" font-size=\"11\" font-family=\"sans-serif\">{Esc(types[i])}</text>");
        }

        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>One unit's estimates as ranges (a dot at the point), one colour per kind of claimant.</summary>
    public static string Estimates(string unit, IReadOnlyList<QuantityRecord> estimates, IReadOnlyDictionary<string, string> kinds, int width = 720)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        var rows = estimates.Select(q => (q, r: Contradictions.Range(q.Point, q.Min, q.Max))).Where(x => x.r is not null).Take(12).ToList();
        var height = 58 + rows.Count * 22;
        var max = rows.Count == 0 ? 1 : rows.Max(x => x.r!.Value.Hi) * 1.1;
        const int left = 300;
        string X(double v) => F(left + v / max * (width - left - 20));
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"Estimates of {Esc(unit)}\" font-family=\"sans-serif\">");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"4\" y=\"14\" font-size=\"12\" font-weight=\"bold\">{Esc(unit)}</text>");
        sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left}\" x2=\"{width - 20}\" y1=\"{height - 34}\" y2=\"{height - 34}\" stroke=\"#999\"/>");
        sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{left}\" y=\"{height - 22}\" font-size=\"10\">0</text><text x=\"{width - 20}\" y=\"{height - 22}\" font-size=\"10\" text-anchor=\"end\">{Esc(Contradictions.Number(max))}</text>");
        var y = 30;
        foreach (var (q, r) in rows)
        {
            var who = ClaimantKinds.Label(q);
            var colour = KindColours[kinds.GetValueOrDefault(who, q.Claimant is null ? ClaimantKinds.Article : ClaimantKinds.Other)];
            // Names in full: a long label gets a smaller font, never a cut.
            var label = $"{who} ({q.Published}): {Contradictions.Describe(q)}";
            var size = label.Length > 52 ? 8 : 10;
            sb.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 6}\" y=\"{y + 4}\" font-size=\"{size}\" text-anchor=\"end\">{Esc(label)}</text>");
            sb.Append(CultureInfo.InvariantCulture, $"<line x1=\"{X(r!.Value.Lo)}\" x2=\"{X(r.Value.Hi)}\" y1=\"{y}\" y2=\"{y}\" stroke=\"{colour}\" stroke-width=\"8\" stroke-linecap=\"round\" stroke-opacity=\"0.7\"><title>{Esc(q.Text)}</title></line>");
            if (q.Point is { } p)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{X(p)}\" cy=\"{y}\" r=\"4\" fill=\"{colour}\"/>");
            }

            y += 22;
        }

        var kx = 4;
        foreach (var kind in ClaimantKinds.All.Where(k => rows.Any(x => kinds.GetValueOrDefault(ClaimantKinds.Label(x.q), x.q.Claimant is null ? ClaimantKinds.Article : ClaimantKinds.Other) == k)))
        {
            sb.Append(CultureInfo.InvariantCulture, $"<rect x=\"{kx}\" y=\"{height - 12}\" width=\"10\" height=\"10\" fill=\"{KindColours[kind]}\"/><text x=\"{kx + 14}\" y=\"{height - 3}\" font-size=\"10\">{Esc(KindName(kind))}</text>");
            kx += 24 + (KindName(kind).Length * 6);
        }

        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>How the legends name a kind of claimant.</summary>
    public static string KindName(string kind) => kind switch
    {
        ClaimantKinds.Ngo => "NGO / international / research",
        ClaimantKinds.Article => "the article itself",
        _ => kind,
    };

    public static string Esc(string? s) => WebUtility.HtmlEncode(s ?? "");

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
