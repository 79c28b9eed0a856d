using System.Globalization;
using System.Text.RegularExpressions;
using Sitrep.Core;
using Sitrep.Core.Serialization;
using Sitrep.Extraction;
using Xunit;

namespace Sitrep.Tests.Extraction;

/// <summary>
/// Runs the spec files in specs/extraction: an example is a text line, a line ".", then expected annotations, one
/// per line (QUANTITY "text" key=value… ("none": no value), EVENT key=value…, NOEVENT key=value… (no such event), EVENTS count, CLAIM …
/// (about="trigger": the claim's event told by that trigger), NOCLAIM … (no such claim), CLAIMS count, TIME "text" …, ACTOR …, NONE section), ended by
/// a blank line. "@published DATE" sets the date for the examples that follow; "#" lines are prose. In the text line,
/// "\n" stands for a line break (a headline, its lead and further paragraphs in one example).
/// </summary>
public partial class SpecTests
{
    public static TheoryData<string, int> Examples()
    {
        var data = new TheoryData<string, int>();
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "specs", "extraction"), "*.md").OrderBy(f => f, StringComparer.Ordinal))
        {
            var examples = Parse(File.ReadAllLines(file));
            for (var i = 0; i < examples.Count; i++)
            {
                data.Add(Path.GetFileName(file), i);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Spec_example_holds(string file, int index)
    {
        var example = Parse(File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "specs", "extraction", file)))[index];
        var doc = ExtractionTestData.Analyse(example.Text, example.Published);
        var failures = new List<string>();
        foreach (var line in example.Expected)
        {
            if (!Holds(doc, line))
            {
                failures.Add(line);
            }
        }

        Assert.Empty(EvidenceChecker.Check(doc));
        Assert.True(failures.Count == 0, $"{file} #{index}: \"{example.Text}\"\nnot found:\n  {string.Join("\n  ", failures)}\nanalysis:\n{AnalysisJson.Write(doc)}");
    }

    private static bool Holds(Document doc, string line)
    {
        var kind = line.Split(' ', 2)[0];
        var quoted = QuotedText().Match(line) is { Success: true } qm && qm.Index == kind.Length + 1 ? qm.Groups[1].Value : null;
        var kv = KeyValues().Matches(line).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Value, StringComparer.Ordinal);
        bool Eq(string key, string? actual) => !kv.TryGetValue(key, out var want) || (want == "none" ? actual is null : string.Equals(want, actual, StringComparison.Ordinal));
        bool Num(string key, double? actual) => !kv.TryGetValue(key, out var want) || (want == "none" ? actual is null : actual is { } a && Math.Abs(a - double.Parse(want, CultureInfo.InvariantCulture)) < 0.01);
        string? Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        // a claim: source, verb, stance, content; event=yes|no; about="trigger": the text of its event's trigger
        bool ClaimFits(Claim c) => Eq("source", c.Source) && Eq("verb", c.Verb) && Eq("stance", c.Stance) && Eq("content", c.Content)
            && (!kv.TryGetValue("event", out var ev) || (ev == "yes") == (c.EventId is not null))
            && Eq("about", doc.Events.FirstOrDefault(e => e.Id == c.EventId) is { } about ? doc.TextOf(about.Trigger ?? about.Evidence) : null);

        return kind switch
        {
            "QUANTITY" => doc.Quantities.Any(q => (quoted is null || doc.TextOf(q.Span) == quoted) && Eq("unit", q.Unit) && Num("point", q.Point) && Num("min", q.Min) && Num("max", q.Max) && Eq("qualifier", q.Qualifier) && Eq("owner", q.Owner)),
            "EVENT" => doc.Events.Any(e => Eq("type", e.Type) && Eq("actor", e.Actor) && Eq("target", e.Target) && Eq("location", e.Location) && Eq("mode", e.Mode)
                && Eq("place", doc.Places.FirstOrDefault(p => p.Id == e.PlaceId)?.Name) && Eq("site", e.Site is { } site ? doc.TextOf(site) : null)
                && Eq("time", e.TimeId is null ? null : doc.TextOf(doc.Times.First(t => t.Id == e.TimeId).Span))
                && Eq("mentions", e.Mentions.Count.ToString(CultureInfo.InvariantCulture))),
            "NOEVENT" => !doc.Events.Any(e => Eq("type", e.Type) && Eq("actor", e.Actor) && Eq("target", e.Target) && Eq("location", e.Location) && Eq("mode", e.Mode)),
            "EVENTS" => doc.Events.Count == int.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture),
            "CLAIM" => doc.Claims.Any(ClaimFits),
            "NOCLAIM" => !doc.Claims.Any(ClaimFits),
            "CLAIMS" => doc.Claims.Count == int.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture),
            "TIME" => doc.Times.Any(t => (quoted is null || doc.TextOf(t.Span) == quoted) && Eq("start", Date(t.Start)) && Eq("end", Date(t.End)) && Eq("precision", AnalysisJson.TimePrecisionName(t.Precision))),
            "ACTOR" => doc.Actors.Any(a => Eq("name", a.Name) && Eq("kind", AnalysisJson.KindName(a.Kind)) && Eq("affiliation", a.Affiliation)),
            "NONE" => line.Split(' ')[1] switch
            {
                "events" => doc.Events.Count == 0,
                "quantities" => doc.Quantities.Count == 0,
                "claims" => doc.Claims.Count == 0,
                _ => false,
            },
            _ => false,
        };
    }

    private sealed record Example(string Text, string Published, List<string> Expected);

    private static List<Example> Parse(string[] lines)
    {
        var result = new List<Example>();
        var published = "2024-11-11";
        string? text = null;
        List<string>? expected = null;
        foreach (var raw in lines.Append(""))
        {
            var line = raw.TrimEnd();
            if (line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith("@published ", StringComparison.Ordinal))
            {
                published = line["@published ".Length..].Trim();
                continue;
            }

            if (line.Length == 0)
            {
                if (text is not null && expected is not null)
                {
                    result.Add(new Example(text, published, expected));
                }

                text = null;
                expected = null;
                continue;
            }

            if (text is null)
            {
                text = line.Replace("\\n", "\n", StringComparison.Ordinal);
            }
            else if (expected is null && line == ".")
            {
                expected = [];
            }
            else
            {
                expected?.Add(line);
            }
        }

        return result;
    }

    [GeneratedRegex("\"([^\"]*)\"")]
    private static partial Regex QuotedText();

    [GeneratedRegex("(\\w+)=(?:\"([^\"]*)\"|(\\S+))")]
    private static partial Regex KeyValues();
}
