using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sitrep.Web.Alerts;

/// <summary>What an analyst watches for. Every set condition must hold; unset ones match anything.</summary>
public sealed record Watchlist
{
    public required string Name { get; init; }

    /// <summary>An actor or target (events), or an estimate's owner.</summary>
    public string? Actor { get; init; }

    /// <summary>The place as given (name or "lat,lon"), and its resolved centre.</summary>
    public string? Near { get; init; }

    public double? NearLat { get; init; }

    public double? NearLon { get; init; }

    public double? RadiusKm { get; init; }

    /// <summary>A PLOVER event type.</summary>
    public string? Type { get; init; }

    /// <summary>An estimate unit (drones, personnel, killed, …): the watchlist then watches estimates.</summary>
    public string? Unit { get; init; }

    /// <summary>The smallest estimate that matters (compared with the estimate's upper bound).</summary>
    public double? Min { get; init; }

    /// <summary>A URL that receives each run's alerts as a JSON POST.</summary>
    public string? Webhook { get; init; }

    /// <summary>Allows a webhook on a private, loopback or link-local address (off by default: such a URL could reach internal services).</summary>
    public bool AllowPrivateWebhook { get; init; }

    public string Describe()
    {
        var parts = new List<string>();
        if (Type is not null)
        {
            parts.Add("type " + Type);
        }

        if (Actor is not null)
        {
            parts.Add("actor " + Actor);
        }

        if (Near is not null)
        {
            parts.Add($"within {RadiusKm ?? 50:0.#} km of {Near}");
        }

        if (Unit is not null)
        {
            parts.Add(Min is null ? "estimates of " + Unit : $"estimates of {Unit} >= {Min:0.##}");
        }

        if (Webhook is not null)
        {
            parts.Add("webhook " + Webhook);
        }

        return parts.Count == 0 ? "everything new" : string.Join(", ", parts);
    }
}

/// <summary>The watchlists of one store, kept in a JSON file beside it.</summary>
public sealed class WatchlistFile(string path)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public string Path { get; } = path;

    public static string DefaultPathFor(string dbPath) => Sitrep.Storage.StoreFactory.SidecarPath(dbPath, ".watchlists.json");

    public IReadOnlyList<Watchlist> Load()
    {
        if (!File.Exists(Path))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<List<Watchlist>>(File.ReadAllText(Path), Json) ?? [];
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"cannot read the watchlists '{Path}': {e.Message}; fix or delete the file", e);
        }
    }

    public void Save(IReadOnlyList<Watchlist> lists)
    {
        var tmp = Path + ".tmp";
        File.WriteAllText(tmp, JsonSerializer.Serialize(lists, Json));
        File.Move(tmp, Path, overwrite: true);
    }
}
