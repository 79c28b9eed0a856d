using System.Collections.Concurrent;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sitrep.Tagging;

/// <summary>One file of a model directory with its checksum.</summary>
public sealed class ModelFile
{
    public required string Path { get; init; }

    public required string Sha256 { get; init; }

    public long Bytes { get; init; }
}

/// <summary>A data set a model was trained or scored on, with its licence as stated by its source.</summary>
public sealed class ModelDataSet
{
    public required string Name { get; init; }

    public required string Path { get; init; }

    public string? Licence { get; init; }

    public string? Role { get; init; }
}

/// <summary>
/// The manifest.json of a model directory <c>models/&lt;name&gt;/&lt;version&gt;/</c>: what the model is, which Sitrep
/// versions can read it, the checksum of every file, what it was trained on and how it scored.
/// </summary>
public sealed class ModelManifest
{
    public const string FileName = "manifest.json";

    internal static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public required string Name { get; init; }

    public required string Version { get; init; }

    /// <summary>The kind of model: pos, parser, ner.</summary>
    public required string Kind { get; init; }

    /// <summary>Lowest Sitrep version that can read the model (inclusive).</summary>
    public required string SitrepMin { get; init; }

    /// <summary>First Sitrep version that can no longer read it (exclusive).</summary>
    public required string SitrepMaxExclusive { get; init; }

    public List<ModelFile> Files { get; init; } = [];

    public List<ModelDataSet> TrainingData { get; init; } = [];

    /// <summary>The licence terms that follow from the training data.</summary>
    public string? Licence { get; init; }

    /// <summary>Training settings (seed, epochs, pruning) as name → value.</summary>
    public Dictionary<string, string> Settings { get; init; } = [];

    /// <summary>Scores as "dataset:metric" → fraction 0..1.</summary>
    public Dictionary<string, double> Scores { get; init; } = [];

    public static Version CurrentSitrepVersion => typeof(ModelManifest).Assembly.GetName().Version ?? new Version(0, 0);

    /// <summary>Writes the manifest, hashing the listed files of <paramref name="directory"/>.</summary>
    public static ModelManifest Write(string directory, ModelManifest draft, IEnumerable<string> files)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var list = files.Order(StringComparer.Ordinal).Select(f =>
        {
            var full = Path.Combine(directory, f);
            return new ModelFile { Path = f, Sha256 = HashFile(full), Bytes = new FileInfo(full).Length };
        }).ToList();
        var m = new ModelManifest
        {
            Name = draft.Name,
            Version = draft.Version,
            Kind = draft.Kind,
            SitrepMin = draft.SitrepMin,
            SitrepMaxExclusive = draft.SitrepMaxExclusive,
            Files = list,
            TrainingData = draft.TrainingData,
            Licence = draft.Licence,
            Settings = new Dictionary<string, string>(draft.Settings.OrderBy(kv => kv.Key, StringComparer.Ordinal)),
            Scores = new Dictionary<string, double>(draft.Scores.OrderBy(kv => kv.Key, StringComparer.Ordinal)),
        };
        File.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(m, Json) + "\n");
        return m;
    }

    /// <summary>Reads and verifies a model directory: every file's sha256 and the Sitrep version range. Throws on any mismatch.</summary>
    public static ModelManifest ReadVerified(string directory, string expectedKind)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            throw new ModelException($"model directory '{directory}' has no {FileName}");
        }

        ModelManifest m;
        try
        {
            m = JsonSerializer.Deserialize<ModelManifest>(File.ReadAllText(path), Json)
                ?? throw new ModelException($"'{path}' is empty");
        }
        catch (JsonException e)
        {
            throw new ModelException($"cannot read '{path}': {e.Message}");
        }

        if (!string.Equals(m.Kind, expectedKind, StringComparison.Ordinal))
        {
            throw new ModelException($"'{path}' is a '{m.Kind}' model, not '{expectedKind}'");
        }

        var current = CurrentSitrepVersion;
        if (!System.Version.TryParse(m.SitrepMin, out var min) || !System.Version.TryParse(m.SitrepMaxExclusive, out var max))
        {
            throw new ModelException($"'{path}' has an unreadable Sitrep version range '{m.SitrepMin}'..'{m.SitrepMaxExclusive}'");
        }

        var cur3 = new Version(current.Major, current.Minor, Math.Max(current.Build, 0));
        if (cur3 < min || cur3 >= max)
        {
            throw new ModelException($"model '{m.Name}' {m.Version} needs Sitrep >= {m.SitrepMin} and < {m.SitrepMaxExclusive}; this is {cur3}");
        }

        if (m.Files.Count == 0)
        {
            throw new ModelException($"'{path}' lists no files");
        }

        foreach (var f in m.Files)
        {
            var full = Path.Combine(directory, f.Path);
            if (!File.Exists(full))
            {
                throw new ModelException($"model '{m.Name}' {m.Version}: file '{f.Path}' listed in the manifest is missing from '{directory}'");
            }

            var actual = HashFile(full);
            if (!string.Equals(actual, f.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new ModelException($"model '{m.Name}' {m.Version}: file '{f.Path}' has sha256 {actual}, the manifest says {f.Sha256}");
            }
        }

        return m;
    }

    public static string HashFile(string path)
    {
        using var s = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(s));
    }
}

