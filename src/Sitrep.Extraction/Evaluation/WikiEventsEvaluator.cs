using System.Text.Json;
using Sitrep.Core;
using Sitrep.Core.Pipeline;

namespace Sitrep.Extraction.Evaluation;

/// <summary>Detection figures of one PLOVER type on WikiEvents: gold mentions found, system mentions right.</summary>
public sealed record WikiTypeScore(string Type, int Gold, int GoldFound, int System, int SystemCorrect, int Events = 0, int EventsCorrect = 0)
{
    /// <summary>Events (not mentions) of which at least one mention lies in a sentence with a gold mention of the type.</summary>
    public double EventPrecision => Events == 0 ? 0 : EventsCorrect / (double)Events;

    public double Recall => Gold == 0 ? 0 : GoldFound / (double)Gold;

    public double Precision => System == 0 ? 0 : SystemCorrect / (double)System;

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}

/// <summary>One argument role of the found attacks: how many had a gold argument, how many the system got right.</summary>
public sealed record WikiRoleScore(string Role, int Total, int Correct)
{
    public double Accuracy => Total == 0 ? 0 : Correct / (double)Total;
}

/// <summary>Figures of a WikiEvents run.</summary>
public sealed class WikiEventsReport
{
    public int Documents { get; set; }

    public List<WikiTypeScore> Types { get; } = [];

    public List<WikiRoleScore> Roles { get; } = [];

    public int EvidenceViolations { get; set; }

    /// <summary>Per document: misses, wrong detections and role errors (for --verbose).</summary>
    public List<string> Lines { get; } = [];
}

/// <summary>
/// Scores events on WikiEvents (KAIROS ontology) mapped to PLOVER: Conflict.Attack → ASSAULT, Life.Die and Life.Injure →
/// casualties of an ASSAULT, Justice.ArrestJailDetain → COERCE, Conflict.Demonstrate → PROTEST, Contact.Contact.Meet →
/// CONSULT, Contact.ThreatenCoerce → THREATEN. Detection is by sentence: a gold mention is found when a system event of
/// its type has a mention (its trigger or one of its <see cref="Event.Mentions"/>) in the same sentence; a system
/// mention is right when its sentence holds a gold mention of its type (for ASSAULT also a death or injury, the
/// casualties of an attack). Precision counts mentions; the event precision counts events, one right when any of its
/// mentions is. The attacker, target and place of each found attack with a gold argument are right when the
/// head word of the system's role (its canonical name or one of the actor's or place's mentions) is the head word of a
/// mention in the gold argument's coreference cluster, or both name the same state. The `text` field glues sentences
/// together ("killed.“They"), so each document is rebuilt from its sentences' token offsets.
/// </summary>
public static class WikiEventsEvaluator
{
    /// <summary>PLOVER types scored, in report order.</summary>
    public static readonly string[] ScoredTypes = ["ASSAULT", "COERCE", "PROTEST", "CONSULT", "THREATEN"];

    private const string Casualty = "CASUALTY";

    /// <summary>The PLOVER type of a KAIROS event type, "CASUALTY" for deaths and injuries, or null when not scored.</summary>
    public static string? PloverType(string kairos) => kairos switch
    {
        _ when kairos.StartsWith("Conflict.Attack", StringComparison.Ordinal) => "ASSAULT",
        _ when kairos.StartsWith("Life.Die", StringComparison.Ordinal) || kairos.StartsWith("Life.Injure", StringComparison.Ordinal) => Casualty,
        _ when kairos.StartsWith("Justice.ArrestJailDetain", StringComparison.Ordinal) => "COERCE",
        _ when kairos.StartsWith("Conflict.Demonstrate", StringComparison.Ordinal) => "PROTEST",
        _ when kairos.StartsWith("Contact.Contact.Meet", StringComparison.Ordinal) => "CONSULT",
        _ when kairos.StartsWith("Contact.ThreatenCoerce", StringComparison.Ordinal) => "THREATEN",
        _ => null,
    };

    /// <summary>A WikiEvents document rebuilt as running text, with each gold sentence's range and each token's start.</summary>
    public sealed record RebuiltDocument(string Id, string Text, TextSpan[] Sentences, int[] TokenStarts, int[] TokenEnds);

