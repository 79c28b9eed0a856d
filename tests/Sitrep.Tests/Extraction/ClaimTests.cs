using Xunit;

namespace Sitrep.Tests.Extraction;

public class ClaimTests
{
    [Fact]
    public void A_reporting_verb_attributes_the_event_in_its_complement()
    {
        var doc = ExtractionTestData.Analyse("Polish officials said that Russia fired 12 missiles at Lviv.");
        var e = Assert.Single(doc.Events);
        var c = Assert.Single(doc.Claims);
        Assert.Equal("Polish officials", c.Source);
        Assert.Equal("said", c.Verb);
        Assert.Equal(e.Id, c.EventId);
        Assert.Contains(c.Id, e.ClaimIds);
    }

    [Fact]
    public void A_sentence_opened_by_as_reports_what_follows_its_comma()
    {
        var doc = ExtractionTestData.Analyse("As the Pentagon said on Monday, Russia fired 12 missiles at Lviv.");
        var c = Assert.Single(doc.Claims);
        Assert.Equal("United States", c.Source);
        Assert.Equal("Russia fired 12 missiles at Lviv", c.Content);
        Assert.Equal(Assert.Single(doc.Events).Id, c.EventId);
    }

    [Fact]
    public void A_heading_that_names_a_source_attributes_the_section_under_it()
    {
        var doc = ExtractionTestData.Analyse(
            "Key Takeaways from the Pentagon\nRussia fired 12 missiles at Lviv on Tuesday.\nUkraine reportedly struck an oil depot in Belgorod on Monday.\nSubscribe To Our Daily Newsletter\nRussia fired 30 drones at Odesa on Friday.");
        Assert.Equal(3, doc.Events.Count);
        Assert.Equal(2, doc.Claims.Count);
        Assert.All(doc.Claims, c => Assert.Equal("United States", c.Source));
        Assert.Equal(["asserts", "unconfirmed"], doc.Claims.Select(c => c.Stance));

        // each claim is about the event its sentence reports; the section ends at the next heading
        Assert.Equal(doc.Events.Take(2).Select(e => e.Id), doc.Claims.Select(c => c.EventId));
        Assert.Empty(doc.Events[2].ClaimIds);
    }

    [Fact]
    public void A_heading_line_according_to_a_source_attributes_the_section_under_it()
    {
        var doc = ExtractionTestData.Analyse(
            "Frontline summary\nAccording to the\nGeneral Staff of the Armed Forces of Ukraine\nRussian forces attacked Ukrainian positions 41 times near Orikhiv on Sunday.\nSummary of combat actions by direction\nThe enemy launched 12 drones at Kherson overnight.\nWeather\nRussian forces shelled Nikopol on Sunday.");
        Assert.Equal(3, doc.Events.Count);
        Assert.Equal(2, doc.Claims.Count);
        Assert.All(doc.Claims, c => Assert.Equal("General Staff of the Armed Forces of Ukraine", c.Source));
        Assert.Equal(doc.Events.Take(2).Select(e => e.Id), doc.Claims.Select(c => c.EventId));

        // a line without a verb inside the section is a subheading, no claim; the section ends at a short line; a sentence
        // opened by "according to" with a verb of its own is no heading
        Assert.Empty(doc.Events[2].ClaimIds);
        var own = ExtractionTestData.Analyse("According to the Pentagon, Russia fired 12 missiles at Lviv.\nRussia fired 30 drones at Odesa on Friday.");
        var c = Assert.Single(own.Claims);
        Assert.Equal(own.Events[0].Id, c.EventId);
    }

    [Fact]
    public void A_claim_that_names_an_act_told_before_it_is_about_that_act()
    {
        var doc = ExtractionTestData.Analyse("Russian and Ukrainian delegations held talks in Istanbul on Monday.\nUN Secretary-General Antonio Guterres described the talks as “constructive” on Tuesday.\nRussian forces shelled Nikopol on Sunday. Antonio Guterres said more talks were needed.");
        Assert.Equal(2, doc.Claims.Count);
        var talks = doc.Events[0];
        Assert.Equal("CONSULT", talks.Type);
        Assert.Equal(talks.Id, doc.Claims[0].EventId);
        Assert.Contains(doc.Claims[0].Id, talks.ClaimIds);

        // without a determiner the noun names no act already told
        Assert.NotEqual(talks.Id, doc.Claims[1].EventId);
    }

