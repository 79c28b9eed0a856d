namespace Sitrep.Core;

/// <summary>The annotation layers a stage can require or assign.</summary>
public enum Layer
{
    Normalized,
    Tokens,
    Sentences,
    PartOfSpeech,
    Dependencies,
    Mentions,
    Places,
    Quantities,
    Times,
    Actors,
    Events,
    Claims,
    Language,

    /// <summary>Which spans of the original text are the report's own content (<see cref="Document.Content"/>).</summary>
    Content,
}
