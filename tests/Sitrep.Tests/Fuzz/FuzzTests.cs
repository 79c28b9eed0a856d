using System.Text;
using System.Text.Json;
using Sitrep.Core;
using Sitrep.Fuzz;
using Sitrep.Ingest;
using Sitrep.Tests.Queue;
using Xunit;

namespace Sitrep.Tests.Fuzz;

/// <summary>Fuzz findings stay fixed: every saved crash input and every seed passes its target; naughty strings analyse cleanly.</summary>
public sealed class FuzzTests
{
    public static TheoryData<string, string> SavedInputs()
    {
        var data = new TheoryData<string, string>();
        var root = Path.Combine(RepoRoot(), "tests", "fuzz");
        foreach (var kind in new[] { "regressions", "corpus" })
        {
            var dir = Path.Combine(root, kind);
            if (!Directory.Exists(dir))
            {
                continue;
            }

            foreach (var targetDir in Directory.GetDirectories(dir).Order(StringComparer.Ordinal))
            {
                foreach (var file in Directory.GetFiles(targetDir).Order(StringComparer.Ordinal))
                {
                    data.Add(Path.GetFileName(targetDir), Path.GetRelativePath(root, file));
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SavedInputs))]
    public void Every_saved_fuzz_input_runs_cleanly_through_its_target(string target, string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(RepoRoot(), "tests", "fuzz", file));
        foreach (var t in FuzzTargets.All.Where(t => t.Name == target || t.Name.StartsWith(target + "+", StringComparison.Ordinal)))
        {
            t.Run(bytes);
        }
    }

    [Fact]
    public void A_short_fuzz_run_of_every_target_finds_no_crash()
    {
        var seeds = new List<byte[]> { "Artillery struck the depot on Monday, officials said. 12 people were killed."u8.ToArray(), Array.Empty<byte>() };
        foreach (var target in FuzzTargets.All)
        {
            var mutator = new Mutator(seed: 42, maxLength: 1024);
            var input = seeds[0];
            for (var i = 0; i < 1500; i++)
            {
                input = mutator.Mutate(i % 50 == 0 ? seeds[0] : input, seeds);
                try
                {
                    target.Run(input);
                }
                catch (Exception e)
                {
                    Assert.Fail($"{target.Name} failed on input {Convert.ToBase64String(input)}: {e}");
                }
            }
        }
    }

    [Fact]
    public void The_fractional_size_the_fuzzer_found_is_refused_instead_of_becoming_zero_bytes()
    {
        var e = Assert.Throws<ArgumentException>(() => Limits.ParseSize("SITREP_MAX_ARTICLE_SIZE", ".15"));
        Assert.Contains("SITREP_MAX_ARTICLE_SIZE", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_naughty_string_is_read_and_analysed_without_a_crash_and_with_spans_inside_the_text()
    {
        var strings = NaughtyStrings();
        Assert.True(strings.Count > 400, $"only {strings.Count} naughty strings loaded");
        var options = new ReaderOptions();
        foreach (var s in strings)
        {
            foreach (var text in new[] { s, $"Officials said {s} on Monday. Shelling hit {s}; 3 people were killed." })
            {
                try
                {
                    FuzzTargets.AnalyzeAndCheck(text);
                    var read = TextFileReader.FromBytes("naughty", Encoding.UTF8.GetBytes(text), options);
                    Assert.True(read.Item is not null || !string.IsNullOrEmpty(read.Error));
                }
                catch (Exception e)
                {
                    Assert.Fail($"naughty string {JsonSerializer.Serialize(text)} broke the analysis: {e}");
                }
            }
        }
    }

    [Fact]
    public void The_analyze_command_handles_all_naughty_strings_in_one_report()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("sitrep-blns-").FullName, "naughty.txt");
        File.WriteAllText(file, "Naughty strings\n" + string.Join("\n", NaughtyStrings().Select(s => s.Replace("\0", "", StringComparison.Ordinal))));
        try
        {
            using var cli = new CliProcess("analyze", file, "--json");
            Assert.Equal(0, cli.WaitForExit(TimeSpan.FromSeconds(60)));
            var json = cli.Output[cli.Output.IndexOf('{', StringComparison.Ordinal)..];
            using var parsed = JsonDocument.Parse(json);
            Assert.Equal(JsonValueKind.Object, parsed.RootElement.ValueKind);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }

    private static List<string> NaughtyStrings() =>
        JsonSerializer.Deserialize<List<string>>(File.ReadAllText(Path.Combine(RepoRoot(), "tests", "fuzz", "blns.json")))!;

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sitrep.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("the repository root (Sitrep.slnx) is not above the test binaries");
    }
}
