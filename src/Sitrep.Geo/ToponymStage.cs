using Sitrep.Core;
using Sitrep.Core.Pipeline;

namespace Sitrep.Geo;

/// <summary>
/// The geo stage: finds toponyms (NER LOC/GPE mentions when the document has them, plus gazetteer matches) and
/// resolves them to GeoNames places, assigning <see cref="Document.Places"/>.
/// </summary>
public sealed class ToponymStage : IStage
{
    public const string StageName = "sitrep.Toponyms.v1";

    private readonly PlaceResolver _resolver;

    public ToponymStage(IGazetteer gazetteer, PlaceResolverOptions? options = null)
    {
        _resolver = new PlaceResolver(gazetteer, options);
    }

    /// <summary>A stage over the repository's gazetteer.</summary>
    public ToponymStage()
        : this(Sitrep.Geo.Gazetteer.Default)
    {
    }

    public string Name => StageName;

    public IReadOnlyList<Layer> Requires { get; } = [Layer.Tokens, Layer.Sentences];

    public IReadOnlyList<Layer> Assigns { get; } = [Layer.Places];

    public PlaceResolver Resolver => _resolver;

    public void Process(Document doc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(doc);
        var mentions = doc.Has(Layer.Mentions) ? doc.Mentions : null;
        // Only the report's own text is searched for place names (the same offsets, chrome blanked).
        var text = doc.Content?.Masked() ?? doc.Text;
        var toponyms = _resolver.Recognizer.Recognize(text, mentions, cancellationToken);
        var resolved = _resolver.Resolve(text, toponyms);
        doc.Places.Clear();
        doc.Places.AddRange(PlaceResolver.ToPlaces(resolved, doc.Text));
        doc.Provenance[StageName] = "gazetteer v" + Sitrep.Geo.Gazetteer.FormatVersion;
        doc.MarkAssigned(Layer.Places);
    }
}
