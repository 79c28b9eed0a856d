using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Sitrep.Core;
using Sitrep.Storage;
using Sitrep.Web.Alerts;
using Xunit;

namespace Sitrep.Tests.Web;

public sealed class WatchlistTests : IDisposable
{
    private static readonly Watchlist KyivAssaults = new() { Name = "kyiv-assaults", Type = "ASSAULT", Near = "Kyiv", NearLat = 50.45, NearLon = 30.52, RadiusKm = 50 };

    private readonly string _db = TestStore.NewPath();
    private readonly SqliteStore _store;
    private readonly long _mark;

    /// <summary>The store before an ingest holds the first Kyiv report, the deployment and the sanction; the "ingest" adds the rest.</summary>
    public WatchlistTests()
    {
        _store = SqliteStore.Open(_db);
        var docs = TestStore.Documents().ToList();
        foreach (var d in docs.Where(d => d.Title is "Drones hit Kyiv" or "Troops massed near Kursk" or "New sanctions on Iran"))
        {
            _store.Save(d, "test-1", "before");
        }

        _mark = _store.LatestAnalysisId();
        foreach (var d in docs.Where(d => d.Title is not ("Drones hit Kyiv" or "Troops massed near Kursk" or "New sanctions on Iran")))
        {
            _store.Save(d, "test-1", "ingest");
        }
    }

    public void Dispose()
    {
        _store.Dispose();
        foreach (var f in Directory.GetFiles(Path.GetDirectoryName(_db)!, Path.GetFileName(_db) + "*"))
        {
            File.Delete(f);
        }
    }

    private AlertEngine Engine(Func<Watchlist, IReadOnlyList<Alert>, CancellationToken, Task>? sender = null) =>
        new(_store, new AlertLog(AlertLog.DefaultPathFor(_db))) { WebhookSender = sender };

    [Fact]
    public void A_place_and_type_watchlist_alerts_on_the_new_nearby_event_and_the_contradictions_it_creates_but_not_on_far_events()
    {
        var alerts = Engine().Match([KyivAssaults], _mark);
        var ev = Assert.Single(alerts, a => a.Kind == "event");
        Assert.Equal("Moscow Wire", ev.Outlet);
        Assert.Contains("#event/", ev.Link, StringComparison.Ordinal);
        Assert.StartsWith("The Russian defence ministry denied", ev.EvidenceText, StringComparison.Ordinal);
        Assert.Equal(2, alerts.Count(a => a.Kind == "contradiction"));
        Assert.DoesNotContain(alerts, a => a.Summary.Contains("Kharkiv", StringComparison.Ordinal)); // ~410 km away
    }

