using Sitrep.Analysis;
using Sitrep.Core;
using Sitrep.Core.Pipeline;
using Sitrep.Extraction;
using Sitrep.Tagging;
using Xunit;

namespace Sitrep.Tests.Extraction;

public class ParseSelectionTests
{
    private const string TwoSentences = "The weather was mild all week. A camp for Congolese refugees was attacked by Russian soldiers.";

    private static Pipeline Pipeline(string parserOptions) => StageCatalog.CreateRegistry().BuildFromJson($$"""
        { "stages": [
          { "name": "sitrep.Normalizer.v1" }, { "name": "sitrep.Tokenizer.v1" }, { "name": "sitrep.SentenceSplitter.v1" },
          { "name": "sitrep.PosTagger.v1" }, { "name": "sitrep.DependencyParser.v1"{{parserOptions}} },
          { "name": "sitrep.EntityRecognizer.v1" }, { "name": "sitrep.Toponyms.v1" }, { "name": "sitrep.Quantities.v1" },
          { "name": "sitrep.Times.v1" }, { "name": "sitrep.Actors.v1" }, { "name": "sitrep.Events.v1" }, { "name": "sitrep.Claims.v1" } ] }
        """, SitrepPaths.Models, "test pipeline");

    [Fact]
    public void The_event_pre_check_accepts_a_sentence_with_a_trigger_and_rejects_one_without()
    {
        var doc = Analyzer.Default.Process(new Document(TwoSentences));
        var events = new EventExtractor();
        Assert.False(events.MayFire(doc, doc.SentenceRanges[0]));
        Assert.True(events.MayFire(doc, doc.SentenceRanges[1]));
    }

    [Fact]
    public void The_parser_on_trigger_sentences_leaves_the_other_sentences_without_heads()
    {
        var doc = Pipeline(""", "options": { "sentences": "triggers" }""").Process(new Document(TwoSentences));
        var (quiet, attack) = (doc.SentenceRanges[0], doc.SentenceRanges[1]);
        for (var t = quiet.First; t < quiet.End; t++)
        {
            Assert.Equal(-1, doc.Tokens.Heads[t]);
            Assert.Null(doc.Tokens.DepLabels[t]);
            Assert.False(DependencyParserStage.IsParsed(doc, t));
        }

        Assert.All(Enumerable.Range(attack.First, attack.End - attack.First), t => Assert.NotNull(doc.Tokens.DepLabels[t]));
        Assert.Single(Enumerable.Range(attack.First, attack.End - attack.First), t => doc.Tokens.Heads[t] == -1);
        Assert.Contains("sentences: triggers", doc.Provenance[DependencyParserStage.StageName], StringComparison.Ordinal);
    }

    [Fact]
    public void Events_read_the_parse_of_their_sentence_when_other_sentences_are_not_parsed()
    {
        var doc = Pipeline(""", "options": { "sentences": "triggers" }""").Process(new Document(TwoSentences));
        var e = Assert.Single(doc.Events);
        Assert.Equal("ASSAULT", e.Type);
        Assert.Equal("Russia", e.Actor);
        Assert.Equal("Democratic Republic of the Congo", e.Target);
    }

    [Fact]
    public void A_sentence_the_parser_skipped_falls_back_to_the_word_order_rules()
    {
        // a selection that parses nothing must give the events of the pipeline without a parser
        var parser = new DependencyParserStage(NlpModels.Parser(SitrepPaths.Models), (_, _) => false, "none");
        var withSkips = Pipeline(""", "options": { "sentences": "triggers" }""");
        var text = "Serbian military police launched an investigation. Syria said it will withdraw its troops from the border.";
        var skipped = new Document(text);
        foreach (var stage in withSkips.Stages)
        {
            (stage.Name == DependencyParserStage.StageName ? parser : stage).Process(skipped, CancellationToken.None);
        }

        var noParse = StageCatalog.CreateRegistry().BuildFromJson(
            Analyzer.DefaultPipelineJson().Replace("""{ "name": "sitrep.DependencyParser.v1", "options": { "sentences": "triggers" } },""", "", StringComparison.Ordinal),
            SitrepPaths.Models, "no parser").Process(new Document(text));
        Assert.False(noParse.Provenance.ContainsKey(DependencyParserStage.StageName));
        Assert.Equal(noParse.Events.Select(e => (e.Type, e.Actor, e.Target)), skipped.Events.Select(e => (e.Type, e.Actor, e.Target)));
        Assert.NotEmpty(skipped.Events);
    }

    [Fact]
    public void An_unknown_sentence_selection_is_a_configuration_error_naming_it()
    {
        var e = Assert.Throws<PipelineException>(() => Pipeline(""", "options": { "sentences": "verbs" }"""));
        Assert.Contains("verbs", e.Message, StringComparison.Ordinal);
        Assert.Contains("triggers", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_pipeline_parses_trigger_sentences()
    {
        var json = Analyzer.DefaultPipelineJson();
        Assert.Contains("sitrep.PosTagger.v1", json, StringComparison.Ordinal);
        Assert.Contains("""{ "name": "sitrep.DependencyParser.v1", "options": { "sentences": "triggers" } }""", json, StringComparison.Ordinal);
    }
}
