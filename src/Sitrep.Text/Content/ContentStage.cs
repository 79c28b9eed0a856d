using Sitrep.Core;
using Sitrep.Core.Pipeline;

namespace Sitrep.Text.Content;

/// <summary>
/// The first stage: marks which lines of the original text are the report's own (headline, byline and date, body,
/// its own lists, quotes and tables) and which are site chrome, other articles' headlines, captions, prompts or
/// endnotes. The tokenizer reads only the content, so no later stage finds a fact outside it; offsets stay those of
/// the original text. Uses the document's per-outlet <see cref="Document.Boilerplate"/> profile when it has one.
/// </summary>
public sealed class ContentStage(ContentClassifier? classifier = null) : IStage
{
    public const string StageName = "sitrep.Content.v1";

    private readonly ContentClassifier _classifier = classifier ?? ContentClassifier.Default;

    public string Name => StageName;

    public IReadOnlyList<Layer> Requires { get; } = [];

    public IReadOnlyList<Layer> Assigns { get; } = [Layer.Content];

    public void Process(Document doc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(doc);
        doc.Content = _classifier.Classify(doc.Text, doc.Title, doc.Boilerplate, cancellationToken);
    }
}
