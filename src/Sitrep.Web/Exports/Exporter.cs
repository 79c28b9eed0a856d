using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Sitrep.Storage;

namespace Sitrep.Web.Exports;

/// <summary>Export formats.</summary>
public enum ExportFormat
{
    GeoJson,
    Csv,
    Jsonl,
    Plover,
}

/// <summary>
/// Writes events with their sources in GeoJSON (QGIS), ACLED-style CSV, JSON Lines and PLOVER JSON. Province- and
/// country-level events never get a fake point: GeoJSON gives them null geometry with their precision and centre as
/// properties; CSV leaves country-level coordinates empty and keeps ACLED's geo_precision codes.
/// </summary>
public static class Exporter
{
    public static readonly string[] AcledColumns =
    [
        "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type", "actor1", "actor2", "iso", "country",
        "admin1", "location", "latitude", "longitude", "geo_precision", "source", "notes", "fatalities",
        "sitrep_plover_type", "sitrep_plover_mode", "sitrep_precision", "sitrep_article_id", "sitrep_evidence_start", "sitrep_evidence_end", "sitrep_url",
    ];

    /// <summary>
    /// The event's quantities after the ACLED columns, one value per quantity in each, separated by "; " and aligned:
    /// the phrase, its unit, its bounds (145, 1000-9999, &gt;=11000, &lt;=50000), its hedge, and who states it.
    /// </summary>
    public static readonly string[] QuantityColumns =
    [
        "sitrep_quantities", "sitrep_quantity_units", "sitrep_quantity_bounds", "sitrep_quantity_hedges", "sitrep_quantity_claimants",
    ];

    private static readonly Lazy<List<(string Type, string Mode, string EventType, string SubType)>> AcledMap = new(LoadAcledMap);

    public static ExportFormat ParseFormat(string text) => text.ToUpperInvariant() switch
    {
        "GEOJSON" => ExportFormat.GeoJson,
        "CSV" => ExportFormat.Csv,
        "JSONL" => ExportFormat.Jsonl,
        "PLOVER" => ExportFormat.Plover,
        _ => throw new ArgumentException($"unknown export format '{text}'; use geojson, csv, jsonl or plover"),
    };

    /// <summary>Writes every matching event; returns how many.</summary>
    public static int Write(ISitrepStore store, FactQuery query, ExportFormat format, Stream output)
    {
        var events = EventBundle.Read(store, query);
        return format switch
        {
            ExportFormat.GeoJson => WriteGeoJson(events, output),
            ExportFormat.Csv => WriteCsv(events, output),
            ExportFormat.Jsonl => WriteJsonl(events, output),
            _ => WritePlover(events, output),
        };
    }

    public static (string EventType, string SubType) Acled(string ploverType, string? mode)
    {
        foreach (var (type, m, eventType, subType) in AcledMap.Value)
        {
            if ((type == "*" || string.Equals(type, ploverType, StringComparison.OrdinalIgnoreCase))
                && (m.Length == 0 || (mode ?? "").Contains(m, StringComparison.OrdinalIgnoreCase)))
            {
                return (eventType, subType);
            }
        }

        return ("Strategic developments", "Other");
    }

    /// <summary>ACLED's geo_precision: 1 the named town, 2 a part of a region or nearby, 3 a province; none for coarser places.</summary>
    public static int? AcledGeoPrecision(string? precision) => precision switch
    {
        "point" => 1,
        "adm2" => 2,
        "adm1" => 3,
        _ => null,
    };

