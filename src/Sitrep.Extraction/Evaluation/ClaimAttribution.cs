using System.Text.Json;
using Sitrep.Core;

namespace Sitrep.Extraction.Evaluation;

/// <summary>
/// A diagnostic beside the strict claims score, which needs the claim's event to have matched a gold event: a gold
/// claim is attributed when a system claim has the right source and its evidence sentence holds what the claim is
/// about — the gold event's evidence when the claim is about an event (whether or not that event was extracted), else
/// the gold proposition (its words, as the strict content rule, or its text inside the sentence). It shows who-says-so
/// progress independently of event matching; the strict section stays the figure that counts. A claim that matches
/// strictly (its event matched the gold event) is attributed too.
/// </summary>
public static class ClaimAttribution
{
    public const string Section = "claim-attrib";

    public static SectionScore Score(Document doc, JsonElement gold, Func<string?, string, bool> sourceMatches, IReadOnlyDictionary<string, Event> eventMap, List<string> notes)
    {
        var events = new Dictionary<string, string>(StringComparer.Ordinal);
        if (gold.TryGetProperty("events", out var evs) && evs.ValueKind == JsonValueKind.Array)
        {
            foreach (var e in evs.EnumerateArray())
            {
                if (Str(e, "id") is { } id && Str(e, "evidence") is { } ev)
                {
                    events[id] = ev;
                }
            }
        }

        var goldClaims = gold.TryGetProperty("claims", out var cs) && cs.ValueKind == JsonValueKind.Array ? cs.EnumerateArray().ToList() : [];
        var used = new HashSet<Claim>();
        var matched = 0;
        foreach (var gc in goldClaims)
        {
            var source = Str(gc, "source") ?? "";
            var content = Str(gc, "content");
            TextSpan? evidence = Str(gc, "about") is { } about && events.TryGetValue(about, out var evText) ? Find(doc.Text, evText) : null;
            var aboutEvent = Str(gc, "about") is { } ab && eventMap.TryGetValue(ab, out var me) ? me : null;
            var hit = doc.Claims.FirstOrDefault(c => !used.Contains(c) && sourceMatches(c.Source, source)
                && (aboutEvent is not null && c.EventId == aboutEvent.Id
                    || evidence is { } span && c.Evidence.Start < span.End && span.Start < c.Evidence.End
                    || content is not null && (GoldEvaluator.ContentMatches(c.Content, content) || Find(doc.TextOf(c.Evidence), content) is not null)));
            if (hit is not null)
            {
                used.Add(hit);
                matched++;
            }
            else
            {
                notes.Add($"claim not attributed: {source} {Str(gc, "verb")} → {Str(gc, "about") ?? content}");
            }

            if (Gap(doc, source, content, evidence, aboutEvent, Str(gc, "about") is not null, sourceMatches) is { } gap)
            {
                notes.Add($"claim gap [{gap}]: {source} {Str(gc, "verb")} → {Str(gc, "about") ?? content}");
            }
        }

        // the system claims that no gold claim matches strictly, by class
        var partners = eventMap.Values.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<(string?, string?)>();
        foreach (var c in doc.Claims)
        {
            var fits = goldClaims.Where(gc => sourceMatches(c.Source, Str(gc, "source") ?? "")).ToList();
            var first = seen.Add((c.Source, c.EventId ?? c.Content));
            if (fits.Any(gc => Str(gc, "about") is { } a ? eventMap.TryGetValue(a, out var me) && me.Id == c.EventId : Str(gc, "content") is { } gcont && GoldEvaluator.ContentMatches(c.Content, gcont)))
            {
                continue;
            }

            var gap = !first ? "repeated"
                : fits.Count == 0 ? "source not in gold"
                : c.EventId is not null && !partners.Contains(c.EventId) ? "event not in gold"
                : c.EventId is null ? "no event" : "other event";
            notes.Add($"claim extra [{gap}]: {c.Source} {c.Verb} → {c.EventId} \"{Short(doc.TextOf(c.Evidence))}\"");
        }

        return new SectionScore(Section, doc.Claims.Count, used.Count, goldClaims.Count, matched);
    }

    /// <summary>
    /// Why a gold claim does not match strictly, as one class: its event has no system partner ("event unmatched"), no
    /// system claim has its source ("source missing"), the right source speaks elsewhere but not in the claim's sentence
    /// ("source elsewhere"), the right source's claim in that sentence is linked to no event ("no event link") or to
    /// another ("wrong event"), or its content differs ("content differs"); null when a claim matches strictly.
    /// </summary>
    private static string? Gap(Document doc, string source, string? content, TextSpan? evidence, Event? aboutEvent, bool hasAbout, Func<string?, string, bool> sourceMatches)
    {
        var bySource = doc.Claims.Where(c => sourceMatches(c.Source, source)).ToList();
        if (hasAbout ? aboutEvent is not null && bySource.Any(c => c.EventId == aboutEvent.Id) : content is not null && bySource.Any(c => GoldEvaluator.ContentMatches(c.Content, content)))
        {
            return null;
        }

        if (hasAbout && aboutEvent is null)
        {
            return "event unmatched";
        }

        if (bySource.Count == 0)
        {
            return "source missing";
        }

        var here = evidence is { } span ? bySource.Where(c => c.Evidence.Start < span.End && span.Start < c.Evidence.End).ToList() : [];
        if (!hasAbout)
        {
            return "content differs";
        }

        return here.Count == 0 ? "source elsewhere" : here.Any(c => c.EventId is null) ? "no event link" : "wrong event";
    }

    private static string Short(string s) => s.Length <= 140 ? s.ReplaceLineEndings(" ") : s[..140].ReplaceLineEndings(" ") + "…";

    /// <summary>Where a gold quotation stands in the text, whitespace and quote marks aside; null when it is not there.</summary>
    private static TextSpan? Find(string text, string quoted)
    {
        var i = text.IndexOf(quoted, StringComparison.Ordinal);
        if (i >= 0)
        {
            return new TextSpan(i, i + quoted.Length);
        }

        // gold quotations may differ from the text in spacing and in straight or curly quotes
        static string Fold(string s) => new(s.Where(ch => !char.IsWhiteSpace(ch) && ch is not ('"' or '“' or '”' or '\'' or '’' or '«' or '»')).Select(char.ToLowerInvariant).ToArray());
        var map = new List<int>(text.Length);
        var folded = new System.Text.StringBuilder(text.Length);
        for (var k = 0; k < text.Length; k++)
        {
            var ch = text[k];
            if (!char.IsWhiteSpace(ch) && ch is not ('"' or '“' or '”' or '\'' or '’' or '«' or '»'))
            {
                folded.Append(char.ToLowerInvariant(ch));
                map.Add(k);
            }
        }

        var q = Fold(quoted);
        if (q.Length == 0)
        {
            return null;
        }

        var j = folded.ToString().IndexOf(q, StringComparison.Ordinal);
        return j < 0 ? null : new TextSpan(map[j], map[j + q.Length - 1] + 1);
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
