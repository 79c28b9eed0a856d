using Xunit;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Sitrep.Tests.Web;

public sealed class ApiTests
{
    private static async Task<JsonElement> GetJson(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public async Task Events_are_filtered_by_bounding_box_time_range_and_type()
    {
        await using var server = await WebServer.StartAsync();
        var all = await GetJson(server.Client, "api/events");
        Assert.Equal(5, all.GetProperty("total").GetInt64());

        // Ukraine's box holds the two Kyiv reports and the Kharkiv one; Kursk (36.0E, 51.5N) is inside too.
        var box = await GetJson(server.Client, "api/events?bbox=22,44,41,53&type=ASSAULT");
        var types = box.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal(3, types.Count);
        Assert.All(types, t => Assert.Equal("ASSAULT", t));

        var day = await GetJson(server.Client, "api/events?bbox=22,44,41,53&from=2024-11-10&to=2024-11-10&type=assault");
        var items = day.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.All(items, e => Assert.Equal("Kyiv", e.GetProperty("location").GetString()));

        var none = await GetJson(server.Client, "api/events?bbox=-10,35,5,45");
        Assert.Equal(0, none.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Events_are_filtered_by_actor_source_and_full_text_and_paged()
    {
        await using var server = await WebServer.StartAsync();
        var actor = await GetJson(server.Client, "api/events?actor=north%20korea");
        Assert.Equal("MOBILIZE", actor.GetProperty("items")[0].GetProperty("type").GetString());
        Assert.Equal(1, actor.GetProperty("total").GetInt64());

        var source = await GetJson(server.Client, "api/events?source=Russian%20Ministry%20of%20Defence");
        Assert.Equal("Moscow Wire", source.GetProperty("items")[0].GetProperty("outlet").GetString());

        var text = await GetJson(server.Client, "api/events?q=sanctions");
        Assert.Equal("SANCTION", Assert.Single(text.GetProperty("items").EnumerateArray()).GetProperty("type").GetString());

        var page1 = await GetJson(server.Client, "api/events?limit=2");
        var page2 = await GetJson(server.Client, "api/events?limit=2&offset=2");
        Assert.Equal(5, page1.GetProperty("total").GetInt64());
        var ids1 = page1.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()).ToList();
        var ids2 = page2.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()).ToList();
        Assert.Equal(2, ids1.Count);
        Assert.Empty(ids1.Intersect(ids2));
    }

    [Theory]
    [InlineData("api/events?bbox=1,2,3", "bbox")]
    [InlineData("api/events?bbox=0,95,10,10", "bbox")]
    [InlineData("api/events?from=11/10/2024", "from")]
    [InlineData("api/events?from=2024-11-12&to=2024-11-01", "from")]
    [InlineData("api/events?limit=-3", "limit")]
    [InlineData("api/estimates/series", "unit")]
    public async Task Bad_parameters_get_a_problem_details_answer_naming_the_parameter(string url, string parameter)
    {
        await using var server = await WebServer.StartAsync();
        using var response = await server.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains($"'{parameter}'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Unknown_events_and_articles_are_404_problems()
    {
        await using var server = await WebServer.StartAsync();
        using var r1 = await server.Client.GetAsync("api/events/nope/e1");
        using var r2 = await server.Client.GetAsync("api/articles/nope");
        using var r3 = await server.Client.GetAsync("api/nothing-here");
        foreach (var r in new[] { r1, r2, r3 })
        {
            Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        }

        Assert.Contains("nope", await r2.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answers_carry_an_etag_and_a_matching_revalidation_gets_304_until_the_store_changes()
    {
        await using var server = await WebServer.StartAsync();
        using var first = await server.Client.GetAsync("api/events?type=ASSAULT");
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.Equal("no-cache", first.Headers.CacheControl?.ToString());

        using var again = new HttpRequestMessage(HttpMethod.Get, "api/events?type=ASSAULT");
        again.Headers.IfNoneMatch.Add(etag);
        using var second = await server.Client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);

        server.Store.Save(TestStore.Hostile().Doc.WithText("Another report: shelling hit Kharkiv on Tuesday."), "test-1", "more");
        using var afterWrite = new HttpRequestMessage(HttpMethod.Get, "api/events?type=ASSAULT");
        afterWrite.Headers.IfNoneMatch.Add(etag);
        using var third = await server.Client.SendAsync(afterWrite);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.NotEqual(etag, third.Headers.ETag);
    }

    [Fact]
    public async Task With_a_reuse_window_the_same_query_is_answered_from_the_first_answer_but_alerts_are_always_fresh()
    {
        var alertLog = Path.Combine(Path.GetTempPath(), "sitrep-alerts-" + Guid.NewGuid().ToString("N") + ".jsonl");
        try
        {
            await using var server = await WebServer.StartAsync(alertLog: alertLog, cacheSeconds: 600);
            var before = await server.Client.GetStringAsync("api/stats");
            var alertsBefore = await server.Client.GetStringAsync("api/alerts");
            server.Store.Save(TestStore.Hostile().Doc.WithText("Another report: shelling hit Kharkiv on Tuesday."), "test-1", "more");
            new Sitrep.Web.Alerts.AlertLog(alertLog).Append([new Sitrep.Web.Alerts.Alert(
                "a1", DateTimeOffset.UnixEpoch, "watch", "event", "shelling in Kharkiv", "test-1", null, null, null, null, 0, 10, "shelling", "#article/test-1")]);

            Assert.Equal(before, await server.Client.GetStringAsync("api/stats")); // reused within the window
            Assert.NotEqual(before, await server.Client.GetStringAsync("api/stats?fresh=1")); // another query reads the store
            Assert.NotEqual(alertsBefore, await server.Client.GetStringAsync("api/alerts"));
        }
        finally
        {
            File.Delete(alertLog);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_event_comes_with_its_claims_estimates_and_the_other_report_of_the_same_strike(bool fused)
    {
        var store = TestStore.Create();
        if (fused)
        {
            Sitrep.Storage.Fusion.Fuser.Run(store);
            Assert.Contains(store.ListClusters(new Sitrep.Storage.Fusion.ClusterFilter { Type = "ASSAULT" }), c => c.Reports == 2);
        }

        await using var server = await WebServer.StartAsync(store);
        var list = await GetJson(server.Client, "api/events?source=Kyiv%20Daily&type=ASSAULT");
        var id = list.GetProperty("items")[0].GetProperty("id").GetString()!;
        var detail = await GetJson(server.Client, "api/events/" + id);
        Assert.Equal("Ukrainian Air Force", Assert.Single(detail.GetProperty("claims").EnumerateArray()).GetProperty("source").GetString());
        Assert.Equal(45, Assert.Single(detail.GetProperty("quantities").EnumerateArray()).GetProperty("point").GetDouble());
        var other = Assert.Single(detail.GetProperty("otherReports").EnumerateArray());
        Assert.Equal("Moscow Wire", other.GetProperty("event").GetProperty("outlet").GetString());
        Assert.Equal("denies", other.GetProperty("claims")[0].GetProperty("stance").GetString());
    }

    [Fact]
    public async Task An_article_comes_with_its_text_and_evidence_offsets_that_point_at_the_evidence()
    {
        await using var server = await WebServer.StartAsync();
        var events = await GetJson(server.Client, "api/events?actor=North%20Korea");
        var articleId = events.GetProperty("items")[0].GetProperty("articleId").GetString();
        var payload = await GetJson(server.Client, "api/articles/" + articleId);
        var text = payload.GetProperty("article").GetProperty("text").GetString()!;
        var highlights = payload.GetProperty("highlights").EnumerateArray().ToList();
        Assert.Contains(highlights, h => h.GetProperty("kind").GetString() == "event");
        Assert.Contains(highlights, h => h.GetProperty("kind").GetString() == "estimate");
        foreach (var h in highlights)
        {
            var s = h.GetProperty("start").GetInt32();
            var e = h.GetProperty("end").GetInt32();
            Assert.InRange(s, 0, e);
            Assert.InRange(e, s, text.Length);
        }

        var ev = highlights.First(h => h.GetProperty("kind").GetString() == "event");
        Assert.StartsWith("North Korea deployed", text[ev.GetProperty("start").GetInt32()..ev.GetProperty("end").GetInt32()], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Contradictions_list_non_overlapping_estimates_and_a_denial_with_both_sides_evidence()
    {
        await using var server = await WebServer.StartAsync();
        var page = await GetJson(server.Client, "api/contradictions");
        var items = page.GetProperty("items").EnumerateArray().ToList();
        var estimates = Assert.Single(items, c => c.GetProperty("kind").GetString() == "estimates");
        Assert.Contains("drones", estimates.GetProperty("summary").GetString(), StringComparison.Ordinal);
        var outlets = estimates.GetProperty("sides").EnumerateArray().Select(s => s.GetProperty("outlet").GetString()).Order().ToList();
        Assert.Equal(["Kyiv Daily", "Moscow Wire"], outlets);
        var denial = Assert.Single(items, c => c.GetProperty("kind").GetString() == "denial");
        Assert.All(denial.GetProperty("sides").EnumerateArray(), s => Assert.False(string.IsNullOrEmpty(s.GetProperty("evidenceText").GetString())));
    }

    [Fact]
    public async Task A_fused_store_serves_the_fusions_contradictions_with_each_sides_sentence()
    {
        var store = TestStore.Create();
        Sitrep.Storage.Fusion.Fuser.Run(store);
        var fused = store.ListContradictions(null);
        Assert.NotEmpty(fused);
        await using var server = await WebServer.StartAsync(store);
        var page = await GetJson(server.Client, "api/contradictions");
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(fused.Select(c => c.Id).Order(StringComparer.Ordinal), items.Select(c => c.GetProperty("id").GetString()!).Order(StringComparer.Ordinal));
        foreach (var side in items.SelectMany(c => c.GetProperty("sides").EnumerateArray()))
        {
            var article = store.GetArticle(side.GetProperty("articleId").GetString()!);
            Assert.NotNull(article);
            var (start, end) = (side.GetProperty("evidenceStart").GetInt32(), side.GetProperty("evidenceEnd").GetInt32());
            Assert.Equal(side.GetProperty("evidenceText").GetString(), article.Text[start..end]);
        }

        var outside = await GetJson(server.Client, "api/contradictions?from=2030-01-01");
        Assert.Equal(0, outside.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Estimates_actors_places_claims_and_search_answer()
    {
        await using var server = await WebServer.StartAsync();
        var series = await GetJson(server.Client, "api/estimates/series?unit=drones");
        Assert.Equal(2, series.GetProperty("estimates").GetArrayLength());
        var units = await GetJson(server.Client, "api/estimates/units");
        Assert.Contains(units.GetProperty("items").EnumerateArray(), u => u.GetProperty("unit").GetString() == "personnel");
        var actors = await GetJson(server.Client, "api/actors");
        Assert.Contains(actors.GetProperty("items").EnumerateArray(), a => a.GetProperty("name").GetString() == "Russia");
        var places = await GetJson(server.Client, "api/places");
        Assert.Contains(places.GetProperty("items").EnumerateArray(), p => p.GetProperty("precision").GetString() == "adm1");
        var claims = await GetJson(server.Client, "api/claims?stance=denies");
        Assert.Equal(1, claims.GetProperty("total").GetInt64());
        var search = await GetJson(server.Client, "api/articles?q=Kursk");
        Assert.Equal("Troops massed near Kursk", Assert.Single(search.GetProperty("items").EnumerateArray()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_endpoints()
    {
        await using var server = await WebServer.StartAsync();
        var doc = await GetJson(server.Client, "openapi/v1.json");
        var paths = doc.GetProperty("paths");
        foreach (var p in new[] { "/api/events", "/api/claims", "/api/estimates", "/api/actors", "/api/places", "/api/articles/{id}", "/api/contradictions" })
        {
            Assert.True(paths.TryGetProperty(p, out _), $"OpenAPI lacks {p}");
        }
    }

    [Fact]
    public async Task The_dashboard_is_served_from_embedded_assets_with_a_strict_content_security_policy()
    {
        await using var server = await WebServer.StartAsync();
        using var index = await server.Client.GetAsync("");
        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Equal("text/html", index.Content.Headers.ContentType?.MediaType);
        var csp = index.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        foreach (var asset in new[] { "assets/app.js", "assets/app.css", "assets/vendor/leaflet.js", "assets/vendor/countries-110m.json" })
        {
            using var r = await server.Client.GetAsync(asset);
            Assert.True(r.IsSuccessStatusCode, asset);
            Assert.NotNull(r.Headers.ETag);
        }
    }

    [Fact]
    public void The_server_binds_to_loopback_unless_told_otherwise()
    {
        Assert.StartsWith("http://127.0.0.1:", new Sitrep.Web.WebOptions().Urls, StringComparison.Ordinal);
        Assert.StartsWith("http://127.0.0.1:", Sitrep.Cli.Commands.ServeCommand.DefaultUrls, StringComparison.Ordinal);
    }
}

internal static class DocumentExtensions
{
    /// <summary>A fresh document with the same metadata and no facts.</summary>
    public static Sitrep.Core.Document WithText(this Sitrep.Core.Document doc, string text) =>
        new(text, doc.Title, doc.Url, doc.Outlet, doc.Published, doc.Language);
}
