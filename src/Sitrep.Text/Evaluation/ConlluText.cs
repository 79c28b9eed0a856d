using System.Text;

namespace Sitrep.Text.Evaluation;

/// <summary>A treebank document rebuilt as running text, with the gold token and sentence spans in it.</summary>
public sealed record GoldDocument(string Id, string Text, List<(int Start, int End)> Tokens, List<(int Start, int End)> Sentences);

/// <summary>
/// Rebuilds running text from a CoNLL-U file: sentences of a paragraph joined by a space, paragraphs and documents
/// by a blank line. Gold tokens are the syntactic words where they spell the surface token (do + n't = don't),
/// otherwise the surface token.
/// </summary>
public static class ConlluText
{
    public static List<GoldDocument> Read(string path) => Parse(File.ReadLines(path));

    public static List<GoldDocument> Parse(IEnumerable<string> lines)
    {
        var docs = new List<GoldDocument>();
        var text = new StringBuilder();
        var tokens = new List<(int, int)>();
        var sentences = new List<(int, int)>();
        var docId = "doc";
        string? sentenceText = null;
        var rows = new List<string[]>();
        var newPar = false;

        void FlushDocument()
        {
            if (sentences.Count > 0)
            {
                docs.Add(new GoldDocument(docId, text.ToString(), [.. tokens], [.. sentences]));
            }

            text.Clear();
            tokens.Clear();
            sentences.Clear();
        }

        void FlushSentence()
        {
            if (rows.Count == 0)
            {
                return;
            }

            sentenceText ??= string.Join(" ", rows.Where(r => !r[0].Contains('-', StringComparison.Ordinal) && !r[0].Contains('.', StringComparison.Ordinal)).Select(r => r[1]));
            if (text.Length > 0)
            {
                text.Append(newPar ? "\n\n" : " ");
            }

            var offset = text.Length;
            text.Append(sentenceText);
            AlignSentence(sentenceText, offset, rows, tokens);
            if (tokens.Count > 0)
            {
                sentences.Add((offset, offset + sentenceText.TrimEnd().Length));
            }

            rows.Clear();
            sentenceText = null;
            newPar = false;
        }

        foreach (var line in lines)
        {
            if (line.StartsWith("# newdoc", StringComparison.Ordinal))
            {
                FlushSentence();
                FlushDocument();
                var eq = line.IndexOf('=', StringComparison.Ordinal);
                docId = eq > 0 ? line[(eq + 1)..].Trim() : $"doc{docs.Count + 1}";
                newPar = false;
            }
            else if (line.StartsWith("# newpar", StringComparison.Ordinal))
            {
                newPar = text.Length > 0;
            }
            else if (line.StartsWith("# text =", StringComparison.Ordinal))
            {
                sentenceText = line[8..].Trim();
            }
            else if (line.StartsWith('#'))
            {
                continue;
            }
            else if (line.Length == 0)
            {
                FlushSentence();
            }
            else
            {
                rows.Add(line.Split('\t'));
            }
        }

        FlushSentence();
        FlushDocument();
        return docs;
    }

    private static void AlignSentence(string sentence, int offset, List<string[]> rows, List<(int, int)> tokens)
    {
        var pos = 0;
        var skipUntil = 0;
        for (var r = 0; r < rows.Count; r++)
        {
            var id = rows[r][0];
            if (id.Contains('.', StringComparison.Ordinal))
            {
                continue; // empty nodes have no surface form
            }

            if (id.Contains('-', StringComparison.Ordinal))
            {
                var range = id.Split('-');
                var last = int.Parse(range[1], System.Globalization.CultureInfo.InvariantCulture);
                var first = int.Parse(range[0], System.Globalization.CultureInfo.InvariantCulture);
                var words = rows.Skip(r + 1).Take(last - first + 1).Select(w => w[1]).ToList();
                var surface = rows[r][1];
                var at = Find(sentence, surface, pos);
                if (at < 0)
                {
                    continue;
                }

                if (string.Concat(words) == surface)
                {
                    var p = at;
                    foreach (var w in words)
                    {
                        tokens.Add((offset + p, offset + p + w.Length));
                        p += w.Length;
                    }
                }
                else
                {
                    tokens.Add((offset + at, offset + at + surface.Length));
                }

                pos = at + surface.Length;
                skipUntil = last;
                continue;
            }

            if (int.TryParse(id, System.Globalization.CultureInfo.InvariantCulture, out var n) && n <= skipUntil)
            {
                continue;
            }

            var form = rows[r][1];
            var found = Find(sentence, form, pos);
            if (found < 0)
            {
                continue;
            }

            tokens.Add((offset + found, offset + found + form.Length));
            pos = found + form.Length;
        }
    }

    private static int Find(string sentence, string form, int pos)
    {
        var p = pos;
        while (p < sentence.Length && char.IsWhiteSpace(sentence[p]))
        {
            p++;
        }

        if (string.CompareOrdinal(sentence, p, form, 0, form.Length) == 0)
        {
            return p;
        }

        return sentence.IndexOf(form, pos, StringComparison.Ordinal);
    }
}
