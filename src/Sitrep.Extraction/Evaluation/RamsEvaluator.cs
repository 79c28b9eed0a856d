using System.Text;
using System.Text.Json;
using Sitrep.Core;
using Sitrep.Core.Pipeline;

namespace Sitrep.Extraction.Evaluation;

/// <summary>Figures of a RAMS run: attacks found at the gold trigger and their roles.</summary>
public sealed class RamsReport
{
    /// <summary>Examples whose event type is conflict.attack.*.</summary>
    public int Examples { get; set; }

    /// <summary>Examples where an ASSAULT's trigger or one of its mentions overlaps the gold trigger.</summary>
    public int Found { get; set; }

    public List<WikiRoleScore> Roles { get; } = [];

    public int EvidenceViolations { get; set; }

    /// <summary>Per example: misses and role errors (for --verbose).</summary>
    public List<string> Lines { get; } = [];

    public double Recall => Examples == 0 ? 0 : Found / (double)Examples;
}

/// <summary>
/// Scores attacks on RAMS (Ebner et al. 2020; one trigger per 5-sentence example): for each example of type
/// conflict.attack.*, the example's tokens are joined into running text (no space before closing punctuation and
/// clitics, none after an opening bracket), analysed, and the attack counts as found when a system ASSAULT's trigger
/// or one of its mentions overlaps the gold trigger. The attacker, target and place of each found attack are right when
/// the head word of the system's role (its canonical name or one of the actor's or place's mentions) is the head word
/// of the gold argument, or both name the same state (<see cref="WikiEventsEvaluator.SameHead"/>). RAMS has no
/// coreference clusters, so a gold argument that is a bare pronoun ("it", "they", "we") is not scored.
/// </summary>
public static class RamsEvaluator
{
    private static readonly string[] RoleNames = ["attacker", "target", "place"];

    private static readonly HashSet<string> NoSpaceBefore = new(StringComparer.Ordinal)
    {
        ",", ".", ";", ":", "!", "?", ")", "]", "%", "'s", "’s", "'", "n't", "’t", "'re", "'ve", "'ll", "'d", "'m",
    };

    private static readonly HashSet<string> NoSpaceAfter = new(StringComparer.Ordinal) { "(", "[", "$" };

    private static readonly HashSet<string> Pronouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "i", "me", "we", "us", "you", "he", "him", "she", "her", "it", "they", "them", "this", "that", "those", "these",
        "who", "which", "one", "himself", "herself", "itself", "themselves", "ourselves",
    };

    /// <summary>An example's tokens joined into running text, with each token's character range.</summary>
    public sealed record JoinedExample(string Text, int[] TokenStarts, int[] TokenEnds);

    /// <summary>Joins tokens with single spaces, except before closing punctuation and clitics and after opening brackets.</summary>
    public static JoinedExample Join(IReadOnlyList<string> tokens)
    {
        var sb = new StringBuilder();
        var starts = new int[tokens.Count];
        var ends = new int[tokens.Count];
        for (var i = 0; i < tokens.Count; i++)
        {
            if (i > 0 && !NoSpaceBefore.Contains(tokens[i]) && !NoSpaceAfter.Contains(tokens[i - 1]))
            {
                sb.Append(' ');
            }

            starts[i] = sb.Length;
            sb.Append(tokens[i]);
            ends[i] = sb.Length;
        }

        return new JoinedExample(sb.ToString(), starts, ends);
    }

    /// <param name="jsonLines">RAMS examples, one JSON object a line (`sentences`, `evt_triggers`, `gold_evt_links`).</param>
    public static RamsReport Evaluate(string jsonLines, Pipeline pipeline)
    {
        var report = new RamsReport();
        var total = RoleNames.ToDictionary(x => x, _ => 0, StringComparer.Ordinal);
        var correct = RoleNames.ToDictionary(x => x, _ => 0, StringComparer.Ordinal);
        foreach (var line in jsonLines.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var trigger = root.GetProperty("evt_triggers")[0];
            var type = trigger[2][0][0].GetString() ?? "";
            if (!type.StartsWith("conflict.attack", StringComparison.Ordinal))
            {
                continue;
            }

            report.Examples++;
            var key = root.GetProperty("doc_key").GetString() ?? "?";
            var tokens = root.GetProperty("sentences").EnumerateArray().SelectMany(s => s.EnumerateArray().Select(t => t.GetString() ?? "")).ToList();
            var joined = Join(tokens);
            var doc = pipeline.Process(new Document(joined.Text));
            report.EvidenceViolations += EvidenceChecker.Check(doc).Count;
            var gold = new TextSpan(joined.TokenStarts[trigger[0].GetInt32()], joined.TokenEnds[trigger[1].GetInt32()]);
            var goldText = doc.TextOf(gold);
            var events = doc.Events.Where(e => e.Type == "ASSAULT" && WikiEventsEvaluator.SystemMentions(e).Any(m => m.Start < gold.End && gold.Start < m.End)).ToList();
            if (events.Count == 0)
            {
                report.Lines.Add($"{key} MISS \"{goldText}\" ({type}) in: {Clip(joined.Text, gold)}");
                continue;
            }

            report.Found++;
            foreach (var link in root.GetProperty("gold_evt_links").EnumerateArray())
            {
                var roleLabel = link[2].GetString() ?? "";
                var role = RoleNames.FirstOrDefault(r => roleLabel.EndsWith(r, StringComparison.Ordinal));
                if (role is null)
                {
                    continue;
                }

                var argText = joined.Text[joined.TokenStarts[link[1][0].GetInt32()]..joined.TokenEnds[link[1][1].GetInt32()]];
                if (Pronouns.Contains(argText))
                {
                    continue;
                }

                total[role]++;
                var systemValues = events.SelectMany(e => role switch
                {
                    "attacker" => [e.Actor],
                    "target" => [e.Target],
                    _ => new[] { e.Location, e.Site is { } site ? doc.TextOf(site) : null },
                }).Where(v => v is not null).Select(v => v!).ToList();
                if (systemValues.Any(v => WikiEventsEvaluator.SystemForms(doc, v, role == "place").Any(sf => WikiEventsEvaluator.SameHead(sf, argText))))
                {
                    correct[role]++;
                }
                else
                {
                    report.Lines.Add($"{key} ROLE {role} gold [{argText}] got [{string.Join(" | ", systemValues)}] at \"{goldText}\" in: {Clip(joined.Text, gold)}");
                }
            }
        }

        foreach (var role in RoleNames)
        {
            report.Roles.Add(new WikiRoleScore(role, total[role], correct[role]));
        }

        return report;
    }

    /// <summary>The sentence-ish window around the trigger, on one line.</summary>
    private static string Clip(string text, TextSpan at)
    {
        var start = Math.Max(0, at.Start - 160);
        var end = Math.Min(text.Length, at.End + 160);
        return ((start > 0 ? "…" : "") + text[start..at.Start] + "[" + text[at.Start..at.End] + "]" + text[at.End..end] + (end < text.Length ? "…" : "")).Replace('\n', ' ');
    }
}
