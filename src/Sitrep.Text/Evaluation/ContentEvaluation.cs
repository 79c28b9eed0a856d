using System.Globalization;
using System.Text.Json;
using Sitrep.Core;
using Sitrep.Text.Content;

namespace Sitrep.Text.Evaluation;

/// <summary>A scraped page with the hand-marked ranges of its own content (UTF-16 offsets into <see cref="Text"/>).</summary>
public sealed record ContentGoldPage(string Id, string? Url, string? Outlet, string? Date, string? Title, string Text, IReadOnlyList<TextSpan> Ranges);

/// <summary>Character counts of one page (characters other than whitespace).</summary>
public sealed record ContentCounts(int Kept, int Gold, int Both)
{
    public double Precision => Kept == 0 ? (Gold == 0 ? 1 : 0) : (double)Both / Kept;

    public double Recall => Gold == 0 ? 1 : (double)Both / Gold;

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public static ContentCounts operator +(ContentCounts a, ContentCounts b) => new(a.Kept + b.Kept, a.Gold + b.Gold, a.Both + b.Both);
}

/// <summary>One page's scores without and with what was learned from the outlet's earlier pages.</summary>
public sealed record ContentPageResult(string Id, string Outlet, string? Date, int Chars, ContentCounts Alone, ContentCounts Learned);

/// <summary>The scores over all pages (character-level, micro-averaged), pages in date order.</summary>
public sealed record ContentEvaluationResult(int Pages, ContentCounts Alone, ContentCounts Learned, IReadOnlyList<ContentPageResult> PageResults);

/// <summary>
/// Scores the content stage against hand-marked content ranges: which characters (whitespace aside) of each page it
/// keeps, against those the gold marks as the article. Pages are taken in date order (undated last) so that, with
/// learning, each page is cleaned with what earlier pages of its outlet taught, as an ingest in that order would.
/// </summary>
public static class ContentEvaluation
{
    /// <summary>
    /// Reads the gold ranges (content-ranges.json: {documents:[{id, ranges:[[start,end]…]}]}, offsets in Unicode code
    /// points) and the pages' texts (JSON Lines with id, text, url, domain, date, title).
    /// </summary>
    public static List<ContentGoldPage> Read(string goldPath, string pagesPath)
    {
        var ranges = new Dictionary<string, List<(int, int)>>(StringComparer.Ordinal);
        using (var gold = JsonDocument.Parse(File.ReadAllText(goldPath)))
        {
            if (!gold.RootElement.TryGetProperty("documents", out var documents) || documents.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException($"'{goldPath}' has no \"documents\" array of {{id, ranges}}");
            }

            foreach (var d in documents.EnumerateArray())
            {
                var id = d.GetProperty("id").GetString() ?? throw new FormatException($"'{goldPath}': a document without an id");
                var list = new List<(int, int)>();
                foreach (var r in d.GetProperty("ranges").EnumerateArray())
                {
                    list.Add((r[0].GetInt32(), r[1].GetInt32()));
                }

                ranges[id] = list;
            }
        }

        var pages = new List<ContentGoldPage>();
        var lineNo = 0;
        foreach (var line in File.ReadLines(pagesPath))
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var id = Str(root, "id");
            if (id is null || !ranges.TryGetValue(id, out var codePointRanges))
            {
                continue;
            }

            var text = Str(root, "text") ?? throw new FormatException($"'{pagesPath}' line {lineNo}: page '{id}' has no text");
            var map = CodePointOffsets(text);
            var spans = codePointRanges.Select(r => new TextSpan(map[r.Item1], map[r.Item2])).ToList();
            pages.Add(new ContentGoldPage(id, Str(root, "url"), Str(root, "domain"), Str(root, "date"), Str(root, "title"), text, spans));
        }

        var missing = ranges.Keys.Except(pages.Select(p => p.Id), StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            throw new FormatException($"'{pagesPath}' lacks the text of {missing.Count} gold page(s): {string.Join(", ", missing.Take(5))}");
        }

