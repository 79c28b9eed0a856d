using System.CommandLine;
using Sitrep.Core;
using Sitrep.Training;

namespace Sitrep.Cli.Commands;

/// <summary>`sitrep train pos|parser|ner --data … --out models/…`: reproducible training (fixed seed) with progress on stderr.</summary>
public static class TrainCommands
{
    public static Command Create()
    {
        var train = new Command("train", "Train the NLP models (POS tagger, dependency parser, named-entity recogniser).");
        train.Subcommands.Add(Make("pos", "Train the UPOS/XPOS tagger on a UD treebank (directory with *-train.conllu and *-dev.conllu, or a train file; further comma-separated CoNLL-U files, optionally .gz, are added to the training data).", 10, TrainPos));
        train.Subcommands.Add(Make("parser", "Train the arc-hybrid dependency parser on a UD treebank.", 15, TrainParser));
        train.Subcommands.Add(Make("ner", "Train the named-entity recogniser on CoNLL-style files (comma-separated list; the first file's *dev*/valid sibling tunes it).", 12, TrainNer));
        train.Subcommands.Add(Roles());
        train.Subcommands.Add(Clusters());
        return train;
    }

    private static Command Clusters()
    {
        var data = new Option<string>("--data") { Description = "Unlabeled text: CoNLL-U (.gz), CoNLL NER, JSON lines or XML article files, comma-separated", Required = true };
        var output = new Option<string>("--out") { Description = "Output file, e.g. data/ner/word-classes.tsv.gz", Required = true };
        var seed = new Option<int>("--seed") { Description = "Random seed", DefaultValueFactory = _ => 1 };
        var fine = new Option<int>("--fine") { Description = "Number of fine classes", DefaultValueFactory = _ => 400 };
        var coarse = new Option<int>("--coarse") { Description = "Number of coarse classes", DefaultValueFactory = _ => 50 };
        var cmd = new Command("clusters", "Derive word classes (k-means over PPMI context vectors) from unlabeled text for the NER features.") { data, output, seed, fine, coarse };
        cmd.SetAction(parse =>
        {
            var paths = parse.GetValue(data)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var missing = paths.FirstOrDefault(p => !File.Exists(p));
            if (missing is not null)
            {
                Console.Error.WriteLine($"sitrep: text file '{missing}' does not exist");
                return 2;
            }

            try
            {
                WordClusters.Build(paths, parse.GetValue(output)!, new WordClusters.Settings(Fine: parse.GetValue(fine), Coarse: parse.GetValue(coarse), Seed: parse.GetValue(seed)), Console.Error);
                return 0;
            }
            catch (Exception e) when (e is InvalidDataException or IOException or System.Text.Json.JsonException or System.Xml.XmlException)
            {
                Console.Error.WriteLine($"sitrep: {e.Message}");
                return 1;
            }
        });
        return cmd;
    }

    private static Command Roles()
    {
        var data = new Option<string?>("--data") { Description = "the event-extraction-gold folder (default: ../shared/data/event-extraction-gold): RAMS dev+test, WikiEvents dev and the PLOVER records train; WikiEvents test is scored" };
        var output = new Option<string>("--out") { Description = "Output model directory, e.g. models/roles/1.0.0", Required = true };
        var epochs = new Option<int>("--epochs") { Description = "Training epochs", DefaultValueFactory = _ => 10 };
        var seed = new Option<int>("--seed") { Description = "Random seed (same data and seed give the same model)", DefaultValueFactory = _ => 1 };
        var prune = new Option<float>("--prune") { Description = "Drop averaged weights smaller than this in magnitude", DefaultValueFactory = _ => 0.01f };
        var tune = new Option<bool>("--tune") { Description = "train without WikiEvents dev and only print the scores on it (to choose settings); writes no model" };
        var cmd = new Command("roles", "Train the event role model (agent, target or neither for each noun phrase of a trigger's sentence).") { data, output, epochs, seed, prune, tune };
        cmd.SetAction(parse =>
        {
            var folder = parse.GetValue(data) ?? (SitrepPaths.SharedData is { } sd ? Path.Combine(sd, "event-extraction-gold") : null);
            if (folder is null || !Directory.Exists(folder))
            {
                Console.Error.WriteLine($"sitrep: cannot find the event-extraction-gold folder '{folder ?? "../shared/data/event-extraction-gold"}'; pass --data DIR");
                return 2;
            }

            var settings = new TrainSettings { Epochs = parse.GetValue(epochs), Seed = parse.GetValue(seed), Prune = parse.GetValue(prune), Log = Console.Error };
            try
            {
                return RoleTrainer.Train(folder, parse.GetValue(output)!, settings, parse.GetValue(tune));
            }
            catch (Exception e) when (e is InvalidDataException or FileNotFoundException or IOException or System.Text.Json.JsonException)
            {
                Console.Error.WriteLine($"sitrep: {e.Message}");
                return 1;
            }
        });
        return cmd;
    }

