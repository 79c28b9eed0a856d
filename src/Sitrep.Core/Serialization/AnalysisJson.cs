using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Sitrep.Core.Serialization;

/// <summary>
/// Writes a document's analysis in the `analyze --json` contract (docs/analysis-json.md). Field names and meanings
/// are a contract: add fields, never rename them.
/// </summary>
public static class AnalysisJson
{
    public static string Write(Document doc, bool indented = true, string? pipelineVersion = null)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(w, doc, pipelineVersion);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void Write(Utf8JsonWriter w, Document doc, string? pipelineVersion = null)
    {
        w.WriteStartObject();

        w.WriteStartObject("document");
        w.WriteString("id", doc.Id);
        WriteNullable(w, "title", doc.Title);
        WriteNullable(w, "published", doc.Published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        WriteNullable(w, "language", doc.Language);
        WriteNullable(w, "url", doc.Url);
        WriteNullable(w, "outlet", doc.Outlet);
        w.WriteNumber("length", doc.Text.Length);
        w.WriteNumber("tokens", doc.TokenCount);
        w.WriteNumber("sentence_count", doc.SentenceCount);
        if (pipelineVersion is not null)
        {
            w.WriteString("pipeline", pipelineVersion);
        }

        w.WriteEndObject();

        w.WriteStartArray("actors");
        foreach (var a in doc.Actors)
        {
            w.WriteStartObject();
            w.WriteString("id", a.Id);
            w.WriteString("name", a.Name);
            w.WriteString("kind", KindName(a.Kind));
            if (a.Affiliation is not null)
            {
                w.WriteString("affiliation", a.Affiliation);
            }

            if (a.Role is not null)
            {
                w.WriteString("role", a.Role);
            }

            WriteMentions(w, doc, a.Mentions);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("places");
        foreach (var p in doc.Places)
        {
            w.WriteStartObject();
            w.WriteString("id", p.Id);
            w.WriteString("name", p.Name);
            WriteNullable(w, "country", p.Country);
            WriteNullable(w, "lat", p.Lat);
            WriteNullable(w, "lon", p.Lon);
            w.WriteString("precision", PrecisionName(p.Precision));
            if (p.GeonameId is { } gid)
            {
                w.WriteNumber("geonameid", gid);
            }

            if (p.Admin1 is not null)
            {
                w.WriteString("admin1", p.Admin1);
            }

            if (p.FeatureClass is not null)
            {
                w.WriteString("feature_class", p.FeatureClass);
            }

            WriteMentions(w, doc, p.Mentions);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        var times = doc.Times.ToDictionary(t => t.Id, StringComparer.Ordinal);
        w.WriteStartArray("events");
        foreach (var e in doc.Events)
        {
            w.WriteStartObject();
            w.WriteString("id", e.Id);
            w.WriteString("type", e.Type);
            WriteNullable(w, "mode", e.Mode);
            WriteNullable(w, "actor", e.Actor);
            WriteNullable(w, "target", e.Target);
            WriteNullable(w, "location", e.Location);
            if (e.PlaceId is not null && doc.Places.FirstOrDefault(pl => pl.Id == e.PlaceId) is { } place)
            {
                w.WriteString("place", place.Id);
                w.WriteString("location_precision", PrecisionName(place.Precision));
            }
            else if (e.Location is not null)
            {
                w.WriteString("location_precision", PrecisionName(PlacePrecision.Unknown));
            }

            // a location below the resolved place ("the bus station"): the span that names it
            if (e.Site is { } site)
            {
                w.WritePropertyName("site");
                WriteSpan(w, doc, site);
            }

            if (e.TimeId is not null && times.TryGetValue(e.TimeId, out var t))
            {
                w.WritePropertyName("time");
                WriteTime(w, doc, t, includeId: false);
            }

            WriteIds(w, "quantities", e.QuantityIds);
            WriteIds(w, "claims", e.ClaimIds);
            if (e.Participants.Count > 0)
            {
                WriteIds(w, "participants", e.Participants);
            }

            if (e.Background)
            {
                w.WriteBoolean("background", true);
            }

            if (e.Trigger is { } trigger)
            {
                w.WritePropertyName("trigger");
                WriteSpan(w, doc, trigger);
            }

            w.WritePropertyName("evidence");
            WriteSpan(w, doc, e.Evidence);

            // the other spans that refer to the same act ("the bombing", "victims of the strike")
            var others = e.Mentions.Where(m => m != e.Trigger).Distinct().ToList();
            if (others.Count > 0)
            {
                WriteMentions(w, doc, others);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("quantities");
        foreach (var q in doc.Quantities)
        {
            w.WriteStartObject();
            w.WriteString("id", q.Id);
            w.WriteString("text", doc.TextOf(q.Span));
            w.WriteNumber("start", q.Span.Start);
            w.WriteNumber("end", q.Span.End);
            if (q.Unit.Length > 0)
            {
                w.WriteString("unit", q.Unit);
            }
            else
            {
                w.WriteNull("unit"); // a figure whose text names no unit
            }

            if (q.UnitText is not null)
            {
                w.WriteString("unit_text", q.UnitText);
            }

            WriteOptional(w, "point", q.Point);
            WriteOptional(w, "min", q.Min);
            WriteOptional(w, "max", q.Max);
            if (q.Qualifier is not null)
            {
                w.WriteString("qualifier", q.Qualifier);
            }

            if (q.Owner is not null)
            {
                w.WriteString("owner", q.Owner);
            }

            w.WriteString("kind", QuantityKindName(q.Kind));
            if (q.Measure is not null)
            {
                w.WriteString("measure", q.Measure);
            }

            if (q.Currency is not null)
            {
                w.WriteString("currency", q.Currency);
            }

            if (q.Per is not null)
            {
                w.WriteString("per", q.Per);
            }

            if (q.Noun is not null)
            {
                w.WriteString("noun", q.Noun);
            }

            if (q.Phrase is { } phrase)
            {
                w.WritePropertyName("phrase");
                WriteSpan(w, doc, phrase);
            }

            if (q.Mentions.Count > 0)
            {
                w.WriteStartArray("mentions");
                foreach (var m in q.Mentions)
                {
                    WriteSpan(w, doc, m);
                }

                w.WriteEndArray();
            }

            w.WritePropertyName("evidence");
            WriteSpan(w, doc, q.Evidence);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("claims");
        foreach (var c in doc.Claims)
        {
            w.WriteStartObject();
            w.WriteString("id", c.Id);
            w.WriteString("source", c.Source);
            w.WriteString("verb", c.Verb);
            w.WriteString("stance", c.Stance);
            if (c.EventId is not null)
            {
                w.WriteString("event", c.EventId);
            }

            if (c.Content is not null)
            {
                w.WriteString("content", c.Content);
            }

            if (c.QuantityIds.Count > 0)
            {
                WriteIds(w, "quantities", c.QuantityIds);
            }

            w.WritePropertyName("evidence");
            WriteSpan(w, doc, c.Evidence);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("times");
        foreach (var t in doc.Times)
        {
            WriteTime(w, doc, t, includeId: true);
        }

        w.WriteEndArray();

        w.WriteStartArray("mentions");
        foreach (var m in doc.Mentions)
        {
            w.WriteStartObject();
            w.WriteString("text", doc.TextOf(m.Span));
            w.WriteNumber("start", m.Span.Start);
            w.WriteNumber("end", m.Span.End);
            w.WriteString("type", m.Type);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteStartArray("sentences");
        foreach (var s in doc.Sentences())
        {
            var span = s.Span;
            w.WriteStartObject();
            w.WriteNumber("start", span.Start);
            w.WriteNumber("end", span.End);
            w.WriteEndObject();
        }

        w.WriteEndArray();

        w.WriteEndObject();
    }

    public static string KindName(ActorKind kind) => kind switch
    {
        ActorKind.State => "state",
        ActorKind.Person => "person",
        ActorKind.Organisation => "organisation",
        ActorKind.ArmedForce => "armed force",
        ActorKind.Group => "group",
        _ => "other",
    };

    public static string PrecisionName(PlacePrecision precision) => precision switch
    {
        PlacePrecision.Point => "point",
        PlacePrecision.Adm2 => "adm2",
        PlacePrecision.Adm1 => "adm1",
        PlacePrecision.Country => "country",
        PlacePrecision.Region => "region",
        _ => "unknown",
    };

    public static string TimePrecisionName(TimePrecision precision) => precision switch
    {
        TimePrecision.Day => "day",
        TimePrecision.Week => "week",
        TimePrecision.Month => "month",
        TimePrecision.Season => "season",
        TimePrecision.Year => "year",
        _ => "unknown",
    };

    private static void WriteTime(Utf8JsonWriter w, Document doc, TimeExpression t, bool includeId)
    {
        w.WriteStartObject();
        if (includeId)
        {
            w.WriteString("id", t.Id);
        }

        WriteNullable(w, "start", t.Start?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        WriteNullable(w, "end", t.End?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        w.WriteString("precision", TimePrecisionName(t.Precision));
        w.WriteString("text", doc.TextOf(t.Span));
        w.WriteNumber("start_offset", t.Span.Start);
        w.WriteNumber("end_offset", t.Span.End);
        w.WriteEndObject();
    }

    private static void WriteMentions(Utf8JsonWriter w, Document doc, List<TextSpan> mentions)
    {
        w.WriteStartArray("mentions");
        foreach (var m in mentions)
        {
            WriteSpan(w, doc, m);
        }

        w.WriteEndArray();
    }

    private static void WriteSpan(Utf8JsonWriter w, Document doc, TextSpan span)
    {
        w.WriteStartObject();
        w.WriteString("text", doc.TextOf(span));
        w.WriteNumber("start", span.Start);
        w.WriteNumber("end", span.End);
        w.WriteEndObject();
    }

    private static void WriteIds(Utf8JsonWriter w, string name, List<string> ids)
    {
        w.WriteStartArray(name);
        foreach (var id in ids)
        {
            w.WriteStringValue(id);
        }

        w.WriteEndArray();
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, Clean(v));
        }
    }

    /// <summary>A bound without binary noise: 110.00000000000001 is written 110 (twelve significant digits are kept).</summary>
    public static double Clean(double v) =>
        double.IsFinite(v) ? double.Parse(v.ToString("G12", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : v;

    /// <summary>The JSON name of a quantity kind: count, money, share, measure.</summary>
    public static string QuantityKindName(QuantityKind k) => k switch
    {
        QuantityKind.Money => "money",
        QuantityKind.Share => "share",
        QuantityKind.Measure => "measure",
        _ => "count",
    };
}
