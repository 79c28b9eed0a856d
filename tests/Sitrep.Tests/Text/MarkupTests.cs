using Sitrep.Core;
using Sitrep.Text;
using Xunit;

namespace Sitrep.Tests.Text;

/// <summary>Issue #15: markdown and web text read as prose; sentences end where the text says so; offsets stay.</summary>
public class MarkupTests
{
    [Theory]
    [InlineData("**Forces hold the line in the south.** The president said so on Monday.", "Forces hold the line in the south.|The president said so on Monday.")]
    [InlineData("Forces liberated two villages.[[ii]](https://example.org/a#edn2) Russian forces attacked Kupyansk.", "Forces liberated two villages.|Russian forces attacked Kupyansk.")]
    [InlineData("Roadside bomb kills general in SyriaThe desert east of the river is rife with insurgents", "Roadside bomb kills general in Syria|The desert east of the river is rife with insurgents")]
    [InlineData("the river is rife with insurgentsRussia's foray took a toll this week.", "the river is rife with insurgents|Russia's foray took a toll this week.")]
    [InlineData("A commander was also killed.“They changed their tactics,” said one source.", "A commander was also killed.|“They changed their tactics,” said one source.")]
    [InlineData("He said the talks would go on.\" The envoy left.", "He said the talks would go on.\"|The envoy left.")]
    [InlineData("Man pleads not guilty to hampering bomb probeBOSTON — A man pleaded not guilty on Wednesday.", "Man pleads not guilty to hampering bomb probe|BOSTON — A man pleaded not guilty on Wednesday.")]
    [InlineData("\"There is no risk,\" he said, \"none at all.\"Police closed the road.", "\"There is no risk,\" he said, \"none at all.\"|Police closed the road.")]
    [InlineData("Students InjuredAn alleged clash left four hurt.", "Students Injured|An alleged clash left four hurt.")]
    [InlineData("International editor, reporting fromKyiv on the war.", "International editor, reporting fromKyiv on the war.")]
    [InlineData("The measures include:\n- more air defence\n- new sanctions", "The measures include:|- more air defence|- new sanctions")]
    [InlineData("## Background\nthe war began in 2022.", "Background|the war began in 2022.")]
    public void Sentences_end_at_markup_and_glued_boundaries(string text, string expected)
    {
        var doc = Split(text);
        Assert.Equal(expected.Split('|'), doc.Sentences().Select(s => s.Text));
    }

    [Fact]
    public void Links_read_as_their_text_and_citation_markers_are_skipped()
    {
        var text = "Strikes hit [Kharkiv](https://example.org/kharkiv \"city\") overnight.[12] Officials said 3 people died.[[iii]](https://example.org/x#ref3)";
        var doc = Split(text);
        var forms = doc.AllTokens().Select(t => t.Text).ToList();
        Assert.Equal(["Strikes", "hit", "Kharkiv", "overnight", ".", "Officials", "said", "3", "people", "died", "."], forms);
        var kharkiv = doc.AllTokens().Single(t => t.Text == "Kharkiv");
        Assert.Equal(text.IndexOf("Kharkiv", StringComparison.Ordinal), kharkiv.Span.Start);
        Assert.Equal(2, doc.SentenceCount);
    }

    [Theory]
    [InlineData("Talks open in #Istanbul today", "Istanbul")]
    [InlineData("⚡️Zelensky: the front holds", "Zelensky")]
    [InlineData("🇺🇦 Kyiv under attack", "Kyiv")]
    public void Hashtags_read_as_their_word_and_emoji_are_not_words(string text, string firstWord)
    {
        var doc = Split(text);
        Assert.Contains(doc.AllTokens(), t => t.Text == firstWord);
        Assert.All(doc.AllTokens(), t => Assert.DoesNotContain(t.Text, new[] { "#", "⚡", "\uFE0F" }));
    }

    [Theory]
    [InlineData("He posted it on YouTube and LinkedIn from his iPhone near McDonald's.")]
    [InlineData("Send the file image_gif_part to the team.")]
    [InlineData("The result is 5 * 3 and the footer was *******************.")]
    [InlineData("- PPA Guaranty.doc")]
    public void Ordinary_text_is_left_alone(string text)
    {
        var doc = Split(text);
        Assert.Equal(1, doc.SentenceCount);
        foreach (var word in new[] { "YouTube", "LinkedIn", "iPhone", "McDonald", "*******************", "-" })
        {
            if (text.Contains(word, StringComparison.Ordinal))
            {
                Assert.Contains(doc.AllTokens(), t => t.Text == word);
            }
        }

        if (text.Contains("image_gif", StringComparison.Ordinal))
        {
            Assert.Equal(2, doc.AllTokens().Count(t => t.Text == "_")); // an underscore inside a word is no emphasis
        }
    }

    private static Document Split(string text)
    {
        var doc = new Document(text);
        new Normalizer().Process(doc, CancellationToken.None);
        new Tokenizer().Process(doc, CancellationToken.None);
        new SentenceSplitter().Process(doc, CancellationToken.None);
        TreebankInvariantTests.AssertFactsInsideText(doc);
        return doc;
    }
}