    [Fact]
    public void The_names_after_an_act_noun_pick_the_act_they_were_told_with()
    {
        var doc = ExtractionTestData.Analyse("Ukrainian drones struck an oil refinery in Ryazan on Monday. Russian forces shelled Kherson on Tuesday.\n“The strike on the Ryazan refinery was a success,” said Kaja Kallas.");
        Assert.Equal(2, doc.Events.Count);
        var c = Assert.Single(doc.Claims);
        Assert.Equal(doc.Events[0].Id, c.EventId);
    }

    [Fact]
    public void A_name_inside_a_hyphen_compound_is_no_antecedent_of_it()
    {
        var doc = ExtractionTestData.Analyse("The Kremlin marked the anniversary by vowing to keep fighting.\nFour years later, with US-led peace talks still deadlocked, it conceded that it has not achieved all it wants in the country.");
        var c = Assert.Single(doc.Claims);
        Assert.Equal("conceded", c.Verb);
        Assert.Equal("Russia", c.Source);
    }

    [Fact]
    public void A_reporting_verb_that_is_the_trigger_of_an_act_reports_that_act()
    {
        var doc = ExtractionTestData.Analyse("Antonio Guterres urged both sides to respect the ceasefire in Gaza.");
        var e = Assert.Single(doc.Events);
        Assert.Equal("REQUEST", e.Type);
        var c = Assert.Single(doc.Claims);
        Assert.Equal("urged", c.Verb);
        Assert.Equal(e.Id, c.EventId);
    }

    [Fact]
    public void A_call_on_someone_is_a_claim_about_the_request_it_makes()
    {
        var doc = ExtractionTestData.Analyse("Antonio Guterres called on Russia to withdraw its troops from the plant, but Moscow refused.");
        var c = Assert.Single(doc.Claims);
        Assert.Equal("Antonio Guterres", c.Source);
        Assert.Equal("called on", c.Verb);
        Assert.Equal("Russia to withdraw its troops from the plant", c.Content);
        Assert.Equal("REQUEST", doc.Events.Single(e => e.Id == c.EventId).Type);
    }

    [Fact]
    public void Such_assessments_speak_for_the_source_just_quoted()
    {
        var doc = ExtractionTestData.Analyse("Experts believe that Russia may attempt a new offensive in the spring. These forecasts emphasize that Russia has limited resources.");
        Assert.Equal(2, doc.Claims.Count);
        Assert.Equal("experts", doc.Claims[1].Source);
        Assert.Equal("emphasize", doc.Claims[1].Verb);
        Assert.Equal("Russia has limited resources", doc.Claims[1].Content);

        // with no claim before it, the noun is nobody's
        Assert.Empty(ExtractionTestData.Analyse("These forecasts emphasize that Russia has limited resources.").Claims);
    }

    [Fact]
    public void A_participle_reports_for_a_subject_named_before_an_appositive()
    {
        var doc = ExtractionTestData.Analyse("Oleh Marchuk, head of the Ruritanian delegation, also delivered a brief statement, describing the discussions as “useful.”");
        var c = Assert.Single(doc.Claims);
        Assert.Equal("describing", c.Verb);
        Assert.Equal("useful", c.Content);
    }

    [Fact]
    public void A_reaction_without_an_event_of_its_own_is_about_the_act_told_before_it_in_its_paragraph()
    {
        var doc = ExtractionTestData.Analyse("Russia fired 12 missiles at Lviv on Tuesday. “We shot down most of them,” the Pentagon said.\n“We will rebuild the city,” Volodymyr Zelensky said.");
        var e = Assert.Single(doc.Events);
        Assert.Equal(2, doc.Claims.Count);
        Assert.Equal(e.Id, doc.Claims[0].EventId);

        // a new paragraph does not answer the act of the one before
        Assert.Null(doc.Claims[1].EventId);
    }

    [Fact]
    public void A_pronoun_after_a_relative_that_is_the_source()
    {
        var doc = ExtractionTestData.Analyse("Putin wants to erase a nation that he believes \"is not real\".\nZelensky said that he believes the front will hold.");
        Assert.Equal(["Vladimir Putin", "Volodymyr Zelensky"], doc.Claims.Select(c => c.Source));
        Assert.StartsWith("is not real", doc.Claims[0].Content);

        // after a reporting verb, "that he …" is the content's subject: one claim, not a second report
        Assert.Equal("said", doc.Claims[1].Verb);
    }

