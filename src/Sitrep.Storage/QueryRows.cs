namespace Sitrep.Storage;

/// <summary>
/// Filters of the analyst queries. Null means "any". Days compare against an event's own time when it has one,
/// else the report's publication date.
/// </summary>
public sealed record FactQuery
{
    /// <summary>Bounding box in degrees; when MinLon &gt; MaxLon the box crosses the antimeridian.</summary>
    public double? MinLon { get; init; }

    public double? MinLat { get; init; }

    public double? MaxLon { get; init; }

    public double? MaxLat { get; init; }

    public DateOnly? From { get; init; }

    public DateOnly? To { get; init; }

    /// <summary>Event types (PLOVER), any of them.</summary>
    public IReadOnlyList<string>? Types { get; init; }

    /// <summary>An actor or target (events), an owner (estimates) or a claimant (claims), case-insensitive.</summary>
    public string? Actor { get; init; }

    /// <summary>The outlet of the report, or a claimant of the fact.</summary>
    public string? Source { get; init; }

    /// <summary>Words that the report must contain (full-text).</summary>
    public string? Text { get; init; }

    /// <summary>Events at a place of this name (the event's location), case-insensitive.</summary>
    public string? Place { get; init; }

    /// <summary>Events in this country (ISO 3166-1 alpha-2), at any precision.</summary>
    public string? Country { get; init; }

    public string? Unit { get; init; }

    public string? Stance { get; init; }

    public string? ArticleId { get; init; }

    public string? EventLocalId { get; init; }

    /// <summary>Only facts of analyses stored after this analysis id (for alerts).</summary>
    public long? AfterAnalysisId { get; init; }

    public int Limit { get; init; } = 100;

    public int Offset { get; init; }

    /// <summary>
    /// Map rows only: id, type, day, coordinates, precision, country and location, read from the covering event index
    /// (other fields stay empty).
    /// </summary>
    public bool Compact { get; init; }

    /// <summary>Counting stops here, so a broad query stays fast; <see cref="FactPage{T}.TotalIsExact"/> says so.</summary>
    public int CountCap { get; init; } = 100_000;
}

/// <summary>One page of results and how many match in all (up to the query's count cap).</summary>
public sealed record FactPage<T>(IReadOnlyList<T> Items, long Total, bool TotalIsExact);

public sealed class EventRecord
{
    public string Id => ArticleId + "/" + LocalId;

    public long AnalysisId { get; set; }

    public string ArticleId { get; set; } = "";

    public string LocalId { get; set; } = "";

    public string? ArticleTitle { get; set; }

    public string? Outlet { get; set; }

    public string? Url { get; set; }

    public string? Published { get; set; }

    public string? Day { get; set; }

    public string Type { get; set; } = "";

    public string? Mode { get; set; }

    public string? Actor { get; set; }

    public string? Target { get; set; }

    public string? Location { get; set; }

    public double? Lat { get; set; }

    public double? Lon { get; set; }

    public string? Precision { get; set; }

    public string? Country { get; set; }

    public string? Admin1 { get; set; }

    public string? TimeStart { get; set; }

    public string? TimeEnd { get; set; }

    public string? TimePrecision { get; set; }

    public string? TimeText { get; set; }

    public string QuantityIds { get; set; } = "[]";

    public string ClaimIds { get; set; } = "[]";

    public long EvidenceStart { get; set; }

    public long EvidenceEnd { get; set; }

    public string EvidenceText { get; set; } = "";

    /// <summary>Told as background (an earlier, known act), not as news.</summary>
    public bool Background { get; set; }

    /// <summary>The trigger's span in the article, when the extractor recorded it.</summary>
    public long? TriggerStart { get; set; }

    public long? TriggerEnd { get; set; }

    /// <summary>The GeoNames id of the event's place, when resolved.</summary>
    public long? GeonameId { get; set; }

    /// <summary>When the analysis holding the event was stored (ISO 8601, UTC).</summary>
    public string? AnalysedAt { get; set; }

    /// <summary>The fusion cluster (the real event across reports), when the store was fused.</summary>
    public string? ClusterId { get; set; }

    /// <summary>Independent sources (reprint groups) that report the cluster.</summary>
    public long? Sources { get; set; }

    /// <summary>Articles that report the cluster.</summary>
    public long? Reports { get; set; }

    /// <summary>The outlet of the cluster's earliest report.</summary>
    public string? FirstSource { get; set; }
}

public sealed class QuantityRecord
{
    public long AnalysisId { get; set; }

    public string ArticleId { get; set; } = "";

    public string LocalId { get; set; } = "";

    public string? ArticleTitle { get; set; }

    public string? Outlet { get; set; }

    public string? Published { get; set; }

    /// <summary>The event that cites this quantity, when one does.</summary>
    public string? EventLocalId { get; set; }

    /// <summary>The claimant of that event's first claim, when it has one.</summary>
    public string? Claimant { get; set; }

    public string Text { get; set; } = "";

    public string Unit { get; set; } = "";

    public string? UnitText { get; set; }

    public double? Point { get; set; }

    public double? Min { get; set; }

    public double? Max { get; set; }

    public string? Qualifier { get; set; }

    public string? Owner { get; set; }

    /// <summary>count, money, share or measure (null in analyses stored before quantities had kinds: a count).</summary>
    public string? Kind { get; set; }

    /// <summary>ISO 4217 code of an amount of money.</summary>
    public string? Currency { get; set; }

    /// <summary>The period of a rate: day, week, month, year, …</summary>
    public string? Per { get; set; }

    /// <summary>The counted noun when the unit does not say it ("generals" of a killed count).</summary>
    public string? Noun { get; set; }

    public long EvidenceStart { get; set; }

    public long EvidenceEnd { get; set; }

    public string EvidenceText { get; set; } = "";
}

public sealed class ClaimRecord
{
    public long AnalysisId { get; set; }

    public string ArticleId { get; set; } = "";

    public string LocalId { get; set; } = "";

    public string? ArticleTitle { get; set; }

    public string? Outlet { get; set; }

    public string? Published { get; set; }

    public string Source { get; set; } = "";

    public string Verb { get; set; } = "";

    public string Stance { get; set; } = "";

    public string? EventLocalId { get; set; }

    public string? Content { get; set; }

    public long EvidenceStart { get; set; }

    public long EvidenceEnd { get; set; }

    public string EvidenceText { get; set; } = "";
}

public sealed class ArticleDetail
{
    public string Id { get; set; } = "";

    public string? Title { get; set; }

    public string? Url { get; set; }

    public string? Outlet { get; set; }

    public string? Published { get; set; }

    public string? Language { get; set; }

    public string Status { get; set; } = "";

    public string? Source { get; set; }

    public long AnalysisId { get; set; }

    public string Text { get; set; } = "";
}

public sealed class ActorSummary
{
    public string Name { get; set; } = "";

    public string? Kind { get; set; }

    public string? Affiliation { get; set; }

    public long Reports { get; set; }
}

public sealed class PlaceSummary
{
    public string Name { get; set; } = "";

    public string? Country { get; set; }

    public string? Admin1 { get; set; }

    public double? Lat { get; set; }

    public double? Lon { get; set; }

    public string? Precision { get; set; }

    public long? GeonameId { get; set; }

    public long Reports { get; set; }
}
