using System.Security.Cryptography;
using System.Text;

namespace Sitrep.Core;

/// <summary>
/// One report: its original text and metadata, and the annotation layers that the pipeline's stages assign.
/// The document owns the per-token arrays; <see cref="Token"/> and <see cref="Sentence"/> are views into them.
/// </summary>
public sealed class Document
{
    private readonly HashSet<Layer> _assigned = [];
    private NormalizedText? _normalized;

    public Document(string text, string? title = null, string? url = null, string? outlet = null, DateOnly? published = null, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = text;
        Title = title;
        Url = url;
        Outlet = outlet;
        Published = published;
        Language = language;
        Id = ContentHash(text);
    }

    /// <summary>The content hash of the text: the document's identity, so re-ingesting the same text is a no-op.</summary>
    public string Id { get; }

    public string Text { get; }

    public string? Title { get; set; }

    public string? Url { get; set; }

    public string? Outlet { get; set; }

    public DateOnly? Published { get; set; }

    public string? Language { get; set; }

    /// <summary>
    /// The report's own text (headline, body, its lists and quotes) as spans of <see cref="Text"/>, set by the content
    /// stage; null when no content stage ran, and then all of the text is read.
    /// </summary>
    public ContentMap? Content { get; set; }

    /// <summary>
    /// What earlier pages of the same outlet share (lines that recur on them), when the caller knows it; the content
    /// stage treats recurring lines as site chrome.
    /// </summary>
    public IBoilerplateProfile? Boilerplate { get; set; }

    /// <summary>The normalised text that token-level stages read, with its map back to <see cref="Text"/>.</summary>
    /// <remarks>The identity map (8 bytes a character) is built on first use: a document that is only stored, or
    /// analysed in sections, never pays for it.</remarks>
    public NormalizedText Normalized
    {
        get => _normalized ??= NormalizedText.Identity(Text);
        set => _normalized = value;
    }

    /// <summary>Per-token arrays; index i is token i of the document.</summary>
    public TokenArrays Tokens { get; } = new();

    /// <summary>Sentences as token ranges [FirstToken, EndToken).</summary>
    public List<SentenceRange> SentenceRanges { get; } = [];

    public List<Mention> Mentions { get; } = [];

    public List<Place> Places { get; } = [];

    public List<Quantity> Quantities { get; } = [];

    public List<TimeExpression> Times { get; } = [];

    public List<Actor> Actors { get; } = [];

    /// <summary>Every actor mention in text order, each pointing to its actor in <see cref="Actors"/>.</summary>
    public List<ActorMention> ActorMentions { get; } = [];

    public List<Event> Events { get; } = [];

    public List<Claim> Claims { get; } = [];

    /// <summary>Versions of the stages and models that produced the annotations, keyed by stage name.</summary>
    public Dictionary<string, string> Provenance { get; } = new(StringComparer.Ordinal);

    public IReadOnlySet<Layer> AssignedLayers => _assigned;

    public bool Has(Layer layer) => _assigned.Contains(layer);

    public void MarkAssigned(Layer layer) => _assigned.Add(layer);

    public int TokenCount => Tokens.Count;

    public int SentenceCount => SentenceRanges.Count;

    public Token Token(int index) => new(this, index);

    public Sentence Sentence(int index) => new(this, index);

    public IEnumerable<Token> AllTokens()
    {
        for (var i = 0; i < Tokens.Count; i++)
        {
            yield return new Token(this, i);
        }
    }

    public IEnumerable<Sentence> Sentences()
    {
        for (var i = 0; i < SentenceRanges.Count; i++)
        {
            yield return new Sentence(this, i);
        }
    }

    /// <summary>The text a span covers: always the evidence of a fact.</summary>
    public string TextOf(TextSpan span) => Text[span.Start..span.End];

    /// <summary>The index of the sentence that contains character offset <paramref name="offset"/>, or -1.</summary>
    public int SentenceIndexAt(int offset)
    {
        int lo = 0, hi = SentenceRanges.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var span = new Sentence(this, mid).Span;
            if (offset < span.Start)
            {
                hi = mid - 1;
            }
            else if (offset >= span.End)
            {
                lo = mid + 1;
            }
            else
            {
                return mid;
            }
        }

        return -1;
    }

    /// <summary>The index of the first token whose span starts at or after <paramref name="offset"/>.</summary>
    public int TokenIndexAtOrAfter(int offset)
    {
        int lo = 0, hi = Tokens.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Tokens.Starts[mid] < offset)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    public static string ContentHash(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        const int Piece = 16 * 1024;
        if (text.Length <= Piece)
        {
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
        }

        // The UTF-8 bytes of a long text, piece by piece (the encoder carries a pair split between pieces): the same
        // hash without a second copy of the text.
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var encoder = Encoding.UTF8.GetEncoder();
        var buffer = new byte[Encoding.UTF8.GetMaxByteCount(Piece)];
        for (var at = 0; at < text.Length; at += Piece)
        {
            var n = Math.Min(Piece, text.Length - at);
            var bytes = encoder.GetBytes(text.AsSpan(at, n), buffer, flush: at + n == text.Length);
            sha.AppendData(buffer, 0, bytes);
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset().AsSpan(0, 16));
    }
}

/// <summary>A sentence as a token range [First, End).</summary>
public readonly record struct SentenceRange(int First, int End);
