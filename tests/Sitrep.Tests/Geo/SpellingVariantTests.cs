using Sitrep.Core;
using Sitrep.Geo;
using Xunit;

namespace Sitrep.Tests.Geo;

/// <summary>Romanisation variants of Ukrainian and Russian place names that the gazetteer does not hold as written.</summary>
public sealed class SpellingVariantTests
{
    [Theory]
    [InlineData("vugledar", "vuhledar")]
    [InlineData("iziium", "izium")]
    [InlineData("khmelnytskyy", "khmelnytskyi")]
    [InlineData("zaporizhia oblast", "zaporizhzhia oblast")]
    [InlineData("zaporizhzhya", "zaporizhzhia")]
    [InlineData("mykolayiv", "mykolaiv")]
    public void Romanisations_of_one_name_share_a_skeleton(string a, string b) =>
        Assert.Equal(GeoText.Skeleton(a), GeoText.Skeleton(b));

    [Theory]
    [InlineData("kharkiv", "karkiv")]
    [InlineData("shostka", "sostka")]
    [InlineData("chernihiv", "cernihiv")]
    public void Digraphs_keep_their_h(string a, string b) =>
        Assert.NotEqual(GeoText.Skeleton(a), GeoText.Skeleton(b));

    [Fact]
    public void An_unknown_romanisation_finds_the_town_of_a_listed_country()
    {
        Assert.Empty(GeoFixture.Gazetteer.Lookup("khmelnytskyy"));
        var hits = GeoFixture.Gazetteer.LookupVariant("khmelnytskyy");
        Assert.Contains(hits, h => h.Entry.Name == "Khmelnytskyi" && h.Entry.Country == "UA");
        Assert.True(GeoFixture.Gazetteer.HasVariantPrefix("khmelnytskyy"));
    }

    [Fact]
    public void Variants_are_only_looked_up_in_the_listed_countries()
    {
        // "Alexandriya" is no spelling of Alexandria, Virginia: only entries of the listed countries answer
        Assert.All(GeoFixture.Gazetteer.LookupVariant("alexandriya"), h => Assert.Contains(h.Entry.Country, new[] { "UA", "RU", "BY", "KZ", "KG", "TJ", "MD" }));
    }

    [Fact]
    public void A_variant_spelling_in_a_text_resolves_to_the_town()
    {
        var doc = GeoFixture.Analyze("Shelling hit Iziium overnight.");
        var place = GeoFixture.PlaceNamed(doc, "Iziium");
        Assert.NotNull(place);
        Assert.Equal("UA", place.Country);
        Assert.Equal(PlacePrecision.Point, place.Precision);
    }

    [Fact]
    public void A_region_phrase_the_recogniser_took_for_a_person_is_the_region()
    {
        const string text = "Troops advanced in western Khmelnytskyy Oblast on Monday.";
        var start = text.IndexOf("Khmelnytskyy", StringComparison.Ordinal);
        var doc = GeoFixture.Analyze(text, [new Mention(new TextSpan(start, start + "Khmelnytskyy Oblast".Length), "PER", "Khmelnytskyy Oblast")]);
        var place = GeoFixture.PlaceNamed(doc, "Khmelnytskyy Oblast");
        Assert.NotNull(place);
        Assert.Equal(PlacePrecision.Adm1, place.Precision);
        Assert.Equal("UA", place.Country);
    }
}

/// <summary>Seats of government and landmarks named as where something happened give their city.</summary>
public sealed class LandmarkTests
{
    [Theory]
    [InlineData("The chancellor spoke to reporters outside Downing Street on Monday.", "Downing Street", "GB")]
    [InlineData("The envoy was received at the Kremlin on Thursday.", "Kremlin", "RU")]
    [InlineData("The prime minister visited the White House last spring.", "White House", "US")]
    public void A_landmark_after_a_locative_word_is_a_mention_of_its_city(string text, string surface, string country)
    {
        var doc = GeoFixture.Analyze(text);
        var place = GeoFixture.PlaceNamed(doc, surface);
        Assert.NotNull(place);
        Assert.Equal(country, place.Country);
        Assert.Equal(PlacePrecision.Point, place.Precision);
        Assert.Equal(GeoFixture.Gazetteer.CapitalOf(country)?.GeonameId, place.GeonameId);
    }

    [Theory]
    [InlineData("The Kremlin said the talks had failed.", "Kremlin")]
    [InlineData("A White House spokesman declined to comment.", "White House")]
    public void A_landmark_that_speaks_for_a_government_is_no_place(string text, string surface)
    {
        var doc = GeoFixture.Analyze(text);
        Assert.Null(GeoFixture.PlaceNamed(doc, surface));
    }
}
