namespace Sitrep.Core;

/// <summary>What a stretch of markup becomes in the normalised text.</summary>
public enum MarkupKind
{
    /// <summary>Removed: link brackets and targets, citation markers, emphasis, heading marks.</summary>
    Drop,

    /// <summary>Removed, but one space stands in its place when it separates two words ("**Click****here**", emoji).</summary>
    Gap,
}

/// <summary>One stretch of markdown or web markup in the original text, half-open.</summary>
public readonly record struct MarkupSpan(int Start, int End, MarkupKind Kind);
