using Sitrep.Core;
using Xunit;

namespace Sitrep.Tests.Extraction;

public class EventTests
{
    [Fact]
    public void Launching_drones_is_a_drone_strike_by_the_state_behind_the_capital()
    {
        var doc = ExtractionTestData.Analyse("Overnight, Moscow launched 60 drones at Odesa.");
        var e = Assert.Single(doc.Events);
        Assert.Equal("ASSAULT", e.Type);
        Assert.Equal("drone strike", e.Mode);
        Assert.Equal("Russia", e.Actor);
        Assert.Equal("Explosions/Remote violence", e.AcledType);
    }

    [Fact]
    public void Unrealised_events_are_not_extracted()
    {
        var doc = ExtractionTestData.Analyse("Belarus is poised for an offensive and could invade Lithuania.");
        Assert.Empty(doc.Events);
    }

    [Fact]
    public void The_capital_as_a_location_is_the_capital_of_the_target()
    {
        var doc = ExtractionTestData.Analyse("Ukraine struck Russian refineries, including one near the capital.");
        var e = Assert.Single(doc.Events);
        Assert.Equal("Russia", e.Target);
        Assert.Equal("Moscow", e.Location);
    }

    [Fact]
    public void A_head_of_state_acts_for_the_state_and_stays_a_participant()
    {
        var doc = ExtractionTestData.Analyse("Chinese President Xi Jinping signed a trade agreement with Vietnam.");
        var e = Assert.Single(doc.Events);
        Assert.Equal("AGREE", e.Type);
        Assert.Equal("China", e.Actor);
        Assert.Equal("Vietnam", e.Target);
        Assert.Contains("Xi Jinping", e.Participants);
    }

    [Fact]
    public void Deployed_troops_belong_to_their_owner_in_the_passive()
    {
        var doc = ExtractionTestData.Analyse("About 3,000 Belarusian soldiers were deployed in the Gomel region.");
        var e = Assert.Single(doc.Events);
        Assert.Equal("MOBILIZE", e.Type);
        Assert.Equal("Belarus", e.Actor);
        Assert.Equal("Gomel Oblast", e.Location);
        Assert.Equal(PlacePrecision.Adm1, doc.Places.Single(p => p.Id == e.PlaceId).Precision);
        Assert.Single(e.QuantityIds);
    }

    [Fact]
    public void Repeated_reports_of_one_event_merge_and_the_region_anaphor_resolves()
    {
        var doc = ExtractionTestData.Analyse("Belarus deployed troops in the Brest region. Officials said Belarus deployed more troops in the region.");
        var e = Assert.Single(doc.Events);
        Assert.Equal(2, e.Mentions.Count);
        Assert.Equal("Brest region", e.Location);
    }

    [Fact]
    public void Nominal_triggers_need_an_agent_of_their_own()
    {
        Assert.Empty(ExtractionTestData.Analyse("The offensive stalled in the mud.").Events);
        var doc = ExtractionTestData.Analyse("Russia's offensive stalled in the mud.");
        Assert.Equal("Russia", Assert.Single(doc.Events).Actor);
    }
}
