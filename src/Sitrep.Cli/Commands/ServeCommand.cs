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
        var cmd = new Command("serve", "Serve the HTTP API (OpenAPI at /openapi/v1.json) and the dashboard over a store.") { db, urls, alerts };
        cmd.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(db)!;
            if (OpenStore(path) is not { } store)
            {
                return 2;
            }

            using (store)
            {
                var options = new WebOptions { Urls = parse.GetValue(urls)!, AlertLogPath = parse.GetValue(alerts) ?? AlertLog.DefaultPathFor(path) };
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
    public static ISitrepStore? OpenStore(string db) => CommonOptions.OpenStore(db, mustExist: false);
}
