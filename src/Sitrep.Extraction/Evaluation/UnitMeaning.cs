using Sitrep.Core;

namespace Sitrep.Extraction.Evaluation;

/// <summary>
/// What a gold quantity's unit means, to match a system quantity "when its unit means the same" (seed README:
/// troops ~ soldiers ~ forces; drones ~ UAVs). Gold units are free text written by annotators ("humanitarian workers
/// killed", "tons of diesel fuel", "attacks (occasions)", "drones per year", "USD"); they are read the same way the
/// recognizer reads a counted noun phrase:
/// <list type="bullet">
/// <item>a casualty word (killed, dead, injured, wounded, displaced, missing) makes the unit that casualty class,
/// whoever the casualties were, and then only a system casualty count of that class matches;</item>
/// <item>an ISO 4217 code is money in that currency; "money" is money whose currency the text does not give;</item>
/// <item>"X per Y" is a rate: the system quantity must be a rate per Y, and a gold count without "per" matches no rate;</item>
/// <item>otherwise the head of the first noun phrase ("tons" of "tons of diesel fuel", "colonels" of "colonels and
/// other officers"), by lemma, and its class in units.tsv/measures.tsv (soldiers → personnel, square miles → km²
/// with the conversion factor applied to the gold bounds); a parenthesis gives the written noun as an alternative
/// ("attacks (occasions)").</item>
/// </list>
/// A system quantity offers its unit, its currency, and its counted noun (the noun of "six generals killed").
/// Bounds are compared exactly as before; only the unit comparison is by meaning.
/// </summary>
public sealed class UnitMeaning
{
    private static readonly string[] Casualty = ["killed", "dead", "injured", "wounded", "displaced", "missing"];

    private static readonly string[] ChunkEnds = [" of ", " and ", " & ", " while ", " in ", " for ", " to ", ", "];

    private UnitMeaning(HashSet<string> keys, string? per, double factor, bool casualty)
    {
        Keys = keys;
        Per = per;
        Factor = factor;
        IsCasualty = casualty;
    }

    /// <summary>Normalised unit names and lemmas that mean this unit.</summary>
    public IReadOnlySet<string> Keys { get; }

    /// <summary>The rate's period (lemma), or null for a count or amount.</summary>
    public string? Per { get; }

    /// <summary>The factor from the written unit to the normalised one (square miles → km²: 2.59).</summary>
    public double Factor { get; }

    public bool IsCasualty { get; }

    /// <summary>The meaning of a gold file's unit text.</summary>
    public static UnitMeaning OfGold(string unit)
    {
        var lex = QuantityLexicon.Default;
        var s = unit.Trim().ToLowerInvariant();
        string? alt = null;
        var open = s.IndexOf('(', StringComparison.Ordinal);
        if (open >= 0)
        {
            var close = s.IndexOf(')', open);
            alt = close > open ? s[(open + 1)..close] : s[(open + 1)..];
            s = (s[..open] + (close > open ? s[(close + 1)..] : "")).Trim();
        }

        string? per = null;
        var perAt = s.IndexOf(" per ", StringComparison.Ordinal);
        if (perAt >= 0)
        {
            per = lex.Singular(s[(perAt + 5)..].Trim().Split(' ')[0]);
            s = s[..perAt].Trim();
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        var words = s.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        foreach (var w in words)
        {
            var c = Array.IndexOf(Casualty, w);
            if (c >= 0)
            {
                keys.Add(c < 2 ? "killed" : c < 4 ? "wounded" : Casualty[c]);
            }
        }

        if (keys.Count > 0)
        {
            return new UnitMeaning(keys, per, 1, true);
        }

        if (words is [var code] && code.Length == 3 && lex.Currencies.Any(c => string.Equals(c.Code, code, StringComparison.OrdinalIgnoreCase)))
        {
            return new UnitMeaning([code], per, 1, false);
        }

        if (words.Length > 0 && words[0] == "money")
        {
            return new UnitMeaning(["money"], per, 1, false);
        }

        var factor = 1.0;
        AddHead(s, keys, ref factor);
        if (alt is not null)
        {
            var ignored = 1.0;
            AddHead(alt, keys, ref ignored);
        }

        return new UnitMeaning(keys, per, factor, false);
    }

    private static void AddHead(string phrase, HashSet<string> keys, ref double factor)
    {
        var lex = QuantityLexicon.Default;
        var chunk = phrase;
        foreach (var end in ChunkEnds)
        {
            var at = chunk.IndexOf(end, StringComparison.Ordinal);
            if (at > 0)
            {
                chunk = chunk[..at];
            }
        }

        chunk = chunk.Trim();
        if (chunk.Length == 0)
        {
            return;
        }

        if (lex.Unit(chunk) is { } u)
        {
            keys.Add(u.Unit);
            factor = u.Factor;
        }

        var head = chunk.Split(' ')[^1];
        if (lex.Unit(head) is { } hu)
        {
            keys.Add(hu.Unit);
            if (lex.Unit(chunk) is null)
            {
                factor = hu.Factor;
            }
        }

        keys.Add(lex.Singular(head));
    }

    /// <summary>What a system quantity offers to be matched by: its unit, currency and counted noun, as names and lemmas.</summary>
    public static HashSet<string> OfSystem(Quantity q)
    {
        var lex = QuantityLexicon.Default;
        var keys = new HashSet<string>(StringComparer.Ordinal);
        void Add(string? w)
        {
            if (string.IsNullOrWhiteSpace(w))
            {
                return;
            }

            var lw = w.Trim().ToLowerInvariant();
            keys.Add(lw);
            keys.Add(lex.Singular(lw.Split(' ')[^1]));
            if (lex.Unit(lw) is { } u)
            {
                keys.Add(u.Unit);
            }
        }

        Add(q.Unit);
        Add(q.Currency);
        Add(q.Noun);
        return keys;
    }

    /// <summary>Whether the system quantity's unit means this gold unit.</summary>
    public bool Matches(Quantity q)
    {
        var lex = QuantityLexicon.Default;
        var sysPer = q.Per is null ? null : lex.Singular(q.Per.ToLowerInvariant());
        if (!string.Equals(Per, sysPer, StringComparison.Ordinal))
        {
            return false;
        }

        if (IsCasualty)
        {
            return Keys.Contains(q.Unit.ToLowerInvariant());
        }

        return Keys.Overlaps(OfSystem(q));
    }
}
