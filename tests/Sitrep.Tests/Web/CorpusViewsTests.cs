using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Dapper;
using Microsoft.Data.Sqlite;
using Sitrep.Storage;
using Sitrep.Storage.Fusion;
using Sitrep.Tests.Ingest;
using Sitrep.Web.Brief;
using Sitrep.Web.Exports;
using Xunit;
using Xunit.Abstractions;

namespace Sitrep.Tests.Web;

/// <summary>
/// The 56 scraped articles and the warline items of ../shared/data/ukraine-war-news-en ingested once (with the default
/// pipeline and fusion, as `sitrep ingest` does), for the issue 18 checks on real reports.
/// </summary>
public sealed class UkraineCorpusStore : IDisposable
{
    public UkraineCorpusStore()
    {
        var folder = CorpusData.Folder("ukraine-war-news-en", out var skip);
        if (folder is null)
        {
            SkipReason = skip;
            return;
        }

        Dir = new TempDir();
        Run("ingest", Path.Combine(folder, "warline_events_2022.jsonl"), "--text-field", "description_en,headline", "--title-field", "headline",
            "--date-field", "full_date", "--url-field", "source_url", "--outlet-field", "source_account", "--db", Dir.Db);
        Run("ingest", Path.Combine(folder, "scraped_articles_2026.jsonl"), "--db", Dir.Db);
    }

    /// <summary>Runs the real CLI as a child process (ingesting 915 reports takes minutes on a busy 2-core machine).</summary>
    public static string Run(params string[] args)
    {
        using var p = Process.Start(SitrepProcess.StartInfo(args))!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(20)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"sitrep {string.Join(' ', args)} did not finish in 20 minutes");
        }

        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"sitrep {string.Join(' ', args)} failed ({p.ExitCode}): {stderr.Result}");
        }

        return stdout.Result;
    }

    /// <summary>Why the corpus tests skip; null when the store is there.</summary>
    public string? SkipReason { get; }

    public TempDir? Dir { get; }

    public string Db => Dir!.Db;

    public void Dispose() => Dir?.Dispose();
}

[CollectionDefinition("ukraine corpus")]
public sealed class UkraineCorpusCollection : ICollectionFixture<UkraineCorpusStore>;

/// <summary>Issue 18's checks on the 56 scraped articles and the warline items, one test per check.</summary>
[Collection("ukraine corpus")]
[Trait("Category", "Corpus")]
public sealed class CorpusViewsTests(UkraineCorpusStore corpus, ITestOutputHelper output)
{
    private bool Skip()
    {
        if (corpus.SkipReason is { } reason)
        {
            output.WriteLine("SKIPPED: " + reason);
            return true;
        }

        return false;
    }

