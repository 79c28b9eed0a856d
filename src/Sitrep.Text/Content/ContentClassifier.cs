using System.Text;
using System.Text.RegularExpressions;
using Sitrep.Core;

namespace Sitrep.Text.Content;

/// <summary>Thresholds of the content classifier (jusText's defaults where it has one).</summary>
public sealed record ContentOptions
{
    /// <summary>Lines shorter than this (characters of text) are "short": their neighbours decide.</summary>
    public int LengthLow { get; init; } = 70;

    /// <summary>Lines longer than this with enough stop words are good on their own.</summary>
    public int LengthHigh { get; init; } = 200;

    public double StopWordsLow { get; init; } = 0.30;

    public double StopWordsHigh { get; init; } = 0.32;

    /// <summary>A line whose characters are more than this share of links (link texts, URLs) is navigation.</summary>
    public double MaxLinkDensity { get; init; } = 0.2;

    /// <summary>A sentence-ending line with this many words is prose even when names make its stop words few.</summary>
    public int ProseMinWords { get; init; } = 12;

    public double ProseMinStopWords { get; init; } = 0.12;

    /// <summary>Lines after a "Read more:" / "Related" heading that belong to its list.</summary>
    public int MarkerLines { get; init; } = 8;

    /// <summary>Title-and-paragraph pairs in a row that make a list of other articles' teasers.</summary>
    public int TeaserPairs { get; init; } = 3;

    /// <summary>Characters of non-content between two runs of good lines that separate them into two regions.</summary>
    public int RegionGap { get; init; } = 1500;

    /// <summary>Lines of non-content between two runs of good lines that separate them into two regions.</summary>
    public int RegionGapLines { get; init; } = 12;

    /// <summary>A region with less good text than this share of the largest region's is not the article.</summary>
    public double RegionShare { get; init; } = 0.2;

    /// <summary>Lines before the body searched for the headline.</summary>
    public int HeadlineWindow { get; init; } = 40;

    /// <summary>Lines between the headline and the body that can be its byline, dateline and standfirst.</summary>
    public int BylineLines { get; init; } = 8;

    /// <summary>A page most of whose prose an earlier page of the outlet carried is a copy: the profile is not used.</summary>
    public double CopyShare { get; init; } = 0.5;
}

/// <summary>
/// Decides which lines of a page are the report's own text, in the manner of jusText and boilerpipe: each line gets
/// features (length, stop-word density, link density, sentence end, markup, repetition on the page and on earlier
/// pages of the outlet, boilerplate phrases), a first class (good, near-good, short, bad), then its neighbours
/// decide for short and near-good lines; lists of other articles' teasers, regions far from the article and
/// everything after a "Read more" heading are dropped, and the headline above the body is found by its likeness to
/// the page title. A text without any sign of a web page keeps every line.
/// </summary>
public sealed partial class ContentClassifier
{
    private static readonly char[] TitleSeparators = ['|', '–', '—', '-'];

    private readonly ContentLexicon _lexicon;
    private readonly ContentOptions _options;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _stopLookup;

