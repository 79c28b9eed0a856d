using Sitrep.Core;
using Xunit;

namespace Sitrep.Tests.Extraction;

public class EventTests
{
    [Fact]
    public void A_headlines_casualties_join_the_leads_attack_past_a_line_between()
    {
        var doc = ExtractionTestData.Analyse("Dozens killed as rockets hit market in Goma\n\nThis report first appeared in the Kivu Times.\n\n"
            + "At least 40 people were killed and dozens more wounded when rockets struck a crowded market in Goma on Sunday, local officials said.");
        var e = Assert.Single(doc.Events, x => x.Type == "ASSAULT");
        Assert.Equal("Goma", e.Location);
        Assert.Contains(e.Mentions, m => doc.TextOf(m) == "killed" && m.Start < 10);
        Assert.NotEqual("Dozens", e.Target);
    }

    [Fact]
    public void Casualties_told_later_without_a_perpetrator_are_the_toll_of_the_leads_attack()
    {
        var doc = ExtractionTestData.Analyse("Russian drones struck a market in Sumy on Tuesday, killing three people, the regional governor said.\n\n"
            + "The governor said emergency crews worked through the night.\n\n"
            + "Doctors said 20 wounded people had been brought to the city hospital in Sumy.");
        var e = Assert.Single(doc.Events, x => x.Type == "ASSAULT");
        Assert.Equal("Russia", e.Actor);
        Assert.Contains(e.Mentions, m => doc.TextOf(m) == "wounded");
    }

    [Fact]
    public void A_toll_counted_since_a_date_is_no_act_and_no_casualty_of_the_leads_attack()
    {
        var doc = ExtractionTestData.Analyse("Russian drones struck a market in Sumy on Tuesday, killing three people, the regional governor said.\n\n"
            + "The governor said emergency crews worked through the night.\n\n"
            + "More than 100 civilians have been killed in Sumy since January, officials said.");
        var e = Assert.Single(doc.Events, x => x.Type == "ASSAULT");
        var toll = Assert.Single(doc.Quantities, q => q.Min == 100);
        Assert.DoesNotContain(toll.Id, e.QuantityIds);
    }

    [Fact]
    public void A_toll_summed_since_a_truce_is_no_act_and_no_quantity_of_the_truce()
    {
        var doc = ExtractionTestData.Analyse("More than 80 people have been killed in Turkish strikes in northern Syria since the truce took effect, officials said.");
        Assert.DoesNotContain(doc.Events, e => e.Type == "ASSAULT");
        Assert.All(doc.Events, e => Assert.Empty(e.QuantityIds));
        Assert.Contains(doc.Quantities, q => q.Unit == "killed" && q.Min == 80);
    }

    [Fact]
    public void An_attack_told_after_its_casualties_in_one_sentence_is_their_act_with_its_roles()
    {
        var doc = ExtractionTestData.Analyse("The number of people killed in Tuesday's Russian drone strike on Sumy has risen to 14, Ukraine's emergency service said.");
        var e = Assert.Single(doc.Events);
        Assert.Equal("ASSAULT", e.Type);
        Assert.Equal("Russia", e.Actor);
        Assert.Equal("drone strike", e.Mode);
    }

    [Fact]
    public void Two_strikes_by_one_side_on_one_country_told_paragraphs_apart_are_two_acts()
    {
        var doc = ExtractionTestData.Analyse("Russian strikes hit the power grid of Ukraine, the ministry said.\n\n"
            + "The ministry said repairs would take weeks.\n\n"
            + "Separately, the president spoke of Russia's air campaign against the rest of Ukraine.\n\n"
            + "Russian strikes also hit the railways of Ukraine, officials said.");
        Assert.True(doc.Events.Count(x => x.Type == "ASSAULT" && x.Actor == "Russia") >= 2);
    }

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

    [Theory]
    [InlineData("Ukrainian President Volodymyr Zelensky accused Russia of stalling the talks.", "DISAPPROVE", "Volodymyr Zelensky", "Ukraine")]
    [InlineData("French President Emmanuel Macron demanded that Russia withdraw its troops.", "DEMAND", "Emmanuel Macron", "France")]
    [InlineData("French President Emmanuel Macron urged Russia to withdraw its troops.", "REQUEST", "Emmanuel Macron", "France")]
    public void A_speech_act_is_the_named_persons_own_with_their_state_a_participant(string text, string type, string actor, string state)
    {
        var doc = ExtractionTestData.Analyse(text);
        var e = doc.Events.First(e => e.Type == type);
        Assert.Equal(actor, e.Actor);
        Assert.Contains(state, e.Participants);
    }