    private static Command Make(string name, string description, int defaultEpochs, Func<string[], string?, string, TrainSettings, int> run)
    {
        var data = new Option<string>("--data") { Description = "Training data: a directory or file(s), comma-separated", Required = true };
        var dev = new Option<string?>("--dev") { Description = "Development file for model selection (default: found next to the training data)" };
        var output = new Option<string>("--out") { Description = "Output model directory, e.g. models/en-pos/1.0.0", Required = true };
        var epochs = new Option<int>("--epochs") { Description = "Training epochs", DefaultValueFactory = _ => defaultEpochs };
        var seed = new Option<int>("--seed") { Description = "Random seed (same data and seed give the same model)", DefaultValueFactory = _ => 1 };
        var prune = new Option<float>("--prune") { Description = "Drop averaged weights smaller than this in magnitude", DefaultValueFactory = _ => 0.01f };
        var cmd = new Command(name, description) { data, dev, output, epochs, seed, prune };
        cmd.SetAction(parse =>
        {
            var paths = parse.GetValue(data)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var p in paths)
            {
                if (!File.Exists(p) && !Directory.Exists(p))
                {
                    Console.Error.WriteLine($"sitrep: training data '{p}' does not exist");
                    return 2;
                }
            }

            var settings = new TrainSettings { Epochs = parse.GetValue(epochs), Seed = parse.GetValue(seed), Prune = parse.GetValue(prune), Log = Console.Error };
            try
            {
                return run(paths, parse.GetValue(dev), parse.GetValue(output)!, settings);
            }
            catch (Exception e) when (e is InvalidDataException or FileNotFoundException or IOException)
            {
                Console.Error.WriteLine($"sitrep: {e.Message}");
                return 1;
            }
        });
        return cmd;
    }

    /// <summary>For a treebank directory: its train and dev files.</summary>
    internal static (string train, string? dev) TreebankFiles(string path, string? dev)
    {
        if (Directory.Exists(path))
        {
            var train = Directory.GetFiles(path, "*-train.conllu").FirstOrDefault()
                ?? throw new FileNotFoundException($"no *-train.conllu in '{path}'");
            return (train, dev ?? Directory.GetFiles(path, "*-dev.conllu").FirstOrDefault());
        }

        return (path, dev ?? SiblingDev(path));
    }

    private static string? SiblingDev(string path)
    {
        var candidate = path.Replace("-train.", "-dev.", StringComparison.Ordinal);
        return candidate != path && File.Exists(candidate) ? candidate : null;
    }

    private static int TrainPos(string[] data, string? dev, string output, TrainSettings settings)
    {
        var (train, devFile) = TreebankFiles(data[0], dev);
        PosTrainer.Train([train, .. data.Skip(1)], devFile, output, settings);
        return 0;
    }

    private static int TrainParser(string[] data, string? dev, string output, TrainSettings settings)
    {
        var (train, devFile) = TreebankFiles(data[0], dev);
        ParserTrainer.Train(train, devFile, output, settings);
        return 0;
    }

    private static int TrainNer(string[] data, string? dev, string output, TrainSettings settings)
    {
        NerTrainer.Train(data, dev, output, settings);
        return 0;
    }
}
