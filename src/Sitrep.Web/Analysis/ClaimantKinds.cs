using Sitrep.Core;
using Sitrep.Storage;

namespace Sitrep.Web.Analysis;

/// <summary>
/// The kind of a claimant: official, media, NGO (and international bodies, researchers), the article itself (no
/// claimant: the report's own voice), or other. The views colour estimates by kind, not by source, so a chart stays
/// readable with fifty sources. Words come from data/web/claimant-kinds.tsv.
/// </summary>
public static class ClaimantKinds
{
    public const string Official = "official";
    public const string Media = "media";
    public const string Ngo = "ngo";
    public const string Article = "article";
    public const string Other = "other";

    /// <summary>The kinds in legend order.</summary>
    public static readonly IReadOnlyList<string> All = [Official, Media, Ngo, Article, Other];

    private static readonly Lazy<IReadOnlyList<(string Kind, string[] Words)>> Rules = new(Load);

    /// <summary>The kind of a claimant's name by its words; null when no word says.</summary>
    public static string? ByName(string? claimant)
    {
        if (string.IsNullOrWhiteSpace(claimant))
        {
            return null;
        }

        var words = Words(claimant);
        foreach (var (kind, phrase) in Rules.Value)
        {
            for (var i = 0; i + phrase.Length <= words.Length; i++)
            {
                if (phrase.AsSpan().SequenceEqual(words.AsSpan(i, phrase.Length)))
                {
                    return kind;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The kind of each claimant of the estimates (null claimant: the article itself), by name, else by the actor kind
    /// the store records (states, armed forces and affiliated persons are official).
    /// </summary>
    public static Dictionary<string, string> Classify(ISitrepStore store, IEnumerable<QuantityRecord> estimates)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(estimates);
        var kinds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var q in estimates)
        {
            var label = Label(q);
            if (kinds.ContainsKey(label))
            {
                continue;
            }

            kinds[label] = q.Claimant is null ? Article : ByName(q.Claimant) ?? ByActor(store, q.Claimant);
        }

        return kinds;
    }

    /// <summary>How the views name an estimate's source: its claimant, else the outlet whose own voice gives it.</summary>
    public static string Label(QuantityRecord q)
    {
        ArgumentNullException.ThrowIfNull(q);
        return q.Claimant ?? q.Outlet ?? "the report";
    }

    private static string ByActor(ISitrepStore store, string claimant)
    {
        var actor = store.ListActors(new FactQuery { Actor = claimant, Limit = 20 })
            .FirstOrDefault(a => string.Equals(a.Name, claimant, StringComparison.OrdinalIgnoreCase));
        return actor?.Kind switch
        {
            "state" or "armed force" => Official,
            "person" when actor.Affiliation is not null => Official,
            _ => Other,
        };
    }

    private static string[] Words(string s) =>
        s.ToLowerInvariant().Split([' ', '\t', ',', '.', '(', ')', '\'', '’', '"', '-', '/', ':', ';'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w != "s").ToArray();

    private static List<(string, string[])> Load() =>
        [.. Lexicon.Lines(typeof(ClaimantKinds).Assembly, "claimant-kinds.tsv").Select(line =>
        {
            var cols = line.Split('\t', 2, StringSplitOptions.TrimEntries);
            if (cols.Length < 2 || !All.Contains(cols[0]))
            {
                throw new InvalidOperationException($"claimant-kinds.tsv: line '{line}' needs a kind ({string.Join(", ", All)}) and words, separated by a tab");
            }

            return (cols[0], Words(cols[1]));
        })];
}
