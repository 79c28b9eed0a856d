using Sitrep.Core;

namespace Sitrep.Web.Api;

/// <summary>
/// The closed sets that API filters take (event types, stances, units, contradiction kinds), read from the data
/// files, so that an unknown value is answered 400 with the allowed values instead of 200 with nothing.
/// </summary>
public static class ApiVocabulary
{
    private static readonly Lazy<string[]> TypesLazy = new(() => [.. Lexicon.Lines(typeof(ApiVocabulary).Assembly, "event-types.txt")]);

    private static readonly Lazy<string[]> StancesLazy = new(() => [.. Lexicon.Lines(typeof(ApiVocabulary).Assembly, "stances.txt")]);

    // The normalised unit is the second column of the units lexicon.
    private static readonly Lazy<string[]> UnitsLazy = new(() =>
        [.. Lexicon.Lines(typeof(ApiVocabulary).Assembly, "units.tsv").Select(l => l.Split('\t')).Where(c => c.Length > 1 && c[1].Length > 0).Select(c => c[1].Trim()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);

    public static IReadOnlyList<string> EventTypes => TypesLazy.Value;

    public static IReadOnlyList<string> Stances => StancesLazy.Value;

    public static IReadOnlyList<string> Units => UnitsLazy.Value;

    public static IReadOnlyList<string> ContradictionKinds { get; } = ["estimates", "denial"];

    /// <summary>The value as the set spells it, or a <see cref="BadQueryException"/> listing the allowed values.</summary>
    public static string Check(string parameter, string value, IReadOnlyList<string> allowed)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(allowed);
        foreach (var a in allowed)
        {
            if (string.Equals(a, value.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return a;
            }
        }

        throw new BadQueryException(parameter, $"'{parameter}' has no value '{value}'; allowed values: {string.Join(", ", allowed)}");
    }
}
