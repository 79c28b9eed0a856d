using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Xunit;
using Xunit.Abstractions;

namespace Sitrep.Tests.Ingest;

/// <summary>The real CLI killed with SIGKILL mid-batch and restarted loses nothing and stores nothing twice.</summary>
public class KillRestartTests(ITestOutputHelper output)
{
    private const int Files = 1000;

    [Fact]
    public void Ingest_killed_mid_batch_and_restarted_stores_every_report_exactly_once()
    {
        using var dir = new TempDir();
        var inputs = Path.Combine(dir.Path, "in");
        string[] words = ["drone", "convoy", "bridge", "village", "shelling", "governor", "depot", "river", "brigade", "evacuation", "night", "power",
            "station", "school", "missile", "artillery", "frontline", "hospital", "railway", "harbour", "grain", "ferry", "border", "district"];
        var random = new Random(7);
        for (var i = 0; i < Files; i++)
        {
            var body = string.Join(' ', Enumerable.Range(0, 60).Select(_ => words[random.Next(words.Length)]));
            dir.File($"in/r{i:D5}.txt", $"Report {i}\n\nOfficials in district {i} said: {body}.");
        }

        var db = Path.Combine(dir.Path, "kill.db");
        using (var first = Process.Start(SitrepProcess.StartInfo("ingest", inputs, "--db", db))!)
        {
            var stored = 0L;
            var watch = Stopwatch.StartNew();
            first.ErrorDataReceived += (_, _) => { };
            first.BeginErrorReadLine();
            first.OutputDataReceived += (_, _) => { };
            first.BeginOutputReadLine();
            // Kill as soon as some reports are stored but well before the batch is done.
            while (watch.Elapsed < TimeSpan.FromMinutes(2) && !first.HasExited)
            {
                stored = CountArticles(db);
                if (stored >= 64)
                {
                    break;
                }

                Thread.Sleep(20);
            }

            Assert.False(first.HasExited, $"the first run finished before it could be killed ({stored} stored)");
            first.Kill(entireProcessTree: false); // SIGKILL on Unix
            first.WaitForExit();
            stored = CountArticles(db);
            output.WriteLine($"killed after {watch.ElapsedMilliseconds} ms with {stored} of {Files} stored");
            Assert.InRange(stored, 1, Files - 1);
        }

        var (code, stdout, stderr) = SitrepProcess.Run("ingest", inputs, "--db", db);
        output.WriteLine(stdout);
        Assert.True(code == 0, stderr);
        using var connection = new SqliteConnection($"Data Source={db};Pooling=False");
        connection.Open();
        long Scalar(string sql)
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = sql;
            return (long)cmd.ExecuteScalar()!;
        }

        Assert.Equal(Files, Scalar("SELECT COUNT(*) FROM articles"));
        Assert.Equal(Files, Scalar("SELECT COUNT(DISTINCT id) FROM articles"));
        Assert.Equal(Files, Scalar("SELECT COUNT(*) FROM analyses"));
        Assert.Equal(Files, Scalar("SELECT COUNT(*) FROM analyses WHERE is_current = 1"));
        Assert.Equal(Files, Scalar("SELECT COUNT(*) FROM articles_fts"));
        Assert.Equal(Files, Scalar("SELECT COUNT(*) FROM reprints"));
        Assert.Equal(0, Scalar("SELECT COUNT(*) FROM ingest_errors"));
        Assert.Contains("unchanged", stdout, StringComparison.Ordinal);
    }

    private static long CountArticles(string db)
    {
        if (!File.Exists(db))
        {
            return 0;
        }

        try
        {
            using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "SELECT COUNT(*) FROM articles";
            return (long)cmd.ExecuteScalar()!;
        }
        catch (SqliteException)
        {
            return 0; // not created yet, or busy
        }
    }
}
