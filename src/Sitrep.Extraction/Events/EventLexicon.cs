using Sitrep.Core;

namespace Sitrep.Extraction;

/// <summary>
/// Event knowledge beside the trigger lexicon: the contexts that make an attack noun or a casualty word no report of an
/// act (data/extraction/incident-contexts.tsv) and the phrases that name a side by its role (role-phrases.tsv).
/// </summary>
internal sealed class EventLexicon
{
    private static readonly Lazy<EventLexicon> DefaultLazy = new(() => new EventLexicon());

    private EventLexicon()
    {
        var asm = typeof(EventLexicon).Assembly;
        foreach (var l in Lexicon.Lines(asm, "incident-contexts.tsv"))
        {
            var c = l.Split('\t');
            if (c.Length < 3 || !int.TryParse(c[1], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var window) || c[2] is not ("generic" or "absent" or "negated" or "series" or "trend" or "planned" or "period"))
            {
                throw new InvalidDataException($"incident-contexts.tsv: line '{l}' is not phrase<TAB>window<TAB>generic|absent|negated|series|trend|planned|period");
            }

            (c[2] switch { "generic" => GenericContexts, "absent" => AbsentContexts, "negated" => NegatedContexts, "trend" => TrendContexts, "planned" => PlannedContexts, "period" => PeriodContexts, _ => SeriesContexts }).Add((c[0].Split(' '), window));
        }

        foreach (var l in Lexicon.Lines(asm, "role-phrases.tsv"))
        {
            var c = l.Split('\t');
            if (c.Length < 2 || c[1] is not ("hostile" or "dyad"))
            {
                throw new InvalidDataException($"role-phrases.tsv: line '{l}' is not phrase<TAB>hostile|dyad");
            }

            RolePhrases.Add(c[0], c[1]);
        }
    }

    public static EventLexicon Default => DefaultLazy.Value;

    /// <summary>Phrases before an attack noun or casualty word, each within its window of tokens, that make it generic.</summary>
    public List<(string[] Words, int Window)> GenericContexts { get; } = [];

    /// <summary>Predicates after an attack noun that, negated, say it did not happen ("had not happened", "never took place").</summary>
    public List<(string[] Words, int Window)> NegatedContexts { get; } = [];

    /// <summary>
    /// Whether a negated predicate of <see cref="NegatedContexts"/> starts within its window after the trigger's end
    /// <paramref name="t1"/> ("such attacks had not happened here", "the strike never took place").
    /// </summary>
    public bool IsNegatedAfter(string[] lower, int t1, int end) =>
        AnyAfter(NegatedContexts, lower, t1 + 1, end, (at, _) => lower[at - 1] is "not" or "n't" or "never");

    /// <summary>Words after an act's verb that make it a series of acts ("has been shelled repeatedly", "hit nearly every day").</summary>
    public List<(string[] Words, int Window)> SeriesContexts { get; } = [];

    /// <summary>Whether a series context of <see cref="SeriesContexts"/> starts within its window after the trigger's end <paramref name="t1"/>.</summary>
    public bool IsSeriesAfter(IReadOnlyList<string> forms, int t1, int end) => AnyAfter(SeriesContexts, forms, t1, end);

    /// <summary>Predicates after a plural attack noun that make it a trend of many acts ("attacks on convoys have increased").</summary>
    public List<(string[] Words, int Window)> TrendContexts { get; } = [];

    /// <summary>
    /// Whether a trend predicate of <see cref="TrendContexts"/> starts within its window after the trigger's end
    /// <paramref name="t1"/> and ends its clause or takes no object ("airstrikes on villages have increased since January",
    /// not "the strikes increased pressure on …").
    /// </summary>
    public bool IsTrendAfter(string[] lower, IReadOnlyList<string?> upos, int t1, int end) =>
        AnyAfter(TrendContexts, lower, t1, end, (_, after) => after >= end || !(upos.Count > after && upos[after] is "DET" or "NOUN" or "PROPN" or "ADJ" or "NUM" or "PRON"));

