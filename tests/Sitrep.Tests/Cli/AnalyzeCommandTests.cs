using System.Text.Json;
using Xunit;

namespace Sitrep.Tests.Cli;

[Collection("Console")]
public class AnalyzeCommandTests
{
    [Fact]
    public void Analyze_json_prints_the_contract_sections()
    {
        using var dir = new TempDir();
        var file = dir.File("r.txt", "Troops Withdraw\nAbout 200 troops left the town on Sunday, officials said.");
        var run = CliRunner.Run("analyze", file, "--published", "2025-01-13", "--json");
        Assert.Equal(0, run.Exit);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        foreach (var section in new[] { "document", "actors", "places", "events", "quantities", "claims" })
        {
            Assert.True(root.TryGetProperty(section, out _), $"missing section {section}");
        }

        var document = root.GetProperty("document");
        Assert.Equal("2025-01-13", document.GetProperty("published").GetString());
        Assert.Equal("Troops Withdraw", document.GetProperty("title").GetString());
        Assert.Equal("en", document.GetProperty("language").GetString());
        Assert.Equal(32, document.GetProperty("id").GetString()!.Length);
        Assert.Equal(2, root.GetProperty("sentences").GetArrayLength());
    }

    [Fact]
    public void Analyze_seed_article_gives_valid_json_with_every_span_inside_the_text()
    {
        var path = TestDocs.SeedFile("kursk-buildup.txt");

        var run = CliRunner.Run("analyze", path, "--published", "2024-11-11", "--json");
        Assert.Equal(0, run.Exit);
        var text = File.ReadAllText(path);
        using var json = JsonDocument.Parse(run.Out);
        foreach (var section in new[] { "events", "quantities", "claims" })
        {
            foreach (var fact in json.RootElement.GetProperty(section).EnumerateArray())
            {
                var evidence = fact.GetProperty("evidence");
                int start = evidence.GetProperty("start").GetInt32(), end = evidence.GetProperty("end").GetInt32();
                Assert.Equal(text[start..end], evidence.GetProperty("text").GetString());
            }
        }
    }

    [Fact]
    public void Analyze_rejects_a_malformed_date_with_a_clear_message()
    {
        using var dir = new TempDir();
        var run = CliRunner.Run("analyze", dir.File("r.txt", "Text."), "--published", "11/11/2024");
        Assert.NotEqual(0, run.Exit);
        Assert.Contains("YYYY-MM-DD", run.Err + run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_of_a_binary_file_fails_naming_it()
    {
        using var dir = new TempDir();
        var file = dir.File("x.bin");
        File.WriteAllBytes(file, [1, 2, 0, 0, 3]);
        var run = CliRunner.Run("analyze", file);
        Assert.Equal(2, run.Exit);
        Assert.Contains(file, run.Err, StringComparison.Ordinal);
    }
}
