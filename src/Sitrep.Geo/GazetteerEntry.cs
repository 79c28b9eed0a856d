using Sitrep.Core;

namespace Sitrep.Geo;

/// <summary>What a gazetteer entry is: a town, an administrative region, a country or a supranational region.</summary>
public enum PlaceKind : byte
{
    Populated = 0,
    Admin2 = 1,
    Admin1 = 2,
    Country = 3,
    Region = 4,
}

/// <summary>How a name refers to an entry: its own name, an alternate or transliteration, a demonym, an abbreviation or a derived region form.</summary>
public enum NameLink : byte
{
    Primary = 0,
    Alternate = 1,
    Demonym = 2,
    Abbreviation = 3,
    RegionForm = 4,
}

/// <summary>One place of the gazetteer. Coordinates are NaN when the source has no trustworthy point.</summary>
public sealed record GazetteerEntry(
    int Index,
    long GeonameId,
    string Name,
    PlaceKind Kind,
    string? Country,
    string? Admin1,
    string? Admin2,
    string FeatureCode,
    double Lat,
    double Lon,
    long Population)
{
    public bool HasPoint => !double.IsNaN(Lat) && !double.IsNaN(Lon);

    /// <summary>GeoNames feature class and code, e.g. "P.PPLC" or "A.ADM1".</summary>
    public string FeatureClass => Kind switch
    {
        PlaceKind.Populated => "P." + FeatureCode,
        PlaceKind.Region => "L." + FeatureCode,
        _ => "A." + FeatureCode,
    };

    /// <summary>The precision a place of this kind has on the map.</summary>
    public PlacePrecision Precision => Kind switch
    {
        PlaceKind.Populated => PlacePrecision.Point,
        PlaceKind.Admin2 => PlacePrecision.Adm2,
        PlaceKind.Admin1 => PlacePrecision.Adm1,
        PlaceKind.Country => PlacePrecision.Country,
        _ => PlacePrecision.Region,
    };
}

/// <summary>A candidate reading of a name: the entry and how the name refers to it.</summary>
public readonly record struct NameHit(GazetteerEntry Entry, NameLink Link);

/// <summary>A country's table row: codes, name, capital, continent and neighbours.</summary>
public sealed record CountryRecord(string Iso2, string Iso3, string Name, string? CapitalName, int CountryEntry, int CapitalEntry, string Continent, string[] Neighbours);
