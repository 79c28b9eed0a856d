using Sitrep.Core;
using Sitrep.Text;
using Sitrep.Text.Content;
using Xunit;

namespace Sitrep.Tests.Text;

/// <summary>Issue #15: the content stage marks the report's own text; nothing outside it becomes a token.</summary>
public class ContentStageTests
{
    // A page as a scraper leaves it: title line with the site's name, navigation, the article, share buttons, a
    // related list and a footer. Written for these tests; not taken from any real page.
    internal const string Page = """
        Shelling damages water plant in river town | Example News
        Home
        World
        Politics
        Sign in
        Subscribe
        Shelling damages water plant in river town
        By Jane Writer
        March 3, 2030
        Shelling overnight damaged the water treatment plant in the river town, leaving about 20,000 residents without running water, the regional governor said on Tuesday.
        Repair crews reached the site in the morning but had to withdraw when the shelling resumed, according to the local utility, which said supplies could be restored within days.
        The governor said two workers were wounded and that emergency tanks would supply drinking water to hospitals and schools until the plant is repaired.
        Share
        Facebook
        Twitter
        Email
        Read more:
        Ceasefire talks stall again as envoys leave the capital
        Farmers count the cost of a cold spring
        Photo: Jane Writer/Example News
        © 2030 Example News. All rights reserved.
        Privacy Policy
        """;

    [Fact]
    public void A_plain_report_keeps_every_line()
    {
        var text = "Troops crossed the river\nTroops crossed the river near the town on Monday, officials said. About 300 soldiers took part.";
        var map = ContentClassifier.Default.Classify(text);
        Assert.True(map.IsAll);
        Assert.Equal(text.Length, map.Kept.Sum(k => k.Length));
    }

    [Fact]
    public void Site_chrome_is_dropped_and_the_article_is_kept_with_its_headline_and_byline()
    {
        var map = ContentClassifier.Default.Classify(Page, "Shelling damages water plant in river town");
        var kept = map.KeptText(Page);
        Assert.Contains("Shelling overnight damaged the water treatment plant", kept, StringComparison.Ordinal);
        Assert.Contains("emergency tanks would supply drinking water", kept, StringComparison.Ordinal);
        Assert.Contains("By Jane Writer", kept, StringComparison.Ordinal);
        Assert.StartsWith("Shelling damages water plant in river town\n", kept, StringComparison.Ordinal);
        foreach (var chrome in new[] { "Example News", "Home", "Subscribe", "Facebook", "Ceasefire talks stall", "Farmers count", "Photo:", "All rights reserved", "Privacy Policy" })
        {
            Assert.DoesNotContain(chrome, kept, StringComparison.Ordinal);
        }

        // every kept span is a stretch of the original text
        foreach (var span in map.Kept)
        {
            Assert.InRange(span.Start, 0, Page.Length);
            Assert.InRange(span.End, span.Start, Page.Length);
        }

        Assert.Contains(map.Blocks, b => !b.Kept && Page[b.Span.Start..b.Span.End] == "Ceasefire talks stall again as envoys leave the capital" && b.Reason == "related list");
    }

    [Fact]
    public void Nothing_outside_the_content_becomes_a_token_or_a_sentence()
    {
        var doc = Analyse(Page, "Shelling damages water plant in river town");
        Assert.NotNull(doc.Content);
        Assert.True(doc.TokenCount > 50);
        for (var i = 0; i < doc.TokenCount; i++)
        {
            Assert.True(doc.Content!.IsContent(doc.Tokens.Starts[i]), $"token '{doc.Token(i).Text}' lies outside the content");
        }

        Assert.DoesNotContain(doc.Sentences(), s => s.Text.Contains("Facebook", StringComparison.Ordinal));
        // a sentence never runs from the byline into the body across the page's lines
        Assert.Contains(doc.Sentences(), s => s.Text.StartsWith("Shelling overnight damaged", StringComparison.Ordinal));
    }

    [Fact]
    public void Lines_seen_on_earlier_pages_of_the_outlet_are_chrome()
    {
        var other = "Tanks seen moving toward the border crossing near the northern town\n";
        var page = Page.Replace("Home\n", "Home\n" + other, StringComparison.Ordinal);
        var alone = ContentClassifier.Default.Classify(page);
        var profile = new BoilerplateProfile();
        profile.Add(TextLines.DistinctHashes("Home\n" + other + "Weather\n"));
        var learned = ContentClassifier.Default.Classify(page, null, profile);
        var at = page.IndexOf(other, StringComparison.Ordinal);
        var block = learned.Blocks.Single(b => b.Span.Start == at);
        Assert.False(block.Kept);
        Assert.Equal("outlet", block.Reason);
        Assert.Equal(alone.KeptText(page), learned.KeptText(page));
    }

    [Fact]
    public void A_second_copy_of_a_page_is_not_emptied_by_what_its_first_copy_taught()
    {
        var profile = new BoilerplateProfile();
        profile.Add(TextLines.DistinctHashes(Page));
        var first = ContentClassifier.Default.Classify(Page, "Shelling damages water plant in river town");
        var second = ContentClassifier.Default.Classify(Page, "Shelling damages water plant in river town", profile);
        Assert.Equal(first.KeptText(Page), second.KeptText(Page));
    }

    [Fact]
    public void Endnotes_and_link_lists_are_not_content()
    {
        var body = string.Join("\n", Enumerable.Range(1, 4).Select(i =>
            $"Russian forces attacked near the village on day {i} and did not advance, the general staff reported in its evening summary of the fighting.[[{Roman(i)}]](https://example.org/report#edn{i})"));
        var page = "Menu\nSearch\nDonate\n" + body + "\n" + string.Join("\n", Enumerable.Range(1, 4).Select(i => $"[[{Roman(i)}]](https://example.org/report#ref{i}) https://t.me/channel/{i}"))
            + "\n- [News](https://example.org/news)\n- [About](https://example.org/about)\n- [Contact](https://example.org/contact)";
        var map = ContentClassifier.Default.Classify(page);
        var kept = map.KeptText(page);
        Assert.Contains("day 4 and did not advance", kept, StringComparison.Ordinal);
        Assert.DoesNotContain("t.me/channel", kept, StringComparison.Ordinal);
        Assert.DoesNotContain("[News]", kept, StringComparison.Ordinal);
        Assert.Contains(map.Blocks, b => !b.Kept && b.Reason == "reference");
        Assert.Contains(map.Blocks, b => !b.Kept && b.Reason == "links");
    }

    [Fact]
    public void The_pipeline_without_the_content_stage_reads_every_line()
    {
        var doc = new Document(Page);
        new Normalizer().Process(doc, CancellationToken.None);
        new Tokenizer().Process(doc, CancellationToken.None);
        Assert.Null(doc.Content);
        Assert.Contains(doc.AllTokens(), t => t.Text == "Facebook");
    }

    internal static Document Analyse(string text, string? title = null, IBoilerplateProfile? profile = null)
    {
        var doc = new Document(text, title) { Boilerplate = profile };
        new ContentStage().Process(doc, CancellationToken.None);
        new Normalizer().Process(doc, CancellationToken.None);
        new Tokenizer().Process(doc, CancellationToken.None);
        new SentenceSplitter().Process(doc, CancellationToken.None);
        return doc;
    }

    private static string Roman(int i) => i switch { 1 => "i", 2 => "ii", 3 => "iii", _ => "iv" };
}
