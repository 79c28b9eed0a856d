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

    /// <summary>The ISO 639-1 code of the text's language, or "und" when it cannot be told.</summary>
    public static string Detect(string text)
    {
        var sample = text.Length <= SampleChars ? text : text[..SampleChars];
        if (!sample.Any(char.IsLetter))
        {
            return "und";
        }

        var language = Detector.Value.Detect(sample);
        return language == Language.Unknown ? "und" : language.IsoCode6391().ToString().ToLowerInvariant();
    }

    // Lingua's detector is safe to share; the wrapper keeps the lazily built instance in one place.
    private sealed class LanguageDetector_(Lingua.LanguageDetector detector)
    {
        public Language Detect(string text) => detector.DetectLanguageOf(text);
    }
}
