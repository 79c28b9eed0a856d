namespace Sitrep.Storage.Fusion;

/// <summary>One event of one article's current analysis, as fusion sees it.</summary>
public sealed class FusionEvent
{
    public string ArticleId { get; set; } = "";

    public string LocalId { get; set; } = "";

    /// <summary>The article's reprint group: reports in one group are one independent source.</summary>
    public string Group { get; set; } = "";

    public string? Published { get; set; }

    public string? Outlet { get; set; }

    public string Type { get; set; } = "";

    public string? Mode { get; set; }

    public string? Actor { get; set; }

    public string? Target { get; set; }

    public string? Location { get; set; }

    public double? Lat { get; set; }

    public double? Lon { get; set; }

    public string? Precision { get; set; }

    public string? Country { get; set; }

    public string? TimeStart { get; set; }

    public string? TimeEnd { get; set; }

    public string QuantityIds { get; set; } = "[]";

    public string EvidenceText { get; set; } = "";

    /// <summary>Told as background (an earlier, known act): never corroborates a new event.</summary>
    public bool Background { get; set; }
}

/// <summary>One claim of one article's current analysis.</summary>
public sealed class FusionClaim
{
    public string ArticleId { get; set; } = "";

    public string LocalId { get; set; } = "";

    public string Group { get; set; } = "";

    public string? EventLocalId { get; set; }

    public string Source { get; set; } = "";

    public string Verb { get; set; } = "";

    public string Stance { get; set; } = "";

    public string EvidenceText { get; set; } = "";
}

/// <summary>One quantity of one article's current analysis.</summary>
public sealed class FusionQuantity
{
    public string ArticleId { get; set; } = "";

    public string LocalId { get; set; } = "";

    public string Group { get; set; } = "";

    public string? Published { get; set; }

    public string? Outlet { get; set; }

    public string Text { get; set; } = "";

    public string Unit { get; set; } = "";

    public double? Point { get; set; }

    public double? Min { get; set; }

    public double? Max { get; set; }

    public string? Qualifier { get; set; }

    public string? Owner { get; set; }

    public string EvidenceText { get; set; } = "";

    /// <summary>count, money, share or measure (null in analyses stored before quantities had kinds: a count).</summary>
    public string? Kind { get; set; }

    /// <summary>ISO 4217 code of an amount of money.</summary>
    public string? Currency { get; set; }

    /// <summary>The period of a rate: day, week, month, year, …</summary>
    public string? Per { get; set; }
}

/// <summary>Everything fusion reads: the facts of the current analyses with their reprint groups.</summary>
public sealed record FusionInput(IReadOnlyList<FusionEvent> Events, IReadOnlyList<FusionClaim> Claims, IReadOnlyList<FusionQuantity> Quantities, int Articles);

/// <summary>One stored fusion: its figures and the change stamp its input reflected.</summary>
public sealed class FusionRun
{
    public string At { get; set; } = "";

    public long Articles { get; set; }

    public long Clusters { get; set; }

    public long Estimates { get; set; }

    public long Contradictions { get; set; }

    public long Milliseconds { get; set; }

    public string? InputStamp { get; set; }
}

/// <summary>Reports of one real event across documents.</summary>
public sealed class ClusterRow
{
    public string Id { get; set; } = "";

    public string Type { get; set; } = "";

    public string? Mode { get; set; }

    public string? Actor { get; set; }

    public string? Target { get; set; }

    public string? Location { get; set; }

    public double? Lat { get; set; }

    public double? Lon { get; set; }

    public string? Precision { get; set; }

    public string? Country { get; set; }

    public string? TimeStart { get; set; }

    public string? TimeEnd { get; set; }

    /// <summary>Articles that report the event.</summary>
    public long Reports { get; set; }

    /// <summary>Independent sources (reprint groups): the corroboration count.</summary>
    public long Sources { get; set; }

    public long Claims { get; set; }

    public string? FirstPublished { get; set; }

    public string? LastPublished { get; set; }

    /// <summary>A cluster of background mentions (earlier, known acts), kept apart from news of new events.</summary>
    public bool Background { get; set; }

    /// <summary>The outlet of the earliest report (the first source), when known.</summary>
    public string? FirstSource { get; set; }

    /// <summary>Distance from the --near point, when a query asked for one.</summary>
    public double? DistanceKm { get; set; }
}

/// <summary>One report (an event of one article) in a cluster.</summary>
public sealed record ClusterMember(string ClusterId, string ArticleId, string EventLocalId, string ReprintGroup);

