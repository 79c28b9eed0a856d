using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Sitrep.Storage;
using Sitrep.Web;
using Sitrep.Web.Bench;

namespace Sitrep.Cli.Commands;

/// <summary>`sitrep bench-web --events N`: generate a synthetic store and measure the API's map query over HTTP.</summary>
public static class WebBenchCommand
{
    public static Command Create()
    {
        var db = new Option<string>("--db") { Description = "The synthetic store (generated when absent).", DefaultValueFactory = _ => "sitrep-bench.db" };
        var events = new Option<int>("--events") { Description = "Events to generate when the store is absent.", DefaultValueFactory = _ => 1_000_000 };
        var queries = new Option<int>("--queries") { Description = "Map queries to time.", DefaultValueFactory = _ => 300 };
        var json = CommonOptions.Json();
        var cmd = new Command("bench-web", "Measure the API's map query (bounding box + 30 days + one type) over HTTP on a synthetic store.") { db, events, queries, json };
        cmd.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(db)!;
            if (!File.Exists(path))
            {
                var sw = Stopwatch.StartNew();
                SyntheticStore.Generate(path, parse.GetValue(events), progress: n => Console.Error.WriteLine($"generated {n:N0} events ({sw.Elapsed.TotalSeconds:F0} s)"));
            }

            using var store = SqliteStore.Open(path);
            var total = store.QueryEvents(new FactQuery { Limit = 0, CountCap = int.MaxValue }).Total;
            await using var app = SitrepWebApp.Build(store, new WebOptions { Urls = "http://127.0.0.1:0" });
            var url = await SitrepWebApp.StartAsync(app, ct).ConfigureAwait(false);
            using var client = new HttpClient { BaseAddress = new Uri(url + "/") };
            var rng = new Random(11);
            string Query(string endpoint, int limit)
            {
                // A regional map view: a 6° x 4° box around one of the synthetic regions, 30 days, one type.
                var (lat, lon) = rng.Next(4) switch { 0 => (48.5, 33.0), 1 => (52.0, 38.0), 2 => (35.0, 38.0), _ => (15.0, 30.0) };
                var west = lon - 3 + rng.NextDouble();
                var south = lat - 2 + rng.NextDouble();
                var from = SyntheticStore.FirstDay.AddDays(rng.Next(330));
                var type = rng.Next(3) switch { 0 => "ASSAULT", 1 => "MOBILIZE", _ => "PROTEST" };
                return string.Create(CultureInfo.InvariantCulture, $"api/{endpoint}?bbox={west:F3},{south:F3},{west + 6:F3},{south + 4:F3}&from={from:yyyy-MM-dd}&to={from.AddDays(29):yyyy-MM-dd}&type={type}&limit={limit}");
            }

            var report = new List<object>();
            foreach (var (endpoint, limit) in new[] { ("map", 5000), ("events", 100) })
            {
                for (var i = 0; i < 20; i++)
                {
                    (await client.GetAsync(Query(endpoint, limit), ct).ConfigureAwait(false)).Dispose(); // warm-up (JIT, page cache)
                }

                var times = new List<double>();
                long bytes = 0;
                for (var i = 0; i < parse.GetValue(queries); i++)
                {
                    var q = Query(endpoint, limit);
                    var sw = Stopwatch.StartNew();
                    using var response = await client.GetAsync(q, ct).ConfigureAwait(false);
                    var body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
                    times.Add(sw.Elapsed.TotalMilliseconds);
                    bytes += body.Length;
                    response.EnsureSuccessStatusCode();
                }

                times.Sort();
                double P(double p) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(p * times.Count) - 1)];
                report.Add(new { endpoint = "/api/" + endpoint, limit, events = total, queries = times.Count, p50_ms = Math.Round(P(0.5), 1), p95_ms = Math.Round(P(0.95), 1), p99_ms = Math.Round(P(0.99), 1), mean_bytes = bytes / times.Count });
                if (!parse.GetValue(json))
                {
                    Console.Out.WriteLine($"/api/{endpoint} (bbox 6°x4° + 30 days + one type, limit {limit}) over HTTP on {total:N0} events, {times.Count} queries: p50 {P(0.5):F1} ms, p95 {P(0.95):F1} ms, p99 {P(0.99):F1} ms (mean answer {bytes / times.Count:N0} bytes)");
                }
            }

            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(System.Text.Json.JsonSerializer.Serialize(report));
            }

            return 0;
        });
        return cmd;
    }
}