    /// <summary>
    /// Whether a one-word trend predicate of <see cref="TrendContexts"/> stands right before the noun at <paramref name="t0"/>
    /// or one word before it ("intensifying strikes", "increasing Russian attacks").
    /// </summary>
    public bool IsTrendBefore(string[] lower, int t0, int first)
    {
        foreach (var (words, _) in TrendContexts)
        {
            if (words.Length == 1 && (t0 - 1 >= first && lower[t0 - 1] == words[0] || t0 - 2 >= first && lower[t0 - 2] == words[0]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Predicates after a cooperative noun that announce it for the future ("the next meeting will take place soon").</summary>
    public List<(string[] Words, int Window)> PlannedContexts { get; } = [];

    /// <summary>Whether a planned context of <see cref="PlannedContexts"/> starts within its window after the trigger's end <paramref name="t1"/>.</summary>
    public bool IsPlannedAfter(IReadOnlyList<string> forms, int t1, int end) => AnyAfter(PlannedContexts, forms, t1, end);

    /// <summary>Phrases that sum acts over a period ("since January", "this year", "so far").</summary>
    public List<(string[] Words, int Window)> PeriodContexts { get; } = [];

    /// <summary>
    /// Whether the sentence sums many acts over a period: a phrase of <see cref="PeriodContexts"/> stands in it and the
    /// verb before the trigger <paramref name="t0"/> is in the perfect ("have been killed … since January", "had
    /// documented hundreds of attacks … this year"). "since" followed by a day of the week or the last hours ("killed
    /// since Saturday", "since dawn") dates the toll of one act, not a sum.
    /// </summary>
    public bool IsCumulative(string[] lower, IReadOnlyDictionary<string, int> weekdays, Func<string, bool> actNoun, int t0, int first, int end)
    {
        var perfect = false;
        for (var k = t0 - 1; k >= Math.Max(first, t0 - 8) && !perfect; k--)
        {
            perfect = lower[k] is "has" or "have" or "had" or "'ve" or "’ve";
        }

        if (!perfect)
        {
            return false;
        }

        foreach (var (words, _) in PeriodContexts)
        {
            for (var at = first; at <= end - words.Length; at++)
            {
                if (!At(words, lower, at))
                {
                    continue;
                }

                var next = at + words.Length < end ? lower[at + words.Length] : "";
                if (words is ["since"] && (weekdays.ContainsKey(next) || next is "yesterday" or "dawn" or "midnight" or "morning" or "noon" or "then" or "last" && at + 2 < end && lower[at + 2] == "night"
                    || SinceOneAct(lower, actNoun, at + 1, end)))
                {
                    continue;
                }

                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// "since the attack", "since the bombing on the market": a toll counted since one act named by a definite singular
    /// noun is the toll of that act, not a sum of many.
    /// </summary>
    private static bool SinceOneAct(string[] lower, Func<string, bool> actNoun, int from, int end)
    {
        if (from >= end || lower[from] is not ("the" or "this" or "that" or "its" or "their"))
        {
            return false;
        }

        for (var k = from + 1; k < Math.Min(end, from + 4); k++)
        {
            if (actNoun(lower[k]) && !lower[k].EndsWith('s'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Role phrase (lower case, without "the") → hostile or dyad.</summary>
    public PhraseIndex<string> RolePhrases { get; } = new(ignoreCase: true);

    /// <summary>Whether a generic context ends within its window before token <paramref name="t0"/>.</summary>
    public bool IsGeneric(string[] lower, int t0, int first) => Before(GenericContexts, lower, t0, first, wordsOnly: false) || Before(AbsentContexts, lower, t0, first, wordsOnly: false);

    /// <summary>Words before a trigger, any trigger, that say no such act happened ("no talks", "no active offensive actions").</summary>
    public List<(string[] Words, int Window)> AbsentContexts { get; } = [];

    /// <summary>Whether a phrase of <see cref="AbsentContexts"/> ends within its window before <paramref name="t0"/>, with only words between.</summary>
    public bool IsAbsent(string[] lower, int t0, int first) => Before(AbsentContexts, lower, t0, first, wordsOnly: true);

    /// <summary>Whether a phrase of <paramref name="contexts"/> ends within its window of tokens before <paramref name="t0"/> (with <paramref name="wordsOnly"/>, only words between).</summary>
    private static bool Before(List<(string[] Words, int Window)> contexts, string[] lower, int t0, int first, bool wordsOnly)
    {
        foreach (var (words, window) in contexts)
        {
            for (var endAt = t0; endAt >= Math.Max(first + words.Length, t0 - window + 1); endAt--)
            {
                if (endAt - words.Length >= first && At(words, lower, endAt - words.Length))
                {
                    return true;
                }

                if (wordsOnly && !char.IsLetter(lower[endAt - 1][0]))
                {
                    break;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a phrase of <paramref name="contexts"/> starts within its window of tokens from <paramref name="from"/> on
    /// and, when <paramref name="fits"/> is given, fits there (given the phrase's first token and the token after it).
    /// </summary>
    private static bool AnyAfter(List<(string[] Words, int Window)> contexts, IReadOnlyList<string> tokens, int from, int end, Func<int, int, bool>? fits = null)
    {
        foreach (var (words, window) in contexts)
        {
            for (var at = from; at <= Math.Min(end - words.Length, from + window - 1); at++)
            {
                if (At(words, tokens, at) && (fits is null || fits(at, at + words.Length)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Whether the lower-case <paramref name="words"/> stand in <paramref name="tokens"/> from <paramref name="at"/> on (in any case).</summary>
    private static bool At(string[] words, IReadOnlyList<string> tokens, int at)
    {
        for (var j = 0; j < words.Length; j++)
        {
            if (!tokens[at + j].Equals(words[j], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }
}
