using Sitrep.Core;

namespace Sitrep.Storage;

/// <summary>
/// Stores the analysis of one long document whose facts arrive section by section (a text analysed in sections):
/// everything is written in one transaction, so a crash or a cancellation leaves the whole analysis or none of it,
/// and nothing of a section needs to stay in memory once it is written. Used by one thread from
/// <see cref="ISitrepStore.BeginSave"/> to <see cref="Complete"/> or <see cref="IDisposable.Dispose"/> (which,
/// without <see cref="Complete"/>, stores nothing).
/// </summary>
public interface IAnalysisWriter : IDisposable
{
    /// <summary>
    /// Writes the events, quantities, claims, times and mentions of <paramref name="section"/> (offsets into the whole
    /// text; place ids those of the whole document's places). Returns false when the same analysis of the text is
    /// stored already: nothing more needs analysing and <see cref="Complete"/> will answer unchanged.
    /// </summary>
    bool Write(Document section);

    /// <summary>Writes what the whole document knows at its end (actors, places, content, language) and commits.</summary>
    SaveOutcome Complete();
}

/// <summary>
/// The writer of a store that takes an analysis only whole: it gathers the sections' facts into the document and
/// saves it at the end, in the memory that takes.
/// </summary>
public sealed class GatheringAnalysisWriter(ISitrepStore store, Document whole, string pipelineVersion, string? source, CancellationToken cancellationToken) : IAnalysisWriter
{
    public bool Write(Document section)
    {
        ArgumentNullException.ThrowIfNull(section);
        if (ReferenceEquals(section, whole))
        {
            return true;
        }

        whole.Times.AddRange(section.Times);
        whole.Events.AddRange(section.Events);
        whole.Quantities.AddRange(section.Quantities);
        whole.Claims.AddRange(section.Claims);
        whole.Mentions.AddRange(section.Mentions);
        whole.ActorMentions.AddRange(section.ActorMentions);
        return true;
    }

    public SaveOutcome Complete() => store.Save(whole, pipelineVersion, source, cancellationToken);

    public void Dispose()
    {
    }
}
