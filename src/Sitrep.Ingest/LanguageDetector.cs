using Lingua;

namespace Sitrep.Ingest;

/// <summary>
/// Identifies a report's language with Lingua, restricted to the languages conflict news about the region comes in
/// (all 75 of Lingua's languages would cost about 27 s and 2 GB to load). Lingua's low-accuracy mode (trigram models
/// only) loads in about 1.5 s instead of about 13 s for these languages on the reference machine and is reliable on
/// news paragraphs; very short texts are where it errs. Returns an ISO 639-1 code, or "und".
/// </summary>
public static class LanguageDetector
{
    /// <summary>The languages told apart.</summary>
    public static readonly Language[] Languages =
    [
        Language.English, Language.Ukrainian, Language.Russian, Language.French, Language.German, Language.Spanish, Language.Arabic,
        Language.Italian, Language.Polish,
    ];

    private const int SampleChars = 600;

    private static readonly Lazy<LanguageDetector_> Detector = new(() => new LanguageDetector_(
        LanguageDetectorBuilder.FromLanguages(Languages).WithLowAccuracyMode().Build()));

    /// <summary>
    /// The language of a report whose text begins with its title: that of the body (the text being analysed), the
    /// title's only when there is no body. A Ukrainian headline over an English summary is English.
    /// </summary>
    public static string DetectReport(string text, string? title)
    {
        ArgumentNullException.ThrowIfNull(text);
        var start = BodyStart(text, title);
        return Detect(text.Substring(start, Math.Min(SampleChars, text.Length - start)));
    }

    /// <summary>Where the text's body begins after its leading title; 0 when it holds nothing else.</summary>
    public static int BodyStart(string text, string? title)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(title))
        {
            return 0;
        }

        var t = title.AsSpan().Trim();
        var lead = text.Length - text.AsSpan().TrimStart().Length;
        if (!text.AsSpan(lead).StartsWith(t, StringComparison.Ordinal))
        {
            return 0;
        }

        var body = lead + t.Length;
        for (var k = body; k < text.Length && k < body + SampleChars; k++)
        {
            if (char.IsLetter(text[k]))
            {
                return body;
            }
        }

        return 0;
    }

    /// <summary>The ISO 639-1 code of the text's language, or "und" when it cannot be told.</summary>
    public static string Detect(string text)
    {
        var sample = text.Length <= SampleChars ? text : text[..SampleChars];
        if (!sample.Any(char.IsLetter))
        {
            return "und";
        }

        var language = Detector.Value.Detect(sample);
        if (language is not (Language.Unknown or Language.English) && ReadsAsEnglish(sample))
        {
            // Lingua's trigram mode misreads short English news as French or German now and then ("Goldman Sachs
            // and JPMorgan are getting out of Russia." → de): English function words settle it.
            return "en";
        }

        return language == Language.Unknown ? "und" : language.IsoCode6391().ToString().ToLowerInvariant();
    }

    private static readonly Lazy<HashSet<string>> EnglishOnlyWords = new(() =>
    {
        var words = new HashSet<string>(Sitrep.Core.Lexicon.Lines(typeof(LanguageDetector).Assembly, "english-function-words.txt").SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)), StringComparer.OrdinalIgnoreCase);
        words.ExceptWith(Sitrep.Core.Lexicon.Lines(typeof(LanguageDetector).Assembly, "function-words-shared-with-other-languages.txt"));
        return words;
    });

    /// <summary>Latin script with English-only function words making up at least an eighth of the words.</summary>
    public static bool ReadsAsEnglish(string sample)
    {
        int words = 0, english = 0, latin = 0, letters = 0;
        foreach (var w in sample.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var word = w.Trim('"', '\'', '“', '”', '‘', '’', '(', ')', '[', ']', ',', '.', ';', ':', '!', '?');
            if (word.Length == 0 || !char.IsLetter(word[0]))
            {
                continue;
            }

            words++;
            english += EnglishOnlyWords.Value.Contains(word) ? 1 : 0;
            foreach (var c in word)
            {
                letters += char.IsLetter(c) ? 1 : 0;
                latin += char.IsAsciiLetter(c) ? 1 : 0;
            }
        }

        return letters > 0 && latin >= 0.9 * letters && english >= Math.Max(1, words / 8.0);
    }

    // Lingua's detector is safe to share; the wrapper keeps the lazily built instance in one place.
    private sealed class LanguageDetector_(Lingua.LanguageDetector detector)
    {
        public Language Detect(string text) => detector.DetectLanguageOf(text);
    }
}
