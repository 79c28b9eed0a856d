using Sitrep.Core;
using Xunit;

namespace Sitrep.Tests.Extraction;

public class QuantityTests
{
    private static Quantity Single(string text)
    {
        var doc = ExtractionTestData.Analyse(text);
        return Assert.Single(doc.Quantities);
    }

    [Fact]
    public void Nearly_sets_an_upper_bound_and_no_point()
    {
        var q = Single("The army gathered nearly 20,000 soldiers near the border.");
        Assert.Equal("personnel", q.Unit);
        Assert.Null(q.Point);
        Assert.Equal(20000, q.Max);
        Assert.Equal("nearly", q.Qualifier);
    }

    [Theory]
    [InlineData("Officials counted over 3,500 troops at the base.", 3500.0)]
    [InlineData("At least 12 civilians died in the shelling.", 12.0)]
    [InlineData("More than 40 drones were shot down overnight.", 40.0)]
    public void Lower_bound_hedges_set_min(string text, double min)
    {
        var q = Single(text);
        Assert.Equal(min, q.Min);
        Assert.Null(q.Point);
        Assert.Null(q.Max);
    }

    [Fact]
    public void About_keeps_a_point_with_its_qualifier()
    {
        var q = Single("About 2,000 fighters crossed the river.");
        Assert.Equal(2000, q.Point);
        Assert.Equal("about", q.Qualifier);
    }

    [Theory]
    [InlineData("Hundreds of residents fled the town.", 100.0, 999.0, "people")]
    [InlineData("Thousands of soldiers were moved east.", 1000.0, 9999.0, "personnel")]
    [InlineData("Tens of thousands of refugees crossed into Poland.", 10000.0, 99999.0, "refugees")]
    [InlineData("Dozens of missiles hit the city.", 24.0, 99.0, "missiles")]
    public void Vague_amounts_are_ranges(string text, double min, double max, string unit)
    {
        var q = Single(text);
        Assert.Equal(min, q.Min);
        Assert.Equal(max, q.Max);
        Assert.Equal(unit, q.Unit);
        Assert.Null(q.Point);
    }

    [Fact]
    public void Number_words_and_scales_are_read()
    {
        var doc = ExtractionTestData.Analyse("The convoy carried 1.5 million shells and two dozen tanks.");
        Assert.Contains(doc.Quantities, q => q.Unit == "shells" && q.Point == 1_500_000);
        Assert.Contains(doc.Quantities, q => q.Unit == "tanks" && q.Point == 24);
    }

    [Fact]
    public void Unit_synonyms_normalise_and_keep_the_written_form()
    {
        var doc = ExtractionTestData.Analyse("The air force said 30 UAVs and 12 Shaheds were launched.");
        Assert.All(doc.Quantities, q => Assert.Equal("drones", q.Unit));
        Assert.Contains(doc.Quantities, q => q.UnitText == "UAVs");
    }

    [Fact]
    public void Square_miles_convert_to_square_kilometres()
    {
        var q = Single("The front moved across 10 square miles of farmland.");
        Assert.Equal("km2", q.Unit);
        Assert.Equal("square miles", q.UnitText);
        Assert.Equal(25.9, q.Point!.Value, 1);
    }

    [Fact]
    public void Demonyms_before_the_unit_name_the_owner()
    {
        var q = Single("Some 600 Belarusian soldiers arrived at the camp.");
        Assert.Equal("Belarus", q.Owner);
        Assert.Equal(600, q.Point);
    }

    [Fact]
    public void Casualty_verbs_turn_people_into_killed()
    {
        var q = Single("Seven people were killed when the market was hit.");
        Assert.Equal("killed", q.Unit);
        Assert.Equal(7, q.Point);
    }

    [Theory]
    [InlineData("The war began in 2022 and has not stopped.")]
    [InlineData("Talks are set for 12 March in Geneva.")]
    [InlineData("It was the first attack of the year.")]
    [InlineData("Call 555-1234 for information.")]
    public void Years_dates_ordinals_and_phone_numbers_are_not_quantities(string text)
    {
        Assert.Empty(ExtractionTestData.Analyse(text).Quantities);
    }

    [Fact]
    public void The_quantity_span_holds_the_hedge_and_the_unit()
    {
        const string text = "Kyiv said more than 1,200 troops were deployed.";
        var doc = ExtractionTestData.Analyse(text);
        var q = Assert.Single(doc.Quantities);
        Assert.Equal("more than 1,200 troops", doc.TextOf(q.Span));
    }
}

/// <summary>Issue #17: every count, amount and share, hedged; no numbers from names and designators.</summary>
public class QuantityFormTests
{
    private static Quantity One(string text, Func<Quantity, bool>? which = null)
    {
        var doc = ExtractionTestData.Analyse(text);
        return which is null ? Assert.Single(doc.Quantities) : Assert.Single(doc.Quantities, q => which(q));
    }

