using Sitrep.Core;
using Sitrep.Tests.Specs;
using Sitrep.Text;
using Xunit;

namespace Sitrep.Tests.Text;

public class TokenizerTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var (input, expected) in SpecFile.SingleLineCases("tokenizer.md"))
        {
            data.Add(input, expected);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Tokenizer_spec_case_gives_the_expected_tokens(string input, string expected)
    {
        var doc = Tokenize(input);
        var actual = string.Join(" | ", doc.AllTokens().Select(t => t.Text));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Spec_file_has_cases()
    {
        Assert.True(SpecFile.SingleLineCases("tokenizer.md").Count() >= 8);
    }

    [Fact]
    public void Zero_width_characters_and_soft_hyphens_stay_inside_their_token()
    {
        var text = "Kra\u200Dmatorsk and Sievie\u00ADrodonetsk fell.";
        var doc = Tokenize(text);
        Assert.Equal(["Kra\u200Dmatorsk", "and", "Sievie\u00ADrodonetsk", "fell", "."], doc.AllTokens().Select(t => t.Text));
        Assert.Equal("Kramatorsk", doc.Token(0).Form);
    }

    [Fact]
    public void No_break_spaces_separate_tokens()
    {
        var doc = Tokenize("50\u00A0km from\u202Fthe front");
        Assert.Equal(["50", "km", "from", "the", "front"], doc.AllTokens().Select(t => t.Text));
    }

    [Fact]
    public void Normalised_forms_are_straight_while_text_is_original()
    {
        var doc = Tokenize("Kyiv’s “buffer zone”");
        Assert.Equal(["Kyiv", "'s", "\"", "buffer", "zone", "\""], doc.AllTokens().Select(t => t.Form));
        Assert.Equal(["Kyiv", "’s", "“", "buffer", "zone", "”"], doc.AllTokens().Select(t => t.Text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    [InlineData("\u0001\u0002\u0003")]
    [InlineData("\uD800 lone surrogate")]
    public void Degenerate_inputs_give_ordered_tokens_inside_the_text(string text)
    {
        var doc = Tokenize(text);
        AssertTokensWellFormed(doc);
    }

    [Fact]
    public void A_ten_thousand_character_token_is_one_token()
    {
        var word = new string('a', 10_000);
        var doc = Tokenize($"x {word} y");
        Assert.Equal(3, doc.TokenCount);
        Assert.Equal(10_000, doc.Token(1).Span.Length);
    }

    [Fact]
    public void Mixed_scripts_are_tokenised_without_losing_characters()
    {
        var doc = Tokenize("Обстріл Харкова 😀 continued — بغداد.");
        AssertTokensWellFormed(doc);
        Assert.Contains(doc.AllTokens(), t => t.Text == "Харкова");
        Assert.Contains(doc.AllTokens(), t => t.Text == "بغداد");
        // issue #15: an emoji is not a word, so it is no token (its characters stay in the text, offsets unchanged)
        Assert.DoesNotContain(doc.AllTokens(), t => t.Text.Contains("😀", StringComparison.Ordinal));
        Assert.Equal(doc.Text.IndexOf("continued", StringComparison.Ordinal), doc.AllTokens().First(t => t.Text == "continued").Span.Start);
    }

    internal static Document Tokenize(string text)
    {
        var doc = new Document(text);
        new Normalizer().Process(doc, CancellationToken.None);
        new Tokenizer().Process(doc, CancellationToken.None);
        return doc;
    }

    internal static void AssertTokensWellFormed(Document doc)
    {
        var previousEnd = 0;
        for (var i = 0; i < doc.TokenCount; i++)
        {
            var span = doc.Token(i).Span;
            Assert.True(span.Start >= previousEnd, $"token {i} {span} overlaps or precedes the previous one");
            Assert.True(span.End > span.Start, $"token {i} is empty");
            Assert.True(span.End <= doc.Text.Length, $"token {i} {span} runs past the text");
            previousEnd = span.End;
        }
    }
}
