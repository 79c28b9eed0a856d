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
        e.evidence_end AS EvidenceEnd, e.evidence_text AS EvidenceText
        """;

    public FactPage<EventRecord> QueryEvents(FactQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var args = Paging(query);
        var where = new List<string>();
        if (query.Types is { Count: > 0 } types)
        {
            where.Add("e.type = ANY(@types)");
            args.Add("types", types.ToArray());
        }

        DayRange(query, "e.day", where, args);
        BoundingBox(query, "e", where, args);
        if (query.Actor is not null)
        {
            where.Add("(lower(e.actor) = lower(@actor) OR lower(e.target) = lower(@actor))");
            args.Add("actor", query.Actor);
        }

        if (query.Source is not null)
        {
            where.Add(
                """
                (lower(ar.outlet) = lower(@source) OR EXISTS (SELECT 1 FROM claims c WHERE c.analysis_id = e.analysis_id
                  AND c.event_local_id = e.local_id AND lower(c.source) = lower(@source)))
                """);
            args.Add("source", query.Source);
        }

        if (query.EventLocalId is not null)
        {
            where.Add("e.local_id = @eventLocalId");
            args.Add("eventLocalId", query.EventLocalId);
        }

        CommonArticleFilters(query, "e.analysis_id", where, args);
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
              e.lon AS Lon, e.precision AS Precision, e.country AS Country, e.location AS Location
              """
            : EventColumns;
        var filter = Where(where);
        using var c = _dataSource.OpenConnection();
        var items = c.Query<EventRecord>(
            $"SELECT {columns} {from} {filter} ORDER BY e.day DESC NULLS LAST, e.seq DESC LIMIT @limit OFFSET @offset", args).ToList();
        var (total, exact) = Count(c, from, filter, args, query, items.Count);
        return new FactPage<EventRecord>(items, total, exact);
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
            where.Add("lower(q.owner) = lower(@actor)");
            args.Add("actor", query.Actor);
        }

        if (query.Source is not null)
        {
            where.Add("lower(ar.outlet) = lower(@source)");
            args.Add("source", query.Source);
        }

        CommonArticleFilters(query, "q.analysis_id", where, args);
        const string from =
            """
            FROM quantities q JOIN analyses a ON a.id = q.analysis_id AND a.is_current = 1
            JOIN articles ar ON ar.id = a.article_id
            """;
        var filter = Where(where);
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
                   q.qualifier AS Qualifier, q.owner AS Owner, q.evidence_start AS EvidenceStart, q.evidence_end AS EvidenceEnd,
                   q.evidence_text AS EvidenceText
            {from} {filter}
            ORDER BY ar.published DESC NULLS LAST, q.seq DESC LIMIT @limit OFFSET @offset
            """, args).ToList();
        var (total, exact) = Count(c, from, filter, args, query, items.Count);
        return new FactPage<QuantityRecord>(items, total, exact);
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
            where.Add("lower(c.stance) = lower(@stance)");
            args.Add("stance", query.Stance);
        }

        if (query.Actor is not null)
        {
            where.Add("lower(c.source) = lower(@actor)");
            args.Add("actor", query.Actor);
        }

        if (query.Source is not null)
        {
            where.Add("(lower(c.source) = lower(@source) OR lower(ar.outlet) = lower(@source))");
            args.Add("source", query.Source);
        }

        CommonArticleFilters(query, "c.analysis_id", where, args);
        const string from =
            """
            FROM claims c JOIN analyses a ON a.id = c.analysis_id AND a.is_current = 1
            JOIN articles ar ON ar.id = a.article_id
            """;
        var filter = Where(where);
        using var conn = _dataSource.OpenConnection();
        var items = conn.Query<ClaimRecord>(
            $"""
            SELECT a.id AS AnalysisId, ar.id AS ArticleId, c.local_id AS LocalId, ar.title AS ArticleTitle, ar.outlet AS Outlet,
                   ar.published AS Published, c.source AS Source, c.verb AS Verb, c.stance AS Stance,
                   c.event_local_id AS EventLocalId, c.content AS Content, c.evidence_start AS EvidenceStart,
                   c.evidence_end AS EvidenceEnd, c.evidence_text AS EvidenceText
            {from} {filter}
            ORDER BY ar.published DESC NULLS LAST, c.seq LIMIT @limit OFFSET @offset
            """, args).ToList();
        var (total, exact) = Count(conn, from, filter, args, query, items.Count);
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
        ArgumentNullException.ThrowIfNull(query);
        var args = Paging(query);
        var where = new List<string>();
        DayRange(query, "ar.published", where, args);
        if (query.Actor is not null)
        {
            where.Add(@"x.name ILIKE @actor ESCAPE '\'");
            args.Add("actor", "%" + LikeEscape(query.Actor) + "%");
        }

        CommonArticleFilters(query, "x.analysis_id", where, args);
        using var c = _dataSource.OpenConnection();
        return [.. c.Query<ActorSummary>(
            $"""
            SELECT x.name AS Name, MAX(x.kind) AS Kind, MAX(x.affiliation) AS Affiliation, COUNT(DISTINCT ar.id) AS Reports
            FROM actors x JOIN analyses a ON a.id = x.analysis_id AND a.is_current = 1
            JOIN articles ar ON ar.id = a.article_id
            {Where(where)}
            GROUP BY x.name ORDER BY Reports DESC, x.name COLLATE "C" LIMIT @limit OFFSET @offset
            """, args)];
    }

    public IReadOnlyList<PlaceSummary> ListPlaces(FactQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var args = Paging(query);
        var where = new List<string>();
        DayRange(query, "ar.published", where, args);
        BoundingBox(query, "p", where, args);
        CommonArticleFilters(query, "p.analysis_id", where, args);
        using var c = _dataSource.OpenConnection();
        return [.. c.Query<PlaceSummary>(
            $"""
            SELECT p.name AS Name, p.country AS Country, MAX(p.admin1) AS Admin1, MAX(p.lat) AS Lat, MAX(p.lon) AS Lon,
                   MAX(p.precision) AS Precision, MAX(p.geonameid) AS GeonameId, COUNT(DISTINCT ar.id) AS Reports
            FROM places p JOIN analyses a ON a.id = p.analysis_id AND a.is_current = 1
            JOIN articles ar ON ar.id = a.article_id
            {Where(where)}
            GROUP BY p.name, p.country ORDER BY Reports DESC, p.name COLLATE "C" LIMIT @limit OFFSET @offset
            """, args)];
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

    private static string ChangeStamp(Npgsql.NpgsqlConnection c, Npgsql.NpgsqlTransaction? tx) =>
        c.ExecuteScalar<string>(
            "SELECT (SELECT COALESCE(MAX(id),0) FROM analyses)::text || '.' || (SELECT COALESCE(MAX(seq),0) FROM articles)::text", transaction: tx) ?? "0.0";

    private static DynamicParameters Paging(FactQuery query)
    {
        var args = new DynamicParameters();
        args.Add("limit", Math.Max(0, query.Limit));
        args.Add("offset", Math.Max(0, query.Offset));
        args.Add("cap", query.CountCap);
        return args;
    }

    private static string Where(List<string> where) => where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where);

    private static string LikeEscape(string s) =>
        s.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);

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

    private static void BoundingBox(FactQuery query, string alias, List<string> where, DynamicParameters args)
    {
        if (query.MinLat is { } minLat && query.MaxLat is { } maxLat && query.MinLon is { } minLon && query.MaxLon is { } maxLon)
        {
            where.Add($"{alias}.lat BETWEEN @minLat AND @maxLat");
            where.Add(minLon <= maxLon ? $"{alias}.lon BETWEEN @minLon AND @maxLon" : $"({alias}.lon >= @minLon OR {alias}.lon <= @maxLon)");
            args.Add("minLat", minLat);
            args.Add("maxLat", maxLat);
            args.Add("minLon", minLon);
            args.Add("maxLon", maxLon);
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
            where.Add("ar.search @@ websearch_to_tsquery('english', @text)");
            args.Add("text", Clean(query.Text));
        }
    }

    private static (long Total, bool Exact) Count(Npgsql.NpgsqlConnection c, string from, string filter, DynamicParameters args, FactQuery query, int pageCount)
    {
        if (query.Offset == 0 && pageCount < query.Limit)
        {
            return (pageCount, true);
        }

        var n = c.ExecuteScalar<long>($"SELECT COUNT(*) FROM (SELECT 1 {from} {filter} LIMIT @cap) capped", args);
        return (n, n < query.CountCap);
    }
}
