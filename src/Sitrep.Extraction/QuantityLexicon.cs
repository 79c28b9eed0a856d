using System.Globalization;
using Sitrep.Core;

namespace Sitrep.Extraction;

/// <summary>A unit or measure the quantity recognizer knows: its class, factor to it, the event mode it implies, and the measure it is.</summary>
public sealed record QuantityUnit(string Surface, string Unit, double Factor, string? Mode, string? Measure, int TokenCount);

/// <summary>A hedge with the bound it sets (max, min or approx) and its qualifier in normal form.</summary>
public sealed record QuantityHedge(string[] Tokens, string Bound, string Qualifier);

/// <summary>A vague amount ("thousands", "several dozen") with its range, and its unit when the phrase carries one ("decades").</summary>
public sealed record VagueAmount(string[] Tokens, double Min, double Max, string? Unit);

/// <summary>How a currency is written and where it stands: before the number, after it, both, or after it with a scale word.</summary>
public sealed record CurrencyForm(string[] Tokens, string Code, string Position);

/// <summary>A clause cue that gives a number its unit ("12 were killed", "spending billions").</summary>
public sealed record QuantityCue(string[] Tokens, bool Before, string Unit, bool AppliesToNouns);

/// <summary>A rate phrase ("a month", "per day", "every minute") and the period it names.</summary>
public sealed record RatePhrase(string[] Tokens, string Per);

/// <summary>
/// The knowledge the quantity recognizer reads, from the embedded files under data/extraction: units.tsv and
/// measures.tsv (classes, conversions, measures), number-words.tsv, hedges.tsv, hedges-after.tsv, vague-amounts.tsv,
/// currencies.tsv, fractions.tsv, designators.tsv, quantity-cues.tsv, rates.tsv and plurals.tsv. Immutable, shared.
/// </summary>
public sealed class QuantityLexicon
{
    private static readonly Lazy<QuantityLexicon> DefaultLazy = new(() => new QuantityLexicon());

    private readonly Dictionary<string, string> _plural = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _singular = new(StringComparer.Ordinal);

