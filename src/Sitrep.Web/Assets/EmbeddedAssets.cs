using System.Collections.Frozen;
using System.Security.Cryptography;

namespace Sitrep.Web.Assets;

/// <summary>The dashboard files, embedded in the assembly, with content types and ETags.</summary>
public static class EmbeddedAssets
{
    private const string Prefix = "Sitrep.Web.wwwroot.";

    private static readonly Lazy<FrozenDictionary<string, Asset>> All = new(Load);

    public sealed record Asset(string Name, byte[] Bytes, string ContentType, string ETag);

    public static Asset? Find(string name) => All.Value.GetValueOrDefault(name);

    public static IEnumerable<string> Names => All.Value.Keys;

    private static FrozenDictionary<string, Asset> Load()
    {
        var assembly = typeof(EmbeddedAssets).Assembly;
        var map = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            // LogicalName keeps folder separators as '/' (RecursiveDir), so the name is the URL path.
            var name = resource[Prefix.Length..].Replace('\\', '/');
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var ms = new MemoryStream();
            stream.CopyTo(ms);
            var bytes = ms.ToArray();
            var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 12)) + "\"";
            map[name] = new Asset(name, bytes, ContentType(name), etag);
        }

        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string ContentType(string name) => System.IO.Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".json" => "application/json",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    };
}
