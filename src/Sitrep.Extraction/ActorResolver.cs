using System.Globalization;
using Sitrep.Core;
using Sitrep.Core.Pipeline;

namespace Sitrep.Extraction;

/// <summary>
/// Builds canonical actors from the text: states from names, demonyms and their forces ("Belarusian troops" →
/// Belarus), capitals and seats of government acting as agents ("Minsk", "the White House" → the state), people from
/// titles and names with in-document coreference (a surname, "the French president" → the person holding that
/// role here or, failing that, in the dated list of office holders), organisations, and groups with an
/// affiliation ("U.S. officials"). Uses NER mentions when the document has them.
/// </summary>
public sealed class ActorResolver : IStage
{
    public const string StageName = "sitrep.Actors.v1";

    internal static readonly HashSet<string> LocativePrepositions = new(StringComparer.Ordinal) { "in", "at", "near", "to", "from", "into", "around", "over", "across", "outside", "toward", "towards", "inside", "through", "throughout", "within" };

    /// <summary>
    /// "talks in Geneva and Abu Dhabi", "talks in Oslo, Paris or Rome": a name that closes a list of capitalised
    /// names opened by a locative preposition stands where the first one stands ("in Mekelle, Ethiopia" is left alone).
    /// </summary>
    private static bool InLocativeList(IReadOnlyList<string> forms, string[] lower, int start, int sentenceStart)
    {
        if (lower[start - 1] is not ("and" or "or"))
        {
            return false;
        }

        for (var k = start - 2; k >= Math.Max(sentenceStart, start - 9); k--)
        {
            if (LocativePrepositions.Contains(lower[k]))
            {
                return k + 1 < start - 1 && Words.IsCapitalised(forms[k + 1]);
            }

            if (!(Words.IsCapitalised(forms[k]) || lower[k] is "," or "and" or "or" or "-" or "the"))
            {
                return false;
            }
        }

        return false;
    }

    private static readonly HashSet<string> RegnalTitles = new(StringComparer.Ordinal) { "pope", "king", "queen", "prince", "princess", "emir", "sheikh" };

    private static readonly HashSet<string> NameParticles = new(StringComparer.Ordinal) { "al", "bin", "de", "von", "der", "van", "da", "la", "el", "-" };

    private readonly ExtractionLexicon _lex;
    private readonly StateNames _states;
    private readonly PhraseIndex<OfficialEntry> _officials = new(ignoreCase: false);
    private readonly Dictionary<string, List<OfficialEntry>> _surnames = new(StringComparer.Ordinal);
    private readonly PhraseIndex<OrganisationEntry> _orgs = new(ignoreCase: false);
    private readonly PhraseIndex<string> _titles = new(ignoreCase: true);
    private readonly PhraseIndex<string> _groupNouns = new(ignoreCase: true);
    private readonly PhraseIndex<string> _institutions = new(ignoreCase: true);
    private readonly PhraseIndex<(RegionEntry Region, bool Adjective)> _regions = new(ignoreCase: false);
    private readonly Dictionary<string, OrganisationEntry> _orgByName = new(StringComparer.OrdinalIgnoreCase);

    public ActorResolver(ExtractionLexicon? lexicon = null)
    {
        _lex = lexicon ?? ExtractionLexicon.Default;
        _states = lexicon is null ? StateNames.Default : new StateNames(_lex);
        foreach (var o in _lex.Officials)
        {
            _officials.Add(o.Name, o);
            foreach (var a in o.Aliases)
            {
                _officials.Add(a, o);
            }

            foreach (var n in o.Aliases.Append(o.Name))
            {
                var parts = n.Split(' ');
                if (parts.Length > 1)
                {
                    var surname = parts[^1];
                    if (!_surnames.TryGetValue(surname, out var l))
                    {
                        _surnames[surname] = l = [];
                    }

                    l.Add(o);
                }
                else
                {
                    if (!_surnames.TryGetValue(n, out var l))
                    {
                        _surnames[n] = l = [];
                    }

                    l.Add(o);
                }
            }
        }

        foreach (var o in _lex.Organisations)
        {
            _orgs.Add(o.Name, o);
            _orgByName.TryAdd(o.Name, o);
            foreach (var a in o.Aliases)
            {
                _orgs.Add(a, o);
                _orgByName.TryAdd(a, o);
            }
        }

        foreach (var (surface, canonical) in _lex.Institutions)
        {
            _institutions.Add(surface, canonical);
        }

        foreach (var r in _lex.Regions)
        {
            foreach (var n in r.Names)
            {
                _regions.Add(n, (r, false));
            }

            foreach (var a in r.Adjectives)
            {
                _regions.Add(a, (r, true));
            }
        }

        foreach (var (t, role) in _lex.Titles)
        {
            _titles.Add(t, role);
        }

        foreach (var (n, kind) in _lex.GroupNouns)
        {
            _groupNouns.Add(n, kind);
        }
    }

    public string Name => StageName;

    public IReadOnlyList<Layer> Requires { get; } = [Layer.Tokens, Layer.Sentences];

    public IReadOnlyList<Layer> Assigns { get; } = [Layer.Actors];

