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

    [Fact]
    public void An_events_place_matches_the_gold_place_by_its_coordinates_or_its_mention_as_a_place_does()
    {
        const string text = "Russia shelled Kryvyi Rih. Russia struck Odesa.";
        var doc = new Document(text);
        // the gazetteer's name differs from the gold's; the place lies at the gold point
        doc.Places.Add(new Place { Id = "p1", Name = "Kryvyy Rih", Lat = 47.91, Lon = 33.39, Precision = PlacePrecision.Point });
        doc.Places.Add(new Place { Id = "p2", Name = "Odessa", Lat = 46.48, Lon = 30.73, Precision = PlacePrecision.Point });
        doc.Events.Add(new Event { Id = "e1", Type = "ASSAULT", Actor = "Russia", Location = "Kryvyy Rih", PlaceId = "p1", Evidence = new TextSpan(0, 26) });
        doc.Events.Add(new Event { Id = "e2", Type = "ASSAULT", Actor = "Russia", Location = "Odessa", PlaceId = "p2", Evidence = new TextSpan(27, 47) });
        const string gold = """
            {"actors": [{"name": "Russia", "kind": "state", "mentions": ["Russia"]}],
             "places": [{"name": "Kryvyi Rih", "lat": 47.9105, "lon": 33.3918, "tolerance_km": 25, "mentions": ["Kryvyi Rih"]},
                        {"name": "Kharkiv", "lat": 49.99, "lon": 36.23, "tolerance_km": 25, "mentions": ["Kharkiv"]}],
             "events": [{"id": "E1", "type": "ASSAULT", "actor": "Russia", "location": "Kryvyi Rih"},
                        {"id": "E2", "type": "ASSAULT", "actor": "Russia", "location": "Kharkiv"}],
             "claims": [], "quantities": []}
            """;
        var report = GoldEvaluator.Evaluate(doc, gold);
        // Kryvyy Rih is the gold's Kryvyi Rih; Odessa, far from Kharkiv, is not Kharkiv
        Assert.Equal(1, report["events"].GoldMatched);
        Assert.Equal(1, report["events"].SystemMatched);
    }
}
