using System.Globalization;
using Sitrep.Core;
using Sitrep.Core.Serialization;

namespace Sitrep.Cli.Commands;

/// <summary>Human-readable printing of analyses.</summary>
public static class Report
{
    /// <summary>
    /// The text line by line with what the content stage decided: "+" kept as the report's own text, "-" dropped (with
    /// the reason), so a user can see why a fact is missing.
    /// </summary>
    public static void PrintContent(Document doc, TextWriter w)
    {
        if (doc.Content is not { } content)
        {
            w.WriteLine("(the pipeline has no content stage: every line is analysed)");
            return;
        }

        var width = Math.Max(6, content.Blocks.Select(b => b.Reason.Length).DefaultIfEmpty(0).Max());
        foreach (var b in content.Blocks)
        {
            var line = doc.Text[b.Span.Start..b.Span.End];
            w.WriteLine(b.Kept
                ? $"+ [{b.Span.Start,8}] {b.Reason.PadRight(width)} | {line}"
                : $"- [{b.Span.Start,8}] {b.Reason.PadRight(width)} | {line}");
        }

        var total = doc.Text.Length;
        w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"kept {content.KeptChars:N0} of {total:N0} characters in {content.Blocks.Count(b => b.Kept)} of {content.Blocks.Count} lines; {doc.SentenceCount} sentences, {doc.Events.Count} events, {doc.Quantities.Count} quantities, {doc.Claims.Count} claims from the kept text"));
    }

    public static void PrintDocument(Document doc, TextWriter? output = null)
    {
        var w = output ?? Console.Out;
        w.WriteLine($"document {doc.Id}  {doc.Title ?? "(no title)"}  published {doc.Published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "unknown"}  language {doc.Language ?? "unknown"}");
        w.WriteLine($"  {doc.TokenCount} tokens in {doc.SentenceCount} sentences");
        Section(w, "actors", doc.Actors.Select(a => $"{a.Name} ({AnalysisJson.KindName(a.Kind)}{(a.Affiliation is null ? "" : ", " + a.Affiliation)}): {string.Join(" | ", a.Mentions.Select(doc.TextOf).Distinct(StringComparer.Ordinal))}"));
        Section(w, "places", doc.Places.Select(p => $"{p.Name} [{AnalysisJson.PrecisionName(p.Precision)}] {p.Country} {Coord(p.Lat)},{Coord(p.Lon)}"));
        Section(w, "events", doc.Events.Select(e => $"{e.Id} {e.Type}/{e.Mode}: {e.Actor ?? "?"} -> {e.Target ?? "-"} @ {e.Location ?? "-"}  \"{doc.TextOf(e.Evidence)}\""));
        Section(w, "quantities", doc.Quantities.Select(q => $"{q.Id} {doc.TextOf(q.Span)}: {Bounds(q.Point, q.Min, q.Max)} {q.Unit}{(q.Per is null ? "" : " per " + q.Per)}{(q.Qualifier is null ? "" : " (" + q.Qualifier + ")")}"));
        Section(w, "claims", doc.Claims.Select(c => $"{c.Id} {c.Source} {c.Verb} [{c.Stance}] {(c.EventId ?? c.Content ?? "")}"));
        Section(w, "times", doc.Times.Select(t => $"{t.Id} \"{doc.TextOf(t.Span)}\": {t.Start:yyyy-MM-dd}..{t.End:yyyy-MM-dd} ({AnalysisJson.TimePrecisionName(t.Precision)})"));
        Section(w, "mentions", doc.Mentions.Select(m => $"{m.Type} \"{doc.TextOf(m.Span)}\""));
    }

    public static string Bounds(double? point, double? min, double? max)
    {
        if (point is { } p)
        {
            return Num(p);
        }

        return (min, max) switch
        {
            ({ } lo, { } hi) => $"{Num(lo)}–{Num(hi)}",
            ({ } lo, null) => $"≥{Num(lo)}",
            (null, { } hi) => $"≤{Num(hi)}",
            _ => "?",
        };
    }

    public static string Num(double v) => v.ToString("#,0.##", CultureInfo.InvariantCulture);

    private static string Coord(double? v) => v?.ToString("0.###", CultureInfo.InvariantCulture) ?? "?";

    private static void Section(TextWriter w, string name, IEnumerable<string> lines)
    {
        var list = lines.ToList();
        w.WriteLine($"{name} ({list.Count})");
        foreach (var line in list)
        {
            w.WriteLine("  " + line);
        }
    }
}
