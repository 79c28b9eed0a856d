using Sitrep.Analysis;
using Sitrep.Core;

namespace Sitrep.Tests.Extraction;

/// <summary>Builds analysed documents and finds the shared data beside the repository (tests skip when it is absent).</summary>
internal static class ExtractionTestData
{
    public static Document Analyse(string text, string published = "2024-11-11") =>
        Analyzer.Default.Process(new Document(text, published: DateOnly.Parse(published, System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>The repository root: the first folder upwards holding Sitrep.slnx.</summary>
    public static string? RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sitrep.slnx")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    /// <summary>../shared beside the repository, or null with the reason written to the console.</summary>
    public static string? Shared(string relative)
    {
        var root = RepoRoot();
        var path = root is null ? null : Path.GetFullPath(Path.Combine(root, "..", "shared", relative));
        if (path is null || !(File.Exists(path) || Directory.Exists(path)))
        {
            Console.WriteLine($"SKIPPED: shared data '{relative}' not found beside the repository (expected ../shared/{relative})");
            return null;
        }

        return path;
    }
}
