using Sitrep.Core;
using Xunit;

namespace Sitrep.Tests.Extraction;

public class ActorTests
{
    [Fact]
    public void Surnames_and_role_descriptions_resolve_to_the_titled_person()
    {
        var doc = ExtractionTestData.Analyse("French President Emmanuel Macron met troops in Lyon. Macron said the French president would return. Later the French president left.");
        var macron = Assert.Single(doc.Actors, a => a.Kind == ActorKind.Person);
        Assert.Equal("Emmanuel Macron", macron.Name);
        Assert.Equal("France", macron.Affiliation);
        Assert.True(macron.Mentions.Count >= 3);
    }

    [Fact]
    public void A_role_with_no_holder_in_the_text_comes_from_the_dated_list_of_office_holders()
    {
        var before = ExtractionTestData.Analyse("The British prime minister visited Kyiv.", "2023-03-01");
        var after = ExtractionTestData.Analyse("The British prime minister visited Kyiv.", "2025-03-01");
        Assert.Contains(before.Actors, a => a.Name == "Rishi Sunak");
        Assert.Contains(after.Actors, a => a.Name == "Keir Starmer");
    }

    [Fact]
    public void Demonym_forces_and_seats_of_government_resolve_to_the_state()
    {
        var doc = ExtractionTestData.Analyse("Belarusian troops moved south while Minsk stayed quiet and the White House warned Minsk.");
        var belarus = Assert.Single(doc.Actors, a => a.Name == "Belarus");
        Assert.Equal(ActorKind.State, belarus.Kind);
        Assert.Contains(belarus.Mentions, m => doc.TextOf(m) == "Belarusian troops");
        Assert.Contains(belarus.Mentions, m => doc.TextOf(m) == "Minsk");
        Assert.Contains(doc.Actors, a => a.Name == "United States" && a.Mentions.Any(m => doc.TextOf(m) == "the White House"));
    }

    [Fact]
    public void A_capital_after_a_locative_preposition_is_a_place_not_an_actor()
    {
        var doc = ExtractionTestData.Analyse("Explosions were heard in Minsk.");
        Assert.DoesNotContain(doc.Actors, a => a.Name == "Belarus");
    }

    [Fact]
    public void Officials_of_a_state_are_a_group_with_its_affiliation()
    {
        var doc = ExtractionTestData.Analyse("Polish officials said the border stayed open.");
        var g = Assert.Single(doc.Actors, a => a.Kind == ActorKind.Group);
        Assert.Equal("Polish officials", g.Name);
        Assert.Equal("Poland", g.Affiliation);
    }
}
