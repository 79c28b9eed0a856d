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

    private static readonly HashSet<string> NameParticles = new(StringComparer.Ordinal) { "al", "bin", "de", "von", "der", "van", "da", "la", "el", "-" };

    private readonly ExtractionLexicon _lex;
    private readonly StateNames _states;
    private readonly PhraseIndex<OfficialEntry> _officials = new(ignoreCase: false);
    private readonly Dictionary<string, List<OfficialEntry>> _surnames = new(StringComparer.Ordinal);
    private readonly PhraseIndex<OrganisationEntry> _orgs = new(ignoreCase: false);
    private readonly PhraseIndex<string> _titles = new(ignoreCase: true);
    private readonly PhraseIndex<string> _groupNouns = new(ignoreCase: true);

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
            foreach (var a in o.Aliases)
            {
                _orgs.Add(a, o);
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
                    if (t < e)
                    {
                        nerPersons[t] = e;
                    }
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
    }

    private int Match(Context ctx, int i, int end, int sentenceStart, Dictionary<int, int> nerPersons)
    {
        var doc = ctx.Doc;
        var forms = doc.Tokens.Forms;
        var lower = ctx.Lower;

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

        // NER person mentions (after the surname rules: a bare surname of a known person is that person)
        if (nerPersons.TryGetValue(i, out var nerEnd) && nerEnd <= end)
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
            ctx.AddMention(actor, s, i + orgLen, "name");
            return i + orgLen;
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

            var locative = start > sentenceStart && LocativePrepositions.Contains(lower[start - 1]) && !possessive;
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

        return i;
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
        if (k < end && _states.Index.TryMatch(forms, k, end, out var slen, out var st) && st.Form is StateForm.Demonym or StateForm.Name)
        {
            country = st.Country;
            k += slen;
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

        if (k >= end || !_titles.TryMatch(forms, k, end, out var tlen, out var role))
        {
            return i;
        }

        var titleStart = k;
        k += tlen;

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

            affiliation ??= off?.Country;
            var roleText = RoleText(role, affiliation, former);
            var person = ctx.Person(name, off, affiliation, roleText);
            ctx.AddMention(person, hasThe ? i + 1 : i, nameEnd, "title+name");
            return nameEnd;
        }

        // "the French president": whoever holds the role here, or at the date
        if (nameEnd == nameStart && (hasThe || country is not null && forms[titleStart - 1] == "'s") && affiliation is not null && !former)
        {
            var holder = ctx.Actors.Values.FirstOrDefault(a => a.Kind == ActorKind.Person && a.Affiliation == affiliation && a.Role is not null && a.Role.StartsWith(Cap(role) + " of", StringComparison.Ordinal));
            if (holder is null && _lex.Holder(role, affiliation, ctx.Published) is { } h)
            {
                holder = ctx.Person(h.Name, h, affiliation, RoleText(role, affiliation, false));
            }

            if (holder is not null)
            {
                ctx.AddMention(holder, i, k, "title");
                return k;
            }
        }

        return i;
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
