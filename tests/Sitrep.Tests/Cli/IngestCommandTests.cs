using Sitrep.Storage;
using Xunit;

namespace Sitrep.Tests.Cli;

[Collection("Console")]
public class IngestCommandTests
{
    private const string ReportA = "Drone Attack on Port\nAt least 12 drones struck the port of Odesa overnight, the regional governor said.";
    private const string ReportB = "Shelling in the East\nArtillery hit Kramatorsk on Sunday. Officials reported two injured.";

    [Fact]
    public void Ingesting_the_same_input_twice_gives_the_same_counts()
    {
        using var dir = new TempDir();
        var a = dir.File("in/a.txt", ReportA);
        dir.File("in/b.txt", ReportB);
        var db = dir.File("store.db");

        var first = CliRunner.Run("ingest", Path.Combine(dir.Path, "in"), "--db", db);
        Assert.Equal(0, first.Exit);
        var countsAfterFirst = Counts(db);

        var second = CliRunner.Run("ingest", Path.Combine(dir.Path, "in"), a, "--db", db);
        Assert.Equal(0, second.Exit);
        Assert.Contains("0 stored", second.Out, StringComparison.Ordinal);
        Assert.Equal(countsAfterFirst, Counts(db));
        Assert.Equal(2, countsAfterFirst.Articles);
    }

    [Fact]
    public void Bad_inputs_each_get_one_line_the_batch_goes_on_and_the_exit_code_is_2()
    {
        using var dir = new TempDir();
        var good = dir.File("good.txt", ReportA);
        var empty = dir.File("empty.txt", "");
        var binary = dir.File("binary.txt");
        File.WriteAllBytes(binary, [0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01, 0x02, 0x00, 0x00]);
        var latin1 = dir.File("latin1.txt");
        File.WriteAllBytes(latin1, [(byte)'C', (byte)'a', (byte)'f', 0xE9, (byte)' ', (byte)'h', (byte)'i', (byte)'t', (byte)'.']);
        var huge = dir.File("huge.txt");
        using (var fs = File.Create(huge))
        {
            fs.SetLength(200L * 1024 * 1024); // sparse: 200 MB on paper, nothing written
        }

        var emptyFolder = Directory.CreateDirectory(Path.Combine(dir.Path, "nothing-readable")).FullName;
        File.WriteAllText(Path.Combine(emptyFolder, "image.png"), "not a report");
        var missing = Path.Combine(dir.Path, "missing.txt");
        var db = dir.File("store.db");

        var run = CliRunner.Run("ingest", empty, binary, good, latin1, huge, emptyFolder, missing, "--db", db);

        Assert.Equal(2, run.Exit);
        var lines = run.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines, l => l.Contains(empty, StringComparison.Ordinal) && l.Contains("empty", StringComparison.Ordinal));
        Assert.Single(lines, l => l.Contains(binary, StringComparison.Ordinal) && l.Contains("binary", StringComparison.Ordinal));
        Assert.Single(lines, l => l.Contains(latin1, StringComparison.Ordinal) && l.Contains("UTF-8", StringComparison.Ordinal));
        Assert.Single(lines, l => l.Contains(huge, StringComparison.Ordinal) && l.Contains("limit", StringComparison.Ordinal));
        Assert.Single(lines, l => l.Contains(emptyFolder, StringComparison.Ordinal) && l.Contains("no readable", StringComparison.Ordinal));
        Assert.Single(lines, l => l.Contains(missing, StringComparison.Ordinal) && l.Contains("no such file", StringComparison.Ordinal));
        Assert.Equal(6, lines.Length);

        var counts = Counts(db);
        Assert.Equal(1, counts.Articles);
        Assert.Equal(6, counts.Errors);
        Assert.Contains("1 stored", run.Out, StringComparison.Ordinal);
        Assert.Contains("6 failed", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_batch_keeps_what_was_stored_before()
    {
        using var dir = new TempDir();
        var good = dir.File("good.txt", ReportA);
        var db = dir.File("store.db");
        Assert.Equal(0, CliRunner.Run("ingest", good, "--db", db).Exit);
        Assert.Equal(2, CliRunner.Run("ingest", dir.File("empty.txt", ""), "--db", db).Exit);
        Assert.Equal(1, Counts(db).Articles);
    }

    [Fact]
    public void List_articles_reads_back_the_store_as_json()
    {
        using var dir = new TempDir();
        var db = dir.File("store.db");
        CliRunner.Run("ingest", dir.File("a.txt", ReportA), "--db", db, "--published", "2025-03-02");
        var run = CliRunner.Run("list", "articles", "--db", db, "--json");
        Assert.Equal(0, run.Exit);
        using var json = System.Text.Json.JsonDocument.Parse(run.Out);
        var article = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("Drone Attack on Port", article.GetProperty("title").GetString());
        Assert.Equal("2025-03-02", article.GetProperty("published").GetString());
        Assert.Equal(1, article.GetProperty("revision").GetInt64());
    }

    [Fact]
    public void List_without_a_store_says_so()
    {
        using var dir = new TempDir();
        var run = CliRunner.Run("list", "events", "--db", Path.Combine(dir.Path, "none.db"));
        Assert.Equal(2, run.Exit);
        Assert.Contains("no store", run.Err, StringComparison.Ordinal);
    }

    private static StoreCounts Counts(string db)
    {
        using var store = SqliteStore.Open(db);
        return store.Counts();
    }
}
