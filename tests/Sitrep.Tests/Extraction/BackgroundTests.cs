using Sitrep.Core;
using Sitrep.Extraction;
using Xunit;

namespace Sitrep.Tests.Extraction;

/// <summary>
/// sitrep.Background.v1 on documents tokenised by the default pipeline, with events set by hand (so the cases do not
/// depend on the event extractor): which mentions are background (an earlier, known act) and which are news.
/// </summary>
public class BackgroundTests
{
    private static bool Marked(string text, string trigger, string published = "2026-02-20", string? timePhrase = null)
    {
        var doc = ExtractionTestData.Analyse(text, published);
        doc.Events.Clear();
        var at = text.IndexOf(trigger, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{trigger}' is not in the text");
        var sentence = doc.Sentence(doc.SentenceIndexAt(at)).Span;
        var e = new Event { Id = "e1", Type = "ASSAULT", Trigger = new TextSpan(at, at + trigger.Length), Evidence = sentence };
        if (timePhrase is not null)
        {
            e.TimeId = Assert.Single(doc.Times, t => doc.TextOf(t.Span).Contains(timePhrase, StringComparison.Ordinal)).Id;
        }

        doc.Events.Add(e);
        new BackgroundMarker().Process(doc, CancellationToken.None);
        return e.Background;
    }

    [Theory]
    [InlineData("Sanctions were imposed to punish Moscow for Russia's invasion of Ukraine.", "invasion")]
    [InlineData("Aid has reached two million people since the start of the war in the region.", "war")]
    [InlineData("The town was shelled two years ago, residents recalled.", "shelled")]
    [InlineData("Talks on ending the war continued in Geneva.", "war")]
    [InlineData("Thousands of children have become refugees since Russia invaded Ukraine.", "invaded")]
    public void Issue18_a_reference_to_an_earlier_known_act_is_background(string text, string trigger) =>
        Assert.True(Marked(text, trigger));

    [Theory]
    [InlineData("Russian forces shelled the town of Kupiansk on Thursday.", "shelled")]
    [InlineData("Russia launched an invasion of Ukraine at dawn.", "invasion")]
    [InlineData("Drones struck a fuel depot overnight, officials said.", "struck")]
    public void Issue18_news_of_a_new_act_is_not_background(string text, string trigger) =>
        Assert.False(Marked(text, trigger));

    [Fact]
    public void Issue18_an_act_dated_long_before_the_report_is_background_and_a_recent_one_is_not()
    {
        Assert.True(Marked("Russia annexed Crimea in March 2014.", "annexed", timePhrase: "2014"));
        Assert.False(Marked("Russian forces shelled Kharkiv on 18 February 2026.", "shelled", timePhrase: "February"));
        // A known act named with its date, in a report a fortnight later, is a reference to it.
        Assert.True(Marked("Sanctions followed Moscow's invasion of Ukraine on 4 February 2026.", "invasion", timePhrase: "February"));
        Assert.False(Marked("Sanctions followed Moscow's invasion of Ukraine on 19 February 2026.", "invasion", timePhrase: "February"));
    }
}