    private QuantityLexicon()
    {
        var asm = typeof(QuantityLexicon).Assembly;
        IEnumerable<string[]> Rows(string file) => Lexicon.Lines(asm, file).Select(l => l.Split('\t'));
        static string Col(string[] r, int i) => i < r.Length ? r[i].Trim() : "";
        static double Num(string s) => double.Parse(s, CultureInfo.InvariantCulture);

        foreach (var file in new[] { "units.tsv", "measures.tsv" })
        {
            foreach (var r in Rows(file))
            {
                var surface = Key(Col(r, 0));
                var u = new QuantityUnit(surface, Col(r, 1), Num(Col(r, 2)), Col(r, 3) is { Length: > 0 } m ? m : null, Col(r, 4) is { Length: > 0 } k ? k : null, surface.Split(' ').Length);
                Units.TryAdd(surface, u);
                MaxUnitTokens = Math.Max(MaxUnitTokens, u.TokenCount);
            }
        }

        foreach (var r in Rows("number-words.tsv"))
        {
            var scale = Col(r, 2) == "scale";
            (scale ? Scales : NumberWords)[Col(r, 0)] = decimal.Parse(Col(r, 1), CultureInfo.InvariantCulture);
        }

        foreach (var r in Rows("hedges.tsv"))
        {
            Hedges.Add(new QuantityHedge(Col(r, 0).Split(' '), Col(r, 1), Col(r, 2)));
        }

        foreach (var r in Rows("hedges-after.tsv"))
        {
            HedgesAfter.Add(new QuantityHedge(Col(r, 0).Split(' '), Col(r, 1), Col(r, 2)));
        }

        foreach (var r in Rows("vague-amounts.tsv"))
        {
            Vague.Add(new VagueAmount(Col(r, 0).Split(' '), Num(Col(r, 1)), Num(Col(r, 2)), Col(r, 3) is { Length: > 0 } u ? u : null));
        }

        foreach (var r in Rows("currencies.tsv"))
        {
            var position = Col(r, 2);
            if (position is not ("before" or "after" or "both" or "after-scaled"))
            {
                throw new InvalidDataException($"currencies.tsv: unknown position '{position}' for '{Col(r, 0)}' (before, after, both or after-scaled)");
            }

            Currencies.Add(new CurrencyForm(Col(r, 0).Split(' '), Col(r, 1), position));
        }

        foreach (var r in Rows("fractions.tsv"))
        {
            Fractions[Col(r, 0)] = int.Parse(Col(r, 1), CultureInfo.InvariantCulture);
        }

        foreach (var r in Rows("designators.tsv"))
        {
            (Col(r, 0) switch { "before" => DesignatorsBefore, "age" => AgeWords, _ => DesignatorUnits }).Add(Col(r, 1));
        }

        foreach (var r in Rows("quantity-cues.tsv"))
        {
            Cues.Add(new QuantityCue(Col(r, 0).Split(' '), Col(r, 1) == "before", Col(r, 2), Col(r, 3) == "any"));
        }

        foreach (var r in Rows("rates.tsv"))
        {
            Rates.Add(new RatePhrase(Col(r, 0).Split(' '), Col(r, 1)));
        }

        foreach (var r in Rows("plurals.tsv"))
        {
            _plural[Col(r, 0)] = Col(r, 1);
            _singular[Col(r, 1)] = Col(r, 0);
        }

        // longest phrases first: "hundreds of thousands" before "hundreds", "just more than" before "more than"
        Hedges.Sort((a, b) => b.Tokens.Length.CompareTo(a.Tokens.Length));
        HedgesAfter.Sort((a, b) => b.Tokens.Length.CompareTo(a.Tokens.Length));
        Vague.Sort((a, b) => b.Tokens.Length.CompareTo(a.Tokens.Length));
        Currencies.Sort((a, b) => b.Tokens.Length.CompareTo(a.Tokens.Length));
        Cues.Sort((a, b) => b.Tokens.Length.CompareTo(a.Tokens.Length));
        Rates.Sort((a, b) => b.Tokens.Length.CompareTo(a.Tokens.Length));
        foreach (var h in Hedges)
        {
            Add(HedgesByFirst, h.Tokens[0], h);
        }

        foreach (var u in Units.Values.Where(u => u.Measure is null))
        {
            UnitClasses.Add(u.Unit);
        }

        foreach (var key in Units.Keys)
        {
            var parts = key.Split(' ');
            UnitFirstWords.Add(parts[0]);
            UnitLastWords.Add(parts[^1]);
        }

        foreach (var cue in Cues)
        {
            Add(cue.Before ? CuesBeforeByLast : CuesAfterByFirst, cue.Before ? cue.Tokens[^1] : cue.Tokens[0], cue);
        }

        foreach (var rate in Rates)
        {
            Add(RatesByFirst, rate.Tokens[0], rate);
        }

        foreach (var v in Vague)
        {
            Add(VagueByFirst, v.Tokens[0], v);
        }

        foreach (var cf in Currencies)
        {
            Add(CurrenciesByFirst, cf.Tokens[0], cf);
        }

        foreach (var w in Vague.Select(v => v.Tokens[0]).Concat(Hedges.Select(h => h.Tokens[0])).Concat(NumberWords.Keys)
            .Concat(Currencies.Select(c => c.Tokens[0])).Concat(Fractions.Keys))
        {
            FirstWords.Add(w);
        }

        FirstWords.Add("a");
        FirstWords.Add("between");
    }

    public static QuantityLexicon Default => DefaultLazy.Value;

    /// <summary>The count classes that units.tsv and measures.tsv name (personnel, drones, killed …), measures excluded.</summary>
    public HashSet<string> UnitClasses { get; } = new(StringComparer.Ordinal);

    /// <summary>The first and last words of the units' surfaces (a cheap test before joining tokens).</summary>
    public HashSet<string> UnitFirstWords { get; } = new(StringComparer.Ordinal);

    public HashSet<string> UnitLastWords { get; } = new(StringComparer.Ordinal);

