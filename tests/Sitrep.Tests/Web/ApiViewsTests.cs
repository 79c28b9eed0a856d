using System.Net;
using System.Text.Json;
using Xunit;

namespace Sitrep.Tests.Web;

/// <summary>Issue 18 in the API: the place filter, the export of what is shown, units by sources, the served brief.</summary>
public sealed class ApiViewsTests
{
    private static async Task<JsonElement> GetJson(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public async Task Issue18_place_filter_export_and_units_by_sources()
    {
        await using var server = await WebServer.StartAsync();
        var kyiv = await GetJson(server.Client, "api/events?place=kyiv");
        Assert.Equal(2, kyiv.GetProperty("total").GetInt64());
        var ukraine = await GetJson(server.Client, "api/events?place=Ukraine");
        Assert.Equal(3, ukraine.GetProperty("total").GetInt64()); // two Kyiv reports and the Kharkiv one, by country
        var map = await GetJson(server.Client, "api/map?place=UA");
        Assert.Equal(3, map.GetProperty("rows").GetArrayLength());
        Assert.Contains("background", map.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));

        // Each event row carries its cluster (the store is fused on demand by the first view that needs clusters).
        await GetJson(server.Client, "api/contradictions");
        var first = (await GetJson(server.Client, "api/events?place=kyiv")).GetProperty("items")[0];
        Assert.Equal(2, first.GetProperty("sources").GetInt64());
        Assert.False(string.IsNullOrEmpty(first.GetProperty("firstSource").GetString()));

        using var csv = await server.Client.GetAsync("api/export?format=csv&type=ASSAULT");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal(4, (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length); // header + 3 assaults
        using var bad = await server.Client.GetAsync("api/export?format=xlsx");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("format", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var units = (await GetJson(server.Client, "api/estimates/units")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal("drones", units[0].GetProperty("unit").GetString());
        Assert.Equal(2, units[0].GetProperty("sources").GetInt32());
        var series = await GetJson(server.Client, "api/estimates/series?unit=drones");
        Assert.Equal("official", series.GetProperty("claimantKinds").GetProperty("Ukrainian Air Force").GetString());
    }

    [Fact]
    public async Task Issue18_the_dashboard_serves_the_brief_with_relative_links()
    {
        await using var server = await WebServer.StartAsync();
        var html = await server.Client.GetStringAsync("brief?date=2024-11-13&days=7");
        Assert.Contains("<h1>Brief 2024-11-07 to 2024-11-13</h1>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"./#event/", html, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", html, StringComparison.Ordinal);
        using var bad = await server.Client.GetAsync("brief?date=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
