using Sitrep.Core;

namespace Sitrep.Storage;

/// <summary>
/// The store of articles and their analyses. Every write of one document is one transaction: a crash leaves either
/// the whole analysis or none of it. Implementations: SQLite (default) and PostgreSQL; both fuse
/// (<see cref="Fusion.IFusionStore"/>).
/// </summary>
public partial interface ISitrepStore : Fusion.IFusionStore, IDisposable
{
    /// <summary>Stores an analysed document. Idempotent by content hash and pipeline/model versions.</summary>
    SaveOutcome Save(Document doc, string pipelineVersion, string? source, CancellationToken cancellationToken = default);

    /// <summary>
    /// Begins storing the analysis of <paramref name="doc"/> section by section (<see cref="IAnalysisWriter"/>):
    /// idempotent like <see cref="Save"/>, in one transaction. A store that cannot write part of an analysis gathers
    /// the sections and saves the document whole at the end.
    /// </summary>
    IAnalysisWriter BeginSave(Document doc, string pipelineVersion, string? source, CancellationToken cancellationToken = default) =>
        new GatheringAnalysisWriter(this, doc, pipelineVersion, source, cancellationToken);

    /// <summary>Stores a document that was not analysed (e.g. a language Sitrep does not analyse yet), with the reason.</summary>
    bool SaveUnanalysed(Document doc, string status, string? source, CancellationToken cancellationToken = default);

    /// <summary>Whether an article with this content hash is stored.</summary>
    bool Contains(string articleId);

    void RecordError(string input, string reason);

    StoreCounts Counts();

    IReadOnlyList<ArticleRow> ListArticles(ListFilter filter);

    IReadOnlyList<EventRow> ListEvents(ListFilter filter);

    IReadOnlyList<ClaimRow> ListClaims(ListFilter filter);

    IReadOnlyList<QuantityRow> ListQuantities(ListFilter filter);

    /// <summary>
    /// What the stored pages of an outlet share: of the given line hashes (<see cref="TextLines.Hash"/>), on how many
    /// stored pages of the outlet each occurs. The pages of <paramref name="excludeArticleId"/> (a report analysed
    /// again) are not counted, so a page never teaches itself.
    /// </summary>
    BoilerplateProfile OutletProfile(string outlet, IReadOnlyCollection<ulong> lineHashes, string? excludeArticleId = null);

    /// <summary>
    /// How many rows a list query matches in all, ignoring its limit and offset, so a cut list can say so:
    /// <paramref name="what"/> is articles, events, claims or quantities.
    /// </summary>
    long CountListed(string what, ListFilter filter);

    /// <summary>Full-text search over titles and the reports' own texts, best matches first.</summary>
    IReadOnlyList<ArticleRow> Search(string query, int limit = 20);
}
