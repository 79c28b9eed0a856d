using Sitrep.Analysis;
using Sitrep.Core;

namespace Sitrep.Tests;

/// <summary>Helpers to build analysed documents and find shared data.</summary>
public static class TestDocs
{
    public static Document Analyse(string text, DateOnly? published = null) =>
        Analyzer.Default.Process(new Document(text, published: published));

    /// <summary>The shared data folder, or null when it is absent.</summary>
    public static string? SharedData => SitrepPaths.SharedData;

    /// <summary>A file of ../shared/data; the test is skipped, with the reason, when it is absent.</summary>
    public static string SharedFile(string relative) => Requires.Shared(Path.Combine("data", relative));

    /// <summary>A file of ../shared/seed; the test is skipped, with the reason, when it is absent.</summary>
    public static string SeedFile(string name) => Requires.Shared(Path.Combine("seed", name));
}
