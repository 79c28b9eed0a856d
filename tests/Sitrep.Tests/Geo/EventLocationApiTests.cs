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
}