    [Fact]
    public void A_front_line_sector_is_the_location_and_never_a_side()
    {
        var doc = ExtractionTestData.Analyse("On the Pokrovsk direction, Russian troops attempted to advance 15 times.");
        var e = Assert.Single(doc.Events);
        Assert.Equal("ASSAULT", e.Type);
        Assert.Equal("Russia", e.Actor);
        Assert.Null(e.Target);
        Assert.Equal("Pokrovsk", e.Location);
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

    [Theory]
    [InlineData("Finland said it will provide aid to Tanzania.", "AGREE")]
    [InlineData("Syria says it will not accept any more refugees.", "REJECT")]
    [InlineData("Iran threatened to shell Iraqi towns.", "THREATEN")]
    [InlineData("Nigeria announced that it will withdraw its force from Chad unless a ceasefire is arranged.", "THREATEN")]
    [InlineData("The rebels refused to release the hostages.", "REJECT")]
    public void Announced_intentions_threats_and_refusals_take_their_own_type(string text, string type)
    {
        var doc = ExtractionTestData.Analyse(text);
        Assert.NotEmpty(doc.Events);
        Assert.Equal(type, doc.Events.OrderBy(e => e.Trigger?.Start ?? 0).First().Type);
    }

    [Fact]
    public void A_light_verb_gives_its_subject_to_the_event_noun()
    {
        var doc = ExtractionTestData.Analyse("Serbian military police launched an investigation into the killings.");
        var e = Assert.Single(doc.Events);
        Assert.Equal("INVESTIGATE", e.Type);
        Assert.Equal("Serbia", e.Actor);
    }

    [Fact]
    public void A_demand_with_must_is_made_by_the_reporting_source_on_the_clause_subject()
    {
        var doc = ExtractionTestData.Analyse("Russia said on Tuesday that Sudan must return the helicopter.");
        var e = doc.Events.OrderBy(e => e.Trigger?.Start ?? 0).First();
        Assert.Equal("DEMAND", e.Type);
        Assert.Equal("Russia", e.Actor);
        Assert.Equal("Sudan", e.Target);
    }

    [Fact]
    public void Trigger_lemmas_marked_with_a_plus_expand_to_their_regular_inflections()
    {
        Assert.Equal(["ban", "bans", "baned", "baning", "banned", "banning"], Sitrep.Extraction.ExtractionLexicon.Inflect("ban+"));
        Assert.Equal(["seize", "seizes", "seized", "seizing"], Sitrep.Extraction.ExtractionLexicon.Inflect("seize+"));
        Assert.Equal(["deny", "denies", "denied", "denying"], Sitrep.Extraction.ExtractionLexicon.Inflect("deny+"));
    }

    [Fact]
    public void The_parse_names_a_passive_agent_and_its_victim()
    {
        var doc = ExtractionTestData.Analyse("A camp for Congolese refugees was attacked by Russian soldiers.");
        var e = Assert.Single(doc.Events);
        Assert.Equal("ASSAULT", e.Type);
        Assert.Equal("Russia", e.Actor);
        Assert.Equal("Democratic Republic of the Congo", e.Target);
    }

    [Theory]
    [InlineData("The army imposed a curfew in the town of Tartus on Monday.", "COERCE", "Tartus")]
    [InlineData("The World Food Programme suspended aid deliveries in Kandahar on Wednesday.", "SANCTION", "Kandahar")]
    [InlineData("Sudan mounted an invasion of Chad on Sunday.", "ASSAULT", "Chad")]
    public void A_thing_acted_on_in_a_named_place_or_an_event_nouns_argument_names_the_target(string text, string type, string target)
    {
        var doc = ExtractionTestData.Analyse(text);
        var e = doc.Events.Where(e => e.Type == type).OrderBy(e => e.Trigger?.Start ?? 0).First();
        Assert.Equal(target, e.Target);
    }

    [Theory]
    [InlineData("Ghanaian authorities deported 40 Liberians on Monday.", "Liberia")]
    [InlineData("Peru issued an ultimatum to Ecuador on Tuesday.", "Ecuador")]
    [InlineData("Pakistan threatened to break off relations with Costa Rica.", "Costa Rica")]
    public void Every_state_is_a_known_actor_by_its_name_and_its_demonym(string text, string target)
    {
        var doc = ExtractionTestData.Analyse(text);
        Assert.Contains(doc.Events, e => e.Target == target);
    }
}
