using Sitrep.Core;
using Sitrep.Tagging;

namespace Sitrep.Extraction;

/// <summary>
/// The trained role model (models/roles/VERSION: roles.lm.gz and its manifest): scores each noun-phrase head of a
/// trigger's sentence as the event's agent, its target or neither, from the features of <see cref="RoleFeatures"/>.
/// Trained by `./sitrep train roles` (tools/Sitrep.Training/RoleTrainer.cs).
/// </summary>
public sealed class RoleModel
{
    public const string Name = "roles";
    public const string Kind = "roles";
    public const string ModelFile = "roles.lm.gz";

    private static readonly Lazy<RoleModel?> DefaultLazy = new(() =>
    {
        var root = Path.Combine(SitrepPaths.Models, Name);
        return Directory.Exists(root) ? Load(ModelStore.Resolve(SitrepPaths.Models, Name)) : null;
    });

    private readonly LinearModel _model;
    private readonly int _agent;
    private readonly int _target;
    private readonly int _none;

    public RoleModel(LinearModel model, ModelManifest? manifest = null)
    {
        _model = model ?? throw new ArgumentNullException(nameof(model));
        Manifest = manifest;
        var classes = model.Classes.ToList();
        _none = classes.IndexOf("NONE");
        _agent = classes.IndexOf("AGENT");
        _target = classes.IndexOf("TARGET");
        if (_none < 0 || _agent < 0 || _target < 0)
        {
            throw new ModelException($"role model classes are {string.Join(",", classes)}; expected NONE, AGENT, TARGET");
        }
    }

    /// <summary>The shipped model, or null when the repository holds none (the events then come from the rules alone).</summary>
    public static RoleModel? Default => DefaultLazy.Value;

    public ModelManifest? Manifest { get; }

    public static RoleModel Load(string directory)
    {
        var manifest = ModelManifest.ReadVerified(directory, Kind);
        var features = manifest.Settings.GetValueOrDefault("features", "");
        if (features != RoleFeatures.FeatureSet)
        {
            throw new ModelException($"'{directory}' was trained with feature set '{features}'; this build computes '{RoleFeatures.FeatureSet}'");
        }

        using var s = File.OpenRead(Path.Combine(directory, ModelFile));
        return new RoleModel(LinearModel.Read(s, Path.Combine(directory, ModelFile)), manifest);
    }

    /// <summary>Scores of one candidate: agent and target margins over "neither".</summary>
    public (float Agent, float Target) Margins(List<uint> features)
    {
        Span<float> scores = stackalloc float[_model.ClassCount];
        _model.AddScores(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(features), scores);
        return (scores[_agent] - scores[_none], scores[_target] - scores[_none]);
    }

    /// <summary>
    /// The best agent and target candidates of the trigger [t0, t1) in the sentence [first, end): the highest positive
    /// margin each, never the same token; -1 where no candidate scores above "neither".
    /// </summary>
    public (int Agent, int Target) Choose(Document doc, string[] lower, int first, int end, int t0, int t1, string family, string?[] actorKinds, bool nominal = false)
    {
        var t = RoleFeatures.TriggerHead(doc, t0, t1);
        var passive = RoleFeatures.Passive(doc, t);
        var features = new List<uint>(24);
        var scored = new List<(int Token, float Agent, float Target)>();
        foreach (var c in RoleFeatures.Candidates(doc, first, end, t0, t1))
        {
            features.Clear();
            RoleFeatures.Extract(doc, lower, c, t, family, passive, actorKinds, features);
            var (a, g) = Margins(features);
            scored.Add((c, a, g));
        }

        var agent = scored.Where(x => x.Agent > 0).OrderByDescending(x => x.Agent).Select(x => x.Token).FirstOrDefault(-1);

        // a nominal trigger's target is a prepositional phrase below it ("an attack on X", "the bombing of X")
        nominal |= doc.Tokens.Upos.Count > t && doc.Tokens.Upos[t] is "NOUN" or "PROPN";
        var target = scored.Where(x => x.Target > 0 && x.Token != agent && (!nominal || Dominates(doc.Tokens.Heads, t, x.Token) && HasPreposition(doc, lower, x.Token)))
            .OrderByDescending(x => x.Target).Select(x => x.Token).FirstOrDefault(-1);
        return (agent, target);
    }

    private static bool HasPreposition(Document doc, string[] lower, int c)
    {
        for (var i = Math.Max(0, c - 4); i < c; i++)
        {
            if (doc.Tokens.Heads[i] == c && doc.Tokens.DepLabels[i] == "case" && lower[i] is not ("'s" or "’s"))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Dominates(List<int> heads, int t, int c)
    {
        for (var (x, steps) = (c, 0); x >= 0 && steps < 8; x = heads[x], steps++)
        {
            if (x == t)
            {
                return true;
            }
        }

        return false;
    }
}
