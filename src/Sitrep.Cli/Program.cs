using Sitrep.Cli;

return await CliApp.RunAsync(args);
