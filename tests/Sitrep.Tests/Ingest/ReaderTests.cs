using Sitrep.Ingest;
using Xunit;

namespace Sitrep.Tests.Ingest;

public class ReaderTests
{
    private const string Page = """
        <!DOCTYPE html>
        <html lang="en"><head>
          <title>Drone strike hits fuel depot | Example News</title>
          <meta property="og:title" content="Drone strike hits fuel depot near river port">
          <meta property="article:published_time" content="2024-08-12T09:30:00+03:00">
          <meta name="author" content="Jane Reporter">
        </head><body>
          <nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
          <article>
            <h1>Drone strike hits fuel depot near river port</h1>
            <p class="byline">By Jane Reporter</p>
            <p>A drone strike set a fuel depot on fire near the river port early on Monday, the regional governor said in a statement on his channel.</p>
            <p>Firefighters worked for six hours to put out the blaze, which sent thick black smoke over the eastern districts of the town, according to the emergency service.</p>
            <p>No casualties were reported. The defence ministry said air defences had shot down eleven drones over the region overnight, but did not comment on the depot.</p>
            <p>Residents of nearby streets were told to keep their windows closed until the evening while specialists measured the air quality around the site.</p>
          </article>
          <footer>Copyright Example News. Subscribe to our newsletter.</footer>
        </body></html>
        """;

    [Fact]
    public void Html_page_gives_main_text_title_and_date_without_navigation()
    {
        using var dir = new TempDir();
        var path = dir.File("page.html", Page);
        var result = HtmlPageReader.Read(path, new ReaderOptions());
        Assert.Null(result.Error);
        var item = result.Item!;
        Assert.Contains("fuel depot on fire", item.Text, StringComparison.Ordinal);
        Assert.Contains("measured the air quality", item.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Subscribe to our newsletter", item.Text, StringComparison.Ordinal);
        Assert.Contains("fuel depot", item.Title, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2024, 8, 12), item.Published);
    }

    [Fact]
    public void Text_without_tags_named_html_fails_with_a_message_naming_the_input()
    {
        using var dir = new TempDir();
        var path = dir.File("notes.html", "just some words, no markup at all");
        var result = HtmlPageReader.Read(path, new ReaderOptions());
        Assert.Null(result.Item);
        Assert.Equal(path, result.Input);
        Assert.Contains("not HTML", result.Error, StringComparison.Ordinal);
    }

