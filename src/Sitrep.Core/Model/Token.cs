namespace Sitrep.Core;

/// <summary>A view of token <see cref="Index"/> of a document.</summary>
public readonly struct Token(Document doc, int index)
{
    public Document Doc { get; } = doc;

    public int Index { get; } = index;

    public TextSpan Span => new(Doc.Tokens.Starts[Index], Doc.Tokens.Ends[Index]);

    /// <summary>The original characters of the token.</summary>
    public string Text => Doc.Text[Doc.Tokens.Starts[Index]..Doc.Tokens.Ends[Index]];

    /// <summary>The normalised form.</summary>
    public string Form => Doc.Tokens.Forms[Index];

    public string? Upos => Doc.Tokens.Upos[Index];

    public string? Xpos => Doc.Tokens.Xpos[Index];

    public string? Lemma => Doc.Tokens.Lemmas[Index];

    public int Head => Doc.Tokens.Heads[Index];

    public string? Dep => Doc.Tokens.DepLabels[Index];

    public string? EntityTag => Doc.Tokens.EntityTags[Index];

    public bool SpaceAfter => Doc.Tokens.SpaceAfter[Index];

    public override string ToString() => Form;
}

/// <summary>A view of sentence <see cref="Index"/> of a document.</summary>
public readonly struct Sentence(Document doc, int index)
{
    public Document Doc { get; } = doc;

    public int Index { get; } = index;

    public int FirstToken => Doc.SentenceRanges[Index].First;

    public int EndToken => Doc.SentenceRanges[Index].End;

    public int TokenCount => EndToken - FirstToken;

    public TextSpan Span => TokenCount == 0
        ? new TextSpan(0, 0)
        : new TextSpan(Doc.Tokens.Starts[FirstToken], Doc.Tokens.Ends[EndToken - 1]);

    public string Text => Doc.TextOf(Span);

    public IEnumerable<Token> Tokens()
    {
        for (var i = FirstToken; i < EndToken; i++)
        {
            yield return new Token(Doc, i);
        }
    }

    public override string ToString() => Text;
}
