using Sitrep.Core;
using Sitrep.Core.Pipeline;

namespace Sitrep.Extraction;

/// <summary>
/// Attribution: who says so. Reporting verbs with their subject ("X revealed that …", "…, X said"), constructions
/// without one ("according to X", "X remained silent on …", "X declined to comment"), and evidence as a source
/// ("footage and intelligence confirm …" = corroboration). Each claim points to the event its complement reports
/// (and the event lists the claim), or keeps the proposition as content. Events in the article's own voice get no
/// claim.
/// </summary>
public sealed class ClaimExtractor : IStage
{
    public const string StageName = "sitrep.Claims.v1";

    private static readonly HashSet<string> SourceHeads = new(StringComparer.Ordinal) { "officials", "official", "sources", "source", "witnesses", "residents", "analysts", "experts", "observers", "spokesman", "spokeswoman", "spokesperson", "ministry", "military", "army", "command", "police", "authorities", "government", "statement", "report", "reports", "investigators", "monitors", "media", "outlet", "agency", "journalists", "correspondents", "commanders" };

    private static readonly HashSet<string> SourceModifiers = new(StringComparer.Ordinal) { "recent", "new", "latest", "newly", "released", "the", "a", "an", "some", "several", "many", "other", "also" };

    private readonly ExtractionLexicon _lex;

    public ClaimExtractor(ExtractionLexicon? lexicon = null) => _lex = lexicon ?? ExtractionLexicon.Default;

    public string Name => StageName;

    public IReadOnlyList<Layer> Requires { get; } = [Layer.Tokens, Layer.Sentences, Layer.Actors, Layer.Events];

    public IReadOnlyList<Layer> Assigns { get; } = [Layer.Claims];

