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

    /// <summary>../shared beside the repository; the test is skipped, with the reason, when it is absent.</summary>
    public static string Shared(string relative) => Requires.Shared(relative);
}
