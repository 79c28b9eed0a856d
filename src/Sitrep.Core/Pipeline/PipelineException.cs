namespace Sitrep.Core.Pipeline;

/// <summary>An error in assembling or configuring a pipeline, with a stable code (SITREP-Pnnn).</summary>
public sealed class PipelineException(string code, string message) : Exception($"{code}: {message}")
{
    public string Code { get; } = code;

    /// <summary>A stage requires a layer that no earlier stage assigns.</summary>
    public const string MissingInput = "SITREP-P001";

    /// <summary>A stage name is not registered.</summary>
    public const string UnknownStage = "SITREP-P002";

    /// <summary>The pipeline configuration cannot be read.</summary>
    public const string BadConfig = "SITREP-P003";

    /// <summary>A stage name was registered twice.</summary>
    public const string DuplicateStage = "SITREP-P004";
}
