using Xunit;

namespace Sitrep.Tests.Extraction;

public class ClaimTests
{
    [Fact]
    public void A_reporting_verb_attributes_the_event_in_its_complement()
    {
        var doc = ExtractionTestData.Analyse("Polish officials said that Russia fired 12 missiles at Lviv.");
        var e = Assert.Single(doc.Events);
        var c = Assert.Single(doc.Claims);
        Assert.Equal("Polish officials", c.Source);
        Assert.Equal("said", c.Verb);
        Assert.Equal(e.Id, c.EventId);
        Assert.Contains(c.Id, e.ClaimIds);
    }

    [Fact]
    public void An_event_in_the_article_voice_has_no_claim()
    {
        var doc = ExtractionTestData.Analyse("Russia fired 12 missiles at Lviv on Tuesday.");
        Assert.Single(doc.Events);
        Assert.Empty(doc.Claims);
    }

    [Fact]
    public void According_to_names_the_source()
    {
        var doc = ExtractionTestData.Analyse("According to the Pentagon, Iran shipped drones to Russia.");
        var c = Assert.Single(doc.Claims);
        Assert.Equal("United States", c.Source);
    }

    [Fact]
    public void Silence_is_recorded_as_no_comment()
    {
        var doc = ExtractionTestData.Analyse("Beijing has remained silent on the reports.");
        var c = Assert.Single(doc.Claims);
        Assert.Equal("China", c.Source);
        Assert.Equal("no comment", c.Stance);
    }

    [Fact]
    public void Denials_are_recorded_with_their_stance()
    {
        var doc = ExtractionTestData.Analyse("The Kremlin denied that its forces shelled the plant.");
        var c = Assert.Single(doc.Claims);
        Assert.Equal("Russia", c.Source);
        Assert.Equal("denies", c.Stance);
    }

    [Fact]
    public void Footage_confirming_something_is_corroboration()
    {
        var doc = ExtractionTestData.Analyse("New satellite imagery confirms that Russian troops deployed near the border.");
        var c = Assert.Single(doc.Claims);
        Assert.Equal("corroborates", c.Stance);
        Assert.Equal("satellite imagery", c.Source);
    }

    [Fact]
    public void A_claim_without_an_event_keeps_its_proposition()
    {
        var doc = ExtractionTestData.Analyse("German officials worry that winter could strain the grid.");
        var c = Assert.Single(doc.Claims);
        Assert.Null(c.EventId);
        Assert.Equal("winter could strain the grid", c.Content);
        Assert.Equal("warns", c.Stance);
    }

    [Fact]
    public void A_source_after_the_verb_is_found()
    {
        var doc = ExtractionTestData.Analyse("\"Russia attacked Odesa with drones,\" said Zelensky.");
        var c = Assert.Single(doc.Claims);
        Assert.Equal("Volodymyr Zelensky", c.Source);
    }
}
