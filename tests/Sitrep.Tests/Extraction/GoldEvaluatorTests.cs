using Sitrep.Core;
using Sitrep.Extraction.Evaluation;
using Xunit;

namespace Sitrep.Tests.Extraction;

/// <summary>Event matching of the gold evaluator: one to one, as many pairs as the seed README's rules allow.</summary>
public class GoldEvaluatorTests
{
    [Fact]
    public void Events_are_matched_one_to_one_as_many_as_possible_not_first_come()
    {
        const string text = "Russia struck Kyiv. Russia attacked again.";
        var doc = new Document(text);
        // the first system event fits both gold events; taking it for the first gold event would leave the second unmatched
        doc.Events.Add(new Event { Id = "e1", Type = "ASSAULT", Actor = "Russia", Location = "Kyiv", Evidence = new TextSpan(0, 19) });
        doc.Events.Add(new Event { Id = "e2", Type = "ASSAULT", Actor = "Russia", Evidence = new TextSpan(20, 42) });
        const string gold = """
            {"actors": [{"name": "Russia", "kind": "state", "mentions": ["Russia"]}],
             "places": [{"name": "Kyiv", "lat": 50.45, "lon": 30.52, "tolerance_km": 25, "mentions": ["Kyiv"]}],
             "events": [{"id": "E1", "type": "ASSAULT", "actor": "Russia"}, {"id": "E2", "type": "ASSAULT", "actor": "Russia", "location": "Kyiv"}],
             "claims": [], "quantities": []}
            """;
        var report = GoldEvaluator.Evaluate(doc, gold);
        Assert.Equal(2, report["events"].GoldMatched);
        Assert.Equal(2, report["events"].SystemMatched);
    }
}
