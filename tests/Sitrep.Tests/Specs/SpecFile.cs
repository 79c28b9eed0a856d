namespace Sitrep.Tests.Specs;

/// <summary>Reads spec files: input, a line with `.`, expected output lines; cases separated by blank lines or `---`.</summary>
public static class SpecFile
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "specs", name);

    /// <summary>Cases whose input is one line and whose expected output is one line (separated by a blank line).</summary>
    public static IEnumerable<(string Input, string Expected)> SingleLineCases(string name)
    {
        var lines = File.ReadAllLines(PathOf(name)).Where(l => !l.StartsWith('#')).ToList();
        for (var i = 0; i + 2 < lines.Count; i++)
        {
            if (lines[i + 1] == "." && lines[i].Length > 0)
            {
                yield return (lines[i], lines[i + 2]);
                i += 2;
            }
        }
    }

    /// <summary>Cases whose input and output span several lines, each case ending with `---`.</summary>
    public static IEnumerable<(string Input, List<string> Expected)> MultiLineCases(string name)
    {
        var text = File.ReadAllText(PathOf(name)).Replace("\r\n", "\n", StringComparison.Ordinal);
        foreach (var block in text.Split("\n---\n"))
        {
            var lines = block.Split('\n').SkipWhile(l => l.Length == 0).ToList();
            if (lines.Count > 0 && lines[0].StartsWith('#'))
            {
                // The file's heading and prose run up to the first blank line.
                lines = lines.SkipWhile(l => l.Length > 0).SkipWhile(l => l.Length == 0).ToList();
                if (lines.Count > 0 && !lines.Contains("."))
                {
                    continue;
                }

                var blank = lines.IndexOf("");
                if (blank >= 0 && blank < lines.IndexOf("."))
                {
                    lines = lines.Skip(blank + 1).ToList();
                }
            }

            var dot = lines.IndexOf(".");
            if (dot <= 0)
            {
                continue;
            }

            yield return (string.Join("\n", lines.Take(dot)), lines.Skip(dot + 1).Where(l => l.Length > 0 && l != "---").ToList());
        }
    }
}
