using Microsoft.Playwright;
using Sitrep.Core;
using Sitrep.Storage;
using Xunit;
using Xunit.Abstractions;

namespace Sitrep.Tests.Web;

/// <summary>
/// Issue 18 on the hand-made fixture (real chromium): event rows that say who did what to whom, where, when and who
/// reports it; filters kept in the URL; the timeline's default window with the outliers reachable; background mentions
/// apart; "export what I see"; the estimates view's unit, axes and colours per kind of claimant.
/// </summary>
[Trait("Category", "Browser")]
public sealed class DashboardViewsBrowserTests(ITestOutputHelper output)
{
    /// <summary>The fixture plus an event dated in 1941 (an outlier far before the rest) and a background mention.</summary>
    private static SqliteStore StoreWithOutlierAndBackground()
    {
        var store = TestStore.Create();
        var old = new DocBuilder("Archive: the siege began\nGerman forces shelled Kyiv on 22 June 1941, the archive notes.", "Archive note", "History Monthly", new DateOnly(2024, 11, 9));
        var kyiv = old.Place("Kyiv", "UA", 50.45, 30.52, PlacePrecision.Point);
        old.Event("ASSAULT", "shelling", "German forces shelled Kyiv on 22 June 1941, the archive notes.", "Germany", "Soviet Union", kyiv, old.Time("22 June 1941", new DateOnly(1941, 6, 22)));
        store.Save(old.Doc, "test-1", "fixture");
        var recall = new DocBuilder("Talks resume\nDiplomats met in Kharkiv to discuss the war, which Russia's invasion began years ago.", "Talks resume", "Kyiv Daily", new DateOnly(2024, 11, 12));
        var kharkiv = recall.Place("Kharkiv", "UA", 49.99, 36.23, PlacePrecision.Point);
        recall.Event("ASSAULT", "invasion", "Diplomats met in Kharkiv to discuss the war, which Russia's invasion began years ago.", "Russia", "Ukraine", kharkiv, null).Background = true;
        store.Save(recall.Doc, "test-1", "fixture");
        Sitrep.Storage.Fusion.Fuser.Run(store);
        return store;
    }

    private static async Task<IPage> Open(Browser browser, WebServer server, string path, List<string> problems)
    {
        var page = await browser.Context.NewPageAsync();
        page.PageError += (_, e) => problems.Add("page error: " + e);
        page.RequestFailed += (_, r) => problems.Add("request failed: " + r.Url);
        await page.GotoAsync(server.Url + path);
        await page.WaitForSelectorAsync("body[data-ready='true']", new PageWaitForSelectorOptions { Timeout = 15000 });
        await DashboardBrowserTests.ListReady(page);
        return page;
    }

