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

    [Theory]
    [InlineData("Hamas militants fired rockets at Sderot.", "Hamas", "Hamas militants")]
    [InlineData("On Friday, Taliban suicide bombers attacked a base in Helmand.", "Taliban", "Taliban suicide bombers")]
    [InlineData("More than 20 soldiers were killed in IS attacks near Palmyra.", "Islamic State", "IS")]
    public void A_group_named_with_the_noun_for_its_members_is_one_mention_of_the_group(string text, string name, string mention)
    {
        var doc = ExtractionTestData.Analyse(text);
        var group = Assert.Single(doc.Actors, a => a.Name == name);
        Assert.Contains(group.Mentions, m => doc.TextOf(m) == mention);
    }

    [Theory]
    [InlineData("FARC rebels ambushed an army patrol in Cauca.", "FARC", "FARC rebels")]
    [InlineData("Boko Haram fighters stormed a village in Borno on Sunday.", "Boko Haram", "Boko Haram fighters")]
    public void Known_armed_groups_are_armed_forces_of_no_state(string text, string name, string mention)
    {
        var doc = ExtractionTestData.Analyse(text);
        var group = Assert.Single(doc.Actors, a => a.Name == name);
        Assert.Equal(ActorKind.ArmedForce, group.Kind);
        Assert.Null(group.Affiliation);
        Assert.Contains(group.Mentions, m => doc.TextOf(m) == mention);
        Assert.Contains(doc.Events, e => e.Type == "ASSAULT" && e.Actor == name);
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

    [Theory]
    [InlineData("Ukraine's General Staff said the attack was repelled.", "General Staff of the Armed Forces of Ukraine")]
    [InlineData("The Russian Defence Ministry said the drones were shot down.", "Ministry of Defence of Russia")]
    [InlineData("The press service of the Ministry of Internal Affairs of Ukraine reports the shelling.", "Ministry of Internal Affairs of Ukraine")]
    [InlineData("Russia's National Guard lost 245 members.", "National Guard of Russia")]
    public void State_institutions_are_named_in_full_with_their_state(string text, string name)
    {
        var doc = ExtractionTestData.Analyse(text, "2024-03-01");
        var org = Assert.Single(doc.Actors, a => a.Name == name);
        Assert.True(org.Kind is ActorKind.Organisation or ActorKind.ArmedForce);
        Assert.Contains(doc.Actors, a => a.Kind == ActorKind.State && a.Name == org.Affiliation);
    }

    [Fact]
    public void An_institution_named_again_without_its_state_is_the_one_seen_before()
    {
        var doc = ExtractionTestData.Analyse("The General Staff of the Armed Forces of Ukraine reported 57 attacks. Later the General Staff of the Armed Forces reported 230 engagements.");
        var org = Assert.Single(doc.Actors, a => a.Name == "General Staff of the Armed Forces of Ukraine");
        Assert.Equal(2, org.Mentions.Count);
    }

    [Fact]
    public void Organisations_the_recogniser_finds_in_prose_are_actors()
    {
        var doc = ExtractionTestData.Analyse("Analysts at the Lowy Institute said on Monday that the talks had stalled again.");
        Assert.Contains(doc.Actors, a => a.Kind == ActorKind.Organisation && a.Name == "Lowy Institute");
    }

    [Fact]
    public void A_company_name_with_an_inner_capital_is_an_organisation()
    {
        var doc = ExtractionTestData.Analyse("Two associations have filed a lawsuit against the energy giant TotalEnergies over its fuel sales.");
        Assert.Contains(doc.Actors, a => a.Kind == ActorKind.Organisation && a.Name == "TotalEnergies");
        var g = Assert.Single(doc.Actors, a => a.Kind == ActorKind.Group);
        Assert.Equal("two associations", g.Name);
        Assert.Contains(g.Mentions, m => doc.TextOf(m) == "Two associations");
    }

    [Theory]
    [InlineData("Experts believe that Russia may attempt a new offensive.", "experts")]
    [InlineData("In the suburb -- locals told reporters how the war had changed their lives.", "locals")]
    [InlineData("Unfortunately, our partners still do not grant licences.", "partners")]
    public void A_plural_group_noun_as_subject_is_a_group_actor(string text, string name)
    {
        var doc = ExtractionTestData.Analyse(text);
        Assert.Contains(doc.Actors, a => a.Kind == ActorKind.Group && a.Name == name);
    }

    [Fact]
    public void A_group_noun_that_is_not_a_subject_is_no_actor()
    {
        var doc = ExtractionTestData.Analyse("The report was written for experts and residents of the region.");
        Assert.DoesNotContain(doc.Actors, a => a.Kind == ActorKind.Group);
    }

    [Theory]
    [InlineData("Several European leaders have publicly noted the change.", "European leaders")]
    [InlineData("Western diplomats have indicated that the talks will resume.", "Western diplomats")]
    public void Regions_with_a_group_noun_are_group_actors(string text, string name)
    {
        var doc = ExtractionTestData.Analyse(text);
        var g = Assert.Single(doc.Actors, a => a.Name == name);
        Assert.Equal(ActorKind.Group, g.Kind);
    }

    [Fact]
    public void A_region_after_a_locative_preposition_is_no_actor()
    {
        var doc = ExtractionTestData.Analyse("Prices rose sharply in Europe last winter.");
        Assert.DoesNotContain(doc.Actors, a => a.Name == "Europe");
    }

    [Fact]
    public void An_unnamed_source_before_a_reporting_verb_is_a_person()
    {
        var doc = ExtractionTestData.Analyse("The company is facing legal action, a source close to the case said.");
        var p = Assert.Single(doc.Actors, a => a.Kind == ActorKind.Person);
        Assert.Equal("source close to the case", p.Name);
        Assert.Contains(p.Mentions, m => doc.TextOf(m) == "a source close to the case");
    }

    [Fact]
    public void An_account_that_spells_an_office_holder_is_that_person()
    {
        var doc = ExtractionTestData.Analyse("President @ZelenskyyUa is right to insist on this. @TotalEnergies, pull out of Russia!", "2022-08-10");
        Assert.Contains(doc.Actors, a => a.Name == "Volodymyr Zelensky" && a.Mentions.Any(m => doc.TextOf(m) == "@ZelenskyyUa"));
        Assert.Contains(doc.Actors, a => a.Name == "@TotalEnergies" && a.Mentions.Any(m => doc.TextOf(m) == "@TotalEnergies"));
    }

    [Fact]
    public void The_state_in_a_title_is_an_actor_too()
    {
        var doc = ExtractionTestData.Analyse("Britain's National Security Adviser Jonathan Powell met the delegation.");
        Assert.Contains(doc.Actors, a => a.Name == "Jonathan Powell");
        var uk = Assert.Single(doc.Actors, a => a.Name == "United Kingdom");
        Assert.Contains(uk.Mentions, m => doc.TextOf(m) == "Britain");
    }

    [Fact]
    public void A_capitalised_title_with_its_state_and_no_name_is_the_office_holder()
    {
        var doc = ExtractionTestData.Analyse("By confessing dreams to grab more land, Russian Foreign Minister proves that Russia rejects diplomacy.", "2022-07-21");
        Assert.Contains(doc.Actors, a => a.Name == "Sergei Lavrov");
    }

    [Fact]
    public void A_lower_case_russian_is_still_russia()
    {
        var doc = ExtractionTestData.Analyse("Today the russians used banned cluster munitions against civilians.");
        Assert.Contains(doc.Actors, a => a.Name == "Russia");
    }

    [Fact]
    public void A_town_the_recogniser_took_for_a_person_is_a_place()
    {
        var doc = ExtractionTestData.Analyse("Today the troops used banned cluster munitions against civilians near Kryvyi Rih.");
        Assert.DoesNotContain(doc.Actors, a => a.Name == "Kryvyi Rih");
        Assert.Contains(doc.Places, p => p.Country == "UA" && p.Name.StartsWith("Kryvy", StringComparison.Ordinal));
    }
}
