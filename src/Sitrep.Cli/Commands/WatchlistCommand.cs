using System.CommandLine;
using System.Globalization;
using Sitrep.Storage;
using Sitrep.Web.Alerts;

namespace Sitrep.Cli.Commands;

/// <summary>`sitrep watchlist add|list|remove`: what to alert on after each ingest.</summary>
public static class WatchlistCommand
{
    public static Command Create()
    {
        var cmd = new Command("watchlist", "Watchlists: after each ingest, new matching events, estimates and contradictions raise alerts (console, JSONL log, webhook, dashboard badge).");
        cmd.Subcommands.Add(Add());
        cmd.Subcommands.Add(List());
        cmd.Subcommands.Add(Remove());
        return cmd;
    }

    /// <summary>Raises the alerts of everything stored after <paramref name="mark"/>; quiet when the store has no watchlists.</summary>
    public static async Task<int> RaiseAlertsAsync(ISitrepStore store, string dbPath, long mark, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        var file = new WatchlistFile(WatchlistFile.DefaultPathFor(dbPath));
        IReadOnlyList<Watchlist> lists;
        try
        {
            lists = file.Load();
        }
        catch (InvalidDataException e)
        {
            Console.Error.WriteLine("sitrep: " + e.Message);
            return 0;
        }

        if (lists.Count == 0)
        {
            return 0;
        }

        var engine = new AlertEngine(store, new AlertLog(AlertLog.DefaultPathFor(dbPath)));
        var run = await engine.RunAsync(lists, mark, Console.Out, ct).ConfigureAwait(false);
        Console.Out.WriteLine($"alerts: {run.Raised.Count} new (log '{AlertLog.DefaultPathFor(dbPath)}')");
        return run.Raised.Count;
    }

    private static Command Add()
    {
        var name = new Argument<string>("name") { Description = "The watchlist's name." };
        var db = CommonOptions.Db();
        var actor = new Option<string?>("--actor") { Description = "An actor or target (or an estimate's owner)." };
        var near = new Option<string?>("--near") { Description = "A place: its name as stored, or lat,lon." };
        var radius = new Option<string?>("--radius") { Description = "Distance from --near, e.g. 50km (default 50km)." };
        var type = new Option<string?>("--type") { Description = "A PLOVER event type, e.g. ASSAULT." };
        var unit = new Option<string?>("--unit") { Description = "Watch estimates of this unit, e.g. drones." };
        var min = new Option<double?>("--min") { Description = "The smallest estimate that matters." };
        var webhook = new Option<string?>("--webhook") { Description = "POST each run's alerts as JSON to this http(s) URL." };
        var allowPrivate = new Option<bool>("--allow-private-webhook") { Description = "Allow a webhook on a private, loopback or link-local address." };
        var cmd = new Command("add", "Add (or replace) a watchlist.") { name, db, actor, near, radius, type, unit, min, webhook, allowPrivate };
        cmd.SetAction(parse =>
        {
            var dbPath = parse.GetValue(db)!;
            var w = new Watchlist
            {
                Name = parse.GetValue(name)!,
                Actor = parse.GetValue(actor),
                Type = parse.GetValue(type)?.ToUpperInvariant(),
                Unit = parse.GetValue(unit),
                Min = parse.GetValue(min),
                Webhook = parse.GetValue(webhook),
                AllowPrivateWebhook = parse.GetValue(allowPrivate),
            };
            if (w.Webhook is not null && WebhookGuard.CheckUrl(w.Webhook, w.AllowPrivateWebhook) is { } why)
            {
                Console.Error.WriteLine($"sitrep: --webhook: {why}");
                return 2;
            }

            if (parse.GetValue(radius) is { } r)
            {
                if (ParseKm(r) is not { } km)
                {
                    Console.Error.WriteLine($"sitrep: --radius '{r}' is not a distance; write e.g. 50km or 500m");
                    return 2;
                }

                w = w with { RadiusKm = km };
            }

            if (parse.GetValue(near) is { } place)
            {
                if (Resolve(place, dbPath) is not { } at)
                {
                    Console.Error.WriteLine($"sitrep: --near '{place}' is not a place in the store '{dbPath}'; pass coordinates as lat,lon");
                    return 2;
                }

                w = w with { Near = place, NearLat = at.Lat, NearLon = at.Lon, RadiusKm = w.RadiusKm ?? 50 };
            }
            else if (w.RadiusKm is not null)
            {
                Console.Error.WriteLine("sitrep: --radius needs --near");
                return 2;
            }

            var file = new WatchlistFile(WatchlistFile.DefaultPathFor(dbPath));
            var lists = file.Load().Where(x => x.Name != w.Name).Append(w).ToList();
            file.Save(lists);
            Console.Out.WriteLine($"watchlist '{w.Name}': {w.Describe()}");
            return 0;
        });
        return cmd;
    }

    private static Command List()
    {
        var db = CommonOptions.Db();
        var cmd = new Command("list", "List the watchlists.") { db };
        cmd.SetAction(parse =>
        {
            var lists = new WatchlistFile(WatchlistFile.DefaultPathFor(parse.GetValue(db)!)).Load();
            if (lists.Count == 0)
            {
                Console.Out.WriteLine("No watchlists; add one with `sitrep watchlist add NAME --type ASSAULT --near PLACE --radius 50km`.");
            }

            foreach (var w in lists)
            {
                Console.Out.WriteLine($"{w.Name}: {w.Describe()}");
            }

            return 0;
        });
        return cmd;
    }

    private static Command Remove()
    {
        var name = new Argument<string>("name") { Description = "The watchlist to remove." };
        var db = CommonOptions.Db();
        var cmd = new Command("remove", "Remove a watchlist.") { name, db };
        cmd.SetAction(parse =>
        {
            var file = new WatchlistFile(WatchlistFile.DefaultPathFor(parse.GetValue(db)!));
            var lists = file.Load().ToList();
            var n = parse.GetValue(name)!;
            if (lists.RemoveAll(w => w.Name == n) == 0)
            {
                Console.Error.WriteLine($"sitrep: no watchlist named '{n}'; `sitrep watchlist list` shows them");
                return 2;
            }

            file.Save(lists);
            Console.Out.WriteLine($"removed watchlist '{n}'");
            return 0;
        });
        return cmd;
    }

    public static double? ParseKm(string text)
    {
        var t = text.Trim().ToUpperInvariant();
        var factor = 1.0;
        if (t.EndsWith("KM", StringComparison.Ordinal))
        {
            t = t[..^2];
        }
        else if (t.EndsWith('M'))
        {
            t = t[..^1];
            factor = 0.001;
        }

        return double.TryParse(t.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 ? v * factor : null;
    }

    private static (double Lat, double Lon)? Resolve(string place, string dbPath)
    {
        var parts = place.Split(',');
        if (parts.Length == 2 && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon) && lat is >= -90 and <= 90 && lon is >= -180 and <= 180)
        {
            return (lat, lon);
        }

        if ((!StoreFactory.IsPostgres(dbPath) && !File.Exists(dbPath)) || ServeCommand.OpenStore(dbPath) is not { } store)
        {
            return null;
        }

        using (store)
        {
            var match = store.ListPlaces(new FactQuery { Limit = 100_000 })
                .FirstOrDefault(p => string.Equals(p.Name, place, StringComparison.OrdinalIgnoreCase) && p.Lat is not null && p.Lon is not null);
            return match is null ? null : (match.Lat!.Value, match.Lon!.Value);
        }
    }
}
