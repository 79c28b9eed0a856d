using Sitrep.Core;
using Sitrep.Text.Content;
using Xunit;

namespace Sitrep.Tests.Storage;

/// <summary>Issue #15: per-outlet boilerplate in the store; search and reprints read the report's own text.</summary>
public abstract partial class StoreContractTests
{
    [Fact]
    public void Outlet_lines_are_counted_once_per_stored_page_and_a_page_never_teaches_itself()
    {
        using var store = Open();
        if (store is null)
        {
            return;
        }

        var a = new Document("Menu line\nHome\nFirst story about the bridge.", url: "https://www.example.org/a");
        var b = new Document("Menu line\nHome\nSecond story about the dam.", url: "https://example.org/b", outlet: "Example");
        store.Save(a, "pipeline 1", "a");
        store.Save(b, "pipeline 1", "b");
        store.Save(b, "pipeline 2", "b"); // a revision is not a new page

        var profile = store.OutletProfile("example.org", TextLines.DistinctHashes("Menu line\nThird story.\n"));
        Assert.Equal(2, profile.Pages);
        Assert.Equal(2, profile.PagesWith(TextLines.Hash("Menu line")));
        Assert.Equal(0, profile.PagesWith(TextLines.Hash("Third story.")));

        var own = store.OutletProfile("example.org", TextLines.DistinctHashes(b.Text), b.Id);
        Assert.Equal(1, own.Pages);
        Assert.Equal(1, own.PagesWith(TextLines.Hash("Menu line")));
        Assert.Equal(0, own.PagesWith(TextLines.Hash("Second story about the dam.")));
        Assert.Equal(0, store.OutletProfile("other.org", TextLines.DistinctHashes(b.Text)).Pages);

        // a second copy of a page (another URL of the same report) teaches nothing about the outlet's chrome
        var copy = new Document("Menu line\nHome\nSecond story about the dam, again.", url: "https://example.org/b-copy")
        {
            Content = new ContentMap([new ContentBlock(new TextSpan(0, 9), true, "text")], "Menu line\nHome\nSecond story about the dam, again.") { RepeatsEarlierPage = true },
        };
        store.Save(copy, "pipeline 1", "copy");
        Assert.Equal(2, store.OutletProfile("example.org", TextLines.DistinctHashes("Menu line\n")).PagesWith(TextLines.Hash("Menu line")));
    }

    [Fact]
    public void Search_reads_the_reports_own_text_not_the_site_chrome()
    {
        using var store = Open();
        if (store is null)
        {
            return;
        }

        var doc = new Document(Sitrep.Tests.Text.ContentStageTests.Page, "Shelling damages water plant in river town", "https://news.example.org/water");
        new ContentStage().Process(doc, CancellationToken.None);
        Assert.False(doc.Content!.IsAll);
        store.Save(doc, "pipeline 1", "page");
        Assert.Single(store.Search("treatment plant"));
        Assert.Empty(store.Search("Ceasefire talks stall"));
        Assert.Empty(store.Search("Privacy Policy"));
    }
}
