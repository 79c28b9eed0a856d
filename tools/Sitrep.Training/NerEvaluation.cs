using System.Diagnostics;
using Sitrep.Tagging;

namespace Sitrep.Training;

/// <summary>Chunk-level scores as conlleval computes them.</summary>
public sealed record ChunkScore(double Precision, double Recall, double F1, int Gold, int Predicted, int Correct)
{
    public static ChunkScore Of(int gold, int predicted, int correct)
    {
        var p = predicted == 0 ? 0 : (double)correct / predicted;
        var r = gold == 0 ? 0 : (double)correct / gold;
        return new ChunkScore(p, r, p + r == 0 ? 0 : 2 * p * r / (p + r), gold, predicted, correct);
    }
}

/// <summary>
/// NER scores. Speeds are measured after a warm-up pass: <see cref="TokensPerSecond"/> on the wall clock,
/// <see cref="TokensPerCpuSecond"/> per second of process CPU time (the single-core rate on a shared machine).
/// </summary>
public sealed record NerScores(ChunkScore Overall, SortedDictionary<string, ChunkScore> PerType, int Tokens, double TokensPerSecond)
{
    public double TokensPerCpuSecond { get; init; }
}

/// <summary>conlleval-exact chunk evaluation: a predicted chunk counts when its type and both boundaries match a gold chunk.</summary>
public static class NerEvaluation
{
    /// <summary>Chunks of an IOB2 (or IOB1) tag sequence as (start, end, type), conlleval's rules for chunk starts and ends.</summary>
    public static List<(int Start, int End, string Type)> Chunks(IReadOnlyList<string> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var result = new List<(int, int, string)>();
        var start = -1;
        string? type = null;
        for (var i = 0; i <= tags.Count; i++)
        {
            var tag = i < tags.Count ? tags[i] : "O";
            var prefix = tag.Length > 1 && tag[1] == '-' ? tag[0] : (tag == "O" ? 'O' : 'B');
            var t = tag.Length > 2 && tag[1] == '-' ? tag[2..] : null;
            var begins = prefix is 'B' or 'U' or 'S' || (prefix is 'I' or 'L' or 'E' && (type is null || t != type));
            var ends = type is not null && (prefix is 'O' or 'B' or 'U' or 'S' || t != type);
            if (ends)
            {
                result.Add((start, i, type!));
                type = null;
            }

            if (begins && prefix != 'O')
            {
                start = i;
                type = t;
            }
        }

        return result;
    }

    /// <summary>Tags every document with the model and scores the chunks against the gold tags.</summary>
    public static NerScores Evaluate(NerModel model, IReadOnlyList<NerDocument> docs)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(docs);
        var predicted = new List<string[]>();
        var sentences = docs.Select(d => (IReadOnlyList<string[]>)d.Sentences.Select(s => s.Forms).ToList()).ToList();
        foreach (var doc in sentences.Take(20))
        {
            NerTagger.TagDocument(model, doc); // warm-up (JIT), not timed
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        var tokens = 0;
        foreach (var doc in sentences)
        {
            predicted.AddRange(NerTagger.TagDocument(model, doc));
        }

        var secs = Math.Max(sw.Elapsed.TotalSeconds, 1e-9);
        var cpuSecs = Math.Max((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds, 1e-9);
        tokens = docs.Sum(d => d.TokenCount);
        var gold = docs.SelectMany(d => d.Sentences.Select(s => s.Tags)).ToList();
        return Score(gold, predicted, tokens, tokens / secs) with { TokensPerCpuSecond = tokens / cpuSecs };
    }

    public static NerScores Score(IReadOnlyList<string[]> gold, IReadOnlyList<string[]> predicted, int tokens, double tokensPerSecond)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(predicted);
        var g = new Dictionary<string, int>(StringComparer.Ordinal);
        var p = new Dictionary<string, int>(StringComparer.Ordinal);
        var c = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var s = 0; s < gold.Count; s++)
        {
            var gc = Chunks(gold[s]);
            var pc = Chunks(predicted[s]);
            var gset = new HashSet<(int, int, string)>(gc);
            foreach (var x in gc)
            {
                g[x.Type] = g.GetValueOrDefault(x.Type) + 1;
            }

            foreach (var x in pc)
            {
                p[x.Type] = p.GetValueOrDefault(x.Type) + 1;
                if (gset.Contains(x))
                {
                    c[x.Type] = c.GetValueOrDefault(x.Type) + 1;
                }
            }
        }

        var per = new SortedDictionary<string, ChunkScore>(StringComparer.Ordinal);
        foreach (var t in g.Keys.Union(p.Keys))
        {
            per[t] = ChunkScore.Of(g.GetValueOrDefault(t), p.GetValueOrDefault(t), c.GetValueOrDefault(t));
        }

        return new NerScores(ChunkScore.Of(g.Values.Sum(), p.Values.Sum(), c.Values.Sum()), per, tokens, tokensPerSecond);
    }
}
