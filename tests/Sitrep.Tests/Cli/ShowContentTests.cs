using Xunit;

namespace Sitrep.Tests.Cli;

/// <summary>Issue #15: `analyze --show-content` shows what was kept and dropped; `--all-text` turns the stage off.</summary>
[Collection("Console")]
public class ShowContentTests
{
    [Fact]
    public void Show_content_marks_kept_and_dropped_lines_with_the_reason()
    {
        using var dir = new TempDir();
        var file = dir.File("page.txt", Sitrep.Tests.Text.ContentStageTests.Page);
        var run = CliRunner.Run("analyze", file, "--show-content");
        Assert.Equal(0, run.Exit);
        var lines = run.Out.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("+ ", StringComparison.Ordinal) && l.EndsWith("| Shelling overnight damaged the water treatment plant in the river town, leaving about 20,000 residents without running water, the regional governor said on Tuesday.", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("- ", StringComparison.Ordinal) && l.Contains("boilerplate", StringComparison.Ordinal) && l.EndsWith("| Privacy Policy", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("kept ", StringComparison.Ordinal));
    }

    [Fact]
    public void All_text_analyses_every_line()
    {
        using var dir = new TempDir();
        var file = dir.File("page.txt", Sitrep.Tests.Text.ContentStageTests.Page);
        var kept = CliRunner.Run("analyze", file, "--json");
        var all = CliRunner.Run("analyze", file, "--json", "--all-text");
        Assert.Equal(0, kept.Exit);
        Assert.Equal(0, all.Exit);
        static int Sentences(string json) => System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("sentences").GetArrayLength();
        Assert.InRange(Sentences(kept.Out), 4, 8);
        Assert.True(Sentences(all.Out) > Sentences(kept.Out) + 10, $"{Sentences(all.Out)} sentences with --all-text, {Sentences(kept.Out)} without");
    }
}