    public ContentClassifier(ContentLexicon? lexicon = null, ContentOptions? options = null)
    {
        _lexicon = lexicon ?? ContentLexicon.Default;
        _options = options ?? new ContentOptions();
        _stopLookup = new HashSet<string>(_lexicon.StopWords, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public static ContentClassifier Default { get; } = new();

    private enum Class
    {
        Good,
        NearGood,
        Short,
        Bad,
    }

    /// <summary>The content map of <paramref name="text"/>; <paramref name="title"/> helps find the headline.</summary>
    public ContentMap Classify(string text, string? title = null, IBoilerplateProfile? profile = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (CountLines(text, 3) < 3)
        {
            // One or two lines (a headline and a paragraph, a wire item) never make a page with chrome: all is the report's.
            return ContentMap.All(text);
        }

        var markup = new List<MarkupSpan>();
        var lines = Features(text, markup, cancellationToken);
        var o = _options;

        // Repetition on the page: the same line several times is chrome (share bars, galleries, repeated prompts).
        var counts = new Dictionary<ulong, int>();
        foreach (var l in lines)
        {
            if (l.Hash != 0)
            {
                counts[l.Hash] = counts.GetValueOrDefault(l.Hash) + 1;
            }
        }

        var copy = profile is { Pages: > 0 } && IsCopy(lines, profile);
        var useProfile = profile is { Pages: > 0 } && !copy;
        var hardLines = 0;
        for (var index = 0; index < lines.Count; index++)
        {
            var l = lines[index];
            var dup = l.Hash == 0 ? 1 : counts[l.Hash];
            var prose = l.Terminal && l.Length >= o.LengthLow;
            string? why = null;
            if (_lexicon.Reference?.IsMatch(l.Raw) == true)
            {
                why = "reference";
            }
            else if (l.LinkDensity > o.MaxLinkDensity)
            {
                why = "links";
            }
            else if (IsPhrase(l) || IsPhraseAcrossFragments(lines, index))
            {
                why = "boilerplate";
            }
            else if (l.Length >= 20 && ((dup >= 3 && l.Length < 400) || (dup == 2 && !prose)))
            {
                why = "repeated";
            }
            else if (useProfile && l.Hash != 0 && l.Length >= 8 && profile!.PagesWith(l.Hash) >= 1)
            {
                why = "outlet";
            }

            if (why is not null)
            {
                l.First = Class.Bad;
                l.Hard = true;
                l.Why = why;
                hardLines += why != "repeated" || l.Length >= 40 ? 1 : 0;
                continue;
            }

            // A question is prose only when long: a headline list is full of questions.
            var sentenceEnd = l.Terminal && (!l.Plain.TrimEnd('"', '”', '’', '\'', ')').EndsWith('?') || l.Length >= 120);
            l.First = l.Table ? Class.Short
                : l.Length >= o.LengthLow && sentenceEnd && l.Words >= o.ProseMinWords && l.StopDensity >= o.ProseMinStopWords ? Class.Good
                : l.Citations > 0 && l.Words >= 6 ? Class.Good
                : l.Length < o.LengthLow ? Class.Short
                : l.StopDensity >= o.StopWordsHigh ? (l.Length > o.LengthHigh ? Class.Good : Class.NearGood)
                : l.StopDensity >= o.StopWordsLow ? Class.NearGood
                : Class.Bad;
            l.Why = l.First switch
            {
                Class.Good => "prose",
                Class.Bad => "few stop words",
                _ => "context",
            };
        }

        if (hardLines < 3 && (hardLines == 0 || lines.Count < 8))
        {
            // No navigation, link list, notice or repeated chrome, or a short text with a credit or two: a plain
            // report, every line of which is its own.
            return new ContentMap([.. lines.Select(l => new ContentBlock(l.Span, true, "text"))], text) { RepeatsEarlierPage = copy, Markup = markup };
        }

        Markers(lines);
        Revise(lines);
        Teasers(lines);
        Regions(lines);
        Headline(lines, title);
        return new ContentMap([.. lines.Select(l => new ContentBlock(l.Span, l.Final == Class.Good, l.Final == Class.Good ? l.Why : l.Hard ? l.Why : Reason(l)))], text)
        {
            RepeatsEarlierPage = copy,
            Markup = markup,
        };
    }

    private static string Reason(Line l) => l.Why is "prose" or "context" or "few stop words" ? l.Why switch
    {
        "prose" => "away from the article",
        "context" => "among chrome",
        _ => l.Why,
    } : l.Why;

    private bool IsPhrase(Line l)
    {
        var p = l.Plain;
        if (p.Length == 0 || p.Length > MaxPhraseLine)
        {
            return false; // a notice, a caption or a prompt is never a thousand characters long
        }

        if (_lexicon.Line?.IsMatch(p) == true || _lexicon.Any?.IsMatch(p) == true)
        {
            return true;
        }

        return !IsLongProse(l) && (_lexicon.Short?.IsMatch(p) == true || _lexicon.Credit?.IsMatch(p) == true);
    }

    /// <summary>
    /// A line that continues one split by the scraper ("Click" / "here" / "to see the map…"): the phrase test also
    /// reads it joined to the one or two very short lines before it.
    /// </summary>
    private bool IsPhraseAcrossFragments(List<Line> lines, int i)
    {
        var l = lines[i];
        if (l.Plain.Length == 0 || !char.IsLower(l.Plain[0]))
        {
            return false;
        }

        var joined = l.Plain;
        for (var k = i - 1; k >= 0 && k >= i - 2 && lines[k].Length <= 20; k--)
        {
            joined = lines[k].Plain + " " + joined;
            if (_lexicon.Any?.IsMatch(joined) == true || (!IsLongProse(l) && (_lexicon.Short?.IsMatch(joined) == true || _lexicon.Credit?.IsMatch(joined) == true)))
            {
                return true;
            }
        }

        return false;
    }

    private const int MaxPhraseLine = 1000;

    /// <summary>The number of non-blank lines, counted up to <paramref name="limit"/>.</summary>
    private static int CountLines(string text, int limit)
    {
        var n = 0;
        var inLine = false;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                inLine = false;
            }
            else if (!inLine && !char.IsWhiteSpace(c))
            {
                inLine = true;
                if (++n >= limit)
                {
                    return n;
                }
            }
        }

        return n;
    }

