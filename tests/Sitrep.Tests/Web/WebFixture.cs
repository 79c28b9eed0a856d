using Xunit;
using Microsoft.AspNetCore.Builder;
using Sitrep.Core;
using Sitrep.Storage;
using Sitrep.Web;

namespace Sitrep.Tests.Web;

/// <summary>Builds hand-made documents with facts whose evidence is found by substring, so offsets are exact.</summary>
public sealed class DocBuilder(string text, string title, string outlet, DateOnly published)
{
    private int _n;

    public Document Doc { get; } = new(text, title, "https://example.org/" + title.Length, outlet, published, "en");

    public TextSpan Span(string part)
    {
        var i = Doc.Text.IndexOf(part, StringComparison.Ordinal);
        Assert.True(i >= 0, $"'{part}' is not in the text");
        return new TextSpan(i, i + part.Length);
    }

    public Place Place(string name, string country, double lat, double lon, PlacePrecision precision, string? admin1 = null)
    {
        var p = new Place { Id = "p" + ++_n, Name = name, Country = country, Lat = lat, Lon = lon, Precision = precision, Admin1 = admin1 };
        Doc.Places.Add(p);
        return p;
    }

    public TimeExpression Time(string text, DateOnly day)
    {
        var t = new TimeExpression { Id = "t" + ++_n, Span = Span(text), Start = day, End = day, Precision = TimePrecision.Day };
        Doc.Times.Add(t);
        return t;
    }

    public Quantity Quantity(string text, string sentence, string unit, double? point = null, double? min = null, double? max = null, string? qualifier = null, string? owner = null)
    {
        var q = new Quantity { Id = "q" + ++_n, Span = Span(text), Unit = unit, Point = point, Min = min, Max = max, Qualifier = qualifier, Owner = owner, Evidence = Span(sentence) };
        Doc.Quantities.Add(q);
        return q;
    }

    public Event Event(string type, string mode, string sentence, string? actor, string? target, Place? place, TimeExpression? time, params Quantity[] quantities)
    {
        var e = new Event { Id = "e" + ++_n, Type = type, Mode = mode, Actor = actor, Target = target, Location = place?.Name, PlaceId = place?.Id, TimeId = time?.Id, Evidence = Span(sentence) };
        e.QuantityIds.AddRange(quantities.Select(q => q.Id));
        Doc.Events.Add(e);
        return e;
    }

    public Claim Claim(Event? e, string source, string verb, string stance, string sentence)
    {
        var c = new Claim { Id = "c" + ++_n, Source = source, Verb = verb, Stance = stance, EventId = e?.Id, Evidence = Span(sentence) };
        Doc.Claims.Add(c);
        e?.ClaimIds.Add(c.Id);
        return c;
    }

    public Actor Actor(string name, ActorKind kind, string mention)
    {
        var a = new Actor { Id = "a" + ++_n, Name = name, Kind = kind };
        a.Mentions.Add(Span(mention));
        Doc.Actors.Add(a);
        return a;
    }
}

/// <summary>A store filled with a small, known situation: two reports of one strike that disagree, a deployment, a sanction, and a hostile article.</summary>
public static class TestStore
{
    public const string HostileMarker = "Hostile payload report";

    public static string NewPath() => Path.Combine(Path.GetTempPath(), "sitrep-web-" + Guid.NewGuid().ToString("N") + ".db");

    public static SqliteStore Create(string? path = null)
    {
        var store = SqliteStore.Open(path ?? NewPath());
        foreach (var doc in Documents())
        {
            store.Save(doc, "test-1", "fixture");
        }

        return store;
    }

