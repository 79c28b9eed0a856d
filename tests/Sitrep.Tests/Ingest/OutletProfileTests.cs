using Sitrep.Cli.Ingestion;
using Sitrep.Core;
using Sitrep.Storage;
using Sitrep.Text.Evaluation;
using Xunit;

namespace Sitrep.Tests.Ingest;

/// <summary>Issue #15: a batch learns from the pages before it as if they had been ingested one by one.</summary>
public class OutletProfileTests
{
    [Fact]
    public void A_batch_page_learns_from_earlier_pages_of_its_outlet_but_not_from_a_copy_or_another_outlet()
    {
        using var dir = new TempDir();
        using var store = SqliteStore.Open(System.IO.Path.Combine(dir.Path, "s.db"));
        var first = new Document("Site menu line\nFirst story about the bridge.", url: "https://news.example.org/1");
        var copy = new Document("Site menu line\nFirst story about the bridge.\n", url: "https://news.example.org/1-amp");
        var other = new Document("Site menu line\nA story elsewhere.", url: "https://other.example.org/1");
        var third = new Document("Site menu line\nThird story about the dam.", url: "https://www.news.example.org/3");
        var profiles = OutletProfiles.ForBatch(store, [first, copy, other, null, third]);
        var menu = TextLines.Hash("Site menu line");
        Assert.Equal(0, profiles[0]!.PagesWith(menu));
        Assert.Equal(1, profiles[1]!.PagesWith(menu));
        Assert.Equal(0, profiles[2]!.PagesWith(menu)); // another outlet
        Assert.Null(profiles[3]);
        Assert.Equal(1, profiles[4]!.PagesWith(menu)); // the copy taught nothing
        Assert.Equal(1, profiles[4]!.Pages);
    }

    [Fact]
    public void Gold_ranges_in_code_points_become_string_offsets()
    {
        using var dir = new TempDir();
        var text = "😀 Header\nBody text here.";
        var gold = dir.File("gold.json", """{"documents":[{"id":"p1","ranges":[[9,24]]}]}""");
        var pages = dir.File("pages.jsonl", System.Text.Json.JsonSerializer.Serialize(new { id = "p1", text, url = "https://x.example/1", date = "2026-01-01" }) + "\n");
        var page = Assert.Single(ContentEvaluation.Read(gold, pages));
        Assert.Equal("Body text here.", page.Text[page.Ranges[0].Start..page.Ranges[0].End]);
    }
}
