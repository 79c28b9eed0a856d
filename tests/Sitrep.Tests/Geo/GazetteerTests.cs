using System.Diagnostics;
using Sitrep.Core;
using Sitrep.Geo;
using Xunit;
using Xunit.Abstractions;

namespace Sitrep.Tests.Geo;

public sealed class GazetteerTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("Kiev", 703448L)]
    [InlineData("Kyiv", 703448L)]
    [InlineData("Kharkov", 706483L)]
    [InlineData("Odessa", 698740L)]
    [InlineData("Artemovsk", 713174L)]
    [InlineData("Bakhmut", 713174L)]
    [InlineData("Dnepropetrovsk", 709930L)]
    public void Alternate_names_and_transliterations_find_the_town(string name, long geonameId)
    {
        var hits = GeoFixture.Gazetteer.Lookup(GeoText.Fold(name));
        Assert.Contains(hits, h => h.Entry.GeonameId == geonameId);
    }

    [Theory]
    [InlineData("Kursk region", "RU", "ADM1")]
    [InlineData("Kursk Oblast", "RU", "ADM1")]
    [InlineData("Donetsk province", "UA", "ADM1")]
    [InlineData("Krasnodar Krai", "RU", "ADM1")]
    [InlineData("Kharkiv region", "UA", "ADM1")]
    [InlineData("Kyiv region", "UA", "ADM1")]
    public void Region_forms_name_the_first_order_region(string phrase, string country, string code)
    {
        var hits = GeoFixture.Gazetteer.Lookup(GeoText.Fold(phrase));
        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.Equal(PlaceKind.Admin1, h.Entry.Kind));
        Assert.Contains(hits, h => h.Entry.Country == country && h.Entry.FeatureCode == code);
    }

    [Theory]
    [InlineData("Russian", "RU")]
    [InlineData("Ukrainian", "UA")]
    [InlineData("U.S.", "US")]
    [InlineData("UK", "GB")]
    [InlineData("Britain", "GB")]
    [InlineData("North Korean", "KP")]
    [InlineData("RU", "RU")]
    public void Countries_are_found_by_name_abbreviation_and_demonym(string name, string iso2)
    {
        Assert.Equal(iso2, GeoFixture.Gazetteer.CountryByName(name)?.Iso2);
    }

    [Theory]
    [InlineData("RU", "Moscow")]
    [InlineData("UA", "Kyiv")]
    [InlineData("US", "Washington")]
    public void Capitals_come_from_the_country_table(string iso2, string capital)
    {
        var e = GeoFixture.Gazetteer.CapitalOf(iso2);
        Assert.NotNull(e);
        Assert.Equal(capital, e.Name);
        Assert.Equal(PlaceKind.Populated, e.Kind);
    }

    [Fact]
    public void Continents_and_the_EU_are_regions_without_a_country()
    {
        foreach (var name in new[] { "Europe", "Africa", "EU", "European Union" })
        {
            var hit = Assert.Single(GeoFixture.Gazetteer.Lookup(GeoText.Fold(name)), h => h.Entry.Kind == PlaceKind.Region);
            Assert.Null(hit.Entry.Country);
            Assert.Equal(PlacePrecision.Region, hit.Entry.Precision);
        }
    }

    [Fact]
    public void Every_admin1_centroid_lies_near_its_country()
    {
        // the builder replaces centroids that lie far from every town of their region (csc-states has some thousands of km off)
        var g = GeoFixture.Gazetteer;
        var ukraine = Enumerable.Range(0, g.Count).Select(i => g[i]).Where(e => e.Kind == PlaceKind.Admin1 && e.Country == "UA" && e.HasPoint).ToList();
        Assert.True(ukraine.Count >= 24);
        Assert.All(ukraine, e => Assert.InRange(e.Lat, 44, 53));
        Assert.All(ukraine, e => Assert.InRange(e.Lon, 22, 41));
    }

    [Fact]
    public void The_gazetteer_file_is_small_and_loads_quickly()
    {
        var path = Gazetteer.LocateDefault();
        var size = new FileInfo(path).Length;
        var sw = Stopwatch.StartNew();
        var g = Gazetteer.Load(path);
        sw.Stop();
        output.WriteLine($"{path}: {size / 1048576.0:F1} MB, {g.Count:N0} places, {g.NameCount:N0} names, loaded in {sw.ElapsedMilliseconds} ms");
        Assert.True(size < 40L * 1024 * 1024);
        Assert.True(g.Count > 200_000);

        // 1 s on an idle machine; the bound leaves room for a busy build server
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5), $"load took {sw.Elapsed}");
    }

    [Fact]
    public void A_saved_gazetteer_loads_back_unchanged()
    {
        var entries = new List<GazetteerEntry>
        {
            new(0, 100, "Testville", PlaceKind.Populated, "UA", "05", "1402", "PPL", 48.5, 38.0, 1200),
            new(1, 200, "Testland", PlaceKind.Country, "UA", null, null, "PCLI", double.NaN, double.NaN, 40_000_000),
        };
        var names = new Dictionary<string, List<(int Entry, NameLink Link)>>(StringComparer.Ordinal)
        {
            ["testville"] = [(0, NameLink.Primary)],
            ["testowe"] = [(0, NameLink.Alternate)],
            ["testland"] = [(1, NameLink.Primary)],
            ["testish"] = [(1, NameLink.Demonym)],
            ["new testville city"] = [(0, NameLink.Alternate)],
        };
        var countries = new List<CountryRecord> { new("UA", "UKR", "Testland", "Testville", 1, 0, "EU", ["RU"]) };
        var lexicons = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal) { ["common"] = new(StringComparer.Ordinal) { "testowe" } };
        var original = Gazetteer.Create(entries, names, countries, lexicons);
        var path = Path.Combine(Path.GetTempPath(), $"sitrep-gaz-{Guid.NewGuid():N}.gaz");
        try
        {
            original.Save(path);
            var loaded = Gazetteer.Load(path);
            Assert.Equal(original.Count, loaded.Count);
            Assert.Equal(original.Names(), loaded.Names());
            for (var i = 0; i < original.Count; i++)
            {
                Assert.Equal(original[i].Name, loaded[i].Name);
                Assert.Equal(original[i].GeonameId, loaded[i].GeonameId);
                Assert.Equal(original[i].Country, loaded[i].Country);
                Assert.Equal(original[i].Lat, loaded[i].Lat, 4);
                Assert.Equal(original[i].HasPoint, loaded[i].HasPoint);
            }

            Assert.Equal(NameLink.Demonym, Assert.Single(loaded.Lookup("testish")).Link);
            Assert.True(loaded.HasPrefix("new testville"));
            Assert.False(loaded.HasPrefix("testville"));
            Assert.True(loaded.IsCommonWord("testowe"));
            Assert.Equal("Testville", loaded.CapitalOf("UA")?.Name);
            Assert.Equal("UA", loaded.CountryByName("Testish")?.Iso2);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_file_that_is_not_a_gazetteer_fails_with_its_name()
    {
        var path = Path.Combine(Path.GetTempPath(), $"sitrep-notgaz-{Guid.NewGuid():N}.gaz");
        File.WriteAllText(path, "hello");
        try
        {
            var ex = Assert.Throws<InvalidDataException>(() => Gazetteer.Load(path));
            Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
