using System.Text.RegularExpressions;
using Sitrep.Core;

namespace Sitrep.Text.Content;

/// <summary>
/// The content stage's knowledge of web pages (data/content/boilerplate.tsv, data/content/stopwords-en.txt):
/// boilerplate phrases by scope, reference-list and code lines, headings that open lists of other articles, and
/// the stop words whose density tells prose from menus.
/// </summary>
public sealed class ContentLexicon
{
    private static readonly Lazy<ContentLexicon> DefaultLazy = new(() => Load(
        Lexicon.Lines(typeof(ContentLexicon).Assembly, "boilerplate.tsv"),
        Lexicon.Lines(typeof(ContentLexicon).Assembly, "stopwords-en.txt")));

    private ContentLexicon(PhraseSet? line, PhraseSet? shortPhrase, PhraseSet? any, PhraseSet? credit, PhraseSet? reference, PhraseSet? marker, HashSet<string> stopWords)
    {
        Credit = credit;
        Line = line;
        Short = shortPhrase;
        Any = any;
        Reference = reference;
        Marker = marker;
        StopWords = stopWords;
    }

    public static ContentLexicon Default => DefaultLazy.Value;

    /// <summary>
    /// The patterns of one scope, each its own automaton (NonBacktracking): matching is linear in the line's length,
    /// however long the line and whatever the pattern, so a 4,000-character paragraph costs little.
    /// </summary>
    public sealed class PhraseSet
    {
        private readonly Regex[] _patterns;

        public PhraseSet(IEnumerable<string> patterns)
        {
            _patterns = [.. patterns.Select(Compile)];
        }

        public bool IsMatch(string s)
        {
            foreach (var r in _patterns)
            {
                if (r.IsMatch(s))
                {
                    return true;
                }
            }

            return false;
        }

        private static Regex Compile(string pattern)
        {
            try
            {
                return new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
            }
            catch (NotSupportedException)
            {
                return new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);
            }
        }
    }

    /// <summary>A whole line that is navigation, a button or a label.</summary>
    public PhraseSet? Line { get; }

    /// <summary>Phrases that mark a line that is not prose as chrome.</summary>
    public PhraseSet? Short { get; }

    /// <summary>Phrases that mark any line as chrome (notices, credits, bios).</summary>
    public PhraseSet? Any { get; }

    /// <summary>Photo credits and caption marks, for lines that are not long prose.</summary>
    public PhraseSet? Credit { get; }

    /// <summary>Endnotes, references and code, matched against the line as written.</summary>
    public PhraseSet? Reference { get; }

    /// <summary>A heading that opens a list of other articles.</summary>
    public PhraseSet? Marker { get; }

    public IReadOnlySet<string> StopWords { get; }

    public static ContentLexicon Load(IEnumerable<string> patternLines, IEnumerable<string> stopWords)
    {
        var byScope = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var raw in patternLines)
        {
            var tab = raw.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0)
            {
                throw new FormatException($"boilerplate.tsv: '{raw}' has no scope; write scope<TAB>pattern");
            }

            var scope = raw[..tab].Trim();
            var pattern = raw[(tab + 1)..].Trim();
            if (scope is not ("line" or "short" or "any" or "credit" or "reference" or "marker"))
            {
                throw new FormatException($"boilerplate.tsv: unknown scope '{scope}' (line, short, any, credit, reference, marker)");
            }

            if (scope is "line" or "marker")
            {
                pattern = "^(?:" + pattern + ")$";
            }

            if (!byScope.TryGetValue(scope, out var list))
            {
                byScope[scope] = list = [];
            }

            list.Add(pattern);
        }

        PhraseSet? Build(string scope) => byScope.TryGetValue(scope, out var list) ? new PhraseSet(list) : null;

        return new ContentLexicon(Build("line"), Build("short"), Build("any"), Build("credit"), Build("reference"), Build("marker"),
            new HashSet<string>(stopWords.Select(w => w.ToLowerInvariant()), StringComparer.Ordinal));
    }
}
