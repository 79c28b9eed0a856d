using Sitrep.Core;
using Sitrep.Core.Pipeline;

namespace Sitrep.Analysis;

/// <summary>Builds the pipeline from pipeline.json (the shipped default, or a file) and runs it.</summary>
public static class Analyzer
{
    private static readonly Lazy<Pipeline> DefaultLazy = new(() =>
        StageCatalog.CreateRegistry().BuildFromJson(DefaultPipelineJson(), SitrepPaths.Models, "the built-in pipeline.json"));

    /// <summary>The default pipeline, built once and shared (it is immutable and thread-safe).</summary>
    public static Pipeline Default => DefaultLazy.Value;

    public static Pipeline FromFile(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (IOException e)
        {
            throw new PipelineException(PipelineException.BadConfig, $"cannot read pipeline file '{path}': {e.Message}");
        }

        return StageCatalog.CreateRegistry().BuildFromJson(json, SitrepPaths.Models, path);
    }

    /// <summary>The same pipeline without the content stage: every line of the text is analysed (`--all-text`).</summary>
    public static Pipeline WithoutContentStage(Pipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return new PipelineBuilder().AddRange(pipeline.Stages.Where(s => s.Name != Sitrep.Text.Content.ContentStage.StageName)).Build();
    }

    public static string DefaultPipelineJson()
    {
        using var stream = typeof(Analyzer).Assembly.GetManifestResourceStream("Sitrep.Analysis.pipeline.json")
            ?? throw new InvalidOperationException("the default pipeline.json is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
