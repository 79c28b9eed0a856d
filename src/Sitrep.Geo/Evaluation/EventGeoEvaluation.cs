using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Sitrep.Geo.Evaluation;

/// <summary>Figures of the event-location evaluation for one source file. Rates are fractions 0..1.</summary>
public sealed record EventGeoSetResult(string Set, int Rows, int Evaluated, int Located, double Acc25Km, double Acc100Km, double MedianErrorKm, int AllRowsLocated, double AllAcc25Km, double AllAcc100Km);

/// <summary>The event-location evaluation over CIR and UCDP rows.</summary>
public sealed record EventGeoEvalResult(IReadOnlyList<EventGeoSetResult> Sets, double Seconds)
{
    public string ToJson()
    {
        var o = new Dictionary<string, object?>();
        foreach (var s in Sets)
        {
            o[s.Set] = new Dictionary<string, object>
            {
                ["rows"] = s.Rows,
                ["evaluated"] = s.Evaluated,
                ["located"] = s.Located,
                ["acc_25km"] = Math.Round(s.Acc25Km, 4),
                ["acc_100km"] = Math.Round(s.Acc100Km, 4),
                ["median_error_km"] = Math.Round(s.MedianErrorKm, 1),
                ["all_rows_located"] = s.AllRowsLocated,
                ["all_rows_acc_25km"] = Math.Round(s.AllAcc25Km, 4),
                ["all_rows_acc_100km"] = Math.Round(s.AllAcc100Km, 4),
            };
        }

        if (Sets.Count > 0)
        {
            o["acc_25km"] = Math.Round(Sets[0].Acc25Km, 4);
            o["acc_100km"] = Math.Round(Sets[0].Acc100Km, 4);
        }

        o["seconds"] = Math.Round(Seconds, 2);
        return JsonSerializer.Serialize(o);
    }

    public string ToTable()
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"{"set",-6} {"rows",6} {"eval",6} {"located",8} {"@25km",6} {"@100km",7} {"median",7} | all rows: {"located",8} {"@25km",6} {"@100km",7}");
        foreach (var s in Sets)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"{s.Set,-6} {s.Rows,6} {s.Evaluated,6} {s.Located,8} {s.Acc25Km,6:F3} {s.Acc100Km,7:F3} {s.MedianErrorKm,7:F1} |           {s.AllRowsLocated,8} {s.AllAcc25Km,6:F3} {s.AllAcc100Km,7:F3}");
        }

        sb.Append("eval rows: CIR descriptions that name their town/city; UCDP rows with where_prec 1 (exact place). Unlocated rows count as misses.");
        return sb.ToString();
    }
}

/// <summary>Locates each short event text (CIR description, UCDP headline + where_description) and measures the distance to the given point.</summary>
public static class EventGeoEvaluation
{
    public static EventGeoEvalResult Run(IGazetteer gazetteer, string? cirPath, string? ucdpPath, int showErrors = 0, TextWriter? log = null)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var resolver = new PlaceResolver(gazetteer);
        var sets = new List<EventGeoSetResult>();
        if (cirPath is not null)
        {
            var rows = Csv.ReadWithHeader(cirPath);
            var items = rows.Select(r => (Text: Get(r, "brief description", cirPath), Town: Get(r, "town/city", cirPath), Lat: Num(Get(r, "lat", cirPath)), Lon: Num(Get(r, "lon", cirPath))))
                .Where(x => x.Lat is not null && x.Lon is not null)
                .Select(x => (x.Text, Eval: x.Town.Length > 0 && Contains(x.Text, x.Town), Lat: x.Lat!.Value, Lon: x.Lon!.Value));
            sets.Add(Measure("cir", resolver, items, showErrors, log));
        }

        if (ucdpPath is not null)
        {
            var rows = Csv.ReadWithHeader(ucdpPath);
            var items = rows.Select(r => (Text: Get(r, "source_headline", ucdpPath) + ". " + Get(r, "where_description", ucdpPath), Prec: Get(r, "where_prec", ucdpPath), Lat: Num(Get(r, "latitude", ucdpPath)), Lon: Num(Get(r, "longitude", ucdpPath))))
                .Where(x => x.Lat is not null && x.Lon is not null)
                .Select(x => (x.Text, Eval: x.Prec == "1", Lat: x.Lat!.Value, Lon: x.Lon!.Value));
            sets.Add(Measure("ucdp", resolver, items, showErrors, log));
        }

