namespace Sitrep.Storage;

/// <summary>What saving an analysed document did.</summary>
public enum SaveOutcome
{
    /// <summary>A new article and its first analysis.</summary>
    Stored,

    /// <summary>The same text with the same pipeline and models was stored before: nothing written.</summary>
    Unchanged,

    /// <summary>The article was known; a new analysis revision was appended and made current.</summary>
    Revised,
}

/// <summary>Filters shared by the list queries. Null means "any".</summary>
public sealed record ListFilter
{
    public DateOnly? Since { get; init; }

    public DateOnly? Until { get; init; }

    public string? Type { get; init; }

    public string? Actor { get; init; }

    public string? Unit { get; init; }

    public string? Source { get; init; }

    public string? ArticleId { get; init; }

    public int Limit { get; init; } = 100;

    public int Offset { get; init; }
}

/// <summary>Row counts of the store's current analyses.</summary>
public sealed record StoreCounts(long Articles, long Analysed, long NotAnalysed, long Events, long Claims, long Quantities, long Places, long Actors, long Errors);

public sealed class ArticleRow
{
    public string Id { get; set; } = "";

    public string? Title { get; set; }

    public string? Url { get; set; }

    public string? Outlet { get; set; }

    public string? Published { get; set; }

    public string? Language { get; set; }

    public string Status { get; set; } = "";

    public string? Source { get; set; }

    public long Revision { get; set; }

    public string? PipelineVersion { get; set; }
}

public sealed class EventRow
{
    public string ArticleId { get; set; } = "";

    public string? ArticleTitle { get; set; }

    public string? Published { get; set; }

    public string LocalId { get; set; } = "";

    public string Type { get; set; } = "";

    public string? Mode { get; set; }

    public string? Actor { get; set; }

    public string? Target { get; set; }

    public string? Location { get; set; }

    public double? Lat { get; set; }

    public double? Lon { get; set; }

    public string? Precision { get; set; }

    public string? TimeStart { get; set; }

    public string? TimeEnd { get; set; }

    public string? TimeText { get; set; }

    public string QuantityIds { get; set; } = "[]";

    public string ClaimIds { get; set; } = "[]";

    public long EvidenceStart { get; set; }

    public long EvidenceEnd { get; set; }

    public string EvidenceText { get; set; } = "";
}

public sealed class ClaimRow
{
    public string ArticleId { get; set; } = "";

    public string? ArticleTitle { get; set; }

    public string? Published { get; set; }

    public string LocalId { get; set; } = "";

    public string Source { get; set; } = "";

    public string Verb { get; set; } = "";

    public string Stance { get; set; } = "";

    public string? EventLocalId { get; set; }

    public string? Content { get; set; }

    public long EvidenceStart { get; set; }

    public long EvidenceEnd { get; set; }

    public string EvidenceText { get; set; } = "";
}

public sealed class QuantityRow
{
    public string ArticleId { get; set; } = "";

    public string? ArticleTitle { get; set; }

    public string? Published { get; set; }

    public string LocalId { get; set; } = "";

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
