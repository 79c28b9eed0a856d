using System.Text.Json;
using Sitrep.Core;

namespace Sitrep.Text.Evaluation;

/// <summary>Sentence-boundary scores against documents whose gold sentences are given as strings of the text.</summary>
public sealed record SentenceEvaluationResult(int Documents, int GoldSentences, int PredictedSentences, int Matched, double Precision, double Recall, double F1, int Unaligned)
{
    /// <summary>Gold sentence starts other than a document's first.</summary>
    public int GoldBoundaries { get; init; }

    /// <summary>Of those, how many a predicted sentence starts at.</summary>
    public int FoundBoundaries { get; init; }

    public double BoundaryRecall => GoldBoundaries == 0 ? 0 : (double)FoundBoundaries / GoldBoundaries;
}

/// <summary>
/// Scores the sentence splitter (normaliser, tokenizer, splitter, as in the pipeline) on WikiEvents-style JSON Lines:
/// each line has `text` and `sentences` [[tokens, sentence text], …]. The gold sentences are located in the text in
/// order (their token offsets do not always match the text), and a predicted sentence counts when its span is exactly
/// a gold sentence's.
/// </summary>
public static class SentenceEvaluation
{
    public static List<GoldDocument> ReadWikiEvents(IEnumerable<string> paths, out int unaligned)
    {
        var docs = new List<GoldDocument>();
        unaligned = 0;
        foreach (var path in paths)
        {
            var lineNo = 0;
            foreach (var line in File.ReadLines(path))
            {
                lineNo++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                var text = root.TryGetProperty("text", out var t) ? t.GetString() : null;
                if (text is null || !root.TryGetProperty("sentences", out var sentences))
                {
                    throw new FormatException($"'{path}' line {lineNo}: expected \"text\" and \"sentences\"");
                }

                var spans = new List<(int, int)>();
                var cursor = 0;
                foreach (var s in sentences.EnumerateArray())
                {
                    var st = s.ValueKind == JsonValueKind.Array && s.GetArrayLength() > 1 ? s[1].GetString() : null;
                    if (string.IsNullOrEmpty(st))
                    {
                        continue;
                    }

                    var at = text.IndexOf(st, cursor, StringComparison.Ordinal);
                    if (at < 0)
                    {
                        unaligned++;
                        continue;
                    }

                    spans.Add((at, at + st.Length));
                    cursor = at + st.Length;
                }

                var id = root.TryGetProperty("doc_id", out var d) ? d.GetString() ?? $"{path}:{lineNo}" : $"{path}:{lineNo}";
                docs.Add(new GoldDocument(id, text, [], spans));
            }
        }

        return docs;
    }

    public static SentenceEvaluationResult Evaluate(IReadOnlyList<GoldDocument> docs, int unaligned = 0, TextWriter? misses = null, CancellationToken cancellationToken = default)
    {
        var normalizer = new Normalizer();
        var tokenizer = new Tokenizer();
        var splitter = new SentenceSplitter();
        long gold = 0, predicted = 0, hit = 0, goldBoundaries = 0, foundBoundaries = 0;
        foreach (var g in docs)
        {
            var doc = new Document(g.Text);
            normalizer.Process(doc, cancellationToken);
            tokenizer.Process(doc, cancellationToken);
            splitter.Process(doc, cancellationToken);
            var spans = doc.Sentences().Select(s => (s.Span.Start, s.Span.End)).ToHashSet();
            gold += g.Sentences.Count;
            predicted += spans.Count;
            hit += g.Sentences.Count(spans.Contains);
            var starts = spans.Select(x => x.Start).ToHashSet();
            foreach (var (s, _) in g.Sentences.Skip(1))
            {
                goldBoundaries++;
                foundBoundaries += starts.Contains(s) ? 1 : 0;
            }
            if (misses is not null)
            {
                var goldSet = g.Sentences.ToHashSet();
                foreach (var (s, e) in g.Sentences.Where(x => !spans.Contains(x)))
                {
                    misses.WriteLine($"{g.Id}\tGOLD\t[{s},{e})\t{Flat(g.Text[s..e])}");
                }

                foreach (var (s, e) in spans.Where(x => !goldSet.Contains(x)).Order())
                {
                    misses.WriteLine($"{g.Id}\tSPLIT\t[{s},{e})\t{Flat(g.Text[s..e])}");
                }
            }
        }

        static string Flat(string t) => t.Length > 160 ? t[..80].ReplaceLineEndings(" ") + " … " + t[^70..].ReplaceLineEndings(" ") : t.ReplaceLineEndings(" ");
        double p = predicted == 0 ? 0 : (double)hit / predicted, r = gold == 0 ? 0 : (double)hit / gold;
        return new SentenceEvaluationResult(docs.Count, (int)gold, (int)predicted, (int)hit, p, r, p + r == 0 ? 0 : 2 * p * r / (p + r), unaligned)
        {
            GoldBoundaries = (int)goldBoundaries,
            FoundBoundaries = (int)foundBoundaries,
        };
    }
}