    public const string Rss = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel>
          <title>Frontline Wire</title><link>https://example.org/</link><description>news</description><language>en-gb</language>
          <item>
            <title>Shelling damages school in border village</title>
            <link>https://example.org/a/1</link>
            <pubDate>Tue, 13 Aug 2024 07:00:00 GMT</pubDate>
            <description><![CDATA[<p>Artillery fire damaged a school in a border village on Monday night, local officials said.</p><p>Nobody was inside.</p>]]></description>
          </item>
          <item>
            <title>Talks on grain corridor resume</title>
            <link>https://example.org/a/2</link>
            <pubDate>Wed, 14 Aug 2024 10:00:00 GMT</pubDate>
            <description>Negotiators met again in the capital to discuss the grain corridor.</description>
          </item>
        </channel></rss>
        """;

    [Fact]
    public void Rss_feed_gives_one_report_per_item_with_title_link_date_and_outlet()
    {
        using var dir = new TempDir();
        var path = dir.File("wire.rss", Rss);
        var results = FeedFileReader.Read(path, new ReaderOptions()).ToList();
        Assert.Equal(2, results.Count);
        var first = results[0].Item!;
        Assert.Equal("Shelling damages school in border village", first.Title);
        Assert.Equal("https://example.org/a/1", first.Url);
        Assert.Equal(new DateOnly(2024, 8, 13), first.Published);
        Assert.Equal("Frontline Wire", first.Outlet);
        Assert.Contains("Artillery fire damaged a school", first.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<p>", first.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Atom_feed_is_read()
    {
        using var dir = new TempDir();
        var path = dir.File("feed.atom", """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
              <title>Atom Desk</title>
              <entry>
                <title>Bridge repaired after missile strike</title>
                <link href="https://example.net/bridge"/>
                <id>urn:x:1</id>
                <updated>2024-09-01T12:00:00Z</updated>
                <summary>Engineers reopened the bridge to traffic three weeks after a missile strike damaged it.</summary>
              </entry>
            </feed>
            """);
        var item = Assert.Single(FeedFileReader.Read(path, new ReaderOptions())).Item!;
        Assert.Equal("Bridge repaired after missile strike", item.Title);
        Assert.Equal("https://example.net/bridge", item.Url);
        Assert.Contains("reopened the bridge", item.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_feed_is_read_from_a_json_file()
    {
        using var dir = new TempDir();
        var path = dir.File("feed.json", """
            {"version":"https://jsonfeed.org/version/1.1","title":"JSON Desk","items":[
              {"id":"1","url":"https://example.com/j1","title":"Evacuation ordered in river town","content_text":"Authorities ordered families with children to leave the river town as shelling intensified.","date_published":"2024-10-02T08:00:00Z"}
            ]}
            """);
        var item = Assert.Single(DumpReader.ReadJson(path, new ReaderOptions())).Item!;
        Assert.Equal("Evacuation ordered in river town", item.Title);
        Assert.Equal(new DateOnly(2024, 10, 2), item.Published);
        Assert.Contains("families with children", item.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_feed_fails_with_the_file_and_line()
    {
        using var dir = new TempDir();
        var path = dir.File("broken.xml", "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>\n<item><title>x</title>\n</channel></rss>");
        var result = Assert.Single(FeedFileReader.Read(path, new ReaderOptions()));
        Assert.Null(result.Item);
        Assert.Equal(path, result.Input);
        Assert.Contains("line", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Jsonl_with_a_field_mapping_reads_fields_and_a_bad_line_does_not_stop_the_file()
    {
        using var dir = new TempDir();
        var path = dir.File("dump.jsonl", """
            {"headline":"Power cut after strike","description_en":"A strike on a substation cut power to the city.","full_date":"8/24/2022","source_url":"https://x.test/1","source_account":"CityNews"}
            {"headline":"broken", "description_en": 
            {"headline":"Only a headline here","full_date":"8/25/2022"}
            {"headline":"Odd date","description_en":"Text.","full_date":"someday"}
            """);
        var options = new ReaderOptions
        {
            Fields = new FieldMapping
            {
                Text = FieldMapping.Parse("description_en,headline"),
                Title = ["headline"],
                Date = ["full_date"],
                Url = ["source_url"],
                Outlet = ["source_account"],
            },
        };
        var results = DumpReader.ReadJsonLines(path, options).ToList();
        Assert.Equal(4, results.Count);
        var first = results[0].Item!;
        Assert.Equal("Power cut after strike", first.Title);
        Assert.Equal(new DateOnly(2022, 8, 24), first.Published);
        Assert.Equal("https://x.test/1", first.Url);
        Assert.Equal("CityNews", first.Outlet);
        Assert.StartsWith("Power cut after strike\n\nA strike on a substation", first.Text, StringComparison.Ordinal);
        Assert.Null(results[1].Item);
        Assert.Equal($"{path}:2", results[1].Input);
        Assert.Contains("invalid JSON", results[1].Error, StringComparison.Ordinal);
        Assert.Equal("Only a headline here", results[2].Item!.Text);
        Assert.NotNull(results[3].Item);
        Assert.Contains("cannot read the date 'someday'", results[3].Undated, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_with_a_field_mapping_reports_a_malformed_record_by_line_and_reads_the_rest()
    {
        using var dir = new TempDir();
        var path = dir.File("dump.csv",
            "id,title,body,date,site\n" +
            "1,Strike on depot,\"A drone hit a fuel depot, officials said.\",2024-08-12,Wire A\n" +
            "2,Broken,\"an \"unescaped\" quote\" here,2024-08-12,Wire B\n" +
            "3,Convoy reaches town,\"Aid trucks reached the besieged town.\nThey carried food.\",2024-08-13,Wire C\n");
        var options = new ReaderOptions { Fields = FieldMapping.Default with { Text = ["body"], Outlet = ["site"] } };
        var results = DumpReader.ReadCsv(path, options).ToList();
        var ok = results.Where(r => r.Item is not null).Select(r => r.Item!).ToList();
        Assert.Equal(2, ok.Count);
        Assert.Equal("Strike on depot", ok[0].Title);
        Assert.Contains("A drone hit a fuel depot, officials said.", ok[0].Text, StringComparison.Ordinal);
        Assert.Equal("Wire A", ok[0].Outlet);
        Assert.Equal(new DateOnly(2024, 8, 13), ok[1].Published);
        Assert.Contains("They carried food.", ok[1].Text, StringComparison.Ordinal);
        var bad = Assert.Single(results, r => r.Item is null);
        Assert.Equal($"{path}:3", bad.Input);
        Assert.Contains("malformed CSV", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_without_the_text_column_says_which_columns_it_has()
    {
        using var dir = new TempDir();
        var path = dir.File("x.csv", "a,b\n1,2\n");
        var result = Assert.Single(DumpReader.ReadCsv(path, new ReaderOptions()));
        Assert.Contains("--text-field", result.Error, StringComparison.Ordinal);
        Assert.Contains("a, b", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_is_read_recursively_in_every_format_and_globs_select_files()
    {
        using var dir = new TempDir();
        dir.File("a/one.txt", "Headline one\n\nSome text about a strike.");
        dir.File("a/b/two.html", Page);
        dir.File("a/b/c/wire.rss", Rss);
        dir.File("a/b/dump.jsonl", "{\"text\":\"A report in a dump.\"}\n");
        dir.File("a/ignored.bin", "x");
        var expander = SourceReaders.CreateExpander(new ReaderOptions());
        var results = expander.Expand([System.IO.Path.Combine(dir.Path, "a")]).ToList();
        Assert.Equal(5, results.Count);
        Assert.All(results, r => Assert.Null(r.Error));
        var globbed = expander.Expand([System.IO.Path.Combine(dir.Path, "a", "**", "*.rss")]).ToList();
        Assert.Equal(2, globbed.Count);
    }

    [Fact]
    public void Standard_input_is_read_as_one_report()
    {
        var expander = SourceReaders.CreateExpander(new ReaderOptions());
        var result = Assert.Single(expander.Expand(["-"], new StringReader("Report from standard input.\nSecond line.")));
        Assert.Equal("<stdin>", result.Input);
        Assert.Contains("Second line.", result.Item!.Text, StringComparison.Ordinal);
    }
}
