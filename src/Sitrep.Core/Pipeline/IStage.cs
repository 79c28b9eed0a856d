namespace Sitrep.Core.Pipeline;

/// <summary>
/// One step of the analysis. A stage declares the layers it requires and assigns; it must be safe to call from
/// many threads at once (keep per-document state in locals, models immutable).
/// </summary>
public interface IStage
{
    /// <summary>The registered, versioned name, e.g. "sitrep.Tokenizer.v1".</summary>
    string Name { get; }

    IReadOnlyList<Layer> Requires { get; }

    IReadOnlyList<Layer> Assigns { get; }

    void Process(Document doc, CancellationToken cancellationToken);
}
