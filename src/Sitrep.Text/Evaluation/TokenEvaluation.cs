using System.Diagnostics;
using Sitrep.Core;

namespace Sitrep.Text.Evaluation;

/// <summary>Tokenisation and sentence-boundary scores (exact span match).</summary>
public sealed record TokenEvaluationResult(
    int Documents,
    int GoldTokens,
    int PredictedTokens,
    double TokenPrecision,
    double TokenRecall,
    double TokenF1,
    int GoldSentences,
    int PredictedSentences,
    double SentencePrecision,
    double SentenceRecall,
    double SentenceF1,
    double TokensPerSecond);

/// <summary>Runs normalisation, tokenisation and sentence splitting over gold documents and scores the spans.</summary>
public static class TokenEvaluation
{
    public static TokenEvaluationResult Evaluate(IReadOnlyList<GoldDocument> docs, CancellationToken cancellationToken = default)
    {
        var normalizer = new Normalizer();
        var tokenizer = new Tokenizer();
        var splitter = new SentenceSplitter();
        long goldT = 0, predT = 0, hitT = 0, goldS = 0, predS = 0, hitS = 0;
        var watch = new Stopwatch();
        foreach (var gold in docs)
        {
            var doc = new Document(gold.Text);
            watch.Start();
            normalizer.Process(doc, cancellationToken);
            tokenizer.Process(doc, cancellationToken);
            splitter.Process(doc, cancellationToken);
            watch.Stop();

            var predictedTokens = new HashSet<(int, int)>();
            for (var i = 0; i < doc.TokenCount; i++)
            {
                predictedTokens.Add((doc.Tokens.Starts[i], doc.Tokens.Ends[i]));
            }

            var predictedSentences = doc.Sentences().Select(s => (s.Span.Start, s.Span.End)).ToHashSet();
            goldT += gold.Tokens.Count;
            predT += predictedTokens.Count;
            hitT += gold.Tokens.Count(predictedTokens.Contains);
            goldS += gold.Sentences.Count;
            predS += predictedSentences.Count;
            hitS += gold.Sentences.Count(predictedSentences.Contains);
        }

        static double Ratio(long a, long b) => b == 0 ? 0 : (double)a / b;
        static double F1(double p, double r) => p + r == 0 ? 0 : 2 * p * r / (p + r);
        double tp = Ratio(hitT, predT), tr = Ratio(hitT, goldT), sp = Ratio(hitS, predS), sr = Ratio(hitS, goldS);
        return new TokenEvaluationResult(
            docs.Count, (int)goldT, (int)predT, tp, tr, F1(tp, tr), (int)goldS, (int)predS, sp, sr, F1(sp, sr),
            predT / Math.Max(watch.Elapsed.TotalSeconds, 1e-9));
    }
}