    private static bool IsLongProse(Line l) => (l.Terminal && l.Length >= 160) || l.Length >= 300;

    /// <summary>Whether most of the page's prose already appeared on an earlier page of the outlet (a second copy).</summary>
    private bool IsCopy(List<Line> lines, IBoilerplateProfile profile)
    {
        long prose = 0, seen = 0;
        foreach (var l in lines)
        {
            if (l.Terminal && l.Length >= _options.LengthLow && l.Hash != 0)
            {
                prose += l.Length;
                if (profile.PagesWith(l.Hash) > 0)
                {
                    seen += l.Length;
                }
            }
        }

        return prose > 0 && seen > _options.CopyShare * prose;
    }

    private void Markers(List<Line> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            if (_lexicon.Marker?.IsMatch(lines[i].Plain) != true)
            {
                continue;
            }

            lines[i].First = Class.Bad;
            lines[i].Hard = true;
            lines[i].Why = "related list";
            var j = i + 1;
            for (; j < lines.Count && j <= i + _options.MarkerLines && !lines[j].Hard; j++)
            {
                lines[j].First = Class.Bad;
                lines[j].Hard = true;
                lines[j].Why = "related list";
            }

            i = j - 1;
        }
    }

    // jusText's context-sensitive pass: short lines take the class of their neighbours, near-good lines become good
    // unless bad text surrounds them; a short line that heads good text between good lines is a sub-heading.
    private void Revise(List<Line> lines)
    {
        foreach (var l in lines)
        {
            l.Final = l.First;
        }

        var changes = new List<(int, Class)>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Final != Class.Short)
            {
                continue;
            }

            var prev = Neighbour(lines, i, -1, true);
            var next = Neighbour(lines, i, 1, true);
            Class c;
            if (prev == next)
            {
                c = prev;
            }
            else if (prev == Class.Bad)
            {
                c = Neighbour(lines, i, -1, false) == Class.NearGood ? Class.Good : Class.Bad;
            }
            else
            {
                c = Neighbour(lines, i, 1, false) == Class.NearGood ? Class.Good : Class.Bad;
            }

            changes.Add((i, c));
        }

        foreach (var (i, c) in changes)
        {
            lines[i].Final = c;
        }

        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Final != Class.NearGood)
            {
                continue;
            }

            var prev = Neighbour(lines, i, -1, true);
            var next = Neighbour(lines, i, 1, true);
            lines[i].Final = prev == Class.Bad && next == Class.Bad ? Class.Bad : Class.Good;
        }

        // Sub-headings and lines of names between two paragraphs of the article ("Russian Supporting Effort – Northern
        // Axis (objective: …)"): few stop words, but the text around them is the article's. Up to three lines in a row.
        for (var i = 1; i < lines.Count; i++)
        {
            if (lines[i].Final == Class.Good || lines[i].Hard || lines[i - 1].Final != Class.Good)
            {
                continue;
            }

            var j = i;
            var chars = 0;
            while (j < lines.Count && j - i < 3 && lines[j].Final != Class.Good && !lines[j].Hard && lines[j].Length < 400)
            {
                chars += lines[j].Length;
                j++;
            }

            if (j < lines.Count && lines[j].Final == Class.Good && lines[j].First == Class.Good && chars < 600)
            {
                for (var k = i; k < j; k++)
                {
                    lines[k].Final = Class.Good;
                }
            }

            i = j;
        }
    }

    private static Class Neighbour(List<Line> lines, int i, int step, bool ignoreNearGood)
    {
        for (var j = i + step; j >= 0 && j < lines.Count; j += step)
        {
            var c = lines[j].Final;
            if (c is Class.Good or Class.Bad || (c == Class.NearGood && !ignoreNearGood))
            {
                return c;
            }
        }

        return Class.Bad;
    }

    // Lists of other articles: a title line and one paragraph, again and again.
    private void Teasers(List<Line> lines)
    {
        var n = lines.Count;
        var i = 0;
        while (i < n)
        {
            var j = i;
            var pairs = 0;
            while (j + 1 < n && lines[j].First is Class.Short or Class.NearGood && !lines[j].Terminal && lines[j].Length >= 20
                   && TitleCase(lines[j].Plain) && lines[j + 1].First == Class.Good && (j + 2 >= n || lines[j + 2].First != Class.Good))
            {
                pairs++;
                j += 2;
            }

            if (pairs >= _options.TeaserPairs)
            {
                for (var k = i; k < j; k++)
                {
                    lines[k].Final = Class.Bad;
                    lines[k].Why = "teaser list";
                    lines[k].Hard = true;
                }

                i = j;
            }
            else
            {
                i++;
            }
        }
    }

    private bool TitleCase(string plain)
    {
        var content = 0;
        var capital = 0;
        foreach (var w in Words(plain))
        {
            if (_lexicon.StopWords.Contains(w.ToLowerInvariant()))
            {
                continue;
            }

            content++;
            if (char.IsUpper(w[0]) || char.IsDigit(w[0]))
            {
                capital++;
            }
        }

        return content >= 2 && capital >= 0.75 * content;
    }

    // The article is the region with the most good text; good runs far from it that hold much less are other content.
    private void Regions(List<Line> lines)
    {
        var regions = new List<(int First, int Last, int Score)>();
        var gap = 0;
        var gapLines = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var l = lines[i];
            if (l.Final == Class.Good)
            {
                if (regions.Count == 0 || gap > _options.RegionGap || gapLines >= _options.RegionGapLines)
                {
                    regions.Add((i, i, 0));
                }

                var r = regions[^1];
                regions[^1] = (r.First, i, r.Score + l.Length);
                gap = 0;
                gapLines = 0;
            }
            else
            {
                gap += l.Length + 20;
                gapLines++;
            }
        }

        if (regions.Count < 2)
        {
            return;
        }

        var best = regions.Max(r => r.Score);
        foreach (var (first, last, score) in regions)
        {
            if (score >= _options.RegionShare * best)
            {
                continue;
            }

            for (var k = first; k <= last; k++)
            {
                if (lines[k].Final == Class.Good)
                {
                    lines[k].Final = Class.Bad;
                    lines[k].Why = "away from the article";
                    lines[k].Hard = true;
                }
            }
        }
    }

    // The headline as it appears above the body (not the HTML title line carrying the site's name): the line most like
    // the title shortly before the first good line; the byline and date lines between it and the body come with it.
    private void Headline(List<Line> lines, string? title)
    {
        var start = lines.FindIndex(l => l.Final == Class.Good);
        if (start <= 0)
        {
            return;
        }

        var titles = new List<HashSet<string>>();
        void AddTitle(string? t)
        {
            if (!string.IsNullOrWhiteSpace(t))
            {
                titles.Add(WordSet(t));
                var cut = WithoutSiteName(t);
                if (cut is not null)
                {
                    titles.Add(WordSet(cut));
                }
            }
        }

        AddTitle(title);
        var firstLine = lines[0].Plain;
        if (WithoutSiteName(firstLine) is { } t0)
        {
            AddTitle(t0);
        }

        if (titles.Count == 0)
        {
            return;
        }

        var best = -1;
        for (var i = Math.Max(1, start - _options.HeadlineWindow); i < start; i++)
        {
            var l = lines[i];
            // not the page's title line again (when the title came from it, the likeness says nothing)
            if (l.Why is "reference" or "links" or "boilerplate" || l.Length < 15 || l.Length > 250 || l.Hash == lines[0].Hash)
            {
                continue;
            }

            var words = WordSet(l.Plain);
            if (titles.Any(t => Similarity(words, t) >= 0.6))
            {
                best = i;
            }
        }

        if (best < 0)
        {
            return;
        }

        lines[best].Final = Class.Good;
        lines[best].Why = "headline";
        var taken = 0;
        for (var k = best + 1; k < start && taken < _options.BylineLines; k++)
        {
            var l = lines[k];
            if ((!l.Hard || l.Why == "repeated" || l.Why == "outlet") && l.Length <= 120)
            {
                l.Final = Class.Good;
                l.Why = "byline or date";
                taken++;
            }
        }
    }

    private static string? WithoutSiteName(string t)
    {
        var at = -1;
        for (var i = t.Length - 2; i > 0; i--)
        {
            if (Array.IndexOf(TitleSeparators, t[i]) >= 0 && char.IsWhiteSpace(t[i - 1]) && char.IsWhiteSpace(t[i + 1]))
            {
                at = i;
                break;
            }
        }

        return at > 0 ? t[..at].TrimEnd() : null;
    }

    private static HashSet<string> WordSet(string s) => new(Words(s).Select(w => w.ToLowerInvariant()), StringComparer.Ordinal);

    private static double Similarity(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }

        var common = a.Count(b.Contains);
        return (double)common / Math.Max(a.Count, b.Count);
    }

    private List<Line> Features(string text, List<MarkupSpan> all, CancellationToken cancellationToken)
    {
        var lines = new List<Line>();
        var markup = new List<MarkupSpan>();
        var sb = new StringBuilder();
        foreach (var span in TextLines.NonBlank(text))
        {
            if ((lines.Count & 0xFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            markup.Clear();
            Markup.ScanLine(text, span.Start, span.End, markup, out var linkChars, out var citations);
            all.AddRange(markup);
            sb.Clear();
            var m = 0;
            for (var i = span.Start; i < span.End; i++)
            {
                if (m < markup.Count && markup[m].Start == i)
                {
                    i = markup[m].End - 1;
                    if (markup[m].Kind == MarkupKind.Gap)
                    {
                        sb.Append(' ');
                    }

                    m++;
                    continue;
                }

                var c = text[i];
                if (char.IsWhiteSpace(c))
                {
                    if (sb.Length > 0 && sb[^1] != ' ')
                    {
                        sb.Append(' ');
                    }
                }
                else
                {
                    sb.Append(c);
                }
            }

            var plain = WithoutBullet(CollapseSpaces(sb));
            CountWords(plain, out var words, out var stops);

            var raw = text[span.Start..span.End];
            var visible = Math.Max(1, plain.Length);
            lines.Add(new Line
            {
                Span = span,
                Raw = raw,
                Plain = plain,
                Length = plain.Length,
                Words = words,
                StopDensity = words == 0 ? 0 : (double)stops / words,
                LinkDensity = Math.Min(1.0, (double)linkChars / visible),
                Terminal = EndsSentence(plain),
                Table = raw.Count(ch => ch == '|') >= 2,
                Citations = citations,
                Hash = TextLines.Hash(raw),
            });
        }

        return lines;
    }

    private static string WithoutBullet(string s) =>
        s.Length > 2 && s[0] is '-' or '*' or '+' or '•' or '‣' or '◦' or '▪' or '·' or '>' && s[1] == ' ' ? s[2..] : s;

    private static string CollapseSpaces(StringBuilder sb)
    {
        var s = sb.ToString();
        if (s.Contains("  ", StringComparison.Ordinal))
        {
            s = MultiSpace().Replace(s, " ");
        }

        return s.Trim();
    }

    /// <summary>Ends like a sentence: terminal punctuation, then closing quotes or brackets, then perhaps footnote numbers.</summary>
    private static bool EndsSentence(string s)
    {
        var i = s.Length - 1;
        // footnote numbers glued to the end: "… warfare.3" or "… 2026. 19, 21"
        var j = i;
        while (j >= 0 && (char.IsDigit(s[j]) || s[j] is ',' or ' '))
        {
            j--;
        }

        if (j < i && j >= 0 && s[j] is '.' or '!' or '?' or '"' or '”' or '’' or ')' && i - j <= 12)
        {
            i = j;
        }

        while (i >= 0 && s[i] is '"' or '”' or '’' or '\'' or ')' or ']' or '»')
        {
            i--;
        }

        return i >= 0 && s[i] is '.' or '!' or '?' or '…';
    }

    private void CountWords(string s, out int words, out int stops)
    {
        words = 0;
        stops = 0;
        Span<char> lower = stackalloc char[32];
        var i = 0;
        while (i < s.Length)
        {
            if (!char.IsLetterOrDigit(s[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < s.Length && (char.IsLetterOrDigit(s[i]) || (s[i] is '\'' or '’' && i + 1 < s.Length && char.IsLetter(s[i + 1]) && i > start)))
            {
                i++;
            }

            words++;
            var w = s.AsSpan(start, i - start);
            if (w.Length <= lower.Length)
            {
                var n = w.ToLowerInvariant(lower);
                if (_stopLookup.Contains(lower[..n]))
                {
                    stops++;
                }
            }
        }
    }

    private static IEnumerable<string> Words(string s)
    {
        var i = 0;
        while (i < s.Length)
        {
            if (!char.IsLetterOrDigit(s[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < s.Length && (char.IsLetterOrDigit(s[i]) || (s[i] is '\'' or '’' && i + 1 < s.Length && char.IsLetter(s[i + 1]) && i > start)))
            {
                i++;
            }

            yield return s[start..i];
        }
    }

    [GeneratedRegex(" {2,}")]
    private static partial Regex MultiSpace();

    private sealed class Line
    {
        public TextSpan Span { get; init; }

        public required string Raw { get; init; }

        public required string Plain { get; init; }

        public int Length { get; init; }

        public int Words { get; init; }

        public double StopDensity { get; init; }

        public double LinkDensity { get; init; }

        public bool Terminal { get; init; }

        public bool Table { get; init; }

        public int Citations { get; init; }

        public ulong Hash { get; init; }

        public Class First { get; set; }

        public Class Final { get; set; }

        public bool Hard { get; set; }

        public string Why { get; set; } = "";
    }
}
