using Sitrep.Core;

namespace Sitrep.Extraction;

/// <summary>
/// Checks that every extracted fact proves itself with its span: spans inside the text, a quantity's span holding
/// its number and lying inside its evidence, an event's evidence holding its trigger and the actor's mention when
/// the actor is named in that sentence, claims and events pointing at each other consistently.
/// </summary>
public static class EvidenceChecker
{
    public static List<string> Check(Document doc)
    {
        var v = new List<string>();
        var n = doc.Text.Length;
        void Span(string what, TextSpan s)
        {
            if (s.Start < 0 || s.End > n || s.End <= s.Start)
            {
                v.Add($"{what}: span {s} outside the text (length {n}) or empty");
            }
        }

        var lex = ExtractionLexicon.Default;
        foreach (var q in doc.Quantities)
        {
            Span($"quantity {q.Id}", q.Span);
            Span($"quantity {q.Id} evidence", q.Evidence);
            if (!q.Evidence.Contains(q.Span))
            {
                v.Add($"quantity {q.Id}: evidence {q.Evidence} does not contain the quantity {q.Span}");
            }

            if (q.Span.End <= n && q.Span.Start >= 0)
            {
                var text = doc.TextOf(q.Span).ToLowerInvariant();
                var words = text.Split([' ', '-', ',', '\n'], StringSplitOptions.RemoveEmptyEntries);
                var hasNumber = text.Any(char.IsDigit) || words.Any(w => lex.NumberWords.ContainsKey(w) || QuantityLexicon.Default.Fractions.ContainsKey(w) || lex.Vague.Any(v => v.Tokens.Contains(w) && w is not ("a" or "of")));
                if (!hasNumber)
                {
                    v.Add($"quantity {q.Id}: \"{doc.TextOf(q.Span)}\" holds no number");
                }
            }

            if (q.Point is null && q.Min is null && q.Max is null)
            {
                v.Add($"quantity {q.Id}: no point and no bound");
            }

            if (q.Min is { } mn && q.Max is { } mx && mn > mx)
            {
                v.Add($"quantity {q.Id}: min {mn} above max {mx}");
            }
        }

        foreach (var t in doc.Times)
        {
            Span($"time {t.Id}", t.Span);
        }

        foreach (var a in doc.Actors)
        {
            foreach (var m in a.Mentions)
            {
                Span($"actor {a.Id} mention", m);
            }
        }

        var quantityIds = doc.Quantities.Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
        var timeIds = doc.Times.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var claims = doc.Claims.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var actorByName = doc.Actors.GroupBy(a => a.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var e in doc.Events)
        {
            Span($"event {e.Id} evidence", e.Evidence);
            if (e.Trigger is { } trig)
            {
                Span($"event {e.Id} trigger", trig);
                if (!e.Evidence.Contains(trig))
                {
                    v.Add($"event {e.Id}: evidence {e.Evidence} does not contain its trigger {trig}");
                }
            }

            foreach (var m in e.Mentions)
            {
                Span($"event {e.Id} mention", m);
            }

            // a site is a span of the text, told with the act
            if (e.Site is { } site)
            {
                Span($"event {e.Id} site", site);
                // the site is told in a sentence of one of the event's mentions
                var told = e.Mentions.Append(e.Evidence).Select(m => doc.SentenceIndexAt(m.Start)).ToHashSet();
                if (site.End <= n && site.Start >= 0 && doc.SentenceCount > 0 && !told.Contains(doc.SentenceIndexAt(site.Start)))
                {
                    v.Add($"event {e.Id}: site {site} \"{doc.TextOf(site)}\" is in no sentence of its mentions");
                }
            }

            if (e.Actor is not null && actorByName.TryGetValue(e.Actor, out var actor) && e.Trigger is { } t0)
            {
                var si = doc.SentenceIndexAt(t0.Start);
                if (si >= 0)
                {
                    var sentence = doc.Sentence(si).Span;
                    foreach (var m in actor.Mentions.Where(sentence.Contains))
                    {
                        if (!e.Evidence.Contains(m))
                        {
                            v.Add($"event {e.Id}: the actor {e.Actor} is named in the sentence at {m} but the evidence {e.Evidence} leaves it out");
                        }
                    }
                }
            }

            foreach (var q in e.QuantityIds.Where(q => !quantityIds.Contains(q)))
            {
                v.Add($"event {e.Id}: unknown quantity {q}");
            }

            if (e.TimeId is not null && !timeIds.Contains(e.TimeId))
            {
                v.Add($"event {e.Id}: unknown time {e.TimeId}");
            }

            foreach (var c in e.ClaimIds)
            {
                if (!claims.TryGetValue(c, out var claim) || claim.EventId != e.Id)
                {
                    v.Add($"event {e.Id}: claim {c} does not point back to it");
                }
            }
        }

        var events = doc.Events.ToDictionary(e => e.Id, StringComparer.Ordinal);
        foreach (var c in doc.Claims)
        {
            Span($"claim {c.Id} evidence", c.Evidence);
            if (c.EventId is not null && (!events.TryGetValue(c.EventId, out var ev) || !ev.ClaimIds.Contains(c.Id)))
            {
                v.Add($"claim {c.Id}: event {c.EventId} does not list it");
            }

            if (c.EventId is null && string.IsNullOrWhiteSpace(c.Content))
            {
                v.Add($"claim {c.Id}: neither an event nor content");
            }
        }

        return v;
    }
}
