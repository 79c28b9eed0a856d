using System.Globalization;

namespace Sitrep.Tagging;

/// <summary>One CoNLL-U sentence (syntactic words only; multiword-token ranges and empty nodes are skipped).</summary>
public sealed class ConlluSentence
{
    public required string[] Forms { get; init; }

    public required string[] Upos { get; init; }

    public required string[] Xpos { get; init; }

    /// <summary>Head of each word as a 0-based index in the sentence, -1 for the root.</summary>
    public required int[] Heads { get; init; }

    public required string[] Deprels { get; init; }

    public string? DocumentId { get; init; }

    public int Length => Forms.Length;
}

/// <summary>Reads CoNLL-U files (UD treebanks).</summary>
public static class ConlluReader
{
    public static List<ConlluSentence> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"no CoNLL-U file at '{path}'", path);
        }

        var result = new List<ConlluSentence>();
        var rows = new List<string[]>();
        string? doc = null;
        var lineNo = 0;
        foreach (var raw in Lines(path))
        {
            lineNo++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0)
            {
                Flush();
                continue;
            }

            if (line[0] == '#')
            {
                if (line.StartsWith("# newdoc id", StringComparison.Ordinal))
                {
                    var eq = line.IndexOf('=', StringComparison.Ordinal);
                    doc = eq >= 0 ? line[(eq + 1)..].Trim() : line;
                }

                continue;
            }

            var cols = line.Split('\t');
            if (cols.Length < 8)
            {
                throw new InvalidDataException($"'{path}' line {lineNo}: expected 10 tab-separated columns, found {cols.Length}");
            }

            if (cols[0].Contains('-', StringComparison.Ordinal) || cols[0].Contains('.', StringComparison.Ordinal))
            {
                continue;
            }

            rows.Add(cols);
        }

        Flush();
        return result;

        void Flush()
        {
            if (rows.Count == 0)
            {
                return;
            }

            var n = rows.Count;
            var s = new ConlluSentence
            {
                Forms = new string[n],
                Upos = new string[n],
                Xpos = new string[n],
                Heads = new int[n],
                Deprels = new string[n],
                DocumentId = doc,
            };
            for (var i = 0; i < n; i++)
            {
                var c = rows[i];
                s.Forms[i] = c[1];
                s.Upos[i] = c[3];
                s.Xpos[i] = c[4];
                s.Heads[i] = int.TryParse(c[6], NumberStyles.Integer, CultureInfo.InvariantCulture, out var h) && h >= 0 && h <= n ? h - 1 : -1;
                s.Deprels[i] = c[7];
            }

            result.Add(s);
            rows.Clear();
        }
    }

    /// <summary>The lines of a text file, gunzipped on the fly when its name ends in <c>.gz</c>.</summary>
    internal static IEnumerable<string> Lines(string path)
    {
        if (!path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var line in File.ReadLines(path))
            {
                yield return line;
            }

            yield break;
        }

        using var fs = File.OpenRead(path);
        using var gz = new System.IO.Compression.GZipStream(fs, System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        while (reader.ReadLine() is { } l)
        {
            yield return l;
        }
    }
}

/// <summary>A sentence of an NER corpus with IOB2 tags.</summary>
public sealed class NerSentence
{
    public required string[] Forms { get; init; }

    public required string[] Tags { get; init; }
}

/// <summary>An NER document: its sentences in order (document-level features look across them).</summary>
public sealed class NerDocument
{
    public List<NerSentence> Sentences { get; } = [];

    public int TokenCount => Sentences.Sum(s => s.Forms.Length);
}

/// <summary>
/// Reads CoNLL-style NER files: CoNLL-2003 (<c>word POS chunk TAG</c>, <c>-DOCSTART-</c> between documents),
/// the UNER iob2 files (<c>id word TAG …</c>, <c># newdoc</c> comments) and two-column files. IOB1 is converted to IOB2.
/// </summary>
public static class ConllNerReader
{
    public static List<NerDocument> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"no CoNLL NER file at '{path}'", path);
        }

        var docs = new List<NerDocument>();
        var doc = new NerDocument();
        var forms = new List<string>();
        var tags = new List<string>();
        var lineNo = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNo++;
            var line = raw.TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                FlushSentence();
                continue;
            }

            if (line[0] == '#')
            {
                if (line.StartsWith("# newdoc", StringComparison.Ordinal))
                {
                    FlushSentence();
                    FlushDoc();
                }

                continue;
            }

            if (line.StartsWith("-DOCSTART-", StringComparison.Ordinal))
            {
                FlushSentence();
                FlushDoc();
                continue;
            }

            string word, tag;
            if (line.Contains('\t', StringComparison.Ordinal))
            {
                var cols = line.Split('\t');
                if (cols.Length >= 3 && int.TryParse(cols[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
                {
                    word = cols[1];
                    tag = cols[2];
                }
                else if (cols.Length >= 2)
                {
                    word = cols[0];
                    tag = cols[^1];
                }
                else
                {
                    throw new InvalidDataException($"'{path}' line {lineNo}: expected a word and a tag");
                }
            }
            else
            {
                var cols = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (cols.Length < 2)
                {
                    throw new InvalidDataException($"'{path}' line {lineNo}: expected a word and a tag");
                }

                word = cols[0];
                tag = cols[^1];
            }

            forms.Add(word);
            tags.Add(tag);
        }

        FlushSentence();
        FlushDoc();
        return docs;

        void FlushSentence()
        {
            if (forms.Count == 0)
            {
                return;
            }

            var t = tags.ToArray();
            ToIob2(t);
            doc.Sentences.Add(new NerSentence { Forms = forms.ToArray(), Tags = t });
            forms.Clear();
            tags.Clear();
        }

        void FlushDoc()
        {
            if (doc.Sentences.Count > 0)
            {
                docs.Add(doc);
            }

            doc = new NerDocument();
        }
    }

    /// <summary>Rewrites IOB1 (or sloppy IOB2) tags in place so that every chunk starts with B-.</summary>
    public static void ToIob2(string[] tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        for (var i = 0; i < tags.Length; i++)
        {
            var t = tags[i];
            if (t.Length == 0 || t == "-" || t == "_")
            {
                tags[i] = "O";
                continue;
            }

            if (t.StartsWith("I-", StringComparison.Ordinal))
            {
                var type = t[2..];
                var prev = i > 0 ? tags[i - 1] : "O";
                if (prev == "O" || prev.Length < 2 || !string.Equals(prev[2..], type, StringComparison.Ordinal))
                {
                    tags[i] = "B-" + type;
                }
            }
        }
    }
}
