namespace Sitrep.Extraction;

/// <summary>
/// Multi-token phrases keyed by their first token: longest match at a position in one hash lookup plus a short
/// scan of the candidates, so matching a sentence is linear in its length.
/// </summary>
public sealed class PhraseIndex<T>
{
    private readonly Dictionary<string, List<(string[] Tokens, T Value)>> _byFirst;

    public PhraseIndex(bool ignoreCase) => _byFirst = new(ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);

    public bool IgnoreCase => _byFirst.Comparer.Equals(StringComparer.OrdinalIgnoreCase);

    /// <summary>Adds a phrase given as text; it is split the way the tokenizer splits (spaces, hyphens, 's).</summary>
    public void Add(string phrase, T value)
    {
        var tokens = Split(phrase);
        if (tokens.Length == 0)
        {
            return;
        }

        if (!_byFirst.TryGetValue(tokens[0], out var list))
        {
            _byFirst[tokens[0]] = list = [];
        }

        if (list.Any(e => e.Tokens.SequenceEqual(tokens, IgnoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal)))
        {
            return;
        }

        list.Add((tokens, value));
        list.Sort((a, b) => b.Tokens.Length.CompareTo(a.Tokens.Length));
    }

    /// <summary>The longest phrase starting at token <paramref name="i"/> and ending before <paramref name="end"/>.</summary>
    public bool TryMatch(IReadOnlyList<string> forms, int i, int end, out int length, out T value)
    {
        length = 0;
        value = default!;
        if (!_byFirst.TryGetValue(forms[i], out var list))
        {
            return false;
        }

        var cmp = IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        foreach (var (tokens, v) in list)
        {
            if (i + tokens.Length > end)
            {
                continue;
            }

            var ok = true;
            for (var k = 1; k < tokens.Length && ok; k++)
            {
                ok = string.Equals(forms[i + k], tokens[k], cmp);
            }

            if (ok)
            {
                length = tokens.Length;
                value = v;
                return true;
            }
        }

        return false;
    }

    public static string[] Split(string phrase)
    {
        var result = new List<string>();
        foreach (var part in phrase.Replace("’", "'", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var p = part;
            var suffix = (string?)null;
            if (p.EndsWith("'s", StringComparison.Ordinal) && p.Length > 2)
            {
                suffix = "'s";
                p = p[..^2];
            }

            var pieces = p.Split('-');
            for (var k = 0; k < pieces.Length; k++)
            {
                if (k > 0)
                {
                    result.Add("-");
                }

                if (pieces[k].Length > 0)
                {
                    result.Add(pieces[k]);
                }
            }

            if (suffix is not null)
            {
                result.Add(suffix);
            }
        }

        return [.. result];
    }
}
