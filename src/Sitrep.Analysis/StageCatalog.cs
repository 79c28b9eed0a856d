using Sitrep.Core.Pipeline;
using Sitrep.Text;

namespace Sitrep.Analysis;

/// <summary>Every stage Sitrep ships, under its versioned name. Add a line per new stage; never reuse a name.</summary>
public static class StageCatalog
{
    public static StageRegistry CreateRegistry()
    {
        var registry = new StageRegistry();
        registry.Register(Normalizer.StageName, _ => new Normalizer());
        registry.Register(Tokenizer.StageName, _ => new Tokenizer());
        registry.Register(SentenceSplitter.StageName, _ => new SentenceSplitter());
        registry.Register(LanguageGuesser.StageName, _ => new LanguageGuesser());
        return registry;
    }
}
