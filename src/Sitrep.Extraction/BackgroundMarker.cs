using Sitrep.Core;
using Sitrep.Core.Pipeline;

namespace Sitrep.Extraction;

/// <summary>Options of <see cref="BackgroundMarker"/>.</summary>
public sealed record BackgroundOptions
{
    /// <summary>An event whose own time ends more than this many days before the report's date is background.</summary>
    public int DaysBeforeReport { get; init; } = 30;
}

/// <summary>
/// Marks events told as background rather than as news (<see cref="Event.Background"/>): an act dated long before the
/// report ("in 2014"), a sentence that places the act in the past ("since the start of the war", "two years ago"), an act
/// that opens the period a sentence measures from ("since Russia invaded Ukraine"), or a long-running act named by a noun
/// with a possessive or "the" and no time of its own or one days before the report ("Russia's invasion of Ukraine",
/// "the war") unless the sentence says it starts now ("launched an invasion"). The cues are data
/// (data/extraction/background-cues.tsv). Fusion keeps background events from corroborating new ones.
/// </summary>
public sealed class BackgroundMarker : IStage
{
    public const string StageName = "sitrep.Background.v1";

    private static readonly HashSet<string> Possessives = new(StringComparer.Ordinal) { "'s", "’s", "its", "their", "his", "her", "our", "the", "this", "that" };

    private static readonly Lazy<Cues> DefaultCues = new(Cues.Load);

    private readonly BackgroundOptions _options;

    public BackgroundMarker(BackgroundOptions? options = null) => _options = options ?? new BackgroundOptions();

    public string Name => StageName;

    public IReadOnlyList<Layer> Requires { get; } = [Layer.Tokens, Layer.Sentences, Layer.Times, Layer.Events];

    public IReadOnlyList<Layer> Assigns { get; } = [];

    public void Process(Document doc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(doc);
        var cues = DefaultCues.Value;
        var times = doc.Times.ToDictionary(t => t.Id, StringComparer.Ordinal);
        var lower = Words.Lower(doc);
        foreach (var e in doc.Events)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var time = e.TimeId is not null && times.TryGetValue(e.TimeId, out var t) ? t : null;
            e.Background = IsBackground(doc, e, time, lower, cues);
        }
    }

    private bool IsBackground(Document doc, Event e, TimeExpression? time, string[] lower, Cues cues)
    {
        if (doc.Published is { } published && (time?.End ?? time?.Start) is { } last && last.AddDays(_options.DaysBeforeReport) < published)
        {
            return true;
        }

        var anchor = e.Trigger ?? e.Evidence;
        var sentence = doc.SentenceIndexAt(anchor.Start);
        if (sentence < 0 || sentence >= doc.SentenceCount)
        {
            return false;
        }

        var (first, end) = (doc.SentenceRanges[sentence].First, doc.SentenceRanges[sentence].End);
        for (var i = first; i < end; i++)
        {
            foreach (var phrase in cues.Phrases)
            {
                if (i + phrase.Length <= end && Matches(lower, i, phrase))
                {
                    return true;
                }
            }
        }

        if (e.Trigger is not { } trigger)
        {
            return false;
        }

        var t0 = doc.TokenIndexAtOrAfter(trigger.Start);
        var t1 = doc.TokenIndexAtOrAfter(trigger.End);

        // An act that opens a period the sentence measures from ("since Russia invaded Ukraine") is an earlier one.
        for (var i = Math.Max(first, t0 - cues.LeadWindow); i < t0; i++)
        {
            if (cues.Leads.Contains(lower[i]))
            {
                return true;
            }
        }

        // A long-running act named by a noun that is already known ("Russia's invasion", "the war"): background when the
        // event has no time of its own, or one days before the report, and nothing in the sentence says it starts now.
        if (time is not null && !(doc.Published is { } day && (time.End ?? time.Start) is { } at && at.AddDays(2) < day))
        {
            return false;
        }

        var noun = -1;
        for (var i = t0; i < Math.Min(t1, end); i++)
        {
            if (cues.Nominals.Contains(lower[i]))
            {
                noun = i;
            }
        }

        if (noun < 0)
        {
            return false;
        }

        var determined = false;
        for (var i = noun - 1; i >= Math.Max(first, noun - 3); i--)
        {
            if (Possessives.Contains(lower[i]))
            {
                determined = true;
                break;
            }
        }

        if (!determined)
        {
            return false;
        }

        for (var i = first; i < end; i++)
        {
            if (cues.Onsets.Contains(lower[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Matches(string[] lower, int at, string[] phrase)
    {
        for (var k = 0; k < phrase.Length; k++)
        {
            if (!string.Equals(lower[at + k], phrase[k], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private sealed record Cues(IReadOnlyList<string[]> Phrases, IReadOnlySet<string> Nominals, IReadOnlySet<string> Onsets, IReadOnlySet<string> Leads)
    {
        /// <summary>How many words before the trigger a lead word ("since") may stand.</summary>
        public int LeadWindow => 4;

        public static Cues Load()
        {
            var phrases = new List<string[]>();
            var nominals = new HashSet<string>(StringComparer.Ordinal);
            var onsets = new HashSet<string>(StringComparer.Ordinal);
            var leads = new HashSet<string>(StringComparer.Ordinal);
            foreach (var line in Lexicon.Lines(typeof(BackgroundMarker).Assembly, "background-cues.tsv"))
            {
                var cols = line.Split('\t', 2, StringSplitOptions.TrimEntries);
                if (cols.Length < 2)
                {
                    throw new InvalidOperationException($"background-cues.tsv: line '{line}' needs a kind and words separated by a tab");
                }

                var words = cols[1].ToLowerInvariant();
                switch (cols[0])
                {
                    case "phrase": phrases.Add(words.Split(' ', StringSplitOptions.RemoveEmptyEntries)); break;
                    case "nominal": nominals.Add(words); break;
                    case "onset": onsets.Add(words); break;
                    case "lead": leads.Add(words); break;
                    default: throw new InvalidOperationException($"background-cues.tsv: unknown kind '{cols[0]}' (phrase, nominal, onset or lead)");
                }
            }

            return new Cues(phrases, nominals, onsets, leads);
        }
    }
}
