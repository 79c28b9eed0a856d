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
