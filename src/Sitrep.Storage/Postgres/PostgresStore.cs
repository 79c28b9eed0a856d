using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Npgsql;
using Sitrep.Core;
using Sitrep.Core.Serialization;

namespace Sitrep.Storage.Postgres;

/// <summary>
/// The server store: PostgreSQL with the same tables as <see cref="SqliteStore"/>, a tsvector column for full-text
/// search and plain latitude/longitude indexes. Thread-safe: every call takes its own pooled connection, so many
/// workers (threads or processes) may write at once. Writes of one article are serialised by a transaction-level
/// advisory lock on its content hash; other shared state can be guarded with <see cref="WithAdvisoryLock{T}"/>.
/// </summary>
public sealed partial class PostgresStore : ISitrepStore
{
    private const int MaxRetries = 8;
    private readonly NpgsqlDataSource _dataSource;

    // Advisory locks are per database; stores in different schemas of one database must not share them.
    private readonly string _lockScope;

    private PostgresStore(NpgsqlDataSource dataSource, string description, string lockScope)
    {
        _dataSource = dataSource;
        Description = description;
        _lockScope = lockScope;
    }

    /// <summary>The server and database, without the password.</summary>
    public string Description { get; }

    /// <summary>
    /// Connects with an Npgsql connection string, creates the schema named first in its search path when absent, and
    /// applies pending migrations (one process at a time: the migration step holds a session advisory lock).
    /// </summary>
    public static PostgresStore Open(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new StoreException($"cannot read the PostgreSQL connection string: {e.Message}", e);
        }

        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = "sitrep";
        }

        if (builder.MaxAutoPrepare == 0)
        {
            // The analyst queries are long joins with subqueries: planning them costs about as much as running them,
            // so statements used more than once are prepared on each pooled connection (unless the caller chose).
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }

        var description = $"postgres {builder.Host}:{builder.Port}/{builder.Database}" + (string.IsNullOrEmpty(builder.SearchPath) ? "" : $" (schema {builder.SearchPath})");
        var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        try
        {
            using var connection = dataSource.OpenConnection();
            var schema = builder.SearchPath?.Split(',')[0].Trim().Trim('"');
            if (!string.IsNullOrEmpty(schema))
            {
                connection.Execute($"CREATE SCHEMA IF NOT EXISTS \"{schema.Replace("\"", "\"\"", StringComparison.Ordinal)}\"");
            }

            var key = LockKey("sitrep:migrations");
            connection.Execute("SELECT pg_advisory_lock(@key)", new { key });
            try
            {
                Migrations.Apply(connection, "postgres");
            }
            finally
            {
                connection.Execute("SELECT pg_advisory_unlock(@key)", new { key });
            }
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            dataSource.Dispose();
            throw new StoreException($"cannot open the PostgreSQL store at {description}: {e.Message}", e);
        }
        catch
        {
            dataSource.Dispose();
            throw;
        }

        return new PostgresStore(dataSource, description, builder.SearchPath?.Split(',')[0].Trim().Trim('"') ?? "");
    }

    public int SchemaVersion
    {
        get
        {
            using var c = _dataSource.OpenConnection();
            return c.ExecuteScalar<int>("SELECT COALESCE(MAX(version),0) FROM schema_migrations");
        }
    }

    /// <summary>A 64-bit advisory-lock key for a name (the first 8 bytes of its SHA-256).</summary>
    public static long LockKey(string name) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(name)), 0);

    /// <summary>
    /// Runs <paramref name="action"/> in one transaction that holds the transaction-level advisory lock named
    /// <paramref name="lockName"/>: callers that use the same name run one after another, on any machine. Fusion
    /// updates (event clusters, estimates) use it so that concurrent workers never interleave. The transaction is
    /// retried, after a short backoff, on serialisation failures and deadlocks; the action must therefore be safe to run again.
    /// </summary>
    public T WithAdvisoryLock<T>(string lockName, Func<NpgsqlConnection, NpgsqlTransaction, T> action, CancellationToken cancellationToken = default) =>
        InTransaction(
            System.Data.IsolationLevel.ReadCommitted,
            (c, tx) =>
            {
                c.Execute(new CommandDefinition("SELECT pg_advisory_xact_lock(@key)", new { key = LockKey(_lockScope + "|" + lockName) }, tx, cancellationToken: cancellationToken));
                return action(c, tx);
            },
            cancellationToken);

    /// <summary>
    /// Runs <paramref name="action"/> in one transaction at the given isolation level (Serializable for optimistic
    /// fusion updates) and retries it on serialisation failures (40001) and deadlocks (40P01).
    /// </summary>
    public T InTransaction<T>(System.Data.IsolationLevel isolation, Func<NpgsqlConnection, NpgsqlTransaction, T> action, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var connection = _dataSource.OpenConnection();
            using var tx = connection.BeginTransaction(isolation);
            try
            {
                var result = action(connection, tx);
                tx.Commit();
                return result;
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected && attempt < MaxRetries)
            {
                tx.Rollback();
                Thread.Sleep(Random.Shared.Next(5, 20 * attempt));
            }
        }
    }

    public SaveOutcome Save(Document doc, string pipelineVersion, string? source, CancellationToken cancellationToken = default)
    {
        CheckStorable(doc);
        var modelVersions = JsonSerializer.Serialize(new SortedDictionary<string, string>(doc.Provenance, StringComparer.Ordinal));
        return WithAdvisoryLock("article:" + doc.Id, (c, tx) =>
        {
            var exists = c.ExecuteScalar<long>("SELECT COUNT(*) FROM articles WHERE id=@id", new { id = doc.Id }, tx) > 0;
            SaveOutcome outcome;
            long revision;
            if (exists)
            {
                var same = c.ExecuteScalar<long>(
                    "SELECT COUNT(*) FROM analyses WHERE article_id=@id AND pipeline_version=@pv AND model_versions=@mv AND is_current=1",
                    new { id = doc.Id, pv = pipelineVersion, mv = modelVersions }, tx);
                if (same > 0)
                {
                    return SaveOutcome.Unchanged;
                }

                revision = c.ExecuteScalar<long>("SELECT COALESCE(MAX(revision),0) FROM analyses WHERE article_id=@id", new { id = doc.Id }, tx) + 1;
                c.Execute("UPDATE analyses SET is_current=0 WHERE article_id=@id", new { id = doc.Id }, tx);
                c.Execute("UPDATE articles SET status='analysed' WHERE id=@id", new { id = doc.Id }, tx);
                outcome = SaveOutcome.Revised;
            }
            else
            {
                InsertArticle(c, doc, "analysed", source, tx);
                revision = 1;
                outcome = SaveOutcome.Stored;
            }

            var analysisId = c.ExecuteScalar<long>(
                """
                INSERT INTO analyses(article_id, revision, pipeline_version, model_versions, is_current, created_at)
                VALUES (@id, @revision, @pv, @mv, 1, @at) RETURNING id
                """,
                new { id = doc.Id, revision, pv = pipelineVersion, mv = modelVersions, at = Now() }, tx);
            InsertFacts(c, doc, analysisId, tx);
            return outcome;
        }, cancellationToken);
    }

    public bool SaveUnanalysed(Document doc, string status, string? source, CancellationToken cancellationToken = default)
    {
        CheckStorable(doc);
        return WithAdvisoryLock("article:" + doc.Id, (c, tx) =>
        {
            if (c.ExecuteScalar<long>("SELECT COUNT(*) FROM articles WHERE id=@id", new { id = doc.Id }, tx) > 0)
            {
                return false;
            }

            InsertArticle(c, doc, status, source, tx);
            return true;
        }, cancellationToken);
    }

    public bool Contains(string articleId)
    {
        using var c = _dataSource.OpenConnection();
        return c.ExecuteScalar<long>("SELECT COUNT(*) FROM articles WHERE id=@articleId", new { articleId }) > 0;
    }

    public void RecordError(string input, string reason)
    {
        using var c = _dataSource.OpenConnection();
        c.Execute("INSERT INTO ingest_errors(input, reason, at) VALUES (@input, @reason, @at)", new { input = Clean(input), reason = Clean(reason), at = Now() });
    }

    public StoreCounts Counts()
    {
        using var c = _dataSource.OpenConnection();
        return c.QuerySingle<StoreCounts>(
            """
            SELECT
              (SELECT COUNT(*) FROM articles) AS Articles,
              (SELECT COUNT(*) FROM articles WHERE status='analysed') AS Analysed,
              (SELECT COUNT(*) FROM articles WHERE status<>'analysed') AS NotAnalysed,
              (SELECT COUNT(*) FROM events e JOIN analyses a ON a.id=e.analysis_id WHERE a.is_current=1) AS Events,
              (SELECT COUNT(*) FROM claims c JOIN analyses a ON a.id=c.analysis_id WHERE a.is_current=1) AS Claims,
              (SELECT COUNT(*) FROM quantities q JOIN analyses a ON a.id=q.analysis_id WHERE a.is_current=1) AS Quantities,
              (SELECT COUNT(*) FROM places p JOIN analyses a ON a.id=p.analysis_id WHERE a.is_current=1) AS Places,
              (SELECT COUNT(*) FROM actors x JOIN analyses a ON a.id=x.analysis_id WHERE a.is_current=1) AS Actors,
              (SELECT COUNT(*) FROM ingest_errors) AS Errors
            """);
    }

    public IReadOnlyList<ArticleRow> ListArticles(ListFilter filter)
    {
        var (where, args) = ArticleWhere(filter, "ar");
        using var c = _dataSource.OpenConnection();
        return [.. c.Query<ArticleRow>(
            $"""
            SELECT ar.id AS Id, ar.title AS Title, ar.url AS Url, ar.outlet AS Outlet, ar.published AS Published,
                   ar.language AS Language, ar.status AS Status, ar.source AS Source,
                   COALESCE(a.revision, 0) AS Revision, a.pipeline_version AS PipelineVersion
            FROM articles ar LEFT JOIN analyses a ON a.article_id = ar.id AND a.is_current = 1
            WHERE 1=1 {where}
            ORDER BY ar.published DESC NULLS LAST, ar.seq
            LIMIT @limit OFFSET @offset
            """, args)];
    }

    public IReadOnlyList<EventRow> ListEvents(ListFilter filter)
    {
        var (where, args) = ArticleWhere(filter, "ar");
        if (filter.Type is not null)
        {
            where += " AND e.type = @type";
        }

        if (filter.Actor is not null)
        {
            where += " AND (lower(e.actor) = lower(@actor) OR lower(e.target) = lower(@actor))";
        }

        using var c = _dataSource.OpenConnection();
        return [.. c.Query<EventRow>(
            $"""
            SELECT ar.id AS ArticleId, ar.title AS ArticleTitle, ar.published AS Published, e.local_id AS LocalId,
                   e.type AS Type, e.mode AS Mode, e.actor AS Actor, e.target AS Target, e.location AS Location,
                   e.lat AS Lat, e.lon AS Lon, e.precision AS Precision, e.time_start AS TimeStart, e.time_end AS TimeEnd,
                   e.time_text AS TimeText, e.quantity_ids AS QuantityIds, e.claim_ids AS ClaimIds,
                   e.evidence_start AS EvidenceStart, e.evidence_end AS EvidenceEnd, e.evidence_text AS EvidenceText
            FROM events e JOIN analyses a ON a.id = e.analysis_id AND a.is_current = 1
            JOIN articles ar ON ar.id = a.article_id
            WHERE 1=1 {where}
            ORDER BY COALESCE(e.time_start, ar.published) DESC NULLS LAST, ar.seq, e.seq
            LIMIT @limit OFFSET @offset
            """, args)];
    }

    public IReadOnlyList<ClaimRow> ListClaims(ListFilter filter)
    {
        var (where, args) = ArticleWhere(filter, "ar");
        if (filter.Source is not null)
        {
            where += " AND lower(c.source) = lower(@source)";
        }

        using var conn = _dataSource.OpenConnection();
        return [.. conn.Query<ClaimRow>(
            $"""
            SELECT ar.id AS ArticleId, ar.title AS ArticleTitle, ar.published AS Published, c.local_id AS LocalId,
                   c.source AS Source, c.verb AS Verb, c.stance AS Stance, c.event_local_id AS EventLocalId,
                   c.content AS Content, c.evidence_start AS EvidenceStart, c.evidence_end AS EvidenceEnd,
                   c.evidence_text AS EvidenceText
            FROM claims c JOIN analyses a ON a.id = c.analysis_id AND a.is_current = 1
            JOIN articles ar ON ar.id = a.article_id
            WHERE 1=1 {where}
            ORDER BY ar.published DESC NULLS LAST, ar.seq, c.seq
            LIMIT @limit OFFSET @offset
            """, args)];
    }

    public IReadOnlyList<QuantityRow> ListQuantities(ListFilter filter)
    {
        var (where, args) = ArticleWhere(filter, "ar");
        if (filter.Unit is not null)
        {
            where += " AND q.unit = @unit";
        }

        using var c = _dataSource.OpenConnection();
        return [.. c.Query<QuantityRow>(
            $"""
            SELECT ar.id AS ArticleId, ar.title AS ArticleTitle, ar.published AS Published, q.local_id AS LocalId,
                   q.text AS Text, q.unit AS Unit, q.unit_text AS UnitText, q.point AS Point, q.min AS Min, q.max AS Max,
                   q.qualifier AS Qualifier, q.owner AS Owner, q.evidence_start AS EvidenceStart,
                   q.evidence_end AS EvidenceEnd, q.evidence_text AS EvidenceText
            FROM quantities q JOIN analyses a ON a.id = q.analysis_id AND a.is_current = 1
            JOIN articles ar ON ar.id = a.article_id
            WHERE 1=1 {where}
            ORDER BY ar.published DESC NULLS LAST, ar.seq, q.seq
            LIMIT @limit OFFSET @offset
            """, args)];
    }

    public IReadOnlyList<ArticleRow> Search(string query, int limit = 20)
    {
        using var c = _dataSource.OpenConnection();
        return [.. c.Query<ArticleRow>(
            """
            SELECT ar.id AS Id, ar.title AS Title, ar.url AS Url, ar.outlet AS Outlet, ar.published AS Published,
                   ar.language AS Language, ar.status AS Status, ar.source AS Source
            FROM articles ar, websearch_to_tsquery('english', @q) query
            WHERE ar.search @@ query
            ORDER BY ts_rank(ar.search, query) DESC, ar.seq
            LIMIT @limit
            """, new { q = Clean(query), limit })];
    }

    /// <summary>Events whose coordinates fall in a box (west, south, east, north), newest first; uses the lat/lon index.</summary>
    public IReadOnlyList<EventRow> EventsInBox(double west, double south, double east, double north, int limit = 500)
    {
        using var c = _dataSource.OpenConnection();
        return [.. c.Query<EventRow>(
            """
            SELECT ar.id AS ArticleId, ar.title AS ArticleTitle, ar.published AS Published, e.local_id AS LocalId,
                   e.type AS Type, e.mode AS Mode, e.actor AS Actor, e.target AS Target, e.location AS Location,
                   e.lat AS Lat, e.lon AS Lon, e.precision AS Precision, e.time_start AS TimeStart, e.time_end AS TimeEnd,
                   e.time_text AS TimeText, e.quantity_ids AS QuantityIds, e.claim_ids AS ClaimIds,
                   e.evidence_start AS EvidenceStart, e.evidence_end AS EvidenceEnd, e.evidence_text AS EvidenceText
            FROM events e JOIN analyses a ON a.id = e.analysis_id AND a.is_current = 1
            JOIN articles ar ON ar.id = a.article_id
            WHERE e.lat BETWEEN @south AND @north AND e.lon BETWEEN @west AND @east
            ORDER BY COALESCE(e.time_start, ar.published) DESC NULLS LAST, ar.seq, e.seq
            LIMIT @limit
            """, new { west, south, east, north, limit })];
    }

    public void Dispose() => _dataSource.Dispose();

    /// <summary>PostgreSQL text cannot hold NUL characters; such a document is refused with a clear reason.</summary>
    private static void CheckStorable(Document doc)
    {
        if (doc.Text.Contains('\0', StringComparison.Ordinal) || (doc.Title?.Contains('\0', StringComparison.Ordinal) ?? false))
        {
            throw new StoreException("the text contains NUL characters, which PostgreSQL cannot store; remove them before ingesting");
        }
    }

    private static string Clean(string s) => s.Replace("\0", "\\0", StringComparison.Ordinal);

    private static (string Where, DynamicParameters Args) ArticleWhere(ListFilter filter, string alias)
    {
        var args = new DynamicParameters();
        args.Add("limit", filter.Limit);
        args.Add("offset", filter.Offset);
        args.Add("type", filter.Type);
        args.Add("actor", filter.Actor);
        args.Add("unit", filter.Unit);
        args.Add("source", filter.Source);
        var where = "";
        if (filter.Since is { } since)
        {
            where += $" AND {alias}.published >= @since";
            args.Add("since", since.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (filter.Until is { } until)
        {
            where += $" AND {alias}.published <= @until";
            args.Add("until", until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (filter.ArticleId is not null)
        {
            where += $" AND {alias}.id = @articleId";
            args.Add("articleId", filter.ArticleId);
        }

        return (where, args);
    }

    private static void InsertArticle(NpgsqlConnection c, Document doc, string status, string? source, NpgsqlTransaction tx)
    {
        c.Execute(
            """
            INSERT INTO articles(id, title, url, outlet, published, language, status, source, text, ingested_at)
            VALUES (@Id, @Title, @Url, @Outlet, @Published, @Language, @status, @source, @Text, @at)
            """,
            new
            {
                doc.Id,
                doc.Title,
                doc.Url,
                doc.Outlet,
                Published = doc.Published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                doc.Language,
                status,
                source = source is null ? null : Clean(source),
                doc.Text,
                at = Now(),
            },
            tx);
    }

    private static void InsertFacts(NpgsqlConnection c, Document doc, long analysisId, NpgsqlTransaction tx)
    {
        foreach (var a in doc.Actors)
        {
            c.Execute(
                "INSERT INTO actors(analysis_id, local_id, name, kind, affiliation, role, mentions) VALUES (@analysisId, @Id, @Name, @kind, @Affiliation, @Role, @mentions)",
                new { analysisId, a.Id, a.Name, kind = AnalysisJson.KindName(a.Kind), a.Affiliation, a.Role, mentions = MentionsJson(doc, a.Mentions) }, tx);
        }

        var places = new Dictionary<string, Place>(StringComparer.Ordinal);
        foreach (var p in doc.Places)
        {
            places[p.Id] = p;
            c.Execute(
                """
                INSERT INTO places(analysis_id, local_id, name, country, admin1, lat, lon, precision, geonameid, feature_class, mentions)
                VALUES (@analysisId, @Id, @Name, @Country, @Admin1, @Lat, @Lon, @precision, @GeonameId, @FeatureClass, @mentions)
                """,
                new { analysisId, p.Id, p.Name, p.Country, p.Admin1, p.Lat, p.Lon, precision = AnalysisJson.PrecisionName(p.Precision), p.GeonameId, p.FeatureClass, mentions = MentionsJson(doc, p.Mentions) }, tx);
        }

        var times = new Dictionary<string, TimeExpression>(StringComparer.Ordinal);
        foreach (var t in doc.Times)
        {
            times[t.Id] = t;
            c.Execute(
                "INSERT INTO times(analysis_id, local_id, text, span_start, span_end, start_date, end_date, precision) VALUES (@analysisId, @Id, @text, @s, @e, @start, @end, @precision)",
                new { analysisId, t.Id, text = doc.TextOf(t.Span), s = (long)t.Span.Start, e = (long)t.Span.End, start = Day(t.Start), end = Day(t.End), precision = AnalysisJson.TimePrecisionName(t.Precision) }, tx);
        }

        foreach (var e in doc.Events)
        {
            Place? place = e.PlaceId is not null && places.TryGetValue(e.PlaceId, out var pl) ? pl : null;
            TimeExpression? time = e.TimeId is not null && times.TryGetValue(e.TimeId, out var tm) ? tm : null;
            c.Execute(
                """
                INSERT INTO events(analysis_id, local_id, type, mode, actor, target, location, lat, lon, precision, country,
                  time_start, time_end, time_precision, time_text, quantity_ids, claim_ids, evidence_start, evidence_end, evidence_text)
                VALUES (@analysisId, @Id, @Type, @Mode, @Actor, @Target, @Location, @lat, @lon, @precision,
                  @country, @ts, @te, @tp, @tt, @qids, @cids, @es, @ee, @et)
                """,
                new
                {
                    analysisId,
                    e.Id,
                    e.Type,
                    e.Mode,
                    e.Actor,
                    e.Target,
                    e.Location,
                    lat = place?.Lat,
                    lon = place?.Lon,
                    precision = place is null ? null : AnalysisJson.PrecisionName(place.Precision),
                    country = place?.Country,
                    ts = Day(time?.Start),
                    te = Day(time?.End),
                    tp = time is null ? null : AnalysisJson.TimePrecisionName(time.Precision),
                    tt = time is null ? null : doc.TextOf(time.Span),
                    qids = JsonSerializer.Serialize(e.QuantityIds),
                    cids = JsonSerializer.Serialize(e.ClaimIds),
                    es = (long)e.Evidence.Start,
                    ee = (long)e.Evidence.End,
                    et = doc.TextOf(e.Evidence),
                },
                tx);
        }

        foreach (var q in doc.Quantities)
        {
            c.Execute(
                """
                INSERT INTO quantities(analysis_id, local_id, text, span_start, span_end, unit, unit_text, point, min, max, qualifier, owner, evidence_start, evidence_end, evidence_text)
                VALUES (@analysisId, @Id, @text, @ss, @se, @Unit, @UnitText, @Point, @Min, @Max, @Qualifier, @Owner, @es, @ee, @et)
                """,
                new { analysisId, q.Id, text = doc.TextOf(q.Span), ss = (long)q.Span.Start, se = (long)q.Span.End, q.Unit, q.UnitText, q.Point, q.Min, q.Max, q.Qualifier, q.Owner, es = (long)q.Evidence.Start, ee = (long)q.Evidence.End, et = doc.TextOf(q.Evidence) },
                tx);
        }

        foreach (var cl in doc.Claims)
        {
            c.Execute(
                """
                INSERT INTO claims(analysis_id, local_id, source, verb, stance, event_local_id, content, evidence_start, evidence_end, evidence_text)
                VALUES (@analysisId, @Id, @Source, @Verb, @Stance, @EventId, @Content, @es, @ee, @et)
                """,
                new { analysisId, cl.Id, cl.Source, cl.Verb, cl.Stance, cl.EventId, cl.Content, es = (long)cl.Evidence.Start, ee = (long)cl.Evidence.End, et = doc.TextOf(cl.Evidence) },
                tx);
        }

        foreach (var m in doc.Mentions)
        {
            c.Execute(
                "INSERT INTO mentions(analysis_id, span_start, span_end, type, text) VALUES (@analysisId, @s, @e, @Type, @text)",
                new { analysisId, s = (long)m.Span.Start, e = (long)m.Span.End, m.Type, text = doc.TextOf(m.Span) },
                tx);
        }
    }

    private static string MentionsJson(Document doc, List<TextSpan> spans) =>
        JsonSerializer.Serialize(spans.Select(s => new { start = s.Start, end = s.End, text = doc.TextOf(s) }));

    private static string? Day(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Now() => DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