    public void Process(Document doc, CancellationToken cancellationToken)
    {
        doc.Actors.Clear();
        doc.ActorMentions.Clear();
        var ctx = new Context(doc, Words.Lower(doc), doc.Published ?? DateOnly.FromDateTime(DateTime.UtcNow));
        var placeTokens = new bool[doc.TokenCount];
        foreach (var p in doc.Places)
        {
            foreach (var m in p.Mentions)
            {
                for (var t = doc.TokenIndexAtOrAfter(m.Start); t < doc.TokenCount && doc.Tokens.Starts[t] < m.End; t++)
                {
                    placeTokens[t] = true;
                }
            }
        }

        var nerPersons = new Dictionary<int, int>();
        if (doc.Has(Layer.Mentions))
        {
            foreach (var m in doc.Mentions)
            {
                // a title-case headline gives the recogniser no capitalisation to go by: its persons there are noise
                if (m.Type is "PER" or "PERSON" && !Words.IsTitleCaseSentence(doc, doc.SentenceIndexAt(m.Span.Start)))
                {
                    var t = doc.TokenIndexAtOrAfter(m.Span.Start);
                    var e = doc.TokenIndexAtOrAfter(m.Span.End);
                    // a town the toponym stage resolved is no person ("near Kryvyi Rih"); nor is a span that opens
                    // with a lower-case word or runs over a comma ("of Ukraine, seems")
                    if (t < e && !placeTokens[t] && Words.IsCapitalised(doc.Tokens.Forms[t]) && !Enumerable.Range(t, e - t).Any(x => doc.Tokens.Forms[x] is "," or ";" or ":")
                        && !PlaceHead(doc.Tokens.Forms, e))
                    {
                        nerPersons[t] = e;
                    }
                }
                else if (m.Type is "ORG" && TryOrganisationSpan(ctx, m.Span, placeTokens, out var os, out var oe))
                {
                    ctx.NerOrgs.TryAdd(os, oe);
                }
            }
        }

        foreach (var sentence in doc.Sentences())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var end = sentence.EndToken;
            for (var i = sentence.FirstToken; i < end; i++)
            {
                var next = Match(ctx, i, end, sentence.FirstToken, nerPersons);
                if (next > i)
                {
                    i = next - 1;
                }
            }
        }

