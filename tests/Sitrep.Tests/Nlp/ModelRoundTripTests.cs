using Sitrep.Tagging;
using Sitrep.Training;
using Xunit;

namespace Sitrep.Tests.Nlp;

public sealed class ModelRoundTripTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sitrep-nlp-" + Guid.NewGuid().ToString("N"));

    private const string Treebank = """
        # newdoc id = t1
        1	The	the	DET	DT	_	2	det	_	_
        2	army	army	NOUN	NN	_	3	nsubj	_	_
        3	crossed	cross	VERB	VBD	_	0	root	_	_
        4	the	the	DET	DT	_	5	det	_	_
        5	river	river	NOUN	NN	_	3	obj	_	_
        6	.	.	PUNCT	.	_	3	punct	_	_

        1	Troops	troop	NOUN	NNS	_	2	nsubj	_	_
        2	held	hold	VERB	VBD	_	0	root	_	_
        3	the	the	DET	DT	_	4	det	_	_
        4	town	town	NOUN	NN	_	2	obj	_	_
        5	.	.	PUNCT	.	_	2	punct	_	_

        1	Drones	drone	NOUN	NNS	_	2	nsubj	_	_
        2	struck	strike	VERB	VBD	_	0	root	_	_
        3	a	a	DET	DT	_	4	det	_	_
        4	depot	depot	NOUN	NN	_	2	obj	_	_
        5	overnight	overnight	ADV	RB	_	2	advmod	_	_
        6	.	.	PUNCT	.	_	2	punct	_	_

        """;

    public ModelRoundTripTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteTreebank()
    {
        var path = Path.Combine(_dir, "tiny-train.conllu");
        File.WriteAllText(path, Treebank.Replace("        ", "", StringComparison.Ordinal));
        return path;
    }

    [Fact]
    public void A_saved_tagger_reloads_with_identical_weights_and_predictions()
    {
        var train = WriteTreebank();
        var outDir = Path.Combine(_dir, "en-pos", "0.0.1");
        var trained = PosTrainer.Train(train, null, outDir, new TrainSettings { Epochs = 3, Prune = 0 });
        var reloaded = PosModel.Load(outDir);

        using var a = new MemoryStream();
        using var b = new MemoryStream();
        trained.Model.Write(a);
        reloaded.Model.Write(b);
        Assert.Equal(a.ToArray(), b.ToArray());
        Assert.Equal(File.ReadAllBytes(Path.Combine(outDir, PosModel.ModelFile)), a.ToArray());

        var forms = new[] { "The", "troops", "crossed", "a", "river", "." };
        Assert.Equal(trained.Tag(forms), reloaded.Tag(forms));
        Assert.Equal("DET", reloaded.Upos[reloaded.Tag(forms)[0]]);
    }

    [Fact]
    public void Training_twice_with_the_same_seed_gives_the_same_model_bytes()
    {
        var train = WriteTreebank();
        var first = Path.Combine(_dir, "a", "en-parser", "0.0.1");
        var second = Path.Combine(_dir, "b", "en-parser", "0.0.1");
        ParserTrainer.Train(train, null, first, new TrainSettings { Epochs = 3 });
        ParserTrainer.Train(train, null, second, new TrainSettings { Epochs = 3 });
        Assert.Equal(File.ReadAllBytes(Path.Combine(first, ParserModel.ModelFile)), File.ReadAllBytes(Path.Combine(second, ParserModel.ModelFile)));
        var parser = ParserModel.Load(first);
        var words = new[] { "Troops", "held", "the", "town", "." }.Select(WordInfo.Of).ToArray();
        var tags = new[] { "NNS", "VBD", "DT", "NN", "." }.Select(t => FeatureHash.Of(t)).ToArray();
        var heads = new int[5];
        var labels = new int[5];
        parser.Parse(words, tags, heads, labels);
        Assert.Equal(1, heads.Count(h => h == -1));
    }

    [Fact]
    public void A_model_file_that_does_not_match_its_manifest_fails_loudly()
    {
        var train = WriteTreebank();
        var outDir = Path.Combine(_dir, "en-pos", "0.0.2");
        PosTrainer.Train(train, null, outDir, new TrainSettings { Epochs = 1 });
        var file = Path.Combine(outDir, PosModel.ModelFile);
        var bytes = File.ReadAllBytes(file);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(file, bytes);
        var e = Assert.Throws<ModelException>(() => PosModel.Load(outDir));
        Assert.Contains("sha256", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_model_names_the_directory_it_looked_in()
    {
        var e = Assert.Throws<ModelException>(() => NlpModels.Pos(Path.Combine(_dir, "nowhere")));
        Assert.Contains("en-pos", e.Message, StringComparison.Ordinal);
    }
}
