using Sitrep.Core;

namespace Sitrep.Text;

/// <summary>The abbreviation lexicon (data/lexicons/abbreviations.txt): forms that keep their final period.</summary>
public sealed class Abbreviations
{
    private static readonly Lazy<Abbreviations> DefaultLazy = new(() => Load(Lexicon.Lines(typeof(Abbreviations).Assembly, "abbreviations.txt")));

    private readonly HashSet<string> _all;
    private readonly HashSet<string> _titles;

    private Abbreviations(HashSet<string> all, HashSet<string> titles)
    {
        _all = all;
        _titles = titles;
    }

    public static Abbreviations Default => DefaultLazy.Value;

    public static Abbreviations Load(IEnumerable<string> lines)
    {
        var all = new HashSet<string>(StringComparer.Ordinal);
        var titles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            all.Add(parts[0]);
            if (parts.Length > 1 && parts[1] == "title")
            {
                titles.Add(parts[0]);
            }
        }

        return new Abbreviations(all, titles);
    }

    /// <summary>Whether <paramref name="withPeriod"/> (e.g. "Gen.") is a known abbreviation, in its case or capitalised.</summary>
    public bool Contains(string withPeriod) =>
        _all.Contains(withPeriod) || (withPeriod.Length > 1 && char.IsUpper(withPeriod[0]) && _all.Contains(char.ToLowerInvariant(withPeriod[0]) + withPeriod[1..]));

    /// <summary>Titles such as "Gen." or "Mr." precede a name and never end a sentence.</summary>
    public bool IsTitle(string withPeriod) => _titles.Contains(withPeriod);
}
