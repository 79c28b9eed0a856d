using Sitrep.Analysis;
using Sitrep.Core;
using Sitrep.Text.Evaluation;
using Xunit;
using Xunit.Abstractions;

namespace Sitrep.Tests.Text;

/// <summary>
/// Issue #15 on real data: the content stage against the hand-marked ranges of the 56 scraped pages, the hub page
/// without an article, and sentence boundaries on WikiEvents. Skip with a message when ../shared is absent.
/// </summary>
[Trait("Category", "Corpus")]
public class ContentCorpusTests(ITestOutputHelper output)
{
    [Fact]
    public void Content_of_the_56_scraped_pages_is_found_with_high_precision_and_recall()
    {
        var pages = Pages();
        if (pages is null)
        {
            return;
        }

        var r = ContentEvaluation.Evaluate(pages);
        output.WriteLine($"without learning P {r.Alone.Precision:0.0000} R {r.Alone.Recall:0.0000}; with per-outlet learning P {r.Learned.Precision:0.0000} R {r.Learned.Recall:0.0000}");
        Assert.Equal(56, r.Pages);
        Assert.True(r.Learned.Precision >= Thresholds.Precision, $"precision {r.Learned.Precision:0.0000}");
        Assert.True(r.Learned.Recall >= Thresholds.Recall, $"recall {r.Learned.Recall:0.0000}");
        Assert.True(r.Alone.Recall >= Thresholds.Recall, $"recall without learning {r.Alone.Recall:0.0000}");
        // learning from earlier pages of an outlet never makes the whole worse
        Assert.True(r.Learned.F1 >= r.Alone.F1, $"F1 {r.Learned.F1:0.0000} with learning, {r.Alone.F1:0.0000} without");
    }

    [Fact]
    public void The_hub_page_without_an_article_yields_no_fact()
    {
        var pages = Pages();
        if (pages is null)
        {
            return;
        }

        var hub = pages.Single(p => p.Id == "art053");
        var doc = new Document(hub.Text, hub.Title, hub.Url, hub.Outlet);
        Analyzer.Default.Process(doc);
        Assert.Empty(doc.Events);
        Assert.Empty(doc.Claims);
    }

    [Theory]
    [InlineData("LGL.xml", 0.999)]
    [InlineData("GeoWebNews.xml", 0.99)]
    [InlineData("GeoVirus.xml", 0.999)]
    public void Clean_news_articles_keep_their_text(string file, double share)
    {
        var path = TestDocs.SharedFile("geoparsing-news-gold/" + file);
        if (path is null)
        {
            output.WriteLine($"SKIP: ../shared/data/geoparsing-news-gold/{file} is absent");
            return;
        }

        long total = 0, kept = 0;
        foreach (var text in System.Xml.Linq.XDocument.Load(path).Descendants("text").Select(e => e.Value).Where(t => t.Length > 0))
        {
            var map = Sitrep.Text.Content.ContentClassifier.Default.Classify(text);
            total += text.Count(c => !char.IsWhiteSpace(c));
            kept += map.Kept.Sum(k => text.AsSpan(k.Start, k.Length).ToString().Count(c => !char.IsWhiteSpace(c)));
        }

        output.WriteLine($"{file}: kept {(double)kept / total:0.0000} of the non-blank characters");
        Assert.True(kept >= share * total, $"{file}: kept {(double)kept / total:0.0000}");
    }

    [Fact]
    public void WikiEvents_sentence_starts_are_found()
    {
        var dir = TestDocs.SharedFile("event-extraction-gold/wikievents/dev.jsonl") is { } dev ? Path.GetDirectoryName(dev)! : null;
        if (dir is null)
        {
            output.WriteLine("SKIP: ../shared/data/event-extraction-gold/wikievents is absent");
            return;
        }

        var docs = SentenceEvaluation.ReadWikiEvents([Path.Combine(dir, "dev.jsonl"), Path.Combine(dir, "test.jsonl")], out var unaligned);
        var r = SentenceEvaluation.Evaluate(docs, unaligned);
        output.WriteLine($"F1 {r.F1:0.0000}, gold sentence starts found {r.BoundaryRecall:0.0000}");
        Assert.Equal(870, r.GoldSentences);
        Assert.Equal(0, r.Unaligned);
        Assert.True(r.BoundaryRecall >= 0.84, $"gold sentence starts found {r.BoundaryRecall:0.0000}");
        Assert.True(r.F1 >= 0.48, $"sentence F1 {r.F1:0.0000}");
    }

    private List<ContentGoldPage>? Pages()
    {
        var gold = TestDocs.SharedData is { } root ? Path.Combine(root, "..", "gold", "content-ranges.json") : null;
        var jsonl = TestDocs.SharedFile("ukraine-war-news-en/scraped_articles_2026.jsonl");
        if (gold is null || !File.Exists(gold) || jsonl is null)
        {
            output.WriteLine("SKIP: ../shared/gold/content-ranges.json or ../shared/data/ukraine-war-news-en is absent");
            return null;
        }

        return ContentEvaluation.Read(gold, jsonl);
    }

    private static class Thresholds
    {
        public const double Precision = 0.95;
        public const double Recall = 0.97;
    }
}
