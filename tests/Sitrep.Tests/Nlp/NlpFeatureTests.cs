using System.IO.Compression;
using System.Text;
using Sitrep.Tagging;
using Xunit;

namespace Sitrep.Tests.Nlp;

public sealed class NlpFeatureTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sitrep-nlpfeat-" + Guid.NewGuid().ToString("N"));

    public NlpFeatureTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_hyphenated_lexicon_phrase_matches_both_as_one_token_and_split_at_the_hyphens()
    {
        var lex = new Lexicon();
        lex.Add("Guinea-Bissau", LexiconClass.Country);
        lex.Add("New  York", LexiconClass.City);
        Assert.Equal(LexiconClass.Country, lex.Lookup("guinea-bissau"));
        Assert.Equal(LexiconClass.Country, lex.Lookup("Guinea - Bissau"));
        Assert.Equal(LexiconClass.City, lex.Lookup("new york"));
        Assert.Equal(LexiconClass.None, lex.Lookup("Guinea"));
    }

    [Fact]
    public void The_tag_dictionary_keeps_frequent_words_with_their_tag_sets_and_reloads_unchanged()
    {
        var tokens = new List<(WordInfo, string)>();
        for (var i = 0; i < 5; i++)
        {
            tokens.Add((WordInfo.Of("run"), "VB"));
            tokens.Add((WordInfo.Of("Run"), "NN"));
            tokens.Add((WordInfo.Of("the"), "DT"));
        }

        tokens.Add((WordInfo.Of("rare"), "JJ"));
        var dict = TagDictionary.Build(tokens, minCount: 3, minShare: 0.01);
        Assert.Equal(2, dict.Count);
        Assert.NotEqual(dict.ClassOf(WordInfo.Of("run")), dict.ClassOf(WordInfo.Of("the")));
        Assert.Equal(dict.ClassOf(WordInfo.Of("run")), dict.ClassOf(WordInfo.Of("RUN")));
        // Unknown words fall back to a class from their shape.
        Assert.Equal(dict.ClassOf(WordInfo.Of("rare")), dict.ClassOf(WordInfo.Of("bold")));
        Assert.NotEqual(dict.ClassOf(WordInfo.Of("rare")), dict.ClassOf(WordInfo.Of("Rare")));

        using var ms = new MemoryStream();
        dict.Write(ms);
        ms.Position = 0;
        var back = TagDictionary.Read(ms, "test");
        Assert.Equal(dict.Count, back.Count);
        Assert.Equal(dict.ClassOf(WordInfo.Of("run")), back.ClassOf(WordInfo.Of("run")));
    }

    [Fact]
    public void Word_classes_are_looked_up_by_the_normalised_form_and_a_bad_line_names_the_file()
    {
        var path = Path.Combine(_dir, "classes.tsv.gz");
        Write(path, "kyiv\t17\t3\n0000\t5\t1\n");
        var classes = WordClasses.Read(path);
        Assert.Equal((17, 3), classes.Of(WordInfo.Of("KYIV")));
        Assert.Equal((5, 1), classes.Of(WordInfo.Of("2024")));
        Assert.Equal((-1, -1), classes.Of(WordInfo.Of("unseen")));

        var bad = Path.Combine(_dir, "bad.tsv.gz");
        Write(bad, "kyiv\tseventeen\t3\n");
        var e = Assert.Throws<InvalidDataException>(() => WordClasses.Read(bad));
        Assert.Contains("bad.tsv.gz", e.Message, StringComparison.Ordinal);
    }

    private static void Write(string path, string text)
    {
        using var fs = File.Create(path);
        using var gz = new GZipStream(fs, CompressionLevel.Fastest);
        gz.Write(Encoding.UTF8.GetBytes(text));
    }
}
