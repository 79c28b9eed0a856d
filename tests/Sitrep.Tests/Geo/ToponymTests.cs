using Sitrep.Core;
using Sitrep.Geo;
using Xunit;

namespace Sitrep.Tests.Geo;

public sealed class ToponymTests
{
    [Fact]
    public void A_region_phrase_resolves_to_the_oblast_not_the_city()
    {
        var doc = GeoFixture.Analyze("Troops gathered in the Kursk region last week, officials in Moscow said.");
        var kursk = GeoFixture.PlaceNamed(doc, "Kursk region");
        Assert.NotNull(kursk);
        Assert.Equal(PlacePrecision.Adm1, kursk.Precision);
        Assert.Equal("RU", kursk.Country);
        Assert.Equal("A.ADM1", kursk.FeatureClass);
    }

    [Theory]
    [InlineData("Shelling hit Kharkov overnight.", "Kharkov", 706483L)]
    [InlineData("Fighting continued near Artemovsk on Sunday.", "Artemovsk", 713174L)]
    [InlineData("Ships left Odessa at dawn.", "Odessa", 698740L)]
    [InlineData("Air raid sirens sounded across Kyiv.", "Kyiv", 703448L)]
    public void Old_spellings_resolve_to_the_same_town(string text, string surface, long geonameId)
    {
        var doc = GeoFixture.Analyze(text);
        var place = GeoFixture.PlaceNamed(doc, surface);
        Assert.NotNull(place);
        Assert.Equal(geonameId, place.GeonameId);
        Assert.Equal(PlacePrecision.Point, place.Precision);
    }

    [Fact]
    public void A_state_after_a_comma_chooses_the_town_in_that_state()
    {
        var doc = GeoFixture.Analyze("The fire broke out in Alexandria, Louisiana, on Friday. Alexandria police are investigating.");
        var town = GeoFixture.PlaceNamed(doc, "Alexandria");
        Assert.NotNull(town);
        Assert.Equal("US", town.Country);
        Assert.Equal("LA", town.Admin1);

        // one sense per name: the second mention is the same place
        Assert.Equal(2, town.Mentions.Count);
    }

    [Fact]
    public void An_AP_state_abbreviation_counts_only_after_a_town_and_a_comma()
    {
        var doc = GeoFixture.Analyze("He grew up in Louisville, Ky., before moving away.");
        var state = GeoFixture.PlaceNamed(doc, "Ky.");
        Assert.NotNull(state);
        Assert.Equal("US", state.Country);
        Assert.Equal(PlacePrecision.Adm1, state.Precision);
        Assert.Equal("US", GeoFixture.PlaceNamed(doc, "Louisville")?.Country);
    }

    [Theory]
    [InlineData("March was wet and May was dry.")]
    [InlineData("Police said the victim was reading the report on her mobile phone.")]
    [InlineData("Reading the report, she found nothing new.")]
    [InlineData("\"We will respond,\" Jones said, adding that Mr. Jones had left.")]
    [InlineData("The Supreme Court ruled on Monday.")]
    public void Common_words_and_names_are_not_places(string text)
    {
        var doc = GeoFixture.Analyze(text);
        Assert.Empty(doc.Places);
    }

    [Fact]
    public void A_bare_country_name_is_the_country_even_in_a_text_about_another_country()
    {
        var doc = GeoFixture.Analyze("Farmers in Texas and Oklahoma sell soybeans to China. Dallas traders expect more orders from China.");
        var china = GeoFixture.PlaceNamed(doc, "China");
        Assert.NotNull(china);
        Assert.Equal("CN", china.Country);
        Assert.Equal(PlacePrecision.Country, china.Precision);
    }

    [Fact]
    public void A_county_and_a_town_it_contains_choose_each_other()
    {
        var doc = GeoFixture.Analyze("The burn ban for Walker County was lifted. Residents within Huntsville city limits still need a permit.");
        var county = GeoFixture.PlaceNamed(doc, "Walker County");
        var town = GeoFixture.PlaceNamed(doc, "Huntsville");
        Assert.NotNull(county);
        Assert.NotNull(town);
        Assert.Equal(PlacePrecision.Adm2, county.Precision);
        Assert.Equal((county.Country, county.Admin1, county.Admin2), (town.Country, town.Admin1, town.Admin2));
    }

    [Theory]
    [InlineData("Water service was cut between Shamrock Street and the levee.", "Street")]
    [InlineData("He was taken to Hartford Hospital in critical condition.", "Hospital")]
    [InlineData("The mounds still stand in the Kanawha Valley.", "Valley")]
    public void A_common_word_ending_a_longer_name_is_not_a_place(string text, string word)
    {
        var doc = GeoFixture.Analyze(text);
        Assert.DoesNotContain(doc.Places, p => p.Mentions.Any(m => doc.Text[m.Start..m.End] == word));
    }

