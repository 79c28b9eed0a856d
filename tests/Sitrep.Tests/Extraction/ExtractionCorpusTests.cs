using Sitrep.Analysis;
using Sitrep.Extraction;
using Sitrep.Extraction.Evaluation;
using Xunit;

namespace Sitrep.Tests.Extraction;

/// <summary>The seed acceptance case, the PLOVER gold records and the real war-news corpus, with thresholds a little below measured scores.</summary>
public class ExtractionCorpusTests
{
    [Fact]
    [Trait("Category", "Corpus")]
    public void The_seed_article_meets_its_acceptance_thresholds()
    {
        var seed = ExtractionTestData.Shared("seed");

        var doc = ExtractionTestData.Analyse(File.ReadAllText(Path.Combine(seed, "kursk-buildup.txt")), "2024-11-11");
        var report = GoldEvaluator.Evaluate(doc, File.ReadAllText(Path.Combine(seed, "kursk-buildup.gold.json")));
        var notes = string.Join("\n", report.Notes);
        Assert.True(report["events"].Recall >= 1.0, notes);
        Assert.True(report["quantities"].Recall >= 1.0, notes);
        Assert.True(report["claims"].Recall >= 7 / 8.0, notes);
        Assert.True(report["actors"].Recall >= 1.0, notes);
        Assert.True(report["places"].Recall >= 1.0, notes);
        foreach (var section in new[] { "actors", "places", "events", "quantities", "claims" })
        {
            Assert.True(report[section].Precision >= 0.85, $"{section} precision {report[section].Precision}\n{notes}");
        }

        Assert.Empty(EvidenceChecker.Check(doc));
    }

    [Fact]
    [Trait("Category", "Corpus")]
    public void PLOVER_gold_records_keep_their_measured_accuracy()
    {
        var gsr = ExtractionTestData.Shared("data/event-extraction-gold/plover-gsr/PLOVER_GSR_CAMEO.json");

        var r = PloverEvaluator.Evaluate(File.ReadAllText(gsr), Analyzer.Default);
        Assert.True(r.TypeAccuracy >= 0.74, $"type accuracy {r.TypeAccuracy}");
        Assert.True(r.SourceMatch >= 0.88, $"source match {r.SourceMatch}");
        Assert.True(r.TargetMatch >= 0.70, $"target match {r.TargetMatch}");
        foreach (var half in new[] { "odd", "even" })
        {
            var h = PloverEvaluator.Evaluate(File.ReadAllText(gsr), Analyzer.Default, half);
            Assert.True(h.TypeAccuracy >= 0.70, $"{half} half type accuracy {h.TypeAccuracy}");
            Assert.True(h.TargetMatch >= 0.68, $"{half} half target match {h.TargetMatch}");
        }
    }

    [Fact]
    [Trait("Category", "Corpus")]
    public void Parsing_only_trigger_sentences_scores_as_parsing_every_sentence()
    {
        var gsr = ExtractionTestData.Shared("data/event-extraction-gold/plover-gsr/PLOVER_GSR_CAMEO.json");
        var pipelineFile = Path.Combine(Sitrep.Core.SitrepPaths.Root, "pipeline-parse.json");
        if (gsr is null || !File.Exists(pipelineFile))
        {
            return;
        }

        // pipeline-parse.json parses every sentence; the default only those where an event rule can fire
        var all = PloverEvaluator.Evaluate(File.ReadAllText(gsr), Analyzer.FromFile(pipelineFile));
        var triggers = PloverEvaluator.Evaluate(File.ReadAllText(gsr), Analyzer.Default);
        Assert.Equal(all.TypeAccuracy, triggers.TypeAccuracy);
        Assert.Equal(all.SourceMatch, triggers.SourceMatch);
        Assert.Equal(all.TargetMatch, triggers.TargetMatch);
    }

    [Fact]
    [Trait("Category", "Corpus")]
    public void The_war_news_corpus_runs_without_errors_or_evidence_violations()
    {
        var folder = ExtractionTestData.Shared("data/ukraine-war-news-en");

        var docs = NewsCorpus.Load(folder, out var skipped);
        Assert.Empty(skipped);
        Assert.True(docs.Count > 900);
        var violations = new List<string>();
        foreach (var (id, doc) in docs)
        {
            Analyzer.Default.Process(doc);
            violations.AddRange(EvidenceChecker.Check(doc).Select(v => $"{id}: {v}"));
        }

        Assert.Empty(violations);
        Assert.True(docs.Sum(d => d.Doc.Events.Count) > 500);
    }
}
