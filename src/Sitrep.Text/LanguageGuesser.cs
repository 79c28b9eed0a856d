using Sitrep.Core;
using Sitrep.Core.Pipeline;

namespace Sitrep.Text;

/// <summary>
/// Marks a document as English ("en") when frequent English function words make up a fair share of its words,
/// and "und" (undetermined) otherwise. A document whose language is already set keeps it.
/// </summary>
public sealed class LanguageGuesser : IStage
{
    public const string StageName = "sitrep.LanguageGuess.v1";

    private static readonly Lazy<HashSet<string>> Words =
        new(() => new HashSet<string>(Lexicon.Lines(typeof(LanguageGuesser).Assembly, "english-function-words.txt"), StringComparer.OrdinalIgnoreCase));

    public string Name => StageName;

    public IReadOnlyList<Layer> Requires { get; } = [Layer.Tokens];

    public IReadOnlyList<Layer> Assigns { get; } = [Layer.Language];

    public void Process(Document doc, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(doc.Language))
        {
            return;
        }

        doc.Language = Guess(doc.Tokens.Forms);
    }

    public static string Guess(IReadOnlyList<string> tokens)
    {
        int words = 0, english = 0;
        foreach (var t in tokens)
        {
            if (t.Length == 0 || !char.IsLetter(t[0]))
            {
                continue;
            }

            words++;
            if (Words.Value.Contains(t))
            {
                english++;
            }
        }

        if (words == 0)
        {
            return "und";
        }

        // Short headlines carry few function words; ask for fewer of them.
        var needed = words < 12 ? 0.08 : 0.15;
        return english >= Math.Max(1, needed * words) ? "en" : "und";
    }
}
