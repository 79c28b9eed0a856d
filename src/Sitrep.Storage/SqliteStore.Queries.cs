using System.Globalization;
using Dapper;

namespace Sitrep.Storage;

public sealed partial class SqliteStore
{
    private const string EventColumns =
        """
        a.id AS AnalysisId, ar.id AS ArticleId, e.local_id AS LocalId, ar.title AS ArticleTitle, ar.outlet AS Outlet,
        ar.url AS Url, ar.published AS Published, x.day AS Day, e.type AS Type, e.mode AS Mode, e.actor AS Actor,
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
        var filter = FactFilter.Events(query, SqlDialect.Sqlite, "x");
        var compactOnly = query.Compact && query.Actor is null && query.Source is null && query.EventLocalId is null && query.ArticleId is null && string.IsNullOrWhiteSpace(query.Text);
        var from = compactOnly
            ? "FROM event_index x JOIN analyses a ON a.id = x.analysis_id AND a.is_current = 1"
            : """
            FROM event_index x JOIN events e ON e.rowid = x.event_rowid
            JOIN analyses a ON a.id = x.analysis_id AND a.is_current = 1
            JOIN articles ar ON ar.id = a.article_id
            """;
        var columns = query.Compact
            ? """
              x.analysis_id AS AnalysisId, a.article_id AS ArticleId, x.local_id AS LocalId, x.day AS Day, x.type AS Type, x.lat AS Lat,
              x.lon AS Lon, x.precision AS Precision, x.country AS Country, x.location AS Location,
              x.background AS Background
              """
            : EventColumns;
        lock (_gate)
        {
            var items = _connection.Query<EventRecord>(
                $"SELECT {columns} {from} {filter.Sql} ORDER BY x.day DESC, x.event_rowid DESC LIMIT @limit OFFSET @offset", filter.Args).ToList();
            var (total, exact) = filter.Count(_connection, from, items.Count);
            return new FactPage<EventRecord>(items, total, exact);
        }
    }

    public FactPage<QuantityRecord> QueryQuantities(FactQuery query)
    {
        var filter = FactFilter.Quantities(query, SqlDialect.Sqlite);
        var from =
            """
            FROM quantities q JOIN analyses a ON a.id = q.analysis_id AND a.is_current = 1
            JOIN articles ar ON ar.id = a.article_id
            """;
        lock (_gate)
        {
            var items = _connection.Query<QuantityRecord>(
                $"""
                SELECT a.id AS AnalysisId, ar.id AS ArticleId, q.local_id AS LocalId, ar.title AS ArticleTitle, ar.outlet AS Outlet,
                       ar.published AS Published,
                       (SELECT e.local_id FROM events e, json_each(e.quantity_ids) j
                         WHERE e.analysis_id = q.analysis_id AND j.value = q.local_id LIMIT 1) AS EventLocalId,
                       (SELECT c.source FROM events e, json_each(e.quantity_ids) j, claims c
                         WHERE e.analysis_id = q.analysis_id AND j.value = q.local_id AND c.analysis_id = e.analysis_id
                           AND c.event_local_id = e.local_id LIMIT 1) AS Claimant,
                       q.text AS Text, q.unit AS Unit, q.unit_text AS UnitText, q.point AS Point, q.min AS Min, q.max AS Max,
                       q.qualifier AS Qualifier, q.owner AS Owner, q.kind AS Kind, q.currency AS Currency, q.per AS Per, q.noun AS Noun,
                       q.evidence_start AS EvidenceStart, q.evidence_end AS EvidenceEnd,
                       q.evidence_text AS EvidenceText
                {from} {filter.Sql}
                ORDER BY ar.published DESC, q.rowid DESC LIMIT @limit OFFSET @offset
                """, filter.Args).ToList();
            var (total, exact) = filter.Count(_connection, from, items.Count);
            return new FactPage<QuantityRecord>(items, total, exact);
        }
    }

    public FactPage<ClaimRecord> QueryClaims(FactQuery query)
    {
        var filter = FactFilter.Claims(query, SqlDialect.Sqlite);
        var from =
            """
            FROM claims c JOIN analyses a ON a.id = c.analysis_id AND a.is_current = 1
            JOIN articles ar ON ar.id = a.article_id
            """;
        lock (_gate)
        {
            var items = _connection.Query<ClaimRecord>(
                $"""
                SELECT a.id AS AnalysisId, ar.id AS ArticleId, c.local_id AS LocalId, ar.title AS ArticleTitle, ar.outlet AS Outlet,
                       ar.published AS Published, c.source AS Source, c.verb AS Verb, c.stance AS Stance,
                       c.event_local_id AS EventLocalId, c.content AS Content, c.evidence_start AS EvidenceStart,
                       c.evidence_end AS EvidenceEnd, c.evidence_text AS EvidenceText
                {from} {filter.Sql}
                ORDER BY ar.published DESC, c.rowid LIMIT @limit OFFSET @offset
                """, filter.Args).ToList();
            var (total, exact) = filter.Count(_connection, from, items.Count);
            return new FactPage<ClaimRecord>(items, total, exact);
        }
    }

    public ArticleDetail? GetArticle(string id)
    {
        lock (_gate)
        {
            return _connection.QuerySingleOrDefault<ArticleDetail>(
                """
                SELECT ar.id AS Id, ar.title AS Title, ar.url AS Url, ar.outlet AS Outlet, ar.published AS Published,
                       ar.language AS Language, ar.status AS Status, ar.source AS Source, COALESCE(a.id, 0) AS AnalysisId,
                       ar.text AS Text
                FROM articles ar LEFT JOIN analyses a ON a.article_id = ar.id AND a.is_current = 1
                WHERE ar.id = @id
                """, new { id });
        }
    }

    public IReadOnlyList<ActorSummary> ListActors(FactQuery query)
    {
        var filter = FactFilter.Actors(query, SqlDialect.Sqlite);
        lock (_gate)
        {
            return [.. _connection.Query<ActorSummary>(
                $"""
                SELECT x.name AS Name, MAX(x.kind) AS Kind, MAX(x.affiliation) AS Affiliation, COUNT(DISTINCT ar.id) AS Reports
                FROM actors x JOIN analyses a ON a.id = x.analysis_id AND a.is_current = 1
                JOIN articles ar ON ar.id = a.article_id
                {filter.Sql}
                GROUP BY x.name ORDER BY Reports DESC, x.name LIMIT @limit OFFSET @offset
                """, filter.Args)];
        }
    }

    public IReadOnlyList<PlaceSummary> ListPlaces(FactQuery query)
    {
        var filter = FactFilter.Places(query, SqlDialect.Sqlite);
        lock (_gate)
        {
            return [.. _connection.Query<PlaceSummary>(
                $"""
                SELECT p.name AS Name, p.country AS Country, MAX(p.admin1) AS Admin1, MAX(p.lat) AS Lat, MAX(p.lon) AS Lon,
                       MAX(p.precision) AS Precision, MAX(p.geonameid) AS GeonameId, COUNT(DISTINCT ar.id) AS Reports
                FROM places p JOIN analyses a ON a.id = p.analysis_id AND a.is_current = 1
                JOIN articles ar ON ar.id = a.article_id
                {filter.Sql}
                GROUP BY p.name, p.country ORDER BY Reports DESC, p.name LIMIT @limit OFFSET @offset
                """, filter.Args)];
        }
    }

    public string ChangeStamp()
    {
        lock (_gate)
        {
            return _connection.ExecuteScalar<string>(
                "SELECT (SELECT COALESCE(MAX(id),0) FROM analyses) || '.' || (SELECT COALESCE(MAX(rowid),0) FROM articles)") ?? "0";
        }
    }

    public long LatestAnalysisId()
    {
        lock (_gate)
        {
            return _connection.ExecuteScalar<long>("SELECT COALESCE(MAX(id),0) FROM analyses");
        }
    }
}
