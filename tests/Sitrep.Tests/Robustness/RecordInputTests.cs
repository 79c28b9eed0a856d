using System.Text.Json;
using Sitrep.Ingest;
using Sitrep.Storage;
using Sitrep.Tests.Cli;

namespace Sitrep.Tests.Robustness;

/// <summary>Issue #14: the language of the text analysed, no invented dates, no numbers taken for reports.</summary>
[Collection("Console")]
public sealed class RecordInputTests
{
    private const string UkrainianHeadline = "Росія заявляє, що обстрілює лише військові цілі, але снаряди влучили в житлові квартали міста";
    private const string EnglishBody = "Russia says its artillery fires only at military targets, but shells hit homes in the city on Tuesday, the mayor said.";

    [Fact]
    public void A_report_is_in_the_language_of_its_body_not_of_its_title()
    {
        Assert.Equal("en", LanguageDetector.DetectReport(UkrainianHeadline + "\n\n" + EnglishBody, UkrainianHeadline));
        Assert.Equal("uk", LanguageDetector.DetectReport(UkrainianHeadline, UkrainianHeadline));
        Assert.Equal("uk", LanguageDetector.DetectReport(EnglishBody + "\n\n" + UkrainianHeadline + " " + UkrainianHeadline, EnglishBody));
    }

    [Theory]
    [InlineData("Two banks are pulling out of the country.", true)]
    [InlineData("Russians deprive the civilians of water.", true)]
    [InlineData("Bisogna fare tutto il possibile perché tutto questo finisca a breve.", false)]
    [InlineData("Les forces ont bombardé la ville, a dit le maire, et on compte des blessés.", false)]
    [InlineData("Die Truppen haben in der Nacht die Stadt angegriffen, was viele Opfer forderte.", false)]
    [InlineData("To jest wojna, a ludzie giną w mieście.", false)]
    [InlineData("Россия and Украина", false)]
    public void English_function_words_settle_short_Latin_script_texts(string text, bool english) =>
        Assert.Equal(english, LanguageDetector.ReadsAsEnglish(text));

    [Theory]
    [InlineData("05:45")]
    [InlineData("12 Aug")]
    [InlineData("Monday")]
    [InlineData("17:19:00")]
    public void A_time_of_day_or_a_date_without_its_year_is_no_date(string text) => Assert.Null(Dates.Parse(text));

    [Theory]
    [InlineData("2024-08-12")]
    [InlineData("8/12/2024")]
    [InlineData("Mon, 12 Aug 2024 07:00:00 GMT")]
    [InlineData("20240812")]
    [InlineData("12 August 2024")]
    public void Dates_with_their_year_are_read(string text) => Assert.Equal(new DateOnly(2024, 8, 12), Dates.Parse(text));

    [Fact]
    public void A_record_whose_only_date_field_holds_a_time_is_undated_with_the_reason()
    {
        var r = Record("""{"text": "Shelling hit the depot near the river, the governor said.", "time": "05:45"}""");
        Assert.NotNull(r.Item);
        Assert.Null(r.Item.Published);
        Assert.Contains("cannot read the date '05:45'", r.Undated, StringComparison.Ordinal);
    }

    [Fact]
    public void A_number_in_the_text_field_is_not_a_report()
    {
        var r = Record("""{"text": 12345, "date": "2024-08-12"}""");
        Assert.Null(r.Item);
        Assert.Contains("holds no words", r.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_placeholder_text_falls_back_to_the_next_text_field()
    {
        var options = new ReaderOptions { Fields = new FieldMapping { Text = FieldMapping.Parse("description_en,headline"), Title = ["headline"] } };
        using var json = JsonDocument.Parse("""{"description_en": "1", "headline": "A drone hit a fuel depot overnight, officials said"}""");
        var r = DumpReader.FromJson("dump.jsonl:1", json.RootElement, options);
        Assert.Equal("A drone hit a fuel depot overnight, officials said", r.Item!.Text);
    }

    [Fact]
    public void Ingest_stores_undated_records_without_a_date_and_says_how_many_and_which_option_to_use()
    {
        using var dir = new TempDir();
        var dump = dir.File("dump.jsonl",
            """
            {"text": "Shelling hit the depot near the river on Monday, the governor said.", "time": "05:45"}
            {"text": "A drone struck a warehouse overnight, officials said.", "time": "06:10"}
            {"text": "Missiles hit a power plant, the energy ministry said.", "date": "2024-08-12"}
            """);
        var db = dir.File("store.db");
        var run = CliRunner.Run("ingest", dump, "--db", db);
        Assert.Equal(0, run.Exit);
        Assert.Contains("dates: 2 of 3 reports have no publication date", run.Out, StringComparison.Ordinal);
        Assert.Contains("--date-field", run.Out, StringComparison.Ordinal);
        using var store = SqliteStore.Open(db);
        var published = store.ListArticles(new ListFilter { Limit = 10 }).Select(a => a.Published).ToList();
        Assert.Equal(2, published.Count(p => p is null));
        Assert.Contains("2024-08-12", published);
        Assert.DoesNotContain(DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), published);
    }

    private static ReadResult Record(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return DumpReader.FromJson("dump.jsonl:1", doc.RootElement, new ReaderOptions());
    }
}
