using System.Text;
using Sitrep.Core;
using Sitrep.Core.Pipeline;

namespace Sitrep.Text;

/// <summary>
/// Straightens typographic characters for the token-level stages while keeping a map back to the original offsets:
/// curly quotes become straight, dashes become '-' (an em dash becomes "--"), no-break and other spaces become ' ',
/// zero-width characters and soft hyphens disappear, and other control characters become spaces. Markdown and web
/// markup (<see cref="Content.Markup"/>: link brackets and targets, citation markers, emphasis, bullets, heading marks,
/// emoji) is left out, or read as one space where it separates two words.
/// </summary>
public sealed class Normalizer : IStage
{
    public const string StageName = "sitrep.Normalizer.v1";

    public string Name => StageName;

    public IReadOnlyList<Layer> Requires { get; } = [];

    public IReadOnlyList<Layer> Assigns { get; } = [Layer.Normalized];

    // The content stage has already found the page's markup: reuse it.
    public void Process(Document doc, CancellationToken cancellationToken) =>
        doc.Normalized = Normalize(doc.Text, doc.Content?.Markup ?? Content.Markup.Scan(doc.Text));

    public static NormalizedText Normalize(string text) => Normalize(text, Content.Markup.Scan(text));

    /// <summary>Normalises <paramref name="text"/>, leaving out the given markup (sorted, non-overlapping).</summary>
    public static NormalizedText Normalize(string text, IReadOnlyList<MarkupSpan> markup)
    {
        var sb = new StringBuilder(text.Length);
        var starts = new List<int>(text.Length);
        var ends = new List<int>(text.Length);

        void Emit(string s, int start, int end)
        {
            foreach (var c in s)
            {
                sb.Append(c);
                starts.Add(start);
                ends.Add(end);
            }
        }

        var next = 0;
        for (var i = 0; i < text.Length; i++)
        {
            while (next < markup.Count && markup[next].Start < i)
            {
                next++;
            }

            if (next < markup.Count && markup[next].Start == i)
            {
                var m = markup[next++];
                var end = Math.Min(m.End, text.Length);
                if (m.Kind == MarkupKind.Gap && sb.Length > 0 && !char.IsWhiteSpace(sb[^1]) && end < text.Length && !char.IsWhiteSpace(text[end]))
                {
                    Emit(" ", m.Start, end);
                }

                i = end - 1;
                continue;
            }

            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                Emit(text.Substring(i, 2), i, i + 2);
                i++;
                continue;
            }

            var replacement = Map(c);
            if (replacement is null)
            {
                sb.Append(c);
                starts.Add(i);
                ends.Add(i + 1);
            }
            else
            {
                Emit(replacement, i, i + 1);
            }
        }

        return new NormalizedText(sb.ToString(), [.. starts], [.. ends], text.Length);
    }

    /// <summary>The replacement for one character, or null to keep it; "" deletes it.</summary>
    private static string? Map(char c) => c switch
    {
        '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u2032' or '\u02BC' or '\u0060' or '\u00B4' => "'",
        '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u2033' or '\u00AB' or '\u00BB' => "\"",
        '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2212' or '\uFE63' or '\uFF0D' => "-",
        '\u2014' or '\u2015' => "--",
        '\u2026' => "...",
        '\u00A0' or '\u2007' or '\u202F' or '\u2000' or '\u2001' or '\u2002' or '\u2003' or '\u2004' or '\u2005'
            or '\u2006' or '\u2008' or '\u2009' or '\u200A' or '\u205F' or '\u3000' or '\u0085' => " ",
        '\u2028' or '\u2029' => "\n",
        '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD' => "",
        '\t' or '\n' or '\r' => null,
        _ when char.IsControl(c) => " ",
        _ when char.IsSurrogate(c) => " ",
        _ => null,
    };
}
