using System.Diagnostics;
using System.Globalization;
using Sitrep.Storage.Fusion;

namespace Sitrep.Cli.Ingestion;

/// <summary>
/// Fusion during an ingest: after every batch the new articles get their reprint groups (incremental), and the
/// clusters, estimates and contradictions are recomputed whenever the time since the last recomputation is at least
/// ten times what it cost, so fusion stays under about a tenth of the ingest time on a large store; the pacing counts
/// the store's last fusion by any process, so many workers on one database do not each recompute; <see cref="Finish"/>
/// recomputes once more at the end so the store is always fused when the command returns. Recomputations hold the
/// store's fusion lock and are skipped when another process already fused everything stored (many workers on one
/// PostgreSQL database).
/// </summary>
public sealed class BatchFusion(IFusionStore store)
{
    private readonly Stopwatch _sinceLast = Stopwatch.StartNew();
    private long _lastCostMs;
    private bool _pending;

    public FusionStats? Last { get; private set; }

    public void AfterBatch(IngestSummary summary, CancellationToken cancellationToken) => AfterBatch(cancellationToken);

    /// <summary>Groups the new articles' reprints, and recomputes the fusion when it is due.</summary>
    public void AfterBatch(CancellationToken cancellationToken)
    {
        store.AssignReprints(ReprintDetector.Default, cancellationToken);
        _pending = true;
        if (_sinceLast.ElapsedMilliseconds < 10 * _lastCostMs)
        {
            return;
        }

        // Another process (a second worker on the same database) may have fused since: pace by the newest run.
        if (store.LastFusionRun() is { } last
            && DateTimeOffset.TryParse(last.At, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            && (DateTimeOffset.UtcNow - at).TotalMilliseconds < 10 * Math.Max(last.Milliseconds, _lastCostMs))
        {
            return;
        }

        Fuse(cancellationToken);
    }

    /// <summary>Recomputes if a batch came in since the last recomputation.</summary>
    public FusionStats? Finish(CancellationToken cancellationToken)
    {
        if (_pending)
        {
            Fuse(cancellationToken);
        }

        return Last;
    }

    private void Fuse(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        Last = Fuser.Run(store, skipWhenCurrent: true, cancellationToken);
        _lastCostMs = watch.ElapsedMilliseconds;
        _sinceLast.Restart();
        _pending = false;
    }
}
