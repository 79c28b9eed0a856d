using System.Text;
using Sitrep.Ingest;
using Sitrep.Storage;
using Sitrep.Tests.Cli;

namespace Sitrep.Tests.Robustness;

/// <summary>Issue #14: pages nested without bound are refused before a parser sees them; the batch goes on.</summary>
[Collection("Console")]
public sealed class HostileHtmlTests
{
    private const string Sentence = "<p>Artillery shelled the depot near the river on Monday, the governor said.</p>";

    internal static string Nested(int depth, string tag = "div") =>
        new StringBuilder("<html><head><title>Deep</title></head><body>")
            .Append(string.Concat(Enumerable.Repeat($"<{tag}>", depth)))
            .Append(Sentence)
            .Append(string.Concat(Enumerable.Repeat($"</{tag}>", depth)))
            .Append("</body></html>")
            .ToString();

    [Fact]
    public async Task A_page_of_a_hundred_thousand_nested_divs_is_refused_with_a_message_naming_the_limit()
    {
        // With a hang guard: before the limit this page overflowed the stack after a minute.
        var result = await Task.Run(() => HtmlPageReader.FromHtml("deep.html", Nested(100_000), null, new ReaderOptions()))
            .WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Null(result.Item);
        Assert.Contains($"more than {HtmlNesting.MaxDepth} elements deep", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_page_just_under_the_limit_is_still_read()
    {
        var r = HtmlPageReader.FromHtml("ok.html", Nested(HtmlNesting.MaxDepth - 10), null, new ReaderOptions());
        Assert.NotNull(r.Item);
        Assert.Contains("Artillery shelled the depot", r.Item.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<ul><li>a<li>b<li>c</ul>", 2)]
    [InlineData("<p>one<p>two<p>three<div>x</div>", 1)]
    [InlineData("<div><br><img src='x'><hr><input></div>", 1)]
    [InlineData("<svg><path d='M0'/><path d='M1'/><g><rect/></g></svg>", 2)]
    [InlineData("<script>if (a < b) { document.write('<div><div><div>'); }</script><p>x</p>", 1)]
    [InlineData("<!-- <div><div><div> --><p>x</p>", 1)]
    [InlineData("<div title='a > b <div>'><span>x</span></div>", 2)]
    [InlineData("<div><div><span>x</div></div>", 3)]
    [InlineData("<html><body><html><body><p>x</p></body></html>", 1)]
    [InlineData("<table><tr><td>a<td>b<tr><td>c</table>", 3)]
    public void Nesting_follows_the_HTML_rules_for_void_raw_text_and_implicitly_closed_elements(string html, int depth) =>
        Assert.Equal(depth, HtmlNesting.Measure(html).Depth);

    [Fact]
    public void A_self_closing_div_opens_a_div_as_in_an_HTML_parser() =>
        Assert.True(HtmlNesting.Measure(string.Concat(Enumerable.Repeat("<div/>", HtmlNesting.MaxDepth + 1))).TooDeep);

    [Fact]
    public void Unclosed_paragraphs_and_list_items_do_not_count_as_nesting()
    {
        var html = "<body><ul>" + string.Concat(Enumerable.Repeat("<li><p>item", 5000)) + "</ul></body>";
        Assert.False(HtmlNesting.Measure(html).TooDeep);
    }

    [Fact]
    public void A_feed_item_whose_description_nests_too_deep_is_refused_alone()
    {
        var deep = System.Security.SecurityElement.Escape(string.Concat(Enumerable.Repeat("<b>", 20_000)) + "text");
        var feed = $"""
            <?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
            <item><title>One</title><description>A drone hit a warehouse overnight, officials said.</description><pubDate>Mon, 12 Aug 2024 07:00:00 GMT</pubDate></item>
            <item><title>Two</title><description>{deep}</description></item>
            <item><title>Three</title><description>Shelling damaged a school on Sunday, the mayor said.</description><pubDate>Mon, 12 Aug 2024 09:00:00 GMT</pubDate></item>
            </channel></rss>
            """;
        var results = FeedFileReader.FromBytes("wire.rss", Encoding.UTF8.GetBytes(feed), new ReaderOptions(), null).ToList();
        Assert.Equal(3, results.Count);
        Assert.NotNull(results[0].Item);
        Assert.Contains("elements deep", results[1].Error, StringComparison.Ordinal);
        Assert.Equal("wire.rss#item 2", results[1].Input);
        Assert.NotNull(results[2].Item);
    }

    [Fact]
    public void A_reader_that_throws_ends_only_its_own_input()
    {
        var expander = new InputExpander(new ReaderOptions());
        expander.Readers[".boom"] = (path, _) => Throwing(path);
        using var dir = new Sitrep.Tests.Ingest.TempDir();
        dir.File("a.txt", "Shelling hit the depot on Monday, the governor said.");
        dir.File("b.boom", "x");
        dir.File("c.txt", "A drone struck a warehouse overnight, officials said.");
        var results = expander.Expand([Path.Combine(dir.Path, "a.txt"), Path.Combine(dir.Path, "b.boom"), Path.Combine(dir.Path, "c.txt")]).ToList();
        Assert.Equal(4, results.Count);
        Assert.NotNull(results[0].Item);
        Assert.NotNull(results[1].Item);
        Assert.Contains("the reader failed (InvalidOperationException: broken record)", results[2].Error, StringComparison.Ordinal);
        Assert.NotNull(results[3].Item);
    }

    [Fact]
    public void A_folder_with_a_deep_page_stores_the_other_files_and_a_rerun_refuses_the_page_again()
    {
        using var dir = new TempDir();
        dir.File("in/a.txt", "Shelling in the East\nArtillery hit the depot near the river on Monday, the governor said.");
        var page = dir.File("in/page.html", Nested(100_000));
        dir.File("in/z.txt", "Drone Attack on Port\nAt least 12 drones struck the port overnight, the regional governor said.");
        var db = dir.File("store.db");

        var first = CliRunner.Run("ingest", Path.Combine(dir.Path, "in"), "--db", db);
        Assert.Equal(2, first.Exit);
        Assert.Contains("2 stored", first.Out, StringComparison.Ordinal);
        var refusal = Assert.Single(first.Err.Split('\n'), l => l.Contains(page, StringComparison.Ordinal));
        Assert.Contains("elements deep", refusal, StringComparison.Ordinal);
        using (var store = SqliteStore.Open(db))
        {
            Assert.Equal(2, store.Counts().Articles);
        }

        var again = CliRunner.Run("ingest", Path.Combine(dir.Path, "in"), "--db", db);
        Assert.Equal(2, again.Exit);
        Assert.Contains("2 unchanged", again.Out, StringComparison.Ordinal);
        Assert.Equal(refusal, Assert.Single(again.Err.Split('\n'), l => l.Contains(page, StringComparison.Ordinal)));
    }

    private static IEnumerable<ReadResult> Throwing(string path)
    {
        yield return ReadResult.Ok(new SourceItem(path + "#1", "A missile struck the bridge on Friday, the army said."));
        throw new InvalidOperationException("broken record");
    }
}
