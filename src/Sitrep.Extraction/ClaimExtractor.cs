using Sitrep.Core;
using Sitrep.Core.Pipeline;

namespace Sitrep.Extraction;

/// <summary>
/// Attribution: who says so. Reporting verbs with their subject ("X revealed that …", "X, a think tank, said …",
/// "X on Saturday told the AFP that …"), after their content ("“…,” X said", "…, said the minister", "…, as satellite
/// imagery showed"), around it ("The general, Marchuk told me, has …"), with a pronoun for a source named before ("it
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

    private static readonly char[] ContentTrim = ['"', '“', '”', ',', ' '];

    private static readonly HashSet<string> Hearsay = new(StringComparer.Ordinal) { "reportedly", "allegedly", "purportedly", "supposedly" };

    // nouns by which a claim refers to an act told before it, with the act's type (data/extraction/claim-act-nouns.tsv)
    private static readonly Lazy<Dictionary<string, string>> ActNouns = new(() => Lexicon.Lines(typeof(ClaimExtractor).Assembly, "claim-act-nouns.tsv")
        .Select(l => l.Split('\t'))
        .Select(c => c.Length == 2 ? (Noun: c[0].Trim(), Type: c[1].Trim()) : throw new InvalidDataException($"claim-act-nouns.tsv: line '{string.Join('\t', c)}' is not noun<TAB>type"))
        .ToDictionary(x => x.Noun, x => x.Type, StringComparer.Ordinal));

    // nouns for what a source said ("such assessments", "these forecasts"): data/extraction/claim-report-nouns.txt
    private static readonly Lazy<HashSet<string>> ReportNouns = new(() => new HashSet<string>(Lexicon.Lines(typeof(ClaimExtractor).Assembly, "claim-report-nouns.txt"), StringComparer.Ordinal));

    // words that open a clause of a claim's content that sets the reported act in time or describes a noun
    // (data/extraction/claim-background-clauses.tsv)
    private static readonly Lazy<Dictionary<string, string>> BackgroundClauseWords = new(() => Lexicon.Lines(typeof(ClaimExtractor).Assembly, "claim-background-clauses.tsv")
        .Select(l => l.Split('\t'))
        .Select(c => c.Length == 2 && c[1].Trim() is "time" or "time-noun" or "relative" ? (Word: c[0].Trim(), Kind: c[1].Trim())
            : throw new InvalidDataException($"claim-background-clauses.tsv: line '{string.Join('\t', c)}' is not word<TAB>time|time-noun|relative"))
        .ToDictionary(x => x.Word, x => x.Kind, StringComparer.Ordinal));

    // nouns by which a claim names the site of an attack told before it (data/extraction/claim-site-nouns.txt)
    private static readonly Lazy<HashSet<string>> TopicVerbs = new(() => new HashSet<string>(Lexicon.Lines(typeof(ClaimExtractor).Assembly, "claim-topic-verbs.txt"), StringComparer.Ordinal));

    private static readonly Lazy<HashSet<string>> SiteNouns = new(() => new HashSet<string>(Lexicon.Lines(typeof(ClaimExtractor).Assembly, "claim-site-nouns.txt"), StringComparer.Ordinal));

    private static readonly HashSet<string> Possessives = new(StringComparer.Ordinal) { "the", "this", "these", "those", "its", "their", "his", "her", "our", "'s", "’s" };

    private readonly ExtractionLexicon _lex;

    // The claim constructions that can match at a token, by that token (the first word of the pattern, or the word after a
    // leading source); those that can match at any token are in every list. Each list keeps the lexicon's order.
    private readonly Dictionary<string, ClaimConstruction[]> _constructionsByWord = new(StringComparer.Ordinal);

    private readonly ClaimConstruction[] _constructionsAnyWord;

    public ClaimExtractor(ExtractionLexicon? lexicon = null)
    {
        _lex = lexicon ?? ExtractionLexicon.Default;
        static string? Opening(ClaimConstruction c) => c.Tokens.Count > 0 && c.Tokens[0] is { } w ? w : c.Tokens.Count > 1 ? c.Tokens[1] : null;
        _constructionsAnyWord = _lex.ClaimConstructions.Where(c => Opening(c) is null).ToArray();
        foreach (var word in _lex.ClaimConstructions.Select(Opening).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            _constructionsByWord[word] = _lex.ClaimConstructions.Where(c => Opening(c) is not { } w || w == word).ToArray();
        }
    }

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

        // an interview ("I asked", "the interview"): its unattributed quotations are the interviewee's
        var interview = doc.Text.Contains("interview", StringComparison.OrdinalIgnoreCase) && (doc.Text.Contains("I asked", StringComparison.Ordinal) || doc.Text.Contains(" told me", StringComparison.Ordinal));
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
                var n0 = doc.Claims.Count;
                var sentence = doc.Sentence(k);
                ExtractSentence(ctx, sentence);

                // a quotation that goes on in the next sentence of the paragraph: "“…,” he said. “I set a clear task …”"
                if (doc.Claims.Count == n0 && k > s && IsQuotation(ctx, sentence) && n0 > before && ctx.ClaimSources[n0 - 1] is { Kind: ActorKind.Person } going
                    && doc.SentenceIndexAt(doc.Claims[n0 - 1].Evidence.Start) == k - 1)
                {
                    var span = new TextSpan(sentence.Span.Start, QuotationEnd(doc, sentence.Span.Start + 1, doc.Sentence(end - 1).Span.End) ?? sentence.Span.End);
                    ctx.Verb = span.Start;
                    AddClaim(ctx, going, going.Name, "quoted", "asserts", span, [span]);
                    while (k + 1 < end && doc.Sentence(k + 1).Span.End <= span.End)
                    {
                        k++;
                    }
                }
            }

            for (var c = before; c < doc.Claims.Count; c++)
            {
                if (ctx.ClaimSources[c] is { Kind: ActorKind.Person } speaker)
                {
                    lastSpeaker = (speaker, paragraphs[s]);
                }
            }

            // a quotation paragraph with no attribution of its own (or only reports inside the quotation: "… our
            // partners say …") is the speaker's named on the line after it ("– Name"), else the last speaker's when
            // that speaker was quoted in one of the two paragraphs before, else, in an interview, the interviewee's
            if (IsQuotation(ctx, doc.Sentence(s)) && Enumerable.Range(before, doc.Claims.Count - before).All(c => InsideQuotation(doc, doc.Sentence(s).Span.Start, doc.Claims[c].Evidence, ctx.ClaimVerbs[c])))
            {
                var span = new TextSpan(doc.Sentence(s).Span.Start, doc.Sentence(end - 1).Span.End);
                if (end < doc.SentenceCount && SignatureLine(ctx, doc.Sentence(end)) is { } signed)
                {
                    ctx.Verb = span.Start;
                    AddClaim(ctx, signed, signed.Name, "quoted", "asserts", span, [span]);
                }
                else if (lastSpeaker is { } ls && paragraphs[s] - ls.Paragraph is > 0 and <= 2)
                {
                    ctx.Verb = span.Start;
                    AddClaim(ctx, ls.Source, ls.Source.Name, "quoted", "asserts", span, [span]);
                    lastSpeaker = (ls.Source, paragraphs[s]);
                }
                else if (interview && ctx.Interviewee() is { } interviewee)
                {
                    ctx.Verb = span.Start;
                    AddClaim(ctx, interviewee, interviewee.Name, "quoted", "asserts", span, [span]);
                }
            }

            s = end;
        }

        var spoken = doc.Claims.Count;
        AddHeadedSections(ctx);
        var headed = doc.Claims.Skip(spoken).ToHashSet();
        AddHearsay(ctx);
        AddSpeechActs(ctx);
        LinkReactions(doc, paragraphs, headed);
    }

    /// <summary>
    /// A speech act told by the participle of a reporting verb that no reporting clause above has read ("with Baku and
    /// Yerevan accusing each other of shelling", where no comma makes it a participle of a clause's speaker) is a claim of the
    /// act's agent about that act: one claim, whose content is what follows the verb in its clause.
    /// </summary>
    private void AddSpeechActs(Context ctx)
    {
        var doc = ctx.Doc;
        foreach (var e in doc.Events)
        {
            if (e.Trigger is not { } tr || e.Actor is null || doc.TokenIndexAtOrAfter(tr.Start) is var t && (t >= doc.Tokens.Count || doc.Tokens.Ends[t] != tr.End)
                || !ctx.Lower[t].EndsWith("ing", StringComparison.Ordinal) || !_lex.ReportingVerbs.TryGetValue(ctx.Lower[t], out var stance) || stance == "corroborates"
                || doc.Actors.FirstOrDefault(a => a.Name == e.Actor) is not { } agent
                || Enumerable.Range(0, doc.Claims.Count).Any(c => doc.Claims[c].EventId == e.Id || ctx.ClaimVerbs[c] == tr.Start && doc.Claims[c].Source == agent.Name))
            {
                continue;
            }

            var sentence = doc.Sentence(doc.SentenceIndexAt(tr.Start));
            var end = ClauseEnd(ctx.Lower, t + 1, sentence.EndToken);
            var content = Chars(doc, t + 1, end);
            var claim = new Claim
            {
                Id = $"c{doc.Claims.Count + 1}",
                Source = agent.Name,
                Verb = doc.Tokens.Forms[t],
                Stance = stance,
                Evidence = sentence.Span,
                EventId = e.Id,
                Content = content.End > content.Start ? doc.Text[content.Start..content.End].Trim().Trim(ContentTrim) : null,
            };
            e.ClaimIds.Add(claim.Id);
            doc.Claims.Add(claim);
            ctx.ClaimSources.Add(agent);
            ctx.ClaimVerbs.Add(tr.Start);
            ctx.ClaimRanges.Add([content]);
        }
    }

    /// <summary>
    /// A claim whose content reports no event of its own answers the act told just before it in its paragraph
    /// ("On Thursday, Russia launched 420 drones. “We managed to protect the facilities,” Marchuk said."): it is
    /// about the last event told in an earlier sentence of that paragraph, unless it is the words of a speaker that go on
    /// (<see cref="Continued"/>). The lines of a section under a source's heading (<paramref name="headed"/>) are each a
    /// statement of their own: a sentence there goes on from the one before only inside its paragraph.
    /// </summary>
    private static void LinkReactions(Document doc, int[] paragraphs, HashSet<Claim> headed)
    {
        var direct = doc.Claims.Where(c => c.EventId is not null).ToHashSet();
        for (var i = 0; i < doc.Claims.Count; i++)
        {
            var c = doc.Claims[i];
            if (c.EventId is not null)
            {
                continue;
            }

            // "… confirmed the strike, saying it had hit a command post": a participle that goes on with the words of the
            // speaker of the claim before it in the sentence, and tells no act of its own, is about that claim's act
            var along = i > 0 && c.Verb.EndsWith("ing", StringComparison.Ordinal) && doc.Claims[i - 1] is { EventId: { } prior } p
                && p.Source == c.Source && p.Evidence == c.Evidence ? doc.Events.FirstOrDefault(e => e.Id == prior) : null;
            if ((along ?? Continued(doc, i, headed.Contains(c) ? paragraphs : null) ?? Reaction(doc, paragraphs, c) ?? OwnActBefore(doc, c) ?? (headed.Contains(c) ? null : TopicGoesOn(doc, i, direct))) is { } ev)
            {
                c.EventId = ev.Id;
                ev.ClaimIds.Add(c.Id);
            }
        }
    }

    /// <summary>
    /// A speaker's words that go on in the next sentences ("… describing the talks as substantive." / "“A number of
    /// issues were clarified,” he said."), with no other act told between, are about what the first were about: the act
    /// its report is about, the first of those its content reports, not one it names in passing. With
    /// <paramref name="sameParagraph"/>, only inside the paragraph.
    /// </summary>
    private static Event? Continued(Document doc, int i, int[]? sameParagraph)
    {
        if (i == 0)
        {
            return null;
        }

        var c = doc.Claims[i];
        var k = i - 1;
        while (k > 0 && doc.Claims[k - 1].Evidence == doc.Claims[k].Evidence && doc.Claims[k - 1].Source == doc.Claims[k].Source
            && doc.Claims[k - 1].Verb == doc.Claims[k].Verb && doc.Claims[k - 1].EventId is not null)
        {
            k--;
        }

        var before = doc.Claims[k];
        var gap = doc.SentenceIndexAt(c.Evidence.Start) - doc.SentenceIndexAt(before.Evidence.Start);
        return before.EventId is { } id && before.Source == c.Source && gap is 1 or 2
            && (sameParagraph is null || sameParagraph[doc.SentenceIndexAt(c.Evidence.Start)] == sameParagraph[doc.SentenceIndexAt(before.Evidence.Start)])
            && !doc.Events.Any(e => e.Evidence.Start > before.Evidence.End && e.Evidence.Start <= c.Evidence.Start)
            ? doc.Events.FirstOrDefault(e => e.Id == id)
            : null;
    }

    /// <summary>
    /// A speaker who comments on an act of their own told in the sentence just before, across a paragraph break ("X
    /// vowed to end the war on his first day. / In an interview, X said the timeline had been said in jest."): a claim
    /// whose content tells no act is about the last event of the sentence before it when the claim's source is that
    /// event's actor.
    /// </summary>
    private static Event? OwnActBefore(Document doc, Claim c)
    {
        var sentence = doc.SentenceIndexAt(c.Evidence.Start);
        if (sentence <= 0)
        {
            return null;
        }

        var before = doc.Sentence(sentence - 1).Span;
        return LastToldIn(doc.Events, before.Start, before.End) is { Actor: { } actor } last && actor == c.Source ? last : null;
    }

    /// <summary>
    /// Reactions that follow one another ("X described the talks as difficult. / Y said progress had been made."): a claim
    /// whose content tells no act, in the sentence after a claim about an act, with no other act told between, is about
    /// that act when another source says it (the same source's words that go on are <see cref="Continued"/>). The claim
    /// before must report the act itself (<paramref name="direct"/>), not be linked to it as a reaction.
    /// </summary>
    private static Event? TopicGoesOn(Document doc, int i, HashSet<Claim> direct)
    {
        if (i == 0 || doc.Claims[i - 1] is not { EventId: { } id } before || !direct.Contains(before) || before.Source == doc.Claims[i].Source)
        {
            return null;
        }

        var c = doc.Claims[i];
        var gap = doc.SentenceIndexAt(c.Evidence.Start) - doc.SentenceIndexAt(before.Evidence.Start);
        return gap == 1 && !doc.Events.Any(e => e.Evidence.Start > before.Evidence.End && e.Evidence.Start <= c.Evidence.Start)
            ? doc.Events.FirstOrDefault(e => e.Id == id)
            : null;
    }

    /// <summary>The last event told in an earlier sentence of the claim's paragraph, which a reaction answers.</summary>
    private static Event? Reaction(Document doc, int[] paragraphs, Claim c)
    {
        var sentence = doc.SentenceIndexAt(c.Evidence.Start);
        if (sentence <= 0)
        {
            return null;
        }

        var paragraphStart = sentence;
        while (paragraphStart > 0 && paragraphs[paragraphStart - 1] == paragraphs[sentence])
        {
            paragraphStart--;
        }

        // what footage or imagery shows is a material act told before it in the report ("Soldiers shot a civilian near
        // the checkpoint. / The video was handed to journalists. The footage shows …": the shooting, not the handover)
        var material = c.Stance == "corroborates";
        if (paragraphStart == sentence && !material)
        {
            return null;
        }

        var from = material ? 0 : doc.Sentence(paragraphStart).Span.Start;
        return LastToldIn(doc.Events.Where(e => !material || IsMaterial(e)), from, doc.Sentence(sentence).Span.Start);
    }

    /// <summary>The event whose trigger or a mention starts last in the characters [from, to), or null.</summary>
    private static Event? LastToldIn(IEnumerable<Event> events, int from, int to)
    {
        Event? last = null;
        var lastAt = -1;
        foreach (var e in events)
        {
            foreach (var at in e.Mentions.Select(m => m.Start).Append(e.Trigger?.Start ?? e.Evidence.Start))
            {
                if (at >= from && at < to && at > lastAt)
                {
                    (last, lastAt) = (e, at);
                }
            }
        }

        return last;
    }

    private static bool IsMaterial(Event e) => e.Type is "ASSAULT" or "COERCE" or "MOBILIZE" or "RETREAT";

    /// <summary>
    /// "Key Takeaways from the ISW", "Foreword by the Humanitarian Coordinator": a heading line that names a source (an
    /// actor, or a capitalised name or title) makes each sentence of the section under it, up to the next heading, link
    /// line or short line, a claim of that source about the events it reports; "reportedly" keeps it unconfirmed. A
    /// sentence with an attribution of its own keeps it.
    /// </summary>
    private void AddHeadedSections(Context ctx)
    {
        var doc = ctx.Doc;
        var lower = ctx.Lower;
        var forms = doc.Tokens.Forms;
        for (var s = 0; s < doc.SentenceCount; s++)
        {
            var first = doc.Sentence(s).FirstToken;
            var heading = HeadingAt(doc, lower, doc.Sentence(s));
            if (heading.Words is null)
            {
                continue;
            }

            // the source may stand on the next line ("Key Takeaways from the" / "ISW")
            var last = s;
            var srcFirst = first + heading.Words.Length;
            if (srcFirst < doc.Tokens.Count && lower[srcFirst] == "the")
            {
                srcFirst++;
            }

            if (srcFirst >= doc.Sentence(s).EndToken && s + 1 < doc.SentenceCount)
            {
                last = s + 1;
            }

            var srcEnd = doc.Sentence(last).EndToken;
            while (srcEnd > srcFirst && lower[srcEnd - 1] is ":" or "." or "—" or "–" or "-")
            {
                srcEnd--;
            }

            var named = ctx.ByFirst.TryGetValue(srcFirst, out var m) || ctx.ByFirst.TryGetValue(srcFirst - 1, out m) ? m : (ActorSpan?)null;
            var actor = named is { } a && a.End >= srcEnd && a.Actor.Kind is not ActorKind.Group ? a.Actor : null;

            // a source of more than six words is one when a known actor's name covers it ("According to the" / "General
            // Staff of the Armed Forces of Ukraine")
            if (srcEnd - srcFirst < 1 || srcEnd - srcFirst > 6 && actor is null || !Words.IsCapitalised(forms[srcFirst]) || !Words.IsCapitalised(forms[srcEnd - 1])
                || Enumerable.Range(srcFirst, srcEnd - srcFirst).Any(x => !Words.IsCapitalised(forms[x]) && lower[x] is not ("of" or "for" or "the" or "and" or "on")))
            {
                continue;
            }
            var source = actor?.Name ?? doc.Text[doc.Tokens.Starts[srcFirst]..doc.Tokens.Ends[srcEnd - 1]];
            // the verb recorded is the heading without the preposition that names the source ("Key Takeaways" from),
            // or whole when that word is part of the phrase ("According to")
            var verbEnd = heading.Words.Length > 1 && heading.Words[^1] is "from" or "by" ? first + heading.Words.Length - 2 : first + heading.Words.Length - 1;
            var verb = doc.Text[doc.Tokens.Starts[first]..doc.Tokens.Ends[verbEnd]];
            var claimed = doc.Claims.Select(c => doc.SentenceIndexAt(c.Evidence.Start)).ToHashSet();
            var t = last + 1;
            for (; t < doc.SentenceCount && t <= last + 60; t++)
            {
                var sentence = doc.Sentence(t);
                var words = Enumerable.Range(sentence.FirstToken, sentence.TokenCount).Count(x => char.IsLetter(forms[x][0]));
                if (words < 4 || Words.IsTitleCaseSentence(doc, t) || doc.TextOf(sentence.Span).Contains("](http", StringComparison.Ordinal)
                    || HeadingAt(doc, lower, sentence).Words is not null)
                {
                    break;
                }

                // a line without a verb is a subheading of the section ("Chronicle of combat actions by direction"), no claim
                if (claimed.Contains(t) || doc.Tokens.Upos.Count > 0 && !HasVerb(doc, sentence.FirstToken, sentence.EndToken))
                {
                    continue;
                }

                // lines of a list joined into one sentence (no full stop at their ends) are statements of their own
                // when each has a finite verb; a line that goes on without one ("… all partners" / "to work together …")
                // stays with the line before
                foreach (var (lineFirst, lineEnd) in Lines(doc, sentence))
                {
                    var span = Chars(doc, lineFirst, lineEnd);
                    var hearsay = Enumerable.Range(lineFirst, lineEnd - lineFirst).FirstOrDefault(x => Hearsay.Contains(lower[x]), -1);
                    ctx.Verb = span.Start;
                    AddClaim(ctx, actor, source, hearsay >= 0 ? forms[hearsay] : verb, hearsay >= 0 ? "unconfirmed" : heading.Stance, span, [span]);
                }
            }

            s = t - 1;
        }
    }

    /// <summary>
    /// The token ranges of a sentence's lines, a line without a finite verb joined to the one before ("… all partners" /
    /// "to work together …"); the sentence whole when it is one line.
    /// </summary>
    private static List<(int First, int End)> Lines(Document doc, Sentence sentence)
    {
        var lines = new List<(int First, int End)>();
        var from = sentence.FirstToken;
        for (var t = sentence.FirstToken + 1; t <= sentence.EndToken; t++)
        {
            if (t < sentence.EndToken && !doc.Text.AsSpan(doc.Tokens.Ends[t - 1], doc.Tokens.Starts[t] - doc.Tokens.Ends[t - 1]).Contains('\n'))
            {
                continue;
            }

            // (a line that opens with a particle, preposition or conjunction goes on from the one before too)
            if (lines.Count > 0 && (!HasFiniteVerb(doc, from, t) || doc.Tokens.Upos.Count > from && doc.Tokens.Upos[from] is "PART" or "ADP" or "CCONJ" && !Words.IsCapitalised(doc.Tokens.Forms[from])))
            {
                lines[^1] = (lines[^1].First, t);
            }
            else
            {
                lines.Add((from, t));
            }

            from = t;
        }

        return lines;
    }

    /// <summary>
    /// The source heading a sentence opens with ("Key Takeaways from …", "According to …"): a line without a verb, so that
    /// "According to the ministry, Russia fired …" is a claim of its own and no heading.
    /// </summary>
    private (string[] Words, string Stance) HeadingAt(Document doc, string[] lower, Sentence sentence)
    {
        var first = sentence.FirstToken;
        var heading = _lex.ClaimHeadings.FirstOrDefault(h => first + h.Words.Length <= sentence.EndToken && h.Words.Select((w, n) => lower[first + n] == w).All(b => b));
        return heading.Words is not null && !HasVerb(doc, first + heading.Words.Length, sentence.EndToken) ? heading : default;
    }

    /// <summary>
    /// "BBC: Russia has lost over 900 elite troops. Russia has reportedly lost 151 …": when the headline gives the
    /// story's source, the body's hearsay ("reportedly", "allegedly") that names no source of its own relays that
    /// source, unconfirmed.
    /// </summary>
    private static void AddHearsay(Context ctx)
    {
        var doc = ctx.Doc;
        var headline = Enumerable.Range(0, doc.Claims.Count).FirstOrDefault(c => doc.SentenceIndexAt(doc.Claims[c].Evidence.Start) == 0, -1);
        if (headline < 0 || ctx.ClaimSources[headline] is not { Kind: ActorKind.Organisation or ActorKind.Person } relayed)
        {
            return;
        }

        var claimed = doc.Claims.Select(c => doc.SentenceIndexAt(c.Evidence.Start)).ToHashSet();
        for (var s = 1; s < doc.SentenceCount; s++)
        {
            var sentence = doc.Sentence(s);
            if (claimed.Contains(s))
            {
                continue;
            }

            for (var t = sentence.FirstToken; t < sentence.EndToken; t++)
            {
                if (Hearsay.Contains(ctx.Lower[t]))
                {
                    ctx.Verb = doc.Tokens.Starts[t];
                    AddClaim(ctx, relayed, relayed.Name, doc.Tokens.Forms[t], "unconfirmed", sentence.Span, [sentence.Span]);
                    break;
                }
            }
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

        // lines of links and other headlines ("Sweden Confirms Russian Drone …](https://…)") report nothing; the
        // document's own headline does
        if (sentence.Index > 0 && (Words.IsTitleCaseSentence(doc, sentence.Index) || doc.TextOf(sentence.Span).Contains("](http", StringComparison.Ordinal)))
        {
            return;
        }

        // "BBC: Russia has lost …": a line opened by a person or an organisation and a colon
        var lead = first;
        while (lead < end && !char.IsLetterOrDigit(forms[lead][0]) && forms[lead] is not ("\"" or "“" or "(" or "@"))
        {
            lead++;
        }

        ctx.Verb = doc.Tokens.Starts[first];
        if (ctx.ByFirst.TryGetValue(lead, out var opener) && opener.End < end && lower[opener.End] == ":" && opener.Actor.Kind is ActorKind.Person or ActorKind.Organisation
            && opener.End + 1 < end && Enumerable.Range(opener.End + 1, end - opener.End - 1).Count(x => char.IsLetter(lower[x][0])) >= 3)
        {
            AddClaim(ctx, opener.Actor, opener.Actor.Name, ":", "asserts", sentence.Span, [Chars(doc, opener.End + 1, end)]);
            claimedUntil = end;
        }

        for (var i = first; i < end; i++)
        {
            ctx.Advance(i);
            ctx.Verb = doc.Tokens.Starts[i];
            if (i < claimedUntil)
            {
                continue;
            }

            // constructions: "according to X", "X remained silent on"
            var handled = false;
            foreach (var c in _constructionsByWord.GetValueOrDefault(lower[i]) ?? _constructionsAnyWord)
            {
                if (TryConstruction(c, lower, doc.Tokens.Forms, i, end, ctx.ByFirst, ctx.ByEnd, out var source, out var contentStart, out var named))
                {
                    // "X remained silent on …" reports its object, up to the next comma; "according to X, …" the rest of
                    // the sentence
                    var content = c.Tokens[0] is null
                        ? Chars(doc, contentStart, PhraseEnd(lower, contentStart, end))
                        : sentence.Span;
                    AddClaim(ctx, source, source?.Name ?? named!, c.Verb, c.Stance, sentence.Span, [content]);
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
        // "Refinement of areas under Russian claims:": a noun before a colon
        if (i + 1 < end && lower[i + 1] == ":" && lower[i].EndsWith('s'))
        {
            return null;
        }

        // "the reports", "his claims", "Putin's claims": the noun, not the verb; "he was reported missing": a passive
        if (i > first && (Words.Determiners.Contains(lower[i - 1]) || lower[i - 1] == "'s" || Words.BeForms.Contains(lower[i - 1]) || lower[i - 1] == "being"))
        {
            return null;
        }

        // "…, adding that …", "…, saying …": the participle reports for the clause's speaker
        if (lower[i].EndsWith("ing", StringComparison.Ordinal))
        {
            if (i - 1 <= first || lower[i - 1] != ",")
            {
                return null;
            }

            var continues = doc.Claims.Count > sentenceClaims;
            var speaker = continues ? ctx.ClaimSources[^1] : ClauseSubject(ctx, first, i);
            var (cf, ce, explicitAfter) = ContentAfter(doc, lower, i, end);

            // without a claim before it, the participle reports only with an explicit complement ("…, telling
            // reporters: “…”"), not "…, emphasizing the Kremlin's willingness"
            if (ce <= cf || speaker is null || !continues && !explicitAfter)
            {
                return null;
            }

            AddClaim(ctx, speaker, speaker.Name, forms[i], stance, sentence.Span, [Chars(doc, cf, ce)]);
            return ce;
        }

        // the subject: skip auxiliaries, adverbs and time phrases to the left ("Marchuk on Saturday told …")
        var hearsay = false;
        var negated = false;
        var j = i - 1;
        while (true)
        {
            while (j >= first && (Words.Auxiliaries.Contains(lower[j]) || lower[j] is "n't" or "never" || Adverbs.Contains(lower[j]) || lower[j].EndsWith("ly", StringComparison.Ordinal) && lower[j].Length > 4))
            {
                hearsay |= Hearsay.Contains(lower[j]);
                negated |= lower[j] is "not" or "n't" or "never";
                j--;
            }

            // "The International Atomic Energy Agency (IAEA) said": the abbreviation in brackets after the name
            if (j - 2 >= first && lower[j] == ")" && Enumerable.Range(Math.Max(first, j - 4), j - Math.Max(first, j - 4)).LastOrDefault(x => lower[x] == "(", -1) is var open and > 0
                && open - 1 >= first && ctx.ByEnd.ContainsKey(open))
            {
                j = open - 1;
                continue;
            }

            // "X, two days later, said", "X, on Monday, told": a time phrase between commas after the subject
            if (j - 3 >= first && lower[j] == "," && Enumerable.Range(Math.Max(first, j - 5), j - Math.Max(first, j - 5)).LastOrDefault(x => lower[x] == ",", -1) is var aside and > 0
                && aside - 1 >= first && aside + 1 < j && (lower[j - 1] is "later" or "earlier" or "ago" || TimePhraseStart(ctx, j - 1, first) == aside + 1))
            {
                j = aside - 1;
                continue;
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
        var sharedSubject = false;
        var pronoun = false;
        var findings = false;
        // ("analysts outside the White House judge …": an actor named after "outside" or "beyond" is not the speaker)
        if (j >= first && ctx.ByEnd.TryGetValue(j + 1, out var m) && m.First >= first
            && !(m.First - 1 > first && (lower[m.First - 1] is "outside" or "beyond" || lower[m.First - 1] == "the" && lower[m.First - 2] is "outside" or "beyond")))
        {
            (actor, subjectFirst) = (m.Actor, m.First);

            // "the Hague Centre for Strategic Studies notes": an organisation's name that the entity recogniser cut at
            // "for" or "of" is the whole capitalised name after "the" as the source (not "Director of …")
            var h = m.First - 1;
            while (m.Actor.Kind == ActorKind.Organisation && h - 1 >= first && lower[h] is "for" or "of" && Words.IsCapitalised(forms[h - 1]))
            {
                h--;
                while (h - 1 >= first && Words.IsCapitalised(forms[h - 1]))
                {
                    h--;
                }
            }

            if (h < m.First - 1 && h - 1 >= first && lower[h - 1] == "the")
            {
                (src, subjectFirst) = (doc.Text[doc.Tokens.Starts[h]..doc.Tokens.Ends[m.End - 1]], h);
            }
        }
        else if (j > first && lower[j] == "," && Appositive(ctx, j, first) is { } ap)
        {
            // "The Institute for the Study of War, a Washington-based think tank, attributed …", "The country's
            // president, Oleh Marchuk, emphasized …"
            (actor, subjectFirst) = (ap.Actor, ap.First);
        }
        else if (j > first && lower[j] is "”" or "\"" && QuotedNameAppositive(ctx, j, first) is { } named)
        {
            // "“…,” Ilya Ponomarenko, the military correspondent of “The Kyiv Independent” wrote": an appositive that
            // ends with a quoted name, with no comma before the verb
            (actor, subjectFirst) = (named.Actor, named.First);
        }
        else if (j > first && lower[j] is "and" or "but" && (doc.Claims.Count > sentenceClaims ? ctx.ClaimSources[^1] : ClauseSubject(ctx, first, j)) is { } coordinated)
        {
            // "The UN has verified …, but says …", "Ukraine has rejected the demand and said …": the verb shares the
            // subject of the clause before it
            (actor, subjectFirst, sharedSubject) = (coordinated, j + 1, true);
        }
        else if (j > first && SubjectBeforePhrase(ctx, j, first) is { } spaced)
        {
            // "Marchuk during the negotiations in Vienna said that …"
            (actor, subjectFirst) = (spaced.Actor, spaced.First);
        }
        else if (j >= first && lower[j] is "he" or "she" or "it" or "they" && !(j > first && lower[j - 1] is "that" or "whether" or "if" && !RelativeThat(doc, j - 1, first)))
        {
            // ("said that he believes …" is the content's subject, "a nation that he believes “is not real”" a report)
            // a person (or body) named earlier in the sentence; else the one quoted just before (in news "he said"
            // after a quotation is its speaker more often than the last person named); else the last one named.
            // "they" stands only for a group named in this sentence or the one before
            // (not in "…, it said", where what comes before is the content)
            var inSentence = j > first && lower[j - 1] != "," && !Quotes.Contains(lower[j - 1]) ? first : int.MaxValue;
            actor = lower[j] switch
            {
                "he" or "she" => ctx.LastPersonAt >= inSentence ? ctx.LastPerson : ctx.RecentSpeaker(sentence.Index, body: false) ?? ctx.LastPerson,
                "it" => ctx.BodyOutsideAsides(j, first) is var (body, at) && at >= inSentence ? body
                    : ctx.RecentSpeaker(sentence.Index, body: true) ?? ctx.OpeningBody(sentence.Index - 1) ?? body,
                _ => doc.Claims.Count > sentenceClaims ? ctx.ClaimSources[^1]
                    : ctx.LastGroupAt >= 0 && doc.SentenceIndexAt(doc.Tokens.Starts[ctx.LastGroupAt]) >= sentence.Index - 1 ? ctx.LastPlural : null,
            };
            subjectFirst = j;
            pronoun = true;
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
            while (k >= first && k > j - 5 && char.IsLetter(lower[k][0]) && !Words.ClauseBoundaries.Contains(lower[k]) && lower[k] is not ("the" or "this"))
            {
                k--;
            }


            var st = k + 1;
            while (st <= j && (SourceModifiers.Contains(lower[st]) || lower[st] is "as"))
            {
                st++;
            }

            if (j > first && ReportNouns.Value.Contains(lower[j]) && lower[j - 1] is "such" or "these" or "this" or "those" or "the" or "their" or "its" or "his" or "her"
                && doc.Claims.Count > 0 && sentence.Index - doc.SentenceIndexAt(doc.Claims[^1].Evidence.Start) is >= 0 and <= 2)
            {
                // "Experts believe that …. Such assessments point to …", "These forecasts emphasize that …": the source of
                // the claim just made
                (actor, src, subjectFirst, findings) = (ctx.ClaimSources[^1], doc.Claims[^1].Source, j - 1, true);
            }
            else if (st <= j && k >= first && lower[k] is "the" or "this" && _lex.BodyNouns.Contains(lower[j])
                && (ctx.RecentSpeaker(sentence.Index, body: true) ?? (ctx.LastBody is { Kind: ActorKind.Organisation } lb ? lb : null)
                    ?? (ctx.BodySpeaker is { Actor.Kind: ActorKind.Organisation } bs && sentence.Index - bs.Sentence <= 8 ? bs.Actor : null)) is { } body)
            {
                // "The global lending body said …", "the statement said": the organisation quoted just before, else the
                // last organisation quoted a few sentences before, though others were named since ("… reached out to
                // both Russia and Ukraine, the statement said")
                (actor, subjectFirst) = (body, k);
            }
            else if (st <= j && !Words.Determiners.Contains(lower[j]) && (SourceHeads.Contains(lower[j]) || _lex.CorroboratingSources.Contains(lower[j])))
            {
                src = doc.Text[doc.Tokens.Starts[st]..doc.Tokens.Ends[j]];
                subjectFirst = st;
                corroborating = Enumerable.Range(st, j - st + 1).Any(x => _lex.CorroboratingSources.Contains(lower[x])) && !SourceHeads.Contains(lower[j]);
            }
            else if (SourceWithPhrase(ctx, j, first) is { } head)
            {
                // "Officials in the Kherson region said …", "Residents of the town told …": a source noun and the
                // phrase that places it
                src = doc.Text[doc.Tokens.Starts[head]..doc.Tokens.Ends[j]];
                subjectFirst = head;
            }
        }

        // "no matter what Henry Kissinger says": a concession, not a report
        if (actor is null && src is null || subjectFirst - 1 >= first && lower[subjectFirst - 1] == "what")
        {
            return null;
        }

        if (stance == "corroborates" && !corroborating)
        {
            return null;
        }

        // "did not say whether the dead were civilians", "did not confirm the toll": a source silent on the matter, not
        // one that asserts it; a negated denial or warning reports nothing
        if (negated)
        {
            if (stance is not ("asserts" or "confirms"))
            {
                return null;
            }

            stance = "no comment";
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
            // findings and evidence report what they show as a noun phrase too ("Such assessments indicate a risk of …",
            // "satellite images show the destruction of …")
            // and a denial, confirmation or report its object when that names an act ("denied responsibility for the
            // attack", "confirmed the deaths", "reported two dead after the strike"), not "confirmed his appointment"
            var (cf, ce, explicitAfter) = ContentAfter(doc, lower, i, end, findings || corroborating);
            if (ce <= cf && !findings && !corroborating && _lex.ObjectReportingVerbs.Contains(lower[i]) && !(i - 1 >= first && lower[i - 1] is "not" or "n't" or "never")
                && ContentAfter(doc, lower, i, end, nounObject: true) is var (nf, ne, _)
                && ne > nf && NamesAct(ctx, nf, ne))
            {
                (cf, ce) = (nf, ne);
            }

            // the speaker's phrase may open with a title or a description: "its leader Oleh Marchuk", "Kremlin
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
                && (!HasVerb(doc, first, boundary) || IsVerb(doc, close + 1))
                && !(lower[close + 1].EndsWith("ing", StringComparison.Ordinal) && _lex.ReportingVerbs.ContainsKey(lower[close + 1])))
            {
                // (not "…, the statement said, adding that …": the participle goes on with the speaker's own words)
                // "The general, Marchuk told me, has already started …", "Of course, he said, victory meant …": the report
                // is around the parenthesis
                contentRanges.Add(Chars(doc, first, boundary));
                contentRanges.Add(Chars(doc, close + 1, ClauseEnd(lower, close + 1, end)));
                next = ClauseEnd(lower, close + 1, end);
            }
            else if (explicitAfter || ce > cf && (!afterQuote || sharedSubject))
            {
                var range = Chars(doc, cf, ce);

                // "a global threat that he says comes from Moscow": a report inside a relative clause whose content has
                // no subject of its own is about the noun it describes: the content is that noun phrase and its clause
                if (!explicitAfter && ce > cf && IsVerb(doc, cf) && subjectFirst - 2 >= first && RelativeThat(doc, subjectFirst - 1, first))
                {
                    var head = subjectFirst - 2;
                    while (head - 1 >= first && head > subjectFirst - 6 && doc.Tokens.Upos.Count > head - 1 && doc.Tokens.Upos[head - 1] is "ADJ" or "NOUN" or "DET" or "NUM" && !Words.IsPunct(lower[head - 1]))
                    {
                        head--;
                        if (doc.Tokens.Upos[head] == "DET")
                        {
                            break;
                        }
                    }

                    range = Chars(doc, head, ce);
                }

                if (explicitAfter && cf > i + 1 && lower[cf - 1] is "“" or "\"" or "«" && QuotationEnd(doc, doc.Tokens.Starts[cf], int.MaxValue) is { } qe && qe > range.End)
                {
                    // "she said: “He burst into tears. … Neither I nor my children will forget.”": the whole quotation
                    range = new TextSpan(range.Start, qe - 1);
                }

                contentRanges.Add(range);
            }
            else if (lower[first] == "as" && subjectFirst > first && cf + 1 < end && lower[cf] == "," && !Enumerable.Range(first + 1, i - first - 1).Any(x => lower[x] == ","))
            {
                // "As a 2025 study by the Hague Centre notes, “…”", "As Marchuk said on Monday, …": a sentence opened by
                // "as" and its source reports what follows the comma
                var from = cf + 1;
                while (from < end && Quotes.Contains(lower[from]))
                {
                    from++;
                }

                contentRanges.Add(Chars(doc, from, ClauseEnd(lower, from, end)));
                next = ClauseEnd(lower, from, end);
            }
            else if (np > first && !sharedSubject && (afterQuote || afterAs || afterComma && HasVerb(doc, first, boundary)))
            {
                // "…, officials say", "“…,” Marchuk said", "…, its leader Oleh Marchuk said Tuesday, as …",
                // "…, as satellite imagery later showed"
                contentRanges.Add(ContentBefore(ctx, sentence, first, boundary - (afterAs ? 1 : 0)));
            }
        }

        contentRanges.RemoveAll(r => r.End <= r.Start || !doc.Text.AsSpan(r.Start, r.End - r.Start).ContainsAnyExcept(" \t\r\n,.;:\"“”'‘’«»—–-…"));
        if (contentRanges.Count == 0)
        {
            return null;
        }

        // a report inside another's content is a claim of its own ("… and as Americans now argue that …"), unless it is
        // the same speaker saying the same again ("Marchuk said he believes …")
        if (pronoun && doc.Claims.Count > sentenceClaims && doc.Claims[^1].Source == src && ctx.ClaimRanges[^1].Any(r => contentRanges.All(c => c.Start >= r.Start && c.End <= r.End)))
        {
            return next;
        }

        var made = doc.Claims.Count;
        AddClaim(ctx, actor, src, forms[i], stance, sentence.Span, contentRanges);

        // "Asked about the strike, Peskov said …": a claim that tells no act of its own answers the act the opening
        // clause names
        if (doc.Claims.Count == made + 1 && doc.Claims[made].EventId is null && TopicOpener(ctx, first, subjectFirst) is { } topic
            && ReferredActs(ctx, sentence.Span, [topic]).FirstOrDefault() is { } asked)
        {
            doc.Claims[made].EventId = asked.Id;
            asked.ClaimIds.Add(doc.Claims[made].Id);
        }

        return next;
    }

    /// <summary>
    /// The clause a sentence opens with before its speaker when it says what the speaker was asked or answered
    /// ("Asked about the strike, …", "Commenting on the talks, …", "Responding to the attack, …"); null when there is none.
    /// </summary>
    private static TextSpan? TopicOpener(Context ctx, int first, int subjectFirst)
    {
        if (first >= subjectFirst || ctx.Lower[first] is not ("asked" or "questioned" or "commenting" or "responding" or "reacting" or "speaking"))
        {
            return null;
        }

        for (var k = first + 1; k < subjectFirst; k++)
        {
            if (ctx.Lower[k] == ",")
            {
                return k > first + 1 ? Chars(ctx.Doc, first + 1, k) : null;
            }

            if (Words.IsPunct(ctx.Lower[k]))
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether the noun phrase from <paramref name="first"/> to <paramref name="end"/> names an act: an event's trigger or
    /// mention stands in it, or a noun of <see cref="ActNouns"/> or a casualty word.
    /// </summary>
    private static bool NamesAct(Context ctx, int first, int end)
    {
        var doc = ctx.Doc;
        var from = doc.Tokens.Starts[first];
        var to = doc.Tokens.Ends[end - 1];
        return doc.Events.Any(e => e.Mentions.Select(m => m.Start).Append(e.Trigger?.Start ?? -1).Any(p => p >= from && p < to))
            || Enumerable.Range(first, end - first).Any(t => ActNouns.Value.ContainsKey(ctx.Lower[t]) || ctx.Lower[t] is "deaths" or "death" or "killing" or "killings" or "casualties" or "losses");
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

    /// <summary>
    /// "X, the correspondent of “The Daily”": the actor before an appositive of lower-case words that ends with a quoted
    /// name of at most five capitalised words closing at <paramref name="close"/>; null when there is none.
    /// </summary>
    private static ActorSpan? QuotedNameAppositive(Context ctx, int close, int first)
    {
        var lower = ctx.Lower;
        var forms = ctx.Doc.Tokens.Forms;
        var open = close - 1;
        while (open > first && open >= close - 6 && lower[open] is not ("“" or "\""))
        {
            if (!Words.IsCapitalised(forms[open]))
            {
                return null;
            }

            open--;
        }

        if (open <= first || lower[open] is not ("“" or "\"") || open == close - 1)
        {
            return null;
        }

        var comma = open - 1;
        while (comma > first && comma >= open - 7 && lower[comma] != "," && char.IsLetter(lower[comma][0]) && !Words.IsCapitalised(forms[comma]))
        {
            comma--;
        }

        return comma > first && comma < open - 1 && lower[comma] == "," && ctx.ByEnd.TryGetValue(comma, out var m) && m.First >= first && m.Actor.Kind == ActorKind.Person ? m : null;
    }

    /// <summary>"X, a Washington-based think tank, said": the actor before the appositive that ends at the comma <paramref name="comma"/>.</summary>
    private static ActorSpan? Appositive(Context ctx, int comma, int first)
    {
        // "The country's president, Oleh Marchuk, emphasized": the name between the commas
        if (ctx.ByEnd.TryGetValue(comma, out var named) && named.First > first && ctx.Lower[named.First - 1] == "," && named.Actor.Kind == ActorKind.Person)
        {
            return named;
        }

        for (var k = comma - 1; k > first && k >= comma - 14; k--)
        {
            if (ctx.Lower[k] == ",")
            {
                // ("Russia's defence ministry, in a statement on Telegram, said": a phrase that says where or when)
                return ctx.ByEnd.TryGetValue(k, out var m) && m.First >= first
                    && ctx.Lower[k + 1] is "a" or "an" or "the" or "who" or "which" or "in" or "on" or "at" or "during" or "speaking" or "writing" ? m : null;
            }

            if (Words.ClauseBoundaries.Contains(ctx.Lower[k]) && ctx.Lower[k] is not ("who" or "which"))
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>
    /// The subject of the sentence's main clause before <paramref name="limit"/>: the first person or body named at a
    /// clause start and followed by a verb ("On Feb. 16, Trump revisited the topic, telling reporters …").
    /// </summary>
    private static Actor? ClauseSubject(Context ctx, int first, int limit)
    {
        var doc = ctx.Doc;
        for (var k = first; k < limit; k++)
        {
            if (!ctx.ByFirst.TryGetValue(k, out var m) || m.End >= limit || m.Actor.Kind is ActorKind.Group)
            {
                continue;
            }

            var opens = k == first || ctx.Lower[k - 1] is "," || ctx.Lower[k - 1] is "the" && (k - 1 == first || ctx.Lower[k - 2] == ",");
            var v = m.End;

            // "Marchuk, head of the delegation, also delivered …": past an appositive without a verb
            if (v < limit && ctx.Lower[v] == ",")
            {
                var close = v + 1;
                while (close < limit && close <= v + 12 && ctx.Lower[close] != "," && !IsVerb(doc, close) && !Words.ClauseBoundaries.Contains(ctx.Lower[close]))
                {
                    close++;
                }

                if (close < limit && close > v + 1 && ctx.Lower[close] == ",")
                {
                    v = close + 1;
                }
            }
            while (v < limit && (Words.Auxiliaries.Contains(ctx.Lower[v]) || Adverbs.Contains(ctx.Lower[v])))
            {
                v++;
            }

            if (opens && v < limit && IsVerb(doc, v))
            {
                return m.Actor;
            }
        }

        return null;
    }

    /// <summary>
    /// "Marchuk during the negotiations in Vienna said": an actor followed by a prepositional phrase of a few words
    /// (no verb, no punctuation) that ends at <paramref name="j"/>.
    /// </summary>
    private static ActorSpan? SubjectBeforePhrase(Context ctx, int j, int first)
    {
        var doc = ctx.Doc;
        for (var k = j; k > first && k >= j - 8; k--)
        {
            if (Words.IsPunct(ctx.Lower[k]) || IsVerb(doc, k) || Words.ClauseBoundaries.Contains(ctx.Lower[k]))
            {
                return null;
            }

            if (ctx.ByEnd.TryGetValue(k, out var m) && m.First >= first && ctx.Lower[k] is "during" or "in" or "at" or "on" or "after" or "before" or "from"
                && (m.First == first || ctx.Lower[m.First - 1] is "," or "and" || Words.IsPunct(ctx.Lower[m.First - 1])))
            {
                return m;
            }
        }

        return null;
    }

    /// <summary>
    /// "Officials in the Kherson region", "residents of the town": the first token of a subject that opens the sentence
    /// (or follows its comma) with a source noun and a prepositional phrase of a few words, no verb or punctuation,
    /// ending at <paramref name="j"/>; null when there is none.
    /// </summary>
    private static int? SourceWithPhrase(Context ctx, int j, int first)
    {
        var lower = ctx.Lower;
        for (var p = j - 1; p >= first && p >= j - 7; p--)
        {
            if (!char.IsLetterOrDigit(lower[p][0]) && lower[p] is not ("'s" or "’s") || IsVerb(ctx.Doc, p))
            {
                return null;
            }

            if (!SourceHeads.Contains(lower[p]) || lower[p + 1] is not ("in" or "from" or "of" or "at" or "near" or "across" or "outside" or "beyond"))
            {
                continue;
            }

            var head = p;
            while (head - 1 >= first && head > p - 3 && (SourceModifiers.Contains(lower[head - 1]) || char.IsLetter(lower[head - 1][0]) && !IsVerb(ctx.Doc, head - 1)
                && !Words.ClauseBoundaries.Contains(lower[head - 1]) && ctx.Doc.Tokens.Upos.Count > head - 1 && ctx.Doc.Tokens.Upos[head - 1] is "ADJ" or "DET" or "NUM"))
            {
                head--;
            }

            // ("Plenty of analysts in …", "Many of the residents of …": a quantity of the source opens the clause)
            return head == first || lower[head - 1] == "," || head - 2 == first && lower[head - 1] == "of" && !IsVerb(ctx.Doc, first) ? head : null;
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
    /// closes the attribution ("…, he said, …", "…, Marchuk said Tuesday, as …").
    /// </summary>
    private (int First, int End, bool Explicit) ContentAfter(Document doc, string[] lower, int verb, int end, bool nounObject = false)
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
            // ("rejected that account": "that" before a noun phrase with no verb up to the clause end is no complementiser)
            // (a verb that reports a topic is no complementiser's verb across its object: "spoke about a threat that Minsk …")
            if (lower[t] == "that" && !(t + 1 < end && (IsVerb(doc, t + 1) || Words.IsPunct(lower[t + 1]) && !Quotes.Contains(lower[t + 1])))
                && !(t > verb + 1 && TopicVerbs.Value.Contains(lower[verb]) && RelativeThat(doc, t, verb + 1))
                && (doc.Tokens.Upos.Count == 0 || HasVerb(doc, t + 1, ClauseEnd(lower, t + 1, end))) || lower[t] is ":" or "how" || lower[t] == "as" && lower[verb].StartsWith("describ", StringComparison.Ordinal))
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

                // (a quotation is the speaker's words to its end)
                return (cf, explicitStart == t ? ClauseEnd(lower, cf, end) : ListEnd(doc, lower, cf, end, verb), true);
            }

            if (lower[t] is "." or ";" or "," or "and" or "but" or "who" or "which" or "?" or "!")
            {
                break;
            }
        }

        // "remarked upon the difficult first day", "commented on the strike": the object is what is said
        if (lower[k] is "upon" or "on" or "about" && k == verb + 1 && k + 1 < end && TopicVerbs.Value.Contains(lower[verb]))
        {
            // ("speaks on his blog about the shelling": the medium, then the topic)
            var about = k + 1;
            while (lower[k] != "about" && about < end && about <= k + 5 && lower[about] != "about" && char.IsLetter(lower[about][0]))
            {
                about++;
            }

            var topic = lower[k] != "about" && about + 1 < end && lower[about] == "about" ? about + 1 : k + 1;
            return (topic, ListEnd(doc, lower, topic, end, verb), false);
        }

        var tells = lower[verb] is "told" or "tell" or "tells" or "telling";
        var preposition = doc.Tokens.Upos.Count > k && doc.Tokens.Upos[k] == "ADP" || lower[k] is "in" or "on" or "at" or "during" or "to" or "after" or "before" or "as" or "while" or "from" or "with";
        if (tells || preposition || _lex.ExplicitReportingVerbs.Contains(lower[verb]) && !(nounObject && !HasFiniteVerb(doc, k, ClauseEnd(lower, k, end))))
        {
            return (k, k, false);
        }

        while (k < end && Quotes.Contains(lower[k]))
        {
            k++;
        }

        // a bare complement is a clause: "said Russia launched …", "denied striking the theatre"; not an object
        // ("did not believe the Americans", "conceded this")
        // (whether it is a clause is read up to its end, before a list or a predicate of the speaker's own is cut off)
        return nounObject || HasVerb(doc, k, ClauseEnd(lower, k, end)) ? (k, ListEnd(doc, lower, k, end, verb), false) : (k, k, false);
    }

    /// <summary>
    /// The end of a content that opens at <paramref name="start"/>: its clause, or the comma before the next clause of a
    /// list of acts ("the envoy urged Serbia to drop its claim, Pristina signed a trade deal, and …": what follows the first comma
    /// is the report's own list, not what was urged). A comma ends it when a full verb stands before it and a subject of
    /// its own with a finite verb follows it, with no conjunction, number or quotation between; and at a comma before "and"
    /// or "but" and a finite verb, a predicate of the speaker's own ("remarked upon the talks, and accused Russia of …").
    /// </summary>
    private int ListEnd(Document doc, string[] lower, int start, int end, int reporting = -1)
    {
        var ce = ClauseEnd(lower, start, end);
        if (doc.Tokens.Upos.Count == 0 || doc.Tokens.Xpos.Count == 0)
        {
            return ce;
        }

        // after a quotation ("remarked upon the “difficult” first day, and accused …") only a predicate of the
        // speaker's own ends the content, never a comma inside the quotation
        var verb = false;
        var marks = 0;
        for (var t = start; t < ce; t++)
        {
            if (Quotes.Contains(lower[t]))
            {
                marks++;
                continue;
            }

            verb |= doc.Tokens.Upos[t] == "VERB";
            if (lower[t] != "," || marks % 2 == 1)
            {
                continue;
            }

            // "confirmed the strike, saying it had hit …": the speaker's participle goes on with a claim of its own
            if (t + 1 < ce && lower[t + 1].EndsWith("ing", StringComparison.Ordinal) && _lex.ReportingVerbs.ContainsKey(lower[t + 1]))
            {
                return t;
            }

            // "remarked upon the first day of talks, and accused Russia of stalling": a predicate of the speaker's own
            // ("had remarked upon …, and accused …": a participle after a reporting verb that is one too)
            if (t + 2 < ce && lower[t + 1] is "and" or "but" && (doc.Tokens.Xpos[t + 2] is "VBD" or "VBZ" or "VBP"
                || doc.Tokens.Xpos[t + 2] == "VBN" && reporting >= 0 && doc.Tokens.Xpos[reporting] == "VBN"))
            {
                return t;
            }

            // "Kyiv unbroken after four years, but Moscow vows to fight on": a contrast with a subject and a finite verb
            // of its own is the report's, even after a verbless headline clause
            if (t + 3 < ce && lower[t + 1] == "but" && Enumerable.Range(t + 2, Math.Min(4, ce - t - 2)).FirstOrDefault(n => doc.Tokens.Upos[n] is not ("PROPN" or "NOUN" or "ADJ" or "DET"), -1) is var v
                && v > t + 2 && Enumerable.Range(t + 2, v - t - 2).Any(n => doc.Tokens.Upos[n] is "PROPN" or "NOUN") && doc.Tokens.Xpos[v] is "VBD" or "VBZ" or "VBP" or "MD")
            {
                return t;
            }

            // (not before a relative clause: "…, which Russia had moved to the border")
            if (!verb || marks > 0 || t + 1 < ce && BackgroundClauseWords.Value.ContainsKey(lower[t + 1]))
            {
                continue;
            }

            var noun = false;
            for (var n = t + 1; n < ce && n <= t + 5; n++)
            {
                var upos = doc.Tokens.Upos[n];
                if (n > t + 1 && noun && doc.Tokens.Xpos[n] is "VBD" or "VBZ" or "VBP")
                {
                    return t;
                }

                if (upos is "PROPN" or "NOUN" or "PRON")
                {
                    noun = true;
                }
                else if (upos is not ("DET" or "ADJ") && lower[n] is not ("'s" or "’s"))
                {
                    break;
                }
            }
        }

        return ce;
    }

    /// <summary>Whether the verb at character <paramref name="verbStart"/> stands inside a quotation opened at <paramref name="quoteStart"/> (an odd number of quotation marks before it).</summary>
    private static bool InsideQuotation(Document doc, int quoteStart, TextSpan evidence, int verbStart)
    {
        if (verbStart < quoteStart)
        {
            return false;
        }

        var marks = 0;
        foreach (var ch in doc.Text.AsSpan(quoteStart, verbStart - quoteStart))
        {
            if (ch is '"' or '“' or '”' or '«' or '»')
            {
                marks++;
            }
        }

        _ = evidence;
        return marks % 2 == 1;
    }

    /// <summary>"– Kostyantyn Mashovets": a line of a dash and a person's name signs the quotation above it.</summary>
    private static Actor? SignatureLine(Context ctx, Sentence sentence)
    {
        var first = sentence.FirstToken;
        if (sentence.TokenCount < 2 || ctx.Lower[first] is not ("–" or "—" or "-" or "--") || !ctx.ByFirst.TryGetValue(first + 1, out var m) || m.Actor.Kind != ActorKind.Person)
        {
            return null;
        }

        return m.End == sentence.EndToken || m.End < sentence.EndToken && ctx.Lower[m.End] is "," or "." ? m.Actor : null;
    }

    /// <summary>The end of the quotation opened before <paramref name="from"/>: just after its closing mark, within <paramref name="limit"/>.</summary>
    private static int? QuotationEnd(Document doc, int from, int limit)
    {
        var line = doc.Text.IndexOf('\n', from);
        var stop = Math.Min(limit, line < 0 ? doc.Text.Length : line);
        var close = doc.Text.AsSpan(from, Math.Max(0, stop - from)).IndexOfAny("”\"»");
        return close < 0 ? null : from + close + 1;
    }

    private static bool IsQuotation(Context ctx, Sentence sentence)
    {
        var f = sentence.TokenCount < 4 ? "" : ctx.Doc.Tokens.Forms[sentence.FirstToken];
        return f is "\"" or "“" or "«";
    }

    /// <summary>"a nation that he believes …": "that" after a noun opens a relative clause, not a reported one.</summary>
    private static bool RelativeThat(Document doc, int that, int first) =>
        doc.Tokens.Forms[that] is "that" && that - 1 >= first && doc.Tokens.Upos.Count > that && doc.Tokens.Upos[that - 1] is "NOUN";

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

    /// <summary>Whether a finite verb (past, present or modal) stands among the tokens from <paramref name="first"/> to <paramref name="end"/>: a clause, not a noun phrase.</summary>
    private static bool HasFiniteVerb(Document doc, int first, int end)
    {
        for (var t = first; t < end && t < doc.Tokens.Xpos.Count; t++)
        {
            if (doc.Tokens.Xpos[t] is "VBD" or "VBZ" or "VBP" or "MD")
            {
                return true;
            }
        }

        return false;
    }

    private static int PhraseEnd(string[] lower, int start, int end)
    {
        var k = ClauseEnd(lower, start, end);
        for (var t = start + 1; t < k; t++)
        {
            if (lower[t] == ",")
            {
                return t;
            }
        }

        return k;
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

        // a page that repeats its headline repeats its claims: one claim is kept
        var said = string.Join(" ", content.Select(r => doc.Text[r.Start..r.End]));
        if (!ctx.Said.Add((source, verb, said)))
        {
            return;
        }

        var claim = new Claim
        {
            Id = $"c{doc.Claims.Count + 1}",
            Source = source,
            Verb = verb,
            Stance = stance,
            Evidence = evidence,
        };

        bool Inside(int offset) => content.Any(r => offset >= r.Start && offset < r.End);

        // the events the content reports, by any span that tells them, in text order: the claim is about the first;
        // each further event gets a claim of its own ("The pontiff believes there are no excuses for the atrocities
        // in Bucha, Irpin and Mariupol")
        // (a later mention that two events both hold, "killed" joined to two strikes told before, is one act: the
        // claim reports the first of them there, or the events whose trigger that word is)
        var told = doc.Events
            .Select(e => (Event: e, Pos: e.Mentions.Select(m => m.Start).Append(e.Trigger?.Start ?? -1).Where(Inside).DefaultIfEmpty(int.MaxValue).Min()))
            .Where(x => x.Pos != int.MaxValue)
            .OrderBy(x => x.Pos)
            .GroupBy(x => x.Pos)
            .SelectMany(g => g.Any(x => x.Event.Trigger is { } tr && tr.Start == g.Key) ? g.Where(x => x.Event.Trigger is { } tr && tr.Start == g.Key) : g.Take(1))
            .ToList();

        // an act told only in a clause that dates or describes ("… on the same day talks began", "…, which it has
        // stationed in Belarus") is background: the claim is about the acts of its main clauses, or, when it has none,
        // about an act it names by a noun ("the facility makes missiles …": the strike on that facility)
        // A reporting verb that is itself the trigger of an act ("Marchuk accused Russia of …", "urged Brussels to …")
        // reports that act first.
        var spoken = doc.Events.FirstOrDefault(e => e.Trigger is { } tr && tr.Start == ctx.Verb && tr.Start >= evidence.Start && tr.End <= evidence.End);
        var main = told.Where(x => !InBackgroundClause(ctx, x.Pos, content)).Select(x => x.Event).ToList();
        var events = main.Count > 0 ? main
            : FacilityActs(ctx, evidence, content) is { Count: > 0 } named ? named
            : told.Take(spoken is null ? 1 : 0).Select(x => x.Event).ToList();
        if (spoken is not null)
        {
            events.Remove(spoken);
            events.Insert(0, spoken);
        }

        foreach (var e in ReferredActs(ctx, evidence, content))
        {
            if (!events.Contains(e))
            {
                events.Add(e);
            }
        }
        if (events.Count > 0)
        {
            claim.EventId = events[0].Id;
            events[0].ClaimIds.Add(claim.Id);
        }

        foreach (var q in doc.Quantities)
        {
            if (Inside(q.Span.Start) && q.Span.End <= content.First(r => q.Span.Start >= r.Start && q.Span.Start < r.End).End)
            {
                claim.QuantityIds.Add(q.Id);
            }
        }

        var text = string.Join(" … ", content.Select(r => doc.Text[r.Start..r.End].Trim().Trim(ContentTrim)).Where(t => t.Length > 0));
        claim.Content = text.Length > 0 ? text : null;
        doc.Claims.Add(claim);
        ctx.ClaimSources.Add(actor);
        ctx.ClaimVerbs.Add(ctx.Verb);
        ctx.ClaimRanges.Add(content);
        foreach (var e in events.Skip(1))
        {
            var more = new Claim { Id = $"c{doc.Claims.Count + 1}", Source = source, Verb = verb, Stance = stance, Evidence = evidence, EventId = e.Id, Content = claim.Content };
            more.QuantityIds.AddRange(claim.QuantityIds);
            e.ClaimIds.Add(more.Id);
            doc.Claims.Add(more);
            ctx.ClaimSources.Add(actor);
            ctx.ClaimVerbs.Add(ctx.Verb);
            ctx.ClaimRanges.Add(content);
        }
        // (a quotation of several sentences is recent from its last one: "he" after it is its speaker)
        if (actor is { Kind: ActorKind.Person })
        {
            ctx.Speaker = (actor, doc.SentenceIndexAt(Math.Max(evidence.Start, evidence.End - 1)));
        }
        else if (actor is { Kind: ActorKind.Organisation or ActorKind.ArmedForce or ActorKind.State })
        {
            ctx.BodySpeaker = (actor, doc.SentenceIndexAt(evidence.Start));
        }
    }

    /// <summary>
    /// The acts a claim names by a noun after a determiner or possessive ("described the talks as …", "the first day of
    /// negotiations", "the strike was …"), in its content or between its verb and its content, where no event of its own
    /// stands: each the last act of the noun's type told before the noun (one whose trigger is that noun first).
    /// </summary>
    private static IEnumerable<Event> ReferredActs(Context ctx, TextSpan evidence, List<TextSpan> content)
    {
        var doc = ctx.Doc;
        var lower = ctx.Lower;
        var ranges = content.Where(r => r.End > r.Start).ToList();
        if (ranges.Count == 0 || doc.Events.Count == 0)
        {
            yield break;
        }

        if (ctx.Verb >= evidence.Start && ctx.Verb < ranges[0].Start)
        {
            ranges.Add(new TextSpan(ctx.Verb, ranges[0].Start));
        }

        var own = doc.Events.SelectMany(e => e.Trigger is { } tr ? e.Mentions.Append(tr) : e.Mentions).ToList();
        foreach (var r in ranges)
        {
            var first = doc.TokenIndexAtOrAfter(r.Start);
            for (var t = first; t < doc.Tokens.Count && doc.Tokens.Ends[t] <= r.End; t++)
            {
                if (!ActNouns.Value.TryGetValue(lower[t], out var type) || !Determined(lower, t, first)
                    || own.Any(m => m.Start <= doc.Tokens.Starts[t] && doc.Tokens.Starts[t] < m.End) || InBackgroundClause(ctx, doc.Tokens.Starts[t], ranges))
                {
                    continue;
                }

                // the names that follow the noun in its phrase ("the strike on the Votkinsk plant") pick the act told with
                // them; then an act whose trigger is the noun; then the last one
                var names = new List<string>();
                for (var n = t + 1; n < doc.Tokens.Count && n <= t + 8 && doc.Tokens.Ends[n] <= evidence.End && !IsVerb(doc, n) && (!Words.IsPunct(lower[n]) || Quotes.Contains(lower[n])); n++)
                {
                    if (doc.Tokens.Forms[n].Length > 2 && Words.IsCapitalised(doc.Tokens.Forms[n]))
                    {
                        names.Add(doc.Tokens.Forms[n]);
                    }
                }

                var at = doc.Tokens.Starts[t];
                Event? best = null;
                var bestKey = (Named: false, Same: false, At: -1);
                foreach (var e in doc.Events.Where(e => e.Type == type))
                {
                    var named = names.Count > 0 && names.Any(w => doc.TextOf(e.Evidence).Contains(w, StringComparison.Ordinal));
                    var same = e.Trigger is { } tr && doc.TextOf(tr).Equals(doc.Tokens.Forms[t], StringComparison.OrdinalIgnoreCase);
                    foreach (var p in e.Mentions.Select(m => m.Start).Append(e.Trigger?.Start ?? e.Evidence.Start).Where(p => p < at))
                    {
                        var key = (Named: named, Same: same, At: p);
                        if (best is null || key.CompareTo(bestKey) > 0)
                        {
                            (best, bestKey) = (e, key);
                        }
                    }
                }

                if (best is not null)
                {
                    yield return best;
                }
            }
        }
    }

    /// <summary>
    /// Whether the act told at character <paramref name="pos"/> stands in a clause of the content that sets the report
    /// in time or describes a noun: a clause word (<see cref="BackgroundClauseWords"/>) before it, with no full verb,
    /// punctuation or start of the content between.
    /// </summary>
    private static bool InBackgroundClause(Context ctx, int pos, List<TextSpan> content)
    {
        var doc = ctx.Doc;
        var range = content.First(r => pos >= r.Start && pos < r.End);
        var t = doc.TokenIndexAtOrAfter(pos);
        for (var k = t - 1; k >= 0 && doc.Tokens.Starts[k] >= range.Start; k--)
        {
            var w = ctx.Lower[k];
            if (BackgroundClauseWords.Value.TryGetValue(w, out var kind)
                && (kind != "time-noun" || k + 1 < doc.Tokens.Count && doc.Tokens.Upos.Count > k + 1 && doc.Tokens.Upos[k + 1] is "NOUN" or "PROPN" or "PRON" or "DET"))
            {
                return true;
            }

            if (Words.IsPunct(w) || doc.Tokens.Upos.Count > k && doc.Tokens.Upos[k] == "VERB")
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>
    /// The act a content names by the site it opens with ("the facility makes ballistic missiles", "this plant was hit
    /// before"): the last attack told before the claim whose evidence names such a site; none when the content opens
    /// with none.
    /// </summary>
    private static List<Event> FacilityActs(Context ctx, TextSpan evidence, List<TextSpan> content)
    {
        var doc = ctx.Doc;
        foreach (var r in content.Where(r => r.End > r.Start))
        {
            var t = doc.TokenIndexAtOrAfter(r.Start);
            while (t < doc.Tokens.Count && doc.Tokens.Ends[t] <= r.End && Quotes.Contains(ctx.Lower[t]))
            {
                t++;
            }

            if (t + 1 < doc.Tokens.Count && doc.Tokens.Ends[t + 1] <= r.End && ctx.Lower[t] is "the" or "this" && SiteNouns.Value.Contains(ctx.Lower[t + 1]))
            {
                bool NamesSite(TextSpan span)
                {
                    for (var k = doc.TokenIndexAtOrAfter(span.Start); k < doc.Tokens.Count && doc.Tokens.Ends[k] <= span.End; k++)
                    {
                        if (SiteNouns.Value.Contains(ctx.Lower[k]))
                        {
                            return true;
                        }
                    }

                    return false;
                }

                var last = doc.Events.Where(e => e.Type == "ASSAULT" && e.Evidence.End <= evidence.Start && NamesSite(e.Evidence)).MaxBy(e => e.Evidence.Start);
                return last is null ? [] : [last];
            }
        }

        return [];
    }

    /// <summary>Whether the noun at <paramref name="t"/> has a determiner or possessive before it in its phrase ("the “difficult” first day of negotiations").</summary>
    private static bool Determined(string[] lower, int t, int from)
    {
        for (var k = t - 1; k >= from && k >= t - 7; k--)
        {
            if (Possessives.Contains(lower[k]))
            {
                return true;
            }

            if (lower[k] is "," or "." or ";" or ":" or "and" or "but" or "or" or "a" or "an" or "that" or "which" || Words.ClauseBoundaries.Contains(lower[k]) && !Quotes.Contains(lower[k]))
            {
                return false;
            }
        }

        return false;
    }

    private static bool TryConstruction(ClaimConstruction c, string[] lower, IReadOnlyList<string> forms, int i, int end,
        Dictionary<int, ActorSpan> byFirst, Dictionary<int, ActorSpan> byEnd, out Actor? source, out int contentStart, out string? phrase)
    {
        source = null;
        phrase = null;
        contentStart = i;
        var k = i;
        for (var n = 0; n < c.Tokens.Count; n++)
        {
            var t = c.Tokens[n];
            if (t is null)
            {
                if (k == i)
                {
                    continue; // the source precedes: checked below
                }

                // a title before the name ("quoted Director General Rafael Grossi as saying", "according to the
                // regional governor Oleh Kiper")
                var named = k;
                while (!byFirst.ContainsKey(named) && named < end && named < k + 3 && Words.IsCapitalised(forms[named]))
                {
                    named++;
                }

                if (!byFirst.ContainsKey(named))
                {
                    // (a title in lower case stands only before a person's name, and holds no preposition or
                    // article after its first word: not "a statement from the General Staff")
                    var titled = k;
                    while (!byFirst.ContainsKey(titled) && titled < end && titled < k + 5 && char.IsLetter(lower[titled][0]) && !Words.ClauseBoundaries.Contains(lower[titled])
                        && !(titled > k && (Words.Determiners.Contains(lower[titled]) || lower[titled] is "from" or "of" or "by" or "in" or "at" or "for" or "with" or "to" or "on")))
                    {
                        titled++;
                    }

                    if (titled > k && byFirst.TryGetValue(titled, out var person) && person.Actor.Kind == ActorKind.Person)
                    {
                        named = titled;
                    }
                }

                if (!byFirst.TryGetValue(named, out var m))
                {
                    // an unnamed source: "according to local officials", "according to witnesses"
                    var head = k;
                    while (head < end && head < k + 5 && char.IsLetter(lower[head][0]) && !Words.ClauseBoundaries.Contains(lower[head]))
                    {
                        head++;
                    }

                    var first = k;
                    while (first < head && lower[first] is "the" or "a" or "an" or "some" or "several")
                    {
                        first++;
                    }

                    if (head == k || !SourceHeads.Contains(lower[head - 1]) || first >= head || head < end && !Words.IsPunct(lower[head]))
                    {
                        return false;
                    }

                    phrase = string.Join(" ", Enumerable.Range(first, head - first).Select(x => forms[x]));
                    k = head;
                    continue;
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
        return (source is not null || phrase is not null) && (k < end || c.Tokens[^1] is not null);
    }

    /// <summary>An actor mention as token positions.</summary>
    /// <summary>An actor mention as token positions; a modifier is the first part of a hyphen compound ("US-led").</summary>
    private readonly record struct ActorSpan(int First, int End, Actor Actor, bool Modifier = false);

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
            _mentions = doc.ActorMentions.Select(m => new ActorSpan(doc.TokenIndexAtOrAfter(m.Span.Start), doc.TokenIndexAtOrAfter(m.Span.End), actorsById[m.ActorId],
                m.Span.End < doc.Text.Length && doc.Text[m.Span.End] == '-')).ToList();
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

        /// <summary>Source, verb and content of every claim made, to keep a repeated one once.</summary>
        public HashSet<(string Source, string Verb, string Content)> Said { get; } = [];

        /// <summary>The content ranges of each claim.</summary>
        public List<List<TextSpan>> ClaimRanges { get; } = [];

        /// <summary>Where each claim's verb (or construction) stands, as a character offset.</summary>
        public List<int> ClaimVerbs { get; } = [];

        /// <summary>The current verb's character offset, recorded with the claims it makes.</summary>
        public int Verb { get; set; }

        /// <summary>The person quoted most often so far, when quoted at least twice.</summary>
        public Actor? Interviewee() =>
            ClaimSources.Where(a => a is { Kind: ActorKind.Person }).GroupBy(a => a!).OrderByDescending(g => g.Count()).FirstOrDefault(g => g.Count() >= 2)?.Key;

        public Actor? LastPerson { get; private set; }

        public int LastPersonAt { get; private set; } = -1;

        public int LastGroupAt { get; private set; } = -1;

        /// <summary>The person source of the last claim and the sentence it was made in.</summary>
        public (Actor Actor, int Sentence)? Speaker { get; set; }

        /// <summary>The organisation, armed force or state source of the last such claim and its sentence.</summary>
        public (Actor Actor, int Sentence)? BodySpeaker { get; set; }

        /// <summary>The last person (or body) quoted, when that was in this sentence or one of the two before.</summary>
        public Actor? RecentSpeaker(int sentence, bool body) =>
            (body ? BodySpeaker : Speaker) is { } sp && sentence - sp.Sentence is >= 0 and <= 2 ? sp.Actor : null;

        /// <summary>The organisations, armed forces and states named so far, with the token each was named at.</summary>
        private readonly List<(Actor Actor, int At)> _bodies = [];

        /// <summary>The last organisation, armed force or state: what "it" stands for.</summary>
        public Actor? LastBody => _bodies.Count > 0 ? _bodies[^1].Actor : null;

        /// <summary>
        /// The last organisation, armed force or state named before token <paramref name="j"/>, passing over those named
        /// in an aside of the sentence between dashes or brackets ("Four years later -- with much of eastern Ukraine
        /// destroyed -- it conceded …": "it" is not Ukraine), with the token it was named at; (null, -1) when none.
        /// </summary>
        public (Actor? Actor, int At) BodyOutsideAsides(int j, int first)
        {
            var asides = new List<(int From, int To)>();
            int? open = null;
            string? opener = null;
            for (var t = first; t < j; t++)
            {
                var w = Lower[t];
                if (open is null && w is "--" or "—" or "–" or "(")
                {
                    (open, opener) = (t, w);
                }
                else if (open is { } o && (w == opener && w != "(" || opener == "(" && w == ")"))
                {
                    asides.Add((o, t));
                    open = null;
                }
            }

            for (var b = _bodies.Count - 1; b >= 0; b--)
            {
                var at = _bodies[b].At;
                if (at < j && !asides.Any(x => at > x.From && at < x.To))
                {
                    return (_bodies[b].Actor, at);
                }
            }

            return (null, -1);
        }

        /// <summary>
        /// The organisation, armed force or state that opens sentence <paramref name="s"/> as its subject ("Moscow had
        /// hoped to take Kyiv …"): what "it" in the next sentence stands for before a body named later in it.
        /// </summary>
        public Actor? OpeningBody(int s)
        {
            if (s < 0 || s >= Doc.SentenceCount)
            {
                return null;
            }

            var first = Doc.Sentence(s).FirstToken;
            return ByFirst.TryGetValue(first, out var m) && !m.Modifier && m.Actor.Kind is not (ActorKind.Person or ActorKind.Group)
                && m.End < Doc.Sentence(s).EndToken && IsVerb(Doc, m.End) ? m.Actor : null;
        }

        /// <summary>The last group, state or organisation: what "they" stands for.</summary>
        public Actor? LastPlural { get; private set; }

        /// <summary>Takes in the mentions that start before token <paramref name="i"/>.</summary>
        public void Advance(int i)
        {
            while (_next < _mentions.Count && _mentions[_next].First < i)
            {
                // "US-led talks": a modifier is no antecedent of a pronoun
                if (_mentions[_next].Modifier)
                {
                    _next++;
                    continue;
                }

                var a = _mentions[_next].Actor;
                switch (a.Kind)
                {
                    case ActorKind.Person:
                        LastPerson = a;
                        LastPersonAt = _mentions[_next].First;
                        break;
                    case ActorKind.Group:
                        LastPlural = a;
                        LastGroupAt = _mentions[_next].First;
                        break;
                    default:
                        _bodies.Add((a, _mentions[_next].First));
                        LastPlural = a;
                        break;
                }

                _next++;
            }
        }
    }
}
