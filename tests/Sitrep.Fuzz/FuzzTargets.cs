using System.Numerics;
using System.Text;
using Sitrep.Analysis;
using Sitrep.Core;
using Sitrep.Core.Serialization;
using Sitrep.Ingest;
using Sitrep.Queue;

namespace Sitrep.Fuzz;

/// <summary>
/// One thing to fuzz: it runs an input and throws <see cref="FuzzFailure"/> (or any unexpected exception) when the
/// code under test misbehaves. Expected refusals (a reader's error result, a documented exception) are not failures.
/// Returns a small "feature" number that summarises what the input did, so inputs that reach new behaviour are kept.
/// </summary>
public interface IFuzzTarget
{
    string Name { get; }

    string Description { get; }

    ulong Run(ReadOnlySpan<byte> data);
}

/// <summary>The code misbehaved on an input: an invariant of its output does not hold.</summary>
public sealed class FuzzFailure(string message) : Exception(message)
{
    public FuzzFailure()
        : this("fuzz invariant broken")
    {
    }

    public FuzzFailure(string message, Exception inner)
        : this(message + ": " + inner.Message)
    {
    }
}

/// <summary>
/// The registry of targets. To add a reader (HTML, RSS/Atom, JSONL, CSV), add one line to <see cref="All"/> with
/// <see cref="ReaderTarget"/>: it checks that the reader never throws and that every item it yields is well-formed,
/// and an "…+analyze" variant runs each item through the pipeline too.
/// </summary>
public static class FuzzTargets
{
    public static IReadOnlyList<IFuzzTarget> All { get; } =
    [
        new ReaderTarget("text-reader", "TextFileReader.FromBytes: decoding, binary detection, titles", (input, bytes, options) => [TextFileReader.FromBytes(input, bytes, options)]),
        new AnalyzeTarget(),
        new ReaderTarget("text-reader+analyze", "the ingest path: read bytes as a text file, then analyse each item", (input, bytes, options) => [TextFileReader.FromBytes(input, bytes, options)], analyze: true),
        new QueueMessageTarget(),
        new LimitsTarget(),
        Reader("html-reader"),
        Reader("feed-reader"),
        Reader("jsonl-reader"),
        Reader("csv-reader"),
    ];

    /// <summary>The HTML, feed, JSONL and CSV readers as targets, with inputs up to <paramref name="maxBytes"/>.</summary>
    public static IFuzzTarget Reader(string name, long maxBytes = 1024 * 1024) => name switch
    {
        "html-reader" => new ReaderTarget(name, "HtmlPageReader.FromBytes: nesting limit, Readability, visible text", (input, bytes, o) => [HtmlPageReader.FromBytes(input, bytes, null, o)], maxBytes: maxBytes),
        "feed-reader" => new ReaderTarget(name, "FeedFileReader.FromBytes: RSS, Atom and JSON feeds, item HTML", (input, bytes, o) => FeedFileReader.FromBytes(input, bytes, o, null), maxBytes: maxBytes),
        "jsonl-reader" => new ReaderTarget(name, "DumpReader.JsonLines: records, fields, long lines", (input, bytes, o) => DumpReader.JsonLines(input, new StringReader(Encoding.UTF8.GetString(bytes)), o), maxBytes: maxBytes),
        "csv-reader" => new ReaderTarget(name, "DumpReader.Csv: header, quoting, field counts", (input, bytes, o) => DumpReader.Csv(input, bytes, o), maxBytes: maxBytes),
        _ => throw new ArgumentException($"no reader target '{name}'"),
    };

    public static IFuzzTarget Find(string name) =>
        All.FirstOrDefault(t => t.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"no fuzz target '{name}'; targets: {string.Join(", ", All.Select(t => t.Name))}");

    /// <summary>Analyses a text and checks the output: every span inside the text, tokens in order, JSON writable.</summary>
    public static ulong AnalyzeAndCheck(string text, DateOnly? published = null)
    {
        var doc = new Document(text, published: published);
        Analyzer.Default.Process(doc, CancellationToken.None);
        Check(doc);
        _ = AnalysisJson.Write(doc, indented: false, Analyzer.Default.Version);
        return Features(doc);
    }

    public static void Check(Document doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        var n = doc.Text.Length;
        void Span(TextSpan s, string what)
        {
            if (s.Start < 0 || s.End < s.Start || s.End > n)
            {
                throw new FuzzFailure($"{what} span [{s.Start},{s.End}) is outside the text of length {n}");
            }
        }

        var t = doc.Tokens;
        var prev = 0;
        for (var i = 0; i < t.Count; i++)
        {
            Span(new TextSpan(t.Starts[i], t.Ends[i]), $"token {i}");
            if (t.Starts[i] < prev)
            {
                throw new FuzzFailure($"token {i} starts at {t.Starts[i]}, before token {i - 1} at {prev}");
            }

            prev = t.Starts[i];
        }

        var lastEnd = 0;
        foreach (var s in doc.SentenceRanges)
        {
            if (s.First < lastEnd || s.End < s.First || s.End > t.Count)
            {
                throw new FuzzFailure($"sentence [{s.First},{s.End}) is out of order or outside the {t.Count} tokens");
            }

            lastEnd = s.End;
        }

        foreach (var m in doc.Mentions)
        {
            Span(m.Span, "mention");
        }

        foreach (var q in doc.Quantities)
        {
            Span(q.Span, "quantity");
            Span(q.Evidence, "quantity evidence");
        }

        foreach (var x in doc.Times)
        {
            Span(x.Span, "time");
        }

        foreach (var e in doc.Events)
        {
            Span(e.Evidence, "event evidence");
        }

        foreach (var c in doc.Claims)
        {
            Span(c.Evidence, "claim evidence");
        }

        foreach (var p in doc.Places)
        {
            foreach (var s in p.Mentions)
            {
                Span(s, "place mention");
            }
        }

        foreach (var a in doc.Actors)
        {
            foreach (var s in a.Mentions)
            {
                Span(s, "actor mention");
            }
        }
    }

