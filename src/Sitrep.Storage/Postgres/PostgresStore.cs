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

            // the schema is created under the migrations lock too: "CREATE SCHEMA IF NOT EXISTS" run by several processes
            // at once can still fail on the catalogue's unique name
            var key = LockKey("sitrep:migrations");
            connection.Execute("SELECT pg_advisory_lock(@key)", new { key });
            try
            {
                if (!string.IsNullOrEmpty(schema))
                {
                    connection.Execute($"CREATE SCHEMA IF NOT EXISTS \"{schema.Replace("\"", "\"\"", StringComparison.Ordinal)}\"");
                }

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
        return InTransaction(
            System.Data.IsolationLevel.ReadCommitted,
            (c, tx) =>
            {
                // Round trip 1: take the article's lock, then read what is stored for it and reserve the analysis id.
                long analysisId, stored, same, lastRevision;
                using (var probe = new NpgsqlBatch(c, tx))
                {
                    probe.BatchCommands.Add(Command("SELECT pg_advisory_xact_lock($1)", LockKey(_lockScope + "|article:" + doc.Id)));
                    probe.BatchCommands.Add(Command(
                        """
                        SELECT (SELECT COUNT(*) FROM articles WHERE id=$1),
                               (SELECT COUNT(*) FROM analyses WHERE article_id=$1 AND pipeline_version=$2 AND model_versions=$3 AND is_current=1),
                               (SELECT COALESCE(MAX(revision),0) FROM analyses WHERE article_id=$1),
                               nextval(pg_get_serial_sequence('analyses', 'id'))
                        """,
                        doc.Id, pipelineVersion, modelVersions));
                    using var reader = probe.ExecuteReader();
                    reader.NextResult();
                    reader.Read();
                    (stored, same, lastRevision, analysisId) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
                }

                if (same > 0)
                {
                    return SaveOutcome.Unchanged;
                }

                // Round trip 2: the article (or its new revision), the analysis and every fact table in one batch.
                using var write = new NpgsqlBatch(c, tx);
                if (stored > 0)
                {
                    write.BatchCommands.Add(Command("UPDATE analyses SET is_current=0 WHERE article_id=$1", doc.Id));
                    write.BatchCommands.Add(Command("UPDATE articles SET status='analysed', content=$2 WHERE id=$1", doc.Id, OutletBoilerplate.StoredContent(doc)));
                }
                else
                {
                    write.BatchCommands.Add(ArticleInsert(doc, "analysed", source));
                }

                write.BatchCommands.Add(Command(
                    """
                    INSERT INTO analyses(id, article_id, revision, pipeline_version, model_versions, is_current, created_at)
                    VALUES ($1, $2, $3, $4, $5, 1, $6)
                    """,
                    analysisId, doc.Id, lastRevision + 1, pipelineVersion, modelVersions, Now()));
                AddFactInserts(write, doc, analysisId);
                write.ExecuteNonQuery();
                if (stored == 0)
                {
                    OutletBoilerplate.Record(c, tx, doc);
                }

                return stored > 0 ? SaveOutcome.Revised : SaveOutcome.Stored;
            },
            cancellationToken);
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

    public BoilerplateProfile OutletProfile(string outlet, IReadOnlyCollection<ulong> lineHashes, string? excludeArticleId = null)
    {
        using var c = _dataSource.OpenConnection();
        return OutletBoilerplate.Read(c, outlet, lineHashes, excludeArticleId, postgres: true);
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
        var (where, args) = FactFilter.ForList(filter, "ar");
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
        var (where, args) = FactFilter.ForList(filter, "ar");
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
        var (where, args) = FactFilter.ForList(filter, "ar");
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
        var (where, args) = FactFilter.ForList(filter, "ar");
        if (filter.Unit is not null)
        {
            where += " AND q.unit = @unit";
        }

        using var c = _dataSource.OpenConnection();
        return [.. c.Query<QuantityRow>(
            $"""
            SELECT ar.id AS ArticleId, ar.title AS ArticleTitle, ar.published AS Published, q.local_id AS LocalId,
                   q.text AS Text, q.unit AS Unit, q.unit_text AS UnitText, q.point AS Point, q.min AS Min, q.max AS Max,
                   q.qualifier AS Qualifier, q.owner AS Owner, q.kind AS Kind, q.currency AS Currency, q.per AS Per, q.noun AS Noun,
                   q.evidence_start AS EvidenceStart,
                   q.evidence_end AS EvidenceEnd, q.evidence_text AS EvidenceText
            FROM quantities q JOIN analyses a ON a.id = q.analysis_id AND a.is_current = 1
            JOIN articles ar ON ar.id = a.article_id
            WHERE 1=1 {where}
            ORDER BY ar.published DESC NULLS LAST, ar.seq, q.seq
            LIMIT @limit OFFSET @offset
            """, args)];
    }

    public long CountListed(string what, ListFilter filter)
    {
        var (sql, args) = FactFilter.CountListed(what, filter, SqlDialect.Postgres);
        using var c = _dataSource.OpenConnection();
        return c.ExecuteScalar<long>(sql, args);
    }

    public IReadOnlyList<ArticleRow> Search(string query, int limit = 20)
    {
        // websearch_to_tsquery reads words, "phrases", OR and -word; a trailing * (prefix) is dropped, the English
        // stemmer already matches a word's forms
        if (string.IsNullOrWhiteSpace(query) || !query.Any(char.IsLetterOrDigit))
        {
            return [];
        }

        query = string.Join(' ', query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(w => w.TrimEnd('*')));
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

    private static void InsertArticle(NpgsqlConnection c, Document doc, string status, string? source, NpgsqlTransaction tx)
    {
        using var batch = new NpgsqlBatch(c, tx);
        batch.BatchCommands.Add(ArticleInsert(doc, status, source));
        batch.ExecuteNonQuery();
    }

    private static NpgsqlBatchCommand ArticleInsert(Document doc, string status, string? source) =>
        Command(
            """
            INSERT INTO articles(id, title, url, outlet, published, language, status, source, text, content, ingested_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            """,
            doc.Id,
            doc.Title,
            doc.Url,
            doc.Outlet,
            doc.Published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            doc.Language,
            status,
            source is null ? null : Clean(source),
            doc.Text,
            OutletBoilerplate.StoredContent(doc),
            Now());

    /// <summary>A batch command with positional parameters ($1, $2, …); nulls are sent as SQL NULL.</summary>
    private static NpgsqlBatchCommand Command(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var v in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = v ?? DBNull.Value });
        }

        return command;
    }

    /// <summary>
    /// One multi-row INSERT per fact table: each column travels as one array parameter and <c>unnest</c> turns the
    /// arrays back into rows, so an article's facts cost a handful of statements instead of one per fact.
    /// </summary>
    private static void Rows(NpgsqlBatch batch, string table, long analysisId, int count, params (string Column, string Type, Array Values)[] columns)
    {
        if (count == 0)
        {
            return;
        }

        var names = string.Join(", ", columns.Select(c => c.Column));
        var arrays = string.Join(", ", columns.Select((c, i) => $"${i + 2}::{c.Type}[]"));
        var command = new NpgsqlBatchCommand($"INSERT INTO {table}(analysis_id, {names}) SELECT $1, * FROM unnest({arrays})");
        command.Parameters.Add(new NpgsqlParameter { Value = analysisId });
        foreach (var c in columns)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = c.Values });
        }

        batch.BatchCommands.Add(command);
    }

    private static void AddFactInserts(NpgsqlBatch batch, Document doc, long analysisId)
    {
        var places = AddActorAndPlaceInserts(batch, doc, analysisId);
        AddSectionInserts(batch, doc, doc, analysisId, places);
    }

    // The facts that belong to the whole document: its actors and places with all their mentions.
    private static Dictionary<string, Place> AddActorAndPlaceInserts(NpgsqlBatch batch, Document doc, long analysisId)
    {
        var actors = doc.Actors;
        Rows(batch, "actors", analysisId, actors.Count,
            ("local_id", "text", actors.Select(a => a.Id).ToArray()),
            ("name", "text", actors.Select(a => a.Name).ToArray()),
            ("kind", "text", actors.Select(a => AnalysisJson.KindName(a.Kind)).ToArray()),
            ("affiliation", "text", actors.Select(a => a.Affiliation).ToArray()),
            ("role", "text", actors.Select(a => a.Role).ToArray()),
            ("mentions", "text", actors.Select(a => MentionsJson(doc, a.Mentions)).ToArray()));

        var places = new Dictionary<string, Place>(StringComparer.Ordinal);
        foreach (var p in doc.Places)
        {
            places[p.Id] = p;
        }

        var ps = doc.Places;
        Rows(batch, "places", analysisId, ps.Count,
            ("local_id", "text", ps.Select(p => p.Id).ToArray()),
            ("name", "text", ps.Select(p => p.Name).ToArray()),
            ("country", "text", ps.Select(p => p.Country).ToArray()),
            ("admin1", "text", ps.Select(p => p.Admin1).ToArray()),
            ("lat", "float8", ps.Select(p => p.Lat).ToArray()),
            ("lon", "float8", ps.Select(p => p.Lon).ToArray()),
            ("precision", "text", ps.Select(p => AnalysisJson.PrecisionName(p.Precision)).ToArray()),
            ("geonameid", "int8", ps.Select(p => p.GeonameId).ToArray()),
            ("feature_class", "text", ps.Select(p => p.FeatureClass).ToArray()),
            ("mentions", "text", ps.Select(p => MentionsJson(doc, p.Mentions)).ToArray()));
        return places;
    }

    // The facts of one section of a document (or of the whole of it): times, events, quantities, claims and mentions,
    // with offsets into the text of `doc`; events take their coordinates from `places`.
    private static void AddSectionInserts(NpgsqlBatch batch, Document doc, Document section, long analysisId, IReadOnlyDictionary<string, Place> places)
    {
        var times = new Dictionary<string, TimeExpression>(StringComparer.Ordinal);
        foreach (var t in section.Times)
        {
            times[t.Id] = t;
        }

        var ts = section.Times;
        Rows(batch, "times", analysisId, ts.Count,
            ("local_id", "text", ts.Select(t => t.Id).ToArray()),
            ("text", "text", ts.Select(t => doc.TextOf(t.Span)).ToArray()),
            ("span_start", "int8", ts.Select(t => (long)t.Span.Start).ToArray()),
            ("span_end", "int8", ts.Select(t => (long)t.Span.End).ToArray()),
            ("start_date", "text", ts.Select(t => Day(t.Start)).ToArray()),
            ("end_date", "text", ts.Select(t => Day(t.End)).ToArray()),
            ("precision", "text", ts.Select(t => AnalysisJson.TimePrecisionName(t.Precision)).ToArray()));

        var es = section.Events;
        var ePlace = es.Select(e => e.PlaceId is not null && places.TryGetValue(e.PlaceId, out var pl) ? pl : null).ToArray();
        var eTime = es.Select(e => e.TimeId is not null && times.TryGetValue(e.TimeId, out var tm) ? tm : null).ToArray();
        Rows(batch, "events", analysisId, es.Count,
            ("local_id", "text", es.Select(e => e.Id).ToArray()),
            ("type", "text", es.Select(e => e.Type).ToArray()),
            ("mode", "text", es.Select(e => e.Mode).ToArray()),
            ("actor", "text", es.Select(e => e.Actor).ToArray()),
            ("target", "text", es.Select(e => e.Target).ToArray()),
            ("location", "text", es.Select(e => e.Location).ToArray()),
            ("lat", "float8", ePlace.Select(p => p?.Lat).ToArray()),
            ("lon", "float8", ePlace.Select(p => p?.Lon).ToArray()),
            ("precision", "text", ePlace.Select(p => p is null ? null : AnalysisJson.PrecisionName(p.Precision)).ToArray()),
            ("country", "text", ePlace.Select(p => p?.Country).ToArray()),
            ("time_start", "text", eTime.Select(t => Day(t?.Start)).ToArray()),
            ("time_end", "text", eTime.Select(t => Day(t?.End)).ToArray()),
            ("time_precision", "text", eTime.Select(t => t is null ? null : AnalysisJson.TimePrecisionName(t.Precision)).ToArray()),
            ("time_text", "text", eTime.Select(t => t is null ? null : doc.TextOf(t.Span)).ToArray()),
            ("quantity_ids", "text", es.Select(e => JsonSerializer.Serialize(e.QuantityIds)).ToArray()),
            ("claim_ids", "text", es.Select(e => JsonSerializer.Serialize(e.ClaimIds)).ToArray()),
            ("evidence_start", "int8", es.Select(e => (long)e.Evidence.Start).ToArray()),
            ("evidence_end", "int8", es.Select(e => (long)e.Evidence.End).ToArray()),
            ("evidence_text", "text", es.Select(e => doc.TextOf(e.Evidence)).ToArray()),
            ("background", "int4", es.Select(e => e.Background ? 1 : 0).ToArray()),
            ("trigger_start", "int8", es.Select(e => (long?)e.Trigger?.Start).ToArray()),
            ("trigger_end", "int8", es.Select(e => (long?)e.Trigger?.End).ToArray()));

        var qs = section.Quantities;
        Rows(batch, "quantities", analysisId, qs.Count,
            ("local_id", "text", qs.Select(q => q.Id).ToArray()),
            ("text", "text", qs.Select(q => doc.TextOf(q.Span)).ToArray()),
            ("span_start", "int8", qs.Select(q => (long)q.Span.Start).ToArray()),
            ("span_end", "int8", qs.Select(q => (long)q.Span.End).ToArray()),
            ("unit", "text", qs.Select(q => q.Unit).ToArray()),
            ("unit_text", "text", qs.Select(q => q.UnitText).ToArray()),
            ("point", "float8", qs.Select(q => q.Point).ToArray()),
            ("min", "float8", qs.Select(q => q.Min).ToArray()),
            ("max", "float8", qs.Select(q => q.Max).ToArray()),
            ("qualifier", "text", qs.Select(q => q.Qualifier).ToArray()),
            ("owner", "text", qs.Select(q => q.Owner).ToArray()),
            ("evidence_start", "int8", qs.Select(q => (long)q.Evidence.Start).ToArray()),
            ("evidence_end", "int8", qs.Select(q => (long)q.Evidence.End).ToArray()),
            ("evidence_text", "text", qs.Select(q => doc.TextOf(q.Evidence)).ToArray()),
            ("kind", "text", qs.Select(q => AnalysisJson.QuantityKindName(q.Kind)).ToArray()),
            ("measure", "text", qs.Select(q => q.Measure).ToArray()),
            ("currency", "text", qs.Select(q => q.Currency).ToArray()),
            ("per", "text", qs.Select(q => q.Per).ToArray()),
            ("noun", "text", qs.Select(q => q.Noun).ToArray()),
            ("mentions", "text", qs.Select(QuantityMentions.ToJson).ToArray()));

        var cs = section.Claims;
        Rows(batch, "claims", analysisId, cs.Count,
            ("local_id", "text", cs.Select(c => c.Id).ToArray()),
            ("source", "text", cs.Select(c => c.Source).ToArray()),
            ("verb", "text", cs.Select(c => c.Verb).ToArray()),
            ("stance", "text", cs.Select(c => c.Stance).ToArray()),
            ("event_local_id", "text", cs.Select(c => c.EventId).ToArray()),
            ("content", "text", cs.Select(c => c.Content).ToArray()),
            ("evidence_start", "int8", cs.Select(c => (long)c.Evidence.Start).ToArray()),
            ("evidence_end", "int8", cs.Select(c => (long)c.Evidence.End).ToArray()),
            ("evidence_text", "text", cs.Select(c => doc.TextOf(c.Evidence)).ToArray()));

        var ms = section.Mentions;
        Rows(batch, "mentions", analysisId, ms.Count,
            ("span_start", "int8", ms.Select(m => (long)m.Span.Start).ToArray()),
            ("span_end", "int8", ms.Select(m => (long)m.Span.End).ToArray()),
            ("type", "text", ms.Select(m => m.Type).ToArray()),
            ("text", "text", ms.Select(m => doc.TextOf(m.Span)).ToArray()));
    }

    private static string MentionsJson(Document doc, List<TextSpan> spans) =>
        JsonSerializer.Serialize(spans.Select(s => new { start = s.Start, end = s.End, text = doc.TextOf(s) }));

    private static string? Day(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Now() => DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
