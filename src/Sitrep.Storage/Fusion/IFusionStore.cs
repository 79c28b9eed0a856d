namespace Sitrep.Storage.Fusion;

/// <summary>
/// What fusion needs from a store: reprint groups, the facts of the current analyses, and a place to keep clusters,
/// estimates and contradictions; plus the queries over them. Every <see cref="ISitrepStore"/> implements it (SQLite and
/// PostgreSQL, with the same tables).
/// </summary>
public interface IFusionStore
{
    /// <summary>Gives every article without one a reprint group (MinHash near-duplicates); returns how many. Resumable.</summary>
    int AssignReprints(ReprintDetector detector, CancellationToken cancellationToken = default);

    /// <summary>The facts of all current analyses, each with its article's reprint group.</summary>
    FusionInput LoadFusionInput(CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the stored clusters, estimates and contradictions in one transaction, recording the change stamp of the
    /// writes the fusion fully reflects (taken before reprint grouping, so a later article is fused again next time).
    /// </summary>
    void ReplaceFusion(FusionResult result, int articles, long milliseconds, string? inputStamp, CancellationToken cancellationToken = default);

    /// <summary>
    /// Holds the store's fusion lock until disposed: fusions of one store run one after another (on PostgreSQL across
    /// processes and machines, so that many workers may fuse the same database). Waits while another holds it.
    /// </summary>
    IDisposable LockFusion(CancellationToken cancellationToken = default);

    /// <summary>A token that changes whenever an article or an analysis is stored: the version of fusion's input.</summary>
    string FusionStamp();

    /// <summary>The latest stored fusion, or null when the store was never fused.</summary>
    FusionRun? LastFusionRun();

    /// <summary>The reprint group of an article, or null when it has none yet.</summary>
    string? ReprintGroupOf(string articleId);

    /// <summary>Number of articles with a reprint group, and number of distinct groups.</summary>
    (long Articles, long Groups) ReprintCounts();

    IReadOnlyList<ClusterRow> ListClusters(ClusterFilter filter);

    ClusterRow? GetCluster(string clusterId);

    IReadOnlyList<ClusterMember> ClusterMembers(string clusterId);

    /// <summary>The claims about the events of a cluster, from every report in it.</summary>
    IReadOnlyList<ClaimRow> ClusterClaims(string clusterId);

    IReadOnlyList<EstimateRow> ListEstimates(string? unit, string? place, string? owner, int limit = 500);

    IReadOnlyList<ContradictionRow> ListContradictions(string? kind = null, int limit = 500);

    /// <summary>Every analysis revision of an article, oldest first, with its facts as comparable lines.</summary>
    IReadOnlyList<RevisionRow> ArticleRevisions(string articleId);

    /// <summary>Articles whose id starts with the prefix (for ids typed by hand).</summary>
    IReadOnlyList<string> ArticleIdsStartingWith(string prefix, int limit = 5);

    /// <summary>Coordinates of a place by name, from the places that analyses resolved; null when none has them.</summary>
    (string Name, double Lat, double Lon)? ResolvePlace(string name);
}
