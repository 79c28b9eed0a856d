using Sitrep.Core;
using Sitrep.Core.Pipeline;
using Sitrep.Queue;
using Sitrep.Storage;

namespace Sitrep.Cli.Ingestion;

/// <summary>What a worker does with one queued article: analyse it and store it in one transaction.</summary>
public sealed class ArticleProcessor(ISitrepStore store, Pipeline pipeline)
{
    /// <summary>Languages the pipeline analyses; others are stored as "not analysed: xx", as ingest does.</summary>
    public IReadOnlySet<string> AnalysedLanguages { get; init; } = new HashSet<string>(StringComparer.Ordinal) { "en" };

    /// <summary>Analyses and stores; returns what the store did ("stored", "unchanged", "revised", "not analysed").</summary>
    public string Process(ArticleMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var doc = new Document(message.Text, message.Title, message.Url, message.Outlet, message.PublishedDate, message.Language);
        doc.Boilerplate = OutletProfiles.For(store, doc);
        if (LongTextIngest.Applies(doc)
            && LongTextIngest.AnalyseAndSave(store, pipeline, doc, message.Source, AnalysedLanguages, null, cancellationToken) is { } saved)
        {
            return Describe(saved);
        }

        if (!LongTextIngest.Applies(doc))
        {
            Sitrep.Analysis.SectionedAnalysis.Process(pipeline, doc, cancellationToken: cancellationToken);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (doc.Language is { } lang && lang != "und" && !AnalysedLanguages.Contains(lang))
        {
            var bare = new Document(doc.Text, doc.Title, doc.Url, doc.Outlet, doc.Published, lang);
            return store.SaveUnanalysed(bare, $"not analysed: {lang}", message.Source, cancellationToken) ? "not analysed" : "unchanged";
        }

        return Describe(store.Save(doc, pipeline.Version, message.Source, cancellationToken));
    }

    private static string Describe(SaveOutcome outcome) => outcome switch
    {
        SaveOutcome.Stored => "stored",
        SaveOutcome.Revised => "revised",
        _ => "unchanged",
    };
}
