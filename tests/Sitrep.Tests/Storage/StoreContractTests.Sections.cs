using System.Text.Json;
using Sitrep.Analysis;
using Sitrep.Cli.Ingestion;
using Sitrep.Core;
using Sitrep.Storage;
using Sitrep.Tests.Robustness;
using Xunit;

namespace Sitrep.Tests.Storage;

/// <summary>Issue #14: a long text's analysis stored section by section (<see cref="ISitrepStore.BeginSave"/>).</summary>
public abstract partial class StoreContractTests
{
    private const int Section = 10_000;

    [Fact]
    public void An_analysis_stored_section_by_section_reads_back_as_the_same_analysis_saved_whole()
    {
        var text = LongTextTests.News(4 * Section + 567);
        var day = new DateOnly(2024, 11, 11);
        using var whole = Open();
        using var streamed = Open();
        var doc = SectionedAnalysis.Process(Analyzer.Default, new Document(text, "Night of strikes", published: day), sectionChars: Section);
        Assert.Equal(SaveOutcome.Stored, whole.Save(doc, Analyzer.Default.Version, "big.txt"));
        var sections = 0;
        Assert.Equal(
            SaveOutcome.Stored,
            LongTextIngest.AnalyseAndSave(streamed, Analyzer.Default, new Document(text, "Night of strikes", published: day), "big.txt", new HashSet<string> { "en" }, _ => sections++, CancellationToken.None, Section));
        Assert.Equal(5, sections);

        var all = new ListFilter { Limit = 100_000 };
        Assert.Equal(Json(whole.Counts()), Json(streamed.Counts()));
        Assert.True(whole.Counts().Events > 50, $"{whole.Counts().Events} events");
        Assert.Equal(Json(whole.ListArticles(all)), Json(streamed.ListArticles(all)));
        Assert.Equal(Json(whole.ListEvents(all)), Json(streamed.ListEvents(all)));
        Assert.Equal(Json(whole.ListQuantities(all)), Json(streamed.ListQuantities(all)));
        Assert.Equal(Json(whole.ListClaims(all)), Json(streamed.ListClaims(all)));
        Assert.Single(streamed.Search("Zaporizhzhia"));
    }

    [Fact]
    public void A_long_text_stored_already_is_not_stored_again_and_an_unfinished_one_leaves_nothing()
    {
        using var store = Open();
        var text = LongTextTests.News(3 * Section);
        var en = new HashSet<string> { "en" };
        var doc = new Document(text, published: new DateOnly(2024, 11, 11));
        using (var writer = store.BeginSave(doc, "p1", "a.txt"))
        {
            var sections = 0;
            Assert.False(SectionedAnalysis.Stream(Analyzer.Default, doc, (_, s) => writer.Write(s) && ++sections < 2, sectionChars: Section));
        }

        Assert.Equal(0, store.Counts().Articles);
        Assert.Equal(SaveOutcome.Stored, LongTextIngest.AnalyseAndSave(store, Analyzer.Default, new Document(text), "a.txt", en, null, CancellationToken.None, Section));
        var events = store.Counts().Events;
        var heard = 0;
        Assert.Equal(SaveOutcome.Unchanged, LongTextIngest.AnalyseAndSave(store, Analyzer.Default, new Document(text), "b.txt", en, _ => heard++, CancellationToken.None, Section));
        Assert.Equal(0, heard);
        Assert.Equal(events, store.Counts().Events);
        Assert.Equal(1, store.Counts().Articles);
    }

    private static string Json(object value) => JsonSerializer.Serialize(value);
}