    /// <summary>
    /// Rebuilds the text from the sentences' token offsets, which point into the original page rather than into the
    /// glued `text` field: each token at its offset, spaces between the tokens of a sentence, a space between sentences
    /// one character apart (a line break after a sentence without final punctuation, a headline) and a blank line where
    /// they were further apart (a paragraph break). Offsets stay those of the gold.
    /// </summary>
    public static RebuiltDocument Rebuild(JsonElement doc)
    {
        var id = doc.GetProperty("doc_id").GetString() ?? "?";
        var sentences = doc.GetProperty("sentences").EnumerateArray().Select(s => s[0].EnumerateArray().Select(t => (Form: t[0].GetString() ?? "", Start: t[1].GetInt32(), End: t[2].GetInt32())).ToList()).ToList();
        var length = sentences.Where(s => s.Count > 0).Select(s => s[^1].End).DefaultIfEmpty(0).Max();
        var chars = new char[length];
        Array.Fill(chars, ' ');
        var tokenCount = sentences.Sum(s => s.Count);
        var starts = new int[tokenCount];
        var ends = new int[tokenCount];
        var spans = new TextSpan[sentences.Count];
        var t = 0;
        var prevEnd = -1;
        for (var s = 0; s < sentences.Count; s++)
        {
            var toks = sentences[s];
            if (toks.Count == 0)
            {
                spans[s] = new TextSpan(Math.Max(0, prevEnd), Math.Max(0, prevEnd));
                continue;
            }

            if (prevEnd >= 0 && toks[0].Start > prevEnd)
            {
                var gap = toks[0].Start - prevEnd;
                var last = chars[prevEnd - 1];
                var finalPunct = last is '.' or '!' or '?' or '"' or '”' or '’' or '\'' or ')' or ']';
                if (gap >= 2)
                {
                    chars[prevEnd] = '\n';
                    chars[prevEnd + 1] = '\n';
                }
                else if (!finalPunct)
                {
                    chars[prevEnd] = '\n';
                }
            }

            foreach (var (form, start, end) in toks)
            {
                // a token whose form does not fit its range (rare normalisations) keeps the range, filled as far as it goes
                for (var k = 0; k < end - start && k < form.Length; k++)
                {
                    chars[start + k] = form[k];
                }

                starts[t] = start;
                ends[t] = end;
                t++;
            }

            spans[s] = new TextSpan(toks[0].Start, toks[^1].End);
            prevEnd = toks[^1].End;
        }

        return new RebuiltDocument(id, new string(chars), spans, starts, ends);
    }

