using System.Globalization;
using Sitrep.Storage;

namespace Sitrep.Web.Api;

/// <summary>The query-string filters shared by the list endpoints; strings so that bad input gets a clear message.</summary>
public sealed class ApiFilters
{
    /// <summary>Bounding box: minLon,minLat,maxLon,maxLat in degrees (west,south,east,north).</summary>
    public string? Bbox { get; set; }

    /// <summary>First day, YYYY-MM-DD.</summary>
    public string? From { get; set; }

    /// <summary>Last day, YYYY-MM-DD.</summary>
    public string? To { get; set; }

    /// <summary>Event types (PLOVER), comma-separated, e.g. ASSAULT,MOBILIZE.</summary>
    public string? Type { get; set; }

    /// <summary>An actor or target (events), owner (estimates) or claimant (claims).</summary>
    public string? Actor { get; set; }

    /// <summary>The outlet of the report, or a claimant.</summary>
    public string? Source { get; set; }

    /// <summary>Words the report must contain (full-text).</summary>
    public string? Q { get; set; }

    /// <summary>A place: the event's location by name, or a country by name or ISO code (events anywhere in it).</summary>
    public string? Place { get; set; }

    /// <summary>Page size (default 100, at most 1000; 50000 for the map endpoint).</summary>
    public string? Limit { get; set; }

    /// <summary>Rows to skip.</summary>
    public string? Offset { get; set; }
}

/// <summary>A bad query parameter: the message names it and says what is expected.</summary>
public sealed class BadQueryException(string parameter, string message) : Exception(message)
{
    public string Parameter { get; } = parameter;
}

public static class FilterParser
{
    public static FactQuery Parse(ApiFilters f, int maxLimit = 1000, int defaultLimit = 100)
    {
        ArgumentNullException.ThrowIfNull(f);
        var q = new FactQuery
        {
            From = Day(f.From, "from"),
            To = Day(f.To, "to"),
            Types = f.Type is null ? null : [.. f.Type.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => ApiVocabulary.Check("type", t, ApiVocabulary.EventTypes))],
            Actor = Blank(f.Actor),
            Source = Blank(f.Source),
            Text = Blank(f.Q),
            Place = Blank(f.Place),
            Country = Blank(f.Place) is { } place ? Exports.CountryNames.Alpha2(place) : null,
            Limit = Int(f.Limit, "limit", defaultLimit, 0, maxLimit),
            Offset = Int(f.Offset, "offset", 0, 0, int.MaxValue),
        };
        if (q.From is { } a && q.To is { } b && a > b)
        {
            throw new BadQueryException("from", $"'from' ({a:yyyy-MM-dd}) is after 'to' ({b:yyyy-MM-dd})");
        }

        if (f.Bbox is not null)
        {
            var parts = f.Bbox.Split(',');
            var values = new double[4];
            if (parts.Length != 4 || !parts.Select((p, i) => double.TryParse(p.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out values[i])).All(ok => ok))
            {
                throw new BadQueryException("bbox", $"'bbox' must be four numbers minLon,minLat,maxLon,maxLat (west,south,east,north), got '{f.Bbox}'");
            }

            if (values[1] is < -90 or > 90 || values[3] is < -90 or > 90 || values[1] > values[3])
            {
                throw new BadQueryException("bbox", $"'bbox' latitudes must lie in -90..90 with south <= north, got '{f.Bbox}'");
            }

            if (values[0] is < -180 or > 180 || values[2] is < -180 or > 180)
            {
                throw new BadQueryException("bbox", $"'bbox' longitudes must lie in -180..180, got '{f.Bbox}'");
            }

            q = q with { MinLon = values[0], MinLat = values[1], MaxLon = values[2], MaxLat = values[3] };
        }

        return q;
    }

    public static DateOnly? Day(string? text, string name)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new BadQueryException(name, $"'{name}' must be a date written YYYY-MM-DD, got '{text}'");
    }

    public static int Int(string? text, string name, int fallback, int min, int max)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) || v < min || v > max)
        {
            throw new BadQueryException(name, $"'{name}' must be a whole number from {min} to {max}, got '{text}'");
        }

        return v;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
