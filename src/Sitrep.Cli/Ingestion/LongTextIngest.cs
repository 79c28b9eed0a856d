using Sitrep.Analysis;
using Sitrep.Core;
using Sitrep.Core.Pipeline;
using Sitrep.Storage;

namespace Sitrep.Cli.Ingestion;

/// <summary>
/// Analyses a text longer than <see cref="SectionedAnalysis.SectionChars"/> section by section and stores each
/// section's facts as soon as it is analysed, all in one transaction: memory holds a few sections, the text and the
/// document's places and actors, however long the text. A text already stored with the same analysis stops after
/// its first section.
/// </summary>
public static class LongTextIngest
{
    /// <summary>Whether <paramref name="doc"/> is analysed and stored section by section.</summary>
    public static bool Applies(Document doc) => doc.Text.Length > SectionedAnalysis.SectionChars;

    /// <summary>
    /// Analyses and stores <paramref name="doc"/>; null when its text turned out to be in a language that is not
    /// analysed (nothing is stored then, and <see cref="Document.Language"/> says which).
    /// </summary>
    public static SaveOutcome? AnalyseAndSave(
        ISitrepStore store,
        Pipeline pipeline,
        Document doc,
        string? source,
        IReadOnlySet<string> analysedLanguages,
        Action<AnalysisProgress>? progress,
        CancellationToken cancellationToken,
        int sectionChars = SectionedAnalysis.SectionChars)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(doc);
        ArgumentNullException.ThrowIfNull(analysedLanguages);
        using var writer = store.BeginSave(doc, pipeline.Version, source, cancellationToken);
        var whole = SectionedAnalysis.Stream(pipeline, doc, (_, section) => writer.Write(section), progress, cancellationToken, sectionChars);
        if (whole && doc.Language is { } lang && lang != "und" && !analysedLanguages.Contains(lang))
        {
            return null; // the writer is disposed without completing: nothing of the analysis is stored
        }

        return writer.Complete();
    }
}
