namespace Sitrep.Extraction;

/// <summary>
/// The source of a reporting clause around a trigger ("X said …", "according to X, …", "…, X said"): the speaker is
/// the claim's source, not a role of the act its content reports, unless the content itself names it ("the ministry
/// said its forces struck …", "X said X's troops attacked …").
/// </summary>
internal static class ReportingFrame
{
    private static readonly HashSet<string> OwnWords = new(StringComparer.Ordinal) { "it", "its", "our", "we", "his", "her", "their", "they", "he", "she", "i", "my" };

    /// <summary>The token ranges of the speaker(s) whose reporting clause holds the trigger [t0, t1) of the sentence [first, end).</summary>
    public static List<(int First, int End)> SpeakerZones(ExtractionLexicon lex, string[] lower, int t0, int t1, int first, int end)
    {
        var zones = new List<(int, int)>();

        // "according to X, <content>" before the trigger, "<content>, according to X" after it
        for (var k = first; k + 1 < end; k++)
        {
            if (lower[k] != "according" || lower[k + 1] != "to")
            {
                continue;
            }

            var stop = k + 2;
            while (stop < end && lower[stop] is not ("," or ";" or "." or ":"))
            {
                stop++;
            }

            if (stop <= t0 || k >= t1)
            {
                zones.Add((k + 2, stop));
            }
        }

        // "X said (that) <content>": a reporting verb before the trigger whose subject is the start of its clause
        for (var r = t0 - 1; r >= first; r--)
        {
            if (!IsReporting(lex, lower, r, end))
            {
                continue;
            }

            // "denied shelling the market", "admitted having attacked": the speaker is the doer of the act it reports
            if (Enumerable.Range(r + 1, Math.Max(0, t0 - r - 1)).All(k => lower[k] is "having" or "been" or "to" or "carrying" or "out"))
            {
                break;
            }

            var s = r;
            while (s > first && !(Words.ClauseBoundaries.Contains(lower[s - 1]) || lower[s - 1] is ";" or "and" or "but"))
            {
                s--;
            }

            if (s < r)
            {
                zones.Add((s, r));
            }

            break;
        }

        // "X claimed the attack, saying its fighters killed …": a reporting participle after a comma reports for the
        // subject of the clause before it
        for (var r = t0 - 1; r > first + 1; r--)
        {
            if (lower[r - 1] == "," && lower[r].EndsWith("ing", StringComparison.Ordinal) && lex.ReportingVerbs.ContainsKey(lower[r]))
            {
                zones.Add((first, r - 1));
                break;
            }
        }

        // "<content>, X said" / "<content>, said X": a reporting verb after a comma behind the trigger's clause
        for (var c = t1; c < end; c++)
        {
            if (lower[c] != ",")
            {
                continue;
            }

            var r = c + 1;
            while (r < end && r <= c + 8 && !IsReporting(lex, lower, r, end) && lower[r] is not ("," or ";" or "."))
            {
                r++;
            }

            if (r < end && r <= c + 8 && IsReporting(lex, lower, r, end))
            {
                var stop = r + 1;
                while (stop < end && lower[stop] is not ("," or ";" or "." or ":"))
                {
                    stop++;
                }

                zones.Add((c + 1, r));
                if (r + 1 < stop && lower[r + 1] is not ("that" or "on" or "in" or "at" or "late" or "early" or "last" or "this"))
                {
                    zones.Add((r + 1, stop)); // "said the ministry"
                }

                break;
            }
        }

        return zones;
    }

    /// <summary>Whether a mention lies inside one of the speakers' clauses.</summary>
    public static bool InZones(List<(int First, int End)> zones, RoleCandidates.TokMention m) => zones.Exists(z => m.First >= z.First && m.End <= z.End);

