using Sitrep.Core;
using Sitrep.Storage;
using Xunit;
using Xunit.Abstractions;

namespace Sitrep.Tests.Storage;

/// <summary>
/// The behaviour every store must have. Written once; <see cref="SqliteStoreTests"/> and
/// <see cref="PostgresStoreTests"/> run it against each implementation.
/// </summary>
public abstract partial class StoreContractTests(ITestOutputHelper output) : IDisposable
{
    private readonly List<IDisposable> _owned = [];

    protected ITestOutputHelper Output { get; } = output;

    /// <summary>A new, empty store; the test is skipped (failed under CI) when the backend is unavailable.</summary>
    protected abstract ISitrepStore CreateEmptyStore(out IDisposable? cleanup);

    public void Dispose()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public void A_new_article_is_stored_and_counted_with_its_facts()
    {
        using var store = Open();
        var doc = SampleDocs.WithFacts("Shelling hit the depot near the river on Monday, officials said.", 1);
        Assert.Equal(SaveOutcome.Stored, store.Save(doc, "p1", "a.txt"));
        var counts = store.Counts();
        Assert.Equal(1, counts.Articles);
        Assert.Equal(1, counts.Analysed);
        Assert.Equal(1, counts.Events);
        Assert.Equal(1, counts.Claims);
        Assert.Equal(1, counts.Quantities);
        Assert.Equal(1, counts.Places);
        Assert.Equal(1, counts.Actors);
        Assert.True(store.Contains(doc.Id));
        Assert.False(store.Contains("no-such-id"));
    }

    [Fact]
    public void Saving_the_same_text_with_the_same_pipeline_twice_writes_nothing_the_second_time()
    {
        using var store = Open();
        var text = "Two drones were shot down overnight, the army said.";
        Assert.Equal(SaveOutcome.Stored, store.Save(SampleDocs.WithFacts(text, 1), "p1", "a.txt"));
        Assert.Equal(SaveOutcome.Unchanged, store.Save(SampleDocs.WithFacts(text, 1), "p1", "b.txt"));
        Assert.Equal(1, store.Counts().Events);
        Assert.Single(store.ListArticles(new ListFilter()));
    }

    [Fact]
    public void A_new_pipeline_version_appends_a_revision_and_only_the_current_one_is_listed()
    {
        using var store = Open();
        var text = "Artillery struck the town at dawn, the governor said.";
        store.Save(SampleDocs.WithFacts(text, 1), "p1", "a.txt");
        Assert.Equal(SaveOutcome.Revised, store.Save(SampleDocs.WithFacts(text, 2), "p2", "a.txt"));
        var article = Assert.Single(store.ListArticles(new ListFilter()));
        Assert.Equal(2, article.Revision);
        Assert.Equal("p2", article.PipelineVersion);
        Assert.Equal(2, store.Counts().Events);
        Assert.Equal(2, store.ListEvents(new ListFilter()).Count);
    }

    [Fact]
    public void Events_keep_their_evidence_place_and_time()
    {
        using var store = Open();
        var doc = SampleDocs.WithFacts("Shelling hit the depot near the river on Monday, officials said.", 1);
        doc.Published = new DateOnly(2024, 3, 5);
        store.Save(doc, "p1", "a.txt");
        var e = Assert.Single(store.ListEvents(new ListFilter()));
        Assert.Equal("attack", e.Type);
        Assert.Equal(doc.Text[(int)e.EvidenceStart..(int)e.EvidenceEnd], e.EvidenceText);
        Assert.Equal(48.5, e.Lat);
        Assert.Equal(35.25, e.Lon);
        Assert.Equal("2024-03-04", e.TimeStart);
        Assert.Equal("Monday", e.TimeText);
        Assert.Equal("[\"q1\"]", e.QuantityIds);
        Assert.Equal("2024-03-05", e.Published);
    }

