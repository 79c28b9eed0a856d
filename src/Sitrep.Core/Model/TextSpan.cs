namespace Sitrep.Core;

/// <summary>A half-open character range [Start, End) into a document's original text.</summary>
public readonly record struct TextSpan(int Start, int End)
{
    public int Length => End - Start;

    public bool IsEmpty => End <= Start;

    /// <summary>The evidence: the exact characters of <paramref name="text"/> this span covers.</summary>
    public string Of(string text) => text[Start..End];

    public bool Contains(TextSpan other) => Start <= other.Start && other.End <= End;

    public bool Overlaps(TextSpan other) => Start < other.End && other.Start < End;

    /// <summary>The smallest span covering both.</summary>
    public TextSpan Cover(TextSpan other) => new(Math.Min(Start, other.Start), Math.Max(End, other.End));

    public override string ToString() => $"[{Start},{End})";
}
