using System.Net;
using System.Text.Json;
using Sitrep.Storage.Fusion;
using Sitrep.Tests.Storage;
using Sitrep.Web;
using Xunit;
using Xunit.Abstractions;

namespace Sitrep.Tests.Web;

/// <summary>The HTTP API over the PostgreSQL store (skipped, with the reason, when the server is unreachable).</summary>
public sealed class PostgresApiTests
{
    [Fact]
    public async Task The_api_answers_events_map_claims_estimates_articles_and_etags_from_postgres()
    {
        Requires.Postgres();

        using var schema = TestPostgres.CreateSchema();
        using var store = schema.OpenStore();
        foreach (var doc in TestStore.Documents())
        {
            store.Save(doc, "test-1", "fixture");
        }

        Fuser.Run(store);
        await using var app = SitrepWebApp.Build(store, new WebOptions { Urls = "http://127.0.0.1:0" });
        var url = await SitrepWebApp.StartAsync(app);
        using var client = new HttpClient { BaseAddress = new Uri(url + "/") };
        async Task<JsonElement> Get(string path)
        {
            using var response = await client.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
            return JsonDocument.Parse(body).RootElement.Clone();
        }

        try
        {
            Assert.Equal(5, (await Get("api/events")).GetProperty("total").GetInt64());
            var box = await Get("api/events?bbox=22,44,41,53&from=2024-11-10&to=2024-11-10&type=assault");
            Assert.All(box.GetProperty("items").EnumerateArray(), e => Assert.Equal("Kyiv", e.GetProperty("location").GetString()));
            Assert.Equal(2, box.GetProperty("items").GetArrayLength());
            Assert.Equal("SANCTION", Assert.Single((await Get("api/events?q=sanctions")).GetProperty("items").EnumerateArray()).GetProperty("type").GetString());
            Assert.Equal(4, (await Get("api/map?bbox=22,44,41,53")).GetProperty("total").GetInt64());

            var kyiv = (await Get("api/events?source=Kyiv%20Daily&type=ASSAULT")).GetProperty("items")[0].GetProperty("id").GetString()!;
            var detail = await Get("api/events/" + kyiv);
            Assert.Equal("Ukrainian Air Force", Assert.Single(detail.GetProperty("claims").EnumerateArray()).GetProperty("source").GetString());
            Assert.Equal("Moscow Wire", Assert.Single(detail.GetProperty("otherReports").EnumerateArray()).GetProperty("event").GetProperty("outlet").GetString());
            Assert.Equal(1, (await Get("api/claims?stance=denies")).GetProperty("total").GetInt64());
            Assert.True((await Get("api/estimates?unit=drones")).GetProperty("total").GetInt64() >= 2);
            Assert.Contains((await Get("api/actors")).GetProperty("items").EnumerateArray(), a => a.GetProperty("name").GetString() == "Russia");
            Assert.Contains((await Get("api/places")).GetProperty("items").EnumerateArray(), p => p.GetProperty("name").GetString() == "Kyiv");
            var article = kyiv.Split('/')[0];
            var payload = await Get("api/articles/" + article);
            Assert.StartsWith("Drones hit Kyiv", payload.GetProperty("article").GetProperty("text").GetString(), StringComparison.Ordinal);
            Assert.Contains(payload.GetProperty("highlights").EnumerateArray(), h => h.GetProperty("kind").GetString() == "event");
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("api/articles/no-such-article")).StatusCode);

            using var first = await client.GetAsync("api/events?type=ASSAULT");
            var etag = first.Headers.ETag!;
            store.Save(TestStore.Hostile().Doc.WithText("Another report: shelling hit Kharkiv on Tuesday."), "test-1", "more");
            using var again = new HttpRequestMessage(HttpMethod.Get, "api/events?type=ASSAULT");
            again.Headers.IfNoneMatch.Add(etag);
            using var afterWrite = await client.SendAsync(again);
            Assert.Equal(HttpStatusCode.OK, afterWrite.StatusCode);
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
