using System.Text;
using Sitrep.Analysis;
using Sitrep.Cli.Ingestion;
using Sitrep.Core;
using Sitrep.Extraction;
using Sitrep.Ingest;
using Sitrep.Storage;

namespace Sitrep.Tests.Robustness;

/// <summary>Issue #14: analysis linear in the text, long texts in sections with offsets into the whole text.</summary>
public sealed class LongTextTests
{
    private static readonly string[] Places = ["Kharkiv", "Zaporizhzhia", "Kherson", "Sumy", "Dnipro", "Odesa", "Mykolaiv", "Poltava"];
    private static readonly string[] Acts = ["shelled", "struck", "attacked", "hit"];
    private static readonly string[] Speakers = ["the regional governor", "the mayor", "Ukraine's air force", "the General Staff"];

    /// <summary>
    /// News-like paragraphs with events, quantities and claims, separated by blank lines; each of the first 224 tells of
    /// an attack on another town or day, so no two of them are one incident.
    /// </summary>
    internal static string News(int chars)
    {
        var sb = new StringBuilder();
        for (var i = 0; sb.Length < chars; i++)
        {
            sb.Append("Russian forces ").Append(Acts[i % Acts.Length]).Append(' ').Append(Places[i % Places.Length])
              .Append(" on November ").Append(i / Places.Length % 28 + 1).Append(", killing ").Append(i % 37 + 2).Append(" people and wounding at least ").Append(i % 53 + 5)
              .Append(", ").Append(Speakers[i % Speakers.Length]).Append(" said. Nearly ").Append((i % 9 + 1) * 1000)
              .Append(" troops were deployed near ").Append(Places[(i + 3) % Places.Length]).Append(", officials said in report ")
              .Append(i).Append(".\n\n");
        }

        return sb.ToString();
    }

    [Fact]
    public void Sections_cover_the_text_exactly_and_end_at_paragraph_breaks()
    {
        var text = News(50_000);
        var sections = SectionedAnalysis.Split(text, 8_000);
        Assert.True(sections.Count >= 7);
        var at = 0;
        foreach (var (start, length) in sections)
        {
            Assert.Equal(at, start);
            Assert.InRange(length, 1, 8_000);
            at = start + length;
            if (at < text.Length)
            {
                Assert.Equal("\n\n", text[(at - 2)..at]);
            }
        }

        Assert.Equal(text.Length, at);
    }

    [Theory]
    [InlineData("word ", 1000)]
    [InlineData("Short sentence. ", 1000)]
    [InlineData("x", 1000)]
    public void A_text_without_paragraphs_is_still_cut_into_bounded_sections(string unit, int maxChars)
    {
        var text = string.Concat(Enumerable.Repeat(unit, 20_000 / unit.Length));
        var sections = SectionedAnalysis.Split(text, maxChars);
        Assert.Equal(text.Length, sections.Sum(s => s.Length));
        Assert.All(sections, s => Assert.InRange(s.Length, 1, maxChars));
    }

    [Fact]
    public void A_long_text_analysed_in_sections_keeps_every_fact_with_evidence_in_the_whole_text()
    {
        var text = News(60_000);
        var doc = SectionedAnalysis.Process(Analyzer.Default, new Document(text, published: new DateOnly(2024, 11, 11)), sectionChars: 10_000);

        Assert.Empty(EvidenceChecker.Check(doc));
        Assert.True(doc.Events.Count > 100, $"{doc.Events.Count} events");
        Assert.True(doc.Quantities.Count > 100, $"{doc.Quantities.Count} quantities");
        Assert.True(doc.Claims.Count > 50, $"{doc.Claims.Count} claims");
        Assert.Contains(doc.Events, e => e.Evidence.Start > 50_000);

        // the same facts as each section analysed alone, moved to where the section sits in the text
        var sections = SectionedAnalysis.Split(text, 10_000);
        var expected = new List<(string, int, int)>();
        foreach (var (start, length) in sections)
        {
            var part = TestDocs.Analyse(text.Substring(start, length), new DateOnly(2024, 11, 11));
            expected.AddRange(part.Quantities.Select(q => (part.TextOf(q.Span), q.Span.Start + start, q.Span.End + start)));
        }

        Assert.Equal(expected, doc.Quantities.Select(q => (doc.TextOf(q.Span), q.Span.Start, q.Span.End)));

        // ids are unique and every reference between facts resolves
        foreach (var ids in new[] { doc.Events.Select(e => e.Id), doc.Quantities.Select(q => q.Id), doc.Claims.Select(c => c.Id), doc.Places.Select(p => p.Id), doc.Actors.Select(a => a.Id), doc.Times.Select(t => t.Id) })
        {
            var list = ids.ToList();
            Assert.Equal(list.Count, list.Distinct(StringComparer.Ordinal).Count());
        }

        var places = doc.Places.Select(p => p.Id).ToHashSet();
        var quantities = doc.Quantities.Select(q => q.Id).ToHashSet();
        var claims = doc.Claims.Select(c => c.Id).ToHashSet();
        var events = doc.Events.Select(e => e.Id).ToHashSet();
        var actors = doc.Actors.Select(a => a.Id).ToHashSet();
        Assert.All(doc.Events, e => Assert.True(e.PlaceId is null || places.Contains(e.PlaceId), $"{e.Id} place {e.PlaceId}"));
        Assert.All(doc.Events, e => Assert.Subset(quantities, e.QuantityIds.ToHashSet()));
        Assert.All(doc.Events, e => Assert.Subset(claims, e.ClaimIds.ToHashSet()));
        Assert.All(doc.Claims, c => Assert.True(c.EventId is null || events.Contains(c.EventId), $"{c.Id} event {c.EventId}"));
        Assert.All(doc.ActorMentions, m => Assert.Contains(m.ActorId, actors));

        // a place named in every section is one place with all its mentions
        var kharkiv = Assert.Single(doc.Places, p => p.Name == "Kharkiv");
        Assert.True(kharkiv.Mentions.Count >= 20);
        Assert.All(kharkiv.Mentions, m => Assert.Equal("Kharkiv", doc.TextOf(m)));
    }

