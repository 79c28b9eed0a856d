using Sitrep.Core;
using Sitrep.Tests.Extraction;
using Xunit;

namespace Sitrep.Tests.Geo;

/// <summary>The seed article's places through the default pipeline (the acceptance case of the places issue).</summary>
public sealed class SeedPlacesTests
{
    [Fact]
    public void The_seed_region_is_the_oblast_and_its_capital_is_the_capital_city()
    {
        var seed = ExtractionTestData.Shared("seed");

        var doc = ExtractionTestData.Analyse(File.ReadAllText(Path.Combine(seed, "kursk-buildup.txt")), "2024-11-11");
        var region = Assert.Single(doc.Places, p => p.Mentions.Any(m => doc.TextOf(m) == "Kursk region"));
        Assert.Equal(PlacePrecision.Adm1, region.Precision);
        Assert.Equal("RU", region.Country);
        var capital = Assert.Single(doc.Places, p => p.Mentions.Any(m => doc.TextOf(m) == "the capital"));
        Assert.Equal("Moscow", capital.Name);
        Assert.Equal(PlacePrecision.Point, capital.Precision);
        Assert.Contains(doc.Events, e => e.PlaceId == capital.Id && e.Actor == "Ukraine");
        // demonyms are owners and actors, never an event's place
        Assert.DoesNotContain(doc.Events, e => e.PlaceId is { } id && doc.Places.Single(p => p.Id == id).Name == "North Korea");
        foreach (var e in doc.Events.Where(e => e.PlaceId is not null))
        {
            var p = doc.Places.Single(p => p.Id == e.PlaceId);
            Assert.True(p.Precision != PlacePrecision.Point || p.Lat is not null);
        }
    }
}
