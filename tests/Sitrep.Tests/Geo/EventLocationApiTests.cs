using Sitrep.Core;
using Sitrep.Geo;
using Xunit;

namespace Sitrep.Tests.Geo;

public sealed class EventLocationApiTests
{
    [Fact]
    public void The_capital_of_a_country_is_a_point()
    {
        var moscow = GeoFixture.Resolver.CapitalOf("RU");
        Assert.NotNull(moscow);
        Assert.Equal("Moscow", moscow.Name);
        Assert.Equal(PlacePrecision.Point, moscow.Precision);
        Assert.NotNull(moscow.Lat);
    }

    [Fact]
    public void A_country_by_demonym_is_country_precision()
    {
        var ru = GeoFixture.Resolver.Country("Russian");
        Assert.NotNull(ru);
        Assert.Equal("RU", ru.Country);
        Assert.Equal(PlacePrecision.Country, ru.Precision);
        Assert.Equal("UA", GeoFixture.Resolver.CountryCode("Ukraine"));
        Assert.Null(GeoFixture.Resolver.CountryCode("Atlantis"));
    }

    [Fact]
    public void A_phrase_resolves_in_the_context_of_its_document()
    {
        var doc = GeoFixture.Analyze("Russian forces shelled towns across Ukraine's east.");
        var place = GeoFixture.Resolver.ResolvePhrase("Donetsk province", doc);
        Assert.NotNull(place);
        Assert.Equal(PlacePrecision.Adm1, place.Precision);
        Assert.Equal("UA", place.Country);
        Assert.Null(GeoFixture.Resolver.ResolvePhrase("the meeting room", doc));
    }

    [Fact]
    public void The_place_whose_mention_lies_in_a_span_is_found()
    {
        var doc = GeoFixture.Analyze("A drone hit a depot in Belgorod. Talks continued in Geneva.");
        var second = doc.Text.IndexOf("Talks", StringComparison.Ordinal);
        var place = PlaceResolver.PlaceIn(doc, new TextSpan(second, doc.Text.Length));
        Assert.Equal("CH", place?.Country);
        Assert.Equal(PlacePrecision.Point, place?.Precision);
        Assert.Null(PlaceResolver.PlaceIn(doc, new TextSpan(0, 5)));
    }

    [Theory]
    [InlineData("Envoys met in Geneva on Tuesday.", "CH", "Geneva")]
    [InlineData("Fans gathered in Cologne after the match.", "DE", "Cologne")]
    [InlineData("Delegates flew to Genève for the talks.", "CH", "Genève")]
    [InlineData("Russian drones struck Kyiv overnight.", "UA", "Kyiv")]
    public void A_place_is_named_as_the_English_text_names_it_when_its_gazetteer_name_has_other_letters(string text, string country, string name)
    {
        var doc = GeoFixture.Analyze(text);
        var place = Assert.Single(doc.Places, p => p.Country == country);
        Assert.Equal(name, place.Name);
    }
}
