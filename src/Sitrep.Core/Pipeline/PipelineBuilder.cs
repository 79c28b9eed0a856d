namespace Sitrep.Core.Pipeline;

/// <summary>Collects stages in order and builds a frozen <see cref="Pipeline"/> after checking each stage's inputs.</summary>
public sealed class PipelineBuilder
{
    private readonly List<IStage> _stages = [];

    public PipelineBuilder Add(IStage stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        _stages.Add(stage);
        return this;
    }

    public PipelineBuilder AddRange(IEnumerable<IStage> stages)
    {
        foreach (var stage in stages)
        {
            Add(stage);
        }

        return this;
    }

    /// <summary>Checks that every stage's required layers are assigned by an earlier stage, then freezes.</summary>
    /// <param name="initial">Layers present on documents before the first stage runs.</param>
    public Pipeline Build(IEnumerable<Layer>? initial = null)
    {
        var available = new HashSet<Layer>(initial ?? []);
        foreach (var stage in _stages)
        {
            foreach (var layer in stage.Requires)
            {
                if (!available.Contains(layer))
                {
                    throw new PipelineException(
                        PipelineException.MissingInput,
                        $"stage '{stage.Name}' requires layer {layer}, which no earlier stage assigns; add a stage that assigns {layer} before '{stage.Name}'");
                }
            }

            available.UnionWith(stage.Assigns);
        }

        return new Pipeline([.. _stages]);
    }
}
