using System.Globalization;
using Sitrep.Core;

namespace Sitrep.Extraction;

/// <summary>A state actor known to the lexicon.</summary>
public sealed record CountryEntry(string Name, string Code, IReadOnlyList<string> Aliases, IReadOnlyList<string> Demonyms, string? Capital, IReadOnlyList<string> Metonyms);

/// <summary>An organisation or armed group known to the lexicon.</summary>
public sealed record OrganisationEntry(string Name, ActorKind Kind, IReadOnlyList<string> Aliases, string? Affiliation);

/// <summary>A region or bloc that acts as a group actor: its names and adjectives.</summary>
public sealed record RegionEntry(string Name, IReadOnlyList<string> Names, IReadOnlyList<string> Adjectives);

/// <summary>An office holder with the dates of the term.</summary>
public sealed record OfficialEntry(string Name, IReadOnlyList<string> Aliases, string Role, string Country, DateOnly Start, DateOnly? End)
{
    public bool InOffice(DateOnly date) => Start <= date && (End is null || date < End.Value);
}

/// <summary>A counted thing: normalised unit, factor to it, and the event mode it implies.</summary>
public sealed record UnitEntry(string Surface, string Unit, double Factor, string? Mode, int TokenCount);

/// <summary>A hedge before a number.</summary>
public sealed record HedgeEntry(string Phrase, string Bound, string Qualifier, int TokenCount)
{
    public string[] Tokens { get; } = Phrase.Split(' ');
}

/// <summary>A vague amount ("thousands") with its range.</summary>
public sealed record VagueEntry(string Phrase, double Min, double Max, int TokenCount)
{
    public string[] Tokens { get; } = Phrase.Split(' ');
}

/// <summary>A compiled event trigger pattern.</summary>
public sealed class TriggerPattern
{
    public required IReadOnlyList<PatternToken> Tokens { get; init; }

    public required string Type { get; init; }

    public required string Mode { get; init; }

    public required IReadOnlySet<string> Flags { get; init; }

    public bool Noun => Flags.Contains("noun");

    public bool Has(string flag) => Flags.Contains(flag);
}

/// <summary>One position of a trigger pattern: a set of forms, a gap, or an actor slot.</summary>
public sealed record PatternToken(IReadOnlySet<string>? Forms, bool Gap, bool AgentSlot);

/// <summary>A claim construction without a reporting verb ("according to X", "X remained silent on").</summary>
public sealed record ClaimConstruction(IReadOnlyList<string?> Tokens, string Stance, string Verb);

/// <summary>
/// All extraction knowledge, loaded once from the embedded data files under data/extraction and compiled into
/// hash lookups. Immutable and shared by the stages.
/// </summary>
public sealed class ExtractionLexicon
{
    private static readonly Lazy<ExtractionLexicon> DefaultLazy = new(() => new ExtractionLexicon());

