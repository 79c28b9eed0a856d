using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Sitrep.Analysis;
using Sitrep.Cli.Ingestion;
using Sitrep.Core;
using Sitrep.Ingest;
using Sitrep.Storage;

// End-to-end ingest throughput: language identification, the default pipeline, SQLite storage (one transaction per
// document) and fusion after each batch, on 600-word articles. Usage:
//   dotnet run -c Release --project bench/Sitrep.Bench -- [--articles N] [--parallelism P] [--no-fuse] [--db PATH]
// With --db the store is written to PATH and kept (for profiling fusion with `sitrep fuse --db PATH`).
var articles = Arg("--articles", 2000);
var keepDb = ArgString("--db");
var parallelism = Arg("--parallelism", 2);
var fuse = !args.Contains("--no-fuse");
var texts = Articles(articles, 600);
Console.WriteLine($"sitrep bench: {texts.Count} articles of ~600 words, parallelism {parallelism}, fusion after each batch: {fuse}, {Environment.ProcessorCount} logical CPUs");

var sw = Stopwatch.StartNew();
LanguageDetector.Detect("warm up the language models with a short English sentence");
Console.WriteLine($"language models loaded in {sw.ElapsedMilliseconds} ms");
sw.Restart();
foreach (var t in texts.Take(500))
{
    LanguageDetector.Detect(t);
}

Console.WriteLine($"language identification: {sw.Elapsed.TotalMilliseconds / Math.Min(500, texts.Count):0.00} ms per article (one thread)");

var pipeline = Analyzer.Default;
sw.Restart();
foreach (var t in texts.Take(200))
{
    pipeline.Process(new Document(t), CancellationToken.None);
}

Console.WriteLine($"pipeline ({string.Join(", ", pipeline.Stages.Select(s => s.Name))}): {sw.Elapsed.TotalMilliseconds / Math.Min(200, texts.Count):0.00} ms per article (one thread)");

var db = keepDb ?? Path.Combine(Path.GetTempPath(), $"sitrep-bench-{Environment.ProcessId}.db");
try
{
    using var store = SqliteStore.Open(db);
    var fusion = fuse ? new BatchFusion(store) : null;
    var runner = new IngestRunner(store, pipeline, parallelism) { AfterBatch = fusion is null ? null : fusion.AfterBatch };
    var items = texts.Select((t, i) => ReadResult.Ok(new SourceItem($"bench-{i}", t) { Outlet = $"outlet {i % 40}", Published = new DateOnly(2024, 8, 1).AddDays(i % 90) }));
    sw.Restart();
    var summary = runner.Run(items);
    var fused = fusion?.Finish(CancellationToken.None);
    var seconds = sw.Elapsed.TotalSeconds;
    Console.WriteLine($"ingest: {summary.Stored} stored, {summary.Failed} failed in {seconds:0.0} s = {summary.Stored / seconds * 60:0} articles per minute");
    var (groups, _) = (store.ReprintCounts().Groups, 0);
    Console.WriteLine($"store: {store.Counts().Articles} articles, {groups} reprint groups; database {new FileInfo(db).Length / 1024.0 / 1024:0.0} MB");
    if (fused is not null)
    {
        Console.WriteLine($"last fusion: {fused.Clusters} clusters, {fused.Estimates} estimates, {fused.Contradictions} contradictions in {fused.Milliseconds} ms");
    }
}
finally
{
    foreach (var f in keepDb is null ? new[] { db, db + "-wal", db + "-shm" } : [])
    {
        File.Delete(f);
    }
}

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

string? ArgString(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

// Articles built from the sentences of the shared war-news corpus when it is present (read, never copied), otherwise
// from a small built-in vocabulary; each article gets a unique number so none is a duplicate of another.
static List<string> Articles(int count, int words)
{
    var sentences = new List<string>();
    var shared = SitrepPaths.SharedData is { } d ? Path.Combine(d, "ukraine-war-news-en", "warline_events_2022.jsonl") : null;
    if (shared is not null && File.Exists(shared))
    {
        foreach (var line in File.ReadLines(shared))
        {
            using var json = JsonDocument.Parse(line);
            if (json.RootElement.TryGetProperty("description_en", out var v) && v.GetString() is { Length: > 0 } s)
            {
                sentences.AddRange(s.Split(['.', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(x => x.Length > 30).Select(x => x + "."));
            }
        }
    }

    if (sentences.Count == 0)
    {
        sentences.AddRange([
            "Russian forces launched drones at the regional centre overnight, the governor said.",
            "Air defence units shot down most of the drones, according to the air force.",
            "A fuel depot caught fire after debris fell on its territory, officials reported.",
            "The defence ministry said its troops had repelled several attacks near the river.",
            "Humanitarian convoys reached the city despite continued shelling of the roads.",
        ]);
    }

    var random = new Random(42);
    var list = new List<string>(count);
    for (var i = 0; i < count; i++)
    {
        var sb = new StringBuilder($"Report number {i}\n\n");
        var n = 0;
        while (n < words)
        {
            var s = sentences[random.Next(sentences.Count)];
            sb.Append(s).Append(' ');
            n += s.Count(c => c == ' ') + 1;
            if (random.Next(5) == 0)
            {
                sb.Append("\n\n");
            }
        }

        list.Add(sb.ToString().TrimEnd());
    }

    return list;
}