        return pages;
    }

    public static ContentEvaluationResult Evaluate(IReadOnlyList<ContentGoldPage> pages, ContentClassifier? classifier = null, CancellationToken cancellationToken = default) =>
        Evaluate(pages, classifier, null, cancellationToken);

    /// <summary>As <see cref="Evaluate(IReadOnlyList{ContentGoldPage}, ContentClassifier?, CancellationToken)"/>; <paramref name="errors"/> gets every line (with learning) kept against the gold (FP) or dropped against it (FN).</summary>
    public static ContentEvaluationResult Evaluate(IReadOnlyList<ContentGoldPage> pages, ContentClassifier? classifier, TextWriter? errors, CancellationToken cancellationToken = default)
    {
        classifier ??= ContentClassifier.Default;
        var ordered = pages.OrderBy(p => IsDate(p.Date) ? p.Date : "9999").ThenBy(p => p.Id, StringComparer.Ordinal).ToList();
        var profiles = new Dictionary<string, BoilerplateProfile>(StringComparer.Ordinal);
        var results = new List<ContentPageResult>();
        var alone = new ContentCounts(0, 0, 0);
        var learned = new ContentCounts(0, 0, 0);
        foreach (var page in ordered)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var outlet = TextLines.OutletKey(page.Url, page.Outlet) ?? page.Id;
            if (!profiles.TryGetValue(outlet, out var profile))
            {
                profiles[outlet] = profile = new BoilerplateProfile();
            }

            var a = Score(page, classifier.Classify(page.Text, page.Title, null, cancellationToken));
            var learnedMap = classifier.Classify(page.Text, page.Title, profile, cancellationToken);
            var l = Score(page, learnedMap);
            if (errors is not null)
            {
                WriteErrors(errors, page, learnedMap);
            }

            if (!learnedMap.RepeatsEarlierPage)
            {
                profile.Add(TextLines.DistinctHashes(page.Text));
            }
            alone += a;
            learned += l;
            results.Add(new ContentPageResult(page.Id, outlet, page.Date, page.Text.Length, a, l));
        }

        return new ContentEvaluationResult(results.Count, alone, learned, results);
    }

    /// <summary>The page's counts for one content map: kept, gold and both, over characters other than whitespace.</summary>
    public static ContentCounts Score(ContentGoldPage page, ContentMap map)
    {
        var text = page.Text;
        var gold = new bool[text.Length];
        foreach (var r in page.Ranges)
        {
            for (var i = r.Start; i < r.End && i < text.Length; i++)
            {
                gold[i] = true;
            }
        }

        var keptMask = new bool[text.Length];
        foreach (var k in map.Kept)
        {
            for (var i = k.Start; i < k.End; i++)
            {
                keptMask[i] = true;
            }
        }

        int kept = 0, g = 0, both = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i]) || char.IsLowSurrogate(text[i]))
            {
                continue;
            }

            kept += keptMask[i] ? 1 : 0;
            g += gold[i] ? 1 : 0;
            both += keptMask[i] && gold[i] ? 1 : 0;
        }

        return new ContentCounts(kept, g, both);
    }

    private static void WriteErrors(TextWriter w, ContentGoldPage page, ContentMap map)
    {
        foreach (var b in map.Blocks)
        {
            var gold = 0;
            foreach (var r in page.Ranges)
            {
                gold += Math.Max(0, Math.Min(r.End, b.Span.End) - Math.Max(r.Start, b.Span.Start));
            }

            var inGold = gold * 2 > b.Span.Length;
            if (inGold != b.Kept)
            {
                var line = page.Text[b.Span.Start..b.Span.End].ReplaceLineEndings(" ");
                w.WriteLine($"{page.Id}\t{(b.Kept ? "FP" : "FN")}\t{b.Span.Length}\t{b.Reason}\t{(line.Length > 150 ? line[..150] + "…" : line)}");
            }
        }
    }

    /// <summary>UTF-16 offset of each code-point offset (one past the end included).</summary>
    private static int[] CodePointOffsets(string text)
    {
        var map = new List<int>(text.Length + 1);
        for (var i = 0; i < text.Length; i++)
        {
            map.Add(i);
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
        }

        map.Add(text.Length);
        return [.. map];
    }

    private static bool IsDate(string? s) => s is not null && DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
