using System.CommandLine;

namespace Sitrep.Cli;

/// <summary>The `sitrep` command tree. Each feature area contributes its commands from its own file.</summary>
public static class CliApp
{
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("Sitrep: conflict news to a sourced situation picture.");
        root.Subcommands.Add(Commands.ExtractionEvalCommands.Create());
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var root = BuildRoot();
        return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
    }
}
