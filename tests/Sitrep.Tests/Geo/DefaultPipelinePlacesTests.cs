using Sitrep.Core;
using Sitrep.Tests.Extraction;
using Xunit;

namespace Sitrep.Tests.Geo;

/// <summary>Places and event locations from the default pipeline (NER, toponyms, extraction).</summary>
public sealed class DefaultPipelinePlacesTests
{
    private static Place LocationOf(Document doc, Event e) => Assert.Single(doc.Places, p => p.Id == e.PlaceId);

    [Fact]
    public void The_default_pipeline_puts_places_on_the_document()
    {
        var doc = ExtractionTestData.Analyse("Russian forces shelled Kharkiv on Monday, officials in Kyiv said.");
        Assert.Contains(doc.Places, p => p.Name == "Kharkiv" && p.Precision == PlacePrecision.Point && p.Lat is not null);
        Assert.Contains(doc.Places, p => p.Name == "Kyiv" && p.Precision == PlacePrecision.Point);
    }

    [Fact]
    public void A_demonym_is_never_the_location_of_an_event()
    {
        var doc = ExtractionTestData.Analyse("North Korean troops were deployed alongside Russian units.");
        var e = Assert.Single(doc.Events);
        Assert.Equal("MOBILIZE", e.Type);
        Assert.Null(e.Location);
        Assert.Null(e.PlaceId);
    }

    [Fact]
    public void The_capital_of_the_target_is_a_point_place_with_its_mention()
    {
        var doc = ExtractionTestData.Analyse("Over the weekend, Ukraine launched a barrage targeting Russian cities, including the capital.");
        var e = Assert.Single(doc.Events);
        Assert.Equal("Moscow", e.Location);
        var place = LocationOf(doc, e);
        Assert.Equal(PlacePrecision.Point, place.Precision);
        Assert.Contains(place.Mentions, m => doc.TextOf(m) == "the capital");
    }

    [Fact]
    public void A_place_after_near_is_the_location_and_the_agent_capital_is_not()
    {
        var doc = ExtractionTestData.Analyse("Moscow launched drones at villages near Pokrovsk.");
        var e = Assert.Single(doc.Events);
        Assert.Equal("Russia", e.Actor);
        Assert.Equal("Pokrovsk", e.Location);
        Assert.Equal(PlacePrecision.Point, LocationOf(doc, e).Precision);
    }

    [Fact]
    public void A_country_level_location_is_never_a_point()
    {
        var doc = ExtractionTestData.Analyse("Belarus deployed troops in Ukraine last week.");
        var e = Assert.Single(doc.Events);
        Assert.Equal("Ukraine", e.Location);
        var place = LocationOf(doc, e);
        Assert.Equal(PlacePrecision.Country, place.Precision);
        Assert.Equal("country", Assert.Single(System.Text.Json.JsonDocument.Parse(Sitrep.Core.Serialization.AnalysisJson.Write(doc)).RootElement
            .GetProperty("events").EnumerateArray()).GetProperty("location_precision").GetString());
    }

    [Fact]
    public void The_region_after_a_town_is_the_towns_first_level_region()
    {
        var doc = ExtractionTestData.Analyse("Fighting continued in Kupiansk. Russia deployed more troops in the region.");
        var e = Assert.Single(doc.Events, x => x.Type == "MOBILIZE");
        var place = LocationOf(doc, e);
        Assert.Equal(PlacePrecision.Adm1, place.Precision);
        Assert.Equal("UA", place.Country);
    }

    [Fact]
    public void A_facility_named_after_a_place_the_gazetteer_lacks_is_a_place_of_its_own()
    {
        var doc = ExtractionTestData.Analyse("A radiation spike was recorded at the Chernobyl nuclear plant after the fighting.");
        var place = Assert.Single(doc.Places, p => p.Name == "Chernobyl nuclear plant");
        Assert.Equal(PlacePrecision.Unknown, place.Precision);
    }

    [Theory]
    [InlineData("Today the troops used banned cluster munitions against civilians near Kryvyi Rih.", "UA")]
    [InlineData("The explosions rang out in Crimea. The army showed pictures from the airfield \"Saki\" after the strike.", "UA")]
    public void A_town_the_recogniser_takes_for_a_person_is_a_town_after_a_locative_or_facility_word(string text, string country)
    {
        var doc = ExtractionTestData.Analyse(text, "2022-08-10");
        Assert.Contains(doc.Places, p => p.Precision == PlacePrecision.Point && p.Country == country);
        Assert.DoesNotContain(doc.Actors, a => a.Kind == ActorKind.Person);
    }
}
