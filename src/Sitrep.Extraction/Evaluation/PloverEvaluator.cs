using System.Globalization;
using System.Text.Json;
using Sitrep.Core;
using Sitrep.Core.Pipeline;

namespace Sitrep.Extraction.Evaluation;

/// <summary>Figures of the PLOVER gold standard records run.</summary>
public sealed class PloverReport
{
    public int Records { get; set; }

    public int Covered { get; set; }

    public int TypeCorrect { get; set; }

    public int TypeCorrectAny { get; set; }

    public int SourceTotal { get; set; }

    public int SourceCorrect { get; set; }

    public int TargetTotal { get; set; }

    public int TargetCorrect { get; set; }

    public double TypeAccuracy => Covered == 0 ? 0 : TypeCorrect / (double)Covered;

    public double TypeAccuracyAny => Covered == 0 ? 0 : TypeCorrectAny / (double)Covered;

    public double SourceMatch => SourceTotal == 0 ? 0 : SourceCorrect / (double)SourceTotal;

    public double TargetMatch => TargetTotal == 0 ? 0 : TargetCorrect / (double)TargetTotal;

    public SortedDictionary<string, (int Correct, int Total)> PerType { get; } = new(StringComparer.Ordinal);

    public List<string> Lines { get; } = [];
}

/// <summary>
/// Runs each PLOVER gold sentence through the pipeline and compares the event type of the first extracted event
/// (PLOVER's FIGHT counts as Sitrep's ASSAULT, which covers conventional fighting too), and, where the type is
/// right, the source and target actors.
/// </summary>
public static class PloverEvaluator
{
    /// <param name="half">null for every record; "odd" or "even" for the records whose number (the id's last part) is odd or even.</param>
    /// <param name="parses">with a parse layer, add each missed record's tokens as form/relation>head.</param>
    public static PloverReport Evaluate(string gsrJson, Pipeline pipeline, string? half = null, bool parses = false)
    {
        using var gsr = JsonDocument.Parse(gsrJson);
        var report = new PloverReport();
        var covered = ExtractionLexicon.Default.TriggersByFirst.Values.SelectMany(l => l).Select(p => p.Type).ToHashSet(StringComparer.Ordinal);
        foreach (var r in gsr.RootElement.EnumerateArray())
        {
            if (!r.TryGetProperty("text", out var textEl) || textEl.ValueKind != JsonValueKind.String || !r.TryGetProperty("event", out var evEl))
            {
                continue;
            }

            var goldType = evEl.GetString() ?? "";
            if (goldType == "DOCUMENT" || half is not null && !InHalf(r, half))
            {
                continue;
            }

            report.Records++;
            if (goldType == "FIGHT")
            {
                goldType = "ASSAULT";
            }

            if (!covered.Contains(goldType))
            {
                continue;
            }

            report.Covered++;
            DateOnly? date = r.TryGetProperty("date", out var d) && DateOnly.TryParseExact(d.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var dd) ? dd : null;
            var doc = pipeline.Process(new Document(textEl.GetString()!, published: date));
            var first = doc.Events.OrderBy(e => e.Trigger?.Start ?? 0).FirstOrDefault();
            var typed = doc.Events.Where(e => e.Type == goldType).OrderBy(e => e.Trigger?.Start ?? 0).FirstOrDefault();
            var ok = first?.Type == goldType;
            var pt = report.PerType.GetValueOrDefault(goldType);
            report.PerType[goldType] = (pt.Correct + (ok ? 1 : 0), pt.Total + 1);
            if (ok)
            {
                report.TypeCorrect++;
            }

            var targetMiss = false;
            if (typed is not null)
            {
                report.TypeCorrectAny++;
                var sources = Actors(r, "source");
                if (sources.Count > 0)
                {
                    report.SourceTotal++;
                    if (sources.Any(s => ActorMatches(typed.Actor, s) || typed.Participants.Any(p => ActorMatches(p, s))))
                    {
                        report.SourceCorrect++;
                    }
                }

                var targets = Actors(r, "target");
                if (targets.Count > 0)
                {
                    report.TargetTotal++;
                    if (targets.Any(s => ActorMatches(typed.Target, s)))
                    {
                        report.TargetCorrect++;
                    }
                    else
                    {
                        targetMiss = true;
                    }
                }
            }

            var id = r.TryGetProperty("id", out var idEl) ? idEl.GetString() : "?";
            report.Lines.Add($"{(ok ? "OK  " : "MISS")}{(targetMiss ? " TARGET-MISS" : "")} {id} gold {goldType}({string.Join("+", Actors(r, "source"))}→{string.Join("+", Actors(r, "target"))}) got {string.Join(",", doc.Events.Select(e => $"{e.Type}({e.Actor}→{e.Target})"))} | {textEl.GetString()}");
            if (parses && !ok && doc.Has(Layer.Dependencies))
            {
                report.Lines.Add("     " + string.Join(' ', Enumerable.Range(0, doc.TokenCount).Select(i => $"{i}:{doc.Tokens.Forms[i]}/{doc.Tokens.DepLabels[i]}>{doc.Tokens.Heads[i]}")));
            }
        }

        return report;
    }

    private static bool InHalf(JsonElement r, string half)
    {
        var id = r.TryGetProperty("id", out var idEl) ? idEl.GetString() ?? "" : "";
        var digits = id[(id.LastIndexOf('-') + 1)..];
        var n = int.TryParse(digits, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0;
        return (n % 2 == 1) == (half == "odd");
    }

    private static List<string> Actors(JsonElement r, string name)
    {
        var result = new List<string>();
        if (r.TryGetProperty(name, out var arr) && arr.ValueKind == JsonValueKind.Array)
        {
            foreach (var a in arr.EnumerateArray())
            {
                if (a.TryGetProperty("actorText", out var t) && t.GetString() is { Length: > 0 } s)
                {
                    result.Add(s);
                }
            }
        }

        return result;
    }

    /// <summary>A system actor matches a gold actor text when both name the same state or one contains the other.</summary>
    public static bool ActorMatches(string? system, string gold)
    {
        if (string.IsNullOrEmpty(system))
        {
            return false;
        }

        var g = Canonical(gold);
        var s = Canonical(system);
        return string.Equals(g, s, StringComparison.OrdinalIgnoreCase)
            || g.Contains(s, StringComparison.OrdinalIgnoreCase) || s.Contains(g, StringComparison.OrdinalIgnoreCase)
            || gold.Contains(system, StringComparison.OrdinalIgnoreCase) || system.Contains(gold, StringComparison.OrdinalIgnoreCase);
    }

    private static string Canonical(string text)
    {
        var tokens = PhraseIndex<int>.Split(text);
        for (var i = 0; i < tokens.Length; i++)
        {
            if (StateNames.Default.Index.TryMatch(tokens, i, tokens.Length, out _, out var st))
            {
                return st.Country.Name;
            }
        }

        // an organisation by its name or an alias written as whole words ("U.N. Security Council" → United Nations)
        foreach (var o in ExtractionLexicon.Default.Organisations)
        {
            foreach (var alias in o.Aliases.Append(o.Name))
            {
                for (var i = 0; i + 0 < tokens.Length; i++)
                {
                    var parts = PhraseIndex<int>.Split(alias);
                    if (parts.Length > 0 && i + parts.Length <= tokens.Length && parts.Select((w, j) => w == tokens[i + j]).All(x => x))
                    {
                        return o.Name;
                    }
                }
            }
        }

        return text;
    }
}
