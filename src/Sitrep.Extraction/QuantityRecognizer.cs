using Sitrep.Core;
using Sitrep.Core.Pipeline;

namespace Sitrep.Extraction;

/// <summary>
/// Finds counted amounts with their hedge kept: numbers in digits or words ("20,000", "1.5 million", "two dozen"),
/// vague amounts ("thousands of", "tens of thousands"), hedges ("nearly", "over", "at least") that set a bound,
/// and the counted thing normalised through the unit vocabulary (troops → personnel, square miles → km²).
/// Years, dates, ordinals and numbers without a counted thing are left alone.
/// </summary>
public sealed class QuantityRecognizer : IStage
{
    public const string StageName = "sitrep.Quantities.v1";

    private static readonly HashSet<string> Stops = new(StringComparer.Ordinal)
    {
        "in", "on", "at", "from", "to", "for", "by", "with", "into", "were", "was", "are", "is", "have", "has", "had",
        "that", "which", "who", "of", "per", "a", "an", "the", "than", "and", "or",
    };

    private static readonly HashSet<string> CasualtyVerbs = new(StringComparer.Ordinal) { "killed", "wounded", "injured", "dead" };

    private static readonly HashSet<string> CasualtyBefore = new(StringComparer.Ordinal) { "killing", "killed", "wounding", "wounded", "injuring", "injured" };

    private readonly ExtractionLexicon _lex;
    private readonly StateNames _states;

    public QuantityRecognizer(ExtractionLexicon? lexicon = null)
    {
        _lex = lexicon ?? ExtractionLexicon.Default;
        _states = lexicon is null ? StateNames.Default : new StateNames(_lex);
    }

    public string Name => StageName;

    public IReadOnlyList<Layer> Requires { get; } = [Layer.Tokens, Layer.Sentences];

    public IReadOnlyList<Layer> Assigns { get; } = [Layer.Quantities];

