using System.Text.Json;
using Sitrep.Core;

namespace Sitrep.Storage;

/// <summary>A quantity's other mentions as stored: a JSON array of [start, end] pairs, or null when there are none.</summary>
public static class QuantityMentions
{
    public static string? ToJson(Quantity q) =>
        q.Mentions.Count == 0 ? null : JsonSerializer.Serialize(q.Mentions.Select(m => new[] { m.Start, m.End }));
}
