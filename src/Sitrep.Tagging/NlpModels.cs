namespace Sitrep.Tagging;

/// <summary>
/// Static factories for the shipped NLP models: each resolves <c>models/&lt;name&gt;/&lt;highest version&gt;/</c>,
/// verifies the manifest and loads once per process (later calls return the cached instance).
/// </summary>
public static class NlpModels
{
    public const string PosName = "en-pos";
    public const string ParserName = "en-parser";
    public const string NerName = "en-ner";

    public static PosModel Pos(string modelsDirectory) => ModelStore.GetOrLoad(ModelStore.Resolve(modelsDirectory, PosName), PosModel.Load);

    public static ParserModel Parser(string modelsDirectory) => ModelStore.GetOrLoad(ModelStore.Resolve(modelsDirectory, ParserName), ParserModel.Load);

    public static NerModel Ner(string modelsDirectory) => ModelStore.GetOrLoad(ModelStore.Resolve(modelsDirectory, NerName), NerModel.Load);
}
