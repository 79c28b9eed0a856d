using Sitrep.Core;

namespace Sitrep.Tests.Fusion;

/// <summary>Hand-written stories and documents whose facts are filled by hand, as extraction would fill them.</summary>
public static class FusionTestData
{
    public const string DepotStory =
        "Drones set fuel depot ablaze in Pokrovsk\n\n" +
        "A swarm of attack drones struck a fuel depot on the northern edge of Pokrovsk shortly after midnight on Monday, " +
        "starting a fire that burned for most of the night, the head of the regional military administration said. " +
        "Air defence units shot down eleven of the drones over the surrounding district, but at least three reached the depot, " +
        "he wrote on his official channel. Two storage tanks were destroyed and a third was damaged. " +
        "Firefighters from three neighbouring towns were called in to help contain the blaze, and residents of nearby streets " +
        "were told to keep their windows shut because of the heavy smoke. No one was killed, although a night watchman was " +
        "treated for burns and taken to the city hospital in a stable condition. " +
        "The depot supplied diesel to farms and municipal transport across the district, and local officials warned that fuel " +
        "rationing could follow if repairs take longer than a week. The defence ministry in Moscow did not comment on the strike. " +
        "It was the fourth attack on infrastructure in the area this month, according to the regional administration, which " +
        "said it would publish a full damage assessment once the fire had been fully extinguished and engineers had inspected the site.";

    public const string EvacuationStory =
        "Families with children told to leave Pokrovsk\n\n" +
        "Authorities in Pokrovsk on Monday ordered the mandatory evacuation of families with children from the city and five " +
        "surrounding villages as fighting moved closer, the regional military administration said. About 1,200 children still " +
        "live in the affected area, officials estimated. Buses will leave from the railway station twice a day and take families " +
        "to temporary shelters in the west of the region, where volunteers have prepared beds, food and medical checks. " +
        "Parents who refuse to leave will be asked to sign a statement, the head of the city council told reporters at a briefing. " +
        "The decision followed weeks of shelling that damaged schools, kindergartens and the main water pumping station. " +
        "Humanitarian organisations said they were ready to help with transport for elderly relatives who wish to travel with the families.";

    public const string MarketStory =
        "Shelling hits market in Pokrovsk, four wounded\n\n" +
        "Artillery shells landed on the central market in Pokrovsk around noon on Monday, wounding four traders and destroying " +
        "several stalls, police in the region said. Photographs published by the police showed burned awnings, scattered vegetables " +
        "and a crater in the car park beside the covered hall. The wounded, aged between 34 and 71, were taken to hospital. " +
        "The market had reopened only last week after repairs following an earlier attack in the spring. " +
        "Police opened a criminal case into a possible war crime and asked witnesses with video recordings to come forward. " +
        "City officials said the market would stay closed until sappers had checked the area for unexploded munitions.";

    public const string Boilerplate =
        "Sign up for our morning briefing and get the day's top stories in your inbox. Follow us on social media. " +
        "Advertisement. Copyright 2024 Border Daily Media Group, all rights reserved. Reproduction without permission is prohibited.";

    /// <summary>The same wire story as another outlet carries it: new headline, boilerplate, a few small edits.</summary>
    public static string Reprint(string story, string headline, bool dropLastSentence = false)
    {
        var body = story[(story.IndexOf("\n\n", StringComparison.Ordinal) + 2)..];
        body = body.Replace("shortly after midnight", "soon after midnight", StringComparison.Ordinal)
            .Replace("the head of the regional military administration said", "the regional governor said", StringComparison.Ordinal)
            .Replace("Firefighters from three neighbouring towns", "Fire crews from three nearby towns", StringComparison.Ordinal)
            .Replace("taken to the city hospital", "taken to hospital", StringComparison.Ordinal);
        if (dropLastSentence)
        {
            body = body[..(body.LastIndexOf(". ", StringComparison.Ordinal) + 1)];
        }

        return headline + "\n\n(Wire) " + body + "\n\n" + Boilerplate;
    }

    public static Document Doc(string text, string outlet, DateOnly published) =>
        new(text, text[..text.IndexOf('\n', StringComparison.Ordinal)], $"https://{outlet.Replace(' ', '-').ToLowerInvariant()}.test/x", outlet, published, "en");

    public static TextSpan Span(Document doc, string phrase)
    {
        var start = doc.Text.IndexOf(phrase, StringComparison.Ordinal);
        if (start < 0)
        {
            throw new ArgumentException($"'{phrase}' is not in the text");
        }

        return new TextSpan(start, start + phrase.Length);
    }

    public static Place AddPlace(Document doc, string name, double lat, double lon, PlacePrecision precision, string country = "UA")
    {
        var place = new Place { Id = "p" + (doc.Places.Count + 1), Name = name, Lat = lat, Lon = lon, Precision = precision, Country = country };
        doc.Places.Add(place);
        return place;
    }

    public static Event AddEvent(Document doc, string type, string? mode, string? actor, string? target, Place? place, string evidence, DateOnly? day = null)
    {
        string? timeId = null;
        if (day is { } d)
        {
            var time = new TimeExpression { Id = "t" + (doc.Times.Count + 1), Span = Span(doc, evidence), Start = d, End = d, Precision = TimePrecision.Day };
            doc.Times.Add(time);
            timeId = time.Id;
        }

        var e = new Event
        {
            Id = "e" + (doc.Events.Count + 1),
            Type = type,
            Mode = mode,
            Actor = actor,
            Target = target,
            Location = place?.Name,
            PlaceId = place?.Id,
            TimeId = timeId,
            Evidence = Span(doc, evidence),
        };
        doc.Events.Add(e);
        return e;
    }

    public static Claim AddClaim(Document doc, Event? about, string source, string verb, string stance, string evidence)
    {
        var c = new Claim { Id = "c" + (doc.Claims.Count + 1), Source = source, Verb = verb, Stance = stance, EventId = about?.Id, Evidence = Span(doc, evidence) };
        doc.Claims.Add(c);
        about?.ClaimIds.Add(c.Id);
        return c;
    }

    public static Quantity AddQuantity(Document doc, Event? of, string phrase, string unit, double? point, double? min, double? max, string? qualifier, string? owner)
    {
        var q = new Quantity
        {
            Id = "q" + (doc.Quantities.Count + 1),
            Span = Span(doc, phrase),
            Unit = unit,
            Point = point,
            Min = min,
            Max = max,
            Qualifier = qualifier,
            Owner = owner,
            Evidence = Span(doc, phrase),
        };
        doc.Quantities.Add(q);
        of?.QuantityIds.Add(q.Id);
        return q;
    }
}
