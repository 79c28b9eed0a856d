using Sitrep.Core;

namespace Sitrep.Extraction;

/// <summary>
/// What is never an event's actor or target when no known actor names it: a date, month or weekday, a number or
/// quantity (a target that is a bare amount or a casualty count: "Dozens", "one, wounds six"), a pronoun left
/// unresolved, a weapon (the means of an attack), a heading cut at its dash, or a dateline in capitals ("PORT SUDAN —"),
/// a front-line sector ("the Pokrovsk direction"), a phrase whose head names no side ("attempts", "the first day of
/// negotiations": data/extraction/not-role-nouns.txt).
/// </summary>
internal static class RoleFilter
{
    private static readonly HashSet<string> Pronouns = new(StringComparer.Ordinal)
    {
        "it", "its", "they", "them", "their", "he", "him", "his", "she", "her", "we", "us", "our", "i", "you", "this", "that", "these", "those", "which", "who", "whom", "one", "others", "some", "all",
    };

    /// <summary>Head nouns of phrases that name no side (data/extraction/not-role-nouns.txt).</summary>
    private static readonly Lazy<HashSet<string>> NotRoleNouns = new(() => new HashSet<string>(Lexicon.Lines(typeof(RoleFilter).Assembly, "not-role-nouns.txt"), StringComparer.Ordinal));

    /// <summary>The phrase without a leading preposition ("of Ukraine" → "Ukraine"), or null when it is no role.</summary>
    public static string? Clean(string? phrase, ExtractionLexicon lex, bool target = false)
    {
        if (string.IsNullOrWhiteSpace(phrase))
        {
            return null;
        }

        var words = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var lead = words[0].ToLowerInvariant();
        if (lead is "of" or "to" or "in" or "on" or "at" or "by" or "from" or "with" or "for" or "into" or "against")
        {
            return words.Length > 1 ? Clean(string.Join(' ', words[1..]), lex, target) : null;
        }

        // "MOGADISHU, Somalia (AP) — A suicide bomber": a dateline the parse left in the subject's phrase is cut off
        if (words.Length > 2 && words[0].Length >= 3 && words[0].All(c => !char.IsLetter(c) || char.IsUpper(c)) && words[0].Any(char.IsLetter)
            && Array.FindIndex(words, w => w is "—" or "–" or "-" or "--") is var dash && dash > 0 && dash <= 6 && dash + 1 < words.Length)
        {
            return Clean(string.Join(' ', words[(dash + 1)..]), lex, target);
        }

        if (phrase.Contains('–') || phrase.Contains('—') || phrase.Contains('|'))
        {
            return null;
        }

        var lower = words.Select(w => w.ToLowerInvariant()).ToArray();
        if (lower.All(w => Pronouns.Contains(w) || w is "the" or "a" or "an"))
        {
            return null;
        }

        // "No group has claimed the attack", "None of the cameras captured the shooting": a negated subject names no one
        if (lower[0] is "no" or "none" or "nobody" or "neither" && (words.Length > 1 || lower[0] != "no"))
        {
            return null;
        }

        if (char.IsDigit(lower[0][0]) || lex.NumberWords.ContainsKey(lower[0]) && lower[0] is not "one")
        {
            return null;
        }

        // a bare amount ("Dozens") or a casualty count ("one, wounds six") is no target: the victims are the event's
        // quantities (a crowd that protests, "Thousands", may still be an actor; "several dozen fighters" names a group)
        if (target && IsCount(phrase, lex))
        {
            return null;
        }

        if (lower.All(w => lex.Months.ContainsKey(w) || lex.Weekdays.ContainsKey(w) || char.IsDigit(w[0]) || w is "," or "the" or "last" or "next" or "this"))
        {
            return null;
        }

        if (words.Length >= 2 && words.All(w => w.Any(char.IsLetter) && w.Where(char.IsLetter).All(char.IsUpper)))
        {
            return null; // a dateline or a heading in capitals
        }

        if (EventWords.SectorNouns.Contains(lower[^1]))
        {
            return null; // "the Pokrovsk direction" is where the fighting was, not a side of it
        }

        if (NotRoleNouns.Value.Contains(lower[^1]))
        {
            return null; // "attempts", "the first day of negotiations", "the presence": no side of the act
        }

        return lex.Unit(lower[^1]) is { Mode: not null } ? null : phrase;
    }

    /// <summary>A bare amount ("Dozens", "five") or a casualty count ("one, wounds six"): the victims' number, not a target.</summary>
    public static bool IsCount(string phrase, ExtractionLexicon lex)
    {
        var lower = phrase.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries).Select(w => w.ToLowerInvariant()).ToArray();
        return lower.Length > 0 && (lex.Vague.Any(v => v.Tokens.SequenceEqual(lower))
            || Number(lower[0]) && (lower.Length == 1 || lower.Skip(1).Any(Number)));
        bool Number(string w) => char.IsDigit(w[0]) || lex.NumberWords.ContainsKey(w);
    }
}
