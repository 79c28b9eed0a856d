namespace Sitrep.Tagging;

/// <summary>Document-level tagging with a <see cref="NerModel"/>: sentences in order, sharing the document context.</summary>
public static class NerTagger
{
    /// <summary>Tags every sentence of a document; returns IOB2 tags with the model's (CoNLL) types.</summary>
    public static List<string[]> TagDocument(NerModel model, IReadOnlyList<string[]> sentences)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(sentences);
        var ctx = new NerDocumentContext(model.Types.Length);
        var infos = new List<WordInfo[]>(sentences.Count);
        foreach (var s in sentences)
        {
            var w = new WordInfo[s.Length];
            for (var i = 0; i < w.Length; i++)
            {
                w[i] = WordInfo.Of(s[i]);
            }

            infos.Add(w);
            ctx.Observe(w, s, 0);
        }

        var result = new List<string[]>(sentences.Count);
        for (var k = 0; k < sentences.Count; k++)
        {
            var w = infos[k];
            var classes = new int[w.Length];
            model.Tag(w, ctx, classes);
            var tags = new string[w.Length];
            Array.Fill(tags, "O");
            foreach (var ch in model.Chunks(classes))
            {
                tags[ch.Start] = "B-" + ch.Type;
                for (var i = ch.Start + 1; i < ch.End; i++)
                {
                    tags[i] = "I-" + ch.Type;
                }
            }

            result.Add(tags);
        }

        return result;
    }
}
