using System.Diagnostics;
using Sitrep.Core;
using Sitrep.Tagging;
using Sitrep.Training;
using Xunit;

namespace Sitrep.Tests.Nlp;

public sealed class NlpStageTests
{
    private static (PosTaggerStage pos, DependencyParserStage parser, EntityRecognizerStage ner) Stages() =>
        (PosTaggerStage.FromModels(NlpTestData.Models), DependencyParserStage.FromModels(NlpTestData.Models), EntityRecognizerStage.FromModels(NlpTestData.Models));

    private static Document Run(string text)
    {
        var doc = NlpTestData.Pretokenized(text);
        var (pos, parser, ner) = Stages();
        pos.Process(doc, CancellationToken.None);
        parser.Process(doc, CancellationToken.None);
        ner.Process(doc, CancellationToken.None);
        return doc;
    }

    [Fact]
    public void The_stages_tag_parse_and_find_typed_mentions_in_a_document()
    {
        var doc = Run("Russian forces shelled Kharkiv on Monday , the Ukrainian army said .\nPresident Emmanuel Macron met officials of the United Nations in Paris .");
        Assert.Equal("PROPN", doc.Tokens.Upos[3]);
        Assert.Equal("VBD", doc.Tokens.Xpos[2]);
        Assert.True(doc.Has(Layer.PartOfSpeech) && doc.Has(Layer.Dependencies) && doc.Has(Layer.Mentions));

        // One root per sentence; heads are document token indices inside the sentence.
        foreach (var s in doc.SentenceRanges)
        {
            Assert.Equal(1, Enumerable.Range(s.First, s.End - s.First).Count(i => doc.Tokens.Heads[i] == -1));
            Assert.All(Enumerable.Range(s.First, s.End - s.First), i => Assert.True(doc.Tokens.Heads[i] == -1 || (doc.Tokens.Heads[i] >= s.First && doc.Tokens.Heads[i] < s.End)));
        }

        Assert.Equal("nsubj", doc.Tokens.DepLabels[1]);
        var mentions = doc.Mentions.ToDictionary(m => m.Text, m => m.Type);
        Assert.Equal("GPE", mentions["Kharkiv"]);
        Assert.Equal("GPE", mentions["Paris"]);
        Assert.Equal("PER", mentions["Emmanuel Macron"]);
        Assert.Equal("ORG", mentions["United Nations"]);
        Assert.Equal("NORP", mentions["Russian"]);
        Assert.Equal("B-GPE", doc.Tokens.EntityTags[3]);
        Assert.All(doc.Mentions, m => Assert.Equal(m.Text, doc.TextOf(m.Span)));
    }

    [Fact]
    public void Multi_word_demonyms_become_NORP_mentions()
    {
        var doc = Run("North Korean soldiers were sent to the front , South Korean officials said .");
        Assert.Contains(doc.Mentions, m => m.Text == "North Korean" && m.Type == "NORP");
    }

    [Theory]
    [InlineData("control\u0001chars \u0007 here\u0000 .")]
    [InlineData("Mixed Кириллица 中文 العربية script Київ .")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\uD83D\uDE00 \uFFFF \u200B .")]
    public void Odd_input_neither_crashes_nor_hangs(string text)
    {
        Stages(); // load (cached) before timing
        var sw = Stopwatch.StartNew();
        var doc = Run(text);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10));
        Assert.Equal(doc.Tokens.Count, doc.Tokens.EntityTags.Count);
    }

    [Fact]
    public void A_ten_thousand_character_token_and_an_empty_sentence_are_handled()
    {
        var doc = NlpTestData.Pretokenized("Kyiv " + new string('x', 10_000) + " fell .\n");
        doc.SentenceRanges.Add(new SentenceRange(doc.Tokens.Count, doc.Tokens.Count));
        var (pos, parser, ner) = Stages();
        var sw = Stopwatch.StartNew();
        pos.Process(doc, CancellationToken.None);
        parser.Process(doc, CancellationToken.None);
        ner.Process(doc, CancellationToken.None);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5));
        Assert.NotNull(doc.Tokens.Upos[1]);
    }

    [Fact]
    public void A_very_long_sentence_is_parsed_in_bounded_chunks()
    {
        var text = string.Join(' ', Enumerable.Repeat("troops advanced and", 400)) + " .";
        var doc = Run(text);
        Assert.Equal(1201, doc.Tokens.Count);
        Assert.All(doc.Tokens.DepLabels, l => Assert.NotNull(l));
    }

    [Fact]
    public void Models_load_once_and_are_shared()
    {
        Assert.Same(NlpModels.Pos(NlpTestData.Models), NlpModels.Pos(NlpTestData.Models));
        Assert.Same(NlpModels.Ner(NlpTestData.Models), NlpModels.Ner(NlpTestData.Models));
    }

    [Fact]
    public void Conlleval_chunking_follows_IOB_rules()
    {
        var chunks = NerEvaluation.Chunks(["B-PER", "I-PER", "O", "I-LOC", "I-LOC", "B-LOC", "I-ORG"]);
        Assert.Equal([(0, 2, "PER"), (3, 5, "LOC"), (5, 6, "LOC"), (6, 7, "ORG")], chunks);
        Assert.Equal(["B-PER", "L-PER", "O", "U-LOC"], NerTrainer.ToBilou(["B-PER", "I-PER", "O", "B-LOC"]));
    }

    [Fact]
    public void Iob1_tags_are_read_as_iob2()
    {
        var tags = new[] { "I-PER", "I-PER", "O", "I-LOC", "B-LOC" };
        ConllNerReader.ToIob2(tags);
        Assert.Equal(["B-PER", "I-PER", "O", "B-LOC", "B-LOC"], tags);
    }
}