/// <summary>One source's estimate of a quantity, with the interval its hedge allows.</summary>
public sealed class EstimateRow
{
    public string ArticleId { get; set; } = "";

    public string LocalId { get; set; } = "";

    public string QuantityKey { get; set; } = "";

    public string Unit { get; set; } = "";

    public string? Owner { get; set; }

    public string? Place { get; set; }

    public string? ClusterId { get; set; }

    public string Text { get; set; } = "";

    public double? Point { get; set; }

    public double? Min { get; set; }

    public double? Max { get; set; }

    public double? Low { get; set; }

    public double? High { get; set; }

    public string? Qualifier { get; set; }

    public string Claimant { get; set; } = "";

    public string? Published { get; set; }

    public string ReprintGroup { get; set; } = "";

    public string EvidenceText { get; set; } = "";

    /// <summary>count, money, share or measure (null in analyses stored before quantities had kinds: a count).</summary>
    public string? Kind { get; set; }

    /// <summary>ISO 4217 code of an amount of money.</summary>
    public string? Currency { get; set; }

    /// <summary>The period of a rate: day, week, month, year, …</summary>
    public string? Per { get; set; }
}

/// <summary>Two independent sources that disagree.</summary>
public sealed class ContradictionRow
{
    public string Id { get; set; } = "";

    /// <summary>"estimate" (intervals that do not overlap) or "denial" (one source denies what another asserts).</summary>
    public string Kind { get; set; } = "";

    /// <summary>The quantity key or the cluster id.</summary>
    public string Subject { get; set; } = "";

    public string AArticle { get; set; } = "";

    public string ALocalId { get; set; } = "";

    public string ASource { get; set; } = "";

    public string AText { get; set; } = "";

    public string BArticle { get; set; } = "";

    public string BLocalId { get; set; } = "";

    public string BSource { get; set; } = "";

    public string BText { get; set; } = "";

    public string Detail { get; set; } = "";
}

/// <summary>What one fusion computed.</summary>
public sealed record FusionResult(
    IReadOnlyList<ClusterRow> Clusters,
    IReadOnlyList<ClusterMember> Members,
    IReadOnlyList<EstimateRow> Estimates,
    IReadOnlyList<ContradictionRow> Contradictions)
{
    /// <summary>Cluster-versus-event compatibility checks made while clustering.</summary>
    public long ClusterComparisons { get; init; }

    /// <summary>Day summaries looked at while comparing estimates.</summary>
    public long EstimateComparisons { get; init; }

    /// <summary>Claims and (denial, assertion) pairs looked at while finding denials.</summary>
    public long DenialComparisons { get; init; }
}

/// <summary>Figures of one fusion run.</summary>
public sealed record FusionStats(int NewReprintRows, int Articles, int ReprintGroups, int Clusters, int Estimates, int Contradictions, long Milliseconds)
{
    /// <summary>Time spent grouping new articles into reprint groups.</summary>
    public long ReprintMilliseconds { get; init; }

    /// <summary>Time spent reading the current facts from the store.</summary>
    public long LoadMilliseconds { get; init; }

    /// <summary>Time spent clustering and comparing (the fusion engine).</summary>
    public long EngineMilliseconds { get; init; }

    /// <summary>Time spent replacing the stored clusters, estimates and contradictions.</summary>
    public long ReplaceMilliseconds { get; init; }

    /// <summary>Elementary comparisons the engine made (clusters, estimates and denials together).</summary>
    public long Comparisons { get; init; }
}

/// <summary>Filters of the cluster query. Null means "any".</summary>
public sealed record ClusterFilter
{
    public string? Type { get; init; }

    public string? Actor { get; init; }

    public DateOnly? Since { get; init; }

    public DateOnly? Until { get; init; }

    public double? NearLat { get; init; }

    public double? NearLon { get; init; }

    public double RadiusKm { get; init; } = 100;

    public int Limit { get; init; } = 100;
}

/// <summary>One revision (analysis) of an article with the facts it held, for `sitrep history`.</summary>
public sealed class RevisionRow
{
    public string ArticleId { get; set; } = "";

    public long AnalysisId { get; set; }

    public long Revision { get; set; }

    public string PipelineVersion { get; set; } = "";

    public string ModelVersions { get; set; } = "{}";

    public bool IsCurrent { get; set; }

    public string CreatedAt { get; set; } = "";

    /// <summary>One line per fact (events, quantities, claims), comparable across revisions.</summary>
    public List<string> Facts { get; } = [];
}