    private ExtractionLexicon()
    {
        var asm = typeof(ExtractionLexicon).Assembly;
        IEnumerable<string[]> Rows(string file) => Lexicon.Lines(asm, file).Select(l => l.Split('\t'));
        static string Col(string[] r, int i) => i < r.Length ? r[i].Trim() : "";
        static string[] Alts(string s) => s.Length == 0 ? [] : s.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        foreach (var r in Rows("countries.tsv"))
        {
            var c = new CountryEntry(Col(r, 0), Col(r, 1), Alts(Col(r, 2)), Alts(Col(r, 3)), Col(r, 4) is { Length: > 0 } cap ? cap : null, Alts(Col(r, 5)));
            Countries.Add(c);
            CountryByName[c.Name] = c;
            CountryByCode[c.Code] = c;
        }

        foreach (var r in Rows("organisations.tsv"))
        {
            var kind = Col(r, 1) switch
            {
                "armed force" => ActorKind.ArmedForce,
                "group" => ActorKind.Group,
                _ => ActorKind.Organisation,
            };
            Organisations.Add(new OrganisationEntry(Col(r, 0), kind, Alts(Col(r, 2)), Col(r, 3) is { Length: > 0 } a ? a : null));
        }

        foreach (var r in Rows("officials.tsv"))
        {
            var start = DateOnly.ParseExact(Col(r, 4), "yyyy-MM-dd", CultureInfo.InvariantCulture);
            DateOnly? end = Col(r, 5) is { Length: > 0 } e ? DateOnly.ParseExact(e, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
            Officials.Add(new OfficialEntry(Col(r, 0), Alts(Col(r, 1)), Col(r, 2), Col(r, 3), start, end));
        }

        foreach (var r in Rows("titles.tsv"))
        {
            Titles[Col(r, 0).ToLowerInvariant()] = Col(r, 1);
            MaxTitleTokens = Math.Max(MaxTitleTokens, Col(r, 0).Split(' ').Length);
        }

        foreach (var r in Rows("group-nouns.tsv"))
        {
            GroupNouns[Col(r, 0)] = Col(r, 1);
            if (Col(r, 2) == "subject")
            {
                SubjectGroupNouns.Add(Col(r, 0));
            }
        }

        foreach (var r in Rows("regions.tsv"))
        {
            Regions.Add(new RegionEntry(Col(r, 0), Alts(Col(r, 1)), Alts(Col(r, 2))));
        }

        foreach (var l in Lexicon.Lines(asm, "body-nouns.txt"))
        {
            BodyNouns.Add(l);
        }

        foreach (var l in Lexicon.Lines(asm, "facility-words.txt"))
        {
            FacilityWords.Add(l);
        }

        foreach (var l in Lexicon.Lines(asm, "place-head-nouns.txt"))
        {
            PlaceHeadNouns.Add(l);
        }

        foreach (var l in Lexicon.Lines(asm, "member-nouns.txt"))
        {
            MemberNouns.Add(l);
        }

        foreach (var l in Lexicon.Lines(asm, "perpetration-words.txt"))
        {
            PerpetrationWords.Add(l);
        }

        foreach (var l in Lexicon.Lines(asm, "reaction-words.txt"))
        {
            ReactionWords.Add(l);
        }

        foreach (var l in Lexicon.Lines(asm, "source-nouns.txt"))
        {
            SourceNouns.Add(l);
        }

        foreach (var r in Rows("institutions.tsv"))
        {
            Institutions[Col(r, 0)] = Col(r, 1);
        }

        foreach (var r in Rows("number-words.tsv"))
        {
            NumberWords[Col(r, 0)] = (double.Parse(Col(r, 1), CultureInfo.InvariantCulture), Col(r, 2) == "scale");
        }

        foreach (var r in Rows("vague-amounts.tsv"))
        {
            var p = Col(r, 0);
            Vague.Add(new VagueEntry(p, double.Parse(Col(r, 1), CultureInfo.InvariantCulture), double.Parse(Col(r, 2), CultureInfo.InvariantCulture), p.Split(' ').Length));
        }

        foreach (var r in Rows("hedges.tsv"))
        {
            var p = Col(r, 0);
            Hedges.Add(new HedgeEntry(p, Col(r, 1), Col(r, 2), p.Split(' ').Length));
        }

        foreach (var r in Rows("units.tsv"))
        {
            var s = Col(r, 0);
            var u = new UnitEntry(s, Col(r, 1), double.Parse(Col(r, 2), CultureInfo.InvariantCulture), Col(r, 3) is { Length: > 0 } m ? m : null, s.Split(' ').Length);
            Units[s] = u;
            MaxUnitTokens = Math.Max(MaxUnitTokens, u.TokenCount);
        }

        foreach (var r in Rows("reporting-verbs.tsv"))
        {
            foreach (var f in Alts(Col(r, 0)))
            {
                ReportingVerbs[f] = Col(r, 1);
                if (Col(r, 2) == "explicit")
                {
                    ExplicitReportingVerbs.Add(f);
                }
                else if (Col(r, 2) == "object")
                {
                    ObjectReportingVerbs.Add(f);
                }
            }
        }

        foreach (var r in Rows("claim-constructions.tsv"))
        {
            var toks = Col(r, 0).Split(' ').Select(t => t == "{X}" ? null : t).ToList();
            ClaimConstructions.Add(new ClaimConstruction(toks, Col(r, 1), Col(r, 2)));
        }

        foreach (var r in Rows("claim-headings.tsv"))
        {
            ClaimHeadings.Add((Col(r, 0).Split(' ', StringSplitOptions.RemoveEmptyEntries), Col(r, 1)));
        }

        foreach (var l in Lexicon.Lines(asm, "corroborating-sources.txt"))
        {
            CorroboratingSources.Add(l);
        }

        foreach (var r in Rows("irrealis.tsv"))
        {
            var p = Col(r, 0);
            var kind = Col(r, 2) is { Length: > 0 } k ? k : "skip";
            if (kind is not ("skip" or "intent" or "threat" or "refusal" or "realis" or "possible" or "preparation" or "failed" or "purpose"))
            {
                throw new InvalidDataException($"irrealis.tsv: unknown kind '{kind}' for '{p}'");
            }

            Irrealis.Add((p.Split(' '), int.Parse(Col(r, 1), CultureInfo.InvariantCulture), kind));
        }

        foreach (var l in Lexicon.Lines(asm, "support-verbs.txt"))
        {
            foreach (var f in Alts(l).SelectMany(Inflect))
            {
                SupportVerbs.Add(f);
            }
        }

        foreach (var r in Rows("event-triggers.tsv"))
        foreach (var text in HyphenSplit(Col(r, 0)))
        {
            var toks = new List<PatternToken>();
            foreach (var t in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                toks.Add(t switch
                {
                    "*" => new PatternToken(null, true, false),
                    "{A}" => new PatternToken(null, false, true),
                    _ => new PatternToken(new HashSet<string>(Alts(t).SelectMany(Inflect), StringComparer.Ordinal), false, false),
                });
            }

            var flags = new HashSet<string>(Alts(Col(r, 3).Replace(',', '|')), StringComparer.Ordinal);
            var pattern = new TriggerPattern { Tokens = toks, Type = Col(r, 1), Mode = Col(r, 2), Flags = flags };
            foreach (var f in toks[0].Forms!)
            {
                if (!TriggersByFirst.TryGetValue(f, out var list))
                {
                    TriggersByFirst[f] = list = [];
                }

                list.Add(pattern);
            }
        }

        foreach (var r in Rows("acled-map.tsv"))
        {
            Acled[(Col(r, 0), Col(r, 1))] = (Col(r, 2), Col(r, 3));
        }

        foreach (var r in Rows("time-words.tsv"))
        {
            var v = int.Parse(Col(r, 2), CultureInfo.InvariantCulture);
            foreach (var w in Alts(Col(r, 1)))
            {
                (Col(r, 0) switch { "month" => Months, "weekday" => Weekdays, _ => Seasons })[w] = v;
            }
        }

        Vague.Sort((a, b) => b.TokenCount.CompareTo(a.TokenCount));
        AmountFirstWords.UnionWith(Vague.Select(v => v.Tokens[0]));
        AmountFirstWords.UnionWith(Hedges.Select(v => v.Tokens[0]));
        AmountFirstWords.UnionWith(NumberWords.Keys);
        AmountFirstWords.Add("a");
        Hedges.Sort((a, b) => b.TokenCount.CompareTo(a.TokenCount));
    }

    public static ExtractionLexicon Default => DefaultLazy.Value;

    public List<CountryEntry> Countries { get; } = [];

    public Dictionary<string, CountryEntry> CountryByName { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, CountryEntry> CountryByCode { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<OrganisationEntry> Organisations { get; } = [];

    public List<OfficialEntry> Officials { get; } = [];

    public Dictionary<string, string> Titles { get; } = new(StringComparer.Ordinal);

    public int MaxTitleTokens { get; private set; }

    public Dictionary<string, string> GroupNouns { get; } = new(StringComparer.Ordinal);

    /// <summary>Plural group nouns that name a group actor on their own as a clause's subject ("Experts believe").</summary>
    public HashSet<string> SubjectGroupNouns { get; } = new(StringComparer.Ordinal);

    /// <summary>Nouns that describe an organisation or its output ("the global lending body", "the statement"): as a speaker they stand for the organisation quoted just before.</summary>
    public HashSet<string> BodyNouns { get; } = new(StringComparer.Ordinal);

    /// <summary>Head words of facilities ("plant", "airport"): names ending in one are no organisations.</summary>
    public HashSet<string> FacilityWords { get; } = new(StringComparer.Ordinal);

    /// <summary>Nouns of places a name stands before ("the X settlement", "the Y camp"): the name is a place.</summary>
    public HashSet<string> PlaceHeadNouns { get; } = new(StringComparer.Ordinal);

    /// <summary>Nouns for the members of a named group ("gunmen", "militants"): data/extraction/member-nouns.txt.</summary>
    public HashSet<string> MemberNouns { get; } = new(StringComparer.Ordinal);

    /// <summary>Words that make a clause's actor the doer of an act it refers to ("responsibility", "carried"): data/extraction/perpetration-words.txt.</summary>
    public HashSet<string> PerpetrationWords { get; } = new(StringComparer.Ordinal);

    /// <summary>Words of a reaction to an act ("responded", "condemned", "anger"): data/extraction/reaction-words.txt.</summary>
    public HashSet<string> ReactionWords { get; } = new(StringComparer.Ordinal);

    /// <summary>Words for a person who speaks without a name ("a source close to the case").</summary>
    public HashSet<string> SourceNouns { get; } = new(StringComparer.Ordinal);

    /// <summary>Regions and blocs that act as group actors ("European leaders", "the West").</summary>
    public List<RegionEntry> Regions { get; } = [];

    /// <summary>State institutions as written (lower case) → canonical name without the state ("defence ministry" → "Ministry of Defence").</summary>
    public Dictionary<string, string> Institutions { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, (double Value, bool Scale)> NumberWords { get; } = new(StringComparer.Ordinal);

    public List<VagueEntry> Vague { get; } = [];

    public List<HedgeEntry> Hedges { get; } = [];

    /// <summary>Words that can start a quantity phrase (besides digits).</summary>
    public HashSet<string> AmountFirstWords { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, UnitEntry> Units { get; } = new(StringComparer.Ordinal);

    public int MaxUnitTokens { get; private set; }

    public Dictionary<string, string> ReportingVerbs { get; } = new(StringComparer.Ordinal);

    public List<ClaimConstruction> ClaimConstructions { get; } = [];

    /// <summary>Headings that name the source of the section under them ("Key Takeaways from", "Foreword by"), as lower-case words, with the stance.</summary>
    public List<(string[] Words, string Stance)> ClaimHeadings { get; } = [];

    /// <summary>Reporting verbs that report only with an explicit complement ("declared that …", not "declared independence").</summary>
    public HashSet<string> ExplicitReportingVerbs { get; } = new(StringComparer.Ordinal);

    /// <summary>Reporting verbs that also report a noun object naming an act ("denied responsibility for the attack").</summary>
    public HashSet<string> ObjectReportingVerbs { get; } = new(StringComparer.Ordinal);

    public HashSet<string> CorroboratingSources { get; } = new(StringComparer.Ordinal);

    /// <summary>Words before a trigger that change its reality: kind skip (unrealised), intent, threat, refusal, realis, possible.</summary>
    public List<(string[] Words, int Window, string Kind)> Irrealis { get; } = [];

    /// <summary>Light verbs whose object noun carries the event ("launched an investigation", "staged a protest"): the verb's subject is the noun's agent.</summary>
    public HashSet<string> SupportVerbs { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The tokenizer makes a hyphen a token of its own, so a written form "cease-fire" of a pattern stands for the
    /// tokens "cease - fire": the pattern is split into one pattern for its plain forms and one for each hyphenated form.
    /// </summary>
    internal static IEnumerable<string> HyphenSplit(string pattern)
    {
        var parts = pattern.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            var alts = parts[i].Split('|');
            var hyphenated = alts.Where(a => a.IndexOf('-', 1) is > 0 and var j && j < a.Length - 1 && char.IsLetter(a[j - 1]) && char.IsLetter(a[j + 1])).ToList();
            if (hyphenated.Count == 0)
            {
                continue;
            }

            var plain = alts.Except(hyphenated).ToList();
            var variants = new List<string>();
            if (plain.Count > 0)
            {
                variants.Add(string.Join('|', plain));
            }

            variants.AddRange(hyphenated.Select(h => h.Replace("-", " - ", StringComparison.Ordinal)));
            foreach (var v in variants)
            {
                parts[i] = v;
                foreach (var rest in HyphenSplit(string.Join(' ', parts)))
                {
                    yield return rest;
                }
            }

            yield break;
        }

        yield return pattern;
    }

    /// <summary>
    /// A pattern form "kill+" stands for the regular inflections of a verb (kill, kills, killed, killing); other forms stand
    /// for themselves. Irregular forms are written out in the data.
    /// </summary>
    public static IEnumerable<string> Inflect(string form)
    {
        if (!form.EndsWith('+'))
        {
            yield return form;
            yield break;
        }

        var w = form[..^1];
        yield return w;
        static bool Vowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';
        var consonantY = w.Length > 1 && w[^1] == 'y' && !Vowel(w[^2]);
        yield return consonantY ? w[..^1] + "ies" : w.EndsWith('s') || w.EndsWith('x') || w.EndsWith('z') || w.EndsWith("ch", StringComparison.Ordinal) || w.EndsWith("sh", StringComparison.Ordinal) ? w + "es" : w + "s";
        if (consonantY)
        {
            yield return w[..^1] + "ied";
            yield return w + "ing";
            yield break;
        }

        if (w.EndsWith("ie", StringComparison.Ordinal))
        {
            yield return w + "d";
            yield return w[..^2] + "ying";
            yield break;
        }

        if (w.EndsWith('e'))
        {
            yield return w + "d";
            yield return w.EndsWith("ee", StringComparison.Ordinal) ? w + "ing" : w[..^1] + "ing";
            yield break;
        }

        yield return w + "ed";
        yield return w + "ing";
        // consonant-vowel-consonant endings may double the consonant (ban → banned); both spellings are accepted
        if (w.Length >= 3 && !Vowel(w[^1]) && w[^1] is not ('w' or 'x' or 'y') && Vowel(w[^2]) && !Vowel(w[^3]))
        {
            yield return w + w[^1] + "ed";
            yield return w + w[^1] + "ing";
        }
    }

    public Dictionary<string, List<TriggerPattern>> TriggersByFirst { get; } = new(StringComparer.Ordinal);

    public Dictionary<(string Type, string Mode), (string EventType, string SubType)> Acled { get; } = [];

    public Dictionary<string, int> Months { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, int> Weekdays { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, int> Seasons { get; } = new(StringComparer.Ordinal);

    /// <summary>The unit a written unit maps to, e.g. "soldiers" → personnel; null when unknown.</summary>
    public UnitEntry? Unit(string surface) => Units.GetValueOrDefault(surface.ToLowerInvariant());

    /// <summary>The ACLED type and sub-type for a PLOVER type and mode.</summary>
    public (string EventType, string SubType)? AcledFor(string type, string? mode)
    {
        if (mode is not null && Acled.TryGetValue((type, mode), out var exact))
        {
            return exact;
        }

        return Acled.TryGetValue((type, "*"), out var any) ? any : null;
    }

    /// <summary>The officials holding <paramref name="role"/> of <paramref name="country"/> on <paramref name="date"/>.</summary>
    public OfficialEntry? Holder(string role, string country, DateOnly date) =>
        Officials.FirstOrDefault(o => o.InOffice(date) && string.Equals(o.Role, role, StringComparison.OrdinalIgnoreCase) && string.Equals(o.Country, country, StringComparison.OrdinalIgnoreCase));
}