/// <summary>A model that is missing, corrupt or incompatible.</summary>
public sealed class ModelException(string message) : Exception(message);

/// <summary>Finds model directories and caches loaded models so each is read once per process.</summary>
public static class ModelStore
{
    private static readonly ConcurrentDictionary<string, Lazy<object>> Cache = new(StringComparer.Ordinal);

    /// <summary>
    /// The directory of model <paramref name="name"/> under <paramref name="modelsDirectory"/>: the given version, or
    /// the highest version present.
    /// </summary>
    public static string Resolve(string modelsDirectory, string name, string? version = null)
    {
        var root = Path.Combine(modelsDirectory, name);
        if (version is not null)
        {
            var dir = Path.Combine(root, version);
            return Directory.Exists(dir) ? dir : throw new ModelException($"no model '{name}' version {version} under '{modelsDirectory}'");
        }

        if (!Directory.Exists(root))
        {
            throw new ModelException($"no model '{name}' under '{Path.GetFullPath(modelsDirectory)}'");
        }

        var best = Directory.GetDirectories(root)
            .Select(d => (dir: d, ok: System.Version.TryParse(Path.GetFileName(d), out var v), v))
            .Where(x => x.ok && File.Exists(Path.Combine(x.dir, ModelManifest.FileName)))
            .OrderByDescending(x => x.v)
            .FirstOrDefault();
        return best.dir ?? throw new ModelException($"model '{name}' under '{modelsDirectory}' has no version directory with a {ModelManifest.FileName}");
    }

    /// <summary>Loads through the cache, keyed by the full directory path and the model type.</summary>
    public static T GetOrLoad<T>(string directory, Func<string, T> load)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(load);
        var key = typeof(T).FullName + "|" + Path.GetFullPath(directory);
        var lazy = Cache.GetOrAdd(key, _ => new Lazy<object>(() => load(directory), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return (T)lazy.Value;
        }
        catch
        {
            Cache.TryRemove(key, out _);
            throw;
        }
    }

    /// <summary>The models directory to use: $SITREP_HOME/models if set, else ./models.</summary>
    public static string DefaultModelsDirectory()
    {
        var home = Environment.GetEnvironmentVariable("SITREP_HOME");
        return Path.Combine(string.IsNullOrEmpty(home) ? Directory.GetCurrentDirectory() : home, "models");
    }

    internal static string AssemblyVersion => Assembly.GetExecutingAssembly().GetName().Version?.ToString() ?? "0.0.0";
}