    /// <summary>Whether a role (by its name) is only the speaker: an actor named in a speaker zone and nowhere in the content.</summary>
    public static bool IsSpeakerOnly(string? name, List<(int First, int End)> zones, List<RoleCandidates.TokMention> mentions, List<string> forms, string[] lower, int first, int t0)
    {
        if (name is null || zones.Count == 0)
        {
            return false;
        }

        bool InZone(int a, int b) => zones.Any(z => a >= z.First && b <= z.End);
        var spoken = mentions.Where(m => m.Actor.Name == name).ToList();
        var inZone = spoken.Any(m => InZone(m.First, m.End)) || zones.Any(z => string.Join(' ', forms.Skip(z.First).Take(z.End - z.First)).Contains(name, StringComparison.Ordinal));
        if (!inZone)
        {
            return false;
        }

        // named in the content too ("X said X's troops attacked …"), or as the trigger's own subject or owner just
        // before it ("the ministry said its forces struck …", "the air force said it had destroyed …")
        if (spoken.Any(m => !InZone(m.First, m.End)))
        {
            return false;
        }

        for (var k = Math.Max(first, t0 - 4); k < t0; k++)
        {
            if (OwnWords.Contains(lower[k]) && !zones.Any(z => k >= z.First && k < z.End))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The side a speaker's own forces stand for: the words after a possessive just before the trigger ("its forces",
    /// "their fighters"), outside the speaker's clause, that <paramref name="ownPhrase"/> accepts (given the index of the
    /// word after the possessive) are the side of the speaker named in that clause (<see cref="SideOf"/>). Null when no
    /// such phrase or speaker is found.
    /// </summary>
    /// <param name="bareBodySide">the side of a speaker named only as "the army" or "the military", when the report
    /// gives one (null: none).</param>
    public static string? OwnSide(ExtractionLexicon lex, List<(int First, int End)> zones, List<RoleCandidates.TokMention> mentions, string[] lower, int first, int t0, Func<int, bool> ownPhrase, Func<string?>? bareBodySide = null)
    {
        var own = -1;
        for (var k = Math.Max(first, t0 - 10); k < t0; k++)
        {
            if (lower[k] is "its" or "their" or "our" && ownPhrase(k + 1))
            {
                own = k;
            }
        }

        if (own < 0 || zones.Any(z => own >= z.First && own < z.End))
        {
            return null;
        }

        var speaker = mentions.LastOrDefault(m => InZones(zones, m))?.Actor;
        if (speaker is null && bareBodySide is not null
            && zones.Any(z => Enumerable.Range(z.First, z.End - z.First).Any(k => k > first && lower[k - 1] == "the" && lower[k] is "army" or "military" or "navy")))
        {
            return bareBodySide(); // "the army said its aircraft had struck …"
        }

        return speaker is null ? null : SideOf(lex, speaker);
    }

    /// <summary>
    /// The side a speaker stands for when it speaks of its own people ("its forces", "we"): a state is its own side, an
    /// official body or person the state it serves, an armed force or organisation of no state itself.
    /// </summary>
    /// <param name="armedForceItself">an armed force tied to a state speaks for itself too ("Hamas said: 'our
    /// fighters …'"), not for the state.</param>
    public static string? SideOf(ExtractionLexicon lex, Core.Actor speaker, bool armedForceItself = false)
    {
        if (speaker.Kind is Core.ActorKind.State || armedForceItself && speaker.Kind is Core.ActorKind.ArmedForce)
        {
            return speaker.Name;
        }

        if (speaker.Affiliation is { } state && lex.CountryByName.ContainsKey(state))
        {
            return state;
        }

        return speaker.Kind is Core.ActorKind.ArmedForce or Core.ActorKind.Organisation && speaker.Affiliation is null ? speaker.Name : null;
    }

    private static bool IsReporting(ExtractionLexicon lex, string[] lower, int r, int end)
    {
        if (!lex.ReportingVerbs.ContainsKey(lower[r]) || lower[r].EndsWith("ing", StringComparison.Ordinal))
        {
            return false;
        }

        // "is believed to have …", "was reported": a passive names no speaker
        if (r > 0 && (Words.BeForms.Contains(lower[r - 1]) || lower[r - 1] is "to" || r > 1 && Words.BeForms.Contains(lower[r - 2]) && lower[r - 1].EndsWith("ly", StringComparison.Ordinal)))
        {
            return false;
        }

        return !lex.ExplicitReportingVerbs.Contains(lower[r]) || r + 1 < end && lower[r + 1] is "that" or ":";
    }
}
