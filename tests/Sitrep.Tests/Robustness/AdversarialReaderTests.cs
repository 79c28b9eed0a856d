using System.Text;
using Sitrep.Fuzz;
using Sitrep.Ingest;

namespace Sitrep.Tests.Robustness;

/// <summary>
/// Issue #14: the HTML, feed, JSONL and CSV readers on hostile structure (deep nesting, huge attributes and lines,
/// entity expansion, floods): every case is read or refused, none throws or hangs. The suite runs the cases at
/// 300 KB; BENCHMARKS.md has the 10 MB run (`dotnet run -c Release --project tests/Sitrep.Fuzz -- --adversarial 10000000`).
/// </summary>
public sealed class AdversarialReaderTests
{
    [Fact]
    public void Every_hostile_structure_is_read_or_refused_without_a_crash_or_a_hang()
    {
        var (lines, failures) = Adversarial.Run(300_000, TimeSpan.FromSeconds(90));
        Assert.True(failures == 0, string.Join("\n", lines));
        Assert.Equal(Adversarial.Cases(300_000).Count, lines.Count);
    }

    [Fact]
    public void Entity_expansion_in_a_feed_is_refused_not_expanded()
    {
        var laughs = Adversarial.Cases(300_000).Single(c => c.Name.Contains("billion laughs", StringComparison.Ordinal));
        var results = FeedFileReader.FromBytes("laughs.rss", laughs.Make(), new ReaderOptions(), null).ToList();
        Assert.All(results, r => Assert.True(r.Item is null || r.Item.Text.Length < 10_000, "an entity was expanded"));
        Assert.Contains(results, r => r.Error is not null);
    }

    [Fact]
    public void A_feed_nested_deeper_than_the_limit_is_refused_with_the_line()
    {
        var xml = "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>W</title><item><title>T</title>"
            + string.Concat(Enumerable.Repeat("<x>", 100_000)) + string.Concat(Enumerable.Repeat("</x>", 100_000)) + "</item></channel></rss>";
        var r = Assert.Single(FeedFileReader.FromBytes("deep.rss", Encoding.UTF8.GetBytes(xml), new ReaderOptions(), null));
        Assert.Contains($"feed nested more than {HtmlNesting.MaxDepth} elements deep (passed at line 2)", r.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<a><b/><c><d></d></c></a>", 3)]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY e \"<x><x><x>\">]><r><!-- <y><y> --><![CDATA[<z><z>]]></r>", 1)]
    [InlineData("<r a=\"<b>\" c='>'><s/></r>", 1)]
    public void Xml_nesting_skips_comments_cdata_the_doctype_and_quoted_attributes(string xml, int depth) =>
        Assert.Equal(depth, HtmlNesting.MeasureXml(xml).Depth);
}
