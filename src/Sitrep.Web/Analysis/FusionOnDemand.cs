using Sitrep.Storage;
using Sitrep.Storage.Fusion;

namespace Sitrep.Web.Analysis;

/// <summary>
/// The views group reports into events only through fusion (one implementation for every view). A store that was never
/// fused (written by a tool that does not fuse, or by workers whose fusion process has not run yet) is fused the first
/// time a view needs its clusters; later changes are fused by ingest, `sitrep fuse` or `sitrep fuse --every`.
/// </summary>
public static class FusionOnDemand
{
    /// <summary>Fuses the store when it holds articles but no fusion run; returns whether it fused.</summary>
    public static bool EnsureFused(ISitrepStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (store.LastFusionRun() is not null)
        {
            return false;
        }

        // Fuser holds the store's fusion lock, and skips the work when another caller fused meanwhile.
        Fuser.Run(store, skipWhenCurrent: true);
        return true;
    }
}
