using Sitrep.Core;
using Sitrep.Geo;

namespace Sitrep.Web.Exports;

/// <summary>
/// The ACLED coding of one event (docs/acled-export.md): disorder, event and sub-event types from its PLOVER type and
/// mode; actor types (inter1, inter2) from the actors' names and kinds; the interaction code; civilian targeting; the
/// administrative divisions of its place from the gazetteer.
/// </summary>
public sealed record AcledRow(
    string Disorder, string EventType, string SubType, int? Inter1, int? Inter2, int? Interaction, bool CivilianTargeting, string? Admin1, string? Admin2)
{
    /// <summary>ACLED's actor type of civilians.</summary>
    public const int Civilians = 7;

    private static readonly Lazy<IReadOnlyList<(int Code, string[] Words)>> Types = new(LoadTypes);

    public static AcledRow Of(EventBundle b)
    {
        ArgumentNullException.ThrowIfNull(b);
        var e = b.Event;
        var (disorder, eventType, subType) = Exporter.AcledTypes(e.Type, e.Mode);
        var inter1 = ActorType(e.Actor, b.ActorKinds);
        var inter2 = ActorType(e.Target, b.ActorKinds);
        // An armed attack on civilians is ACLED's "Violence against civilians", not a battle between armed groups.
        if (inter2 == Civilians && eventType == "Battles")
        {
            (eventType, subType) = ("Violence against civilians", "Attack");
        }

        // ACLED's territory sub-events depend on who takes it: a state's forces regain territory; a non-state group
        // overtakes it. A state taking ground it did not hold before is an armed clash.
        if (subType == "Non-state actor overtakes territory" && inter1 == 1)
        {
            subType = "Armed clash";
        }
        else if (subType == "Government regains territory" && inter1 is 2 or 3 or 4)
        {
            subType = "Non-state actor overtakes territory";
        }

        int? interaction = inter1 is { } i1 ? (inter2 is { } i2 ? (Math.Min(i1, i2) * 10) + Math.Max(i1, i2) : i1 * 10) : null;
        var civilianTargeting = disorder.StartsWith("Political violence", StringComparison.Ordinal) && (inter2 == Civilians || eventType == "Violence against civilians");
        var (admin1, admin2) = Divisions(e.GeonameId, e.Country, e.Admin1);
        return new AcledRow(disorder, eventType, subType, inter1, inter2, interaction, civilianTargeting, admin1, admin2);
    }

    /// <summary>
    /// ACLED's actor type (1 state forces … 8 external/other forces) by the words of the name (data/web/acled-actor-types.tsv),
    /// else 1 for a state or an armed force; null when neither says.
    /// </summary>
    public static int? ActorType(string? actor, IReadOnlyDictionary<string, string> kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        if (string.IsNullOrWhiteSpace(actor))
        {
            return null;
        }

        var words = Words(actor);
        foreach (var (code, phrase) in Types.Value)
        {
            for (var i = 0; i + phrase.Length <= words.Length; i++)
            {
                if (phrase.AsSpan().SequenceEqual(words.AsSpan(i, phrase.Length)))
                {
                    return code;
                }
            }
        }

        return kinds.TryGetValue(actor, out var kind) && kind is "state" or "armed force" ? 1 : null;
    }

    /// <summary>Names of the first- and second-level divisions of a place, from the gazetteer by its GeoNames id.</summary>
    private static (string? Admin1, string? Admin2) Divisions(long? geonameId, string? country, string? admin1Code)
    {
        if (country is null)
        {
            return (null, null);
        }

        var gazetteer = Gazetteer.Default;
        var entry = geonameId is { } id ? gazetteer.ById(id) : null;
        var a1 = entry?.Admin1 ?? admin1Code;
        if (a1 is null || entry?.Kind is PlaceKind.Country or PlaceKind.Region)
        {
            return (null, null);
        }

        var admin1 = entry?.Kind == PlaceKind.Admin1 ? entry.Name : gazetteer.Admin1(country, a1)?.Name;
        string? admin2 = null;
        if (entry is { Admin2: { } a2 } && entry.Kind is PlaceKind.Populated or PlaceKind.Admin2)
        {
            admin2 = entry.Kind == PlaceKind.Admin2 ? entry.Name : gazetteer.Admin2(country, a1, a2)?.Name;
        }

        return (admin1, admin2);
    }

    private static string[] Words(string s) =>
        s.ToLowerInvariant().Split([' ', '\t', ',', '.', '(', ')', '\'', '’', '"', '/', ':', ';'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w != "s").ToArray();

    private static List<(int, string[])> LoadTypes() =>
        [.. Lexicon.Lines(typeof(AcledRow).Assembly, "acled-actor-types.tsv").Select(line =>
        {
            var cols = line.Split('\t', 2, StringSplitOptions.TrimEntries);
            if (cols.Length < 2 || !int.TryParse(cols[0], System.Globalization.CultureInfo.InvariantCulture, out var code) || code is < 1 or > 8)
            {
                throw new InvalidOperationException($"acled-actor-types.tsv: line '{line}' needs an ACLED actor type 1-8 and words, separated by a tab");
            }

            return (code, Words(cols[1]));
        })];
}
