using Sitrep.Core;
using Sitrep.Tests.Extraction;
using Xunit;

namespace Sitrep.Tests.Geo;

/// <summary>A facility named after a town ("the Kursk Nuclear Power Plant") and "the plant" that points back to it.</summary>
public sealed class EventFacilityPlaceTests
{
    [Fact]
    public void A_facility_named_after_a_town_is_a_mention_of_that_place_in_full()
    {
        var doc = GeoFixture.Analyze("Drones circled the Kursk Nuclear Power Plant overnight.");
        var place = GeoFixture.PlaceNamed(doc, "Kursk Nuclear Power Plant");
        Assert.NotNull(place);
        Assert.Equal("RU", place.Country);
    }

    [Fact]
    public void The_plant_after_a_locative_word_is_the_facility_named_before()
    {
        var doc = ExtractionTestData.Analyse(
            "Engineers restored power to the Kursk Nuclear Power Plant on Sunday. Ukrainian drones attacked positions near the plant on Monday.");
        var e = Assert.Single(doc.Events, x => x.Type == "ASSAULT");
        var place = Assert.Single(doc.Places, p => p.Id == e.PlaceId);
        Assert.Contains(place.Mentions, m => doc.TextOf(m) == "Kursk Nuclear Power Plant");
    }
}
