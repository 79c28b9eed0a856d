using System.Reflection;

namespace Sitrep.Core;

/// <summary>Reads line-based lexicon files (UTF-8, `#` comments, blank lines ignored) embedded in an assembly.</summary>
public static class Lexicon
{
    /// <summary>The non-comment lines of the embedded resource whose name ends with <paramref name="fileName"/>.</summary>
    public static IEnumerable<string> Lines(Assembly assembly, string fileName)
    {
        var name = assembly.GetManifestResourceNames().FirstOrDefault(n => n.EndsWith(fileName, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"lexicon '{fileName}' is not embedded in {assembly.GetName().Name}; add it as an EmbeddedResource");
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            var content = (hash >= 0 ? line[..hash] : line).Trim();
            if (content.Length > 0)
            {
                yield return content;
            }
        }
    }
}