    [Fact]
    public void A_surname_is_not_a_place_anywhere_in_the_text()
    {
        var doc = GeoFixture.Analyze("Sheriff Roy Nelson made the arrest. Later Nelson told reporters the case was closed.");
        Assert.DoesNotContain(doc.Places, p => p.Name == "Nelson");
    }

    [Fact]
    public void Demonyms_resolve_to_their_country_and_are_never_points()
    {
        var doc = GeoFixture.Analyze("Ukrainian drones struck a Russian airfield.");
        var ua = GeoFixture.PlaceNamed(doc, "Ukrainian");
        var ru = GeoFixture.PlaceNamed(doc, "Russian");
        Assert.Equal("UA", ua?.Country);
        Assert.Equal("RU", ru?.Country);
        Assert.Equal(PlacePrecision.Country, ru?.Precision);
    }

    [Fact]
    public void Country_focus_picks_the_local_reading_of_an_ambiguous_town()
    {
        var doc = GeoFixture.Analyze("Residents of Athens, Georgia, and nearby Atlanta voted on Tuesday. Athens officials welcomed the result.");
        var athens = GeoFixture.PlaceNamed(doc, "Athens");
        Assert.Equal("US", athens?.Country);
    }

    [Fact]
    public void An_NER_place_the_gazetteer_does_not_know_is_kept_as_unknown_without_a_point()
    {
        const string text = "Heavy fighting was reported near Zzyzxovka village.";
        var start = text.IndexOf("Zzyzxovka", StringComparison.Ordinal);
        var doc = GeoFixture.Analyze(text, [new Mention(new TextSpan(start, start + 9), "LOC", "Zzyzxovka")]);
        var place = Assert.Single(doc.Places);
        Assert.Equal(PlacePrecision.Unknown, place.Precision);
        Assert.Null(place.Lat);
        Assert.Null(place.GeonameId);
    }

    [Fact]
    public void A_person_mention_from_NER_vetoes_a_gazetteer_match()
    {
        const string text = "Paris Hilton arrived on Tuesday.";
        var doc = GeoFixture.Analyze(text, [new Mention(new TextSpan(0, 12), "PER", "Paris Hilton")]);
        Assert.Empty(doc.Places);
    }

    [Fact]
    public void A_name_between_places_of_a_list_is_a_place_even_when_the_recogniser_took_it_for_a_person()
    {
        const string text = "Clashes went on in the Kupiansk, Lyman, Siversk and Toretsk directions.";
        Mention M(string name, string type)
        {
            var start = text.IndexOf(name, StringComparison.Ordinal);
            return new Mention(new TextSpan(start, start + name.Length), type, name);
        }

        var doc = GeoFixture.Analyze(text, [M("Kupiansk", "LOC"), M("Lyman", "PER"), M("Siversk", "LOC"), M("Toretsk", "LOC")]);
        var place = GeoFixture.PlaceNamed(doc, "Lyman");
        Assert.NotNull(place);
        Assert.Equal("UA", place.Country);
    }

    [Fact]
    public void A_person_named_after_a_place_outside_a_list_of_places_stays_a_person()
    {
        const string text = "Lyman said the talks in Kupiansk had failed.";
        var doc = GeoFixture.Analyze(text, [new Mention(new TextSpan(0, 5), "PER", "Lyman")]);
        Assert.Null(GeoFixture.PlaceNamed(doc, "Lyman"));
        Assert.NotNull(GeoFixture.PlaceNamed(doc, "Kupiansk"));
    }

    [Fact]
    public void Every_place_mention_lies_inside_the_text()
    {
        var doc = GeoFixture.Analyze("Explosions were heard in Belgorod, Kursk and Bryansk regions, and in Kharkiv, Ukraine's second city.");
        Assert.NotEmpty(doc.Places);
        Assert.All(doc.Places.SelectMany(p => p.Mentions), m => Assert.True(m.Start >= 0 && m.End <= doc.Text.Length && m.Start < m.End));
    }

    [Fact]
    public void The_stage_declares_its_layers()
    {
        var stage = new ToponymStage(GeoFixture.Gazetteer);
        Assert.Equal("sitrep.Toponyms.v1", stage.Name);
        Assert.Contains(Layer.Tokens, stage.Requires);
        Assert.Contains(Layer.Sentences, stage.Requires);
        Assert.Equal([Layer.Places], stage.Assigns);
    }
}
