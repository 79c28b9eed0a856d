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
        e.evidence_end AS EvidenceEnd, e.evidence_text AS EvidenceText
        """;

    public FactPage<EventRecord> QueryEvents(FactQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var args = Paging(query);
        var where = new List<string>();
        if (query.Types is { Count: > 0 } types)
        {
            where.Add("x.type IN @types");
            args.Add("types", types);
        }

        DayRange(query, "x.day", where, args);
        if (query.MinLat is { } minLat && query.MaxLat is { } maxLat && query.MinLon is { } minLon && query.MaxLon is { } maxLon)
        {
            where.Add("x.lat BETWEEN @minLat AND @maxLat");
            where.Add(minLon <= maxLon ? "x.lon BETWEEN @minLon AND @maxLon" : "(x.lon >= @minLon OR x.lon <= @maxLon)");
            args.Add("minLat", minLat);
            args.Add("maxLat", maxLat);
            args.Add("minLon", minLon);
            args.Add("maxLon", maxLon);
        }

        if (query.Actor is not null)
        {
            where.Add("(e.actor = @actor COLLATE NOCASE OR e.target = @actor COLLATE NOCASE)");
            args.Add("actor", query.Actor);
        }

        if (query.Source is not null)
        {
            where.Add(
                """
                (ar.outlet = @source COLLATE NOCASE OR EXISTS (SELECT 1 FROM claims c WHERE c.analysis_id = e.analysis_id
                  AND c.event_local_id = e.local_id AND c.source = @source COLLATE NOCASE))
                """);
            args.Add("source", query.Source);
        }

        if (query.EventLocalId is not null)
        {
            where.Add("e.local_id = @eventLocalId");
            args.Add("eventLocalId", query.EventLocalId);
        }

        CommonArticleFilters(query, "x.analysis_id", where, args);
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
              x.lon AS Lon, x.precision AS Precision, x.country AS Country, x.location AS Location
              """
            : EventColumns;
        var filter = where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where);
        lock (_gate)
        {
            var items = _connection.Query<EventRecord>(
                $"SELECT {columns} {from} {filter} ORDER BY x.day DESC, x.event_rowid DESC LIMIT @limit OFFSET @offset", args).ToList();
            var (total, exact) = Count(from, filter, args, query, items.Count);
            return new FactPage<EventRecord>(items, total, exact);
        }
    }

    public FactPage<QuantityRecord> QueryQuantities(FactQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var args = Paging(query);
        var where = new List<string>();
        DayRange(query, "ar.published", where, args);
        if (query.Unit is not null)
        {
            where.Add("q.unit = @unit");
            args.Add("unit", query.Unit);
        }

        if (query.Actor is not null)
        {
            where.Add("q.owner = @actor COLLATE NOCASE");
            args.Add("actor", query.Actor);
        }

        if (query.Source is not null)
        {
            where.Add("ar.outlet = @source COLLATE NOCASE");
            args.Add("source", query.Source);
        }

        CommonArticleFilters(query, "q.analysis_id", where, args);
        var from =
            """
            FROM quantities q JOIN analyses a ON a.id = q.analysis_id AND a.is_current = 1
            JOIN articles ar ON ar.id = a.article_id
            """;
        var filter = where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where);
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
                       q.qualifier AS Qualifier, q.owner AS Owner, q.evidence_start AS EvidenceStart, q.evidence_end AS EvidenceEnd,
                       q.evidence_text AS EvidenceText
                {from} {filter}
                ORDER BY ar.published DESC, q.rowid DESC LIMIT @limit OFFSET @offset
                """, args).ToList();
            var (total, exact) = Count(from, filter, args, query, items.Count);
            return new FactPage<QuantityRecord>(items, total, exact);
        }
    }

    public FactPage<ClaimRecord> QueryClaims(FactQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var args = Paging(query);
        var where = new List<string>();
        DayRange(query, "ar.published", where, args);
        if (query.EventLocalId is not null)
        {
            where.Add("c.event_local_id = @eventLocalId");
            args.Add("eventLocalId", query.EventLocalId);
        }

        if (query.Stance is not null)
        {
            where.Add("c.stance = @stance COLLATE NOCASE");
            args.Add("stance", query.Stance);
        }

        if (query.Actor is not null)
        {
            where.Add("c.source = @actor COLLATE NOCASE");
            args.Add("actor", query.Actor);
        }

        if (query.Source is not null)
        {
            where.Add("(c.source = @source COLLATE NOCASE OR ar.outlet = @source COLLATE NOCASE)");
            args.Add("source", query.Source);
        }

        CommonArticleFilters(query, "c.analysis_id", where, args);
        var from =
            """
            FROM claims c JOIN analyses a ON a.id = c.analysis_id AND a.is_current = 1
            JOIN articles ar ON ar.id = a.article_id
            """;
        var filter = where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where);
        lock (_gate)
        {
            var items = _connection.Query<ClaimRecord>(
                $"""
                SELECT a.id AS AnalysisId, ar.id AS ArticleId, c.local_id AS LocalId, ar.title AS ArticleTitle, ar.outlet AS Outlet,
                       ar.published AS Published, c.source AS Source, c.verb AS Verb, c.stance AS Stance,
                       c.event_local_id AS EventLocalId, c.content AS Content, c.evidence_start AS EvidenceStart,
                       c.evidence_end AS EvidenceEnd, c.evidence_text AS EvidenceText
                {from} {filter}
                ORDER BY ar.published DESC, c.rowid LIMIT @limit OFFSET @offset
                """, args).ToList();
            var (total, exact) = Count(from, filter, args, query, items.Count);
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
        ArgumentNullException.ThrowIfNull(query);
        var args = Paging(query);
        var where = new List<string>();
        DayRange(query, "ar.published", where, args);
        if (query.Actor is not null)
        {
            where.Add("x.name LIKE @actor");
            args.Add("actor", "%" + query.Actor + "%");
        }

        CommonArticleFilters(query, "x.analysis_id", where, args);
        var filter = where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where);
        lock (_gate)
        {
            return [.. _connection.Query<ActorSummary>(
                $"""
                SELECT x.name AS Name, MAX(x.kind) AS Kind, MAX(x.affiliation) AS Affiliation, COUNT(DISTINCT ar.id) AS Reports
                FROM actors x JOIN analyses a ON a.id = x.analysis_id AND a.is_current = 1
                JOIN articles ar ON ar.id = a.article_id
                {filter}
                GROUP BY x.name ORDER BY Reports DESC, x.name LIMIT @limit OFFSET @offset
                """, args)];
        }
    }

    public IReadOnlyList<PlaceSummary> ListPlaces(FactQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var args = Paging(query);
        var where = new List<string>();
        DayRange(query, "ar.published", where, args);
        if (query.MinLat is { } minLat && query.MaxLat is { } maxLat && query.MinLon is { } minLon && query.MaxLon is { } maxLon)
        {
            where.Add("p.lat BETWEEN @minLat AND @maxLat");
            where.Add(minLon <= maxLon ? "p.lon BETWEEN @minLon AND @maxLon" : "(p.lon >= @minLon OR p.lon <= @maxLon)");
            args.Add("minLat", minLat);
            args.Add("maxLat", maxLat);
            args.Add("minLon", minLon);
            args.Add("maxLon", maxLon);
        }

        CommonArticleFilters(query, "p.analysis_id", where, args);
        var filter = where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where);
        lock (_gate)
        {
            return [.. _connection.Query<PlaceSummary>(
                $"""
                SELECT p.name AS Name, p.country AS Country, MAX(p.admin1) AS Admin1, MAX(p.lat) AS Lat, MAX(p.lon) AS Lon,
                       MAX(p.precision) AS Precision, MAX(p.geonameid) AS GeonameId, COUNT(DISTINCT ar.id) AS Reports
                FROM places p JOIN analyses a ON a.id = p.analysis_id AND a.is_current = 1
                JOIN articles ar ON ar.id = a.article_id
                {filter}
                GROUP BY p.name, p.country ORDER BY Reports DESC, p.name LIMIT @limit OFFSET @offset
                """, args)];
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

    private static DynamicParameters Paging(FactQuery query)
    {
        var args = new DynamicParameters();
        args.Add("limit", Math.Max(0, query.Limit));
        args.Add("offset", Math.Max(0, query.Offset));
        args.Add("cap", query.CountCap);
        return args;
    }

    private static void DayRange(FactQuery query, string column, List<string> where, DynamicParameters args)
    {
        if (query.From is { } from)
        {
            where.Add($"{column} >= @from");
            args.Add("from", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (query.To is { } to)
        {
            // Days may carry a time of day in some inputs; compare on the day prefix.
            where.Add($"{column} < @toNext");
            args.Add("toNext", to.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
    }

    private static void CommonArticleFilters(FactQuery query, string analysisColumn, List<string> where, DynamicParameters args)
    {
        if (query.ArticleId is not null)
        {
            where.Add("ar.id = @articleId");
            args.Add("articleId", query.ArticleId);
        }

        if (query.AfterAnalysisId is { } after)
        {
            where.Add($"{analysisColumn} > @after");
            args.Add("after", after);
        }

        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            where.Add("ar.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH @text)");
            args.Add("text", FtsQuery(query.Text));
        }
    }

    private (long Total, bool Exact) Count(string from, string filter, DynamicParameters args, FactQuery query, int pageCount)
    {
        if (query.Offset == 0 && pageCount < query.Limit)
        {
            return (pageCount, true);
        }

        var n = _connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM (SELECT 1 {from} {filter} LIMIT @cap)", args);
        return (n, n < query.CountCap);
    }
}
