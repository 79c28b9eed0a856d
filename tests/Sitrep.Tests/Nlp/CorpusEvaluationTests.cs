using Sitrep.Tagging;
using Sitrep.Training;
using Xunit;
using Xunit.Abstractions;

namespace Sitrep.Tests.Nlp;

/// <summary>The shipped models scored on held-out test sets; thresholds sit a little below the measured scores in BENCHMARKS.md.</summary>
[Trait("Category", "Corpus")]
public sealed class CorpusEvaluationTests(ITestOutputHelper output)
{
    [Fact]
    public void The_tagger_scores_at_least_its_benchmark_on_the_EWT_test_set()
    {
        var path = NlpTestData.Corpus(output, "ud-english-ewt", "en_ewt-ud-test.conllu");

        var r = PosTrainer.Evaluate(NlpModels.Pos(NlpTestData.Models), ConlluReader.Read(path));
        output.WriteLine($"upos {r.Upos:0.0000} xpos {r.Xpos:0.0000}");
        Assert.True(r.Upos >= 0.953, $"UPOS {r.Upos:0.0000}");
        Assert.True(r.Xpos >= 0.946, $"XPOS {r.Xpos:0.0000}");
    }

    [Fact]
    public void The_parser_scores_at_least_its_benchmark_on_the_EWT_test_set_with_predicted_tags()
    {
        var path = NlpTestData.Corpus(output, "ud-english-ewt", "en_ewt-ud-test.conllu");

        var r = ParserTrainer.Evaluate(NlpModels.Parser(NlpTestData.Models), NlpModels.Pos(NlpTestData.Models), ConlluReader.Read(path));
        output.WriteLine($"uas {r.Uas:0.0000} las {r.Las:0.0000}");
        Assert.True(r.Uas >= ParserUasThreshold, $"UAS {r.Uas:0.0000}");
        Assert.True(r.Las >= ParserLasThreshold, $"LAS {r.Las:0.0000}");
    }

    [Fact]
    public void The_recogniser_scores_at_least_its_benchmark_on_the_CoNLL_2003_test_set()
    {
        var path = NlpTestData.Corpus(output, "conll2003", "test.txt");

        var r = NerEvaluation.Evaluate(NlpModels.Ner(NlpTestData.Models), ConllNerReader.Read(path));
        output.WriteLine($"precision {r.Overall.Precision:0.0000} recall {r.Overall.Recall:0.0000} f1 {r.Overall.F1:0.0000}");
        Assert.Equal(5648, r.Overall.Gold);
        Assert.True(r.Overall.F1 >= NerF1Threshold, $"F1 {r.Overall.F1:0.0000}");
    }

    private const double ParserUasThreshold = 0.84;
    private const double ParserLasThreshold = 0.805;
    private const double NerF1Threshold = 0.835;
}
