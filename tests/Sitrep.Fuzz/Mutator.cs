using System.Text;

namespace Sitrep.Fuzz;

/// <summary>
/// A libFuzzer-style mutation engine: byte flips and sets, inserts, deletions, duplications, splices with other corpus
/// inputs, and insertions of tokens that news text and its parsers find hard (abbreviations, quotes, dashes, numbers,
/// dates, Unicode edge cases, markup). Deterministic for a given seed.
/// </summary>
public sealed class Mutator(int seed, int maxLength)
{
    private static readonly byte[][] Dictionary = BuildDictionary();
    private readonly Random _random = new(seed);

    public int MaxLength => maxLength;

    public byte[] Mutate(byte[] input, IReadOnlyList<byte[]> corpus)
    {
        var data = new List<byte>(input);
        var rounds = 1 + _random.Next(4);
        for (var r = 0; r < rounds; r++)
        {
            MutateOnce(data, corpus);
        }

        if (data.Count > maxLength)
        {
            data.RemoveRange(maxLength, data.Count - maxLength);
        }

        return [.. data];
    }

    private void MutateOnce(List<byte> d, IReadOnlyList<byte[]> corpus)
    {
        switch (_random.Next(13))
        {
            case 0 when d.Count > 0:
                d[_random.Next(d.Count)] ^= (byte)(1 << _random.Next(8));
                break;
            case 1 when d.Count > 0:
                d[_random.Next(d.Count)] = (byte)_random.Next(256);
                break;
            case 2:
                d.Insert(_random.Next(d.Count + 1), (byte)_random.Next(256));
                break;
            case 3 when d.Count > 1:
                {
                    var at = _random.Next(d.Count);
                    d.RemoveRange(at, Math.Min(d.Count - at, 1 + _random.Next(Math.Min(32, d.Count))));
                    break;
                }

            case 4 when d.Count > 0:
                {
                    var at = _random.Next(d.Count);
                    var len = Math.Min(d.Count - at, 1 + _random.Next(64));
                    var chunk = d.GetRange(at, len);
                    var times = 1 + _random.Next(_random.Next(4) == 0 ? 64 : 3);
                    for (var i = 0; i < times && d.Count < maxLength; i++)
                    {
                        d.InsertRange(_random.Next(d.Count + 1), chunk);
                    }

                    break;
                }

            case 5:
            case 6:
            case 7:
                {
                    var token = Dictionary[_random.Next(Dictionary.Length)];
                    d.InsertRange(_random.Next(d.Count + 1), token);
                    break;
                }

            case 8 when corpus.Count > 0:
                {
                    var other = corpus[_random.Next(corpus.Count)];
                    if (other.Length == 0)
                    {
                        break;
                    }

                    var from = _random.Next(other.Length);
                    var len = Math.Min(other.Length - from, 1 + _random.Next(256));
                    d.InsertRange(_random.Next(d.Count + 1), other.AsSpan(from, len).ToArray());
                    break;
                }

            case 9 when d.Count > 2:
                {
                    var a = _random.Next(d.Count);
                    var b = _random.Next(d.Count);
                    (d[a], d[b]) = (d[b], d[a]);
                    break;
                }

            case 10 when d.Count > 0:
                {
                    var at = _random.Next(d.Count);
                    d.RemoveRange(at, d.Count - at);
                    break;
                }
            case 11:
                {
                    // A number of random size, sign and format.
                    var n = _random.Next(6) switch
                    {
                        0 => _random.Next(-10, 10).ToString(System.Globalization.CultureInfo.InvariantCulture),
                        1 => _random.NextInt64().ToString(System.Globalization.CultureInfo.InvariantCulture),
                        2 => "99999999999999999999999999999999",
                        3 => (_random.NextDouble() * 1e6).ToString("N2", System.Globalization.CultureInfo.InvariantCulture),
                        4 => "1e308",
                        _ => _random.Next(1, 32) + "/" + _random.Next(1, 13) + "/" + _random.Next(1900, 2100),
                    };
                    d.InsertRange(_random.Next(d.Count + 1), Encoding.UTF8.GetBytes(n));
                    break;
                }

            default:
                {
                    // Cut inside a multi-byte UTF-8 sequence, or insert a lone continuation/lead byte.
                    byte[] odd = [0x80, 0xBF, 0xC0, 0xC3, 0xE2, 0xED, 0xF0, 0xF4, 0xF8, 0xFF, 0xFE, 0x00, 0x0B, 0x1B];
                    d.Insert(_random.Next(d.Count + 1), odd[_random.Next(odd.Length)]);
                    break;
                }
        }
    }

    private static byte[][] BuildDictionary()
    {
        string[] tokens =
        [
            " ", "\n", "\r\n", "\r", "\t", "\n\n", "  ", ".", ". ", "...", "…", "!", "?", "?!", ",", ";", ":", "\"", "'", "“", "”", "‘", "’",
            "«", "»", "(", ")", "[", "]", "{", "}", "-", "–", "—", "--", "/", "\\", "&", "&amp;", "&nbsp;", "<p>", "</p>", "<br/>", "<script>",
            "Mr.", "Mrs.", "Dr.", "Gen.", "Lt. Col.", "U.S.", "U.N.", "e.g.", "i.e.", "etc.", "No.", "St.", "a.m.", "p.m.", "Jan.", "Sept.",
            "said", "told", "according to", "killed", "wounded", "at least", "more than", "about", "dozens of", "hundreds", "thousands",
            "on Monday", "last week", "yesterday", "in March", "2024", "11 November 2024", "2024-11-11", "11/11/2024", "1990s",
            "km", "kilometres", "%", "$", "€", "£", "1,000", "1.5 million", "3-4", "10–12", "½", "²", "٣", "一",
            "\u00A0", "\u200B", "\u200D", "\u2028", "\u2029", "\uFEFF", "\u202E", "\u0301", "e\u0301", "\uD83D\uDE80", "👨‍👩‍👧", "🇺🇦",
            "Київ", "Москва", "القدس", "ירושלים", "北京", "Ṫ̸̢̛͚̙", "ǅ", "İ", "ß", "ﬁ", "Ⅻ",
            "http://example.com/a?b=c", "user@example.com", "#tag", "@name", "C:\\path", "../../etc/passwd", "%s%n", "{0}", "$(x)", "'; DROP TABLE articles; --",
        ];
        return [.. tokens.Select(Encoding.UTF8.GetBytes)];
    }
}
