using System.Diagnostics;
using System.Text.RegularExpressions;
using Xunit;
using Xunit.Abstractions;

namespace Sitrep.Tests.Ingest;

public class WatchAndCorpusTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Watch_polls_a_folder_and_ingests_only_what_is_new()
    {
        using var dir = new TempDir();
        dir.File("in/a.txt", "First report\n\nShelling damaged a bridge near the river crossing on Tuesday, officials said.");
        dir.File("in/b.txt", "Second report\n\nA convoy with medicine reached the hospital in the northern district on Tuesday.");
        var info = SitrepProcess.StartInfo("watch", Path.Combine(dir.Path, "in"), "--every", "3s", "--max-iterations", "2", "--db", dir.Db);
        using var p = Process.Start(info)!;
        var lines = new List<string>();
        var stderr = p.StandardError.ReadToEndAsync();
        string? line;
        while ((line = await p.StandardOutput.ReadLineAsync()) is not null)
        {
            lines.Add(line);
            if (line.StartsWith("poll 1 ", StringComparison.Ordinal))
            {
                dir.File("in/c.txt", "Third report\n\nEngineers restored power to the eastern district on Wednesday after repairs.");
            }
        }

        Assert.True(p.WaitForExit(60_000));
        output.WriteLine(string.Join('\n', lines));
        Assert.True(p.ExitCode == 0, await stderr);
        Assert.Contains(lines, l => l.StartsWith("poll 1 ", StringComparison.Ordinal) && l.Contains(": 2 new, 0 known", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("poll 2 ", StringComparison.Ordinal) && l.Contains(": 1 new, 2 known", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Category", "Corpus")]
    public void The_ukraine_war_news_corpus_ingests_without_a_crash_with_a_clear_summary()
    {
        var folder = CorpusData.Folder("ukraine-war-news-en", out _);

        using var dir = new TempDir();
        var warline = SitrepProcess.Run("ingest", Path.Combine(folder, "warline_events_2022.jsonl"), "--text-field", "description_en,headline", "--title-field", "headline",
            "--date-field", "full_date", "--url-field", "source_url", "--outlet-field", "source_account", "--db", dir.Db);
        output.WriteLine(warline.Out);
        Assert.True(warline.Code == 0, warline.Err);
        var summary = Regex.Match(warline.Out, @"ingest: (\d+) read, (\d+) stored, .* (\d+) not analysed \(language\)(?: \[[^\]]*\])?, (\d+) failed");
        Assert.True(summary.Success, warline.Out);
        Assert.Equal(859, int.Parse(summary.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("0", summary.Groups[4].Value);
        Assert.InRange(int.Parse(summary.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture), 10, 70);
        Assert.Contains("not analysed: uk", warline.Out, StringComparison.Ordinal);

        var scraped = SitrepProcess.Run("ingest", Path.Combine(folder, "scraped_articles_2026.jsonl"), "--db", dir.Db);
        output.WriteLine(scraped.Out);
        output.WriteLine(scraped.Err);
        Assert.True(scraped.Code == 0, scraped.Err);
        Assert.Contains("ingest: 56 read, 56 stored", scraped.Out, StringComparison.Ordinal);
        Assert.Contains("fusion: 915 articles", scraped.Out, StringComparison.Ordinal);
    }
}
