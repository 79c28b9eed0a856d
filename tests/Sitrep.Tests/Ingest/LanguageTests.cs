using Sitrep.Analysis;
using Sitrep.Cli.Ingestion;
using Sitrep.Ingest;
using Sitrep.Storage;
using Xunit;

namespace Sitrep.Tests.Ingest;

public class LanguageTests
{
    [Theory]
    [InlineData("Russian forces launched a wave of drones at the capital overnight, officials said on Tuesday.", "en")]
    [InlineData("Російські війська вночі атакували столицю ударними дронами, повідомили посадовці у вівторок.", "uk")]
    [InlineData("Российские войска ночью атаковали столицу ударными беспилотниками, сообщили чиновники во вторник.", "ru")]
    [InlineData("Die russischen Streitkräfte haben in der Nacht die Hauptstadt mit Drohnen angegriffen, teilten Beamte mit.", "de")]
    [InlineData("Les forces russes ont attaqué la capitale avec des drones pendant la nuit, ont indiqué les autorités.", "fr")]
    public void The_language_of_a_report_is_identified(string text, string expected)
    {
        Assert.Equal(expected, LanguageDetector.Detect(text));
    }

    [Fact]
    public void A_report_in_a_language_sitrep_does_not_analyse_is_stored_listed_and_counted()
    {
        using var dir = new TempDir();
        using var store = SqliteStore.Open(dir.Db);
        var items = new[]
        {
            ReadResult.Ok(new SourceItem("en.txt", "Shelling damaged a school in the border village on Monday night, local officials said.")),
            ReadResult.Ok(new SourceItem("uk.txt", "Обстріл пошкодив школу в прикордонному селі в понеділок увечері, повідомили місцеві посадовці.")),
        };
        var summary = new IngestRunner(store, Analyzer.Default).Run(items);
        Assert.Equal(1, summary.Stored);
        Assert.Equal(1, summary.NotAnalysed);
        Assert.Equal(1, summary.NotAnalysedByLanguage["uk"]);
        var articles = store.ListArticles(new ListFilter());
        Assert.Equal(2, articles.Count);
        Assert.Contains(articles, a => a.Status == "not analysed: uk" && a.Language == "uk");
        Assert.Contains(articles, a => a.Status == "analysed" && a.Language == "en");
    }
}
