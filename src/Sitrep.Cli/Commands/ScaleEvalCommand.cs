using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Sitrep.Analysis;
using Sitrep.Core;
using Sitrep.Extraction.Evaluation;

namespace Sitrep.Cli.Commands;

/// <summary>
/// `sitrep eval scale --mb 1,2,4`: analysis time and memory of one long text of news paragraphs as it grows, to show
/// that the time per MB stays flat. The texts repeat the English paragraphs of the war-news corpus in order; `--out`
/// writes them as files (to time `ingest` or `analyze` on them).
/// </summary>
public static class ScaleEvalCommand
{
    public static Command Create()
    {
        var cmd = new Command("scale", "Time and peak memory of analysing one long news text of each size (MB of UTF-8): the time per MB should stay flat.");
        var sizes = new Option<string>("--mb") { Description = "sizes in MB, comma-separated (default 1,2,4)", DefaultValueFactory = _ => "1,2,4" };
        var dir = new Option<string?>("--dir") { Description = "the corpus folder (default: ../shared/data/ukraine-war-news-en)" };
        var output = new Option<string?>("--out") { Description = "write the texts to this folder as news-<N>mb.txt" };
        var writeOnly = new Option<bool>("--write-only") { Description = "with --out: only write the texts, analyse nothing" };
        var json = new Option<bool>("--json") { Description = "print the figures as one JSON object" };
        var pipelineOpt = CommonOptions.Pipeline();
        foreach (var o in new Option[] { sizes, dir, output, writeOnly, json, pipelineOpt })
        {
            cmd.Options.Add(o);
        }

        cmd.SetAction((pr, ct) =>
        {
            var folder = pr.GetValue(dir) ?? (SitrepPaths.SharedData is { } sd ? Path.Combine(sd, "ukraine-war-news-en") : null);
            if (folder is null || !Directory.Exists(folder))
            {
                Console.Error.WriteLine($"cannot find the corpus folder '{folder ?? "../shared/data/ukraine-war-news-en"}'; pass --dir DIR");
                return Task.FromResult(2);
            }

            var mbs = new List<double>();
            foreach (var part in pr.GetValue(sizes)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var mb) || mb <= 0 || mb > 1024)
                {
                    Console.Error.WriteLine($"--mb: '{part}' is not a size in MB between 0 and 1024");
                    return Task.FromResult(2);
                }

                mbs.Add(mb);
            }

            var paragraphs = Paragraphs(folder);
            if (paragraphs.Count == 0)
            {
                Console.Error.WriteLine($"the corpus folder '{folder}' has no English news paragraphs");
                return Task.FromResult(2);
            }

            var outDir = pr.GetValue(output);
            if (outDir is not null)
            {
                Directory.CreateDirectory(outDir);
            }

            var pipeline = pr.GetValue(pipelineOpt) is { } p ? Analyzer.FromFile(p) : Analyzer.Default;
            pipeline.Process(new Document("A drone struck a depot on Monday, officials said."), ct); // warm up
            var rows = new List<Dictionary<string, object>>();
            foreach (var mb in mbs)
            {
                var text = Build(paragraphs, (long)(mb * 1024 * 1024));
                if (outDir is not null)
                {
                    var file = Path.Combine(outDir, string.Create(CultureInfo.InvariantCulture, $"news-{mb:0.##}mb.txt"));
                    File.WriteAllText(file, text, new UTF8Encoding(false));
                    Console.Error.WriteLine($"wrote {file}");
                }

                if (pr.GetValue(writeOnly))
                {
                    continue;
                }

                var doc = new Document(text, published: new DateOnly(2024, 11, 11));
                var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
                var sw = Stopwatch.StartNew();
                SectionedAnalysis.Process(pipeline, doc, cancellationToken: ct);
                sw.Stop();
                var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
                var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024);
                rows.Add(new Dictionary<string, object>
                {
                    ["mb"] = mb,
                    ["characters"] = text.Length,
                    ["seconds"] = Math.Round(sw.Elapsed.TotalSeconds, 2),
                    ["seconds_per_mb"] = Math.Round(sw.Elapsed.TotalSeconds / mb, 2),
                    ["cpu_seconds_per_mb"] = Math.Round(cpu / mb, 2),
                    ["peak_working_set_mb"] = Math.Round(peak),
                    ["events"] = doc.Events.Count,
                    ["quantities"] = doc.Quantities.Count,
                    ["claims"] = doc.Claims.Count,
                });
                doc = null;
                GC.Collect();
            }

            if (pr.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object> { ["threads"] = Environment.ProcessorCount, ["section_chars"] = SectionedAnalysis.SectionChars, ["sizes"] = rows }));
            }
            else if (rows.Count > 0)
            {
                Console.WriteLine("   MB  seconds  s/MB  CPU s/MB  peak MB  events  quantities  claims");
                foreach (var r in rows)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r["mb"],5} {r["seconds"],8} {r["seconds_per_mb"],5} {r["cpu_seconds_per_mb"],9} {r["peak_working_set_mb"],8} {r["events"],7} {r["quantities"],11} {r["claims"],7}"));
                }
            }

            return Task.FromResult(0);
        });
        return cmd;
    }

    /// <summary>The corpus's paragraphs of at least 80 characters (news prose, not page chrome), in corpus order.</summary>
    public static List<string> Paragraphs(string folder) =>
        NewsCorpus.Load(folder, out _)
            .SelectMany(d => d.Doc.Text.Split('\n'))
            .Select(l => l.Trim())
            .Where(l => l.Length >= 80)
            .ToList();

    /// <summary>Paragraphs repeated in order, separated by blank lines, up to <paramref name="bytes"/> bytes of UTF-8.</summary>
    public static string Build(IReadOnlyList<string> paragraphs, long bytes)
    {
        var sb = new StringBuilder();
        long size = 0;
        for (var i = 0; size < bytes; i++)
        {
            var p = paragraphs[i % paragraphs.Count];
            sb.Append(p).Append("\n\n");
            size += Encoding.UTF8.GetByteCount(p) + 2;
        }

        return sb.ToString();
    }
}
