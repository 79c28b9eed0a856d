using System.Diagnostics;

namespace Sitrep.Storage.Fusion;

/// <summary>Runs fusion on a store: reprint groups for new articles, then clusters, estimates and contradictions.</summary>
public static class Fuser
{
    public static FusionStats Run(IFusionStore store, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var newRows = store.AssignReprints(ReprintDetector.Default, cancellationToken);
        var input = store.LoadFusionInput(cancellationToken);
        var result = FusionEngine.Fuse(input);
        store.ReplaceFusion(result, input.Articles, watch.ElapsedMilliseconds, cancellationToken);
        var (_, groups) = store.ReprintCounts();
        return new FusionStats(newRows, input.Articles, (int)groups, result.Clusters.Count, result.Estimates.Count, result.Contradictions.Count, watch.ElapsedMilliseconds);
    }
}
