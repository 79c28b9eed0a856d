using Sitrep.Core;

namespace Sitrep.Extraction;

/// <summary>
/// Resolves phrases that name a side by its role (data/extraction/role-phrases.tsv) to the actors the text gives
/// them: "the aggressor", "the enemy", "the occupiers" → the state the text shows attacking (the most frequent state
/// agent of its attacks, else the state whose forces it names most); "the two sides" → the two sides of its last
/// two-sided event between states, else its two most named states.
/// </summary>
internal static class RolePhraseResolver
{
    /// <summary>The role kind of a phrase ("hostile", "dyad") or null.</summary>
    public static string? KindOf(string? phrase)
    {
        if (string.IsNullOrWhiteSpace(phrase))
        {
            return null;
        }

        var words = PhraseIndex<string>.Split(phrase);
        var k = 0;
        while (k < words.Length && words[k].ToLowerInvariant() is "the" or "our" or "their" or "its")
        {
            k++;
        }

        return k < words.Length && EventLexicon.Default.RolePhrases.TryMatch(words, k, words.Length, out var len, out var kind) && k + len == words.Length ? kind : null;
    }

    /// <summary>The state "the aggressor" stands for in this document, or null when the text names none.</summary>
    /// <param name="unphrased">
    /// the document's lower-case words, when no hostile phrase ("the enemy") names the side here ("the 2022 invasion"):
    /// then the side whose towns a report does not name is its enemy only when the report speaks of an enemy somewhere (a
    /// report on refugees in a neighbouring state names the towns they fled, not a war between the two)
    /// </param>
    public static string? Hostile(Document doc, ExtractionLexicon lex, string[]? unphrased = null)
    {
        var agents = doc.Events.Where(e => e.Type == "ASSAULT" && e.Actor is not null && lex.CountryByName.ContainsKey(e.Actor))
            .GroupBy(e => e.Actor!, StringComparer.Ordinal).Select(g => (Name: g.Key, Count: g.Count())).OrderByDescending(x => x.Count).ToList();
        if (agents.Count > 0 && (agents.Count == 1 || agents[0].Count > agents[1].Count))
        {
            return agents[0].Name;
        }

        var forces = StatesByForces(doc);
        if (forces.Count > 0 && (forces.Count == 1 || forces[0].Count > forces[1].Count))
        {
            return forces[0].Name;
        }

        // a report from the front of one side of the text's two-state conflict: the enemy is the other side, the side
        // whose towns and regions the text does not name
        // (a text that names only two states, however often, is about those two)
        if (unphrased is not null && !SpeaksOfEnemy(unphrased))
        {
            return null;
        }

        var states = doc.Actors.Where(x => x.Kind == ActorKind.State).ToList();
        var dyad = MainDyad(doc) ?? (states.Count == 2 ? (states[0].Name, states[1].Name) : null);
        if (dyad is { } sides && lex.CountryByName.TryGetValue(sides.A, out var a) && lex.CountryByName.TryGetValue(sides.B, out var b))
        {
            int Named(string code) => doc.Places.Where(p => p.Country == code && p.Precision is not (PlacePrecision.Country or PlacePrecision.Region or PlacePrecision.Unknown)).Sum(p => Math.Max(1, p.Mentions.Count));
            var (na, nb) = (Named(a.Code), Named(b.Code));
            if (na >= 2 * Math.Max(1, nb) || nb >= 2 * Math.Max(1, na))
            {
                return na > nb ? sides.B : sides.A;
            }
        }

        return null;
    }

    /// <summary>Whether the text names a side by a hostile phrase anywhere ("the enemy", "the occupiers").</summary>
    private static bool SpeaksOfEnemy(string[] lower)
    {
        for (var i = 0; i < lower.Length; i++)
        {
            if (EventLexicon.Default.RolePhrases.TryMatch(lower, i, lower.Length, out _, out var kind) && kind == "hostile")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The states whose forces the text names ("Russian forces", "the Malian army"), most named first.</summary>
    public static List<(string Name, int Count)> StatesByForces(Document doc)
    {
        var states = doc.Actors.Where(a => a.Kind == ActorKind.State).ToDictionary(a => a.Id, a => a.Name, StringComparer.Ordinal);
        return doc.ActorMentions.Where(m => m.Form == "forces" && states.ContainsKey(m.ActorId))
            .GroupBy(m => m.ActorId, StringComparer.Ordinal).Select(g => (Name: states[g.Key], Count: g.Count())).OrderByDescending(x => x.Count).ToList();
    }

    /// <summary>The two sides "the two sides" stands for: the last two-sided event between states, else the two most named states.</summary>
    public static (string A, string B)? Dyad(Document doc, ExtractionLexicon lex)
    {
        for (var i = doc.Events.Count - 1; i >= 0; i--)
        {
            var e = doc.Events[i];
            if (e.Actor is not null && e.Target is not null && e.Actor != e.Target && lex.CountryByName.ContainsKey(e.Actor) && lex.CountryByName.ContainsKey(e.Target))
            {
                return (e.Actor, e.Target);
            }
        }

        var top = doc.Actors.Where(a => a.Kind == ActorKind.State).OrderByDescending(a => a.Mentions.Count).Take(3).ToList();
        return top.Count >= 2 && (top.Count == 2 || top[1].Mentions.Count > top[2].Mentions.Count) ? (top[0].Name, top[1].Name) : null;
    }

    /// <summary>
    /// What one analysis of a document has seen of its main dyad: whether an attack by one side was told against the
    /// other (its target or its place), whether an attack without a named perpetrator was given to a side as the other
    /// side's victim, and whether that guess is off for this analysis.
    /// </summary>
    internal sealed class DyadEvidence
    {
        public bool Hostile;
        public bool Guessed;
        public bool NoGuess;

        /// <summary>
        /// Whether the analysis gave an unattributed attack to one side of the main dyad as the other side's victim while
        /// the text never tells the two sides fighting each other ("a Russian general killed by a roadside bomb in
        /// Syria": Russia and Syria are the text's two states, not two sides): it should be analysed again without that
        /// guess.
        /// </summary>
        public bool GuessedWithoutConflict => Guessed && !Hostile && !NoGuess;
    }

    /// <summary>
    /// The two states a text is about, when it names two far more than any other: each at least twice, the third at
    /// most half as often as the second.
    /// </summary>
    public static (string A, string B)? MainDyad(Document doc)
    {
        var top = doc.Actors.Where(a => a.Kind == ActorKind.State).OrderByDescending(a => a.Mentions.Count).ThenBy(a => a.Name, StringComparer.Ordinal).Take(3).ToList();
        return top.Count >= 2 && top[1].Mentions.Count >= 2 && (top.Count == 2 || top[2].Mentions.Count * 2 <= top[1].Mentions.Count) ? (top[0].Name, top[1].Name) : null;
    }
}