    [Fact]
    public async Task Issue18_event_rows_show_type_roles_place_date_sources_and_first_source_and_background_apart()
    {
        await using var browser = await Browser.LaunchAsync(output);
        if (browser is null)
        {
            return;
        }

        await using var server = await WebServer.StartAsync(StoreWithOutlierAndBackground());
        var problems = new List<string>();
        var page = await Open(browser, server, "/", problems);
        var row = await page.Locator("#event-list li", new PageLocatorOptions { HasTextString = "Kyiv · 2024-11-10" }).First.InnerTextAsync();
        Assert.Contains("ASSAULT", row, StringComparison.Ordinal);
        Assert.Contains("Russia → Ukraine", row, StringComparison.Ordinal);
        Assert.Contains("Kyiv", row, StringComparison.Ordinal);
        Assert.Contains("2024-11-10", row, StringComparison.Ordinal);
        Assert.Contains("2 independent sources", row, StringComparison.Ordinal);
        Assert.Matches("first: (Kyiv Daily|Moscow Wire)", row);

        // The background mention: its own row style and tag, a hollow ring on the map, a separate count in the legend.
        var background = page.Locator("#event-list li.background");
        Assert.Equal(1, await background.CountAsync());
        Assert.Contains("background", await background.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("1", await page.Locator("#background-count").InnerTextAsync());
        var drawn = await page.EvaluateAsync<int>("window.sitrepDrawnPoints().filter(p => p.background).length");
        Assert.Equal(1, drawn);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Browser.ScreenshotDir, "dashboard-rows.png") });
        Assert.Empty(problems);
    }

    [Fact]
    public async Task Issue18_the_timeline_opens_on_the_dense_part_and_the_outlier_is_one_click_away()
    {
        await using var browser = await Browser.LaunchAsync(output);
        if (browser is null)
        {
            return;
        }

        await using var server = await WebServer.StartAsync(StoreWithOutlierAndBackground());
        var problems = new List<string>();
        var page = await Open(browser, server, "/", problems);
        var label = await page.Locator("#range-label").InnerTextAsync();
        Assert.Contains("Showing 2024-10-14 to 2024-11-12 (the 30 days up to the latest event)", label, StringComparison.Ordinal);
        Assert.Contains("1 events before 2024-10-14, the earliest on 1941-06-22", label, StringComparison.Ordinal);
        Assert.DoesNotContain(await page.Locator("#event-list").InnerTextAsync(), "1941", StringComparison.Ordinal);
        // The default window's bars span the timeline's width (the 1941 event does not squash them into a sliver).
        var widths = await page.EvaluateAsync<double[]>("[...document.querySelectorAll('#timeline rect.bar')].map(r => +r.getAttribute('width'))");
        Assert.All(widths, w => Assert.True(w > 10, $"bar width {w}"));

        await page.ClickAsync("#timeline-all");
        await DashboardBrowserTests.ListReady(page);
        Assert.Contains("1941-06-22", await page.Locator("#event-list").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("dates=all", page.Url, StringComparison.Ordinal);
        Assert.Contains("Showing all dates", await page.Locator("#range-label").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task Issue18_filters_live_in_the_url_and_the_export_gives_what_is_shown()
    {
        await using var browser = await Browser.LaunchAsync(output);
        if (browser is null)
        {
            return;
        }

        await using var server = await WebServer.StartAsync(StoreWithOutlierAndBackground());
        var problems = new List<string>();

        // A shared link opens on its view.
        var page = await Open(browser, server, "/?actor=North%20Korea&dates=all", problems);
        Assert.Equal("North Korea", await page.InputValueAsync("#f-actor"));
        var rows = await page.Locator("#event-list li").AllInnerTextsAsync();
        Assert.Single(rows);
        Assert.Contains("MOBILIZE", rows[0], StringComparison.Ordinal);

        // Applying filters from the form writes them into the URL.
        await page.FillAsync("#f-actor", "");
        await page.SelectOptionAsync("#f-type", "ASSAULT");
        await page.FillAsync("#f-place", "Kyiv");
        await page.ClickAsync("#filters button[type='submit']");

        // the page writes the URL once the form is read: wait for it rather than race it
        await page.WaitForFunctionAsync("() => location.search.includes('type=ASSAULT')", null, new() { Timeout = 15_000 });
        await DashboardBrowserTests.ListReady(page);
        Assert.Contains("type=ASSAULT", page.Url, StringComparison.Ordinal);
        Assert.Contains("place=Kyiv", page.Url, StringComparison.Ordinal);
        var kyivRows = await page.Locator("#event-list li").AllInnerTextsAsync();
        Assert.Equal(2, kyivRows.Count); // the two 2024 reports of the Kyiv strike; the 1941 event lies outside the window
        Assert.All(kyivRows, r => Assert.Contains("Kyiv", r, StringComparison.Ordinal));

        // Export what I see: the links carry the same filters and the window; the CSV holds exactly those rows.
        var href = await page.GetAttributeAsync("#export-csv", "href");
        Assert.NotNull(href);
        Assert.Contains("type=ASSAULT", href, StringComparison.Ordinal);
        Assert.Contains("from=2024-10-12", href, StringComparison.Ordinal); // the 30 days up to the latest Kyiv strike
        var csv = await server.Client.GetStringAsync(href!.TrimStart('/'));
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type", lines[0], StringComparison.Ordinal);
        Assert.Equal(3, lines.Length); // header + the two rows shown
        var geo = await server.Client.GetStringAsync((await page.GetAttributeAsync("#export-geojson", "href"))!.TrimStart('/'));
        Assert.Equal(2, System.Text.Json.JsonDocument.Parse(geo).RootElement.GetProperty("features").GetArrayLength());
        Assert.Empty(problems);
    }

    [Fact]
    public async Task Issue18_the_estimates_view_opens_on_the_unit_with_most_sources_with_round_ticks_and_one_colour_per_kind()
    {
        await using var browser = await Browser.LaunchAsync(output);
        if (browser is null)
        {
            return;
        }

        await using var server = await WebServer.StartAsync();
        var problems = new List<string>();
        var page = await Open(browser, server, "/", problems);
        await page.EvaluateAsync("location.hash = '#estimates'");
        await page.WaitForSelectorAsync("#estimates-chart svg g.estimate");
        Assert.Equal("drones", await page.InputValueAsync("#unit-select")); // two sources; personnel has one
        var kinds = await page.EvaluateAsync<string[]>("[...document.querySelectorAll('#estimates-chart g.estimate')].map(g => g.dataset.kind)");
        Assert.All(kinds, k => Assert.Equal("official", k)); // an air force and a defence ministry
        Assert.Contains("official (2)", await page.Locator("#estimates-legend").InnerTextAsync(), StringComparison.Ordinal);
        // y ticks are round numbers and no two x tick labels overlap
        var yTicks = await page.EvaluateAsync<string[]>("[...document.querySelectorAll('#estimates-chart text.y-tick')].map(t => t.textContent)");
        Assert.Contains("0", yTicks);
        Assert.All(yTicks, t => Assert.Matches(@"^\d+(\.\d+)?[kMB]?$", t.Replace(",", "", StringComparison.Ordinal)));
        var overlaps = await page.EvaluateAsync<int>(
            """
            (() => { const b = [...document.querySelectorAll('#estimates-chart text.x-tick')].map(t => t.getBoundingClientRect());
              let n = 0; for (let i = 1; i < b.length; i++) if (b[i].left < b[i - 1].right) n++; return n; })()
            """);
        Assert.Equal(0, overlaps);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Browser.ScreenshotDir, "dashboard-estimates-kinds.png") });
        Assert.Empty(problems);
    }

    [Fact]
    public async Task Issue18_the_served_brief_shows_clauses_with_the_sentence_on_demand_and_links_into_the_dashboard()
    {
        await using var browser = await Browser.LaunchAsync(output);
        if (browser is null)
        {
            return;
        }

        var store = TestStore.Create();
        var filler = string.Join(" ", Enumerable.Repeat("The city council also discussed budgets, schools and the repair of roads", 10));
        var sentence = filler + "; Russian forces shelled the market in Kupiansk on Tuesday; " + filler + ".";
        var b = new DocBuilder("Council report\n" + sentence, "Council report", "City Post", new DateOnly(2024, 11, 13));
        var kupiansk = b.Place("Kupiansk", "UA", 49.71, 37.61, PlacePrecision.Point, "Kharkiv Oblast");
        var ev = b.Event("ASSAULT", "shelling", sentence, "Russia", "Ukraine", kupiansk, b.Time("on Tuesday", new DateOnly(2024, 11, 12)));
        ev.Trigger = b.Span("shelled");
        store.Save(b.Doc, "test-1", "fixture");
        await using var server = await WebServer.StartAsync(store);
        var problems = new List<string>();
        var page = await browser.Context.NewPageAsync();
        page.PageError += (_, e) => problems.Add("page error: " + e);
        await page.GotoAsync(server.Url + "/brief?date=2024-11-13&days=7");
        var line = page.Locator("li", new PageLocatorOptions { HasTextString = "Kupiansk" }).First;
        Assert.Contains("Russian forces shelled the market in Kupiansk on Tuesday", await line.Locator("q").InnerTextAsync(), StringComparison.Ordinal);
        var whole = line.Locator("details");
        Assert.False(await whole.EvaluateAsync<bool>("d => d.open"));
        await line.Locator("summary").ClickAsync();
        Assert.True(await whole.EvaluateAsync<bool>("d => d.open"));
        Assert.Contains("The city council also discussed budgets", await whole.InnerTextAsync(), StringComparison.Ordinal);

        // Every type on the map's legend in its own colour; the evidence link opens the event in this dashboard.
        var legendColours = await page.EvaluateAsync<string[]>("[...document.querySelectorAll('figure svg circle[stroke-width=\"0.5\"]')].map(c => c.getAttribute('fill'))");
        Assert.Equal(legendColours.Length, legendColours.Distinct().Count());
        await line.Locator("a", new LocatorLocatorOptions { HasTextString = "evidence" }).ClickAsync();
        await page.WaitForSelectorAsync("#event-reports .report", new PageWaitForSelectorOptions { Timeout = 15000 });
        Assert.StartsWith(server.Url + "/#event/", page.Url, StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Browser.ScreenshotDir, "brief-to-event.png") });
        Assert.Empty(problems);
    }

    [Fact]
    public async Task Issue18_the_dashboard_and_the_brief_cut_evidence_at_the_same_clause()
    {
        await using var browser = await Browser.LaunchAsync(output);
        if (browser is null)
        {
            return;
        }

        await using var server = await WebServer.StartAsync();
        var problems = new List<string>();
        var page = await Open(browser, server, "/", problems);
        var filler = string.Join(" ", Enumerable.Repeat("The council discussed budgets, schools and roads", 9));
        var cases = new (string Text, int From, int To)[]
        {
            ("Drones hit Kharkiv overnight.", 0, 6),
            (filler + "; Russian forces shelled the market in Kupiansk at noon; " + filler + ".", filler.Length + 17, filler.Length + 24),
            (filler + " — officials said 12 people were killed — " + filler, filler.Length + 20, filler.Length + 22),
            (filler + "\n" + filler + ". " + filler, -1, -1),
            (string.Join(" ", Enumerable.Repeat("word", 300)), 700, 704),
        };
        foreach (var (text, from, to) in cases)
        {
            var js = await page.EvaluateAsync<int[]>("([t, a, b]) => window.sitrepClauseBounds(t, a, b)", new object[] { text, from, to });
            var cs = Sitrep.Web.Analysis.EvidenceClause.Bounds(text, from, to);
            Assert.Equal((cs.Start, cs.End), (js[0], js[1]));
        }

        Assert.Empty(problems);
    }
}
