namespace Sitrep.Extraction;

/// <summary>The closed word sets of the event rules: prepositions that introduce a role, place nouns, weapon and attack nouns.</summary>
internal static class EventWords
{
    internal static readonly HashSet<string> TargetPrepositions = new(StringComparer.Ordinal) { "against", "on", "at", "targeting", "targeted", "upon", "engaging", "toward", "towards", "into" };

    internal static readonly HashSet<string> PlacePrepositions = new(StringComparer.Ordinal) { "in", "near", "around", "at", "outside", "across", "into", "inside", "within", "throughout" };

    /// <summary>Nouns after a town that make "on the X …" a front-line sector there.</summary>
    internal static readonly HashSet<string> SectorNouns = new(StringComparer.Ordinal) { "direction", "directions", "axis", "front", "sector" };

    internal static readonly HashSet<string> PlaceSuffixes = new(StringComparer.Ordinal) { "region", "oblast", "province", "district", "city", "area", "governorate", "state", "front", "raion" };

    internal static readonly HashSet<string> AgentPrepositions = new(StringComparer.Ordinal) { "by", "of", "involving", "from" };

    internal static readonly HashSet<string> AttackNouns = new(StringComparer.Ordinal) { "attack", "attacks", "strike", "strikes", "offensive", "assault", "barrage", "salvo", "raid", "raids", "airstrike", "airstrikes", "bombardment", "fire", "gunfire" };

    internal static readonly HashSet<string> WithPreposition = new(StringComparer.Ordinal) { "with" };

    internal static readonly HashSet<string> ActorPrepositions = new(StringComparer.Ordinal) { "to", "with", "against", "on", "from", "by", "into", "toward", "towards", "at", "for", "over" };

    internal static readonly HashSet<string> NounArgumentPrepositions = new(StringComparer.Ordinal) { "of", "from", "by", "on", "against", "to", "for" };

    internal static readonly HashSet<string> PlaceTargetPrepositions = new(StringComparer.Ordinal) { "in", "to", "into", "from" };

    internal static readonly HashSet<string> ToPreposition = new(StringComparer.Ordinal) { "to" };

    internal static readonly HashSet<string> Hostile = new(StringComparer.Ordinal) { "ASSAULT", "COERCE", "SANCTION", "PROTEST", "MOBILIZE", "THREATEN" };

    internal static readonly HashSet<string> Cooperative = new(StringComparer.Ordinal) { "AGREE", "AID", "SUPPORT", "CONSULT", "COOPERATE", "CONCEDE", "RETREAT" };

    /// <summary>Subjects that are the means of an attack, not its perpetrator.</summary>
    internal static readonly HashSet<string> WeaponHeads = new(StringComparer.Ordinal) { "bomb", "bombs", "bombing", "device", "explosion", "explosions", "blast", "mine", "mines", "missile", "missiles", "drone", "drones", "shell", "shells", "shelling", "rocket", "rockets", "attack", "attacks", "strike", "strikes", "fire", "airstrike", "grenade", "ied", "car" };

    internal static readonly HashSet<string> WeaponUnits = new(StringComparer.Ordinal) { "drones", "missiles", "bombs", "shells", "strikes", "attacks" };

    internal static readonly HashSet<string> NotPlaces = new(StringComparer.Ordinal) { "I", "The", "A", "An", "This", "That", "It", "He", "She", "They", "We", "World", "War", "President", "Prime" };

    internal static readonly HashSet<string> PlaceNouns = new(StringComparer.Ordinal) { "town", "city", "village", "villages", "towns", "cities", "region", "province", "district", "oblast", "settlement", "settlements", "port", "area" };

    internal static readonly HashSet<string> TimeWords = new(StringComparer.Ordinal) { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "tonight" };

    internal static readonly HashSet<string> GroupHeads = new(StringComparer.Ordinal)
    {
        "rebels", "protesters", "demonstrators", "police", "government", "army", "officials", "students", "workers", "forces", "troops",
        "militants", "leaders", "parties", "groups", "group", "people", "youths", "refugees", "opposition", "insurgents", "guerrillas",
        "militia", "militias", "soldiers", "authorities", "ministry", "parliament", "court", "president", "minister", "council", "party",
        "union", "committee", "members", "activists", "residents", "villagers", "fighters", "separatists", "negotiators", "diplomats",
        "palestinians", "kurds", "ministers", "forum", "newspaper", "agency", "leader", "chief", "secretary", "judge", "king", "prime", "unions", "legislators", "lawmakers", "senate", "congress", "cabinet", "junta", "regime", "movement", "front",
    };

    internal static readonly HashSet<string> OfPreposition = new(StringComparer.Ordinal) { "of" };

    internal static readonly HashSet<string>[] NounTargetPrepositions = [new(StringComparer.Ordinal) { "on", "against" }, OfPreposition];

    internal static readonly HashSet<string>[] NounTargetPrepositionsRetreat = [new(StringComparer.Ordinal) { "from" }];
}
