using System.Text.Json;

namespace Sitrep.Web.Alerts;

/// <summary>A watchlist match: what matched, and the sentence and report that prove it.</summary>
public sealed record Alert(
    string Id,
    DateTimeOffset At,
    string Watchlist,
    string Kind,
    string Summary,
    string ArticleId,
    string? ArticleTitle,
    string? Outlet,
    string? Published,
    string? EventId,
    long EvidenceStart,
    long EvidenceEnd,
    string EvidenceText,
    string Link);

/// <summary>The alert log: one JSON object per line, appended, read back newest first.</summary>
public sealed class AlertLog(string path)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Path { get; } = path;

    public void Append(IEnumerable<Alert> alerts)
    {
        var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }

        using var w = new StreamWriter(Path, append: true);
        foreach (var a in alerts)
        {
            w.WriteLine(JsonSerializer.Serialize(a, Json));
        }
    }

    /// <summary>The newest alerts first; lines that are not alerts are skipped (a log cut by a crash keeps the rest).</summary>
    public IReadOnlyList<Alert> Read(int limit = 200)
    {
        if (!File.Exists(Path))
        {
            return [];
        }

        var result = new List<Alert>();
        foreach (var line in File.ReadLines(Path).Reverse())
        {
            if (result.Count >= limit)
            {
                break;
            }

            try
            {
                if (JsonSerializer.Deserialize<Alert>(line, Json) is { } a)
                {
                    result.Add(a);
                }
            }
            catch (JsonException)
            {
                // a torn last line after a crash: skip it
            }
        }

        return result;
    }

    /// <summary>The log that belongs to a store: beside it, named after it (see StoreFactory.SidecarPath).</summary>
    public static string DefaultPathFor(string dbPath) => Sitrep.Storage.StoreFactory.SidecarPath(dbPath, ".alerts.jsonl");
}
