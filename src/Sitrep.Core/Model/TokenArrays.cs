namespace Sitrep.Core;

/// <summary>The column store of a document's tokens: one list per attribute, index i is token i.</summary>
public sealed class TokenArrays
{
    public List<int> Starts { get; } = [];

    public List<int> Ends { get; } = [];

    /// <summary>The token's normalised form (curly quotes straightened, dashes unified).</summary>
    public List<string> Forms { get; } = [];

    /// <summary>Whether whitespace follows the token in the original text.</summary>
    public List<bool> SpaceAfter { get; } = [];

    public List<string?> Upos { get; } = [];

    public List<string?> Xpos { get; } = [];

    public List<string?> Lemmas { get; } = [];

    /// <summary>Head token index within the document, or -1 for a sentence root.</summary>
    public List<int> Heads { get; } = [];

    public List<string?> DepLabels { get; } = [];

    /// <summary>BIO entity tag, e.g. B-GPE.</summary>
    public List<string?> EntityTags { get; } = [];

    public int Count => Starts.Count;

    public void Add(int start, int end, string form, bool spaceAfter)
    {
        Starts.Add(start);
        Ends.Add(end);
        Forms.Add(form);
        SpaceAfter.Add(spaceAfter);
        Upos.Add(null);
        Xpos.Add(null);
        Lemmas.Add(null);
        Heads.Add(-1);
        DepLabels.Add(null);
        EntityTags.Add(null);
    }

    public void Clear()
    {
        Starts.Clear();
        Ends.Clear();
        Forms.Clear();
        SpaceAfter.Clear();
        Upos.Clear();
        Xpos.Clear();
        Lemmas.Clear();
        Heads.Clear();
        DepLabels.Clear();
        EntityTags.Clear();
    }
}
