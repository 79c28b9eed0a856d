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

/// <summary>What an export leaves out.</summary>
public sealed record ExportOptions
{
    /// <summary>GeoJSON: leave out events known only to a province or a country (no area centroids as points).</summary>
    public bool PreciseOnly { get; init; }
}

/// <summary>
/// Writes events with their sources in GeoJSON (QGIS), ACLED-style CSV, JSON Lines and PLOVER JSON. The CSV has ACLED's
/// columns, names and codes (docs/acled-export.md) followed by sitrep_* columns. GeoJSON places province- and
/// country-level events at their area's centroid and says so in a <c>precision</c> property (or leaves them out); it has
/// no <c>crs</c> member (RFC 7946: WGS 84 longitude, latitude).
/// </summary>
public static class Exporter
{
    /// <summary>ACLED's columns in ACLED's order, then Sitrep's own.</summary>
    public static readonly string[] AcledColumns =
    [
        "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
        "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
        "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
        "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
        "sitrep_plover_type", "sitrep_plover_mode", "sitrep_precision", "sitrep_background", "sitrep_sources", "sitrep_injured",
        "sitrep_article_id", "sitrep_evidence_start", "sitrep_evidence_end", "sitrep_url",
    ];

    /// <summary>
    /// The event's quantities after the ACLED columns, one value per quantity in each, separated by "; " and aligned:
    /// the phrase, its unit, its bounds (145, 1000-9999, &gt;=11000, &lt;=50000), its hedge, and who states it.
    /// </summary>
    public static readonly string[] QuantityColumns =
    [
        "sitrep_quantities", "sitrep_quantity_units", "sitrep_quantity_bounds", "sitrep_quantity_hedges", "sitrep_quantity_claimants",
    ];

    private static readonly Lazy<List<(string Type, string Mode, string Disorder, string EventType, string SubType)>> AcledMap = new(LoadAcledMap);

    public static ExportFormat ParseFormat(string text) => text.ToUpperInvariant() switch
    {
        "GEOJSON" => ExportFormat.GeoJson,
        "CSV" => ExportFormat.Csv,
        "JSONL" => ExportFormat.Jsonl,
        "PLOVER" => ExportFormat.Plover,
        _ => throw new ArgumentException($"unknown export format '{text}'; use geojson, csv, jsonl or plover"),
    };

    /// <summary>Writes every matching event (at most the query's limit); returns how many.</summary>
    public static int Write(ISitrepStore store, FactQuery query, ExportFormat format, Stream output, ExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(query);
        var events = EventBundle.Read(store, query, Math.Max(0, query.Limit));
        return format switch
        {
            ExportFormat.GeoJson => WriteGeoJson(events, output, options ?? new ExportOptions()),
            ExportFormat.Csv => WriteCsv(events, output),
            ExportFormat.Jsonl => WriteJsonl(events, output),
            _ => WritePlover(events, output),
        };
    }

    /// <summary>ACLED's event type and sub-event type for a PLOVER type and mode.</summary>
    public static (string EventType, string SubType) Acled(string ploverType, string? mode)
    {
        var (_, eventType, subType) = AcledTypes(ploverType, mode);
        return (eventType, subType);
    }

    /// <summary>ACLED's disorder type, event type and sub-event type for a PLOVER type and mode (plover-acled.tsv).</summary>
    public static (string Disorder, string EventType, string SubType) AcledTypes(string ploverType, string? mode)
    {
        foreach (var (type, m, disorder, eventType, subType) in AcledMap.Value)
        {
            if ((type == "*" || string.Equals(type, ploverType, StringComparison.OrdinalIgnoreCase))
                && (m.Length == 0 || (mode ?? "").Contains(m, StringComparison.OrdinalIgnoreCase)))
            {
                return (disorder, eventType, subType);
            }
        }

        return ("Strategic developments", "Strategic developments", "Other");
    }

    /// <summary>
    /// ACLED's geo_precision: 1 the named town or village, 2 a part of a district or a place near it, 3 a province or a
    /// larger area (its centroid); none when the place is unknown or a supranational region.
    /// </summary>
    public static int? AcledGeoPrecision(string? precision) => precision switch
    {
        "point" => 1,
        "adm2" => 2,
        "adm1" or "country" => 3,
        _ => null,
    };

    /// <summary>ACLED's time_precision: 1 the day, 2 the week (or the days before the report), 3 the month or longer.</summary>
    public static int AcledTimePrecision(string? timePrecision) => timePrecision switch
    {
        "day" => 1,
        "week" or null or "" => 2,
        _ => 3,
    };

