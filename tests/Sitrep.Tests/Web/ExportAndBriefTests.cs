using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Sitrep.Storage;
using Sitrep.Web.Brief;
using Sitrep.Web.Exports;
using Xunit;

namespace Sitrep.Tests.Web;

public sealed class ExportAndBriefTests : IDisposable
{
    private readonly SqliteStore _store = TestStore.Create();

    public void Dispose()
    {
        var path = _store.Path;
        _store.Dispose();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }
    }

    private string Export(ExportFormat format, FactQuery? query = null)
    {
        using var ms = new MemoryStream();
        Exporter.Write(_store, query ?? new FactQuery(), format, ms);
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    [Fact]
    public void GeoJson_gives_points_only_to_located_places_and_null_geometry_with_precision_to_provinces_and_countries()
    {
        var doc = JsonDocument.Parse(Export(ExportFormat.GeoJson)).RootElement;
        Assert.Equal("FeatureCollection", doc.GetProperty("type").GetString());
        var features = doc.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(5, features.Count);
        var kyiv = features.First(f => f.GetProperty("properties").GetProperty("location").GetString() == "Kyiv");
        Assert.Equal("Point", kyiv.GetProperty("geometry").GetProperty("type").GetString());
        Assert.Equal(30.52, kyiv.GetProperty("geometry").GetProperty("coordinates")[0].GetDouble());
        Assert.Equal(50.45, kyiv.GetProperty("geometry").GetProperty("coordinates")[1].GetDouble());
        foreach (var (place, precision) in new[] { ("Kursk Oblast", "adm1"), ("Iran", "country") })
        {
            var f = features.First(x => x.GetProperty("properties").GetProperty("location").GetString() == place);
            Assert.Equal(JsonValueKind.Null, f.GetProperty("geometry").ValueKind);
            Assert.Equal(precision, f.GetProperty("properties").GetProperty("geo_precision").GetString());
            Assert.True(f.GetProperty("properties").TryGetProperty("centre_latitude", out _));
            Assert.False(f.GetProperty("properties").TryGetProperty("latitude", out _));
        }

        Assert.Equal("Air/drone strike", kyiv.GetProperty("properties").GetProperty("sub_event_type").GetString());
        Assert.Equal("Ukraine", kyiv.GetProperty("properties").GetProperty("country").GetString());
    }

    [Fact]
    public void Csv_uses_acled_column_names_and_leaves_country_level_coordinates_empty()
    {
        var rows = ParseCsv(Export(ExportFormat.Csv));
        Assert.Equal(5, rows.Count);
        foreach (var column in new[] { "event_date", "event_type", "sub_event_type", "actor1", "actor2", "country", "admin1", "location", "latitude", "longitude", "geo_precision", "source", "notes", "fatalities" })
        {
            Assert.True(rows[0].ContainsKey(column), column);
        }

        var iran = rows.Single(r => r["location"] == "Iran");
        Assert.Equal("", iran["latitude"]);
        Assert.Equal("", iran["geo_precision"]);
        Assert.Equal("country", iran["sitrep_precision"]);
        var kursk = rows.Single(r => r["location"] == "Kursk Oblast");
        Assert.Equal("3", kursk["geo_precision"]);
        Assert.Equal("Strategic developments", kursk["event_type"]);
        var kyiv = rows.First(r => r["location"] == "Kyiv" && (r["source"]).Contains("Kyiv Daily", StringComparison.Ordinal));
        Assert.Equal("1", kyiv["geo_precision"]);
        Assert.Equal("2024-11-10", kyiv["event_date"]);
        Assert.Contains("Ukrainian Air Force", kyiv["source"], StringComparison.Ordinal);
        Assert.StartsWith("Russian forces launched", kyiv["notes"], StringComparison.Ordinal);
    }

    [Fact]
    public void Exports_carry_unit_bounds_hedge_and_claimant_of_every_quantity()
    {
        var rows = ParseCsv(Export(ExportFormat.Csv));
        foreach (var column in Exporter.QuantityColumns)
        {
            Assert.True(rows[0].ContainsKey(column), column);
        }

        var troops = rows.Single(r => r["sitrep_quantities"] == "nearly 50,000 troops");
        Assert.Equal("personnel", troops["sitrep_quantity_units"]);
        Assert.Equal("<=50000", troops["sitrep_quantity_bounds"]);
        Assert.Equal("nearly", troops["sitrep_quantity_hedges"]);
        Assert.False(string.IsNullOrEmpty(troops["sitrep_quantity_claimants"]));

        var geo = JsonDocument.Parse(Export(ExportFormat.GeoJson)).RootElement.GetProperty("features").EnumerateArray()
            .SelectMany(f => f.GetProperty("properties").GetProperty("quantities").EnumerateArray()).ToList();
        var drones = Assert.Single(geo, q => q.GetProperty("text").GetString() == "about 10 drones");
        Assert.Equal(("drones", 9.0, 11.0, "about"), (drones.GetProperty("unit").GetString(), drones.GetProperty("min").GetDouble(), drones.GetProperty("max").GetDouble(), drones.GetProperty("qualifier").GetString()));
        Assert.False(string.IsNullOrEmpty(drones.GetProperty("claimant").GetString()));

        var line = Export(ExportFormat.Jsonl).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement).SelectMany(r => r.GetProperty("quantities").EnumerateArray());
        Assert.Contains(line, q => q.GetProperty("unit").GetString() == "personnel" && q.GetProperty("max").GetDouble() == 50000 && q.GetProperty("qualifier").GetString() == "nearly");
    }

    [Theory]
    [InlineData(145.0, null, null, "145")]
    [InlineData(null, 1000.0, 9999.0, "1000-9999")]
    [InlineData(null, 11000.0, null, ">=11000")]
    [InlineData(null, null, 50000.0, "<=50000")]
    [InlineData(110.00000000000001, null, null, "110")]
    public void Quantity_bounds_are_one_readable_cell(double? point, double? min, double? max, string expected) =>
        Assert.Equal(expected, Exporter.Bounds(point, min, max));

    private static List<Dictionary<string, string>> ParseCsv(string text)
    {
        using var reader = CsvReader.Create(System.Text.Encoding.UTF8.GetBytes(text), new CsvReaderOptions());
        var header = reader.Headers;
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read())
        {
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Count && i < reader.FieldCount; i++)
            {
                row[header[i]] = reader.GetString(i) ?? "";
            }

            rows.Add(row);
        }

        return rows;
    }

    [Fact]
    public void Exports_keep_a_hostile_article_inert()
    {
        var csv = Export(ExportFormat.Csv);
        Assert.DoesNotContain(",=HYPERLINK", csv, StringComparison.Ordinal); // formula cells are escaped
        Assert.Contains("'=HYPERLINK", csv, StringComparison.Ordinal);
        foreach (var format in new[] { ExportFormat.GeoJson, ExportFormat.Jsonl, ExportFormat.Plover, ExportFormat.Csv })
        {
            var text = Export(format);
            Assert.DoesNotContain("javascript:window.__pwned=10", text, StringComparison.Ordinal); // the report's javascript: URL is dropped
            if (format != ExportFormat.Csv)
            {
                Assert.DoesNotContain("<script>", text, StringComparison.Ordinal); // JSON escapes < and >
            }
        }
    }

    [Fact]
    public void Jsonl_and_plover_write_one_record_per_event_with_sources()
    {
        var lines = Export(ExportFormat.Jsonl).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.All(lines, l => Assert.True(JsonDocument.Parse(l).RootElement.TryGetProperty("claim_records", out _)));
        var plover = JsonDocument.Parse(Export(ExportFormat.Plover, new FactQuery { Types = ["MOBILIZE"] })).RootElement;
        var record = Assert.Single(plover.EnumerateArray());
        Assert.Equal("MOBILIZE", record.GetProperty("event_type").GetString());
        Assert.Equal("North Korea", record.GetProperty("actor").GetProperty("name").GetString());
        Assert.Equal("adm1", record.GetProperty("location").GetProperty("precision").GetString());
        Assert.Equal("Ukrainian intelligence", record.GetProperty("claims")[0].GetProperty("source").GetString());
    }

    [Fact]
    public async Task The_export_command_writes_the_file_and_rejects_a_bad_filter()
    {
        var output = Path.Combine(Path.GetTempPath(), "sitrep-export-" + Guid.NewGuid().ToString("N") + ".geojson");
        try
        {
            Assert.Equal(0, await Sitrep.Cli.CliApp.RunAsync(["export", "--db", _store.Path, "--format", "geojson", "--type", "ASSAULT", "--out", output]));
            var doc = JsonDocument.Parse(await File.ReadAllTextAsync(output)).RootElement;
            Assert.Equal(3, doc.GetProperty("features").GetArrayLength());
            Assert.Equal(2, await Sitrep.Cli.CliApp.RunAsync(["export", "--db", _store.Path, "--format", "csv", "--bbox", "1,2", "--out", output]));
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public void The_html_brief_groups_events_by_region_links_every_line_and_draws_a_map_and_charts()
    {
        var model = BriefRenderer.Build(_store, new BriefOptions { Date = new DateOnly(2024, 11, 13), Days = 7 });
        var html = BriefRenderer.Html(model);
        Assert.Contains("<h3>Ukraine — Kyiv City</h3>", html, StringComparison.Ordinal);
        Assert.Contains("<h3>Iran</h3>", html, StringComparison.Ordinal);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Estimates of drones\"", html, StringComparison.Ordinal);
        Assert.Equal(2, model.Contradictions.Count);
        Assert.Contains("new in this window", html, StringComparison.Ordinal);
        // every fact line carries a link to its evidence
        var items = html.Split("<li>").Skip(1).Where(li => li.Contains("<q>", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(items);
        Assert.All(items, li => Assert.Contains("<a href=\"http", li, StringComparison.Ordinal));
    }

    [Fact]
    public void The_brief_keeps_a_hostile_article_inert_in_html_and_markdown()
    {
        var model = BriefRenderer.Build(_store, new BriefOptions { Date = new DateOnly(2024, 11, 13), Days = 7 });
        var html = BriefRenderer.Html(model);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;window.__pwned=1&lt;/script&gt;", html, StringComparison.Ordinal);
        var files = BriefRenderer.Markdown(model, "brief.md");
        var md = files["brief.md"];
        Assert.DoesNotContain("<script", md, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", md, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("](javascript:", md, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("brief.md.map.svg", md, StringComparison.Ordinal);
        Assert.All(files.Where(f => f.Key.EndsWith(".svg", StringComparison.Ordinal)), f => Assert.DoesNotContain("<script", f.Value, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void A_regional_brief_keeps_only_that_region()
    {
        var model = BriefRenderer.Build(_store, new BriefOptions { Date = new DateOnly(2024, 11, 13), Days = 7, Region = "Iran" });
        var e = Assert.Single(model.AllEvents);
        Assert.Equal("SANCTION", e.Type);
        Assert.Empty(model.Contradictions);
    }
}
