using System.CommandLine;

namespace Sitrep.Cli;

/// <summary>The `sitrep` command tree. Each feature area contributes its commands from its own file.</summary>
public static class CliApp
{
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("Sitrep: conflict news to a sourced situation picture.");
        var eval = new Command("eval", "Evaluate Sitrep's stages against gold data.");
        root.Subcommands.Add(eval);
        root.Subcommands.Add(Commands.GeoCommands.Create());
        eval.Subcommands.Add(Commands.GeoCommands.CreateEvalGeo());
        eval.Subcommands.Add(Commands.GeoCommands.CreateEvalEventsGeo());
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var root = BuildRoot();
        return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
    }
}
