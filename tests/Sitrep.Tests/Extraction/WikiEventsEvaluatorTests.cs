using System.Text.Json;
using Sitrep.Analysis;
using Sitrep.Extraction.Evaluation;
using Xunit;

namespace Sitrep.Tests.Extraction;

/// <summary>The WikiEvents evaluator: documents rebuilt from token offsets, sentence-level detection, roles by head word.</summary>
public class WikiEventsEvaluatorTests
{
    // two sentences glued in the page's `text` ("Kabul.Officials") but one character apart by their token offsets
    private const string Doc = """
        {"doc_id": "d1", "text": "Militants attacked a police post in Kabul.Officials said nothing.",
         "sentences": [
           [[["Militants", 0, 9], ["attacked", 10, 18], ["a", 19, 20], ["police", 21, 27], ["post", 28, 32], ["in", 33, 35], ["Kabul", 36, 41], [".", 41, 42]], "Militants attacked a police post in Kabul."],
           [[["Officials", 43, 52], ["said", 53, 57], ["nothing", 58, 65], [".", 65, 66]], "Officials said nothing."]],
         "entity_mentions": [
           {"id": "d1-T1", "sent_idx": 0, "start": 0, "end": 1, "entity_type": "PER", "text": "Militants"},
           {"id": "d1-T2", "sent_idx": 0, "start": 4, "end": 5, "entity_type": "FAC", "text": "post"},
           {"id": "d1-T3", "sent_idx": 0, "start": 6, "end": 7, "entity_type": "GPE", "text": "Kabul"}],
         "event_mentions": [
           {"id": "d1-E1", "event_type": "Conflict.Attack.Unspecified", "trigger": {"start": 1, "end": 2, "text": "attacked", "sent_idx": 0},
            "arguments": [{"entity_id": "d1-T1", "role": "Attacker", "text": "Militants"}, {"entity_id": "d1-T2", "role": "Target", "text": "post"}, {"entity_id": "d1-T3", "role": "Place", "text": "Kabul"}]},
           {"id": "d1-E2", "event_type": "Contact.Contact.Broadcast", "trigger": {"start": 9, "end": 10, "text": "said", "sent_idx": 1}, "arguments": []}]}
        """;

    [Fact]
    public void A_document_is_rebuilt_from_its_token_offsets()
    {
        using var json = JsonDocument.Parse(Doc);
        var r = WikiEventsEvaluator.Rebuild(json.RootElement);
        Assert.Equal("Militants attacked a police post in Kabul. Officials said nothing.", r.Text);
        Assert.Equal(2, r.Sentences.Length);
        Assert.Equal("Officials", r.Text[r.TokenStarts[8]..r.TokenEnds[8]]);
        Assert.Equal("Officials said nothing.", r.Text[r.Sentences[1].Start..r.Sentences[1].End]);
    }

    [Fact]
    public void A_headline_without_final_punctuation_ends_its_line()
    {
        const string headline = """
            {"doc_id": "d2", "text": "Bomb kills two The blast hit a market.",
             "sentences": [[[["Bomb", 0, 4], ["kills", 5, 10], ["two", 11, 14]], "Bomb kills two"], [[["The", 15, 18], ["blast", 19, 24], ["hit", 25, 28], ["a", 29, 30], ["market", 31, 37], [".", 37, 38]], "The blast hit a market."]],
             "entity_mentions": [], "event_mentions": []}
            """;
        using var json = JsonDocument.Parse(headline);
        Assert.Equal("Bomb kills two\nThe blast hit a market.", WikiEventsEvaluator.Rebuild(json.RootElement).Text);
    }

    [Fact]
    public void An_attack_found_in_its_sentence_counts_with_its_roles()
    {
        var r = WikiEventsEvaluator.Evaluate(Doc.ReplaceLineEndings(" "), null, Analyzer.Default);
        var assault = r.Types.Single(t => t.Type == "ASSAULT");
        Assert.Equal(1, assault.Gold);
        Assert.Equal(1, assault.GoldFound);
        Assert.Equal(assault.System, assault.SystemCorrect);
        Assert.Equal(1, r.Roles.Single(x => x.Role == "Place").Correct);
        Assert.Equal(0, r.EvidenceViolations);
    }

    [Theory]
    [InlineData("the Afghan security forces", "forces", true)]
    [InlineData("Afghanistan", "Afghan troops", true)]
    [InlineData("Islamic State", "State", true)]
    [InlineData("police station in Kabul", "station", true)]
    [InlineData("Kabul", "police", false)]
    [InlineData("IRA's Belfast brigade", "brigade", true)]
    public void Roles_match_by_head_word_or_state(string system, string gold, bool same) =>
        Assert.Equal(same, WikiEventsEvaluator.SameHead(system, gold));

    [Fact]
    [Trait("Category", "Corpus")]
    public void WikiEvents_dev_keeps_its_measured_figures()
    {
        var folder = ExtractionTestData.Shared("data/event-extraction-gold/wikievents");
        if (folder is null)
        {
            return;
        }

        var r = WikiEventsEvaluator.Evaluate(File.ReadAllText(Path.Combine(folder, "dev.jsonl")), File.ReadAllText(Path.Combine(folder, "coref_dev.jsonlines")), Analyzer.Default);
        var assault = r.Types.Single(t => t.Type == "ASSAULT");
        Assert.Equal(20, r.Documents);
        Assert.Equal(102, assault.Gold);
        Assert.True(assault.Recall >= 0.33, $"ASSAULT recall {assault.Recall}");
        Assert.True(assault.Precision >= 0.62, $"ASSAULT precision {assault.Precision}");
        Assert.Equal(0, r.EvidenceViolations);
    }
}
