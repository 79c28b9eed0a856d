using System.Globalization;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using Sitrep.Core;
using Sitrep.Core.Serialization;

namespace Sitrep.Storage;

/// <summary>The embedded store: one SQLite file in WAL mode with FTS5 over the articles.</summary>
public sealed partial class SqliteStore : ISitrepStore
{
    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _fusionGate = new(1, 1);

    private SqliteStore(SqliteConnection connection) => _connection = connection;

    public string Path { get; private init; } = "";

    /// <summary>Opens (creating when absent) the store at <paramref name="path"/> and applies pending migrations.</summary>
    public static SqliteStore Open(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        var dir = System.IO.Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Pooling = false }.ToString());
        connection.Open();
        connection.Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;");
        Migrations.Apply(connection, "sqlite");
        return new SqliteStore(connection) { Path = full };
    }

    public int SchemaVersion => _connection.ExecuteScalar<int>("SELECT COALESCE(MAX(version),0) FROM schema_migrations");

    public SaveOutcome Save(Document doc, string pipelineVersion, string? source, CancellationToken cancellationToken = default)
    {
        var modelVersions = JsonSerializer.Serialize(new SortedDictionary<string, string>(doc.Provenance, StringComparer.Ordinal));
        lock (_gate)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var tx = _connection.BeginTransaction(deferred: false);
            var exists = _connection.ExecuteScalar<long>("SELECT COUNT(*) FROM articles WHERE id=@id", new { id = doc.Id }, tx) > 0;
            SaveOutcome outcome;
            long revision;
            if (exists)
            {
                var same = _connection.ExecuteScalar<long>(
                    "SELECT COUNT(*) FROM analyses WHERE article_id=@id AND pipeline_version=@pv AND model_versions=@mv AND is_current=1",
                    new { id = doc.Id, pv = pipelineVersion, mv = modelVersions }, tx);
                if (same > 0)
                {
                    tx.Commit();
                    return SaveOutcome.Unchanged;
                }

                revision = _connection.ExecuteScalar<long>("SELECT COALESCE(MAX(revision),0) FROM analyses WHERE article_id=@id", new { id = doc.Id }, tx) + 1;
                _connection.Execute("UPDATE analyses SET is_current=0 WHERE article_id=@id", new { id = doc.Id }, tx);
                _connection.Execute("UPDATE articles SET status='analysed', content=@content WHERE id=@id", new { id = doc.Id, content = OutletBoilerplate.StoredContent(doc) }, tx);
                outcome = SaveOutcome.Revised;
            }
            else
            {
                InsertArticle(doc, "analysed", source, tx);
                OutletBoilerplate.Record(_connection, tx, doc);
                revision = 1;
                outcome = SaveOutcome.Stored;
            }

            var analysisId = _connection.ExecuteScalar<long>(
                """
                INSERT INTO analyses(article_id, revision, pipeline_version, model_versions, is_current, created_at)
                VALUES (@id, @revision, @pv, @mv, 1, @at) RETURNING id
                """,
                new { id = doc.Id, revision, pv = pipelineVersion, mv = modelVersions, at = Now() }, tx);
            InsertFacts(doc, analysisId, tx);
            tx.Commit();
            return outcome;
        }
    }

    public bool SaveUnanalysed(Document doc, string status, string? source, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            using var tx = _connection.BeginTransaction(deferred: false);
            if (_connection.ExecuteScalar<long>("SELECT COUNT(*) FROM articles WHERE id=@id", new { id = doc.Id }, tx) > 0)
            {
                tx.Commit();
                return false;
            }

            InsertArticle(doc, status, source, tx);
            tx.Commit();
            return true;
        }
    }

    public bool Contains(string articleId)
    {
        lock (_gate)
        {
            return _connection.ExecuteScalar<long>("SELECT COUNT(*) FROM articles WHERE id=@articleId", new { articleId }) > 0;
        }
    }

    public void RecordError(string input, string reason)
    {
        lock (_gate)
        {
            _connection.Execute("INSERT INTO ingest_errors(input, reason, at) VALUES (@input, @reason, @at)", new { input, reason, at = Now() });
        }
    }

    public StoreCounts Counts()
    {
        lock (_gate)
        {
            return _connection.QuerySingle<StoreCounts>(
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
    }

    public IReadOnlyList<ArticleRow> ListArticles(ListFilter filter)
    {
        var (where, args) = FactFilter.ForList(filter, "ar");
        lock (_gate)
        {
            return [.. _connection.Query<ArticleRow>(
                $"""
                SELECT ar.id AS Id, ar.title AS Title, ar.url AS Url, ar.outlet AS Outlet, ar.published AS Published,
                       ar.language AS Language, ar.status AS Status, ar.source AS Source,
                       COALESCE(a.revision, 0) AS Revision, a.pipeline_version AS PipelineVersion
                FROM articles ar LEFT JOIN analyses a ON a.article_id = ar.id AND a.is_current = 1
                WHERE 1=1 {where}
                ORDER BY ar.published DESC, ar.rowid
                LIMIT @limit OFFSET @offset
                """, args)];
        }
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
            where += " AND (e.actor = @actor COLLATE NOCASE OR e.target = @actor COLLATE NOCASE)";
        }

        lock (_gate)
        {
            return [.. _connection.Query<EventRow>(
                $"""
                SELECT ar.id AS ArticleId, ar.title AS ArticleTitle, ar.published AS Published, e.local_id AS LocalId,
                       e.type AS Type, e.mode AS Mode, e.actor AS Actor, e.target AS Target, e.location AS Location,
                       e.lat AS Lat, e.lon AS Lon, e.precision AS Precision, e.time_start AS TimeStart, e.time_end AS TimeEnd,
                       e.time_text AS TimeText, e.quantity_ids AS QuantityIds, e.claim_ids AS ClaimIds,
                       e.evidence_start AS EvidenceStart, e.evidence_end AS EvidenceEnd, e.evidence_text AS EvidenceText
                FROM events e JOIN analyses a ON a.id = e.analysis_id AND a.is_current = 1
                JOIN articles ar ON ar.id = a.article_id
                WHERE 1=1 {where}
                ORDER BY COALESCE(e.time_start, ar.published) DESC, ar.rowid, e.rowid
                LIMIT @limit OFFSET @offset
                """, args)];
        }
    }

    public IReadOnlyList<ClaimRow> ListClaims(ListFilter filter)
    {
        var (where, args) = FactFilter.ForList(filter, "ar");
        if (filter.Source is not null)
        {
            where += " AND c.source = @source COLLATE NOCASE";
        }

        lock (_gate)
        {
            return [.. _connection.Query<ClaimRow>(
                $"""
                SELECT ar.id AS ArticleId, ar.title AS ArticleTitle, ar.published AS Published, c.local_id AS LocalId,
                       c.source AS Source, c.verb AS Verb, c.stance AS Stance, c.event_local_id AS EventLocalId,
                       c.content AS Content, c.evidence_start AS EvidenceStart, c.evidence_end AS EvidenceEnd,
                       c.evidence_text AS EvidenceText
                FROM claims c JOIN analyses a ON a.id = c.analysis_id AND a.is_current = 1
                JOIN articles ar ON ar.id = a.article_id
                WHERE 1=1 {where}
                ORDER BY ar.published DESC, ar.rowid, c.rowid
                LIMIT @limit OFFSET @offset
                """, args)];
        }
    }

    public IReadOnlyList<QuantityRow> ListQuantities(ListFilter filter)
    {
        var (where, args) = FactFilter.ForList(filter, "ar");
        if (filter.Unit is not null)
        {
            where += " AND q.unit = @unit";
        }

        lock (_gate)
        {
            return [.. _connection.Query<QuantityRow>(
                $"""
                SELECT ar.id AS ArticleId, ar.title AS ArticleTitle, ar.published AS Published, q.local_id AS LocalId,
                       q.text AS Text, q.unit AS Unit, q.unit_text AS UnitText, q.point AS Point, q.min AS Min, q.max AS Max,
                       q.qualifier AS Qualifier, q.owner AS Owner, q.kind AS Kind, q.currency AS Currency, q.per AS Per, q.noun AS Noun,
                       q.evidence_start AS EvidenceStart,
                       q.evidence_end AS EvidenceEnd, q.evidence_text AS EvidenceText
                FROM quantities q JOIN analyses a ON a.id = q.analysis_id AND a.is_current = 1
                JOIN articles ar ON ar.id = a.article_id
                WHERE 1=1 {where}
                ORDER BY ar.published DESC, ar.rowid, q.rowid
                LIMIT @limit OFFSET @offset
                """, args)];
        }
    }

    public BoilerplateProfile OutletProfile(string outlet, IReadOnlyCollection<ulong> lineHashes, string? excludeArticleId = null)
    {
        lock (_gate)
        {
            return OutletBoilerplate.Read(_connection, outlet, lineHashes, excludeArticleId, postgres: false);
        }
    }

    public long CountListed(string what, ListFilter filter)
    {
        var (sql, args) = FactFilter.CountListed(what, filter, SqlDialect.Sqlite);
        lock (_gate)
        {
            return _connection.ExecuteScalar<long>(sql, args);
        }
    }

    public IReadOnlyList<ArticleRow> Search(string query, int limit = 20)
    {
        var fts = FtsQuery(query ?? "");
        if (fts.Length == 0)
        {
            return [];
        }

        lock (_gate)
        {
            return [.. _connection.Query<ArticleRow>(
                """
                SELECT ar.id AS Id, ar.title AS Title, ar.url AS Url, ar.outlet AS Outlet, ar.published AS Published,
                       ar.language AS Language, ar.status AS Status, ar.source AS Source
                FROM articles_fts f JOIN articles ar ON ar.rowid = f.rowid
                WHERE articles_fts MATCH @q
                ORDER BY bm25(articles_fts)
                LIMIT @limit
                """, new { q = fts, limit })];
        }
    }

    public void Dispose()
    {
        _connection.Dispose();
        _fusionGate.Dispose();
    }

    /// <summary>
    /// Turns a user's query into an FTS5 query: words (all must occur), "exact phrases", OR between alternatives,
    /// AND (the default), and prefix* searches. Every word and phrase is quoted, so no punctuation can break the FTS5
    /// syntax; an empty result means the query holds nothing to look for.
    /// </summary>
    internal static string FtsQuery(string query)
    {
        var parts = new List<string>();
        string? pendingOperator = null;
        var i = 0;
        while (i < query.Length)
        {
            if (char.IsWhiteSpace(query[i]))
            {
                i++;
                continue;
            }

            string? term;
            if (query[i] == '"')
            {
                var close = query.IndexOf('"', i + 1);
                var phrase = close < 0 ? query[(i + 1)..] : query[(i + 1)..close];
                i = close < 0 ? query.Length : close + 1;
                term = phrase.Any(char.IsLetterOrDigit) ? Quote(phrase) : null;
            }
            else
            {
                var end = i;
                while (end < query.Length && !char.IsWhiteSpace(query[end]) && query[end] != '"')
                {
                    end++;
                }

                var word = query[i..end];
                i = end;
                if (word is "OR" or "AND")
                {
                    pendingOperator = parts.Count > 0 ? word : null;
                    continue;
                }

                var prefix = word.EndsWith('*');
                word = word.TrimEnd('*');
                term = !word.Any(char.IsLetterOrDigit) ? null : Quote(word) + (prefix ? "*" : "");
            }

            if (term is null)
            {
                continue;
            }

            if (parts.Count > 0)
            {
                parts.Add(pendingOperator ?? "AND");
            }

            parts.Add(term);
            pendingOperator = null;
        }

        return string.Join(" ", parts);

        static string Quote(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private void InsertArticle(Document doc, string status, string? source, SqliteTransaction tx)
    {
        _connection.Execute(
            """
            INSERT INTO articles(id, title, url, outlet, published, language, status, source, text, content, ingested_at)
            VALUES (@Id, @Title, @Url, @Outlet, @Published, @Language, @status, @source, @Text, @content, @at)
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
                source,
                doc.Text,
                content = OutletBoilerplate.StoredContent(doc),
                at = Now(),
            },
            tx);
    }

    private void InsertFacts(Document doc, long analysisId, SqliteTransaction tx)
    {
        var places = InsertActorsAndPlaces(doc, analysisId, tx);
        InsertSectionFacts(doc, doc, analysisId, places, tx);
    }

    // The facts that belong to the whole document: its actors and places with all their mentions.
    private Dictionary<string, Place> InsertActorsAndPlaces(Document doc, long analysisId, SqliteTransaction tx)
    {
        foreach (var a in doc.Actors)
        {
            _connection.Execute(
                "INSERT INTO actors VALUES (@analysisId, @Id, @Name, @kind, @Affiliation, @Role, @mentions)",
                new { analysisId, a.Id, a.Name, kind = AnalysisJson.KindName(a.Kind), a.Affiliation, a.Role, mentions = MentionsJson(doc, a.Mentions) }, tx);
        }

        var places = new Dictionary<string, Place>(StringComparer.Ordinal);
        foreach (var p in doc.Places)
        {
            places[p.Id] = p;
            _connection.Execute(
                "INSERT INTO places VALUES (@analysisId, @Id, @Name, @Country, @Admin1, @Lat, @Lon, @precision, @GeonameId, @FeatureClass, @mentions)",
                new { analysisId, p.Id, p.Name, p.Country, p.Admin1, p.Lat, p.Lon, precision = AnalysisJson.PrecisionName(p.Precision), p.GeonameId, p.FeatureClass, mentions = MentionsJson(doc, p.Mentions) }, tx);
        }

        return places;
    }

    // The facts of one section of a document (or of the whole of it): times, events, quantities, claims and mentions,
    // with offsets into the text of `doc`; events take their coordinates from `places`.
    private void InsertSectionFacts(Document doc, Document section, long analysisId, IReadOnlyDictionary<string, Place> places, SqliteTransaction tx)
    {
        var times = new Dictionary<string, TimeExpression>(StringComparer.Ordinal);
        foreach (var t in section.Times)
        {
            times[t.Id] = t;
            _connection.Execute(
                "INSERT INTO times VALUES (@analysisId, @Id, @text, @s, @e, @start, @end, @precision)",
                new { analysisId, t.Id, text = doc.TextOf(t.Span), s = t.Span.Start, e = t.Span.End, start = Day(t.Start), end = Day(t.End), precision = AnalysisJson.TimePrecisionName(t.Precision) }, tx);
        }

        foreach (var e in section.Events)
        {
            Place? place = e.PlaceId is not null && places.TryGetValue(e.PlaceId, out var pl) ? pl : null;
            TimeExpression? time = e.TimeId is not null && times.TryGetValue(e.TimeId, out var tm) ? tm : null;
            _connection.Execute(
                """
                INSERT INTO events(analysis_id, local_id, type, mode, actor, target, location, lat, lon, precision, country,
                  time_start, time_end, time_precision, time_text, quantity_ids, claim_ids, evidence_start, evidence_end, evidence_text,
                  background, trigger_start, trigger_end)
                VALUES (@analysisId, @Id, @Type, @Mode, @Actor, @Target, @Location, @lat, @lon, @precision,
                  @country, @ts, @te, @tp, @tt, @qids, @cids, @es, @ee, @et, @background, @triggerStart, @triggerEnd)
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
                    es = e.Evidence.Start,
                    ee = e.Evidence.End,
                    et = doc.TextOf(e.Evidence),
                    background = e.Background ? 1 : 0,
                    triggerStart = e.Trigger?.Start,
                    triggerEnd = e.Trigger?.End,
                },
                tx);
        }

        foreach (var q in section.Quantities)
        {
            _connection.Execute(
                """
                INSERT INTO quantities(analysis_id, local_id, text, span_start, span_end, unit, unit_text, point, min, max, qualifier, owner,
                  evidence_start, evidence_end, evidence_text, kind, measure, currency, per, noun, mentions)
                VALUES (@analysisId, @Id, @text, @ss, @se, @Unit, @UnitText, @Point, @Min, @Max, @Qualifier, @Owner, @es, @ee, @et,
                  @kind, @Measure, @Currency, @Per, @Noun, @mentions)
                """,
                new
                {
                    analysisId, q.Id, text = doc.TextOf(q.Span), ss = q.Span.Start, se = q.Span.End, q.Unit, q.UnitText, q.Point, q.Min, q.Max, q.Qualifier, q.Owner,
                    es = q.Evidence.Start, ee = q.Evidence.End, et = doc.TextOf(q.Evidence), kind = AnalysisJson.QuantityKindName(q.Kind), q.Measure, q.Currency, q.Per,
                    q.Noun, mentions = QuantityMentions.ToJson(q),
                },
                tx);
        }

        foreach (var c in section.Claims)
        {
            _connection.Execute(
                "INSERT INTO claims VALUES (@analysisId, @Id, @Source, @Verb, @Stance, @EventId, @Content, @es, @ee, @et)",
                new { analysisId, c.Id, c.Source, c.Verb, c.Stance, c.EventId, c.Content, es = c.Evidence.Start, ee = c.Evidence.End, et = doc.TextOf(c.Evidence) },
                tx);
        }

        foreach (var m in section.Mentions)
        {
            _connection.Execute(
                "INSERT INTO mentions VALUES (@analysisId, @s, @e, @Type, @text)",
                new { analysisId, s = m.Span.Start, e = m.Span.End, m.Type, text = doc.TextOf(m.Span) },
                tx);
        }
    }

    private static string MentionsJson(Document doc, List<TextSpan> spans) =>
        JsonSerializer.Serialize(spans.Select(s => new { start = s.Start, end = s.End, text = doc.TextOf(s) }));

    private static string? Day(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Now() => DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