    /// <summary>
    /// The coordinates an export gives an event: its place's point, or for a province or a country the area's centroid
    /// (the gazetteer's, else the centroid of the country's outline); null for an unplaced event.
    /// </summary>
    public static (double Lat, double Lon)? Coordinates(EventRecord e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Lat is { } lat && e.Lon is { } lon)
        {
            return (lat, lon);
        }

        return e.Precision is "country" && CountryNames.Numeric(e.Country) is { } numeric ? Brief.WorldOutlines.Centroid(numeric) : null;
    }

    private static int WriteGeoJson(IEnumerable<EventBundle> events, Stream output, ExportOptions options)
    {
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false });
        w.WriteStartObject();
        w.WriteString("type", "FeatureCollection");
        w.WriteStartArray("features");
        var n = 0;
        foreach (var b in events)
        {
            var e = b.Event;
            var coarse = !b.HasPointGeometry;
            if (options.PreciseOnly && coarse)
            {
                continue;
            }

            w.WriteStartObject();
            w.WriteString("type", "Feature");
            w.WriteString("id", e.Id);
            if (Coordinates(e) is { } at && e.Precision is "point" or "adm2" or "adm1" or "country")
            {
                w.WriteStartObject("geometry");
                w.WriteString("type", "Point");
                w.WriteStartArray("coordinates");
                w.WriteNumberValue(Math.Round(at.Lon, 5));
                w.WriteNumberValue(Math.Round(at.Lat, 5));
                w.WriteEndArray();
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("geometry"); // no place, or a supranational region: nothing honest to draw
            }

            w.WriteStartObject("properties");
            // "precision" says what the point is: the place itself (point, adm2) or an area's centroid (adm1, country).
            w.WriteString("precision", e.Precision ?? "unknown");
            w.WriteBoolean("centroid", coarse && e.Precision is "adm1" or "country");
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
        var acled = AcledRow.Of(b);
        w.WriteString("event_id", e.Id);
        w.WriteString("event_date", e.Day);
        w.WriteString("time_precision", e.TimePrecision);
        w.WriteString("plover_type", e.Type);
        w.WriteString("plover_mode", e.Mode);
        w.WriteString("disorder_type", acled.Disorder);
        w.WriteString("event_type", acled.EventType);
        w.WriteString("sub_event_type", acled.SubType);
        w.WriteString("actor1", e.Actor);
        w.WriteString("actor2", e.Target);
        w.WriteString("country_code", e.Country);
        w.WriteString("country", CountryNames.Name(e.Country) ?? e.Country);
        w.WriteString("admin1", acled.Admin1);
        w.WriteString("admin2", acled.Admin2);
        w.WriteString("location", e.Location);
        if (AcledGeoPrecision(e.Precision) is { } gp)
        {
            w.WriteNumber("geo_precision", gp);
        }
        else
        {
            w.WriteNull("geo_precision");
        }

        w.WriteBoolean("background", e.Background);
        if (e.Sources is { } sources)
        {
            w.WriteNumber("sources", sources);
        }

        if (b.Fatalities is { } f)
        {
            w.WriteNumber("fatalities", f);
        }

        if (b.Injured is { } injured)
        {
            w.WriteNumber("injured", injured);
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

    /// <summary>
    /// One CSV cell: a text that a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage
    /// return) gets a leading apostrophe, unless it is a plain number.
    /// </summary>
    private static void Cell(CsvWriter csv, string? value) => csv.WriteField(Defused(value));

    internal static string? Defused(string? value) =>
        value is { Length: > 0 } v && v[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
            && !double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            ? "'" + v
            : value;

    private static void WriteQuantityFields(CsvWriter csv, EventBundle b)
    {
        Cell(csv, string.Join("; ", b.Quantities.Select(q => q.Text)));
        Cell(csv, string.Join("; ", b.Quantities.Select(q => q.Per is null ? q.Unit : $"{q.Unit} per {q.Per}")));
        Cell(csv, string.Join("; ", b.Quantities.Select(q => Bounds(q.Point, q.Min, q.Max))));
        Cell(csv, string.Join("; ", b.Quantities.Select(q => q.Qualifier ?? "")));
        Cell(csv, string.Join("; ", b.Quantities.Select(q => Claimant(q, b))));
    }

    private static int WriteCsv(IEnumerable<EventBundle> events, Stream output)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true);
        // Spreadsheet formula injection: text cells starting with = + - @ (or a tab or carriage return) are escaped by
        // Cell; numbers ("-97.5" longitudes) are written as numbers so spreadsheets and pandas read them as such.
        var config = new CsvWriterOptions { Injection = CsvInjection.None, FormatProvider = CultureInfo.InvariantCulture };
        using var csv = CsvWriter.Create(writer, config, true);
        foreach (var c in AcledColumns.Concat(QuantityColumns))
        {
            Cell(csv, c);
        }

        csv.EndRecord();
        var n = 0;
        foreach (var b in events)
        {
            var e = b.Event;
            var a = AcledRow.Of(b);
            var at = Coordinates(e);
            var geo = AcledGeoPrecision(e.Precision);
            Cell(csv, e.Id);
            Cell(csv, e.Day);
            Cell(csv, e.Day is { Length: >= 4 } d ? d[..4] : "");
            Cell(csv, AcledTimePrecision(e.TimePrecision).ToString(CultureInfo.InvariantCulture));
            Cell(csv, a.Disorder);
            Cell(csv, a.EventType);
            Cell(csv, a.SubType);
            Cell(csv, e.Actor);
            Cell(csv, "");
            Cell(csv, a.Inter1?.ToString(CultureInfo.InvariantCulture) ?? "");
            Cell(csv, e.Target);
            Cell(csv, "");
            Cell(csv, a.Inter2?.ToString(CultureInfo.InvariantCulture) ?? "");
            Cell(csv, a.Interaction?.ToString(CultureInfo.InvariantCulture) ?? "");
            Cell(csv, a.CivilianTargeting ? "Civilian targeting" : "");
            Cell(csv, CountryNames.Numeric(e.Country)?.TrimStart('0'));
            Cell(csv, "");
            Cell(csv, CountryNames.Name(e.Country) ?? e.Country);
            Cell(csv, a.Admin1);
            Cell(csv, a.Admin2);
            Cell(csv, "");
            Cell(csv, e.Location ?? (e.Precision == "country" ? CountryNames.Name(e.Country) : null));
            Cell(csv, geo is null || at is null ? "" : at.Value.Lat.ToString("0.####", CultureInfo.InvariantCulture));
            Cell(csv, geo is null || at is null ? "" : at.Value.Lon.ToString("0.####", CultureInfo.InvariantCulture));
            Cell(csv, geo?.ToString(CultureInfo.InvariantCulture) ?? "");
            Cell(csv, string.Join("; ", new[] { e.Outlet }.Concat(b.Claims.Select(c => c.Source)).Where(s => !string.IsNullOrEmpty(s)).Distinct(StringComparer.OrdinalIgnoreCase)));
            Cell(csv, "");
            Cell(csv, e.EvidenceText);
            Cell(csv, (b.Fatalities ?? 0).ToString("0", CultureInfo.InvariantCulture));
            Cell(csv, b.Fatalities is null ? "no casualty count" : b.FatalitiesText is { } said ? $"fatalities: lower bound of \"{said}\"" : "fatalities: from other sources of the incident");
            Cell(csv, Timestamp(e.AnalysedAt));
            Cell(csv, e.Type);
            Cell(csv, e.Mode);
            Cell(csv, e.Precision);
            Cell(csv, e.Background ? "1" : "0");
            Cell(csv, e.Sources?.ToString(CultureInfo.InvariantCulture) ?? "");
            Cell(csv, b.Injured?.ToString("0", CultureInfo.InvariantCulture) ?? "");
            Cell(csv, e.ArticleId);
            Cell(csv, e.EvidenceStart.ToString(CultureInfo.InvariantCulture));
            Cell(csv, e.EvidenceEnd.ToString(CultureInfo.InvariantCulture));
            Cell(csv, SafeUrl(e.Url));
            WriteQuantityFields(csv, b);
            csv.EndRecord();
            n++;
        }

        return n;
    }

    /// <summary>ACLED's timestamp: Unix seconds of the last change to the row (here: when its analysis was stored).</summary>
    private static string Timestamp(string? analysedAt) =>
        DateTimeOffset.TryParse(analysedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)
            : "";

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

    private static List<(string, string, string, string, string)> LoadAcledMap()
    {
        using var stream = typeof(Exporter).Assembly.GetManifestResourceStream("Sitrep.Web.plover-acled.tsv")!;
        using var reader = new StreamReader(stream);
        var list = new List<(string, string, string, string, string)>();
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith('#') || line.Length == 0)
            {
                continue;
            }

            var f = line.Split('\t');
            if (f.Length < 5)
            {
                throw new InvalidDataException($"plover-acled.tsv: line '{line}' needs 5 tab-separated columns");
            }

            list.Add((f[0], f[1], f[2], f[3], f[4]));
        }

        return list;
    }
}