    public void Process(Document doc, CancellationToken cancellationToken)
    {
        doc.Quantities.Clear();
        var lower = Words.Lower(doc);
        var forms = doc.Tokens.Forms;
        foreach (var sentence in doc.Sentences())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var end = sentence.EndToken;
            for (var i = sentence.FirstToken; i < end; i++)
            {
                if (TryQuantity(doc, lower, forms, i, end, sentence.Span, out var q, out var last))
                {
                    doc.Quantities.Add(q!);
                    i = last;
                }
            }
        }
    }

    private bool TryQuantity(Document doc, string[] lower, List<string> forms, int i, int end, TextSpan sentenceSpan, out Quantity? quantity, out int last)
    {
        quantity = null;
        last = i;
        if (!_lex.AmountFirstWords.Contains(lower[i]) && !(lower[i].Length > 0 && char.IsDigit(lower[i][0])))
        {
            return false;
        }

        HedgeEntry? hedge = null;
        var h = i;
        foreach (var he in _lex.Hedges)
        {
            if (Matches(lower, i, end, he.Tokens))
            {
                hedge = he;
                h = i + he.TokenCount;
                break;
            }
        }

        if (h >= end)
        {
            return false;
        }

        double? point = null, min = null, max = null;
        string? qualifier = hedge?.Qualifier;
        int next;
        VagueEntry? vague = null;
        foreach (var ve in _lex.Vague)
        {
            if (Matches(lower, h, end, ve.Tokens))
            {
                vague = ve;
                break;
            }
        }

        if (vague is not null)
        {
            next = h + vague.TokenCount;
            if (vague.Min == vague.Max)
            {
                point = vague.Min;
            }
            else
            {
                min = vague.Min;
                max = vague.Max;
                qualifier = hedge is null ? vague.Phrase : $"{hedge.Qualifier} {vague.Phrase}";
            }
        }
        else if (ReadNumber(lower, h, end, out var value, out next))
        {
            if (h > 0 && lower[h - 1] == "-")
            {
                return false; // a model designation: "T-72", "Su-25"
            }

            if (IsDateOrTime(lower, h, next, end, value))
            {
                return false;
            }

            switch (hedge?.Bound)
            {
                case "max":
                    max = value;
                    break;
                case "min":
                    min = value;
                    break;
                default:
                    point = value;
                    break;
            }
        }
        else
        {
            return false;
        }

        // the counted thing: "of"?, then up to four modifiers (demonyms, adjectives), then a unit
        var j = next;
        if (j < end && lower[j] == "of")
        {
            j++;
        }

        var owners = new List<string>();
        UnitEntry? unit = null;
        var unitStart = -1;
        var unitLen = 0;
        for (var k = j; k < end && k < j + 6; k++)
        {
            if (TryUnit(lower, k, end, out var u, out var len))
            {
                unit = u;
                unitStart = k;
                unitLen = len;
                break;
            }

            if (_states.Index.TryMatch(forms, k, end, out var slen, out var st) && st.Form is StateForm.Demonym or StateForm.Name)
            {
                if (!owners.Contains(st.Country.Name))
                {
                    owners.Add(st.Country.Name);
                }

                k += slen - 1;
                continue;
            }

            if (Stops.Contains(lower[k]) && lower[k] != "and" || (Words.IsPunct(lower[k]) && lower[k] != "-") || char.IsDigit(lower[k][0]) || _lex.NumberWords.ContainsKey(lower[k]))
            {
                break;
            }
        }

        if (unit is null)
        {
            return false;
        }

        var unitEnd = unitStart + unitLen;
        var unitName = unit.Unit;
        if (unitName is "hours" or "days" or "weeks" or "months" && unitEnd < end && lower[unitEnd] == "ago")
        {
            return false; // a time: "three days ago"
        }

        // casualties: "12 people were killed", "killing 12 civilians"
        if (unitName is "people" or "civilians" or "personnel" or "children")
        {
            for (var k = unitEnd; k < end && k < unitEnd + 4; k++)
            {
                if (CasualtyVerbs.Contains(lower[k]))
                {
                    unitName = lower[k] == "dead" || lower[k] == "killed" ? "killed" : "wounded";
                    break;
                }

                if (!Words.BeForms.Contains(lower[k]) && lower[k] is not ("have" or "has" or "had" or "reportedly"))
                {
                    break;
                }
            }

            if (i > 0 && CasualtyBefore.Contains(lower[i - 1]))
            {
                unitName = lower[i - 1].StartsWith("kill", StringComparison.Ordinal) ? "killed" : "wounded";
            }
        }

        var f = unit.Factor;
        var span = new TextSpan(doc.Tokens.Starts[i], doc.Tokens.Ends[unitEnd - 1]);
        quantity = new Quantity
        {
            Id = $"q{doc.Quantities.Count + 1}",
            Span = span,
            Unit = unitName,
            UnitText = doc.Text[doc.Tokens.Starts[unitStart]..doc.Tokens.Ends[unitEnd - 1]],
            Point = point * f,
            Min = min * f,
            Max = max * f,
            Qualifier = qualifier,
            Owner = owners.Count == 0 ? null : string.Join(" and ", owners),
            Evidence = sentenceSpan,
        };
        last = unitEnd - 1;
        return true;
    }

    private bool TryUnit(string[] lower, int k, int end, out UnitEntry unit, out int length)
    {
        for (var len = Math.Min(_lex.MaxUnitTokens + 2, end - k); len >= 1; len--)
        {
            var key = string.Join(' ', lower, k, len).Replace(" - ", "-", StringComparison.Ordinal);
            if (_lex.Units.TryGetValue(key, out unit!))
            {
                length = len;
                return true;
            }
        }

        unit = null!;
        length = 0;
        return false;
    }

    private bool ReadNumber(string[] lower, int i, int end, out double value, out int next)
    {
        value = 0;
        next = i;
        double current;
        var k = i;
        if (Words.TryParseDigits(lower[k], out current))
        {
            // "10-15", "555-1234": ranges and phone-like numbers are not a single amount
            if (k + 2 < end && lower[k + 1] == "-" && Words.TryParseDigits(lower[k + 2], out _))
            {
                return false;
            }

            k++;
        }
        else if (lower[k] == "a" && k + 1 < end && _lex.NumberWords.TryGetValue(lower[k + 1], out var sc) && sc.Scale)
        {
            current = 1;
            k++;
        }
        else if (_lex.NumberWords.TryGetValue(lower[k], out var w) && !w.Scale)
        {
            current = w.Value;
            k++;
            // "twenty-five"
            if (k + 1 < end && lower[k] == "-" && _lex.NumberWords.TryGetValue(lower[k + 1], out var w2) && !w2.Scale && w2.Value < 10)
            {
                current += w2.Value;
                k += 2;
            }
        }
        else
        {
            return false;
        }

        while (k < end && _lex.NumberWords.TryGetValue(lower[k], out var s) && s.Scale)
        {
            current *= s.Value;
            k++;
        }

        value = current;
        next = k;
        return true;
    }

    private bool IsDateOrTime(string[] lower, int start, int next, int end, double value)
    {
        if (start > 0 && _lex.Months.ContainsKey(lower[start - 1]))
        {
            return true;
        }

        if (next < end && (_lex.Months.ContainsKey(lower[next]) || lower[next] == ":"))
        {
            return true;
        }

        // a bare four-digit year directly followed by a unit is still an amount ("2000 troops"); years in general are
        // excluded because no unit follows them
        return value is >= 1900 and <= 2100 && next - start == 1 && !lower[start].Contains(',', StringComparison.Ordinal) && next < end && !_lex.Units.ContainsKey(lower[next]);
    }

    private static bool Matches(string[] lower, int i, int end, string[] parts)
    {
        if (i + parts.Length > end)
        {
            return false;
        }

        for (var k = 0; k < parts.Length; k++)
        {
            if (!string.Equals(lower[i + k], parts[k], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
