using Sitrep.Core;
using Sitrep.Core.Pipeline;

namespace Sitrep.Extraction;

/// <summary>
/// Attribution: who says so. Reporting verbs with their subject ("X revealed that …", "X, a think tank, said …",
/// "X on Saturday told the AFP that …"), after their content ("“…,” X said", "…, said the minister", "…, as satellite
/// imagery showed"), around it ("Putin, Zelensky told me, has …"), with a pronoun for a source named before ("it
/// said" → the organisation); constructions without a verb ("according to X", "X remained silent on", "X declined
/// to comment"); a line opened by its speaker ("BBC: Russia has lost …"); and quotation paragraphs with no verb of
/// their own, which belong to the speaker quoted just before. Evidence as a source ("footage and intelligence
/// confirm …") is corroboration. Each claim points to the event its content reports (and the event lists the claim)
/// and to the quantities it gives, or keeps the proposition as content. Events in the article's own voice get no
/// claim.
/// </summary>
public sealed class ClaimExtractor : IStage
{
    public const string StageName = "sitrep.Claims.v1";

    private static readonly HashSet<string> SourceHeads = new(StringComparer.Ordinal) { "officials", "official", "sources", "source", "witnesses", "residents", "analysts", "experts", "observers", "spokesman", "spokeswoman", "spokesperson", "ministry", "military", "army", "command", "police", "authorities", "government", "statement", "report", "reports", "investigators", "monitors", "media", "outlet", "agency", "journalists", "correspondents", "commanders", "milbloggers", "milblogger", "bloggers" };

    private static readonly HashSet<string> SourceModifiers = new(StringComparer.Ordinal) { "recent", "new", "latest", "newly", "released", "the", "a", "an", "some", "several", "many", "other", "also" };

    private static readonly HashSet<string> TimeWords = new(StringComparer.Ordinal) { "week", "weekend", "month", "year", "day", "morning", "afternoon", "evening", "night", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "earlier", "later", "previously" };

    private static readonly HashSet<string> TimeOpeners = new(StringComparer.Ordinal) { "on", "last", "this", "earlier", "late", "in", "early" };

    private static readonly HashSet<string> Quotes = new(StringComparer.Ordinal) { "\"", "“", "”", "'", "‘", "’", "«", "»" };

    private static readonly HashSet<string> Adverbs = new(StringComparer.Ordinal) { "still", "often", "never", "once", "soon", "ever", "always", "meanwhile", "however", "too", "first" };

    private static readonly HashSet<string> Hearsay = new(StringComparer.Ordinal) { "reportedly", "allegedly", "purportedly", "supposedly" };

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

        var ctx = new Context(doc, Words.Lower(doc));
        var paragraphs = Words.SentenceParagraphs(doc);
        (Actor Source, int Paragraph)? lastSpeaker = null;
        for (var s = 0; s < doc.SentenceCount;)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var end = s + 1;
            while (end < doc.SentenceCount && paragraphs[end] == paragraphs[s])
            {
                end++;
            }

            var before = doc.Claims.Count;
            for (var k = s; k < end; k++)
            {
                ExtractSentence(ctx, doc.Sentence(k));
            }

            for (var c = before; c < doc.Claims.Count; c++)
            {
                if (ctx.ClaimSources[c] is { Kind: ActorKind.Person } speaker)
                {
                    lastSpeaker = (speaker, paragraphs[s]);
                }
            }

            // a quotation paragraph with no attribution of its own is the last speaker's, when that speaker was quoted
            // in one of the two paragraphs before
            if (doc.Claims.Count == before && IsQuotation(ctx, doc.Sentence(s)) && lastSpeaker is { } ls && paragraphs[s] - ls.Paragraph is > 0 and <= 2)
            {
                var span = new TextSpan(doc.Sentence(s).Span.Start, doc.Sentence(end - 1).Span.End);
                AddClaim(ctx, ls.Source, ls.Source.Name, "quoted", "asserts", span, [span]);
                lastSpeaker = (ls.Source, paragraphs[s]);
            }