    /// <param name="documentsJsonl">the split's documents, one JSON object a line.</param>
    /// <param name="corefJsonl">the split's coreference clusters (`doc_key`, `clusters`), or null.</param>
    public static WikiEventsReport Evaluate(string documentsJsonl, string? corefJsonl, Pipeline pipeline)
    {
        var clusters = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var line in (corefJsonl ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            using var c = JsonDocument.Parse(line);
            foreach (var cluster in c.RootElement.GetProperty("clusters").EnumerateArray())
            {
                var ids = cluster.EnumerateArray().Select(x => x.GetString() ?? "").ToList();
                foreach (var eid in ids)
                {
                    clusters[eid] = ids;
                }
            }
        }

        var report = new WikiEventsReport();
        var gold = ScoredTypes.ToDictionary(x => x, _ => 0, StringComparer.Ordinal);
        var goldFound = ScoredTypes.ToDictionary(x => x, _ => 0, StringComparer.Ordinal);
        var system = ScoredTypes.ToDictionary(x => x, _ => 0, StringComparer.Ordinal);
        var systemCorrect = ScoredTypes.ToDictionary(x => x, _ => 0, StringComparer.Ordinal);
        var eventCount = ScoredTypes.ToDictionary(x => x, _ => 0, StringComparer.Ordinal);
        var eventsCorrect = ScoredTypes.ToDictionary(x => x, _ => 0, StringComparer.Ordinal);
        var roleNames = new[] { "Attacker", "Target", "Place" };
        var roleTotal = roleNames.ToDictionary(x => x, _ => 0, StringComparer.Ordinal);
        var roleCorrect = roleNames.ToDictionary(x => x, _ => 0, StringComparer.Ordinal);

        foreach (var line in documentsJsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var rebuilt = Rebuild(root);
            report.Documents++;
            var doc = pipeline.Process(new Document(rebuilt.Text));
            report.EvidenceViolations += EvidenceChecker.Check(doc).Count;

            var entities = root.GetProperty("entity_mentions").EnumerateArray().ToDictionary(
                e => e.GetProperty("id").GetString() ?? "",
                e => (Start: e.GetProperty("start").GetInt32(), End: e.GetProperty("end").GetInt32()),
                StringComparer.Ordinal);
            string EntityText((int Start, int End) e) => rebuilt.Text[rebuilt.TokenStarts[e.Start]..rebuilt.TokenEnds[e.End - 1]];

            // gold mentions by sentence and type
            var goldAt = new List<(string Type, int Sentence, JsonElement Mention)>();
            foreach (var em in root.GetProperty("event_mentions").EnumerateArray())
            {
                if (PloverType(em.GetProperty("event_type").GetString() ?? "") is { } pt)
                {
                    goldAt.Add((pt, em.GetProperty("trigger").GetProperty("sent_idx").GetInt32(), em));
                }
            }

            // system mentions: each event's trigger and its other mentions, by gold sentence
            int SentenceOf(int offset)
            {
                var s = 0;
                while (s + 1 < rebuilt.Sentences.Length && rebuilt.Sentences[s + 1].Start <= offset)
                {
                    s++;
                }

                return s;
            }

            var systemAt = new List<(Event Event, int Sentence, TextSpan Span)>();
            foreach (var e in doc.Events)
            {
                foreach (var span in SystemMentions(e))
                {
                    systemAt.Add((e, SentenceOf(span.Start), span));
                }
            }

            foreach (var type in ScoredTypes)
            {
                var goldSentences = goldAt.Where(g => g.Type == type || type == "ASSAULT" && g.Type == Casualty).Select(g => g.Sentence).ToHashSet();
                var sysSentences = systemAt.Where(x => x.Event.Type == type).Select(x => x.Sentence).ToHashSet();
                foreach (var g in goldAt.Where(g => g.Type == type))
                {
                    gold[type]++;
                    var found = sysSentences.Contains(g.Sentence);
                    if (found)
                    {
                        goldFound[type]++;
                    }
                    else
                    {
                        report.Lines.Add($"{rebuilt.Id} MISS {type} \"{g.Mention.GetProperty("trigger").GetProperty("text").GetString()}\" in: {Clip(rebuilt.Text[rebuilt.Sentences[g.Sentence].Start..rebuilt.Sentences[g.Sentence].End])}");
                    }
                }

                foreach (var e in doc.Events.Where(e => e.Type == type))
                {
                    eventCount[type]++;
                    eventsCorrect[type] += systemAt.Any(x => x.Event == e && goldSentences.Contains(x.Sentence)) ? 1 : 0;
                }

                foreach (var x in systemAt.Where(x => x.Event.Type == type))
                {
                    system[type]++;
                    if (goldSentences.Contains(x.Sentence))
                    {
                        systemCorrect[type]++;
                    }
                    else
                    {
                        report.Lines.Add($"{rebuilt.Id} WRONG {type} \"{doc.TextOf(x.Span)}\" ({x.Event.Actor} → {x.Event.Target} @ {x.Event.Location}) in: {Clip(rebuilt.Text[rebuilt.Sentences[x.Sentence].Start..rebuilt.Sentences[x.Sentence].End])}");
                    }
                }
            }

            // roles of the found attacks
            foreach (var g in goldAt.Where(g => g.Type == "ASSAULT"))
            {
                var events = systemAt.Where(x => x.Event.Type == "ASSAULT" && x.Sentence == g.Sentence).Select(x => x.Event).Distinct().ToList();
                if (events.Count == 0)
                {
                    continue;
                }

                foreach (var role in roleNames)
                {
                    var args = g.Mention.GetProperty("arguments").EnumerateArray().Where(a => a.GetProperty("role").GetString() == role).ToList();
                    if (args.Count == 0)
                    {
                        continue;
                    }

                    roleTotal[role]++;
                    var goldTexts = args.SelectMany(a =>
                        {
                            var id = a.GetProperty("entity_id").GetString() ?? "";
                            var ids = clusters.TryGetValue(id, out var cl) ? cl : [id];
                            return ids.Where(entities.ContainsKey).Select(i => EntityText(entities[i]));
                        }).Distinct(StringComparer.Ordinal).ToList();
                    // a place is the event's location or the site its clause gives ("at the bus station" in Kabul)
                    var systemValues = events.SelectMany(e => role switch
                    {
                        "Attacker" => [e.Actor],
                        "Target" => [e.Target],
                        _ => new[] { e.Location, e.Site is { } site ? doc.TextOf(site) : null },
                    }).Where(v => v is not null).Select(v => v!).ToList();
                    var ok = systemValues.Any(v => SystemForms(doc, v, role == "Place").Any(sf => goldTexts.Any(gt => SameHead(sf, gt))));
                    if (ok)
                    {
                        roleCorrect[role]++;
                    }
                    else
                    {
                        report.Lines.Add($"{rebuilt.Id} ROLE {role} gold [{string.Join(" | ", goldTexts)}] got [{string.Join(" | ", systemValues)}] in: {Clip(rebuilt.Text[rebuilt.Sentences[g.Sentence].Start..rebuilt.Sentences[g.Sentence].End])}");
                    }
                }
            }
        }

        foreach (var type in ScoredTypes)
        {
            report.Types.Add(new WikiTypeScore(type, gold[type], goldFound[type], system[type], systemCorrect[type], eventCount[type], eventsCorrect[type]));
        }

        foreach (var role in roleNames)
        {
            report.Roles.Add(new WikiRoleScore(role, roleTotal[role], roleCorrect[role]));
        }

        return report;
    }

