using System.Diagnostics;

namespace Sitrep.Storage.Fusion;

/// <summary>Runs fusion on a store: reprint groups for new articles, then clusters, estimates and contradictions.</summary>
public static class Fuser
{
    /// <summary>Fuses the whole store, holding its fusion lock (so concurrent fusions never interleave).</summary>
    public static FusionStats Run(IFusionStore store, CancellationToken cancellationToken = default) =>
        Run(store, skipWhenCurrent: false, cancellationToken);

    /// <summary>
    /// Fuses the whole store while holding its fusion lock. With <paramref name="skipWhenCurrent"/>, a store whose last
    /// fusion already reflects everything stored (another worker fused after our last write) is left as it is, and that
    /// fusion's figures are returned.
    /// </summary>
    public static FusionStats Run(IFusionStore store, bool skipWhenCurrent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var watch = Stopwatch.StartNew();
        using var held = store.LockFusion(cancellationToken);
        if (skipWhenCurrent && store.LastFusionRun() is { InputStamp: { } stamp } last && stamp == store.FusionStamp())
        {
            var (_, reprintGroups) = store.ReprintCounts();
            return new FusionStats(0, (int)last.Articles, (int)reprintGroups, (int)last.Clusters, (int)last.Estimates, (int)last.Contradictions, watch.ElapsedMilliseconds);
        }

        // the stamp of what this run is sure to have grouped: an article saved after the reprint step is read by the load
        // below without its reprint group, so the run must not count it as fused (the next run fuses it properly)
        var grouped = store.FusionStamp();
        var newRows = store.AssignReprints(ReprintDetector.Default, cancellationToken);
        var reprintMs = watch.ElapsedMilliseconds;
        var input = store.LoadFusionInput(cancellationToken);
        var loadMs = watch.ElapsedMilliseconds;
        var result = FusionEngine.Fuse(input);
        var engineMs = watch.ElapsedMilliseconds;
        store.ReplaceFusion(result, input.Articles, watch.ElapsedMilliseconds, grouped, cancellationToken);
        var replaceMs = watch.ElapsedMilliseconds;
        var (_, groups) = store.ReprintCounts();
        return new FusionStats(newRows, input.Articles, (int)groups, result.Clusters.Count, result.Estimates.Count, result.Contradictions.Count, watch.ElapsedMilliseconds)
        {
            ReprintMilliseconds = reprintMs,
            LoadMilliseconds = loadMs - reprintMs,
            EngineMilliseconds = engineMs - loadMs,
            ReplaceMilliseconds = replaceMs - engineMs,
            Comparisons = result.ClusterComparisons + result.EstimateComparisons + result.DenialComparisons,
        };
    }
}