    [Theory]
    [InlineData("The regiment lost Su-34 jets over the river.", null, 0.0)]
    [InlineData("Shahed-136 drones hit the grid overnight.", null, 0.0)]
    [InlineData("The 76th Division moved north of the city.", null, 0.0)]
    [InlineData("A 330 kV line was cut near the plant.", null, 0.0)]
    [InlineData("Kyiv asked again for F-16 jets and pilots.", null, 0.0)]
    [InlineData("Tu-95MS bombers took off from the base.", null, 0.0)]
    [InlineData("Resolution 2231 expired in October.", null, 0.0)]
    [InlineData("Project 22460 patrol ships entered the bay.", null, 0.0)]
    public void Designators_yield_no_quantity(string text, string? unit, double point)
    {
        var doc = ExtractionTestData.Analyse(text);
        if (unit is null)
        {
            Assert.Empty(doc.Quantities);
        }
        else
        {
            var q = Assert.Single(doc.Quantities);
            Assert.Equal(unit, q.Unit);
            Assert.Equal(point, q.Point);
        }
    }

    [Theory]
    [InlineData("The allies pledged +$5M of equipment.", "USD", null, 5_000_000.0, null)]
    [InlineData("Brussels approved €250M of aid for the region.", "EUR", 250_000_000.0, null, null)]
    [InlineData("The package is worth $12.3bn in total.", "USD", 12_300_000_000.0, null, null)]
    [InlineData("The EU has sent 195 billion euros to date.", "EUR", 195_000_000_000.0, null, null)]
    [InlineData("Ukraine spends billions of dollars on defence.", "USD", null, 1_000_000_000.0, 9_999_999_999.0)]
    public void Money_keeps_its_currency(string text, string currency, double? point, double? min, double? max)
    {
        var q = One(text);
        Assert.Equal(QuantityKind.Money, q.Kind);
        Assert.Equal(currency, q.Currency);
        Assert.Equal(currency.ToLowerInvariant(), q.Unit);
        Assert.Equal(point, q.Point);
        Assert.Equal(min, q.Min);
        Assert.Equal(max, q.Max);
    }

    [Theory]
    [InlineData("Russia holds one-fifth of the territory.", 20.0, null, null)]
    [InlineData("Three-quarters of respondents backed the plan.", 75.0, null, null)]
    [InlineData("Turnout reached 54 percent in the city.", 54.0, null, null)]
    [InlineData("The economy could shrink by more than a third this year.", null, 33.33, null)]
    [InlineData("Nearly one in four of them were officers.", null, null, 25.0)]
    [InlineData("Inflation was 10% in March.", 10.0, null, null)]
    public void Shares_and_fractions_are_percent(string text, double? point, double? min, double? max)
    {
        var q = One(text, q => q.Kind == QuantityKind.Share);
        Assert.Equal("percent", q.Unit);
        Assert.Equal(point, q.Point);
        Assert.Equal(min, q.Min);
        Assert.Equal(max, q.Max);
    }

    [Fact]
    public void Ranges_hedges_and_rates_are_kept()
    {
        var q = One("Russia launched approximately 500-600 attacks a day along the front.");
        Assert.Equal(("attacks", 500.0, 600.0, "about", "day"), (q.Unit, q.Min!.Value, q.Max!.Value, q.Qualifier!, q.Per!));
        Assert.Null(q.Point);

        q = One("The fleet counted between 300 and 900 vessels.");
        Assert.Equal(("ships", 300.0, 900.0), (q.Unit, q.Min!.Value, q.Max!.Value));

        q = One("The plant produces up to 40,000 rounds.");
        Assert.Equal(("shells", 40000.0), (q.Unit, q.Max!.Value));

        q = One("Recruitment runs at about 40,000 a month.");
        Assert.Equal((40000.0, "month", "about"), (q.Point!.Value, q.Per!, q.Qualifier!));

        q = One("Ukraine produces more than three million drones a year.");
        Assert.Equal(("drones", 3_000_000.0, "year"), (q.Unit, q.Min!.Value, q.Per!));

        q = One("They may recover within three to five years.");
        Assert.Equal(("years", 3.0, 5.0), (q.Unit, q.Min!.Value, q.Max!.Value));

        q = One("It has seized 1.5 percent of Ukraine or less.");
        Assert.Equal((1.5, "or less"), (q.Max!.Value, q.Qualifier!));
        Assert.Null(q.Point);
    }