    /// <summary>The trigger and the other mentions of an event, once each.</summary>
    public static IEnumerable<TextSpan> SystemMentions(Event e)
    {
        var seen = new HashSet<TextSpan>();
        if (e.Trigger is { } t && seen.Add(t))
        {
            yield return t;
        }

        foreach (var m in e.Mentions)
        {
            if (seen.Add(m))
            {
                yield return m;
            }
        }
    }

    /// <summary>The forms of a system role: its canonical name and the mentions of the actor or place of that name.</summary>
    internal static IEnumerable<string> SystemForms(Document doc, string value, bool place)
    {
        yield return value;
        var spans = place
            ? doc.Places.Where(p => p.Name == value).SelectMany(p => p.Mentions)
            : doc.Actors.Where(a => a.Name == value).SelectMany(a => a.Mentions);
        foreach (var s in spans)
        {
            yield return doc.TextOf(s);
        }
    }

    private static readonly HashSet<string> HeadStops = new(StringComparer.Ordinal) { "of", "in", "at", "on", "from", "near", "who", "which", "that", "with", "for", ",", "(" };

    /// <summary>The head word of a phrase: its last word before a preposition, a relative pronoun or a comma ("the IRA's Belfast brigade" → brigade).</summary>
    public static string Head(string phrase)
    {
        var words = PhraseIndex<int>.Split(phrase);
        string? head = null;
        foreach (var w in words)
        {
            if (HeadStops.Contains(w) && head is not null)
            {
                break;
            }

            if (w.Length > 0 && char.IsLetterOrDigit(w[0]))
            {
                head = w;
            }
        }

        return head?.ToLowerInvariant() ?? "";
    }

    /// <summary>Same head word, or both phrases name the same state ("Afghan forces" and "Afghanistan").</summary>
    public static bool SameHead(string system, string gold)
    {
        var h = Head(system);
        if (h.Length > 0 && h == Head(gold))
        {
            return true;
        }

        var a = StateOf(system);
        return a is not null && a == StateOf(gold);
    }

    private static string? StateOf(string text)
    {
        var tokens = PhraseIndex<int>.Split(text);
        for (var i = 0; i < tokens.Length; i++)
        {
            if (StateNames.Default.Index.TryMatch(tokens, i, tokens.Length, out _, out var st) && st.Form is StateForm.Name or StateForm.Demonym)
            {
                return st.Country.Name;
            }
        }

        return null;
    }

    private static string Clip(string s) => (s.Length > 220 ? s[..220] + "…" : s).Replace('\n', ' ');
}