    private string Export(ExportFormat format, ExportOptions? options = null)
    {
        using var store = SqliteStore.Open(corpus.Db);
        using var ms = new MemoryStream();
        Exporter.Write(store, new FactQuery { Limit = int.MaxValue }, format, ms, options);
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    private static List<Dictionary<string, string>> ParseCsv(string text)
    {
        using var reader = CsvReader.Create(Encoding.UTF8.GetBytes(text), new CsvReaderOptions());
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
    public void Issue18_corpus_background_mentions_never_share_a_cluster_with_news_and_contradictions_are_the_same_act()
    {
        if (Skip())
        {
            return;
        }

        using var c = new SqliteConnection($"Data Source={corpus.Db};Mode=ReadOnly;Pooling=False");
        c.Open();
        var background = c.ExecuteScalar<long>("SELECT COUNT(*) FROM events e JOIN analyses a ON a.id = e.analysis_id AND a.is_current = 1 WHERE e.background = 1");
        output.WriteLine($"background events: {background}");
        Assert.True(background > 0, "the corpus recalls earlier acts (the invasion, the annexation of Crimea)");
        var mixed = c.ExecuteScalar<long>(
            """
            SELECT COUNT(*) FROM (
              SELECT m.cluster_id FROM cluster_members m
              JOIN analyses a ON a.article_id = m.article_id AND a.is_current = 1
              JOIN events e ON e.analysis_id = a.id AND e.local_id = m.event_local_id
              GROUP BY m.cluster_id HAVING MIN(e.background) <> MAX(e.background))
            """);
        Assert.Equal(0, mixed);

        // Each contradiction pairs two reports of one act: same type (one cluster), the actor named alike on both
        // sides, and both placed.
        var sides = c.Query<(string Kind, string Subject, string AArticle, string ALocal, string BArticle, string BLocal)>(
            "SELECT kind, subject, a_article, a_local_id, b_article, b_local_id FROM contradictions WHERE kind = 'denial'").ToList();
        output.WriteLine($"denial contradictions: {sides.Count}");
        foreach (var x in sides)
        {
            var events = c.Query<(string? Actor, string? Location)>(
                """
                SELECT e.actor, e.location FROM cluster_members m
                JOIN analyses a ON a.article_id = m.article_id AND a.is_current = 1
                JOIN events e ON e.analysis_id = a.id AND e.local_id = m.event_local_id
                WHERE m.cluster_id = @subject AND m.article_id IN (@a, @b)
                """, new { subject = x.Subject, a = x.AArticle, b = x.BArticle }).ToList();
            Assert.All(events, e => Assert.NotNull(e.Location));
            Assert.Single(events.Select(e => e.Actor?.ToUpperInvariant()).Distinct());
        }
    }

    [Fact]
    public void Issue18_corpus_event_rows_carry_roles_place_date_sources_and_first_source()
    {
        if (Skip())
        {
            return;
        }

        using var store = SqliteStore.Open(corpus.Db);
        var page = store.QueryEvents(new FactQuery { Limit = 1000 });
        Assert.NotEmpty(page.Items);
        Assert.All(page.Items, e =>
        {
            Assert.False(string.IsNullOrEmpty(e.Type));
            Assert.NotNull(e.ClusterId); // every event of a fused store is in a cluster
            Assert.True(e.Sources >= 1 && e.Reports >= e.Sources, $"{e.Id}: {e.Sources} sources, {e.Reports} reports");
        });
        Assert.True(page.Items.Count(e => e.FirstSource is not null) > page.Items.Count / 2, "most clusters know their first source");
        Assert.True(page.Items.Count(e => e.Actor is not null) > page.Items.Count / 2, "most rows name an actor");
    }

    [Fact]
    public void Issue18_corpus_csv_round_trips_with_acleds_columns_and_codes_and_fatalities_on_every_assault_with_a_casualty_count()
    {
        if (Skip())
        {
            return;
        }

        var text = Export(ExportFormat.Csv);
        var rows = ParseCsv(text);
        Assert.True(rows.Count > 1000, $"{rows.Count} rows");
        Assert.StartsWith(string.Join(",", Exporter.AcledColumns.TakeWhile(c => !c.StartsWith("sitrep_", StringComparison.Ordinal))), text, StringComparison.Ordinal);
        string[] disorders = ["Political violence", "Demonstrations", "Strategic developments", "Political violence; Demonstrations"];
        foreach (var r in rows)
        {
            Assert.Contains(r["disorder_type"], disorders);
            Assert.Contains(r["time_precision"], new[] { "1", "2", "3" });
            Assert.Contains(r["geo_precision"], new[] { "", "1", "2", "3" });
            Assert.True(r["inter1"] is "" || int.Parse(r["inter1"], CultureInfo.InvariantCulture) is >= 1 and <= 8, r["inter1"]);
            Assert.True(r["inter2"] is "" || int.Parse(r["inter2"], CultureInfo.InvariantCulture) is >= 1 and <= 8, r["inter2"]);
            Assert.True(int.Parse(r["fatalities"], CultureInfo.InvariantCulture) >= 0);
            Assert.True(long.Parse(r["timestamp"], CultureInfo.InvariantCulture) > 0);
            if (r["geo_precision"] != "")
            {
                Assert.NotEqual("", r["latitude"]);
            }
        }

        Assert.Contains(rows, r => r["admin1"] != "");
        Assert.Contains(rows, r => r["admin2"] != "");

        // fatalities on every ASSAULT whose incident has a casualty count (the event's own or its cluster's)
        using var store = SqliteStore.Open(corpus.Db);
        var withCount = EventBundle.Read(store, new FactQuery { Types = ["ASSAULT"], Limit = int.MaxValue })
            .Where(b => b.Casualties.Any(q => CasualtyUnits.ColumnOf(q.Unit) == CasualtyUnits.Fatalities) || b.ClusterFatalities is not null)
            .Select(b => b.Event.Id).ToHashSet(StringComparer.Ordinal);
        output.WriteLine($"ASSAULT events whose incident has a count of the dead: {withCount.Count}");
        Assert.NotEmpty(withCount);
        foreach (var r in rows.Where(r => withCount.Contains(r["event_id_cnty"])))
        {
            Assert.True(r["fatalities"] != "" && r["tags"] != "no casualty count", $"{r["event_id_cnty"]}: '{r["fatalities"]}' for \"{r["notes"]}\"");
        }

        // A reader that knows nothing of Sitrep: Python's csv module reads ACLED's column names and as many rows.
        var python = PythonReads(text);
        if (python is not null)
        {
            var (header, count, numeric) = python.Value;
            Assert.Equal(rows.Count, count);
            Assert.All(numeric, kv => Assert.True(kv.Value, $"pandas reads '{kv.Key}' as text, not as numbers"));
            Assert.Equal(Exporter.AcledColumns.Concat(Exporter.QuantityColumns), header);
        }
    }

    /// <summary>
    /// pandas' read_csv over the export (Python's csv.DictReader where pandas is not installed): its header, row count and,
    /// with pandas, whether the numeric ACLED columns load as numbers; null (and the reason written) without python3.
    /// </summary>
    private (string[] Header, int Rows, Dictionary<string, bool> Numeric)? PythonReads(string csv)
    {
        var path = Path.Combine(Path.GetTempPath(), "sitrep-acled-" + Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllText(path, csv, new UTF8Encoding(false));
        try
        {
            // the system's python3 (where Debian's python3-pandas lives) before another one on the PATH
            var info = new ProcessStartInfo(File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add("""
                import csv, json, sys
                try:
                    import pandas as pd
                except ImportError:
                    pd = None
                if pd is not None:
                    df = pd.read_csv(sys.argv[1])
                    numeric = {c: df[c].dtype.kind in 'if' for c in ['year', 'latitude', 'longitude', 'geo_precision', 'fatalities', 'timestamp']}
                    print(json.dumps({'reader': 'pandas ' + pd.__version__, 'header': list(df.columns), 'rows': len(df), 'numeric': numeric}))
                else:
                    with open(sys.argv[1], newline='', encoding='utf-8') as f:
                        r = csv.DictReader(f)
                        n = sum(1 for _ in r)
                    print(json.dumps({'reader': 'csv.DictReader', 'header': r.fieldnames, 'rows': n, 'numeric': {}}))
                """);
            info.ArgumentList.Add(path);
            using var p = Process.Start(info);
            if (p is null)
            {
                return null;
            }

            var stdout = p.StandardOutput.ReadToEnd();
            p.WaitForExit(60_000);
            Assert.True(p.ExitCode == 0, p.StandardError.ReadToEnd());
            var doc = JsonDocument.Parse(stdout).RootElement;
            output.WriteLine($"read back by {doc.GetProperty("reader").GetString()}");
            var numeric = doc.GetProperty("numeric").EnumerateObject().ToDictionary(c => c.Name, c => c.Value.GetBoolean());
            return ([.. doc.GetProperty("header").EnumerateArray().Select(h => h.GetString()!)], doc.GetProperty("rows").GetInt32(), numeric);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            output.WriteLine("SKIPPED (the python3 round trip): python3 is not installed");
            return null;
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Issue18_corpus_geojson_places_every_placed_event_has_no_crs_and_can_leave_out_areas()
    {
        if (Skip())
        {
            return;
        }

        var doc = JsonDocument.Parse(Export(ExportFormat.GeoJson)).RootElement;
        Assert.False(doc.TryGetProperty("crs", out _));
        var features = doc.GetProperty("features").EnumerateArray().ToList();
        var nullGeometry = features.Where(f => f.GetProperty("geometry").ValueKind == JsonValueKind.Null).ToList();
        output.WriteLine($"{features.Count} features, {nullGeometry.Count} without geometry");
        // Only events with no place (or a supranational region) lack a geometry; provinces and countries are centroids.
        Assert.All(nullGeometry, f => Assert.Contains(f.GetProperty("properties").GetProperty("precision").GetString(), new[] { "unknown", "region" }));
        Assert.All(features.Where(f => f.GetProperty("properties").GetProperty("precision").GetString() is "adm1" or "country"), f =>
        {
            Assert.Equal("Point", f.GetProperty("geometry").GetProperty("type").GetString());
            Assert.True(f.GetProperty("properties").GetProperty("centroid").GetBoolean());
        });

        var precise = JsonDocument.Parse(Export(ExportFormat.GeoJson, new ExportOptions { PreciseOnly = true })).RootElement.GetProperty("features").EnumerateArray().ToList();
        Assert.All(precise, f => Assert.Contains(f.GetProperty("properties").GetProperty("precision").GetString(), new[] { "point", "adm2" }));
    }

    [Fact]
    public void Issue18_corpus_brief_orders_regions_by_activity_with_unplaced_last_and_links_relative_or_to_the_base_url()
    {
        if (Skip())
        {
            return;
        }

        using var store = SqliteStore.Open(corpus.Db);
        var last = store.QueryEvents(new FactQuery { Limit = 1, To = DateOnly.FromDateTime(DateTime.UtcNow) }).Items.Single().Day!;
        var model = BriefRenderer.Build(store, new BriefOptions { Date = DateOnly.ParseExact(last[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture), Days = 7 });
        Assert.NotEmpty(model.Regions);
        var placed = model.Regions.Where(r => r.Region != BriefRenderer.Unplaced).Select(r => r.Events.Count).ToList();
        Assert.Equal(placed.OrderByDescending(n => n), placed);
        if (model.Regions.Any(r => r.Region == BriefRenderer.Unplaced))
        {
            Assert.Equal(BriefRenderer.Unplaced, model.Regions[^1].Region);
            Assert.All(model.Regions[^1].Events, e => Assert.True((e.Actor ?? e.Target) is not null));
        }

        Assert.DoesNotMatch(@"— \d+</h3>", BriefRenderer.Html(model)); // provinces by name, not by GeoNames code
        var html = BriefRenderer.Html(model);
        Assert.DoesNotContain("127.0.0.1", html, StringComparison.Ordinal);
        var based = BriefRenderer.Html(model with { Options = model.Options with { BaseUrl = "https://sitrep.example.org/" } });
        Assert.Contains("href=\"https://sitrep.example.org/#event/", based, StringComparison.Ordinal);
        // No evidence is quoted at paragraph length: long sentences show a clause, the sentence behind a disclosure.
        foreach (System.Text.RegularExpressions.Match q in System.Text.RegularExpressions.Regex.Matches(html, "<q>(.*?)</q>"))
        {
            Assert.True(System.Net.WebUtility.HtmlDecode(q.Groups[1].Value).Length <= Sitrep.Web.Analysis.EvidenceClause.MaxLength + 4, q.Groups[1].Value);
        }
    }

    [Fact]
    public void Issue18_corpus_cli_lists_say_when_they_are_cut()
    {
        if (Skip())
        {
            return;
        }

        var text = UkraineCorpusStore.Run("events", "--db", corpus.Db, "--limit", "100") + UkraineCorpusStore.Run("list", "events", "--db", corpus.Db, "--limit", "10");
        output.WriteLine(string.Join('\n', text.Split('\n').Where(l => l.StartsWith('(')).ToList()));
        Assert.Matches(@"\(showing 100 of [\d,]+ events; --limit N shows more\)", text);
        Assert.Matches(@"\(showing 10 of [\d,]+ events; --limit N shows more\)", text);
    }

    [Fact]
    [Trait("Category", "Browser")]
    public async Task Issue18_corpus_dashboard_opens_on_the_dense_part_with_full_rows_the_busiest_unit_and_an_export_of_what_it_shows()
    {
        if (Skip())
        {
            return;
        }

        await using var browser = await Browser.LaunchAsync(output);
        if (browser is null)
        {
            return;
        }

        await using var server = await WebServer.StartAsync(SqliteStore.Open(CopyOfStore()));
        var page = await browser.Context.NewPageAsync();
        var problems = new List<string>();
        page.PageError += (_, e) => problems.Add("page error: " + e);
        await page.GotoAsync(server.Url + "/");
        await page.WaitForSelectorAsync("body[data-ready='true']", new Microsoft.Playwright.PageWaitForSelectorOptions { Timeout = 60000 });
        await DashboardBrowserTests.ListReady(page);

        // The timeline opens on the 30 days up to the latest event; the 2022 items (and older dates) are counted and reachable.
        var label = await page.Locator("#range-label").InnerTextAsync();
        output.WriteLine(label);
        Assert.Matches(@"Showing \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d \(the 30 days up to the latest event\) · [\d,]+ events before", label);
        Assert.True(await page.Locator("#timeline-all").IsVisibleAsync());

        // Rows: type, roles, place, date, sources, first source; the list says when it is cut.
        var rows = await page.Locator("#event-list li").AllInnerTextsAsync();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Matches(@"\d{4}-\d\d-\d\d", r));
        Assert.All(rows, r => Assert.Matches(@"\d+ (source|independent sources)", r));
        Assert.Contains(rows, r => r.Contains(" → ", StringComparison.Ordinal) && r.Contains("first: ", StringComparison.Ordinal));
        output.WriteLine(await page.Locator("#list-status").InnerTextAsync());

        // Export what I see: the CSV holds exactly the events of the view.
        var href = (await page.GetAttributeAsync("#export-csv", "href"))!;
        var csv = await server.Client.GetStringAsync(href.TrimStart('/'));
        var exported = ParseCsv(csv).Count;
        var total = System.Text.Json.JsonDocument.Parse(await server.Client.GetStringAsync("api/events?limit=1&" + href[(href.IndexOf('?', StringComparison.Ordinal) + 1)..].Replace("format=csv", "", StringComparison.Ordinal)))
            .RootElement.GetProperty("total").GetInt64();
        Assert.Equal(total, exported);

        // Estimates: the unit with the most distinct sources in the window, and at most five colours (kinds of claimant).
        var units = System.Text.Json.JsonDocument.Parse(await server.Client.GetStringAsync("api/estimates/units?" + string.Join('&', href.Split('?')[1].Split('&').Where(p => p.StartsWith("from=", StringComparison.Ordinal) || p.StartsWith("to=", StringComparison.Ordinal)))))
            .RootElement.GetProperty("items").EnumerateArray().ToList();
        await page.EvaluateAsync("location.hash = '#estimates'");
        await page.WaitForSelectorAsync("#estimates-chart svg g.estimate, #estimates-chart p", new Microsoft.Playwright.PageWaitForSelectorOptions { Timeout = 30000 });
        if (units.Count > 0)
        {
            Assert.Equal(units[0].GetProperty("unit").GetString(), await page.InputValueAsync("#unit-select"));
            var colours = await page.EvaluateAsync<string[]>("[...new Set([...document.querySelectorAll('#estimates-chart g.estimate circle')].map(c => c.getAttribute('fill')))]");
            Assert.InRange(colours.Length, 1, 5);
        }

        Assert.Empty(problems);
    }

    private string CopyOfStore()
    {
        // The web fixture deletes its store when done: serve a copy of the shared corpus store.
        var copy = TestStore.NewPath();
        using (var source = new SqliteConnection($"Data Source={corpus.Db};Mode=ReadOnly;Pooling=False"))
        using (var target = new SqliteConnection($"Data Source={copy};Pooling=False"))
        {
            source.Open();
            target.Open();
            source.BackupDatabase(target);
        }

        return copy;
    }
}