        doc.ActorMentions.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
        AddGroupAnaphors(ctx);
    }

    /// <summary>Nouns of a definite description that stands for a group named before it (data/extraction/group-anaphors.tsv).</summary>
    private static readonly Lazy<Dictionary<string, (bool Armed, bool Organisation)>> GroupAnaphors = new(() =>
        Lexicon.Lines(typeof(ActorResolver).Assembly, "group-anaphors.tsv").Select(l => l.Split('\t')).Where(c => c.Length >= 2)
            .ToDictionary(c => c[0], c => (c[1].Contains("armed", StringComparison.Ordinal), c[1].Contains("organisation", StringComparison.Ordinal)), StringComparer.Ordinal));

    /// <summary>
    /// "the paramilitary Rapid Support Forces … In a statement, the group said its fighters …": "the group", "the
    /// militia", "the rebels" name the last armed group (or, for "the group", "the agency", the last organisation) the
    /// text named before it in the same or the previous paragraph, when no other group ("a group of residents") came
    /// between. The description becomes a mention of that actor.
    /// </summary>
    private static void AddGroupAnaphors(Context ctx)
    {
        var doc = ctx.Doc;
        var lower = ctx.Lower;
        var forms = doc.Tokens.Forms;
        var added = false;
        for (var i = 0; i + 1 < lower.Length; i++)
        {
            if (lower[i] != "the" || !GroupAnaphors.Value.TryGetValue(lower[i + 1], out var kinds)
                || i + 2 < lower.Length && (lower[i + 2] == "of" || Words.IsCapitalised(forms[i + 2]) && char.IsLetter(forms[i + 2][0])))
            {
                continue;
            }

            var start = doc.Tokens.Starts[i];
            if (doc.ActorMentions.Any(m => m.Span.Start <= doc.Tokens.Starts[i + 1] && doc.Tokens.Starts[i + 1] < m.Span.End))
            {
                continue;
            }

            // the paragraph before and this one (over the blank lines between them)
            var own = ParagraphStart(doc.Text, start);
            var gap = own - 1;
            while (gap > 0 && char.IsWhiteSpace(doc.Text[gap - 1]))
            {
                gap--;
            }

            var from = gap >= 1 ? ParagraphStart(doc.Text, gap - 1) : 0;
            Actor? antecedent = null;
            var antecedentEnd = 0;
            for (var k = doc.ActorMentions.Count - 1; k >= 0; k--)
            {
                var m = doc.ActorMentions[k];
                if (m.Span.End > start)
                {
                    continue;
                }

                if (m.Span.Start < from)
                {
                    break;
                }

                var a = ctx.Doc.Actors.FirstOrDefault(x => x.Id == m.ActorId);
                if (a is not null && (kinds.Armed && a.Kind == ActorKind.ArmedForce || kinds.Organisation && a.Kind == ActorKind.Organisation))
                {
                    antecedent = a;
                    antecedentEnd = m.Span.End;
                    break;
                }
            }

            // "a group of residents … the group": the description is that group's
            if (antecedent is null || doc.Text.IndexOf(lower[i + 1] + " of", antecedentEnd, start - antecedentEnd, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                continue;
            }

            ctx.AddMention(antecedent, i, i + 2, "anaphor");
            added = true;
        }

        if (added)
        {
            doc.ActorMentions.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
        }
    }

    private static int ParagraphStart(string text, int at)
    {
        if (at <= 0)
        {
            return 0;
        }

        var nl = text.LastIndexOf('\n', Math.Min(at, text.Length - 1));
        return nl < 0 ? 0 : nl + 1;
    }

    private int Match(Context ctx, int i, int end, int sentenceStart, Dictionary<int, int> nerPersons)
    {
        var doc = ctx.Doc;
        var forms = doc.Tokens.Forms;
        var lower = ctx.Lower;

        // an account: "@OlehMarchukUa" is the person whose name it spells, "@TotalEnergies" an account of its own
        if (forms[i] == "@" && i + 1 < end && doc.Tokens.Starts[i + 1] == doc.Tokens.Ends[i] && char.IsLetterOrDigit(forms[i + 1][0]))
        {
            // (a handle with an underscore, "@r_stefanchuk", is one account the tokenizer splits at it)
            var last = i + 1;
            while (last + 2 < end && forms[last + 1] == "_" && doc.Tokens.Starts[last + 1] == doc.Tokens.Ends[last] && doc.Tokens.Starts[last + 2] == doc.Tokens.Ends[last + 1]
                && char.IsLetterOrDigit(forms[last + 2][0]))
            {
                last += 2;
            }

            ctx.AddMention(HandleActor(ctx, string.Concat(forms.Skip(i + 1).Take(last - i))), i, last + 1, "handle");
            return last + 1;
        }

        // 1. a title, with a state before it and/or a name after it
        var t = TryTitledPerson(ctx, i, end, sentenceStart);
        if (t > i)
        {
            return t;
        }

        // 2. a known office holder by name
        if (_officials.TryMatch(forms, i, end, out var olen, out var official))
        {
            var e = ExtendName(forms, i + olen, end);
            var person = ctx.Person(official.Name, official, null, null);
            ctx.AddMention(person, i, e, "name");
            return e;
        }

        // a surname seen before in this document, or of someone in office at the date
        if (Words.IsCapitalised(forms[i]) && forms[i].Length > 2)
        {
            if (ctx.PersonsBySurname.TryGetValue(forms[i], out var known) && !(i + 1 < end && Words.IsCapitalised(forms[i + 1]) && !_states.Index.TryMatch(forms, i + 1, end, out _, out _) && forms[i + 1] != "'s"))
            {
                ctx.AddMention(known, i, i + 1, "surname");
                return i + 1;
            }

            if (_surnames.TryGetValue(forms[i], out var cands) && cands.FirstOrDefault(c => c.InOffice(ctx.Published)) is { } holder && !(i + 1 < end && Words.IsCapitalised(forms[i + 1]) && forms[i + 1] != "'s"))
            {
                var person = ctx.Person(holder.Name, holder, null, null);
                ctx.AddMention(person, i, i + 1, "surname");
                return i + 1;
            }
        }

        // NER person mentions (after the surname rules: a bare surname of a known person is that person); a name the
        // organisation lexicon knows whole ("Boko Haram") is that organisation
        if (nerPersons.TryGetValue(i, out var nerEnd) && nerEnd <= end && !(_orgs.TryMatch(forms, i, end, out var knownLen, out _) && knownLen >= nerEnd - i))
        {
            var name = string.Join(' ', forms.Skip(i).Take(nerEnd - i));
            var person = ctx.Person(name, null, null, null);
            ctx.AddMention(person, i, nerEnd, "name");
            return nerEnd;
        }

        // 3. organisations
        if (_orgs.TryMatch(forms, i, end, out var orgLen, out var org))
        {
            var actor = ctx.Get("org:" + org.Name, org.Name, org.Kind, org.Affiliation);
            var s = i > sentenceStart && lower[i - 1] == "the" ? i - 1 : i;
            var oEnd = MembersEnd(lower, i + orgLen, end);
            ctx.AddMention(actor, s, oEnd, "name");
            return oEnd;
        }

        // a state institution with its state after it: "the Ministry of Internal Affairs of Ukraine"
        var ii = lower[i] == "the" && i + 1 < end ? i + 1 : i;
        if (_institutions.TryMatch(forms, ii, end, out var ilen, out var inst) && ii + ilen + 1 < end && lower[ii + ilen] == "of")
        {
            var sk = ii + ilen + 1;
            if (lower[sk] == "the" && sk + 1 < end)
            {
                sk++;
            }

            if (_states.Index.TryMatch(forms, sk, end, out var islen, out var ist) && ist.Form == StateForm.Name)
            {
                ctx.AddMention(InstitutionActor(ctx, inst, ist.Country), i, sk + islen, "name");
                NoteTitleState(ctx, ist.Country, sk, sk + islen);
                return sk + islen;
            }
        }

        // an institution named again without its state ("the General Staff of the Armed Forces"): the one of that
        // name seen before in the text
        if (Words.IsCapitalised(forms[ii]) && _institutions.TryMatch(forms, ii, end, out _, out _))
        {
            var ne = ii + 1;
            while (ne < end)
            {
                if (Words.IsCapitalised(forms[ne]) || lower[ne] == "the" && ne + 1 < end && Words.IsCapitalised(forms[ne + 1]))
                {
                    ne++;
                }
                else if (lower[ne] is "of" or "for" && ne + 2 < end && (Words.IsCapitalised(forms[ne + 1]) || lower[ne + 1] == "the" && Words.IsCapitalised(forms[ne + 2])))
                {
                    ne++;
                }
                else
                {
                    break;
                }
            }

            for (; ne - ii >= 2; ne--)
            {
                if (!Words.IsCapitalised(forms[ne - 1]))
                {
                    continue;
                }

                var phrase = doc.Text[doc.Tokens.Starts[ii]..doc.Tokens.Ends[ne - 1]];
                if (ctx.Actors.Values.FirstOrDefault(a => a.Kind is ActorKind.Organisation or ActorKind.ArmedForce && a.Name.StartsWith(phrase + " ", StringComparison.Ordinal)) is { } seen)
                {
                    ctx.AddMention(seen, i, ne, "name");
                    return ne;
                }
            }
        }

        // organisations the recogniser found in running text (a name the lexicon knows is read from the lexicon)
        if (ii > i && _orgs.TryMatch(forms, ii, end, out var theOrgLen, out var theOrg))
        {
            var tEnd = MembersEnd(lower, ii + theOrgLen, end);
            ctx.AddMention(ctx.Get("org:" + theOrg.Name, theOrg.Name, theOrg.Kind, theOrg.Affiliation), i, tEnd, "name");
            return tEnd;
        }

        if (ctx.NerOrgs.TryGetValue(ii, out var nerOrgEnd) && nerOrgEnd <= end)
        {
            var nEnd = MembersEnd(lower, nerOrgEnd, end);
            ctx.AddMention(NamedOrganisation(ctx, ii, nerOrgEnd, null), i, nEnd, "name");
            return nEnd;
        }

        // 4. states: "the White House", "Poland's forces", "Belarusian troops", "U.S. officials", "Minsk"
        var start = i;
        var k = i;
        if (lower[i] == "the" && i + 1 < end)
        {
            k = i + 1;
        }

        if (_states.Index.TryMatch(forms, k, end, out var slen, out var st))
        {
            var (country, form) = st;
            var after = k + slen;
            var possessive = after < end && forms[after] == "'s";
            var g = possessive ? after + 1 : after;

            // "Ukraine's General Staff", "the Russian Defence Ministry", "Russia's National Guard"
            if (g < end && (possessive || form is StateForm.Demonym) && _institutions.TryMatch(forms, g, end, out var iglen, out var ginst))
            {
                ctx.AddMention(InstitutionActor(ctx, ginst, country), k, g + iglen, "name");
                NoteTitleState(ctx, country, k, after);
                return g + iglen;
            }

            if (g < end && possessive && ctx.NerOrgs.TryGetValue(g, out var pe) && pe <= end)
            {
                ctx.AddMention(NamedOrganisation(ctx, g, pe, country), k, pe, "name");
                NoteTitleState(ctx, country, k, after);
                return pe;
            }

            if (g < end && _groupNouns.TryMatch(forms, g, end, out var glen, out var gkind) && (form is StateForm.Demonym || possessive || form is StateForm.Name))
            {
                var mEnd = g + glen;
                if (gkind == "group")
                {
                    var head = string.Join(' ', lower, g, glen);
                    var actor = ctx.Get($"group:{country.Name}:{head}", doc.Text[doc.Tokens.Starts[k]..doc.Tokens.Ends[mEnd - 1]].Replace('’', '\''), ActorKind.Group, country.Name);
                    ctx.AddMention(actor, k, mEnd, "group");
                }
                else
                {
                    ctx.AddMention(ctx.State(country), k, mEnd, "forces");
                }

                return mEnd;
            }

            if (form is StateForm.Metonym && k == i + 1)
            {
                start = i; // "the White House"
            }
            else if (k != i)
            {
                return i;
            }

            var locative = start > sentenceStart && (LocativePrepositions.Contains(lower[start - 1]) || InLocativeList(forms, lower, start, sentenceStart)) && !possessive;
            if (form is StateForm.Capital && locative)
            {
                return after; // a place here, not an actor
            }

            var formName = form switch
            {
                StateForm.Demonym => "demonym",
                StateForm.Capital => "metonym",
                StateForm.Metonym => "metonym",
                _ => "name",
            };
            if (locative && form is StateForm.Name)
            {
                formName = "name@loc";
            }

            // "Russia-Belarus": both sides are mentions
            ctx.AddMention(ctx.State(country), start, after, formName);
            return after;
        }

        // 5. regions and blocs: "European leaders", "Western diplomats", "Europe must …"
        var r = TryRegion(ctx, i, end, sentenceStart);
        if (r > i)
        {
            return r;
        }

        // 6. a plural group noun as the subject of its clause: "Experts believe …", "locals told reporters …",
        // "Two associations have filed …"
        if (_lex.SubjectGroupNouns.Contains(lower[i]) && SubjectStart(ctx, i, end, sentenceStart) is var gs && gs >= 0)
        {
            var name = string.Join(' ', Enumerable.Range(gs, i - gs + 1).Select(x => lower[x]).Where(w => !PossessiveDeterminers.Contains(w)));
            var actor = ctx.Get("group::" + name, name, ActorKind.Group, null);
            ctx.AddMention(actor, gs, i + 1, "group");
            return i + 1;
        }

        // 7. an unnamed source: "a source close to the case said", "a displaced woman from Donetska Oblast told us"
        var u = TryUnnamedSource(ctx, i, end);
        if (u > i)
        {
            return u;
        }

        // 8. a company name with an inner capital in running text: "TotalEnergies", "SpaceX"
        if (i > sentenceStart && IsInnerCapitalName(forms[i]) && !Words.IsPunct(forms[i - 1]) && IsProse(ctx, doc.SentenceIndexAt(doc.Tokens.Starts[i])))
        {
            ctx.AddMention(ctx.Get("org:" + forms[i], forms[i], ActorKind.Organisation, null), i, i + 1, "name");
            return i + 1;
        }

        return i;
    }

    private static readonly HashSet<string> PossessiveDeterminers = new(StringComparer.Ordinal) { "the", "our", "their", "his", "her", "its" };

    private static readonly HashSet<string> GroupModifiers = new(StringComparer.Ordinal) { "local", "international", "humanitarian", "independent", "foreign", "military", "some", "many", "several", "most", "other", "both", "few", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozens", "hundreds", "thousands", "our", "their", "his", "her", "its" };

    private static readonly HashSet<string> SubjectOpeners = new(StringComparer.Ordinal) { "the", "and", "but", "as", "while", "that", ",", "--", "—", "–", "\"", "“", "'", ":" };

    /// <summary>
    /// Where the group phrase ending at the noun <paramref name="i"/> starts (over modifiers such as "local", "two",
    /// "our"), when it opens a clause and a verb follows; −1 otherwise.
    /// </summary>
    private static int SubjectStart(Context ctx, int i, int end, int sentenceStart)
    {
        var doc = ctx.Doc;
        var m = i;
        while (m > sentenceStart && (GroupModifiers.Contains(ctx.Lower[m - 1]) || char.IsDigit(ctx.Lower[m - 1][0])))
        {
            m--;
        }

        if (m > sentenceStart && !SubjectOpeners.Contains(ctx.Lower[m - 1]))
        {
            return -1;
        }

        var j = i + 1;
        while (j < end && (doc.Tokens.Upos.Count > j && doc.Tokens.Upos[j] is "ADV" or "PART" || ctx.Lower[j].EndsWith("ly", StringComparison.Ordinal) && ctx.Lower[j].Length > 4))
        {
            j++;
        }

        if (j >= end)
        {
            return -1;
        }

        var upos = doc.Tokens.Upos.Count > j ? doc.Tokens.Upos[j] : null;
        var verb = upos is "VERB" or "AUX" || upos is null && (Words.Auxiliaries.Contains(ctx.Lower[j]) || ExtractionLexicon.Default.ReportingVerbs.ContainsKey(ctx.Lower[j]));
        return verb ? m : -1;
    }

    private static readonly string[] NamePrefixes = ["Mc", "Mac", "De", "Di", "Da", "La", "Le", "Van", "Von", "O"];

    /// <summary>A word of letters with a capital inside after lower-case letters ("TotalEnergies"), not a surname such as "McCarthy".</summary>
    private static bool IsInnerCapitalName(string f)
    {
        if (f.Length < 6 || !char.IsUpper(f[0]) || !f.All(char.IsLetter))
        {
            return false;
        }

        var inner = -1;
        for (var k = 2; k < f.Length; k++)
        {
            if (char.IsUpper(f[k]) && char.IsLower(f[k - 1]))
            {
                inner = k;
                break;
            }
        }

        return inner > 0 && !NamePrefixes.Contains(f[..inner], StringComparer.Ordinal);
    }

    /// <summary>
    /// "a source close to the case said": an indefinite phrase headed by a word for a person, with a short
    /// qualifier, right before a reporting verb, is an unnamed source (a person actor named by the phrase).
    /// </summary>
    private int TryUnnamedSource(Context ctx, int i, int end)
    {
        var lower = ctx.Lower;
        if (lower[i] is not ("a" or "an" or "one"))
        {
            return i;
        }

        for (var h = i + 1; h < end && h <= i + 4; h++)
        {
            if (!_lex.SourceNouns.Contains(lower[h]))
            {
                if (Words.IsPunct(lower[h]) || Words.ClauseBoundaries.Contains(lower[h]) || _lex.ReportingVerbs.ContainsKey(lower[h]))
                {
                    return i;
                }

                continue;
            }

            // the qualifier: nothing, or a short prepositional phrase ("close to the case", "from Donetska Oblast")
            for (var v = h + 1; v < end && v <= h + 8; v++)
            {
                var w = lower[v];
                if (_lex.ReportingVerbs.ContainsKey(w) && !w.EndsWith("ing", StringComparison.Ordinal))
                {
                    if (v > h + 1 && lower[h + 1] is not ("close" or "from" or "in" or "familiar" or "with" or "at" or "of" or "operating" or "serving" or "fighting" or "based" or "affiliated"))
                    {
                        return i;
                    }

                    var doc = ctx.Doc;
                    var name = doc.Text[doc.Tokens.Starts[i + 1]..doc.Tokens.Ends[v - 1]];
                    var actor = ctx.Get("person:" + name, name, ActorKind.Person, null);
                    ctx.AddMention(actor, i, v, "description");
                    return v;
                }

                if (Words.IsPunct(w) || w is "that" or "who" or "which")
                {
                    return i;
                }
            }

            return i;
        }

        return i;
    }

    /// <summary>
    /// Where a group's name ends once the noun for its members that follows it is taken in: "Taliban gunmen", "Hamas
    /// militants", "IRA suicide bombers" name the group acting (data/extraction/member-nouns.txt); otherwise the name's end.
    /// </summary>
    private int MembersEnd(string[] lower, int nameEnd, int end)
    {
        var k = nameEnd < end && lower[nameEnd] == "suicide" ? nameEnd + 1 : nameEnd;
        return k < end && _lex.MemberNouns.Contains(lower[k]) ? k + 1 : nameEnd;
    }

    private int TryRegion(Context ctx, int i, int end, int sentenceStart)
    {
        var doc = ctx.Doc;
        var forms = doc.Tokens.Forms;
        var lower = ctx.Lower;
        var k = i;
        if (!_regions.TryMatch(forms, k, end, out var rlen, out var rv))
        {
            if (lower[i] != "the" || i + 1 >= end || !_regions.TryMatch(forms, i + 1, end, out rlen, out rv))
            {
                return i;
            }

            k = i + 1;
        }

        var (region, adjective) = rv;
        var after = k + rlen;
        if (adjective)
        {
            if (after < end && _groupNouns.TryMatch(forms, after, end, out var glen, out var gkind) && gkind == "group")
            {
                var name = doc.Text[doc.Tokens.Starts[k]..doc.Tokens.Ends[after + glen - 1]].Replace('’', '\'');
                var group = ctx.Get($"group:{region.Name}:{string.Join(' ', lower, after, glen)}", name, ActorKind.Group, null);
                ctx.AddMention(group, k, after + glen, "group");
                return after + glen;
            }

            // "Europeans", "Westerners": the plural stands for the region's people; so does "Western European" before a noun
            if ((forms[after - 1].EndsWith('s') || rlen > 1) && !(after < end && Words.IsCapitalised(forms[after])))
            {
                ctx.AddMention(ctx.Get("region:" + region.Name, region.Name, ActorKind.Group, null), k, after, "demonym");
                return after;
            }

            return i;
        }

        // a region after a locative preposition is a place
        if (i > sentenceStart && LocativePrepositions.Contains(lower[i - 1]) || after < end && Words.IsCapitalised(forms[after]))
        {
            return i;
        }

        ctx.AddMention(ctx.Get("region:" + region.Name, region.Name, ActorKind.Group, null), i, after, "name");
        return after;
    }

    /// <summary>The organisation for a state institution: "Ministry of Defence of Ukraine", or the full name the lexicon gives it.</summary>
    private Actor InstitutionActor(Context ctx, string canonical, CountryEntry country)
    {
        var name = canonical + " of " + country.Name;
        if (_orgByName.TryGetValue(name, out var known))
        {
            return ctx.Get("org:" + known.Name, known.Name, known.Kind, known.Affiliation ?? country.Name);
        }

        return ctx.Get("org:" + name, name, ActorKind.Organisation, country.Name);
    }

    /// <summary>
    /// An organisation named by the recogniser. "Russia's National Guard" is the "National Guard of Russia"; a shorter
    /// form of a name seen before ("the State Emergency Service") or its initials ("OCHA") are that organisation.
    /// </summary>
    private Actor NamedOrganisation(Context ctx, int s, int e, CountryEntry? country)
    {
        var doc = ctx.Doc;
        var name = string.Join(' ', doc.Text[doc.Tokens.Starts[s]..doc.Tokens.Ends[e - 1]].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Replace('’', '\'');
        string? affiliation = country?.Name;
        if (country is not null)
        {
            // "Russia's National Guard" is the lexicon's "National Guard of Russia"; otherwise "Ukraine's Air Force" is
            // the "Ukrainian Air Force"
            if (_orgByName.TryGetValue(name + " of " + country.Name, out var ofState))
            {
                return ctx.Get("org:" + ofState.Name, ofState.Name, ofState.Kind, ofState.Affiliation);
            }

            name = country.Demonyms.Count > 0 ? country.Demonyms[0] + " " + name : name + " of " + country.Name;
        }

        if (_orgByName.TryGetValue(name, out var known))
        {
            return ctx.Get("org:" + known.Name, known.Name, known.Kind, known.Affiliation);
        }

        foreach (var a in ctx.Actors.Values)
        {
            if (a.Kind is ActorKind.Organisation or ActorKind.ArmedForce
                && (name.Contains(' ', StringComparison.Ordinal) && a.Name.StartsWith(name + " ", StringComparison.Ordinal)
                    || name.Length >= 3 && name.All(char.IsUpper) && Initials(a.Name) == name))
            {
                return a;
            }
        }

        if (affiliation is null && e - s >= 3 && ctx.Lower[e - 2] == "of" && _states.Index.TryMatch(doc.Tokens.Forms, e - 1, e, out _, out var st) && st.Form == StateForm.Name)
        {
            affiliation = st.Country.Name;
        }
        else if (affiliation is null && _states.Index.TryMatch(doc.Tokens.Forms, s, e, out _, out var sd) && sd.Form == StateForm.Demonym)
        {
            affiliation = sd.Country.Name;
        }

        return ctx.Get("org:" + name, name, ActorKind.Organisation, affiliation);
    }

    private static string Initials(string name) =>
        string.Concat(name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => char.IsUpper(w[0])).Select(w => w[0]));

    /// <summary>"@OlehMarchukUa" → the office holder whose name the handle spells; otherwise an account of its own.</summary>
    private Actor HandleActor(Context ctx, string handle)
    {
        var folded = handle.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
        foreach (var o in _lex.Officials)
        {
            foreach (var n in o.Aliases.Append(o.Name))
            {
                var compact = n.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
                var surname = n.Split(' ')[^1].ToLowerInvariant();
                if (compact.Length >= 5 && folded.StartsWith(compact, StringComparison.Ordinal) || surname.Length >= 6 && folded.StartsWith(surname, StringComparison.Ordinal) && o.InOffice(ctx.Published))
                {
                    return ctx.Person(o.Name, o, null, null);
                }
            }
        }

        return ctx.Get("handle:" + folded, "@" + handle, ActorKind.Other, null);
    }

    /// <summary>
    /// Whether token <paramref name="k"/> is a lower-case place noun ("settlement", "camp", "hospital": the lexicon's place
    /// head nouns and facility words) that makes the name before it a place.
    /// </summary>
    private bool PlaceHead(List<string> forms, int k) =>
        k < forms.Count && forms[k].Length > 0 && char.IsLower(forms[k][0]) && (_lex.PlaceHeadNouns.Contains(forms[k]) || _lex.FacilityWords.Contains(forms[k]));

    private static readonly HashSet<string> NameConnectors = new(StringComparer.Ordinal) { "of", "for", "the", "and", "on", "in", "de", "-", "'s" };

    /// <summary>
    /// Whether a recogniser ORG span is an organisation worth an actor: in running prose (not a title-case line of
    /// links or headlines), capitalised throughout, no state or place on its own; a single word must be an acronym, a
    /// word with an inner capital ("SpaceX") or not open its sentence.
    /// </summary>
    private bool TryOrganisationSpan(Context ctx, TextSpan span, bool[] placeTokens, out int s, out int e)
    {
        var doc = ctx.Doc;
        var forms = doc.Tokens.Forms;
        var lower = ctx.Lower;
        s = doc.TokenIndexAtOrAfter(span.Start);
        e = doc.TokenIndexAtOrAfter(span.End);
        if (e <= s)
        {
            return false;
        }

        var si = doc.SentenceIndexAt(span.Start);
        if (si < 0 || !IsProse(ctx, si) && !IsByline(ctx, si, s))
        {
            return false;
        }

        for (var k = s; k < e; k++)
        {
            if (forms[k] is ":" or "," or ";" or "|" or "(" or ")" or "[" or "]" or "\"" or "“" or "”" or "/" or "@" or "#" or "&")
            {
                e = k;
                break;
            }
        }

        if (e > s && lower[s] == "the")
        {
            s++;
        }

        // "Ukraine's General Staff", "the Russian Defence Ministry": the state is read on its own, then what it owns
        if (_states.Index.TryMatch(forms, s, e, out var stLen, out _) && s + stLen < e
            && (forms[s + stLen] == "'s" || _institutions.TryMatch(forms, s + stLen, e, out _, out _)))
        {
            s += stLen + (forms[s + stLen] == "'s" ? 1 : 0);
        }

        // a hashtag or an account is no organisation name
        if (s > 0 && forms[s - 1] is "#" or "@" && doc.Tokens.Ends[s - 1] == doc.Tokens.Starts[s])
        {
            return false;
        }

        // "US Institute for the Study of War": a name the lexicon knows starts inside the span; what comes before it
        // is read on its own
        for (var k = s + 1; k < e; k++)
        {
            if (_orgs.TryMatch(forms, k, doc.TokenCount, out _, out _))
            {
                e = k;
                break;
            }
        }

        if (e > s && forms[e - 1] == "'s")
        {
            e--;
        }

        if (e <= s || e - s > 8 || !Words.IsCapitalised(forms[s]) && !char.IsDigit(forms[s][0]) || e - s > 1 && _lex.FacilityWords.Contains(lower[e - 1]))
        {
            return false;
        }

        // "the Kiryat Arba settlement", "the Jabalia camp": a name before a place noun (in the span or right after it) is a place
        if (e - s > 1 && PlaceHead(forms, e - 1) || PlaceHead(forms, e))
        {
            return false;
        }

        // a name that ends with a weekday names a day and what happened on it ("Bloody Sunday", "the Black Friday
        // attacks"), not an organisation
        if (e - s > 1 && _lex.Weekdays.ContainsKey(lower[e - 1]))
        {
            return false;
        }

        var text = doc.Text.AsSpan(doc.Tokens.Starts[s], doc.Tokens.Ends[e - 1] - doc.Tokens.Starts[s]);
        if (text.Contains('\n') || text.Contains("http", StringComparison.Ordinal))
        {
            return false;
        }

        for (var k = s; k < e; k++)
        {
            if (!(Words.IsCapitalised(forms[k]) || char.IsDigit(forms[k][0]) || NameConnectors.Contains(lower[k])))
            {
                return false;
            }
        }

        if (_states.Index.TryMatch(forms, s, e, out var sl, out _) && sl == e - s || _regions.TryMatch(forms, s, e, out var rl, out _) && rl == e - s)
        {
            return false;
        }

        var allPlace = true;
        for (var k = s; k < e && allPlace; k++)
        {
            allPlace = placeTokens[k];
        }

        if (allPlace)
        {
            return false;
        }

        if (e - s == 1)
        {
            var f = forms[s];
            var acronym = f.Length is >= 2 and <= 6 && f.All(c => char.IsUpper(c) || char.IsDigit(c)) && f.Any(char.IsLetter);
            var inner = f.Length > 2 && f.Skip(1).Any(char.IsUpper) && f.Any(char.IsLower);
            var opening = s == doc.Sentence(si).FirstToken || Words.IsPunct(forms[s - 1]) && forms[s - 1] is not ",";
            if (!acronym && !inner && opening)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A byline: a short line "by NAME".</summary>
    private static bool IsByline(Context ctx, int sentenceIndex, int nameStart)
    {
        var doc = ctx.Doc;
        if (nameStart < 1 || ctx.Lower[nameStart - 1] != "by")
        {
            return false;
        }

        var by = doc.Tokens.Starts[nameStart - 1];
        var lineStart = doc.Text.LastIndexOf('\n', Math.Max(0, by - 1)) + 1;
        var lineEnd = doc.Text.IndexOf('\n', by);
        lineEnd = lineEnd < 0 ? doc.Text.Length : lineEnd;
        return doc.Text.AsSpan(lineStart, by - lineStart).IsWhiteSpace() && lineEnd - by <= 60;
    }

    /// <summary>Running prose: at least six words, two of them lower-case words of four letters or more, and no title-case headline.</summary>
    private static bool IsProse(Context ctx, int sentenceIndex)
    {
        if (ctx.ProseCache.TryGetValue(sentenceIndex, out var cached))
        {
            return cached;
        }

        var doc = ctx.Doc;
        var sentence = doc.Sentence(sentenceIndex);
        int words = 0, lowerLong = 0;
        for (var k = sentence.FirstToken; k < sentence.EndToken; k++)
        {
            var f = doc.Tokens.Forms[k];
            if (f.Length > 0 && char.IsLetter(f[0]))
            {
                words++;
                if (char.IsLower(f[0]) && f.Length >= 4)
                {
                    lowerLong++;
                }
            }
        }

        var prose = words >= 6 && lowerLong >= 2 && !Words.IsTitleCaseSentence(doc, sentenceIndex);
        ctx.ProseCache[sentenceIndex] = prose;
        return prose;
    }

    private int TryTitledPerson(Context ctx, int i, int end, int sentenceStart)
    {
        var doc = ctx.Doc;
        var forms = doc.Tokens.Forms;
        var lower = ctx.Lower;
        var k = i;
        var hasThe = false;
        var former = false;
        if (lower[k] == "the")
        {
            hasThe = true;
            k++;
        }

        if (k < end && lower[k] is "former" or "then" or "ex" or "late")
        {
            former = true;
            k++;
            if (k < end && lower[k] == "-")
            {
                k++;
            }
        }

        CountryEntry? country = null;
        var countryStart = k;
        var countryEnd = k;
        if (k < end && _states.Index.TryMatch(forms, k, end, out var slen, out var st) && st.Form is StateForm.Demonym or StateForm.Name)
        {
            country = st.Country;
            k += slen;
            countryEnd = k;
            if (k < end && forms[k] == "'s")
            {
                k++;
            }
        }

        string? orgAffiliation = null;
        if (country is null && k < end && _orgs.TryMatch(forms, k, end, out var orlen, out var org))
        {
            orgAffiliation = org.Name;
            k += orlen;
        }

        // "General Staff" is an institution, not a general
        if (k >= end || !_titles.TryMatch(forms, k, end, out var tlen, out var role) || _institutions.TryMatch(forms, k, end, out var instLen, out _) && instLen > tlen)
        {
            return i;
        }

        var titleStart = k;
        k += tlen;

        // "the President of Ukraine": the state after the title
        if (country is null && orgAffiliation is null && k + 1 < end && lower[k] == "of" && _states.Index.TryMatch(forms, k + 1, end, out var oflen, out var ofst) && ofst.Form == StateForm.Name
            && !(k + 1 + oflen < end && Words.IsCapitalised(forms[k + 1 + oflen])))
        {
            country = ofst.Country;
            countryStart = k + 1;
            countryEnd = k + 1 + oflen;
            k = countryEnd;
        }

        // "President-elect"
        if (k + 1 < end && forms[k] == "-" && lower[k + 1] == "elect")
        {
            role += "-elect";
            k += 2;
        }

        // the name after the title
        var nameStart = k;
        var nameEnd = ExtendName(forms, k, end);
        var affiliation = country?.Name ?? orgAffiliation;
        var titleCapitalised = Words.IsCapitalised(forms[titleStart]);
        if (nameEnd > nameStart && (titleCapitalised || country is not null))
        {
            var name = string.Join(' ', forms.Skip(nameStart).Take(nameEnd - nameStart)).Replace(" - ", "-", StringComparison.Ordinal);
            OfficialEntry? off = null;
            if (_officials.TryMatch(forms, nameStart, nameEnd, out var ol, out var o) && nameStart + ol == nameEnd)
            {
                off = o;
                name = o.Name;
            }
            else if (nameEnd - nameStart == 1 && ctx.PersonsBySurname.TryGetValue(forms[nameStart], out var known))
            {
                ctx.AddMention(known, hasThe ? i + 1 : i, nameEnd, "title+name");
                return nameEnd;
            }

            // a pope or a monarch is named with the title: "Pope Francis", "King Charles"
            if (off is null && nameEnd - nameStart == 1 && RegnalTitles.Contains(role))
            {
                name = Cap(role) + " " + name;
            }

            affiliation ??= off?.Country;
            var roleText = RoleText(role, affiliation, former);
            var person = ctx.Person(name, off, affiliation, roleText);
            ctx.AddMention(person, hasThe ? i + 1 : i, nameEnd, "title+name");
            NoteTitleState(ctx, country, countryStart, countryEnd);
            return nameEnd;
        }

        // "the pontiff": the one person of the text who holds the role, whatever the state
        if (nameEnd == nameStart && hasThe && affiliation is null && !former
            && ctx.Actors.Values.Where(a => a.Kind == ActorKind.Person && a.Role is not null && a.Role.StartsWith(Cap(role), StringComparison.Ordinal)).Take(2).ToList() is [var only])
        {
            ctx.AddMention(only, i, k, "title");
            return k;
        }

        // "the French president", "Russian Foreign Minister": whoever holds the role here, or at the date
        if (nameEnd == nameStart && (hasThe || country is not null && (titleStart > 0 && forms[titleStart - 1] == "'s" || titleCapitalised)) && affiliation is not null && !former)
        {
            var holder = ctx.Actors.Values.FirstOrDefault(a => a.Kind == ActorKind.Person && a.Affiliation == affiliation && a.Role is not null && a.Role.StartsWith(Cap(role) + " of", StringComparison.Ordinal));
            if (holder is null && _lex.Holder(role, affiliation, ctx.Published) is { } h)
            {
                holder = ctx.Person(h.Name, h, affiliation, RoleText(role, affiliation, false));
            }

            if (holder is not null)
            {
                ctx.AddMention(holder, i, k, "title");
                NoteTitleState(ctx, country, countryStart, countryEnd);
                return k;
            }
        }

        return i;
    }

    /// <summary>
    /// The state named inside a title ("Britain's National Security Adviser …") is an actor of the text too; its
    /// mention is recorded on the state without competing with the person's mention for the same tokens.
    /// </summary>
    private static void NoteTitleState(Context ctx, CountryEntry? country, int first, int end)
    {
        if (country is null || end <= first)
        {
            return;
        }

        var span = new TextSpan(ctx.Doc.Tokens.Starts[first], ctx.Doc.Tokens.Ends[end - 1]);
        var state = ctx.State(country);
        if (!state.Mentions.Contains(span))
        {
            state.Mentions.Add(span);
        }
    }

    private int ExtendName(List<string> forms, int k, int end)
    {
        var start = k;
        while (k < end && k - start < 4)
        {
            var f = forms[k];
            if (Words.IsCapitalised(f) && f.All(c => char.IsLetter(c) || c == '.' || c == '\'') && !_titles.TryMatch(forms, k, end, out _, out _) && !(k > start && _states.Index.TryMatch(forms, k, end, out _, out _)))
            {
                k++;
                continue;
            }

            if (k > start && NameParticles.Contains(f) && k + 1 < end && char.IsLetter(forms[k + 1][0]))
            {
                k++;
                continue;
            }

            break;
        }

        while (k > start && NameParticles.Contains(forms[k - 1]))
        {
            k--;
        }

        return k;
    }

    private static string Cap(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    private static string RoleText(string role, string? affiliation, bool former) =>
        (former ? "Former " + role : Cap(role)) + (affiliation is null ? "" : " of " + affiliation);

    /// <summary>Per-document state of the resolver.</summary>
    private sealed class Context(Document doc, string[] lower, DateOnly published)
    {
        public Document Doc { get; } = doc;

        public string[] Lower { get; } = lower;

        public DateOnly Published { get; } = published;

        public Dictionary<string, Actor> Actors { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Actor> PersonsBySurname { get; } = new(StringComparer.Ordinal);

        /// <summary>Accepted recogniser organisations: first token → end token.</summary>
        public Dictionary<int, int> NerOrgs { get; } = [];

        public Dictionary<int, bool> ProseCache { get; } = [];

        public Actor Get(string key, string name, ActorKind kind, string? affiliation)
        {
            if (!Actors.TryGetValue(key, out var a))
            {
                a = new Actor { Id = $"a{Actors.Count + 1}", Name = name, Kind = kind, Affiliation = affiliation };
                Actors[key] = a;
                Doc.Actors.Add(a);
            }

            return a;
        }

        public Actor State(CountryEntry c) => Get("state:" + c.Name, c.Name, ActorKind.State, null);

        public Actor Person(string name, OfficialEntry? official, string? affiliation, string? role)
        {
            var surname = name.Split(' ')[^1];
            if (!PersonsBySurname.TryGetValue(surname, out var a))
            {
                a = Get("person:" + name, name, ActorKind.Person, affiliation ?? official?.Country);
                PersonsBySurname[surname] = a;
                if (official is not null)
                {
                    foreach (var alias in official.Aliases)
                    {
                        PersonsBySurname.TryAdd(alias.Split(' ')[^1], a);
                    }
                }
            }

            a.Affiliation ??= affiliation ?? official?.Country;
            if (role is not null && (a.Role is null || a.Role.Length < role.Length))
            {
                a.Role = role;
            }

            if (a.Role is null && official is not null && official.InOffice(Published))
            {
                a.Role = RoleText(official.Role, official.Country, false);
            }

            return a;
        }

        public void AddMention(Actor actor, int first, int end, string form)
        {
            var span = new TextSpan(Doc.Tokens.Starts[first], Doc.Tokens.Ends[end - 1]);
            actor.Mentions.Add(span);
            Doc.ActorMentions.Add(new ActorMention(span, actor.Id, form));
        }
    }

    internal static string Invariant(double v) => v.ToString(CultureInfo.InvariantCulture);
}
