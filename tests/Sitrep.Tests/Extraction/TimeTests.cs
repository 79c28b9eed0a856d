using Sitrep.Core;
using Xunit;

namespace Sitrep.Tests.Extraction;

public class TimeTests
{
    private static TimeExpression Single(string text, string published)
    {
        var doc = ExtractionTestData.Analyse(text, published);
        return Assert.Single(doc.Times);
    }

    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Without_a_publication_date_relative_times_stay_unresolved_but_full_dates_resolve()
    {
        var doc = Sitrep.Analysis.Analyzer.Default.Process(new Document(
            "Shelling hit the town last week. The bridge was destroyed on 12 February 2023. Talks resumed on Sunday."));
        Assert.Null(doc.Published);
        Assert.Equal(3, doc.Times.Count);
        var lastWeek = doc.Times.Single(t => doc.Text[t.Span.Start..t.Span.End].Contains("week", StringComparison.Ordinal));
        Assert.Null(lastWeek.Start);
        Assert.Null(lastWeek.End);
        var full = doc.Times.Single(t => doc.Text[t.Span.Start..t.Span.End].Contains("2023", StringComparison.Ordinal));
        Assert.Equal(D("2023-02-12"), full.Start);
        var sunday = doc.Times.Single(t => doc.Text[t.Span.Start..t.Span.End].Contains("Sunday", StringComparison.Ordinal));
        Assert.Null(sunday.Start);
    }

    [Fact]
    public void Over_the_weekend_before_a_Monday_is_the_weekend_just_gone()
    {
        var t = Single("Over the weekend, shelling continued.", "2024-11-11");
        Assert.Equal(D("2024-11-09"), t.Start);
        Assert.Equal(D("2024-11-10"), t.End);
    }

    [Fact]
    public void Over_the_weekend_midweek_is_the_previous_weekend()
    {
        var t = Single("Over the weekend, shelling continued.", "2024-11-13");
        Assert.Equal(D("2024-11-09"), t.Start);
    }

    [Fact]
    public void Since_a_month_starts_at_the_last_such_month_and_runs_to_publication()
    {
        var t = Single("Since March, the town has been under fire.", "2024-11-11");
        Assert.Equal(D("2024-03-01"), t.Start);
        Assert.Equal(D("2024-11-11"), t.End);
        Assert.Equal(TimePrecision.Month, t.Precision);
    }

    [Fact]
    public void A_month_later_in_the_year_than_publication_is_last_year()
    {
        var t = Single("In December the offensive stalled.", "2024-05-02");
        Assert.Equal(D("2023-12-01"), t.Start);
    }

    [Fact]
    public void Last_week_is_the_previous_calendar_week()
    {
        var t = Single("Last week the bridge was hit.", "2024-11-13");
        Assert.Equal(D("2024-11-04"), t.Start);
        Assert.Equal(D("2024-11-10"), t.End);
        Assert.Equal(TimePrecision.Week, t.Precision);
    }

    [Fact]
    public void On_a_weekday_is_the_most_recent_one()
    {
        var t = Single("The mayor spoke on Sunday.", "2024-11-13");
        Assert.Equal(D("2024-11-10"), t.Start);
        Assert.Equal(TimePrecision.Day, t.Precision);
    }

    [Fact]
    public void This_summer_is_a_season_of_the_publication_year()
    {
        var t = Single("This summer the front barely moved.", "2024-11-11");
        Assert.Equal(D("2024-06-01"), t.Start);
        Assert.Equal(D("2024-08-31"), t.End);
        Assert.Equal(TimePrecision.Season, t.Precision);
    }

    [Fact]
    public void Absolute_dates_resolve_without_the_publication_date()
    {
        var doc = ExtractionTestData.Analyse("The treaty was signed on 24 February 2022, and troops left in March 2023.", "2024-11-11");
        Assert.Contains(doc.Times, t => t.Start == D("2022-02-24") && t.Precision == TimePrecision.Day);
        Assert.Contains(doc.Times, t => t.Start == D("2023-03-01") && t.End == D("2023-03-31"));
    }

    [Fact]
    public void Yesterday_is_the_day_before_publication()
    {
        var t = Single("Yesterday the port was closed.", "2024-11-11");
        Assert.Equal(D("2024-11-10"), t.Start);
    }

    [Fact]
    public void Events_carry_the_time_of_their_sentence()
    {
        var doc = ExtractionTestData.Analyse("On Sunday, Russia launched 40 drones at Kharkiv.", "2024-11-13");
        var e = Assert.Single(doc.Events);
        var t = doc.Times.Single(t => t.Id == e.TimeId);
        Assert.Equal(D("2024-11-10"), t.Start);
    }
}