    [Fact]
    public void A_byline_is_not_a_source_heading()
    {
        var doc = ExtractionTestData.Analyse("By Jane Doe\nRussia fired 12 missiles at Lviv on Tuesday.");
        Assert.Single(doc.Events);
        Assert.Empty(doc.Claims);
    }

    [Fact]
    public void An_event_in_the_article_voice_has_no_claim()
    {
        var doc = ExtractionTestData.Analyse("Russia fired 12 missiles at Lviv on Tuesday.");
        Assert.Single(doc.Events);
        Assert.Empty(doc.Claims);
    }

    [Fact]
    public void According_to_names_the_source()
    {
        var doc = ExtractionTestData.Analyse("According to the Pentagon, Iran shipped drones to Russia.");
        var c = Assert.Single(doc.Claims);
        Assert.Equal("United States", c.Source);
    }

    [Fact]
    public void Silence_is_recorded_as_no_comment()
    {
        var doc = ExtractionTestData.Analyse("Beijing has remained silent on the reports.");
        var c = Assert.Single(doc.Claims);
        Assert.Equal("China", c.Source);
        Assert.Equal("no comment", c.Stance);
    }

    [Fact]
    public void Denials_are_recorded_with_their_stance()
    {
        var doc = ExtractionTestData.Analyse("The Kremlin denied that its forces shelled the plant.");
        var c = Assert.Single(doc.Claims);
        Assert.Equal("Russia", c.Source);
        Assert.Equal("denies", c.Stance);
    }

    [Fact]
    public void Footage_confirming_something_is_corroboration()
    {
        var doc = ExtractionTestData.Analyse("New satellite imagery confirms that Russian troops deployed near the border.");
        var c = Assert.Single(doc.Claims);
        Assert.Equal("corroborates", c.Stance);
        Assert.Equal("satellite imagery", c.Source);
    }

    [Fact]
    public void A_claim_without_an_event_keeps_its_proposition()
    {
        var doc = ExtractionTestData.Analyse("German officials worry that winter could strain the grid.");
        var c = Assert.Single(doc.Claims);
        Assert.Null(c.EventId);
        Assert.Equal("winter could strain the grid", c.Content);
        Assert.Equal("warns", c.Stance);
    }

    [Fact]
    public void A_source_after_the_verb_is_found()
    {
        var doc = ExtractionTestData.Analyse("\"Russia attacked Odesa with drones,\" said Zelensky.");
        var c = Assert.Single(doc.Claims);
        Assert.Equal("Volodymyr Zelensky", c.Source);
    }

    [Fact]
    public void A_quotation_before_its_speaker_is_the_content()
    {
        var doc = ExtractionTestData.Analyse("“We indeed managed to protect very important facilities,” Zelenskyy said.", "2026-02-26");
        var c = Assert.Single(doc.Claims);
        Assert.Equal("Volodymyr Zelensky", c.Source);
        Assert.Equal("We indeed managed to protect very important facilities", c.Content);
    }

    [Fact]
    public void A_time_phrase_between_speaker_and_verb_is_skipped()
    {
        var doc = ExtractionTestData.Analyse("Ukrainian President Volodymyr Zelenskyy on Saturday told the AFP that Ukrainian forces had regained 300 square kilometres of territory.", "2026-02-26");
        var c = Assert.Single(doc.Claims);
        Assert.Equal("Volodymyr Zelensky", c.Source);
        Assert.StartsWith("Ukrainian forces had regained", c.Content, StringComparison.Ordinal);
    }

    [Fact]
    public void An_appositive_between_speaker_and_verb_is_skipped()
    {
        var doc = ExtractionTestData.Analyse("The Institute for the Study of War, a Washington-based think tank, said that Russian forces had stalled near Pokrovsk.");
        var c = Assert.Single(doc.Claims);
        Assert.Equal("Institute for the Study of War", c.Source);
    }

