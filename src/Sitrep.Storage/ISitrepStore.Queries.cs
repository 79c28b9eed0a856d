namespace Sitrep.Storage;

/// <summary>Queries for the analyst interfaces (API, dashboard, brief, exports, watchlists).</summary>
public partial interface ISitrepStore
{
    /// <summary>Events of current analyses matching a bounding box, day range, types, actor, source and text, newest first.</summary>
    FactPage<EventRecord> QueryEvents(FactQuery query);

    /// <summary>Estimates (quantities) of current analyses, newest report first.</summary>
    FactPage<QuantityRecord> QueryQuantities(FactQuery query);

    /// <summary>Claims of current analyses (of one event when <see cref="FactQuery.EventLocalId"/> is set), newest report first.</summary>
    FactPage<ClaimRecord> QueryClaims(FactQuery query);

    /// <summary>One article with its text, or null when unknown.</summary>
    ArticleDetail? GetArticle(string id);

    /// <summary>Actors of current analyses grouped by canonical name, most reported first.</summary>
    IReadOnlyList<ActorSummary> ListActors(FactQuery query);

    /// <summary>Places of current analyses grouped by name and country, most reported first.</summary>
    IReadOnlyList<PlaceSummary> ListPlaces(FactQuery query);

    /// <summary>A token that changes whenever anything is stored (for ETags and caches).</summary>
    string ChangeStamp();

    /// <summary>The highest analysis id so far: facts stored after a call have larger ids.</summary>
    long LatestAnalysisId();
}
