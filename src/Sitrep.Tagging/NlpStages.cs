using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Sitrep.Core;
using Sitrep.Core.Pipeline;

namespace Sitrep.Tagging;

/// <summary>Registers the trained NLP stages under their versioned names.</summary>
public static class NlpStages
{
    /// <summary>
    /// Registers the stages. <paramref name="sentenceSelections"/> names the sentence selections the parser accepts
    /// as its "sentences" option besides "all" (e.g. "triggers": the sentences where an event rule can fire).
    /// </summary>
    public static StageRegistry Register(StageRegistry registry, IReadOnlyDictionary<string, SentenceSelector>? sentenceSelections = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Register(PosTaggerStage.StageName, ctx => PosTaggerStage.FromModels(ctx.ModelsDirectory));
        registry.Register(DependencyParserStage.StageName, ctx =>
        {
            var selection = SentencesOption(ctx.Options);
            if (selection == DependencyParserStage.AllSentences)
            {
                return DependencyParserStage.FromModels(ctx.ModelsDirectory);
            }

            if (sentenceSelections is null || !sentenceSelections.TryGetValue(selection, out var selector))
            {
                var known = string.Join(", ", new[] { DependencyParserStage.AllSentences }.Concat(sentenceSelections?.Keys.Order(StringComparer.Ordinal) ?? Enumerable.Empty<string>()));
                throw new PipelineException(PipelineException.BadConfig, $"{DependencyParserStage.StageName}: unknown \"sentences\" option '{selection}'; known: {known}");
            }

            return new DependencyParserStage(NlpModels.Parser(ctx.ModelsDirectory), selector, selection);
        });
        registry.Register(EntityRecognizerStage.StageName, ctx => EntityRecognizerStage.FromModels(ctx.ModelsDirectory));
        return registry;
    }

    /// <summary>The parser's "sentences" option ("all" when absent).</summary>
    private static string SentencesOption(System.Text.Json.JsonElement? options)
    {
        if (options is not { ValueKind: System.Text.Json.JsonValueKind.Object } o || !o.TryGetProperty("sentences", out var v))
        {
            return DependencyParserStage.AllSentences;
        }

        return v.ValueKind == System.Text.Json.JsonValueKind.String && v.GetString() is { Length: > 0 } name
            ? name
            : throw new PipelineException(PipelineException.BadConfig, $"{DependencyParserStage.StageName}: the \"sentences\" option must be a name");
    }

    private static readonly ConditionalWeakTable<Document, WordInfo[]> WordCache = new();

    /// <summary>
    /// The word hashes of every token of a document, computed once and shared by the tagger, parser and recogniser
    /// (recomputed when the token layer has changed length).
    /// </summary>
    internal static WordInfo[] DocumentWords(Document doc)
    {
        var forms = CollectionsMarshal.AsSpan(doc.Tokens.Forms);
        if (WordCache.TryGetValue(doc, out var cached) && cached.Length == forms.Length)
        {
            return cached;
        }

        var words = new WordInfo[forms.Length];
        for (var i = 0; i < words.Length; i++)
        {
            words[i] = WordInfo.Of(forms[i]);
        }

        WordCache.AddOrUpdate(doc, words);
        return words;
    }

    internal static ReadOnlySpan<WordInfo> Words(WordInfo[] all, SentenceRange range) => all.AsSpan(range.First, range.End - range.First);

    internal static bool Valid(Document doc, SentenceRange r) => r.First >= 0 && r.End <= doc.Tokens.Count && r.End > r.First;
}

/// <summary>sitrep.PosTagger.v1: UPOS and XPOS for every token (requires Tokens and Sentences).</summary>
public sealed class PosTaggerStage(PosModel model) : IStage
{
    public const string StageName = "sitrep.PosTagger.v1";

    public string Name => StageName;

    public IReadOnlyList<Layer> Requires { get; } = [Layer.Tokens, Layer.Sentences];

    public IReadOnlyList<Layer> Assigns { get; } = [Layer.PartOfSpeech];

    public PosModel Model { get; } = model ?? throw new ArgumentNullException(nameof(model));

    public static PosTaggerStage FromModels(string modelsDirectory) => new(NlpModels.Pos(modelsDirectory));