    [Fact]
    public void List_filters_select_by_type_actor_unit_source_and_date()
    {
        using var store = Open();
        var a = SampleDocs.WithFacts("Shelling hit the depot near the river on Monday, officials said.", 1);
        a.Published = new DateOnly(2024, 3, 5);
        var b = SampleDocs.WithFacts("A convoy was struck on the highway on Friday, the ministry said.", 1, type: "ambush", actor: "Blue Brigade", unit: "vehicles", source: "the ministry");
        b.Published = new DateOnly(2024, 4, 1);
        store.Save(a, "p1", "a.txt");
        store.Save(b, "p1", "b.txt");

        Assert.Equal(b.Id, Assert.Single(store.ListEvents(new ListFilter { Type = "ambush" })).ArticleId);
        Assert.Equal(b.Id, Assert.Single(store.ListEvents(new ListFilter { Actor = "blue brigade" })).ArticleId);
        Assert.Equal(b.Id, Assert.Single(store.ListQuantities(new ListFilter { Unit = "vehicles" })).ArticleId);
        Assert.Equal(b.Id, Assert.Single(store.ListClaims(new ListFilter { Source = "THE MINISTRY" })).ArticleId);
        Assert.Equal(a.Id, Assert.Single(store.ListArticles(new ListFilter { Until = new DateOnly(2024, 3, 31) })).Id);
        Assert.Equal(b.Id, Assert.Single(store.ListArticles(new ListFilter { Since = new DateOnly(2024, 3, 31) })).Id);
        Assert.Equal(a.Id, Assert.Single(store.ListEvents(new ListFilter { ArticleId = a.Id })).ArticleId);
    }

    [Fact]
    public void Articles_are_listed_newest_first_with_undated_ones_last_and_paged()
    {
        using var store = Open();
        var undated = SampleDocs.WithFacts("An undated bulletin about the front line.", 0);
        var old = SampleDocs.WithFacts("An older bulletin about the front line.", 0);
        old.Published = new DateOnly(2023, 1, 1);
        var recent = SampleDocs.WithFacts("A recent bulletin about the front line.", 0);
        recent.Published = new DateOnly(2024, 1, 1);
        store.Save(undated, "p1", "u");
        store.Save(old, "p1", "o");
        store.Save(recent, "p1", "r");
        Assert.Equal([recent.Id, old.Id, undated.Id], store.ListArticles(new ListFilter()).Select(r => r.Id));
        Assert.Equal([old.Id], store.ListArticles(new ListFilter { Limit = 1, Offset = 1 }).Select(r => r.Id));
    }

    [Fact]
    public void Full_text_search_finds_articles_by_words_in_title_or_text_and_survives_punctuation()
    {
        using var store = Open();
        var a = SampleDocs.WithFacts("The reservoir dam was damaged by a strike, engineers said.", 0);
        a.Title = "Dam damaged";
        var b = SampleDocs.WithFacts("Negotiators met in the capital to discuss a ceasefire.", 0);
        store.Save(a, "p1", "a");
        store.Save(b, "p1", "b");
        Assert.Equal(a.Id, Assert.Single(store.Search("reservoir")).Id);
        Assert.Equal(b.Id, Assert.Single(store.Search("ceasefire negotiators")).Id);
        Assert.Equal(a.Id, Assert.Single(store.Search("Dam")).Id);
        Assert.Empty(store.Search("reservoir ceasefire"));
        Assert.Empty(store.Search("\"unbalanced ( quote AND OR NOT *"));
    }

    [Fact]
    public void Unanalysed_documents_are_stored_once_with_their_status()
    {
        using var store = Open();
        var doc = new Document("Texte en français sur le front.", language: "fr");
        Assert.True(store.SaveUnanalysed(doc, "not analysed: fr", "fr.txt"));
        Assert.False(store.SaveUnanalysed(doc, "not analysed: fr", "fr.txt"));
        var counts = store.Counts();
        Assert.Equal(1, counts.Articles);
        Assert.Equal(1, counts.NotAnalysed);
        Assert.Equal("not analysed: fr", Assert.Single(store.ListArticles(new ListFilter())).Status);
    }

