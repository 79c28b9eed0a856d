namespace Sitrep.Geo;

/// <summary>Read-only access to the gazetteer: names to candidate places, countries, capitals, demonyms.</summary>
public interface IGazetteer
{
    int Count { get; }

    GazetteerEntry this[int index] { get; }

    /// <summary>Every entry a folded name (see <see cref="GeoText.Fold"/>) may refer to; empty when unknown.</summary>
    IReadOnlyList<NameHit> Lookup(string foldedKey);

    /// <summary>Whether some multi-word name starts with this folded prefix of whole words.</summary>
    bool HasPrefix(string foldedPrefix);

    /// <summary>
    /// Entries of the countries listed for spelling variants whose name has the same transliteration skeleton (see
    /// <see cref="GeoText.Skeleton"/>) as this folded name: "zaporizhia oblast" finds Zaporizhzhia Oblast. Empty when
    /// the gazetteer has no such list.
    /// </summary>
    IReadOnlyList<NameHit> LookupVariant(string foldedKey) => [];

    /// <summary>Whether some multi-word name of those countries starts with a prefix of this skeleton.</summary>
    bool HasVariantPrefix(string foldedPrefix) => false;

    /// <summary>
    /// The city a landmark or seat of government stands in ("white house" → Washington, "kremlin" → Moscow), from
    /// data/geo/landmarks.tsv; empty when the phrase is none.
    /// </summary>
    IReadOnlyList<NameHit> Landmark(string foldedKey) => [];

    /// <summary>The country with this ISO 3166-1 alpha-2 code.</summary>
    CountryRecord? Country(string iso2);

    /// <summary>A country by name, alternate name, abbreviation or demonym: "Russian" → RU, "U.K." → GB.</summary>
    CountryRecord? CountryByName(string nameOrDemonym);

    /// <summary>The capital city of a country, or null when the country table has none.</summary>
    GazetteerEntry? CapitalOf(string iso2);

    /// <summary>The first-order region with this country and GeoNames admin1 code.</summary>
    GazetteerEntry? Admin1(string iso2, string admin1Code);

    /// <summary>Whether a one-word name is also a common lower-case English word ("bath", "reading", "mobile").</summary>
    bool IsCommonWord(string foldedKey);

    /// <summary>Whether this folded word is in the named lexicon (e.g. "titles", "street").</summary>
    bool InLexicon(string lexicon, string foldedKey);
}
