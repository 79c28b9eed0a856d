using Sitrep.Analysis;
using Sitrep.Core;
using Sitrep.Core.Pipeline;
using Sitrep.Text;
using Xunit;

namespace Sitrep.Tests.Core;

public class PipelineTests
{
    private sealed class NeedsPos : IStage
    {
        public string Name => "test.NeedsPos.v1";

        public IReadOnlyList<Layer> Requires { get; } = [Layer.PartOfSpeech];

        public IReadOnlyList<Layer> Assigns { get; } = [Layer.Events];

        public void Process(Document doc, CancellationToken cancellationToken)
        {
        }
    }

    [Fact]
    public void Builder_rejects_a_stage_whose_input_no_earlier_stage_assigns()
    {
        var builder = new PipelineBuilder().Add(new Normalizer()).Add(new Tokenizer()).Add(new NeedsPos());
        var e = Assert.Throws<PipelineException>(() => builder.Build());
        Assert.Equal(PipelineException.MissingInput, e.Code);
        Assert.Contains("test.NeedsPos.v1", e.Message, StringComparison.Ordinal);
        Assert.Contains("PartOfSpeech", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Builder_rejects_stages_in_the_wrong_order()
    {
        var builder = new PipelineBuilder().Add(new Tokenizer()).Add(new Normalizer());
        Assert.Equal(PipelineException.MissingInput, Assert.Throws<PipelineException>(() => builder.Build()).Code);
    }

    [Fact]
    public void Pipeline_json_with_an_unknown_stage_names_it_and_the_known_ones()
    {
        var e = Assert.Throws<PipelineException>(() =>
            StageCatalog.CreateRegistry().BuildFromJson("""{"stages":[{"name":"sitrep.Nope.v9"}]}""", "models"));
        Assert.Equal(PipelineException.UnknownStage, e.Code);
        Assert.Contains("sitrep.Tokenizer.v1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_pipeline_json_is_a_config_error()
    {
        var e = Assert.Throws<PipelineException>(() => StageCatalog.CreateRegistry().BuildFromJson("{ stages: [", "models", "bad.json"));
        Assert.Equal(PipelineException.BadConfig, e.Code);
        Assert.Contains("bad.json", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_pipeline_records_its_stage_versions_and_marks_layers()
    {
        var doc = TestDocs.Analyse("Shelling hit the town. Two people were hurt.");
        Assert.True(doc.Has(Layer.Tokens));
        Assert.True(doc.Has(Layer.Sentences));
        Assert.Contains(Tokenizer.StageName, Analyzer.Default.Version, StringComparison.Ordinal);
        Assert.True(doc.Provenance.ContainsKey(Tokenizer.StageName));
        Assert.Equal(2, doc.SentenceCount);
    }

    [Fact]
    public void Pipeline_is_safe_to_share_between_threads()
    {
        var texts = Enumerable.Range(0, 200).Select(i => $"Report {i}. Troops moved {i} km west. Officials said nothing.").ToList();
        var counts = texts.AsParallel().WithDegreeOfParallelism(4).Select(t => TestDocs.Analyse(t).SentenceCount).ToList();
        Assert.All(counts, c => Assert.Equal(3, c));
    }

    [Fact]
    public void Cancellation_stops_the_pipeline()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => Analyzer.Default.Process(new Document("Text."), cts.Token));
    }

    [Fact]
    public void Document_id_is_the_content_hash()
    {
        Assert.Equal(new Document("same text").Id, new Document("same text", title: "other").Id);
        Assert.NotEqual(new Document("same text").Id, new Document("other text").Id);
    }

    [Fact]
    public void Normalised_offsets_map_back_to_the_original_text()
    {
        var norm = Normalizer.Normalize("a\u2014b\u200Bc\u2026");
        Assert.Equal("a--bc...", norm.Text);
        Assert.Equal(new TextSpan(1, 2), norm.ToOriginal(1, 3));
        Assert.Equal(new TextSpan(2, 5), norm.ToOriginal(3, 5));
        Assert.Equal(new TextSpan(5, 6), norm.ToOriginal(5, 8));
    }
}