    public void Process(Document doc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(doc);
        var all = NlpStages.DocumentWords(doc);
        var buffer = new int[64];
        foreach (var range in doc.SentenceRanges)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!NlpStages.Valid(doc, range))
            {
                continue;
            }

            var words = NlpStages.Words(all, range);
            if (buffer.Length < words.Length)
            {
                buffer = new int[words.Length];
            }

            var classes = buffer.AsSpan(0, words.Length);
            Model.Tag(words, classes);
            for (var i = 0; i < words.Length; i++)
            {
                doc.Tokens.Upos[range.First + i] = Model.Upos[classes[i]];
                doc.Tokens.Xpos[range.First + i] = Model.Xpos[classes[i]];
            }
        }

        doc.Provenance[StageName] = Model.Manifest is { } m ? $"{m.Name} {m.Version}" : "unversioned";
        doc.MarkAssigned(Layer.PartOfSpeech);
    }
}

/// <summary>Whether a sentence (a token range of the document) is to be parsed.</summary>
public delegate bool SentenceSelector(Document doc, SentenceRange sentence);

/// <summary>
/// sitrep.DependencyParser.v1: heads (document token index, -1 root) and UD relations (requires PartOfSpeech).
/// With a sentence selector only the selected sentences are parsed; the tokens of the others keep head -1 and no
/// relation (<see cref="IsParsed"/> tells them apart).
/// </summary>
public sealed class DependencyParserStage(ParserModel model, SentenceSelector? selector = null, string selection = DependencyParserStage.AllSentences) : IVersionedStage
{
    public const string StageName = "sitrep.DependencyParser.v1";

    /// <summary>The "sentences" option that parses every sentence (the default).</summary>
    public const string AllSentences = "all";

    /// <summary>The name of the sentence selection ("all" or the option value).</summary>
    public string Selection { get; } = selection;

    /// <summary>The model's name and version, and the sentence selection when it is not "all".</summary>
    public string ModelVersion => (Model.Manifest is { } m ? $"{m.Name} {m.Version}" : "unversioned") + (selector is null ? "" : $" (sentences: {Selection})");

    /// <summary>Sentences longer than this are parsed as consecutive chunks, which bounds the cost of run-on input.</summary>
    public const int MaxSentenceTokens = 400;

    public string Name => StageName;

    public IReadOnlyList<Layer> Requires { get; } = [Layer.Tokens, Layer.Sentences, Layer.PartOfSpeech];

    public IReadOnlyList<Layer> Assigns { get; } = [Layer.Dependencies];

    public ParserModel Model { get; } = model ?? throw new ArgumentNullException(nameof(model));

    public static DependencyParserStage FromModels(string modelsDirectory) => new(NlpModels.Parser(modelsDirectory));

    /// <summary>Whether the sentence holding <paramref name="token"/> was parsed (every parsed token has a relation).</summary>
    public static bool IsParsed(Document doc, int token)
    {
        ArgumentNullException.ThrowIfNull(doc);
        return doc.Has(Layer.Dependencies) && token >= 0 && token < doc.Tokens.DepLabels.Count && doc.Tokens.DepLabels[token] is not null;
    }

    public void Process(Document doc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(doc);
        var all = NlpStages.DocumentWords(doc);
        foreach (var whole in doc.SentenceRanges)
        {
            if (!NlpStages.Valid(doc, whole) || selector is not null && !selector(doc, whole))
            {
                continue;
            }

            for (var first = whole.First; first < whole.End; first += MaxSentenceTokens)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var range = new SentenceRange(first, Math.Min(whole.End, first + MaxSentenceTokens));
                var words = NlpStages.Words(all, range);
                var tags = new ulong[words.Length];
                for (var i = 0; i < words.Length; i++)
                {
                    tags[i] = FeatureHash.Of(doc.Tokens.Xpos[range.First + i] ?? "_");
                }

                var heads = new int[words.Length];
                var labels = new int[words.Length];
                Model.Parse(words, tags, heads, labels);
                for (var i = 0; i < words.Length; i++)
                {
                    doc.Tokens.Heads[range.First + i] = heads[i] < 0 ? -1 : range.First + heads[i];
                    doc.Tokens.DepLabels[range.First + i] = Model.Labels[labels[i]];
                }
            }
        }

