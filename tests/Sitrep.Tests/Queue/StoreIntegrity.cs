using Dapper;
using Sitrep.Analysis;
using Sitrep.Core;
using Sitrep.Tests.Storage;
using Xunit;

namespace Sitrep.Tests.Queue;

/// <summary>Checks after a crash: every expected article stored exactly once, each with one complete analysis.</summary>
public static class StoreIntegrity
{
    private static readonly string[] FactTables = ["events", "claims", "quantities", "places", "actors", "times", "mentions"];

    public static void AssertExactlyOnce(TestSchema schema, IReadOnlyCollection<string> texts)
    {
        using var c = schema.Connect();
        var expected = texts.Select(Document.ContentHash).ToHashSet(StringComparer.Ordinal);
        var stored = c.Query<string>("SELECT id FROM articles").ToList();
        Assert.Equal(stored.Count, stored.Distinct(StringComparer.Ordinal).Count());
        var missing = expected.Except(stored, StringComparer.Ordinal).Count();
        var extra = stored.Except(expected, StringComparer.Ordinal).Count();
        Assert.True(missing == 0 && extra == 0, $"{missing} articles lost, {extra} unexpected articles; {stored.Count} stored of {expected.Count}");

        var badAnalyses = c.ExecuteScalar<long>(
            "SELECT COUNT(*) FROM (SELECT article_id FROM analyses GROUP BY article_id HAVING COUNT(*) <> 1 OR SUM(is_current) <> 1) x");
        Assert.Equal(0, badAnalyses);

        // Facts are whole: each analysis holds exactly the facts that analysing its text produces.
        var byText = texts.ToDictionary(Document.ContentHash, t => t, StringComparer.Ordinal);
        var analyses = c.Query<(long Id, string ArticleId)>("SELECT id, article_id FROM analyses").ToDictionary(r => r.Id, r => r.ArticleId);
        var counts = new Dictionary<(string Table, long Analysis), long>();
        foreach (var table in FactTables)
        {
            foreach (var (analysis, n) in c.Query<(long, long)>($"SELECT analysis_id, COUNT(*) FROM {table} GROUP BY analysis_id"))
            {
                counts[(table, analysis)] = n;
            }
        }

        var totalFacts = 0L;
        foreach (var (analysisId, articleId) in analyses)
        {
            var doc = new Document(byText[articleId]);
            Analyzer.Default.Process(doc);
            var want = new Dictionary<string, long>
            {
                ["events"] = doc.Events.Count,
                ["claims"] = doc.Claims.Count,
                ["quantities"] = doc.Quantities.Count,
                ["places"] = doc.Places.Count,
                ["actors"] = doc.Actors.Count,
                ["times"] = doc.Times.Count,
                ["mentions"] = doc.Mentions.Count,
            };
            foreach (var table in FactTables)
            {
                var have = counts.GetValueOrDefault((table, analysisId));
                totalFacts += have;
                Assert.True(want[table] == have, $"article {articleId}: {have} {table} stored, analysis gives {want[table]}");
            }
        }
    }
}
