using Sitrep.Core.Pipeline;
using Sitrep.Extraction;
using Sitrep.Text;

namespace Sitrep.Analysis;

/// <summary>Every stage Sitrep ships, under its versioned name. Add a line per new stage; never reuse a name.</summary>
public static class StageCatalog
{
    public static StageRegistry CreateRegistry()
    {
        var registry = new StageRegistry();
        registry.Register(Sitrep.Text.Content.ContentStage.StageName, _ => new Sitrep.Text.Content.ContentStage());
        registry.Register(Normalizer.StageName, _ => new Normalizer());
        registry.Register(Tokenizer.StageName, _ => new Tokenizer());
        registry.Register(SentenceSplitter.StageName, _ => new SentenceSplitter());
        registry.Register(LanguageGuesser.StageName, _ => new LanguageGuesser());
        // "sentences": "triggers" parses only the sentences where an event rule can fire (the only reader of the parse)
        var events = new EventExtractor();
        Sitrep.Tagging.NlpStages.Register(registry, new Dictionary<string, Sitrep.Tagging.SentenceSelector>(StringComparer.Ordinal) { ["triggers"] = events.MayFire });
        registry.Register(Sitrep.Geo.ToponymStage.StageName, _ => new Sitrep.Geo.ToponymStage());
        registry.Register(QuantityRecognizer.StageName, _ => new QuantityRecognizer());
        registry.Register(TimeRecognizer.StageName, _ => new TimeRecognizer());
        registry.Register(ActorResolver.StageName, _ => new ActorResolver());
        registry.Register(EventExtractor.StageName, _ => new EventExtractor());
        registry.Register(BackgroundMarker.StageName, _ => new BackgroundMarker());
        registry.Register(ClaimExtractor.StageName, _ => new ClaimExtractor());
        return registry;
    }
}