        doc.Provenance[StageName] = ModelVersion;
        doc.MarkAssigned(Layer.Dependencies);
    }
}

/// <summary>
/// sitrep.EntityRecognizer.v1: named-entity mentions with Sitrep types (PER, ORG, GPE, LOC, NORP, MISC) and BIO
/// entity tags per token. The model predicts CoNLL types; LOC mentions that name a country, first-level division or
/// city in the gazetteer become GPE, and MISC mentions that are demonyms become NORP.
/// </summary>
public sealed class EntityRecognizerStage(NerModel model) : IStage
{
    public const string StageName = "sitrep.EntityRecognizer.v1";

    public string Name => StageName;

    public IReadOnlyList<Layer> Requires { get; } = [Layer.Tokens, Layer.Sentences];

    public IReadOnlyList<Layer> Assigns { get; } = [Layer.Mentions];

    public NerModel Model { get; } = model ?? throw new ArgumentNullException(nameof(model));

    public static EntityRecognizerStage FromModels(string modelsDirectory) => new(NlpModels.Ner(modelsDirectory));

    public void Process(Document doc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(doc);
        var ctx = new NerDocumentContext(Model.Types.Length);
        var all = NlpStages.DocumentWords(doc);
        var sentences = new List<SentenceRange>(doc.SentenceRanges.Count);
        foreach (var range in doc.SentenceRanges)
        {
            if (!NlpStages.Valid(doc, range))
            {
                continue;
            }

            ctx.Observe(NlpStages.Words(all, range), doc.Tokens.Forms, range.First);
            sentences.Add(range);
        }

        var buffer = new int[64];

        for (var t = 0; t < doc.Tokens.Count; t++)
        {
            doc.Tokens.EntityTags[t] = "O";
        }

        foreach (var range in sentences)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var words = NlpStages.Words(all, range);
            if (buffer.Length < words.Length)
            {
                buffer = new int[words.Length];
            }

            var classes = buffer.AsSpan(0, words.Length);
            Model.Tag(words, ctx, classes);
            foreach (var chunk in Model.Chunks(classes))
            {
                var type = SitrepType(chunk, words);
                var first = range.First + chunk.Start;
                var last = range.First + chunk.End - 1;
                var span = new TextSpan(doc.Tokens.Starts[first], doc.Tokens.Ends[last]);
                doc.Mentions.Add(new Mention(span, type, doc.TextOf(span)));
                doc.Tokens.EntityTags[first] = "B-" + type;
                for (var i = first + 1; i <= last; i++)
                {
                    doc.Tokens.EntityTags[i] = "I-" + type;
                }
            }
        }

        doc.Provenance[StageName] = Model.Manifest is { } m ? $"{m.Name} {m.Version}" : "unversioned";
        doc.MarkAssigned(Layer.Mentions);
    }

    /// <summary>Maps a CoNLL type to Sitrep's mention type using the model's lexicon.</summary>
    public string SitrepType(EntityChunk chunk, ReadOnlySpan<WordInfo> words)
    {
        var start = chunk.Start;
        // "the Netherlands", "the Gambia": look the name up without a leading article.
        var cls = Model.Lexicon.Lookup(words, start, chunk.End - start);
        if (cls == LexiconClass.None && chunk.End - start > 1 && words[start].Lower == The)
        {
            cls = Model.Lexicon.Lookup(words, start + 1, chunk.End - start - 1);
        }

        return chunk.Type switch
        {
            "LOC" when (cls & (LexiconClass.Country | LexiconClass.City | LexiconClass.Admin1)) != 0 && (cls & LexiconClass.Region) == 0 => "GPE",
            "MISC" when (cls & LexiconClass.Demonym) != 0 => "NORP",
            "MISC" when chunk.End - start > 1 && (Model.Lexicon.Lookup(words, chunk.End - 1, 1) & LexiconClass.Demonym) != 0
                && (Model.Lexicon.Lookup(words, start, chunk.End - start - 1) & (LexiconClass.Country | LexiconClass.Region)) != 0 => "NORP",
            _ => chunk.Type,
        };
    }

    private static readonly ulong The = FeatureHash.OfLower("the");
}
