using System.Globalization;
using Microsoft.Playwright;
using Sitrep.Storage;
using Sitrep.Storage.Fusion;
using Sitrep.Web;

// Takes the screenshots of docs/screenshots from a store: three of the dashboard (the map with its event list and
// timeline, the most corroborated event with its reports side by side, the estimates) and one of the weekly brief.
// Debian's chromium is driven by Playwright, as in the browser tests. scripts/screenshots.sh builds the store from
// ../shared/data/ukraine-war-news-en and runs this.
var db = Arg("--db") ?? throw new ArgumentException("--db STORE is required (scripts/screenshots.sh builds one from the shared corpus)");
var outDir = Arg("--out") ?? "docs/screenshots";
var chromium = Arg("--chromium") ?? "/usr/bin/chromium";
if (!File.Exists(db))
{
    Console.Error.WriteLine($"screenshots: no store at '{db}'");
    return 2;
}

if (!File.Exists(chromium))
{
    Console.Error.WriteLine($"screenshots: chromium not found at '{chromium}' (apt-get install -y chromium, or --chromium PATH)");
    return 2;
}

Directory.CreateDirectory(outDir);
using var store = SqliteStore.Open(db);
if (store.LastFusionRun() is null)
{
    Fuser.Run(store);
}

var app = SitrepWebApp.Build(store, new WebOptions { Urls = "http://127.0.0.1:0" });
var url = await SitrepWebApp.StartAsync(app);
using var playwright = await Playwright.CreateAsync();
var profile = Path.Combine(Path.GetTempPath(), "sitrep-screenshots-" + Guid.NewGuid().ToString("N"));
var browser = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
{
    ExecutablePath = chromium,
    Headless = true,
    Args = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
});
try
{
    var page = await browser.NewPageAsync();
    await page.GotoAsync(url + "/");
    await Ready(page);
    await Shot(page, "dashboard-map.png");

    // The event reported by the most independent sources (news, not a background mention), its reports side by side.
    var top = store.ListClusters(new ClusterFilter { Limit = int.MaxValue })
        .Where(c => !c.Background).OrderByDescending(c => c.Sources).ThenByDescending(c => c.Claims).ThenBy(c => c.Id, StringComparer.Ordinal).FirstOrDefault();
    if (top is not null && store.ClusterMembers(top.Id).FirstOrDefault() is { } member)
    {
        await page.EvaluateAsync($"location.hash = {System.Text.Json.JsonSerializer.Serialize($"#event/{member.ArticleId}/{member.EventLocalId}")}");
        await page.WaitForSelectorAsync("#event-reports .report", new PageWaitForSelectorOptions { Timeout = 30000 });
        await page.WaitForTimeoutAsync(300);
        await Shot(page, "dashboard-event.png");
    }

    await page.EvaluateAsync("location.hash = '#estimates'");
    await page.WaitForSelectorAsync("#estimates-chart svg, #estimates-chart p", new PageWaitForSelectorOptions { Timeout = 30000 });
    await page.WaitForTimeoutAsync(300);
    await Shot(page, "dashboard-estimates.png");

    // The weekly brief up to the latest event day (not after today), as the dashboard serves it.
    var today = DateOnly.FromDateTime(DateTime.UtcNow);
    var last = store.QueryEvents(new FactQuery { To = today, Limit = 1 }).Items.FirstOrDefault()?.Day;
    var date = last is { Length: >= 10 } ? last[..10] : today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    var brief = await browser.NewPageAsync();
    await brief.SetViewportSizeAsync(1100, 1600);
    await brief.GotoAsync($"{url}/brief?date={date}&days=7");
    await brief.WaitForSelectorAsync("h1");
    await Shot(brief, "brief.png");
}
finally
{
    await browser.CloseAsync();
    await app.StopAsync();
    try
    {
        Directory.Delete(profile, recursive: true);
    }
    catch (IOException)
    {
        // chromium may hold a lock file a moment longer; the temp folder is cleaned later
    }
}

return 0;

async Task Ready(IPage page)
{
    await page.WaitForSelectorAsync("body[data-ready='true']", new PageWaitForSelectorOptions { Timeout = 60000 });
    await page.WaitForSelectorAsync("#event-list[data-state='ready']", new PageWaitForSelectorOptions { Timeout = 60000, State = WaitForSelectorState.Attached });
    await page.WaitForTimeoutAsync(500); // the basemap's last tiles of outline
}

async Task Shot(IPage page, string name)
{
    var path = Path.Combine(outDir, name);
    await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
    Console.WriteLine($"screenshots: wrote {path}");
}

string? Arg(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