    public static ulong Features(Document doc)
    {
        ArgumentNullException.ThrowIfNull(doc);
        static ulong Log2(int v) => v <= 0 ? 0UL : (ulong)(BitOperations.Log2((uint)v) + 1);
        var f = Log2(doc.TokenCount);
        f = (f * 31) + Log2(doc.SentenceCount);
        f = (f * 31) + Log2(doc.Mentions.Count);
        f = (f * 31) + Log2(doc.Quantities.Count);
        f = (f * 31) + Log2(doc.Events.Count);
        f = (f * 31) + Log2(doc.Claims.Count);
        f = (f * 31) + Log2(doc.Times.Count);
        f = (f * 31) + (ulong)(doc.Language?.GetHashCode(StringComparison.Ordinal) ?? 0) % 64;
        return f;
    }
}

/// <summary>A reader over bytes: must never throw; every item it yields must have text; optionally analyse each item.</summary>
public sealed class ReaderTarget(string name, string description, Func<string, byte[], ReaderOptions, IEnumerable<ReadResult>> read, bool analyze = false, long maxBytes = 1024 * 1024) : IFuzzTarget
{
    private readonly ReaderOptions _options = new() { MaxBytes = maxBytes, Published = new DateOnly(2024, 5, 1) };

    public string Name => name;

    public string Description => description;

    public ulong Run(ReadOnlySpan<byte> data)
    {
        var bytes = data.ToArray();
        ulong features = 17;
        foreach (var result in read("fuzz-input", bytes, _options))
        {
            if (result.Item is null)
            {
                if (string.IsNullOrWhiteSpace(result.Error))
                {
                    throw new FuzzFailure("a failed read has no reason");
                }

                features = (features * 31) + (ulong)result.Error.Split(' ')[0].GetHashCode(StringComparison.Ordinal) % 1024;
                continue;
            }

            if (string.IsNullOrWhiteSpace(result.Item.Text))
            {
                throw new FuzzFailure("a reader yielded an item with no text");
            }

            features = (features * 31) + (result.Item.Title is null ? 1UL : 2UL);
            if (analyze)
            {
                features = (features * 31) + FuzzTargets.AnalyzeAndCheck(result.Item.Text, result.Item.Published);
            }
        }

        return features;
    }
}

/// <summary>The pipeline on any text: bytes are decoded as UTF-8 with replacement characters, as the queue delivers them.</summary>
public sealed class AnalyzeTarget : IFuzzTarget
{
    public string Name => "analyze";

    public string Description => "the whole analysis pipeline and the JSON contract writer on arbitrary text";

    public ulong Run(ReadOnlySpan<byte> data) => FuzzTargets.AnalyzeAndCheck(Encoding.UTF8.GetString(data));
}

/// <summary>Queue messages from the wire: either a valid message or a QueueException.</summary>
public sealed class QueueMessageTarget : IFuzzTarget
{
    public string Name => "queue-message";

    public string Description => "ArticleMessage.FromBytes on arbitrary payloads";

    public ulong Run(ReadOnlySpan<byte> data)
    {
        try
        {
            var m = ArticleMessage.FromBytes(data);
            _ = m.Id;
            _ = m.PublishedDate;
            return 1 + (ulong)Math.Min(m.Text.Length, 63);
        }
        catch (QueueException)
        {
            return 0;
        }
    }
}

/// <summary>Limit values from the environment: either parsed or an ArgumentException naming the variable.</summary>
public sealed class LimitsTarget : IFuzzTarget
{
    public string Name => "limits";

    public string Description => "Limits.ParseSize and Limits.ParseDuration on arbitrary strings";

    public ulong Run(ReadOnlySpan<byte> data)
    {
        var s = Encoding.UTF8.GetString(data);
        ulong f = 0;
        try
        {
            if (Limits.ParseSize("X", s) <= 0)
            {
                throw new FuzzFailure("a parsed size is not positive");
            }

            f |= 1;
        }
        catch (ArgumentException e) when (e.Message.StartsWith("X:", StringComparison.Ordinal))
        {
        }

        try
        {
            if (Limits.ParseDuration("X", s) <= TimeSpan.Zero)
            {
                throw new FuzzFailure("a parsed duration is not positive");
            }

            f |= 2;
        }
        catch (ArgumentException e) when (e.Message.StartsWith("X:", StringComparison.Ordinal))
        {
        }

        return f;
    }
}