    [Fact]
    public void A_short_text_is_analysed_whole_exactly_as_the_pipeline_does()
    {
        var text = News(3_000);
        var whole = TestDocs.Analyse(text, new DateOnly(2024, 11, 11));
        var progress = new List<AnalysisProgress>();
        var doc = SectionedAnalysis.Process(Analyzer.Default, new Document(text, published: new DateOnly(2024, 11, 11)), progress.Add);
        Assert.Equal(whole.Events.Select(e => (e.Id, e.Type, e.Evidence)), doc.Events.Select(e => (e.Id, e.Type, e.Evidence)));
        Assert.Equal(whole.TokenCount, doc.TokenCount);
        Assert.Equal(new AnalysisProgress(text.Length, text.Length, 1, 1), Assert.Single(progress));
    }

    [Fact]
    public void The_ingest_runner_reports_the_progress_of_a_single_long_input_section_by_section()
    {
        using var dir = new Sitrep.Tests.Ingest.TempDir();
        using var store = SqliteStore.Open(Path.Combine(dir.Path, "t.db"));
        var text = News(SectionedAnalysis.SectionChars * 2 + 1000);
        var heard = new List<(string, AnalysisProgress)>();
        var runner = new IngestRunner(store, Analyzer.Default) { AnalysisProgress = (input, p) => { lock (heard) { heard.Add((input, p)); } } };
        var summary = runner.Run([ReadResult.Ok(new SourceItem("big.txt", text) { Published = new DateOnly(2024, 11, 11) })]);
        Assert.Equal(1, summary.Stored);
        Assert.Equal(3, heard.Count);
        Assert.All(heard, h => Assert.Equal("big.txt", h.Item1));
        Assert.Equal([1, 2, 3], heard.Select(h => h.Item2.Section));
        Assert.Equal(text.Length, heard[^1].Item2.Done);
        Assert.True(store.Counts().Events > 100, $"{store.Counts().Events} events stored");
    }

    [Fact]
    public void Standard_input_over_the_limit_is_refused_without_reading_it_all()
    {
        var expander = new InputExpander(new ReaderOptions { MaxBytes = 1024 * 1024 });
        var result = Assert.Single(expander.Expand(["-"], new EndlessReader()));
        Assert.Null(result.Item);
        Assert.Contains("over the 1 MB limit", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_JSON_line_over_the_limit_is_refused_and_the_lines_after_it_are_read()
    {
        var huge = "{\"text\": \"" + new string('a', 3 * 1024 * 1024) + "\"}";
        var lines = "{\"text\": \"Shelling hit the depot on Monday.\", \"date\": \"2024-08-12\"}\n" + huge + "\n{\"text\": \"A drone struck a warehouse.\", \"date\": \"2024-08-13\"}\n";
        var results = DumpReader.JsonLines("dump.jsonl", new StringReader(lines), new ReaderOptions { MaxBytes = 1024 * 1024 }).ToList();
        Assert.Equal(3, results.Count);
        Assert.NotNull(results[0].Item);
        Assert.Equal("dump.jsonl:2", results[1].Input);
        Assert.Contains("size limit", results[1].Error, StringComparison.Ordinal);
        Assert.NotNull(results[2].Item);
    }

    // A standard input that never ends.
    private sealed class EndlessReader : TextReader
    {
        public override int Read(char[] buffer, int index, int count)
        {
            Array.Fill(buffer, 'a', index, count);
            return count;
        }

        public override int Peek() => 'a';

        public override int Read() => 'a';
    }
}
