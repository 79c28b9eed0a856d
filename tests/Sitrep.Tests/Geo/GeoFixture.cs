using Sitrep.Core;
using Sitrep.Geo;

namespace Sitrep.Tests.Geo;

/// <summary>The repository's gazetteer and the shared data folder, located from the test binaries.</summary>
internal static class GeoFixture
{
    private static readonly Lazy<Gazetteer> Shared = new(() => Gazetteer.Load(Gazetteer.LocateDefault()));

    public static Gazetteer Gazetteer => Shared.Value;

    public static PlaceResolver Resolver { get; } = new(Gazetteer);

    /// <summary>The repository root: the folder holding data/gazetteer.</summary>
    public static string RepoRoot
    {
        get
        {
            var path = Path.GetFullPath(Gazetteer.LocateDefault());
            return Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", ".."));
        }
    }

    /// <summary>../shared/data/&lt;name&gt; relative to the repository root; the test is skipped when it is absent.</summary>
    public static string SharedData(string name, ITestOutputHelper output) => Requires.Shared(Path.Combine("data", name));

    /// <summary>Runs the geo stage on a text without NER, as the pipeline would after tokens and sentences.</summary>
    public static Document Analyze(string text, IEnumerable<Mention>? mentions = null)
    {
        var doc = new Document(text);
        doc.MarkAssigned(Layer.Tokens);
        doc.MarkAssigned(Layer.Sentences);
        if (mentions is not null)
        {
            doc.Mentions.AddRange(mentions);
            doc.MarkAssigned(Layer.Mentions);
        }

        new ToponymStage(Gazetteer).Process(doc, CancellationToken.None);
        return doc;
    }

    public static Place? PlaceNamed(Document doc, string surface) =>
        doc.Places.FirstOrDefault(p => p.Mentions.Any(m => doc.TextOf(m) == surface));
}
