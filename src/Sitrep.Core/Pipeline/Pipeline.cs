using System.Collections.Immutable;

namespace Sitrep.Core.Pipeline;

/// <summary>A frozen, ordered list of stages. Immutable and thread-safe: build once, reuse for every document.</summary>
public sealed class Pipeline
{
    internal Pipeline(ImmutableArray<IStage> stages)
    {
        Stages = stages;
        Version = string.Join("+", stages.Select(s => s.Name));
    }

    public ImmutableArray<IStage> Stages { get; }

    /// <summary>The stage names in order: recorded with every stored fact.</summary>
    public string Version { get; }

    public Document Process(Document doc, CancellationToken cancellationToken = default)
    {
        foreach (var stage in Stages)
        {
            cancellationToken.ThrowIfCancellationRequested();
            stage.Process(doc, cancellationToken);
            foreach (var layer in stage.Assigns)
            {
                doc.MarkAssigned(layer);
            }

            doc.Provenance[stage.Name] = stage is IVersionedStage v ? v.ModelVersion : "rules";
        }

        return doc;
    }
}

/// <summary>A stage backed by a model whose version is recorded with the facts it produces.</summary>
public interface IVersionedStage : IStage
{
    string ModelVersion { get; }
}
