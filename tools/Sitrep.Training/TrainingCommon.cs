using System.Diagnostics;
using Sitrep.Tagging;

namespace Sitrep.Training;

/// <summary>Settings shared by the trainers.</summary>
public sealed record TrainSettings
{
    public int Epochs { get; init; } = 10;

    public int Seed { get; init; } = 1;

    /// <summary>Averaged weights smaller than this in magnitude are dropped from the shipped model.</summary>
    public float Prune { get; init; } = 0.05f;

    public string Version { get; init; } = "1.0.0";

    public TextWriter Log { get; init; } = TextWriter.Null;
}

internal static class TrainingCommon
{
    public const string SitrepMin = "0.1.0";
    public const string SitrepMaxExclusive = "1.0.0";

    /// <summary>Fisher–Yates shuffle with a seeded generator (deterministic for a given seed).</summary>
    public static void Shuffle<T>(IList<T> list, Random rng)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }

    public static void SaveModel(LinearModel model, string path)
    {
        using var fs = File.Create(path);
        model.Write(fs);
    }

    /// <summary>The licence line of a model trained on UD treebanks (EWT, optionally GUM).</summary>
    public static string LicenceOf(IEnumerable<string> trainPaths)
    {
        var parts = new List<string> { "Weights derived from UD English EWT (CC BY-SA 4.0)" };
        if (trainPaths.Any(p => p.Contains("gum", StringComparison.OrdinalIgnoreCase)))
        {
            parts.Add("GUM open-licence documents (annotations CC BY 4.0; texts CC BY / CC BY-SA / public domain by genre)");
        }

        return string.Join("; ", parts);
    }

    public static string Elapsed(Stopwatch sw) => $"{sw.Elapsed.TotalSeconds:0.0}s";

    /// <summary>A short description of a corpus path with its licence, read from the SOURCE.md or README next to it when known.</summary>
    public static ModelDataSet DataSet(string path, string role)
    {
        var full = Path.GetFullPath(path);
        var licence = full switch
        {
            _ when full.Contains("ud-english-ewt", StringComparison.Ordinal) => "CC BY-SA 4.0 (UD English EWT)",
            _ when full.Contains("conll2003", StringComparison.Ordinal) => "Reuters RCV1 text: research/evaluation use only (CoNLL-2003)",
            _ when full.Contains("uner-english-ewt", StringComparison.Ordinal) => "CC BY-SA 4.0 (UNER English EWT)",
            _ when full.Contains("uner-english-pud", StringComparison.Ordinal) => "CC BY-SA 3.0 (UNER English PUD)",
            _ when full.Contains("gum_nc", StringComparison.Ordinal) => "CC BY-NC-SA (GUM nc group): not for a shipped model",
            _ when full.Contains("gum_open", StringComparison.Ordinal) => "annotations CC BY 4.0; texts CC BY / CC BY-SA / public domain (GUM open group)",
            _ when full.Contains("wikigold", StringComparison.Ordinal) => "CC BY 4.0 (WikiGold)",
            _ when full.Contains("geonames", StringComparison.Ordinal) => "CC BY 4.0 (GeoNames)",
            _ => null,
        };
        var marker = full.IndexOf("/data/", StringComparison.Ordinal);
        var shown = marker >= 0 ? "../shared" + full[marker..] : path;
        return new ModelDataSet { Name = Path.GetFileName(path), Path = shown, Licence = licence, Role = role };
    }
}
