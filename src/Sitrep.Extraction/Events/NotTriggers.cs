using Sitrep.Core;

namespace Sitrep.Extraction;

/// <summary>
/// Phrases in which a trigger word names no act of its type (data/extraction/not-triggers.tsv): "a general strike", "in
/// advance of", "a trade war", "hit 13 officials with sanctions". A word before the trigger also matches the end of a
/// hyphenated token ("48-hour strike"); "*" after it is a gap of up to four tokens; "a|b" is either word.
/// </summary>
internal static class NotTriggers
{
    private static readonly Lazy<Dictionary<string, List<(string[] Before, string[] After)>>> Phrases = new(() =>
    {
        var result = new Dictionary<string, List<(string[], string[])>>(StringComparer.Ordinal);
        foreach (var l in Lexicon.Lines(typeof(NotTriggers).Assembly, "not-triggers.tsv"))
        {
            var words = l.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var at = Array.FindIndex(words, w => w.Length > 2 && w[0] == '[' && w[^1] == ']');
            if (at < 0 || words.Count(w => w.StartsWith('[')) != 1)
            {
                throw new InvalidDataException($"not-triggers.tsv: line '{l}' has no single [trigger] word");
            }

            var word = words[at][1..^1];
            if (!result.TryGetValue(word, out var list))
            {
                result[word] = list = [];
            }

            list.Add((words[..at], words[(at + 1)..]));
        }

        return result;
    });

    /// <summary>Whether the trigger word at <paramref name="t0"/> stands in one of the phrases, inside the sentence [first, end).</summary>
    public static bool Holds(string[] lower, int t0, int first, int end)
    {
        if (!Phrases.Value.TryGetValue(lower[t0], out var phrases))
        {
            return false;
        }

        foreach (var (before, after) in phrases)
        {
            var ok = t0 - before.Length >= first;
            for (var j = 0; j < before.Length && ok; j++)
            {
                var w = lower[t0 - before.Length + j];
                ok = Is(before[j], w) || w.EndsWith("-" + before[j], StringComparison.Ordinal);
            }

            if (ok && After(lower, t0 + 1, end, after, 0))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether word <paramref name="w"/> is the pattern word, or one of its alternatives "a|b|c".</summary>
    private static bool Is(string pattern, string w)
    {
        if (pattern == w)
        {
            return true;
        }

        var alternatives = pattern.AsSpan();
        foreach (var range in alternatives.Split('|'))
        {
            if (alternatives[range].SequenceEqual(w))
            {
                return true;
            }
        }

        return false;
    }

    private static bool After(string[] lower, int k, int end, string[] after, int a)
    {
        if (a == after.Length)
        {
            return true;
        }

        if (after[a] == "*")
        {
            for (var skip = 0; skip <= 4 && k + skip <= end; skip++)
            {
                if (After(lower, k + skip, end, after, a + 1))
                {
                    return true;
                }
            }

            return false;
        }

        return k < end && Is(after[a], lower[k]) && After(lower, k + 1, end, after, a + 1);
    }
}
