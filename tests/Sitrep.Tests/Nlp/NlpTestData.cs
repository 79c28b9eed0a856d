using Sitrep.Core;
using Xunit.Abstractions;

namespace Sitrep.Tests.Nlp;

/// <summary>Locates the repository's models and the shared corpora (../shared/data), which may be absent on CI.</summary>
internal static class NlpTestData
{
    public static string RepoRoot { get; } = FindRoot();

    public static string Models => Path.Combine(RepoRoot, "models");

    public static string SharedData => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data"));

    /// <summary>The path of a shared corpus file; the test is skipped, with the reason, when it is absent.</summary>
    public static string Corpus(ITestOutputHelper output, params string[] parts) => Requires.Shared(Path.Combine(["data", .. parts]));

    /// <summary>A document with tokens split on spaces and one sentence per line.</summary>
    public static Document Pretokenized(string text)
    {
        var doc = new Document(text);
        var lineStart = 0;
        foreach (var line in text.Split('\n'))
        {
            var first = doc.Tokens.Count;
            var i = 0;
            while (i < line.Length)
            {
                if (line[i] == ' ')
                {
                    i++;
                    continue;
                }

                var s = i;
                while (i < line.Length && line[i] != ' ')
                {
                    i++;
                }

                doc.Tokens.Add(lineStart + s, lineStart + i, line[s..i], i < line.Length);
            }

            doc.SentenceRanges.Add(new SentenceRange(first, doc.Tokens.Count));
            lineStart += line.Length + 1;
        }

        doc.MarkAssigned(Layer.Tokens);
        doc.MarkAssigned(Layer.Sentences);
        return doc;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Sitrep.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("cannot find the repository root (Sitrep.slnx) above " + AppContext.BaseDirectory);
    }
}
