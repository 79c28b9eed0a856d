using Sitrep.Core;
using Sitrep.Tests.Specs;
using Sitrep.Text;
using Xunit;

namespace Sitrep.Tests.Text;

public class SentenceSplitterTests
{
    public static TheoryData<string, string[]> Cases()
    {
        var data = new TheoryData<string, string[]>();
        foreach (var (input, expected) in SpecFile.MultiLineCases("sentences.md"))
        {
            data.Add(input, [.. expected]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Splitter_spec_case_gives_the_expected_sentences(string input, string[] expected)
    {
        var doc = Split(input);
        var actual = doc.Sentences().Select(s => s.Text.Replace("\n", " ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Spec_file_has_cases()
    {
        Assert.True(SpecFile.MultiLineCases("sentences.md").Count() >= 6);
    }

    [Fact]
    public void Sentences_cover_every_token_once_in_order()
    {
        var doc = Split("One. Two!\n\nThree? \"Four.\" Five");
        var covered = doc.SentenceRanges.SelectMany(r => Enumerable.Range(r.First, r.End - r.First)).ToList();
        Assert.Equal(Enumerable.Range(0, doc.TokenCount), covered);
    }

    [Fact]
    public void Empty_text_has_no_sentences()
    {
        Assert.Equal(0, Split("").SentenceCount);
    }

    [Fact]
    public void Seed_article_sentences_include_its_headlines_as_their_own_sentences()
    {
        var path = TestDocs.SeedFile("kursk-buildup.txt");

        var text = File.ReadAllText(path);
        var doc = Split(text);
        var sentences = doc.Sentences().Select(s => s.Text).ToList();

        // Every line of the article is one or more whole sentences: no sentence crosses a line break.
        Assert.All(sentences, s => Assert.DoesNotContain('\n', s));
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        foreach (var line in lines.Where(l => !l.TrimEnd().EndsWith('.')))
        {
            // Lines without final punctuation are headlines: each is exactly one sentence.
            Assert.Contains(line.Trim(), sentences);
        }

        Assert.True(lines.Count(l => !l.TrimEnd().EndsWith('.')) >= 2, "the seed has at least two headlines");
        Assert.Equal(25, sentences.Count);
        Assert.StartsWith("U.S. officials disclosed that", sentences.Single(s => s.Contains("disclosed", StringComparison.Ordinal)));
    }

    internal static Document Split(string text)
    {
        var doc = TokenizerTests.Tokenize(text);
        new SentenceSplitter().Process(doc, CancellationToken.None);
        return doc;
    }
}
