namespace Sitrep.Core;

/// <summary>A named-entity mention: PER, ORG, LOC, GPE, NORP, MISC (or the CoNLL types).</summary>
public sealed record Mention(TextSpan Span, string Type, string Text, double Confidence = 1.0);

/// <summary>How precisely a place is known. A country-level fact is never drawn as a point.</summary>
public enum PlacePrecision
{
    Point,
    Adm2,
    Adm1,
    Country,
    Region,
    Unknown,
}

/// <summary>A resolved place with the mentions that refer to it.</summary>
public sealed class Place
{
    public required string Id { get; init; }

    public required string Name { get; set; }

    /// <summary>ISO 3166-1 alpha-2 country code, or null for supranational regions.</summary>
    public string? Country { get; set; }

    public string? Admin1 { get; set; }

    public string? Admin2 { get; set; }

    public double? Lat { get; set; }

    public double? Lon { get; set; }

    public PlacePrecision Precision { get; set; } = PlacePrecision.Unknown;

    public long? GeonameId { get; set; }

    /// <summary>GeoNames feature class and code, e.g. "P.PPLC" or "A.ADM1".</summary>
    public string? FeatureClass { get; set; }

    public List<TextSpan> Mentions { get; } = [];
}

/// <summary>
/// A counted amount with its hedge kept: "nearly 2,000 troops" has Max 2,000 and qualifier "nearly", never a point.
/// </summary>
public sealed class Quantity
{
    public required string Id { get; set; }

    /// <summary>The quantity phrase itself, e.g. "nearly 2,000 troops".</summary>
    public required TextSpan Span { get; init; }

    /// <summary>Normalised unit: personnel, drones, missiles, killed, wounded, km2, hours, …</summary>
    public required string Unit { get; set; }

    /// <summary>The unit as written, e.g. "soldiers" or "square miles".</summary>
    public string? UnitText { get; set; }

    public double? Point { get; set; }

    public double? Min { get; set; }

    public double? Max { get; set; }

    /// <summary>The hedge as a normalised word: nearly, over, at least, about, up to, thousands, …</summary>
    public string? Qualifier { get; set; }

    /// <summary>Whose it is ("Belarusian soldiers" → Belarus), as a canonical actor name.</summary>
    public string? Owner { get; set; }

    /// <summary>The sentence (or clause) that proves the quantity.</summary>
    public required TextSpan Evidence { get; set; }

    /// <summary>What the figure is: a count of things, an amount of money, a share (percent) or a measure.</summary>
    public QuantityKind Kind { get; set; } = QuantityKind.Count;

    /// <summary>For a measure, what it measures: area, length, weight, duration, …</summary>
    public string? Measure { get; set; }

    /// <summary>For money, the ISO 4217 currency code ("USD"); null when the text does not say.</summary>
    public string? Currency { get; set; }

    /// <summary>For a rate, the period or base it is counted per: day, week, month, year, hour, person.</summary>
    public string? Per { get; set; }

    /// <summary>
    /// The counted noun, lower case, when the unit does not say it: "six generals killed" has unit killed and noun
    /// generals; "500-kilogram bombs" has unit kg and noun bombs (the thing measured); "90 percent of the drones" has noun drones.
    /// </summary>
    public string? Noun { get; set; }

    /// <summary>The counted noun phrase as written (modifiers and head, e.g. "gas condensate stabilisation plants").</summary>
    public TextSpan? Phrase { get; set; }

    /// <summary>Other places where the document states the same figure (a headline and its body): one quantity, several mentions.</summary>
    public List<TextSpan> Mentions { get; } = [];
}

/// <summary>What a quantity's figure is.</summary>
public enum QuantityKind
{
    /// <summary>A number of things or people.</summary>
    Count,

    /// <summary>An amount of money (see <see cref="Quantity.Currency"/>).</summary>
    Money,

    /// <summary>A share in percent ("54 percent", "one-fifth" → 20).</summary>
    Share,

    /// <summary>A size, distance, weight or duration (see <see cref="Quantity.Measure"/>).</summary>
    Measure,
}

