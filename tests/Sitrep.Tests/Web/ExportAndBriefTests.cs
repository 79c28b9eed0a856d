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
    public void Issue18_geojson_places_provinces_and_countries_at_their_centroid_with_a_precision_property_and_has_no_crs()
    {
        var doc = JsonDocument.Parse(Export(ExportFormat.GeoJson)).RootElement;
        Assert.Equal("FeatureCollection", doc.GetProperty("type").GetString());
        Assert.False(doc.TryGetProperty("crs", out _)); // RFC 7946 dropped it: coordinates are WGS 84 lon/lat
        var features = doc.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(5, features.Count);
        var kyiv = features.First(f => f.GetProperty("properties").GetProperty("location").GetString() == "Kyiv");
        Assert.Equal("Point", kyiv.GetProperty("geometry").GetProperty("type").GetString());
        Assert.Equal(30.52, kyiv.GetProperty("geometry").GetProperty("coordinates")[0].GetDouble());
        Assert.Equal(50.45, kyiv.GetProperty("geometry").GetProperty("coordinates")[1].GetDouble());
        Assert.Equal("point", kyiv.GetProperty("properties").GetProperty("precision").GetString());
        Assert.False(kyiv.GetProperty("properties").GetProperty("centroid").GetBoolean());
        foreach (var (place, precision, lon, lat) in new[] { ("Kursk Oblast", "adm1", 36.0, 51.5), ("Iran", "country", 53.0, 32.0) })
        {
            var f = features.First(x => x.GetProperty("properties").GetProperty("location").GetString() == place);
            Assert.Equal("Point", f.GetProperty("geometry").GetProperty("type").GetString());
            Assert.Equal(lon, f.GetProperty("geometry").GetProperty("coordinates")[0].GetDouble());
            Assert.Equal(lat, f.GetProperty("geometry").GetProperty("coordinates")[1].GetDouble());
            Assert.Equal(precision, f.GetProperty("properties").GetProperty("precision").GetString());
            Assert.True(f.GetProperty("properties").GetProperty("centroid").GetBoolean());
            Assert.Equal(3, f.GetProperty("properties").GetProperty("geo_precision").GetInt32());
        }

        // The option to leave them out keeps only towns and districts.
        using var ms = new MemoryStream();
        Exporter.Write(_store, new FactQuery(), ExportFormat.GeoJson, ms, new ExportOptions { PreciseOnly = true });
        var precise = JsonDocument.Parse(ms.ToArray()).RootElement.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(3, precise.Count);
        Assert.All(precise, f => Assert.Equal("point", f.GetProperty("properties").GetProperty("precision").GetString()));

        Assert.Equal("Air/drone strike", kyiv.GetProperty("properties").GetProperty("sub_event_type").GetString());
        Assert.Equal("Ukraine", kyiv.GetProperty("properties").GetProperty("country").GetString());
    }

    [Fact]
    public void Issue18_csv_has_acleds_columns_in_acleds_order_and_codes()
    {
        var text = Export(ExportFormat.Csv);
        var rows = ParseCsv(text);
        Assert.Equal(5, rows.Count);
        string[] acled =
        [
            "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1",
            "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location",
            "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
        ];
        Assert.StartsWith(string.Join(",", acled) + ",sitrep_", text, StringComparison.Ordinal);

        var iran = rows.Single(r => r["location"] == "Iran");
        Assert.Equal("32", iran["latitude"]); // the country's centre, said by geo_precision 3 and sitrep_precision
        Assert.Equal("3", iran["geo_precision"]);
        Assert.Equal("country", iran["sitrep_precision"]);
        Assert.Equal("364", iran["iso"]);
        Assert.Equal("Strategic developments", iran["disorder_type"]);
        var kursk = rows.Single(r => r["location"] == "Kursk Oblast");
        Assert.Equal("3", kursk["geo_precision"]);
        Assert.Equal("Strategic developments", kursk["event_type"]);
        var kyiv = rows.First(r => r["location"] == "Kyiv" && (r["source"]).Contains("Kyiv Daily", StringComparison.Ordinal));
        Assert.Equal("1", kyiv["geo_precision"]);
        Assert.Equal("2024-11-10", kyiv["event_date"]);
        Assert.Equal("1", kyiv["time_precision"]);
        Assert.Equal("Political violence", kyiv["disorder_type"]);
        Assert.Equal("Explosions/Remote violence", kyiv["event_type"]);
        Assert.Equal("Air/drone strike", kyiv["sub_event_type"]);
        Assert.Equal("1", kyiv["inter1"]); // Russia: a state, so state forces
        Assert.Equal("", kyiv["civilian_targeting"]);
        Assert.Equal("0", kyiv["fatalities"]);
        Assert.Equal("no casualty count", kyiv["tags"]);
        Assert.True(long.Parse(kyiv["timestamp"], CultureInfo.InvariantCulture) > 1_700_000_000);
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
        var model = BriefRenderer.Build(_store, new BriefOptions { Date = new DateOnly(2024, 11, 13), Days = 7, BaseUrl = "https://sitrep.example.org/" });
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
        Assert.All(items, li => Assert.Contains("<a href=\"https://sitrep.example.org/#", li, StringComparison.Ordinal));
    }

    [Fact]
    public void Issue18_brief_links_are_relative_or_use_the_base_url_and_never_a_fixed_local_address()
    {
        var date = new DateOnly(2024, 11, 13);
        var standalone = BriefRenderer.Html(BriefRenderer.Build(_store, new BriefOptions { Date = date, Days = 7 }));
        Assert.DoesNotContain("127.0.0.1", standalone, StringComparison.Ordinal);
        Assert.DoesNotContain("#event/", standalone, StringComparison.Ordinal);
        var served = BriefRenderer.Html(BriefRenderer.Build(_store, new BriefOptions { Date = date, Days = 7, BaseUrl = "./" }));
        Assert.Contains("href=\"./#event/", served, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", served, StringComparison.Ordinal);
        var unsafeBase = BriefRenderer.Html(BriefRenderer.Build(_store, new BriefOptions { Date = date, Days = 7, BaseUrl = "javascript:alert(1)//" }));
        Assert.DoesNotContain("href=\"javascript:", unsafeBase, StringComparison.Ordinal);
        Assert.DoesNotContain("#event/", unsafeBase, StringComparison.Ordinal);
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

    [Theory]
    [InlineData("ASSAULT", "territory taken", "Russia", "state", "Ukraine", "Battles", "Armed clash", "1", "1", "11", "")]
    [InlineData("ASSAULT", "territory taken", "rebels", null, "Mali", "Battles", "Non-state actor overtakes territory", "2", "", "20", "")]
    [InlineData("ASSAULT", "shelling", "Russia", "state", "civilians", "Explosions/Remote violence", "Shelling/artillery/missile attack", "1", "7", "17", "Civilian targeting")]
    [InlineData("ASSAULT", "attack", "militants", null, "villagers", "Violence against civilians", "Attack", "2", "7", "27", "Civilian targeting")]
    [InlineData("PROTEST", "demonstration", "protesters", null, null, "Protests", "Peaceful protest", "6", "", "60", "")]
    [InlineData("CONSULT", "talks", "Ukraine", "state", "Russia", "Strategic developments", "Other", "1", "1", "11", "")]
    public void Issue18_acled_codes_follow_the_actors_types(string type, string mode, string actor, string? actorKind, string? target, string eventType, string subType, string inter1, string inter2, string interaction, string civilian)
    {
        var kinds = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (actorKind is not null)
        {
            kinds[actor] = actorKind;
        }

        if (target is "Ukraine" or "Russia")
        {
            kinds[target] = "state";
        }

        var e = new EventRecord { ArticleId = "a", LocalId = "e1", Type = type, Mode = mode, Actor = actor, Target = target };
        var row = AcledRow.Of(new EventBundle(e, [], []) { ActorKinds = kinds });
        Assert.Equal(eventType, row.EventType);
        Assert.Equal(subType, row.SubType);
        Assert.Equal(inter1, row.Inter1?.ToString(CultureInfo.InvariantCulture) ?? "");
        Assert.Equal(inter2, row.Inter2?.ToString(CultureInfo.InvariantCulture) ?? "");
        Assert.Equal(interaction, row.Interaction?.ToString(CultureInfo.InvariantCulture) ?? "");
        Assert.Equal(civilian, row.CivilianTargeting ? "Civilian targeting" : "");
    }
}
