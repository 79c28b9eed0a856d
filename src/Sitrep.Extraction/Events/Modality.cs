using static Sitrep.Extraction.EventWords;

namespace Sitrep.Extraction;

/// <summary>Modality: whether the event under a trigger happened, or is intended, threatened, refused or only possible.</summary>
internal static class Modality
{
    /// <summary>
    /// Whether the event under a trigger happened, and its type when told as an intention, a threat or a refusal
    /// (data/extraction/irrealis.tsv): a cooperative act announced for the future is an AGREE (refused: REJECT), a hostile
    /// one a THREATEN; an attack prepared for is a MOBILIZE; a planned or hypothetical act is no event (null). The prefix names the construction in the mode.
    /// </summary>
    internal static (string Type, string Prefix)? Reality(ExtractionLexicon lex, string type, string[] lower, int t0, int t1, int first, int end)
    {
        string? kind = null;
        var bestLength = 0;
        var bestEnd = -1;
        foreach (var (words, window, k) in lex.Irrealis)
        {
            for (var endAt = t0; endAt >= Math.Max(first + words.Length, t0 - window + 1); endAt--)
            {
                var startAt = endAt - words.Length;
                if (startAt < first)
                {
                    break;
                }

                var ok = true;
                for (var j = 0; j < words.Length && ok; j++)
                {
                    ok = lower[startAt + j] == words[j];
                }

                if (ok && (words.Length > bestLength || words.Length == bestLength && endAt > bestEnd))
                {
                    kind = k;
                    bestLength = words.Length;
                    bestEnd = endAt;
                }
            }
        }

        var negated = false;
        for (var k = Math.Max(first, t0 - 3); k < t0; k++)
        {
            negated |= lower[k] is "not" or "n't" or "never" || lower[k] == "no" && k + 1 < t0 && lower[k + 1] == "longer";
        }

        // "neither I nor my children would ever forgive them": a negation by "neither … nor" earlier in the clause
        for (var k = t0 - 1; k >= Math.Max(first, t0 - 10) && !negated; k--)
        {
            if (Words.ClauseBoundaries.Contains(lower[k]))
            {
                break;
            }

            negated = lower[k] is "neither" or "nor";
        }

        var unless = false;
        var conditional = false;
        var without = false;
        for (var k = t1; k < end; k++)
        {
            unless |= lower[k] == "unless";
            conditional |= lower[k] is "if" or "unless";
            without |= lower[k] == "without";
        }

        switch (kind)
        {
            case "skip":
                return null;
            case "realis":
                return (type, "");
            case "purpose":
                // "to ensure the rebels do not rearm": the negated act is an aim, not a refusal
                return negated ? null : (type, "");
            case "refusal":
                return ("REJECT", "refusal: ");
            case "threat":
                return negated ? null : ("THREATEN", "threat: ");
            case "failed":
                // "has failed to capture": an attack tried; a cooperative act not done is a refusal
                return Hostile.Contains(type) ? (negated ? null : (type, "attempt: ")) : Cooperative.Contains(type) ? ("REJECT", "refusal: ") : null;
            case "preparation":
                // "preparations for a spring offensive": forces made ready, the attack itself not yet told
                return type == "ASSAULT" && !negated ? ("MOBILIZE", "preparation: ") : null;
            case "possible":
                return !negated && conditional && Hostile.Contains(type) ? ("THREATEN", "threat: ") : null;
            case "intent":
                if (Hostile.Contains(type))
                {
                    return negated ? null : (type == "THREATEN" ? type : "THREATEN", type == "THREATEN" ? "" : "threat: ");
                }

                if (Cooperative.Contains(type))
                {
                    // "would not sign a deal without guarantees": a condition put, no refusal
                    return negated ? (without ? null : ("REJECT", "refusal: ")) : unless ? ("THREATEN", "threat: ") : ("AGREE", type == "AGREE" ? "" : "intent: ");
                }

                return negated || type == "OTHER" ? null : (type, "");
            default:
                // told as fact; "did not accept" is a refusal, "did not attack" or "has not demanded" no event
                if (negated)
                {
                    return Cooperative.Contains(type) ? ("REJECT", "refusal: ") : type is "REJECT" or "OTHER" or "DEMAND" or "REQUEST" or "DISAPPROVE" or "ACCUSE" ? null : Hostile.Contains(type) ? null : (type, "");
                }

                return (type, "");
        }
    }
}
