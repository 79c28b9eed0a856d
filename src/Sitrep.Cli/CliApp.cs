using System.CommandLine;
using Sitrep.Cli.Commands;

namespace Sitrep.Cli;

/// <summary>The `sitrep` command tree. Each feature area contributes its commands from its own file.</summary>
public static class CliApp
{
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("Sitrep: conflict news to a sourced situation picture.");
        root.Subcommands.Add(AnalyzeCommand.Create());
        root.Subcommands.Add(IngestCommand.Create());
        root.Subcommands.Add(ListCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(WatchCommand.Create());
        foreach (var command in FusionCommands.CreateAll()) { root.Subcommands.Add(command); }
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(BriefCommand.Create());
        root.Subcommands.Add(WatchlistCommand.Create());
        root.Subcommands.Add(WebBenchCommand.Create());
        root.Subcommands.Add(WorkerCommand.Create());

        var eval = new Command("eval", "Measure Sitrep against gold data. Each prints a table, or one JSON object with --json.");
        eval.Subcommands.Add(TokenEvalCommand.Create());
        ExtractionEvalCommands.AddTo(eval);
        NlpEvalCommands.AddTo(eval);
        ContentEvalCommands.AddTo(eval);
        eval.Subcommands.Add(GeoCommands.CreateEvalGeo());
        eval.Subcommands.Add(GeoCommands.CreateEvalEventsGeo());
        eval.Subcommands.Add(ScaleEvalCommand.Create());
        root.Subcommands.Add(eval);
        root.Subcommands.Add(GeoCommands.Create());
        root.Subcommands.Add(TrainCommands.Create());
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var root = BuildRoot();
        return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
    }
}
