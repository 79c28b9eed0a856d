using Xunit;

namespace Sitrep.Tests.Web;

public sealed class DemoServeTests
{
    [Fact]
    public async Task Demo_with_no_serve_ingests_and_returns_without_serving()
    {
        var folder = Directory.CreateTempSubdirectory("sitrep-demo-samples-").FullName;
        var db = Path.Combine(folder, "demo.db");
        await File.WriteAllTextAsync(Path.Combine(folder, "a.txt"), "Title: A report\nOutlet: Test Wire\nPublished: 2024-11-11\n\nShelling hit the city on Sunday, officials said.\n");
        await File.WriteAllTextAsync(Path.Combine(folder, "README.md"), "# Sample reports\n\nTwelve reports; about 1.5 million people were displaced in one of them.\n");
        try
        {
            var run = Sitrep.Cli.CliApp.RunAsync(["demo", "--samples", folder, "--db", db, "--no-serve"]);
            var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromMinutes(2)));
            Assert.Same(run, finished);
            Assert.Equal(0, await run);
            using var store = Sitrep.Storage.SqliteStore.Open(db);
            Assert.Equal(1, store.Counts().Articles); // the report, not the folder's README
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
