using Sitrep.Core;
using Sitrep.Storage;
using Sitrep.Tests.Cli;

namespace Sitrep.Tests.Robustness;

/// <summary>Issue #14: search queries that cannot break FTS5, and read-only commands that never create a store.</summary>
[Collection("Console")]
public sealed class StoreCommandTests
{
    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("***")]
    [InlineData("\"")]
    public void An_empty_search_gets_a_clear_message(string query)
    {
        using var dir = new TempDir();
        var db = Store(dir);
        var run = CliRunner.Run("search", query, "--db", db);
        Assert.Equal(2, run.Exit);
        Assert.Contains("search needs words to look for", run.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("drone OR missile", 2)]
    [InlineData("drone missile", 0)]
    [InlineData("drone AND Odesa", 1)]
    [InlineData("\"power plant\"", 1)]
    [InlineData("\"plant power\"", 0)]
    [InlineData("shell*", 1)]
    [InlineData("shell", 0)]
    [InlineData("drone OR", 1)]
    [InlineData("OR drone", 1)]
    [InlineData("( drone ) NOT: missile\"", 0)]
    [InlineData("\"unbalanced AND ( quote", 0)]
    public void Search_supports_or_and_phrases_and_prefixes_and_never_breaks_on_syntax(string query, int found)
    {
        using var dir = new TempDir();
        using var store = SqliteStore.Open(Store(dir));
        Assert.Equal(found, store.Search(query).Count);
    }

    [Fact]
    public void Search_with_OR_finds_at_least_what_each_word_finds()
    {
        using var dir = new TempDir();
        using var store = SqliteStore.Open(Store(dir));
        var either = store.Search("drone OR drones").Select(r => r.Id).ToHashSet();
        Assert.Superset(store.Search("drone").Select(r => r.Id).ToHashSet(), either);
        Assert.Superset(store.Search("drones").Select(r => r.Id).ToHashSet(), either);
    }

    [Theory]
    [InlineData("export", "--format", "csv", "--out", "OUT")]
    [InlineData("brief", "--date", "2024-08-12", "--out", "OUT.html")]
    [InlineData("events")]
    [InlineData("search", "drone")]
    [InlineData("list", "articles")]
    [InlineData("serve", "--urls", "http://127.0.0.1:0")]
    public void Commands_that_read_a_store_refuse_a_missing_one_and_create_nothing(params string[] args)
    {
        using var dir = new TempDir();
        var missing = Path.Combine(dir.Path, "missing.db");
        var argv = args.Select(a => a.StartsWith("OUT", StringComparison.Ordinal) ? Path.Combine(dir.Path, "out" + a[3..]) : a).Concat(["--db", missing]).ToArray();
        var run = CliRunner.Run(argv);
        Assert.Equal(2, run.Exit);
        Assert.Contains($"no store at '{missing}'", run.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(missing), "a store was created");
    }

    private static string Store(TempDir dir)
    {
        var db = dir.File("store.db");
        using var store = SqliteStore.Open(db);
        foreach (var (text, day) in new[]
        {
            ("A drone hit the port of Odesa overnight, the governor said.", 12),
            ("A missile hit a power plant near Kharkiv, officials said.", 13),
            ("Artillery kept shelling the town on Sunday, the mayor said.", 14),
        })
        {
            store.Save(new Document(text, published: new DateOnly(2024, 8, day)), "test-1", "r.txt");
        }

        return db;
    }
}
