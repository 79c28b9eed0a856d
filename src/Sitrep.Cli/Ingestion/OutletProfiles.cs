using Sitrep.Core;
using Sitrep.Storage;

namespace Sitrep.Cli.Ingestion;

/// <summary>
/// Gives each report what earlier pages of its outlet share, for the content stage: the store's counts of its lines
/// plus, within a batch analysed in parallel, the pages before it in input order that are not stored yet, so a batch
/// learns as if its pages were ingested one by one.
/// </summary>
public static class OutletProfiles
{
    public static IBoilerplateProfile?[] ForBatch(ISitrepStore store, IReadOnlyList<Document?> docs)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(docs);
        var profiles = new IBoilerplateProfile?[docs.Count];
        var earlier = new Dictionary<string, List<HashSet<ulong>>>(StringComparer.Ordinal);
        for (var i = 0; i < docs.Count; i++)
        {
            if (docs[i] is not { } doc || TextLines.OutletKey(doc.Url, doc.Outlet) is not { } outlet)
            {
                continue;
            }

            var hashes = TextLines.DistinctHashes(doc.Text);
            var stored = store.OutletProfile(outlet, hashes, doc.Id);
            if (!earlier.TryGetValue(outlet, out var before))
            {
                earlier[outlet] = before = [];
            }

            IBoilerplateProfile profile = before.Count == 0 ? stored : new Layered(stored, [.. before]);
            profiles[i] = profile;
            if (!store.Contains(doc.Id) && !MostlySeen(hashes, profile))
            {
                before.Add(hashes); // a second copy of an earlier page teaches nothing (as in the store)
            }
        }

        return profiles;
    }

    /// <summary>The profile of one report analysed on its own (a queue worker's message).</summary>
    public static IBoilerplateProfile? For(ISitrepStore store, Document doc)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(doc);
        return TextLines.OutletKey(doc.Url, doc.Outlet) is { } outlet ? store.OutletProfile(outlet, TextLines.DistinctHashes(doc.Text), doc.Id) : null;
    }

    private static bool MostlySeen(HashSet<ulong> hashes, IBoilerplateProfile profile) =>
        profile.Pages > 0 && hashes.Count > 0 && hashes.Count(h => profile.PagesWith(h) > 0) > 0.8 * hashes.Count;

    private sealed class Layered(IBoilerplateProfile stored, List<HashSet<ulong>> pages) : IBoilerplateProfile
    {
        public int Pages => stored.Pages + pages.Count;

        public int PagesWith(ulong lineHash)
        {
            var n = stored.PagesWith(lineHash);
            foreach (var p in pages)
            {
                n += p.Contains(lineHash) ? 1 : 0;
            }

            return n;
        }
    }
}