    public static IEnumerable<Document> Documents()
    {
        var a = new DocBuilder(
            "Drones hit Kyiv\nRussian forces launched 45 drones at Kyiv on Sunday, officials said. The Ukrainian air force said it shot down 40 of them.",
            "Drones hit Kyiv", "Kyiv Daily", new DateOnly(2024, 11, 11));
        var kyiv = a.Place("Kyiv", "UA", 50.45, 30.52, PlacePrecision.Point, "Kyiv City");
        var sunday = a.Time("on Sunday", new DateOnly(2024, 11, 10));
        var q45 = a.Quantity("45 drones", "Russian forces launched 45 drones at Kyiv on Sunday, officials said.", "drones", point: 45, owner: "Russia");
        var strike = a.Event("ASSAULT", "drone strike", "Russian forces launched 45 drones at Kyiv on Sunday, officials said.", "Russia", "Ukraine", kyiv, sunday, q45);
        a.Claim(strike, "Ukrainian Air Force", "said", "asserts", "The Ukrainian air force said it shot down 40 of them.");
        a.Actor("Russia", ActorKind.State, "Russian forces");
        a.Actor("Ukrainian Air Force", ActorKind.ArmedForce, "Ukrainian air force");
        yield return a.Doc;

        var b = new DocBuilder(
            "Moscow denies Kyiv strike\nThe Russian defence ministry denied striking Kyiv on Sunday, saying it sent about 10 drones at military targets.",
            "Moscow denies Kyiv strike", "Moscow Wire", new DateOnly(2024, 11, 11));
        var kyiv2 = b.Place("Kyiv", "UA", 50.45, 30.52, PlacePrecision.Point, "Kyiv City");
        var sunday2 = b.Time("on Sunday", new DateOnly(2024, 11, 10));
        var q10 = b.Quantity("about 10 drones", "The Russian defence ministry denied striking Kyiv on Sunday, saying it sent about 10 drones at military targets.", "drones", point: 10, min: 9, max: 11, qualifier: "about", owner: "Russia");
        var strike2 = b.Event("ASSAULT", "drone strike", "The Russian defence ministry denied striking Kyiv on Sunday, saying it sent about 10 drones at military targets.", "Russia", "Ukraine", kyiv2, sunday2, q10);
        b.Claim(strike2, "Russian Ministry of Defence", "denied", "denies", "The Russian defence ministry denied striking Kyiv on Sunday, saying it sent about 10 drones at military targets.");
        yield return b.Doc;

        var c = new DocBuilder(
            "Troops massed near Kursk\nNorth Korea deployed nearly 50,000 troops to the Kursk region, according to Ukrainian intelligence.",
            "Troops massed near Kursk", "Kyiv Daily", new DateOnly(2024, 11, 5));
        var kursk = c.Place("Kursk Oblast", "RU", 51.5, 36.0, PlacePrecision.Adm1, "Kursk");
        var q50 = c.Quantity("nearly 50,000 troops", "North Korea deployed nearly 50,000 troops to the Kursk region, according to Ukrainian intelligence.", "personnel", max: 50000, qualifier: "nearly", owner: "North Korea");
        var deploy = c.Event("MOBILIZE", "troop deployment", "North Korea deployed nearly 50,000 troops to the Kursk region, according to Ukrainian intelligence.", "North Korea", null, kursk, null, q50);
        c.Claim(deploy, "Ukrainian intelligence", "according to", "asserts", "North Korea deployed nearly 50,000 troops to the Kursk region, according to Ukrainian intelligence.");
        yield return c.Doc;

        var d = new DocBuilder(
            "New sanctions on Iran\nThe European Union announced new sanctions against Iran on Monday.",
            "New sanctions on Iran", "Brussels Post", new DateOnly(2024, 11, 12));
        var iran = d.Place("Iran", "IR", 32.0, 53.0, PlacePrecision.Country);
        var monday = d.Time("on Monday", new DateOnly(2024, 11, 11));
        d.Event("SANCTION", "sanctions", "The European Union announced new sanctions against Iran on Monday.", "European Union", "Iran", iran, monday);
        yield return d.Doc;

        yield return Hostile().Doc;
    }

    /// <summary>An article whose title, outlet and text carry script, event-handler and javascript: payloads.</summary>
    public static DocBuilder Hostile()
    {
        var sentence = "Shelling hit Kharkiv <script>window.__pwned=1</script> <img src=x onerror=\"window.__pwned=2\"> <a href=\"javascript:window.__pwned=3\">details</a> on Tuesday.";
        var h = new DocBuilder(
            HostileMarker + " <script>window.__pwned=4</script>\n" + sentence,
            HostileMarker + " <script>window.__pwned=4</script>", "<b onmouseover=\"window.__pwned=5\">Evil Outlet</b>", new DateOnly(2024, 11, 13));
        var kharkiv = h.Place("Kharkiv <img src=x onerror=\"window.__pwned=6\">", "UA", 49.99, 36.23, PlacePrecision.Point);
        var tuesday = h.Time("on Tuesday", new DateOnly(2024, 11, 12));
        h.Doc.Url = "javascript:window.__pwned=10";
        var e = h.Event("ASSAULT", "shelling <script>window.__pwned=7</script>", sentence, "<img src=x onerror=\"window.__pwned=8\">", "=HYPERLINK(\"https://evil.example\")", kharkiv, tuesday);
        h.Claim(e, "javascript:window.__pwned=9", "said", "asserts", sentence);
        return h;
    }
}

/// <summary>A real Kestrel on 127.0.0.1 with a random free port over the test store.</summary>
public sealed class WebServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebServer(WebApplication app, SqliteStore store, string url)
    {
        _app = app;
        Store = store;
        Url = url;
        Client = new HttpClient { BaseAddress = new Uri(url + "/") };
    }

    public SqliteStore Store { get; }

    public string Url { get; }

    public HttpClient Client { get; }

    public static async Task<WebServer> StartAsync(SqliteStore? store = null, string? alertLog = null, double cacheSeconds = 0)
    {
        store ??= TestStore.Create();
        var app = SitrepWebApp.Build(store, new WebOptions { Urls = "http://127.0.0.1:0", AlertLogPath = alertLog, CacheSeconds = cacheSeconds });
        var url = await SitrepWebApp.StartAsync(app);
        return new WebServer(app, store, url);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        var path = Store.Path;
        Store.Dispose();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }
    }
}