/// <summary>How precisely a time is known.</summary>
public enum TimePrecision
{
    Day,
    Week,
    Month,
    Season,
    Year,
    Unknown,
}

/// <summary>A time expression resolved against the published date.</summary>
public sealed class TimeExpression
{
    public required string Id { get; init; }

    public required TextSpan Span { get; init; }

    public DateOnly? Start { get; set; }

    public DateOnly? End { get; set; }

    public TimePrecision Precision { get; set; } = TimePrecision.Unknown;
}

/// <summary>What kind of thing an actor is.</summary>
public enum ActorKind
{
    State,
    Person,
    Organisation,
    ArmedForce,
    Group,
    Other,
}

/// <summary>A canonical actor with every mention that resolves to it.</summary>
public sealed class Actor
{
    public required string Id { get; init; }

    public required string Name { get; set; }

    public ActorKind Kind { get; set; } = ActorKind.Other;

    /// <summary>A person's or group's state, e.g. "Ukraine" for the Ukrainian president.</summary>
    public string? Affiliation { get; set; }

    public string? Role { get; set; }

    public List<TextSpan> Mentions { get; } = [];
}

/// <summary>An event in the PLOVER vocabulary with its roles and evidence.</summary>
public sealed class Event
{
    public required string Id { get; init; }

    /// <summary>PLOVER type: ASSAULT, MOBILIZE, AGREE, … or OTHER.</summary>
    public required string Type { get; set; }

    /// <summary>PLOVER mode or Sitrep subtype: drone strike, troop deployment, …</summary>
    public string? Mode { get; set; }

    /// <summary>Canonical actor name.</summary>
    public string? Actor { get; set; }

    public string? Target { get; set; }

    /// <summary>Canonical place name.</summary>
    public string? Location { get; set; }

    /// <summary>The id of the place in <see cref="Document.Places"/>, when resolved.</summary>
    public string? PlaceId { get; set; }

    /// <summary>
    /// When the location is a site below the resolved place ("the Oxford Street bus station", "a checkpoint"), the span
    /// that names it; <see cref="PlaceId"/> is then the place that holds the site (its town), or null.
    /// </summary>
    public TextSpan? Site { get; set; }

    public string? TimeId { get; set; }

    /// <summary>The trigger word or phrase.</summary>
    public TextSpan? Trigger { get; set; }

    public List<string> QuantityIds { get; } = [];

    public List<string> ClaimIds { get; } = [];

    public List<string> Participants { get; } = [];

    /// <summary>Every trigger span that reports this event in the document (one event may be told several times).</summary>
    public List<TextSpan> Mentions { get; } = [];

    /// <summary>ACLED event type and sub-event type for export, when the PLOVER type and mode map to one.</summary>
    public string? AcledType { get; set; }

    public string? AcledSubType { get; set; }

    /// <summary>
    /// Told as background, not as news: a reference to an earlier, already known act ("since Russia's full-scale
    /// invasion") or an act dated long before the report. Background events never corroborate new ones in fusion.
    /// </summary>
    public bool Background { get; set; }

    public required TextSpan Evidence { get; set; }
}

/// <summary>One mention of a canonical actor with how it was written: name, demonym, title, metonym, group, forces.</summary>
public sealed record ActorMention(TextSpan Span, string ActorId, string Form);

/// <summary>Who says so: a source's stance towards an event or a proposition.</summary>
public sealed class Claim
{
    public required string Id { get; init; }

    /// <summary>The claimant as a canonical actor name, or a description such as "footage and intelligence".</summary>
    public required string Source { get; set; }

    /// <summary>The reporting verb or construction as written: revealed, said, according to, remained silent.</summary>
    public required string Verb { get; set; }

    /// <summary>asserts, denies, confirms, corroborates, unconfirmed, no comment, warns, estimates.</summary>
    public string Stance { get; set; } = "asserts";

    public string? EventId { get; set; }

    /// <summary>The proposition when the claim is not about an extracted event.</summary>
    public string? Content { get; set; }

    /// <summary>The quantities its content gives ("Ukraine's Air Force said it had destroyed 3,855 missiles").</summary>
    public List<string> QuantityIds { get; } = [];

    public required TextSpan Evidence { get; set; }
}