    [Fact]
    public void It_said_is_the_organisation_quoted_just_before()
    {
        var doc = ExtractionTestData.Analyse("The International Atomic Energy Agency said on Friday that a local ceasefire had come into force. \"Repairs have begun,\" it said in a statement.");
        Assert.Equal(2, doc.Claims.Count);
        Assert.All(doc.Claims, c => Assert.Equal("International Atomic Energy Agency", c.Source));
        Assert.Equal("Repairs have begun", doc.Claims[1].Content);
    }

    [Fact]
    public void A_parenthetical_attribution_reports_the_sentence_around_it()
    {
        var doc = ExtractionTestData.Analyse("Holding postponed elections, Zelensky said, was technically possible.", "2026-02-26");
        var c = Assert.Single(doc.Claims);
        Assert.Equal("Volodymyr Zelensky", c.Source);
        Assert.Equal("Holding postponed elections … was technically possible", c.Content);
    }

    [Fact]
    public void A_quotation_paragraph_without_a_verb_belongs_to_the_speaker_quoted_before()
    {
        var doc = ExtractionTestData.Analyse("Zelensky said the war would end in victory.\n\"We will not give up our land. It is our home.\"\nThe interview took place in Kyiv.", "2026-02-26");
        Assert.Equal(2, doc.Claims.Count);
        var q = doc.Claims[1];
        Assert.Equal("Volodymyr Zelensky", q.Source);
        Assert.Equal("quoted", q.Verb);
        Assert.Contains("It is our home", q.Content, StringComparison.Ordinal);
    }

    [Fact]
    public void A_quotation_paragraph_with_nobody_quoted_before_has_no_claim()
    {
        var doc = ExtractionTestData.Analyse("The interview took place in Kyiv.\n\"We will not give up our land. It is our home.\"");
        Assert.Empty(doc.Claims);
    }

    [Fact]
    public void Evidence_after_as_corroborates_the_clause_before()
    {
        var doc = ExtractionTestData.Analyse("At least one plant was struck, as satellite imagery later showed, though the damage was unclear.");
        var c = Assert.Single(doc.Claims);
        Assert.Equal("corroborates", c.Stance);
        Assert.Equal("At least one plant was struck", c.Content);
    }

    [Fact]
    public void A_claim_lists_the_quantities_its_content_gives()
    {
        var doc = ExtractionTestData.Analyse("Ukraine's Air Force said it had destroyed 3,855 missiles since the beginning of the war.");
        var q = Assert.Single(doc.Quantities);
        var c = Assert.Single(doc.Claims);
        Assert.Equal([q.Id], c.QuantityIds);
    }

    [Fact]
    public void A_declaration_of_something_other_than_a_proposition_is_no_claim()
    {
        var doc = ExtractionTestData.Analyse("In 1991 Ukraine declared its independence.");
        Assert.Empty(doc.Claims);
    }

    [Fact]
    public void Reportedly_before_the_verb_makes_the_claim_unconfirmed()
    {
        var doc = ExtractionTestData.Analyse("Zelensky reportedly told reporters that progress had been made.", "2026-02-26");
        var c = Assert.Single(doc.Claims);
        Assert.Equal("unconfirmed", c.Stance);
    }

    [Fact]
    public void Hearsay_in_the_body_relays_the_source_the_headline_names()
    {
        var doc = ExtractionTestData.Analyse("BBC: Russia has lost over 900 elite soldiers in Ukraine.\nRussia has reportedly lost 151 special forces soldiers since February.", "2022-09-05");
        Assert.Equal(2, doc.Claims.Count);
        Assert.All(doc.Claims, c => Assert.Equal("BBC", c.Source));
        Assert.Equal("unconfirmed", doc.Claims[1].Stance);
    }

    [Fact]
    public void Hearsay_without_a_source_in_the_headline_has_no_claim()
    {
        var doc = ExtractionTestData.Analyse("Russia loses elite soldiers.\nRussia has reportedly lost 151 special forces soldiers since February.", "2022-09-05");
        Assert.Empty(doc.Claims);
    }

    [Fact]
    public void A_source_that_cannot_be_reached_gives_no_comment()
    {
        var doc = ExtractionTestData.Analyse("The Russian Defence Ministry did not immediately respond to a request for comment.");
        var c = Assert.Single(doc.Claims);
        Assert.Equal("no comment", c.Stance);
        Assert.Equal("Ministry of Defence of Russia", c.Source);
    }
}