    [Fact]
    public void An_estimate_watchlist_alerts_only_at_or_above_its_minimum()
    {
        Assert.DoesNotContain(Engine().Match([new Watchlist { Name = "big", Unit = "drones", Min = 100 }], _mark), a => a.Kind == "estimate");
        var small = Engine().Match([new Watchlist { Name = "any", Unit = "drones", Min = 5, Actor = "Russia" }], _mark);
        var alert = Assert.Single(small, a => a.Kind == "estimate");
        Assert.Contains("about 10", alert.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void An_actor_watchlist_ignores_what_was_stored_before_the_ingest()
    {
        Assert.Empty(Engine().Match([new Watchlist { Name = "nk", Actor = "North Korea" }], _mark));
        Assert.Single(Engine().Match([new Watchlist { Name = "nk", Actor = "North Korea" }], 0), a => a.Kind == "event");
    }

    [Fact]
    public async Task Alerts_go_to_the_console_and_the_jsonl_log_once_and_the_api_serves_them_for_the_badge()
    {
        var console = new StringWriter();
        var first = await Engine().RunAsync([KyivAssaults], _mark, console);
        Assert.Equal(3, first.Raised.Count);
        Assert.Contains("alert [kyiv-assaults] event:", console.ToString(), StringComparison.Ordinal);
        var again = await Engine().RunAsync([KyivAssaults], _mark, new StringWriter());
        Assert.Empty(again.Raised);
        var lines = await File.ReadAllLinesAsync(AlertLog.DefaultPathFor(_db));
        Assert.Equal(3, lines.Length);
        Assert.All(lines, l => Assert.False(string.IsNullOrEmpty(JsonDocument.Parse(l).RootElement.GetProperty("evidenceText").GetString())));

        await using var server = await WebServer.StartAsync(SqliteStore.Open(TestStore.NewPath()), AlertLog.DefaultPathFor(_db));
        using var response = await server.Client.GetAsync("api/alerts");
        var payload = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(3, payload.GetProperty("count").GetInt32());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("http://10.1.2.3/hook")]
    [InlineData("http://192.168.0.10/hook")]
    [InlineData("http://172.20.0.1/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://[fe80::1]/hook")]
    [InlineData("file:///etc/passwd")]
    public void Webhooks_to_private_loopback_or_link_local_addresses_are_refused(string url)
    {
        Assert.NotNull(WebhookGuard.CheckUrl(url, allowPrivate: false));
    }

    [Fact]
    public void Public_webhooks_pass_and_private_ones_pass_only_when_allowed()
    {
        Assert.Null(WebhookGuard.CheckUrl("https://hooks.example.org/sitrep", allowPrivate: false));
        Assert.Null(WebhookGuard.CheckUrl("http://127.0.0.1:9/hook", allowPrivate: true));
        Assert.False(WebhookGuard.IsPublic(IPAddress.Parse("100.64.1.1")));
        Assert.True(WebhookGuard.IsPublic(IPAddress.Parse("93.184.216.34")));
    }

    [Fact]
    public async Task The_webhook_receives_the_alerts_as_json_when_a_local_address_is_explicitly_allowed_and_is_refused_otherwise()
    {
        var received = new List<string>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var receiver = builder.Build();
        receiver.MapPost("/hook", async (HttpRequest r) =>
        {
            using var reader = new StreamReader(r.Body);
            received.Add(await reader.ReadToEndAsync());
            return Results.Ok();
        });
        await receiver.StartAsync();
        var url = receiver.Urls.First() + "/hook";

        var refused = await Engine().RunAsync([KyivAssaults with { Webhook = url }], _mark, new StringWriter());
        Assert.Empty(received);
        Assert.Contains(refused.Problems, p => p.Contains("private", StringComparison.Ordinal) || p.Contains("this machine", StringComparison.Ordinal));

        File.Delete(AlertLog.DefaultPathFor(_db));
        var delivered = await Engine().RunAsync([KyivAssaults with { Webhook = url, AllowPrivateWebhook = true }], _mark, new StringWriter());
        Assert.Empty(delivered.Problems);
        var body = JsonDocument.Parse(Assert.Single(received)).RootElement;
        Assert.Equal("kyiv-assaults", body.GetProperty("watchlist").GetString());
        Assert.Equal(3, body.GetProperty("alerts").GetArrayLength());
        await receiver.StopAsync();
    }

    [Fact]
    public async Task The_watchlist_commands_add_list_and_remove_and_reject_bad_input()
    {
        Assert.Equal(0, await Sitrep.Cli.CliApp.RunAsync(["watchlist", "add", "kyiv", "--db", _db, "--near", "kyiv", "--radius", "50km", "--type", "assault"]));
        Assert.Equal(0, await Sitrep.Cli.CliApp.RunAsync(["watchlist", "add", "drones", "--db", _db, "--unit", "drones", "--min", "100"]));
        var lists = new WatchlistFile(WatchlistFile.DefaultPathFor(_db)).Load();
        Assert.Equal(2, lists.Count);
        var kyiv = lists.Single(w => w.Name == "kyiv");
        Assert.Equal(50.45, kyiv.NearLat);
        Assert.Equal("ASSAULT", kyiv.Type);
        Assert.Equal(2, await Sitrep.Cli.CliApp.RunAsync(["watchlist", "add", "x", "--db", _db, "--near", "Atlantis"]));
        Assert.Equal(2, await Sitrep.Cli.CliApp.RunAsync(["watchlist", "add", "x", "--db", _db, "--webhook", "http://169.254.169.254/"]));
        Assert.Equal(2, await Sitrep.Cli.CliApp.RunAsync(["watchlist", "add", "x", "--db", _db, "--near", "50,30", "--radius", "far"]));
        Assert.Equal(0, await Sitrep.Cli.CliApp.RunAsync(["watchlist", "remove", "drones", "--db", _db]));
        Assert.Equal(2, await Sitrep.Cli.CliApp.RunAsync(["watchlist", "remove", "drones", "--db", _db]));
        Assert.Single(new WatchlistFile(WatchlistFile.DefaultPathFor(_db)).Load());
    }

    [Fact]
    public void Radii_are_read_in_kilometres_or_metres()
    {
        Assert.Equal(50, Sitrep.Cli.Commands.WatchlistCommand.ParseKm("50km"));
        Assert.Equal(0.5, Sitrep.Cli.Commands.WatchlistCommand.ParseKm("500m"));
        Assert.Equal(12.5, Sitrep.Cli.Commands.WatchlistCommand.ParseKm("12.5"));
        Assert.Null(Sitrep.Cli.Commands.WatchlistCommand.ParseKm("-3km"));
    }
}
