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
}