    [Fact]
    public void Errors_are_recorded_and_counted()
    {
        using var store = Open();
        store.RecordError("bad.bin", "binary file");
        store.RecordError("other.txt", "empty file");
        Assert.Equal(2, store.Counts().Errors);
    }

    [Fact]
    public void Concurrent_saves_of_the_same_and_different_articles_store_each_exactly_once()
    {
        using var store = Open();
        var texts = Enumerable.Range(0, 20).Select(i => $"Report {i}: shelling hit the depot near the river, officials said.").ToList();
        var outcomes = new System.Collections.Concurrent.ConcurrentBag<SaveOutcome>();
        Parallel.For(0, 80, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            outcomes.Add(store.Save(SampleDocs.WithFacts(texts[i % texts.Count], 1), "p1", $"in{i}")));
        Assert.Equal(20, outcomes.Count(o => o == SaveOutcome.Stored));
        Assert.Equal(60, outcomes.Count(o => o == SaveOutcome.Unchanged));
        var counts = store.Counts();
        Assert.Equal(20, counts.Articles);
        Assert.Equal(20, counts.Events);
    }

    [Fact]
    public void Evidence_offsets_survive_non_ascii_text()
    {
        using var store = Open();
        var doc = SampleDocs.WithFacts("Ударом «Шахед» 🚀 — shelling hit the depot near the river on Monday, officials said.", 1);
        store.Save(doc, "p1", "u.txt");
        var e = Assert.Single(store.ListEvents(new ListFilter()));
        Assert.Equal(doc.Text[(int)e.EvidenceStart..(int)e.EvidenceEnd], e.EvidenceText);
    }

    [Fact]
    public void Analysed_facts_come_back_with_their_hedges_and_evidence()
    {
        using var store = Open();
        const string text = "Russia launched nearly 40 drones at Odesa, Ukraine said.";
        var doc = Sitrep.Tests.TestDocs.Analyse(text, new DateOnly(2025, 3, 2));

        // Replace whatever the pipeline extracted with known facts, so the test is about the store alone.
        doc.Quantities.Clear();
        doc.Events.Clear();
        doc.Claims.Clear();
        var at = text.IndexOf("nearly 40", StringComparison.Ordinal);
        doc.Quantities.Add(new Quantity { Id = "Q1", Span = new TextSpan(at, at + 9), Unit = "drones", Max = 40, Qualifier = "nearly", Evidence = new TextSpan(0, text.Length) });
        doc.Events.Add(new Event { Id = "E1", Type = "ASSAULT", Mode = "drone strike", Actor = "Russia", Evidence = new TextSpan(0, text.Length) });
        doc.Events[0].QuantityIds.Add("Q1");
        doc.Claims.Add(new Claim { Id = "C1", Source = "Ukraine", Verb = "said", EventId = "E1", Evidence = new TextSpan(0, text.Length) });
        store.Save(doc, "p1", "a.txt");

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

    private ISitrepStore Open()
    {
        var store = CreateEmptyStore(out var cleanup);
        if (cleanup is not null)
        {
            _owned.Add(cleanup);
        }

        return store;
    }
}

/// <summary>The store contract on SQLite.</summary>
public sealed class SqliteStoreContractTests(ITestOutputHelper output) : StoreContractTests(output)
{
    protected override ISitrepStore CreateEmptyStore(out IDisposable? cleanup)
    {
        var dir = Directory.CreateTempSubdirectory("sitrep-store-");
        cleanup = new DeleteFolder(dir.FullName);
        return SqliteStore.Open(Path.Combine(dir.FullName, "t.db"));
    }

    private sealed class DeleteFolder(string path) : IDisposable
    {
        public void Dispose()
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(path, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}

/// <summary>The store contract on PostgreSQL (skipped, with the reason, when the server is unreachable).</summary>
public sealed class PostgresStoreContractTests(ITestOutputHelper output) : StoreContractTests(output)
{
    protected override ISitrepStore CreateEmptyStore(out IDisposable? cleanup)
    {
        cleanup = null;
        Requires.Postgres();

        var schema = TestPostgres.CreateSchema();
        cleanup = schema;
        return schema.OpenStore();
    }
}
