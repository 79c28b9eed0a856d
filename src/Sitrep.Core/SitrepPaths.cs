namespace Sitrep.Core;

/// <summary>
/// Finds the folders Sitrep reads at run time: the repository (or install) root holding `models/` and `data/`,
/// and the shared evaluation data beside it. SITREP_HOME overrides the search.
/// </summary>
public static class SitrepPaths
{
    private static readonly Lazy<string> RootLazy = new(FindRoot);

    /// <summary>The folder that holds `models/` and `data/`.</summary>
    public static string Root => RootLazy.Value;

    public static string Models => Path.Combine(Root, "models");

    public static string Data => Path.Combine(Root, "data");

    /// <summary>The shared evaluation and training data (`../shared/data` beside the repository), or null when absent.</summary>
    public static string? SharedData
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("SITREP_SHARED_DATA");
            if (!string.IsNullOrEmpty(env))
            {
                return Directory.Exists(env) ? env : null;
            }

            var candidate = Path.GetFullPath(Path.Combine(Root, "..", "shared", "data"));
            return Directory.Exists(candidate) ? candidate : null;
        }
    }

    private static string FindRoot()
    {
        var env = Environment.GetEnvironmentVariable("SITREP_HOME");
        if (!string.IsNullOrEmpty(env))
        {
            return Path.GetFullPath(env);
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (Directory.Exists(Path.Combine(dir.FullName, "models")) && File.Exists(Path.Combine(dir.FullName, "Sitrep.slnx")))
                {
                    return dir.FullName;
                }
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
