using System.Text.Json;

namespace Sitrep.Core.Pipeline;

/// <summary>What a stage factory receives: its options from pipeline.json and where models live.</summary>
public sealed record StageContext(JsonElement? Options, string ModelsDirectory);

/// <summary>Stage factories under versioned names ("sitrep.Tokenizer.v1"). A name, once published, never changes meaning.</summary>
public sealed class StageRegistry
{
    private readonly Dictionary<string, Func<StageContext, IStage>> _factories = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => _factories.Keys;

    public StageRegistry Register(string name, Func<StageContext, IStage> factory)
    {
        if (!_factories.TryAdd(name, factory))
        {
            throw new PipelineException(PipelineException.DuplicateStage, $"stage '{name}' is registered twice");
        }

        return this;
    }

    public IStage Create(string name, StageContext context)
    {
        if (!_factories.TryGetValue(name, out var factory))
        {
            var known = string.Join(", ", _factories.Keys.Order(StringComparer.Ordinal));
            throw new PipelineException(PipelineException.UnknownStage, $"no stage is registered as '{name}'; known stages: {known}");
        }

        return factory(context);
    }

    /// <summary>Builds a pipeline from a pipeline.json document: {"stages":[{"name":"…","options":{…}}, …]}.</summary>
    public Pipeline BuildFromJson(string json, string modelsDirectory, string source = "pipeline.json")
    {
        PipelineConfig config;
        try
        {
            config = JsonSerializer.Deserialize<PipelineConfig>(json, PipelineConfig.JsonOptions)
                ?? throw new PipelineException(PipelineException.BadConfig, $"'{source}' is empty");
        }
        catch (JsonException e)
        {
            throw new PipelineException(PipelineException.BadConfig, $"cannot read '{source}': {e.Message}");
        }

        if (config.Stages is null || config.Stages.Count == 0)
        {
            throw new PipelineException(PipelineException.BadConfig, $"'{source}' lists no stages");
        }

        var builder = new PipelineBuilder();
        foreach (var stage in config.Stages)
        {
            if (string.IsNullOrWhiteSpace(stage.Name))
            {
                throw new PipelineException(PipelineException.BadConfig, $"'{source}' has a stage without a name");
            }

            builder.Add(Create(stage.Name, new StageContext(stage.Options, modelsDirectory)));
        }

        return builder.Build();
    }
}

/// <summary>The contents of pipeline.json.</summary>
public sealed class PipelineConfig
{
    internal static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public List<StageConfig>? Stages { get; set; }
}

/// <summary>One stage entry of pipeline.json.</summary>
public sealed class StageConfig
{
    public string? Name { get; set; }

    public JsonElement? Options { get; set; }
}