        return new EventGeoEvalResult(sets, sw.Elapsed.TotalSeconds);
    }

    /// <summary>The place of a short event text: the most precise resolved place, the last one among equals (descriptions end with the place).</summary>
    public static GazetteerEntry? Locate(PlaceResolver resolver, string text)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        ArgumentNullException.ThrowIfNull(text);
        var tops = resolver.Recognizer.Recognize(text, null);
        var resolved = resolver.Resolve(text, tops);
        GazetteerEntry? best = null;
        foreach (var r in resolved)
        {
            if (r.Entry is { HasPoint: true } e && (best is null || e.Precision <= best.Precision))
            {
                best = e;
            }
        }

        return best;
    }

    private static EventGeoSetResult Measure(string set, PlaceResolver resolver, IEnumerable<(string Text, bool Eval, double Lat, double Lon)> items, int showErrors, TextWriter? log)
    {
        int rows = 0, evaluated = 0, located = 0, in25 = 0, in100 = 0, allLocated = 0, all25 = 0, all100 = 0, shown = 0;
        var errs = new List<double>();
        foreach (var (text, eval, lat, lon) in items)
        {
            rows++;
            var e = Locate(resolver, text);
            double? d = e is null ? null : GeoMath.DistanceKm(lat, lon, e.Lat, e.Lon);
            if (d is { } dd)
            {
                allLocated++;
                all25 += dd <= 25 ? 1 : 0;
                all100 += dd <= 100 ? 1 : 0;
            }

            if (!eval)
            {
                continue;
            }

            evaluated++;
            if (d is { } dist)
            {
                located++;
                errs.Add(dist);
                in25 += dist <= 25 ? 1 : 0;
                in100 += dist <= 100 ? 1 : 0;
            }

            if ((d is null || d > 25) && shown < showErrors && log is not null)
            {
                shown++;
                log.WriteLine($"[{set}] '{text}' → {e?.Name} {e?.FeatureClass} {e?.Country}.{e?.Admin1} {(d is null ? "none" : $"{d:F0} km")}");
            }
        }

        var sorted = errs.Order().ToArray();
        return new EventGeoSetResult(set, rows, evaluated, located,
            evaluated == 0 ? 0 : (double)in25 / evaluated, evaluated == 0 ? 0 : (double)in100 / evaluated,
            sorted.Length == 0 ? 0 : sorted[sorted.Length / 2], allLocated,
            rows == 0 ? 0 : (double)all25 / rows, rows == 0 ? 0 : (double)all100 / rows);
    }

    private static bool Contains(string text, string town) => (" " + GeoText.Fold(text) + " ").Contains(" " + GeoText.Fold(town) + " ", StringComparison.Ordinal);

    private static string Get(Dictionary<string, string> row, string column, string path) =>
        row.TryGetValue(column, out var v) ? v : throw new InvalidDataException($"'{path}' has no column '{column}'");

    private static double? Num(string s) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
}

/// <summary>A small RFC 4180 reader (quoted fields, doubled quotes, newlines inside quotes).</summary>
internal static class Csv
{
    public static List<Dictionary<string, string>> ReadWithHeader(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"CSV file '{path}' not found", path);
        }

        var records = Parse(File.ReadAllText(path)).ToList();
        if (records.Count == 0)
        {
            throw new InvalidDataException($"CSV file '{path}' is empty");
        }

        var header = records[0];
        var rows = new List<Dictionary<string, string>>(records.Count - 1);
        foreach (var r in records.Skip(1))
        {
            var d = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Count; i++)
            {
                d[header[i]] = i < r.Count ? r[i] : string.Empty;
            }

            rows.Add(d);
        }

        return rows;
    }

    private static IEnumerable<List<string>> Parse(string text)
    {
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                row.Add(field.ToString());
                field.Clear();
                yield return row;
                row = [];
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            yield return row;
        }
    }
}
