using System.Globalization;
using Dapper;

namespace Sitrep.Storage.Postgres;

/// <summary>
/// The analyst queries on PostgreSQL, the same as SqliteStore.Queries.cs: case-insensitive matches use lower(), the
/// day of an event is its own column (set by a trigger), full text is the tsvector column.
/// </summary>
public sealed partial class PostgresStore
{
    private const string EventColumns =
        """
        a.id AS AnalysisId, ar.id AS ArticleId, e.local_id AS LocalId, ar.title AS ArticleTitle, ar.outlet AS Outlet,
        ar.url AS Url, ar.published AS Published, e.day AS Day, e.type AS Type, e.mode AS Mode, e.actor AS Actor,
        e.target AS Target, e.location AS Location, e.lat AS Lat, e.lon AS Lon, e.precision AS Precision,
        e.country AS Country,
        (SELECT p.admin1 FROM places p WHERE p.analysis_id = e.analysis_id AND p.name = e.location LIMIT 1) AS Admin1,
        e.time_start AS TimeStart, e.time_end AS TimeEnd, e.time_precision AS TimePrecision, e.time_text AS TimeText,
        e.quantity_ids AS QuantityIds, e.claim_ids AS ClaimIds, e.evidence_start AS EvidenceStart,
        e.evidence_end AS EvidenceEnd, e.evidence_text AS EvidenceText, e.background AS Background,
        e.trigger_start AS TriggerStart, e.trigger_end AS TriggerEnd, a.created_at AS AnalysedAt,
        (SELECT p.geonameid FROM places p WHERE p.analysis_id = e.analysis_id AND p.name = e.location LIMIT 1) AS GeonameId,
        (SELECT m.cluster_id FROM cluster_members m WHERE m.article_id = ar.id AND m.event_local_id = e.local_id) AS ClusterId,
        (SELECT k.sources FROM cluster_members m JOIN event_clusters k ON k.id = m.cluster_id
          WHERE m.article_id = ar.id AND m.event_local_id = e.local_id) AS Sources,
        (SELECT k.reports FROM cluster_members m JOIN event_clusters k ON k.id = m.cluster_id
          WHERE m.article_id = ar.id AND m.event_local_id = e.local_id) AS Reports,
        (SELECT k.first_source FROM cluster_members m JOIN event_clusters k ON k.id = m.cluster_id
          WHERE m.article_id = ar.id AND m.event_local_id = e.local_id) AS FirstSource
        """;

    public FactPage<EventRecord> QueryEvents(FactQuery query)
    {
        var filter = FactFilter.Events(query, SqlDialect.Postgres, "e");
        var compactOnly = query.Compact && query.Actor is null && query.Source is null && query.EventLocalId is null && query.ArticleId is null && string.IsNullOrWhiteSpace(query.Text);
        var from = compactOnly
            ? "FROM events e JOIN analyses a ON a.id = e.analysis_id AND a.is_current = 1"
            : """
              FROM events e JOIN analyses a ON a.id = e.analysis_id AND a.is_current = 1
              JOIN articles ar ON ar.id = a.article_id
              """;
        var columns = query.Compact
            ? """
              e.analysis_id AS AnalysisId, a.article_id AS ArticleId, e.local_id AS LocalId, e.day AS Day, e.type AS Type, e.lat AS Lat,
              e.lon AS Lon, e.precision AS Precision, e.country AS Country, e.location AS Location,
              e.background AS Background
              """
            : EventColumns;
        using var c = _dataSource.OpenConnection();
        var items = c.Query<EventRecord>(
            $"SELECT {columns} {from} {filter.Sql} ORDER BY e.day DESC NULLS LAST, e.seq DESC LIMIT @limit OFFSET @offset", filter.Args).ToList();
        var (total, exact) = filter.Count(c, from, items.Count);
        return new FactPage<EventRecord>(items, total, exact);
    }

    public FactPage<QuantityRecord> QueryQuantities(FactQuery query)
    {
        var filter = FactFilter.Quantities(query, SqlDialect.Postgres);
        const string from =
            """
            FROM quantities q JOIN analyses a ON a.id = q.analysis_id AND a.is_current = 1
            JOIN articles ar ON ar.id = a.article_id
            """;
        using var c = _dataSource.OpenConnection();
        var items = c.Query<QuantityRecord>(
            $"""
            SELECT a.id AS AnalysisId, ar.id AS ArticleId, q.local_id AS LocalId, ar.title AS ArticleTitle, ar.outlet AS Outlet,
                   ar.published AS Published,
                   (SELECT e.local_id FROM events e
                     WHERE e.analysis_id = q.analysis_id AND e.quantity_ids::jsonb @> jsonb_build_array(q.local_id)
                     ORDER BY e.seq LIMIT 1) AS EventLocalId,
                   (SELECT cl.source FROM events e JOIN claims cl ON cl.analysis_id = e.analysis_id AND cl.event_local_id = e.local_id
                     WHERE e.analysis_id = q.analysis_id AND e.quantity_ids::jsonb @> jsonb_build_array(q.local_id)
                     ORDER BY e.seq, cl.seq LIMIT 1) AS Claimant,
                   q.text AS Text, q.unit AS Unit, q.unit_text AS UnitText, q.point AS Point, q.min AS Min, q.max AS Max,
                   q.qualifier AS Qualifier, q.owner AS Owner, q.kind AS Kind, q.currency AS Currency, q.per AS Per, q.noun AS Noun,
                   q.evidence_start AS EvidenceStart, q.evidence_end AS EvidenceEnd,
                   q.evidence_text AS EvidenceText
            {from} {filter.Sql}
            ORDER BY ar.published DESC NULLS LAST, q.seq DESC LIMIT @limit OFFSET @offset
            """, filter.Args).ToList();
        var (total, exact) = filter.Count(c, from, items.Count);
        return new FactPage<QuantityRecord>(items, total, exact);
    }

