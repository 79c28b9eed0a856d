using Sitrep.Geo;
using Sitrep.Geo.Evaluation;
using Xunit;
using Xunit.Abstractions;

namespace Sitrep.Tests.Geo;

/// <summary>Corpus evaluations; thresholds sit a little below the figures in BENCHMARKS.md.</summary>
[Trait("Category", "Corpus")]
public sealed class GeoCorpusTests(ITestOutputHelper output)
{
    private static readonly string[] GoldFiles = ["LGL.xml", "TR-News.xml", "GeoWebNews.xml"];

    [Fact]
    public void End_to_end_geoparsing_of_news_meets_its_measured_scores()
    {
        var dir = GeoFixture.SharedData("geoparsing-news-gold", output);

        var r = GeoEvaluation.Run(GeoFixture.Gazetteer, GoldFiles.Select(f => Path.Combine(dir, f)), goldSpans: false);
        output.WriteLine(r.ToTable());
        Assert.True(r.DetectionPrecision >= 0.79, $"precision {r.DetectionPrecision:F3}");
        Assert.True(r.DetectionF1 >= 0.81, $"F1 {r.DetectionF1:F3}");
        Assert.True(r.Exact >= 0.84, $"exact {r.Exact:F3}");
        Assert.True(r.Acc161Km >= 0.785, $"acc@161km {r.Acc161Km:F3}");
    }

    [Fact]
    public void End_to_end_geoparsing_with_the_pipelines_NER_meets_its_measured_scores()
    {
        var dir = GeoFixture.SharedData("geoparsing-news-gold", output);

        const string json = """
            { "stages": [ { "name": "sitrep.Normalizer.v1" }, { "name": "sitrep.Tokenizer.v1" }, { "name": "sitrep.SentenceSplitter.v1" }, { "name": "sitrep.EntityRecognizer.v1" } ] }
            """;
        var ner = Sitrep.Analysis.StageCatalog.CreateRegistry().BuildFromJson(json, Sitrep.Core.SitrepPaths.Models, "NER stages");
        var r = GeoEvaluation.Run(GeoFixture.Gazetteer, GoldFiles.Select(f => Path.Combine(dir, f)), goldSpans: false, mentions: text => ner.Process(new Sitrep.Core.Document(text)).Mentions);
        output.WriteLine(r.ToTable());
        Assert.True(r.DetectionPrecision >= 0.80, $"precision {r.DetectionPrecision:F3}");
        Assert.True(r.DetectionF1 >= 0.81, $"F1 {r.DetectionF1:F3}");
        Assert.True(r.Exact >= 0.83, $"exact {r.Exact:F3}");
        Assert.True(r.Acc161Km >= 0.77, $"acc@161km {r.Acc161Km:F3}");
    }

    [Fact]
    public void Resolution_of_gold_spans_meets_its_measured_scores()
    {
        var dir = GeoFixture.SharedData("geoparsing-news-gold", output);

        var r = GeoEvaluation.Run(GeoFixture.Gazetteer, GoldFiles.Select(f => Path.Combine(dir, f)), goldSpans: true, breakdown: true);
        output.WriteLine(r.ToTable());
        Assert.True(r.Exact >= 0.79, $"exact {r.Exact:F3}");
        Assert.True(r.Acc161Km >= 0.73, $"acc@161km {r.Acc161Km:F3}");

        // the breakdown accounts for every gold toponym with coordinates, and its first row is acc@161km
        var b = r.Breakdown!;
        Assert.Equal(r.WithCoordinates, b.Where(kv => kv.Key != "unmatched").Sum(kv => kv.Value));
        Assert.Equal(r.Acc161Km, (double)b["within_161km"] / r.WithCoordinates, 6);
        Assert.InRange(r.Acc161KmCeiling, r.Acc161Km, 1.0);
    }

    [Fact]
    public void CIR_descriptions_that_name_a_town_are_placed_within_25_km()
    {
        var dir = GeoFixture.SharedData("ukraine-conflict-events-structured", output);

        var r = EventGeoEvaluation.Run(GeoFixture.Gazetteer, Path.Combine(dir, "cir_russia_ukraine_monitor_events.csv"), null);
        output.WriteLine(r.ToTable());
        var cir = Assert.Single(r.Sets);
        Assert.True(cir.Evaluated > 2000);
        Assert.True(cir.Acc25Km >= 0.78, $"acc@25km {cir.Acc25Km:F3}");
    }

    [Fact]
    public void The_seed_article_places_the_buildup_in_the_Kursk_oblast()
    {
        var seed = Requires.Shared("seed/kursk-buildup.txt");

        var doc = GeoFixture.Analyze(File.ReadAllText(seed));
        var region = doc.Places.FirstOrDefault(p => p.Mentions.Any(m => doc.TextOf(m).StartsWith("Kursk region", StringComparison.Ordinal)));
        Assert.NotNull(region);
        Assert.Equal(Sitrep.Core.PlacePrecision.Adm1, region.Precision);
        Assert.Equal("RU", region.Country);
        Assert.Equal("Moscow", GeoFixture.Resolver.CapitalOf("RU")?.Name);
    }
}