            s = end;
        }
    }

    private void ExtractSentence(Context ctx, Sentence sentence)
    {
        var doc = ctx.Doc;
        var lower = ctx.Lower;
        var forms = doc.Tokens.Forms;
        var first = sentence.FirstToken;
        var end = sentence.EndToken;
        var claimedUntil = first;
        var sentenceClaims = doc.Claims.Count;

        // "BBC: Russia has lost …": a line opened by a person or an organisation and a colon
        if (ctx.ByFirst.TryGetValue(first, out var opener) && opener.End < end && lower[opener.End] == ":" && opener.Actor.Kind is ActorKind.Person or ActorKind.Organisation
            && opener.End + 1 < end && Enumerable.Range(opener.End + 1, end - opener.End - 1).Count(x => char.IsLetter(lower[x][0])) >= 3)
        {
            AddClaim(ctx, opener.Actor, opener.Actor.Name, ":", "asserts", sentence.Span, [Chars(doc, opener.End + 1, end)]);
            claimedUntil = end;
        }

        for (var i = first; i < end; i++)
        {
            ctx.Advance(i);
            if (i < claimedUntil)
            {
                continue;
            }

            // constructions: "according to X", "X remained silent on"
            var handled = false;
            foreach (var c in _lex.ClaimConstructions)
            {
                if (TryConstruction(c, lower, i, end, ctx.ByFirst, ctx.ByEnd, out var source, out var contentStart))
                {
                    var content = c.Tokens[0] is null
                        ? Chars(doc, contentStart, ClauseEnd(lower, contentStart, end))
                        : sentence.Span; // "according to X, …" reports the rest of the sentence
                    AddClaim(ctx, source, source!.Name, c.Verb, c.Stance, sentence.Span, [content]);
                    claimedUntil = contentStart;
                    handled = true;
                    break;
                }
            }

            if (handled || !_lex.ReportingVerbs.TryGetValue(lower[i], out var stance))
            {
                continue;
            }

            if (TryVerb(ctx, sentence, i, stance, sentenceClaims) is { } next)
            {
                claimedUntil = next;
            }
        }
    }

    /// <summary>A claim from the reporting verb at <paramref name="i"/>; the token after it, or null when there is none.</summary>
    private int? TryVerb(Context ctx, Sentence sentence, int i, string stance, int sentenceClaims)
    {
        var doc = ctx.Doc;
        var lower = ctx.Lower;
        var forms = doc.Tokens.Forms;
        var first = sentence.FirstToken;
        var end = sentence.EndToken;
        // "the reports", "his claims", "Putin's claims": the noun, not the verb
        if (i > first && (Words.Determiners.Contains(lower[i - 1]) || lower[i - 1] == "'s"))
        {
            return null;
        }

        // "…, adding that …", "…, saying …": the participle reports for the clause's speaker
        if (lower[i].EndsWith("ing", StringComparison.Ordinal))
        {
            if (i - 1 <= first || lower[i - 1] != "," || doc.Claims.Count == sentenceClaims)
            {
                return null;
            }

            var speaker = ctx.ClaimSources[^1];
            var (cf, ce, _) = ContentAfter(doc, lower, i, end);
            if (ce <= cf || speaker is null)
            {
                return null;
            }

            AddClaim(ctx, speaker, speaker.Name, forms[i], stance, sentence.Span, [Chars(doc, cf, ce)]);
            return ce;
        }

        // the subject: skip auxiliaries, adverbs and time phrases to the left ("Zelensky on Saturday told …")
        var hearsay = false;
        var j = i - 1;
        while (true)
        {
            while (j >= first && (Words.Auxiliaries.Contains(lower[j]) || Adverbs.Contains(lower[j]) || lower[j].EndsWith("ly", StringComparison.Ordinal) && lower[j].Length > 4))
            {
                hearsay |= Hearsay.Contains(lower[j]);
                j--;
            }

            var t = TimePhraseStart(ctx, j, first);
            if (t == j + 1)
            {
                break;
            }

            j = t - 1;
        }

        Actor? actor = null;
        string? src = null;
        var subjectFirst = j + 1;
        var corroborating = false;
        var postposed = false;
        if (j >= first && ctx.ByEnd.TryGetValue(j + 1, out var m) && m.First >= first)
        {
            (actor, subjectFirst) = (m.Actor, m.First);
        }
        else if (j > first && lower[j] == "," && Appositive(ctx, j, first) is { } ap)
        {
            // "The Institute for the Study of War, a Washington-based think tank, attributed …"
            (actor, subjectFirst) = (ap.Actor, ap.First);
        }
        else if (j >= first && lower[j] is "he" or "she" or "it" or "they" && !(j > first && lower[j - 1] is "that" or "whether" or "if"))
        {
            actor = lower[j] switch
            {
                // "he said" after a quoted speaker is that speaker more often than the last person named
                "he" or "she" => ctx.RecentSpeaker(sentence.Index, body: false) ?? ctx.LastPerson,
                "it" => ctx.RecentSpeaker(sentence.Index, body: true) ?? ctx.LastBody,
                _ => ctx.LastPlural,
            };
            subjectFirst = j;
        }
        else if (j >= first && (lower[j] is "," || Quotes.Contains(lower[j])) && PostposedSource(ctx, i, end) is { } after)
        {
            // "…, said the minister", "“…,” said defence ministry adviser Serhiy Beskrestnov"
            actor = after.Actor;
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

            var st = k + 1;
            while (st <= j && SourceModifiers.Contains(lower[st]))
            {
                st++;
            }

            if (st <= j && !Words.Determiners.Contains(lower[j]) && (SourceHeads.Contains(lower[j]) || _lex.CorroboratingSources.Contains(lower[j])))
            {
                src = doc.Text[doc.Tokens.Starts[st]..doc.Tokens.Ends[j]];
                subjectFirst = st;
                corroborating = Enumerable.Range(st, j - st + 1).Any(x => _lex.CorroboratingSources.Contains(lower[x])) && !SourceHeads.Contains(lower[j]);
            }
        }

        if (actor is null && src is null)
        {
            return null;
        }

        if (stance == "corroborates" && !corroborating)
        {
            return null;
        }

        src ??= actor!.Name;
        if (corroborating && stance is "confirms" or "asserts")
        {
            stance = "corroborates";
        }
        else if (hearsay && stance == "asserts")
        {
            stance = "unconfirmed";
        }

        var contentRanges = new List<TextSpan>();
        var next = i + 1;
        if (postposed)
        {
            contentRanges.Add(ContentBefore(ctx, sentence, first, j));
            next = end;
        }
        else
        {
            var (cf, ce, explicitAfter) = ContentAfter(doc, lower, i, end);

            // the speaker's phrase may open with a title or a description: "its leader Volodymyr Zelensky", "Kremlin
            // spokesman Dmitry Peskov"
            var np = subjectFirst;
            while (np - 1 > first && np > subjectFirst - 4 && char.IsLetter(lower[np - 1][0]) && !Words.ClauseBoundaries.Contains(lower[np - 1]) && !IsVerb(doc, np - 1))
            {
                np--;
            }

            var boundary = np - 1;
            var afterComma = boundary >= first && (lower[boundary] == "," || Quotes.Contains(lower[boundary]));
            var afterAs = boundary >= first && lower[boundary] == "as";
            var afterQuote = boundary >= first && (lower[boundary] is "”" or "\"" or "»" || lower[boundary] == "," && boundary > first && lower[boundary - 1] is "”" or "\"" or "»");
            var close = i + 1;
            while (close < end && close <= i + 3 && lower[close] != "," && !Words.IsPunct(lower[close]))
            {
                close++; // "told me,"
            }

            if (boundary > first && lower[boundary] == "," && !Quotes.Contains(lower[boundary - 1]) && close < end && lower[close] == "," && ClauseEnd(lower, close + 1, end) > close + 2
                && (!HasVerb(doc, first, boundary) || IsVerb(doc, close + 1)))
            {
                // "Putin, Zelensky told me, has already started …", "Of course, he said, victory meant …": the report
                // is around the parenthesis
                contentRanges.Add(Chars(doc, first, boundary));
                contentRanges.Add(Chars(doc, close + 1, ClauseEnd(lower, close + 1, end)));
                next = ClauseEnd(lower, close + 1, end);
            }
            else if (explicitAfter || ce > cf && !afterQuote)
            {
                contentRanges.Add(Chars(doc, cf, ce));
                next = ce;
            }
            else if (np > first && (afterComma || afterAs))
            {
                // "…, officials say", "“…,” Zelensky said", "…, its leader Volodymyr Zelensky said Tuesday, as …",
                // "…, as satellite imagery later showed"
                contentRanges.Add(ContentBefore(ctx, sentence, first, boundary - (afterAs ? 1 : 0)));
            }
        }

        contentRanges.RemoveAll(r => r.End <= r.Start || !doc.Text.AsSpan(r.Start, r.End - r.Start).ContainsAnyExcept(" \t\r\n,.;:\"“”'‘’«»—–-…"));
        if (contentRanges.Count == 0)
        {
            return null;
        }

        AddClaim(ctx, actor, src, forms[i], stance, sentence.Span, contentRanges);
        return next;
    }

    /// <summary>The first token of a time phrase ending at <paramref name="j"/> ("on Saturday", "last week"), or j + 1 when there is none.</summary>
    private int TimePhraseStart(Context ctx, int j, int first)
    {
        var lower = ctx.Lower;
        if (j < first || !(TimeWords.Contains(lower[j]) || _lex.Weekdays.ContainsKey(lower[j]) || _lex.Months.ContainsKey(lower[j]) || char.IsDigit(lower[j][0])))
        {
            return j + 1;
        }

        if (lower[j] is "today" or "yesterday" or "earlier" or "later" or "previously")
        {
            return j;
        }

        for (var k = j - 1; k >= first && k >= j - 4; k--)
        {
            if (TimeOpeners.Contains(lower[k]))
            {
                return k;
            }

            if (Words.IsPunct(lower[k]) && lower[k] != ",")
            {
                break;
            }
        }

        return j + 1;
    }

    /// <summary>"X, a Washington-based think tank, said": the actor before the appositive that ends at the comma <paramref name="comma"/>.</summary>
    private static ActorSpan? Appositive(Context ctx, int comma, int first)
    {
        for (var k = comma - 1; k > first && k >= comma - 14; k--)
        {
            if (ctx.Lower[k] == ",")
            {
                return ctx.ByEnd.TryGetValue(k, out var m) && m.First >= first && ctx.Lower[k + 1] is "a" or "an" or "the" or "who" or "which" ? m : null;
            }

            if (Words.ClauseBoundaries.Contains(ctx.Lower[k]) && ctx.Lower[k] is not ("who" or "which"))
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>"said defence ministry adviser Serhiy Beskrestnov": an actor named within a few words after the verb.</summary>
    private static ActorSpan? PostposedSource(Context ctx, int verb, int end)
    {
        for (var k = verb + 1; k < end && k <= verb + 6; k++)
        {
            if (ctx.ByFirst.TryGetValue(k, out var m))
            {
                return m.End >= end || ctx.Lower[m.End] is "." or "," or ";" or "!" or "?" or "(" || Quotes.Contains(ctx.Lower[m.End]) ? m : null;
            }

            if (Words.IsPunct(ctx.Lower[k]) || ctx.Lower[k] is "that" or "in" or "on")
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>
    /// The proposition a postposed attribution reports: the sentence up to <paramref name="last"/> without its closing
    /// comma and quotes; a quotation closed here and opened in an earlier sentence of the paragraph is taken whole.
    /// </summary>
    private static TextSpan ContentBefore(Context ctx, Sentence sentence, int first, int last)
    {
        var doc = ctx.Doc;
        var lower = ctx.Lower;
        var a = first;
        var b = last;
        while (b >= a && (Words.IsPunct(lower[b]) || Quotes.Contains(lower[b])))
        {
            b--;
        }

        var closesQuote = last >= first && Enumerable.Range(b + 1, Math.Max(0, last - b)).Any(x => Quotes.Contains(lower[x]));
        while (a <= b && (Words.IsPunct(lower[a]) || Quotes.Contains(lower[a])))
        {
            a++;
        }

        if (b < a)
        {
            return new TextSpan(0, 0);
        }

        var start = doc.Tokens.Starts[a];
        if (closesQuote && !Quotes.Contains(lower[first]))
        {
            // the quotation opened earlier in the paragraph: "“You can’t say that we’re losing the war … The question is …,” he said."
            var lineStart = doc.Text.LastIndexOf('\n', Math.Max(0, start - 1)) + 1;
            var open = doc.Text.AsSpan(lineStart, start - lineStart).LastIndexOfAny("“\"");
            if (open >= 0)
            {
                start = lineStart + open + 1;
            }
        }

        return new TextSpan(start, doc.Tokens.Ends[b]);
    }

    /// <summary>
    /// The complement of the verb at <paramref name="verb"/>. Explicit after "that", a colon or an opening quote within a
    /// few words ("told the AFP that …", "said on the eve of the talks in Geneva that …", "told reporters: …"); bare
    /// when the verb is followed by a clause of its own ("said Russia launched …"), but not after a telling verb, whose
    /// next words are the addressee, nor when a preposition follows ("said in a video address …"). Empty when a comma
    /// closes the attribution ("…, he said, …", "…, Zelensky said Tuesday, as …").
    /// </summary>
    private (int First, int End, bool Explicit) ContentAfter(Document doc, string[] lower, int verb, int end)
    {
        var k = verb + 1;
        while (k < end && k <= verb + 3 && (TimeWords.Contains(lower[k]) || TimeOpeners.Contains(lower[k]) && k + 1 < end && (TimeWords.Contains(lower[k + 1]) || _lex.Weekdays.ContainsKey(lower[k + 1]) || _lex.Months.ContainsKey(lower[k + 1])) || _lex.Weekdays.ContainsKey(lower[k]) || _lex.Months.ContainsKey(lower[k]) || char.IsDigit(lower[k][0])))
        {
            k++;
        }

        if (k >= end || lower[k] is "," or "." or ";" or "!" or "?")
        {
            return (k, k, false);
        }

        for (var t = verb + 1; t < end && t <= verb + 12; t++)
        {
            var explicitStart = -1;
            if (lower[t] == "that" && !(t + 1 < end && IsVerb(doc, t + 1)) || lower[t] == ":")
            {
                explicitStart = t + 1;
            }
            else if (lower[t] is "“" or "\"" or "«" && (t == verb + 1 || lower[t - 1] is "," or ":"))
            {
                explicitStart = t;
            }

            if (explicitStart >= 0)
            {
                var cf = explicitStart;
                while (cf < end && (Quotes.Contains(lower[cf]) || lower[cf] == ","))
                {
                    cf++;
                }

                return (cf, ClauseEnd(lower, cf, end), true);
            }

            if (lower[t] is "." or ";" or "," or "and" or "but" or "who" or "which" or "?" or "!")
            {
                break;
            }
        }

        var tells = lower[verb] is "told" or "tell" or "tells" or "telling";
        var preposition = doc.Tokens.Upos.Count > k && doc.Tokens.Upos[k] == "ADP" || lower[k] is "in" or "on" or "at" or "during" or "to" or "after" or "before" or "as" or "while" or "from" or "with";
        if (tells || preposition || _lex.ExplicitReportingVerbs.Contains(lower[verb]))
        {
            return (k, k, false);
        }

        while (k < end && Quotes.Contains(lower[k]))
        {
            k++;
        }

        return (k, ClauseEnd(lower, k, end), false);
    }

    private static bool IsQuotation(Context ctx, Sentence sentence)
    {
        var f = sentence.TokenCount < 4 ? "" : ctx.Doc.Tokens.Forms[sentence.FirstToken];
        return f is "\"" or "“" or "«";
    }

    private static bool IsVerb(Document doc, int t) => doc.Tokens.Upos.Count > t && doc.Tokens.Upos[t] is "VERB" or "AUX";

    private static bool HasVerb(Document doc, int first, int end)
    {
        for (var t = first; t < end; t++)
        {
            if (IsVerb(doc, t))
            {
                return true;
            }
        }

        return false;
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

    private static TextSpan Chars(Document doc, int firstToken, int endToken) =>
        endToken <= firstToken ? new TextSpan(0, 0) : new TextSpan(doc.Tokens.Starts[firstToken], doc.Tokens.Ends[endToken - 1]);

    private static void AddClaim(Context ctx, Actor? actor, string source, string verb, string stance, TextSpan evidence, List<TextSpan> content)
    {
        var doc = ctx.Doc;
        var claim = new Claim
        {
            Id = $"c{doc.Claims.Count + 1}",
            Source = source,
            Verb = verb,
            Stance = stance,
            Evidence = evidence,
        };

        bool Inside(int offset) => content.Any(r => offset >= r.Start && offset < r.End);

        // the first event the content reports, by any span that tells it
        var ev = doc.Events
            .Select(e => (Event: e, Pos: e.Mentions.Select(m => m.Start).Append(e.Trigger?.Start ?? -1).Where(Inside).DefaultIfEmpty(int.MaxValue).Min()))
            .Where(x => x.Pos != int.MaxValue)
            .OrderBy(x => x.Pos)
            .Select(x => x.Event)
            .FirstOrDefault();
        if (ev is not null)
        {
            claim.EventId = ev.Id;
            ev.ClaimIds.Add(claim.Id);
        }

        foreach (var q in doc.Quantities)
        {
            if (Inside(q.Span.Start) && q.Span.End <= content.First(r => q.Span.Start >= r.Start && q.Span.Start < r.End).End)
            {
                claim.QuantityIds.Add(q.Id);
            }
        }

        var text = string.Join(" … ", content.Select(r => doc.Text[r.Start..r.End].Trim().Trim('"', '“', '”', ',', ' ')).Where(t => t.Length > 0));
        claim.Content = text.Length > 0 ? text : null;
        doc.Claims.Add(claim);
        ctx.ClaimSources.Add(actor);
        if (actor is { Kind: ActorKind.Person })
        {
            ctx.Speaker = (actor, doc.SentenceIndexAt(evidence.Start));
        }
        else if (actor is { Kind: ActorKind.Organisation or ActorKind.ArmedForce or ActorKind.State })
        {
            ctx.BodySpeaker = (actor, doc.SentenceIndexAt(evidence.Start));
        }
    }

    private static bool TryConstruction(ClaimConstruction c, string[] lower, int i, int end,
        Dictionary<int, ActorSpan> byFirst, Dictionary<int, ActorSpan> byEnd, out Actor? source, out int contentStart)
    {
        source = null;
        contentStart = i;
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

                source = m.Actor;
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

            source = m.Actor;
        }

        contentStart = k;
        return source is not null && (k < end || c.Tokens[^1] is not null);
    }

    /// <summary>An actor mention as token positions.</summary>
    private readonly record struct ActorSpan(int First, int End, Actor Actor);

    /// <summary>Per-document state: mention lookups and the actors last named, for pronouns.</summary>
    private sealed class Context
    {
        private readonly List<ActorSpan> _mentions;
        private int _next;

        public Context(Document doc, string[] lower)
        {
            Doc = doc;
            Lower = lower;
            var actorsById = doc.Actors.ToDictionary(a => a.Id, StringComparer.Ordinal);
            _mentions = doc.ActorMentions.Select(m => new ActorSpan(doc.TokenIndexAtOrAfter(m.Span.Start), doc.TokenIndexAtOrAfter(m.Span.End), actorsById[m.ActorId])).ToList();
            foreach (var m in _mentions)
            {
                ByEnd[m.End] = m;
                ByFirst.TryAdd(m.First, m);
            }
        }

        public Document Doc { get; }

        public string[] Lower { get; }

        public Dictionary<int, ActorSpan> ByEnd { get; } = [];

        public Dictionary<int, ActorSpan> ByFirst { get; } = [];

        /// <summary>The actor behind each claim of <see cref="Document.Claims"/>, when the source is one.</summary>
        public List<Actor?> ClaimSources { get; } = [];

        public Actor? LastPerson { get; private set; }

        /// <summary>The person source of the last claim and the sentence it was made in.</summary>
        public (Actor Actor, int Sentence)? Speaker { get; set; }

        /// <summary>The organisation, armed force or state source of the last such claim and its sentence.</summary>
        public (Actor Actor, int Sentence)? BodySpeaker { get; set; }

        /// <summary>The last person (or body) quoted, when that was in this sentence or one of the two before.</summary>
        public Actor? RecentSpeaker(int sentence, bool body) =>
            (body ? BodySpeaker : Speaker) is { } sp && sentence - sp.Sentence is >= 0 and <= 2 ? sp.Actor : null;

        /// <summary>The last organisation, armed force or state: what "it" stands for.</summary>
        public Actor? LastBody { get; private set; }

        /// <summary>The last group, state or organisation: what "they" stands for.</summary>
        public Actor? LastPlural { get; private set; }

        /// <summary>Takes in the mentions that start before token <paramref name="i"/>.</summary>
        public void Advance(int i)
        {
            while (_next < _mentions.Count && _mentions[_next].First < i)
            {
                var a = _mentions[_next].Actor;
                switch (a.Kind)
                {
                    case ActorKind.Person:
                        LastPerson = a;
                        break;
                    case ActorKind.Group:
                        LastPlural = a;
                        break;
                    default:
                        LastBody = a;
                        LastPlural = a;
                        break;
                }

                _next++;
            }
        }
    }
}