    public FactPage<ClaimRecord> QueryClaims(FactQuery query)
    {
        var filter = FactFilter.Claims(query, SqlDialect.Postgres);
        const string from =
            """
            FROM claims c JOIN analyses a ON a.id = c.analysis_id AND a.is_current = 1
            JOIN articles ar ON ar.id = a.article_id
            """;
        using var conn = _dataSource.OpenConnection();
        var items = conn.Query<ClaimRecord>(
            $"""
            SELECT a.id AS AnalysisId, ar.id AS ArticleId, c.local_id AS LocalId, ar.title AS ArticleTitle, ar.outlet AS Outlet,
                   ar.published AS Published, c.source AS Source, c.verb AS Verb, c.stance AS Stance,
                   c.event_local_id AS EventLocalId, c.content AS Content, c.evidence_start AS EvidenceStart,
                   c.evidence_end AS EvidenceEnd, c.evidence_text AS EvidenceText
            {from} {filter.Sql}
            ORDER BY ar.published DESC NULLS LAST, c.seq LIMIT @limit OFFSET @offset
            """, filter.Args).ToList();
        var (total, exact) = filter.Count(conn, from, items.Count);
        return new FactPage<ClaimRecord>(items, total, exact);
    }

    public ArticleDetail? GetArticle(string id)
    {
        using var c = _dataSource.OpenConnection();
        return c.QuerySingleOrDefault<ArticleDetail>(
            """
            SELECT ar.id AS Id, ar.title AS Title, ar.url AS Url, ar.outlet AS Outlet, ar.published AS Published,
                   ar.language AS Language, ar.status AS Status, ar.source AS Source, COALESCE(a.id, 0) AS AnalysisId,
                   ar.text AS Text
            FROM articles ar LEFT JOIN analyses a ON a.article_id = ar.id AND a.is_current = 1
            WHERE ar.id = @id
            """, new { id });
    }

    public IReadOnlyList<ActorSummary> ListActors(FactQuery query)
    {
        var filter = FactFilter.Actors(query, SqlDialect.Postgres);
        using var c = _dataSource.OpenConnection();
        return [.. c.Query<ActorSummary>(
            $"""
            SELECT x.name AS Name, MAX(x.kind) AS Kind, MAX(x.affiliation) AS Affiliation, COUNT(DISTINCT ar.id) AS Reports
            FROM actors x JOIN analyses a ON a.id = x.analysis_id AND a.is_current = 1
            JOIN articles ar ON ar.id = a.article_id
            {filter.Sql}
            GROUP BY x.name ORDER BY Reports DESC, x.name COLLATE "C" LIMIT @limit OFFSET @offset
            """, filter.Args)];
    }

    public IReadOnlyList<PlaceSummary> ListPlaces(FactQuery query)
    {
        var filter = FactFilter.Places(query, SqlDialect.Postgres);
        using var c = _dataSource.OpenConnection();
        return [.. c.Query<PlaceSummary>(
            $"""
            SELECT p.name AS Name, p.country AS Country, MAX(p.admin1) AS Admin1, MAX(p.lat) AS Lat, MAX(p.lon) AS Lon,
                   MAX(p.precision) AS Precision, MAX(p.geonameid) AS GeonameId, COUNT(DISTINCT ar.id) AS Reports
            FROM places p JOIN analyses a ON a.id = p.analysis_id AND a.is_current = 1
            JOIN articles ar ON ar.id = a.article_id
            {filter.Sql}
            GROUP BY p.name, p.country ORDER BY Reports DESC, p.name COLLATE "C" LIMIT @limit OFFSET @offset
            """, filter.Args)];
    }

    /// <summary>
    /// Counts, not highest ids: with many writers a lower id may commit after a higher one, and a stamp built from
    /// the highest id would then miss it.
    /// </summary>
    public string ChangeStamp()
    {
        using var c = _dataSource.OpenConnection();
        return ChangeStamp(c, null);
    }

    public long LatestAnalysisId()
    {
        using var c = _dataSource.OpenConnection();
        return c.ExecuteScalar<long>("SELECT COALESCE(MAX(id),0) FROM analyses");
    }

    // (sequence values commit out of order: a write that took a lower id but committed after a read of the highest one
    // leaves the maxima as they were, so the row counts are part of the stamp too)
    private static string ChangeStamp(Npgsql.NpgsqlConnection c, Npgsql.NpgsqlTransaction? tx) =>
        c.ExecuteScalar<string>(
            "SELECT (SELECT COALESCE(MAX(id),0)::text || '.' || COUNT(*)::text FROM analyses) || '.' || (SELECT COALESCE(MAX(seq),0)::text || '.' || COUNT(*)::text FROM articles)", transaction: tx) ?? "0.0.0.0";
}
