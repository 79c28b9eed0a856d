namespace Sitrep.Core;

/// <summary>
/// Lines of a text as the content stage and the per-outlet boilerplate store see them: non-blank lines trimmed of
/// surrounding whitespace, and a hash of each line's normalised words (case, punctuation and links ignored) so
/// that the same navigation line on two pages of a site hashes alike.
/// </summary>
public static class TextLines
{
    /// <summary>The non-blank lines of <paramref name="text"/>, each trimmed, as spans in order.</summary>
    public static IEnumerable<TextSpan> NonBlank(string text)
    {
        var pos = 0;
        while (pos <= text.Length)
        {
            var nl = text.IndexOf('\n', pos);
            var end = nl < 0 ? text.Length : nl;
            int s = pos, e = end;
            while (s < e && char.IsWhiteSpace(text[s]))
            {
                s++;
            }

            while (e > s && char.IsWhiteSpace(text[e - 1]))
            {
                e--;
            }

            if (e > s)
            {
                yield return new TextSpan(s, e);
            }

            if (nl < 0)
            {
                break;
            }

            pos = nl + 1;
        }
    }

    /// <summary>
    /// The 64-bit FNV-1a hash of a line's letters and digits, lower-cased, runs of anything else as one
    /// space; URLs and markdown link targets ("](…)") are left out, so the same line with other links hashes alike.
    /// 0 for a line without letters or digits.
    /// </summary>
    public static ulong Hash(ReadOnlySpan<char> line)
    {
        var h = 14695981039346656037UL;
        var any = false;
        var pendingSpace = false;
        for (var i = 0; i < line.Length; i++)
        {
            var raw = line[i];
            if (raw == ']' && i + 1 < line.Length && line[i + 1] == '(')
            {
                // a markdown link target, with one level of nested parentheses
                var depth = 0;
                var j = i + 1;
                for (; j < line.Length; j++)
                {
                    depth += line[j] == '(' ? 1 : line[j] == ')' ? -1 : 0;
                    if (depth == 0)
                    {
                        break;
                    }
                }

                i = j;
                pendingSpace = any;
                continue;
            }

            if ((raw is 'h' or 'H' or 'w' or 'W') && (i == 0 || !char.IsLetterOrDigit(line[i - 1])) && IsUrlStart(line[i..]))
            {
                while (i + 1 < line.Length && !char.IsWhiteSpace(line[i + 1]) && line[i + 1] is not ('>' or ')' or ']'))
                {
                    i++;
                }

                pendingSpace = any;
                continue;
            }

            char c;
            if (char.IsLetter(raw))
            {
                c = char.ToLowerInvariant(raw);
            }
            else if (char.IsDigit(raw))
            {
                c = raw;
            }
            else
            {
                pendingSpace = any;
                continue;
            }

            if (pendingSpace)
            {
                h = (h ^ ' ') * 1099511628211UL;
                pendingSpace = false;
            }

            h = (h ^ c) * 1099511628211UL;
            any = true;
        }

        return any ? h : 0;
    }

    private static bool IsUrlStart(ReadOnlySpan<char> s) =>
        s.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || s.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
        || s.StartsWith("www.", StringComparison.OrdinalIgnoreCase);

    /// <summary>The distinct non-zero line hashes of a text.</summary>
    public static HashSet<ulong> DistinctHashes(string text)
    {
        var set = new HashSet<ulong>();
        foreach (var span in NonBlank(text))
        {
            var h = Hash(text.AsSpan(span.Start, span.Length));
            if (h != 0)
            {
                set.Add(h);
            }
        }

        return set;
    }

    /// <summary>The key under which an outlet's boilerplate is kept: the URL's host without "www.", else the outlet name.</summary>
    public static string? OutletKey(string? url, string? outlet)
    {
        if (url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Host.Length > 0)
        {
            var host = uri.Host.ToLowerInvariant();
            return host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
        }

        return string.IsNullOrWhiteSpace(outlet) ? null : outlet.Trim().ToLowerInvariant();
    }
}

/// <summary>What earlier pages of one outlet share: how many of them carry a line (by <see cref="TextLines.Hash"/>).</summary>
public interface IBoilerplateProfile
{
    /// <summary>Earlier pages of the outlet that were learned from.</summary>
    int Pages { get; }

    /// <summary>How many of those pages carry a line with this hash.</summary>
    int PagesWith(ulong lineHash);
}

/// <summary>A profile held in memory: line hash → pages, plus further pages added in order (for a batch or an evaluation).</summary>
public sealed class BoilerplateProfile : IBoilerplateProfile
{
    private readonly Dictionary<ulong, int> _counts;

    public BoilerplateProfile(int pages = 0, Dictionary<ulong, int>? counts = null)
    {
        Pages = pages;
        _counts = counts ?? [];
    }

    public int Pages { get; private set; }

    public int PagesWith(ulong lineHash) => _counts.GetValueOrDefault(lineHash);

    /// <summary>Learns one more page from its distinct line hashes.</summary>
    public void Add(IEnumerable<ulong> distinctHashes)
    {
        foreach (var h in distinctHashes)
        {
            _counts[h] = _counts.GetValueOrDefault(h) + 1;
        }

        Pages++;
    }

    /// <summary>A copy to which later pages can be added without changing this one.</summary>
    public BoilerplateProfile Clone() => new(Pages, new Dictionary<ulong, int>(_counts));
}
