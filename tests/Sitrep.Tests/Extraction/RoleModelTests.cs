using Sitrep.Core;
using Sitrep.Extraction;
using Sitrep.Tagging;
using Xunit;

namespace Sitrep.Tests.Extraction;

/// <summary>The trained role model: shipped with a verified manifest, reloaded unchanged, and choosing sensible roles.</summary>
public class RoleModelTests
{
    [Fact]
    public void The_shipped_role_model_loads_with_its_manifest()
    {
        var model = RoleModel.Default;
        Assert.NotNull(model);
        Assert.Equal(RoleFeatures.FeatureSet, model!.Manifest!.Settings["features"]);
        Assert.Contains(model.Manifest.TrainingData, d => d.Name == "test.jsonl" && d.Role == "score");
        Assert.DoesNotContain(model.Manifest.TrainingData, d => d.Name == "test.jsonl" && d.Role == "train");
    }

    [Fact]
    public void A_tampered_role_model_fails_loudly()
    {
        var dir = ModelStore.Resolve(SitrepPaths.Models, RoleModel.Name);
        var copy = Directory.CreateTempSubdirectory("roles-").FullName;
        try
        {
            foreach (var f in Directory.GetFiles(dir))
            {
                File.Copy(f, Path.Combine(copy, Path.GetFileName(f)));
            }

            var model = Path.Combine(copy, RoleModel.ModelFile);
            var bytes = File.ReadAllBytes(model);
            bytes[^1] ^= 0xFF;
            File.WriteAllBytes(model, bytes);
            var e = Assert.Throws<ModelException>(() => RoleModel.Load(copy));
            Assert.Contains("sha256", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    [Fact]
    public void A_saved_role_model_reloads_with_the_same_scores()
    {
        var dir = ModelStore.Resolve(SitrepPaths.Models, RoleModel.Name);
        using var s = File.OpenRead(Path.Combine(dir, RoleModel.ModelFile));
        var lm = LinearModel.Read(s, "roles");
        using var ms = new MemoryStream();
        lm.Write(ms);
        ms.Position = 0;
        var again = LinearModel.Read(ms, "copy");
        var features = new List<uint> { 1, 2, 3 };
        var doc = ExtractionTestData.Analyse("Militants attacked a police post in the town.");
        var lower = doc.Tokens.Forms.Select(f => f.ToLowerInvariant()).ToArray();
        RoleFeatures.Extract(doc, lower, 0, 1, "attack", false, new string?[doc.TokenCount], features);
        Assert.Equal(new RoleModel(lm).Margins(features), new RoleModel(again).Margins(features));
    }

    [Fact]
    public void The_subject_of_an_active_attack_is_its_agent_and_the_object_its_target()
    {
        var doc = Sitrep.Analysis.Analyzer.FromFile(Path.Combine(SitrepPaths.Root, "pipeline-parse.json")).Process(new Document("Militants attacked a police post near the border."));
        if (!doc.Has(Layer.Dependencies) || doc.Tokens.DepLabels.Count == 0 || doc.Tokens.DepLabels[1] is null)
        {
            return;
        }

        var lower = doc.Tokens.Forms.Select(f => f.ToLowerInvariant()).ToArray();
        var (agent, target) = RoleModel.Default!.Choose(doc, lower, 0, doc.TokenCount, 1, 2, "attack", new string?[doc.TokenCount]);
        Assert.Equal("Militants", doc.Tokens.Forms[agent]);
        Assert.Equal("post", doc.Tokens.Forms[target]);
    }
}