    public void Process(Document doc, CancellationToken cancellationToken)
    {
        doc.Claims.Clear();
        foreach (var e in doc.Events)
        {
            e.ClaimIds.Clear();
        }

        var lower = Words.Lower(doc);
        var forms = doc.Tokens.Forms;
        var actorsById = doc.Actors.ToDictionary(a => a.Id, StringComparer.Ordinal);
        var mentions = doc.ActorMentions.Select(m => (First: doc.TokenIndexAtOrAfter(m.Span.Start), End: doc.TokenIndexAtOrAfter(m.Span.End), Actor: actorsById[m.ActorId], m.Form)).ToList();
        var byEnd = new Dictionary<int, (int First, int End, Actor Actor, string Form)>();
        var byFirst = new Dictionary<int, (int First, int End, Actor Actor, string Form)>();
        foreach (var m in mentions)
        {
            byEnd[m.End] = m;
            byFirst.TryAdd(m.First, m);
        }

        Actor? lastPerson = null;
        var mentionIdx = 0;
        foreach (var sentence in doc.Sentences())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var first = sentence.FirstToken;
            var end = sentence.EndToken;
            var claimedUntil = first;
            for (var i = first; i < end; i++)
            {
                while (mentionIdx < mentions.Count && mentions[mentionIdx].First < i)
                {
                    if (mentions[mentionIdx].Actor.Kind == ActorKind.Person)
                    {
                        lastPerson = mentions[mentionIdx].Actor;
                    }

                    mentionIdx++;
                }

                if (i < claimedUntil)
                {
                    continue;
                }

                // constructions: "according to X", "X remained silent on"
                var handled = false;
                foreach (var c in _lex.ClaimConstructions)
                {
                    if (TryConstruction(c, lower, i, end, byFirst, byEnd, out var source, out var contentStart, out var sourceFirst))
                    {
                        var sourceName = source!;
                        int cStart, cEnd;
                        if (c.Tokens[0] is null)
                        {
                            cStart = contentStart;
                            cEnd = ClauseEnd(lower, contentStart, end);
                        }
                        else
                        {
                            // "according to X, …" reports the rest of the sentence
                            cStart = first;
                            cEnd = end;
                        }

                        AddClaim(doc, lower, sourceName, c.Verb, c.Stance, sentence.Span, cStart, cEnd, i);
                        claimedUntil = contentStart;
                        handled = true;
                        break;
                    }
                }

                if (handled || !_lex.ReportingVerbs.TryGetValue(lower[i], out var stance) || lower[i].EndsWith("ing", StringComparison.Ordinal))
                {
                    continue;
                }

                // the subject: skip auxiliaries and adverbs to the left
                var j = i - 1;
                while (j >= first && (Words.Auxiliaries.Contains(lower[j]) || lower[j].EndsWith("ly", StringComparison.Ordinal) && lower[j].Length > 4))
                {
                    j--;
                }

                string? src = null;
                var subjectFirst = j;
                var corroborating = false;
                var postposed = false;
                if (j >= first && byEnd.TryGetValue(j + 1, out var m) && m.First >= first)
                {
                    src = m.Actor.Name;
                    subjectFirst = m.First;
                }
                else if (j >= first && lower[j] is "he" or "she")
                {
                    src = lastPerson?.Name;
                }
                else if (j >= first && (lower[j] is "," or "\"" || lower[j] == "'") && i + 1 < end && byFirst.TryGetValue(i + 1, out var after))
                {
                    // "…, said the minister"
                    src = after.Actor.Name;
                    postposed = true;
                }
                else if (j >= first)
                {
                    // a noun phrase: "footage and intelligence", "officials"
                    var k = j;
                    while (k >= first && k > j - 5 && char.IsLetter(lower[k][0]) && !Words.ClauseBoundaries.Contains(lower[k]))
                    {
                        k--;
                    }

                    var s = k + 1;
                    while (s <= j && SourceModifiers.Contains(lower[s]))
                    {
                        s++;
                    }

                    if (s <= j && !Words.Determiners.Contains(lower[j]) && (SourceHeads.Contains(lower[j]) || _lex.CorroboratingSources.Contains(lower[j])))
                    {
                        src = doc.Text[doc.Tokens.Starts[s]..doc.Tokens.Ends[j]];
                        subjectFirst = s;
                        corroborating = Enumerable.Range(s, j - s + 1).Any(x => _lex.CorroboratingSources.Contains(lower[x])) && !SourceHeads.Contains(lower[j]);
                    }
                }

                if (src is null)
                {
                    continue;
                }

                if (corroborating && stance is "confirms" or "asserts")
                {
                    stance = "corroborates";
                }

                int contentFirst, contentEnd;
                if (postposed)
                {
                    contentFirst = first;
                    contentEnd = j;
                }
                else
                {
                    contentFirst = i + 1;
                    if (contentFirst < end && lower[contentFirst] == "that")
                    {
                        contentFirst++;
                    }

                    contentEnd = ClauseEnd(lower, contentFirst, end);
                    if (contentEnd <= contentFirst + 1 && subjectFirst - 1 > first && lower[subjectFirst - 1] == ",")
                    {
                        // "…, officials say": the proposition precedes
                        contentFirst = first;
                        while (contentFirst < subjectFirst - 1 && Words.IsPunct(lower[contentFirst]))
                        {
                            contentFirst++;
                        }

                        contentEnd = subjectFirst - 1;
                    }
                }

                if (contentEnd <= contentFirst || !Enumerable.Range(contentFirst, contentEnd - contentFirst).Any(x => char.IsLetterOrDigit(lower[x][0])))
                {
                    continue;
                }

                AddClaim(doc, lower, src, forms[i], stance, sentence.Span, contentFirst, contentEnd, i);
                claimedUntil = i + 1;
            }
        }
    }

    private static int ClauseEnd(string[] lower, int start, int end)
    {
        var k = start;
        while (k < end && !(lower[k] is ";" or "." or "?" or "!"))
        {
            k++;
        }

        return k;
    }

    private static void AddClaim(Document doc, string[] lower, string source, string verb, string stance, TextSpan evidence, int contentFirst, int contentEnd, int verbToken)
    {
        var hasContent = contentEnd > contentFirst;
        var cs = hasContent ? doc.Tokens.Starts[contentFirst] : 0;
        var ce = hasContent ? doc.Tokens.Ends[contentEnd - 1] : 0;
        var claim = new Claim
        {
            Id = $"c{doc.Claims.Count + 1}",
            Source = source,
            Verb = verb,
            Stance = stance,
            Evidence = evidence,
        };

        var ev = doc.Events
            .Select(e => (Event: e, Pos: e.Mentions.Where(m => m.Start >= cs && m.End <= ce).Select(m => m.Start).DefaultIfEmpty(int.MaxValue).Min()))
            .Where(x => x.Pos != int.MaxValue)
            .OrderBy(x => x.Pos)
            .Select(x => x.Event)
            .FirstOrDefault();
        if (ev is not null)
        {
            claim.EventId = ev.Id;
            ev.ClaimIds.Add(claim.Id);
        }

        var text = doc.Text[cs..Math.Max(cs, ce)].Trim().Trim('"', '“', '”', ',', ' ');
        claim.Content = text.Length > 0 ? text : null;
        doc.Claims.Add(claim);
        _ = lower;
        _ = verbToken;
    }

    private static bool TryConstruction(ClaimConstruction c, string[] lower, int i, int end,
        Dictionary<int, (int First, int End, Actor Actor, string Form)> byFirst,
        Dictionary<int, (int First, int End, Actor Actor, string Form)> byEnd,
        out string? source, out int contentStart, out int sourceFirst)
    {
        source = null;
        contentStart = i;
        sourceFirst = i;
        var k = i;
        foreach (var t in c.Tokens)
        {
            if (t is null)
            {
                if (k == i)
                {
                    continue; // the source precedes: checked below
                }

                if (!byFirst.TryGetValue(k, out var m))
                {
                    return false;
                }

                source = m.Actor.Name;
                k = m.End;
                continue;
            }

            if (k >= end || lower[k] != t)
            {
                return false;
            }

            k++;
        }

        if (c.Tokens[0] is null)
        {
            if (!byEnd.TryGetValue(i, out var m) && !(i > 0 && lower[i - 1] is "has" or "have" or "had" or "also" && byEnd.TryGetValue(i - 1, out m)))
            {
                return false;
            }

            source = m.Actor.Name;
            sourceFirst = m.First;
        }

        contentStart = k;
        return source is not null && (k < end || c.Tokens[^1] is not null);
    }
}