    /// <summary>Cues after the number by their first word; cues before it by their last word; rates by their first word.</summary>
    public Dictionary<string, List<QuantityCue>> CuesAfterByFirst { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, List<QuantityCue>> CuesBeforeByLast { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, List<RatePhrase>> RatesByFirst { get; } = new(StringComparer.Ordinal);

    /// <summary>Hedges by their first word, longest first.</summary>
    public Dictionary<string, List<QuantityHedge>> HedgesByFirst { get; } = new(StringComparer.Ordinal);

    /// <summary>Vague amounts by their first word, longest first.</summary>
    public Dictionary<string, List<VagueAmount>> VagueByFirst { get; } = new(StringComparer.Ordinal);

    /// <summary>Currency forms by their first token, longest first.</summary>
    public Dictionary<string, List<CurrencyForm>> CurrenciesByFirst { get; } = new(StringComparer.Ordinal);

    private static void Add<T>(Dictionary<string, List<T>> index, string key, T value)
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        list.Add(value);
    }

    /// <summary>Units by surface (lower case, hyphens as spaces).</summary>
    public Dictionary<string, QuantityUnit> Units { get; } = new(StringComparer.Ordinal);

    public int MaxUnitTokens { get; private set; }

    public Dictionary<string, decimal> NumberWords { get; } = new(StringComparer.Ordinal);

    /// <summary>Scale words: hundred, thousand, million, bn, dozen …</summary>
    public Dictionary<string, decimal> Scales { get; } = new(StringComparer.Ordinal);

    public List<QuantityHedge> Hedges { get; } = [];

    public List<QuantityHedge> HedgesAfter { get; } = [];

    public List<VagueAmount> Vague { get; } = [];

    public List<CurrencyForm> Currencies { get; } = [];

    /// <summary>Fraction words and their denominators: third → 3.</summary>
    public Dictionary<string, int> Fractions { get; } = new(StringComparer.Ordinal);

    /// <summary>Words that make a following number part of a name ("Project", "Resolution").</summary>
    public HashSet<string> DesignatorsBefore { get; } = new(StringComparer.Ordinal);

    /// <summary>Words after a number that make it an age ("y.o.", "yrs").</summary>
    public HashSet<string> AgeWords { get; } = new(StringComparer.Ordinal);

    /// <summary>Units that rate or size a thing rather than count it ("kV", "mm").</summary>
    public HashSet<string> DesignatorUnits { get; } = new(StringComparer.Ordinal);

    public List<QuantityCue> Cues { get; } = [];

    public List<RatePhrase> Rates { get; } = [];

    /// <summary>Words (besides digits) that can start a quantity phrase.</summary>
    public HashSet<string> FirstWords { get; } = new(StringComparer.Ordinal);

    /// <summary>A unit's lookup key: lower case, hyphens and runs of spaces as single spaces.</summary>
    public static string Key(string surface) =>
        string.Join(' ', surface.ToLowerInvariant().Replace('-', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The known unit for a written unit ("soldiers" → personnel, "square mile" → km2), trying its plural too.</summary>
    public QuantityUnit? Unit(string surface)
    {
        // most calls pass one lower-case word: look it up as it is, without building a key
        var key = IsKey(surface) ? surface : Key(surface);
        if (Units.TryGetValue(key, out var u))
        {
            return u;
        }

        var space = key.LastIndexOf(' ');
        return Units.GetValueOrDefault(space < 0 ? Plural(key) : key[..(space + 1)] + Plural(key[(space + 1)..]));
    }

    private static bool IsKey(string s)
    {
        if (s.Length == 0 || s[0] == ' ' || s[^1] == ' ')
        {
            return false;
        }

        for (var i = 0; i < s.Length; i++)
        {
            var ch = s[i];
            if (char.IsUpper(ch) || ch == '-' || (ch == ' ' && s[i - 1] == ' '))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The plural of a lower-case noun: irregular forms from plurals.tsv, else English spelling rules.</summary>
    public string Plural(string noun)
    {
        if (_plural.TryGetValue(noun, out var p) || _singular.ContainsKey(noun))
        {
            return p ?? noun;
        }

        if (noun.Length < 2)
        {
            return noun;
        }

        if (noun.EndsWith('y') && !"aeiou".Contains(noun[^2], StringComparison.Ordinal))
        {
            return noun[..^1] + "ies";
        }

        if (noun.EndsWith('s') || noun.EndsWith('x') || noun.EndsWith('z') || noun.EndsWith("ch", StringComparison.Ordinal) || noun.EndsWith("sh", StringComparison.Ordinal))
        {
            return noun + "es";
        }

        return noun + "s";
    }

    /// <summary>The singular (lemma) of a lower-case noun: irregular forms from plurals.tsv, else English spelling rules.</summary>
    public string Singular(string noun)
    {
        if (_singular.TryGetValue(noun, out var s))
        {
            return s;
        }

        if (_plural.ContainsKey(noun) || noun.Length < 3 || noun.EndsWith("ss", StringComparison.Ordinal) || noun.EndsWith("us", StringComparison.Ordinal) || noun.EndsWith("is", StringComparison.Ordinal))
        {
            return noun;
        }

        if (noun.EndsWith("ies", StringComparison.Ordinal) && noun.Length > 4)
        {
            return noun[..^3] + "y";
        }

        if (noun.EndsWith("ches", StringComparison.Ordinal) || noun.EndsWith("shes", StringComparison.Ordinal) || noun.EndsWith("xes", StringComparison.Ordinal)
            || noun.EndsWith("sses", StringComparison.Ordinal) || noun.EndsWith("zes", StringComparison.Ordinal))
        {
            return noun[..^2];
        }

        return noun.EndsWith('s') ? noun[..^1] : noun;
    }
}