    private static int WriteGeoJson(IEnumerable<EventBundle> events, Stream output)
    {
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false });
        w.WriteStartObject();
        w.WriteString("type", "FeatureCollection");
        w.WriteStartObject("crs");
        w.WriteString("type", "name");
        w.WriteStartObject("properties");
        w.WriteString("name", "urn:ogc:def:crs:OGC:1.3:CRS84");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartArray("features");
        var n = 0;
        foreach (var b in events)
        {
            var e = b.Event;
            w.WriteStartObject();
            w.WriteString("type", "Feature");
            w.WriteString("id", e.Id);
            if (b.HasPointGeometry)
            {
                w.WriteStartObject("geometry");
                w.WriteString("type", "Point");
                w.WriteStartArray("coordinates");
                w.WriteNumberValue(e.Lon!.Value);
                w.WriteNumberValue(e.Lat!.Value);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("geometry");
            }

            w.WriteStartObject("properties");
            WriteCommonProperties(w, b);
            w.WriteEndObject();
            w.WriteEndObject();
            n++;
        }

        w.WriteEndArray();
        w.WriteEndObject();
        return n;
    }

    private static void WriteCommonProperties(Utf8JsonWriter w, EventBundle b)
    {
        var e = b.Event;
        var (acledType, acledSub) = Acled(e.Type, e.Mode);
        w.WriteString("event_id", e.Id);
        w.WriteString("event_date", e.Day);
        w.WriteString("time_precision", e.TimePrecision);
        w.WriteString("plover_type", e.Type);
        w.WriteString("plover_mode", e.Mode);
        w.WriteString("event_type", acledType);
        w.WriteString("sub_event_type", acledSub);
        w.WriteString("actor1", e.Actor);
        w.WriteString("actor2", e.Target);
        w.WriteString("country_code", e.Country);
        w.WriteString("country", CountryNames.Name(e.Country) ?? e.Country);
        w.WriteString("admin1", e.Admin1);
        w.WriteString("location", e.Location);
        // Province- and country-level centres are properties, never geometry, and say so.
        w.WriteString("geo_precision", e.Precision ?? "unknown");
        if (e.Lat is { } lat && e.Lon is { } lon)
        {
            w.WriteNumber(b.HasPointGeometry ? "latitude" : "centre_latitude", lat);
            w.WriteNumber(b.HasPointGeometry ? "longitude" : "centre_longitude", lon);
        }

        if (b.Fatalities is { } f)
        {
            w.WriteNumber("fatalities", f);
        }

        w.WriteString("source", e.Outlet);
        w.WriteString("article_id", e.ArticleId);
        w.WriteString("title", e.ArticleTitle);
        w.WriteString("url", SafeUrl(e.Url));
        w.WriteString("published", e.Published);
        w.WriteString("evidence", e.EvidenceText);
        w.WriteNumber("evidence_start", e.EvidenceStart);
        w.WriteNumber("evidence_end", e.EvidenceEnd);
        w.WriteString("claims", string.Join("; ", b.Claims.Select(c => $"{c.Source} {c.Verb} ({c.Stance})")));
        w.WriteString("estimates", string.Join("; ", b.Quantities.Select(q => $"{q.Text} [{q.Unit}]")));
        WriteQuantities(w, b);
    }

    /// <summary>Every quantity of the event with its unit, bounds, hedge and claimant (GeoJSON properties and JSON Lines).</summary>
    private static void WriteQuantities(Utf8JsonWriter w, EventBundle b)
    {
        w.WriteStartArray("quantities");
        foreach (var q in b.Quantities)
        {
            w.WriteStartObject();
            w.WriteString("text", q.Text);
            w.WriteString("unit", q.Unit.Length == 0 ? null : q.Unit);
            if (q.Point is { } p)
            {
                w.WriteNumber("point", Sitrep.Core.Serialization.AnalysisJson.Clean(p));
            }

            if (q.Min is { } mn)
            {
                w.WriteNumber("min", Sitrep.Core.Serialization.AnalysisJson.Clean(mn));
            }

            if (q.Max is { } mx)
            {
                w.WriteNumber("max", Sitrep.Core.Serialization.AnalysisJson.Clean(mx));
            }

            w.WriteString("qualifier", q.Qualifier);
            w.WriteString("claimant", Claimant(q, b));
            w.WriteString("kind", q.Kind ?? "count");
            if (q.Currency is not null)
            {
                w.WriteString("currency", q.Currency);
            }

            if (q.Per is not null)
            {
                w.WriteString("per", q.Per);
            }

            if (q.Owner is not null)
            {
                w.WriteString("owner", q.Owner);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>Who states a quantity: the claimant of its event's claim, else the outlet that reports it.</summary>
    private static string Claimant(QuantityRecord q, EventBundle b) => q.Claimant ?? q.Outlet ?? b.Event.Outlet ?? "the report";

    /// <summary>A quantity's bounds as one cell: 145, 1000-9999, &gt;=11000, &lt;=50000.</summary>
    public static string Bounds(double? point, double? min, double? max)
    {
        static string F(double v) => Sitrep.Core.Serialization.AnalysisJson.Clean(v).ToString("0.############", CultureInfo.InvariantCulture);
        return point is { } p ? F(p)
            : min is { } a && max is { } z ? $"{F(a)}-{F(z)}"
            : min is { } lo ? $">={F(lo)}"
            : max is { } hi ? $"<={F(hi)}"
            : "";
    }

    private static void WriteQuantityFields(CsvWriter csv, EventBundle b)
    {
        csv.WriteField(string.Join("; ", b.Quantities.Select(q => q.Text)));
        csv.WriteField(string.Join("; ", b.Quantities.Select(q => q.Per is null ? q.Unit : $"{q.Unit} per {q.Per}")));
        csv.WriteField(string.Join("; ", b.Quantities.Select(q => Bounds(q.Point, q.Min, q.Max))));
        csv.WriteField(string.Join("; ", b.Quantities.Select(q => q.Qualifier ?? "")));
        csv.WriteField(string.Join("; ", b.Quantities.Select(q => Claimant(q, b))));
    }

    private static int WriteCsv(IEnumerable<EventBundle> events, Stream output)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true);
        // Spreadsheet formula injection: cells starting with = + - @ are escaped.
        var config = new CsvWriterOptions { Injection = CsvInjection.Escape, FormatProvider = CultureInfo.InvariantCulture };
        using var csv = CsvWriter.Create(writer, config, true);
        foreach (var c in AcledColumns.Concat(QuantityColumns))
        {
            csv.WriteField(c);
        }

        csv.EndRecord();
        var n = 0;
        foreach (var b in events)
        {
            var e = b.Event;
            var (acledType, acledSub) = Acled(e.Type, e.Mode);
            var coarse = e.Precision is "country" or "region" or "unknown" or null;
            csv.WriteField(e.Id);
            csv.WriteField(e.Day);
            csv.WriteField(e.Day is { Length: >= 4 } d ? d[..4] : "");
            csv.WriteField(e.TimePrecision switch { "day" => "1", "week" => "2", "month" => "3", _ => "" });
            csv.WriteField(acledType);
            csv.WriteField(acledSub);
            csv.WriteField(e.Actor);
            csv.WriteField(e.Target);
            csv.WriteField(CountryNames.Numeric(e.Country)?.TrimStart('0'));
            csv.WriteField(CountryNames.Name(e.Country) ?? e.Country);
            csv.WriteField(e.Admin1);
            csv.WriteField(e.Location);
            csv.WriteField(coarse || e.Lat is null ? "" : e.Lat.Value.ToString("0.####", CultureInfo.InvariantCulture));
            csv.WriteField(coarse || e.Lon is null ? "" : e.Lon.Value.ToString("0.####", CultureInfo.InvariantCulture));
            csv.WriteField(AcledGeoPrecision(e.Precision)?.ToString(CultureInfo.InvariantCulture) ?? "");
            csv.WriteField(string.Join("; ", new[] { e.Outlet }.Concat(b.Claims.Select(c => c.Source)).Where(s => !string.IsNullOrEmpty(s)).Distinct(StringComparer.OrdinalIgnoreCase)));
            csv.WriteField(e.EvidenceText);
            csv.WriteField(b.Fatalities?.ToString("0", CultureInfo.InvariantCulture) ?? "");
            csv.WriteField(e.Type);
            csv.WriteField(e.Mode);
            csv.WriteField(e.Precision);
            csv.WriteField(e.ArticleId);
            csv.WriteField(e.EvidenceStart.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(e.EvidenceEnd.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(SafeUrl(e.Url));
            WriteQuantityFields(csv, b);
            csv.EndRecord();
            n++;
        }

        return n;
    }

    private static int WriteJsonl(IEnumerable<EventBundle> events, Stream output)
    {
        var n = 0;
        var newline = "\n"u8.ToArray();
        foreach (var b in events)
        {
            using (var w = new Utf8JsonWriter(output))
            {
                w.WriteStartObject();
                WriteCommonProperties(w, b);
                w.WritePropertyName("claim_records");
                JsonSerializer.Serialize(w, b.Claims, SitrepWebApp.Json);
                w.WritePropertyName("estimate_records");
                JsonSerializer.Serialize(w, b.Quantities, SitrepWebApp.Json);
                w.WriteEndObject();
            }

            output.Write(newline);
            n++;
        }

        return n;
    }

    /// <summary>PLOVER-style records (as in the PLOVER/POLECAT event data): type, mode, actor, recipient, location, source text.</summary>
    private static int WritePlover(IEnumerable<EventBundle> events, Stream output)
    {
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        w.WriteStartArray();
        var n = 0;
        foreach (var b in events)
        {
            var e = b.Event;
            w.WriteStartObject();
            w.WriteString("id", e.Id);
            w.WriteString("event_date", e.Day);
            w.WriteString("story_date", e.Published);
            w.WriteString("event_type", e.Type);
            w.WriteString("event_mode", e.Mode);
            w.WriteStartArray("contexts");
            w.WriteEndArray();
            w.WriteStartObject("actor");
            w.WriteString("name", e.Actor);
            w.WriteEndObject();
            w.WriteStartObject("recipient");
            w.WriteString("name", e.Target);
            w.WriteEndObject();
            w.WriteStartObject("location");
            w.WriteString("name", e.Location);
            w.WriteString("country", e.Country);
            w.WriteString("admin1", e.Admin1);
            w.WriteString("precision", e.Precision ?? "unknown");
            if (e.Lat is { } lat && e.Lon is { } lon)
            {
                w.WriteNumber("lat", lat);
                w.WriteNumber("lon", lon);
            }

            w.WriteEndObject();
            w.WriteStartObject("source");
            w.WriteString("outlet", e.Outlet);
            w.WriteString("title", e.ArticleTitle);
            w.WriteString("url", SafeUrl(e.Url));
            w.WriteString("article_id", e.ArticleId);
            w.WriteEndObject();
            w.WriteStartObject("evidence");
            w.WriteString("text", e.EvidenceText);
            w.WriteNumber("start", e.EvidenceStart);
            w.WriteNumber("end", e.EvidenceEnd);
            w.WriteEndObject();
            w.WriteStartArray("claims");
            foreach (var c in b.Claims)
            {
                w.WriteStartObject();
                w.WriteString("source", c.Source);
                w.WriteString("verb", c.Verb);
                w.WriteString("stance", c.Stance);
                w.WriteString("evidence", c.EvidenceText);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            n++;
        }

        w.WriteEndArray();
        return n;
    }

    /// <summary>Only http(s) URLs leave Sitrep as links; anything else (javascript:, data:) is dropped.</summary>
    public static string? SafeUrl(string? url) =>
        url is not null && Uri.TryCreate(url.Trim(), UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps) ? u.AbsoluteUri : null;

    private static List<(string, string, string, string)> LoadAcledMap()
    {
        using var stream = typeof(Exporter).Assembly.GetManifestResourceStream("Sitrep.Web.plover-acled.tsv")!;
        using var reader = new StreamReader(stream);
        var list = new List<(string, string, string, string)>();
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith('#') || line.Length == 0)
            {
                continue;
            }

            var f = line.Split('\t');
            list.Add((f[0], f[1], f[2], f[3]));
        }

        return list;
    }
}
