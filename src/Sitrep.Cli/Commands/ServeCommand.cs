using System.CommandLine;
using Sitrep.Storage;
using Sitrep.Web;
using Sitrep.Web.Alerts;

namespace Sitrep.Cli.Commands;

/// <summary>`sitrep serve [--db FILE] [--urls URL]`: the HTTP API and the dashboard over a store.</summary>
public static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static Command Create()
    {
        var db = CommonOptions.Db();
        var urls = new Option<string>("--urls") { Description = "Addresses to listen on (loopback by default; name another address to expose it).", DefaultValueFactory = _ => DefaultUrls };
        var alerts = new Option<string?>("--alerts") { Description = "The watchlist alert log the dashboard's badge reads (default: beside the store)." };
        var cache = new Option<double>("--cache-seconds")
        {
            Description = "Reuse an API answer for the same path and query for this many seconds even if workers stored more since (0: always read the store).",
            DefaultValueFactory = _ => 1,
        };
        var cmd = new Command("serve", "Serve the HTTP API (OpenAPI at /openapi/v1.json) and the dashboard over a store.") { db, urls, alerts, cache };
        cmd.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(db)!;
            if (OpenStore(path) is not { } store)
            {
                return 2;
            }

            using (store)
            {
                var seconds = parse.GetValue(cache);
                if (seconds is < 0 or > 3600 || double.IsNaN(seconds))
                {
                    Console.Error.WriteLine($"sitrep: --cache-seconds must be between 0 and 3600, not {seconds}");
                    return 2;
                }

                var options = new WebOptions { Urls = parse.GetValue(urls)!, AlertLogPath = parse.GetValue(alerts) ?? AlertLog.DefaultPathFor(path), CacheSeconds = seconds };
                return await RunAsync(store, options, ct).ConfigureAwait(false);
            }
        });
        return cmd;
    }

    /// <summary>Serves until cancelled (Ctrl+C); prints where.</summary>
    public static async Task<int> RunAsync(ISitrepStore store, WebOptions options, CancellationToken ct)
    {
        await using var app = SitrepWebApp.Build(store, options);
        string url;
        try
        {
            url = await SitrepWebApp.StartAsync(app, ct).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"sitrep: cannot listen on '{options.Urls}': {e.Message}; pass another --urls");
            return 2;
        }

        Console.Out.WriteLine($"Dashboard: {url}/  API: {url}/api/events  OpenAPI: {url}/openapi/v1.json  (Ctrl+C stops)");
        try
        {
            await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: stop cleanly
        }

        await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        return 0;
    }

    /// <summary>Opens the store named by --db (a SQLite file, created when absent, or PostgreSQL), or prints why it cannot.</summary>
    /// <summary>Opens an existing store; a missing SQLite file is refused (only ingest, demo, watch and worker create one).</summary>
    public static ISitrepStore? OpenStore(string db) => CommonOptions.OpenStore(db, mustExist: true);
}
