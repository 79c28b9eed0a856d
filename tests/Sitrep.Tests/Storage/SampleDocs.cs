using Sitrep.Core;

namespace Sitrep.Tests.Storage;

/// <summary>Documents with a known set of facts, for store tests (no analysis involved).</summary>
public static class SampleDocs
{
    /// <summary>
    /// A document whose text must contain "shelling"-like prose; with <paramref name="events"/> ≥ 1 it carries that many
    /// events, and one actor, place (48.5, 35.25), time ("Monday", or the first word), quantity and claim.
    /// </summary>
    public static Document WithFacts(string text, int events, string type = "attack", string actor = "Red Army", string unit = "people", string source = "officials")
    {
        var doc = new Document(text, language: "en");
        if (events == 0)
        {
            return doc;
        }

        var all = new TextSpan(0, text.Length);
        var monday = text.IndexOf("Monday", StringComparison.Ordinal);
        var timeSpan = monday >= 0 ? new TextSpan(monday, monday + 6) : new TextSpan(0, Math.Max(1, text.IndexOf(' ', StringComparison.Ordinal)));
        doc.Actors.Add(new Actor { Id = "a1", Name = actor, Kind = ActorKind.ArmedForce });
        var place = new Place { Id = "p1", Name = "Rivertown", Country = "XX", Lat = 48.5, Lon = 35.25, Precision = PlacePrecision.Point };
        place.Mentions.Add(new TextSpan(0, 4));
        doc.Places.Add(place);
        doc.Times.Add(new TimeExpression { Id = "t1", Span = timeSpan, Start = new DateOnly(2024, 3, 4), End = new DateOnly(2024, 3, 4), Precision = TimePrecision.Day });
        doc.Quantities.Add(new Quantity { Id = "q1", Span = new TextSpan(0, 3), Unit = unit, Point = 2, Evidence = all });
        doc.Claims.Add(new Claim { Id = "c1", Source = source, Verb = "said", Evidence = all, EventId = "e1" });
        doc.Mentions.Add(new Mention(new TextSpan(0, 4), "LOC", text[..4]));
        for (var i = 1; i <= events; i++)
        {
            var e = new Event { Id = $"e{i}", Type = type, Actor = actor, PlaceId = "p1", TimeId = "t1", Evidence = all };
            e.QuantityIds.Add("q1");
            e.ClaimIds.Add("c1");
            doc.Events.Add(e);
        }

        doc.Provenance["sitrep.test.v1"] = "1";
        return doc;
    }
}