    [Theory]
    [InlineData("Canada sends 2,500 rifles to the front.", "rifles", 2500.0)]
    [InlineData("Strikes damaged 2,400 apartment buildings last winter.", "buildings", 2400.0)]
    [InlineData("Volunteers arrived from 30 countries.", "countries", 30.0)]
    [InlineData("Troops retook 201 sq km of land.", "km2", 201.0)]
    [InlineData("Drones damaged two gas condensate stabilisation plants.", "plants", 2.0)]
    [InlineData("The war left 6 million Ukrainians abroad as refugees.", "refugees", 6_000_000.0)]
    [InlineData("Japan added $100 millions of equipment.", "usd", 100_000_000.0)]
    public void Any_counted_noun_is_a_unit(string text, string unit, double point)
    {
        var q = One(text);
        Assert.Equal(unit, q.Unit);
        Assert.Equal(point, q.Point);
    }

    [Fact]
    public void A_measure_is_not_a_count()
    {
        var q = One("Jets dropped 500-kilogram bombs on the bridge.");
        Assert.Equal(("kg", 500.0, "bombs", QuantityKind.Measure, "weight"), (q.Unit, q.Point!.Value, q.Noun!, q.Kind, q.Measure!));
        Assert.DoesNotContain(ExtractionTestData.Analyse("Jets dropped 500-kilogram bombs on the bridge.").Quantities, x => x.Unit == "bombs");
    }

    [Theory]
    [InlineData("Borys Romanchenko, 96, survived four Nazi camps.", "camps")]
    [InlineData("A 29-year-old man was wounded in the strike on Kharkiv.", null)]
    [InlineData("The 2022 invasion displaced people across the region.", null)]
    [InlineData("Three days ago the convoy left the city.", null)]
    [InlineData("28 Natalia flew fighter jets for the air force.", null)]
    public void Ages_years_times_and_names_are_not_amounts(string text, string? onlyUnit)
    {
        var doc = ExtractionTestData.Analyse(text);
        if (onlyUnit is null)
        {
            Assert.Empty(doc.Quantities);
        }
        else
        {
            Assert.Equal(onlyUnit, Assert.Single(doc.Quantities).Unit);
        }
    }

    [Fact]
    public void Casualties_keep_their_noun_and_their_antecedent()
    {
        var doc = ExtractionTestData.Analyse("Eight colleagues were killed, four of them while on duty, and 47 were injured.");
        Assert.Contains(doc.Quantities, q => q.Unit == "killed" && q.Point == 8 && q.Noun == "colleagues");
        Assert.Contains(doc.Quantities, q => q.Unit == "killed" && q.Point == 4);
        Assert.Contains(doc.Quantities, q => q.Unit == "wounded" && q.Point == 47);
    }

    [Fact]
    public void A_figure_in_the_headline_and_the_body_is_one_quantity_with_two_mentions()
    {
        const string text = "Russia launches 145 drones at Ukraine\nRussia launched 145 drones overnight, the air force said.";
        var doc = ExtractionTestData.Analyse(text);
        var q = Assert.Single(doc.Quantities);
        Assert.Equal(145, q.Point);
        Assert.True(q.Span.Start > text.IndexOf('\n', StringComparison.Ordinal), "the body mention is the quantity");
        var mention = Assert.Single(q.Mentions);
        Assert.Equal("145 drones", doc.TextOf(mention));
    }

    [Fact]
    public void The_same_casualty_count_in_two_body_sentences_stays_two_facts()
    {
        const string text = "Drone strikes hit cities overnight\nTwo people were killed in Kharkiv on Monday. In Odesa, two people were killed by a drone.";
        var doc = ExtractionTestData.Analyse(text);
        Assert.Equal(2, doc.Quantities.Count(q => q.Unit == "killed" && q.Point == 2));
    }

    [Fact]
    public void The_same_count_of_weapons_in_two_body_sentences_stays_two_facts()
    {
        const string text = "Night of attacks\nOn Monday Russia launched 50 drones at Kyiv. On Tuesday Russia launched 50 drones at Odesa.";
        var doc = ExtractionTestData.Analyse(text);
        Assert.Equal(2, doc.Quantities.Count(q => q.Unit == "drones" && q.Point == 50));
    }

    [Fact]
    public void The_same_words_repeated_in_the_body_are_one_figure()
    {
        const string text = "The war has lasted four years. After four years, the front has barely moved.";
        var doc = ExtractionTestData.Analyse(text);
        var q = Assert.Single(doc.Quantities);
        Assert.Single(q.Mentions);
    }

