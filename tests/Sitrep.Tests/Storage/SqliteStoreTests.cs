using Sitrep.Core;
using Sitrep.Storage;
using Sitrep.Tests.Cli;
using Xunit;

namespace Sitrep.Tests.Storage;

public class SqliteStoreTests
{
    private static Document WithFacts(string text, string pipelineTag = "")
    {
        var doc = TestDocs.Analyse(text, new DateOnly(2025, 3, 2));
        var at = text.IndexOf("nearly 40", StringComparison.Ordinal);
        doc.Quantities.Add(new Quantity
        {
            Id = "Q1",
            Span = new TextSpan(at, at + 9),
            Unit = "drones",
            Max = 40,
            Qualifier = "nearly",
            Evidence = new TextSpan(0, text.Length),
        });
        doc.Events.Add(new Event { Id = "E1", Type = "ASSAULT", Mode = "drone strike", Actor = "Russia", Evidence = new TextSpan(0, text.Length) });
        doc.Events[0].QuantityIds.Add("Q1");
        doc.Claims.Add(new Claim { Id = "C1", Source = "Ukraine", Verb = "said", EventId = "E1", Evidence = new TextSpan(0, text.Length) });
        if (pipelineTag.Length > 0)
        {
            doc.Provenance["test.model"] = pipelineTag;
        }

        return doc;
    }

    [Fact]
    public void Saving_twice_is_a_no_op_and_a_new_model_version_appends_a_revision()
    {
        using var dir = new TempDir();
        using var store = SqliteStore.Open(dir.File("s.db"));
        const string text = "Russia launched nearly 40 drones at Odesa, Ukraine said.";
        Assert.Equal(SaveOutcome.Stored, store.Save(WithFacts(text), "p1", "a.txt"));
        Assert.Equal(SaveOutcome.Unchanged, store.Save(WithFacts(text), "p1", "a.txt"));
        Assert.Equal(SaveOutcome.Revised, store.Save(WithFacts(text, "v2"), "p1", "a.txt"));

        var counts = store.Counts();
        Assert.Equal(1, counts.Articles);
        Assert.Equal(1, counts.Events);
        Assert.Equal(1, counts.Quantities);
        var article = Assert.Single(store.ListArticles(new ListFilter()));
        Assert.Equal(2, article.Revision);
    }

    [Fact]
    public void Facts_come_back_with_their_hedges_and_evidence()
    {
        using var dir = new TempDir();
        using var store = SqliteStore.Open(dir.File("s.db"));
        const string text = "Russia launched nearly 40 drones at Odesa, Ukraine said.";
        store.Save(WithFacts(text), "p1", "a.txt");

        var q = Assert.Single(store.ListQuantities(new ListFilter { Unit = "drones" }));
        Assert.Equal("nearly 40", q.Text);
        Assert.Null(q.Point);
        Assert.Equal(40, q.Max);
        Assert.Equal("nearly", q.Qualifier);
        Assert.Equal(text, q.EvidenceText);

        var e = Assert.Single(store.ListEvents(new ListFilter { Type = "ASSAULT", Actor = "russia" }));
        Assert.Equal("[\"Q1\"]", e.QuantityIds);
        Assert.Empty(store.ListEvents(new ListFilter { Type = "PROTEST" }));
        Assert.Single(store.ListClaims(new ListFilter { Source = "Ukraine" }));
    }

    [Fact]
    public void Full_text_search_finds_articles_and_tolerates_query_punctuation()
    {
        using var dir = new TempDir();
        using var store = SqliteStore.Open(dir.File("s.db"));
        store.Save(TestDocs.Analyse("Drones struck Odesa port overnight."), "p1", null);
        store.Save(TestDocs.Analyse("Talks resumed in Geneva."), "p1", null);
        Assert.Single(store.Search("drones odesa"));
        Assert.Empty(store.Search("\"unbalanced AND ( quote"));
    }

    [Fact]
    public void Reopening_applies_no_migration_twice()
    {
        using var dir = new TempDir();
        var path = dir.File("s.db");
        int version;
        using (var store = SqliteStore.Open(path))
        {
            version = store.SchemaVersion;
            store.Save(TestDocs.Analyse("One report."), "p1", null);
        }

        using var again = SqliteStore.Open(path);
        Assert.Equal(version, again.SchemaVersion);
        Assert.Equal(1, again.Counts().Articles);
    }
}
