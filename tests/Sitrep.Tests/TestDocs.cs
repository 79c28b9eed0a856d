using Sitrep.Analysis;
using Sitrep.Core;

namespace Sitrep.Tests;

/// <summary>Helpers to build analysed documents and find shared data.</summary>
public static class TestDocs
{
    public static Document Analyse(string text, DateOnly? published = null) =>
        Analyzer.Default.Process(new Document(text, published: published));

    /// <summary>The shared data folder, or null (tests then return early and say why).</summary>
    public static string? SharedData => SitrepPaths.SharedData;

    public static string? SharedFile(string relative)
    {
        var root = SharedData;
        if (root is null)
        {
            return null;
        }

        var path = Path.Combine(root, relative);
        return File.Exists(path) ? path : null;
    }

    public static string? SeedFile(string name)
    {
        var root = SharedData;
        if (root is null)
        {
            return null;
        }

        var path = Path.Combine(root, "..", "seed", name);
        return File.Exists(path) ? path : null;
    }
}