    [Fact]
    public void Bounds_are_written_without_float_noise()
    {
        var doc = ExtractionTestData.Analyse("Officials counted 1.1 million displaced people.");
        var q = Assert.Single(doc.Quantities);
        q.Point = 1.1 * 100; // 110.00000000000001 in binary floating point
        var json = Sitrep.Core.Serialization.AnalysisJson.Write(doc, indented: false);
        Assert.Contains("\"point\":110,", json, StringComparison.Ordinal);
        Assert.DoesNotContain("110.00000000000001", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_quantity_of_the_dev_gold_lies_inside_its_evidence_and_the_text()
    {
        var dir = ExtractionTestData.Shared("gold/dev");
        if (dir is null)
        {
            return;
        }

        foreach (var file in Directory.GetFiles(dir, "*.txt"))
        {
            var doc = ExtractionTestData.Analyse(File.ReadAllText(file));
            foreach (var q in doc.Quantities)
            {
                Assert.True(q.Evidence.Contains(q.Span), $"{Path.GetFileName(file)} {q.Id}: span outside its evidence");
                Assert.All(q.Mentions, m => Assert.True(m.End <= doc.Text.Length && m.Start >= 0));
                Assert.True(q.Point is not null || q.Min is not null || q.Max is not null);
            }
        }
    }
}

/// <summary>Issue #17: currency symbols, scale words and adjectives used as nouns read as a reader would.</summary>
public class QuantityReadingTests
{
    [Fact]
    public void An_article_before_a_dollar_sign_is_not_an_australian_dollar()
    {
        var q = Assert.Single(ExtractionTestData.Analyse("The U.K. will provide a $59 million defence package.").Quantities);
        Assert.Equal(("USD", 59_000_000.0), (q.Currency!, q.Point!.Value));
    }

    [Fact]
    public void A_casualty_adjective_is_the_unit_not_a_noun()
    {
        var doc = ExtractionTestData.Analyse("Near the port, 4 civilians were killed and 9 injured.");
        var wounded = Assert.Single(doc.Quantities, q => q.Unit == "wounded");
        Assert.Equal(9, wounded.Point);
        Assert.Null(wounded.Noun);
        Assert.Contains(doc.Quantities, q => q.Unit == "killed" && q.Point == 4 && q.Noun == "civilians");
    }

    [Theory]
    [InlineData("Doctors treated 10 y.o. girls after the raid.")]
    [InlineData("1/2 Thread on the shelling of the city.")]
    public void Ages_and_numbering_are_not_amounts(string text) =>
        Assert.Empty(ExtractionTestData.Analyse(text).Quantities);

    [Fact]
    public void Plus_after_a_number_is_a_lower_bound_and_a_toll_counts_the_killed()
    {
        var q = Assert.Single(ExtractionTestData.Analyse("The unit lost 500-plus troops near the river.").Quantities);
        Assert.Equal(("personnel", 500.0), (q.Unit, q.Min!.Value));
        Assert.Null(q.Point);

        q = Assert.Single(ExtractionTestData.Analyse("The death toll has risen to 15, the governor said.").Quantities);
        Assert.Equal(("killed", 15.0), (q.Unit, q.Point!.Value));
    }

    [Fact]
    public void A_plus_sign_glued_to_a_word_adds_rather_than_hedges()
    {
        var doc = ExtractionTestData.Analyse("Officials said 7 civilians+1 policeman were killed.");
        Assert.DoesNotContain(doc.Quantities, q => q.Qualifier == "+");
        Assert.Contains(doc.Quantities, q => q.Point == 1 && q.Unit == "killed");
    }

    [Fact]
    public void A_scale_word_after_a_vague_amount_multiplies_it()
    {
        var q = Assert.Single(ExtractionTestData.Analyse("Russia exported several hundred thousand tons of grain.").Quantities);
        Assert.Equal(("t", 200_000.0, 999_000.0, "grain"), (q.Unit, q.Min!.Value, q.Max!.Value, q.Noun!));
    }

    [Fact]
    public void A_share_of_a_possessed_thing_names_the_thing()
    {
        var q = Assert.Single(ExtractionTestData.Analyse("Strikes damaged 90% of Mariupol's buildings.").Quantities);
        Assert.Equal(("percent", 90.0, "buildings"), (q.Unit, q.Point!.Value, q.Noun!));
    }

    [Fact]
    public void A_bare_amount_after_a_money_verb_is_money()
    {
        var q = Assert.Single(ExtractionTestData.Analyse("Washington decided to donate 1.2 billion to help the army.").Quantities);
        Assert.Equal((QuantityKind.Money, "money", 1_200_000_000.0), (q.Kind, q.Unit, q.Point!.Value));
        Assert.Null(q.Currency);
    }
}

/// <summary>Issue #17: absurd figures are not amounts and never crash the recognizer.</summary>
public class QuantityLimitTests
{
    [Theory]
    [InlineData("They counted 99999999999999999999 trillion trillion drones.")]
    [InlineData("A total of 7922816251426433759354395033bn was claimed.")]
    [InlineData("Some 12345678901234567890123 thousand thousand thousand people.")]
    public void Huge_numbers_do_not_overflow(string text)
    {
        var doc = ExtractionTestData.Analyse(text);
        Assert.All(doc.Quantities, q => Assert.True((q.Point ?? q.Min ?? q.Max) <= 1e18));
    }
}
