using System.Globalization;
using System.Text;
using Dapper;
using Npgsql;
using Sitrep.Storage.Fusion;

namespace Sitrep.Storage.Postgres;

/// <summary>
/// Reprint groups, fusion tables and their queries on PostgreSQL (as SqliteStore.Fusion.cs). Safe with many workers:
/// reprint groups are assigned under a transaction-level advisory lock, a whole fusion runs under a session-level
/// advisory lock (<see cref="LockFusion"/>), its input is read from one snapshot, and its result replaces the old one in
/// one transaction, so readers see either the old or the new fusion.
/// </summary>
public sealed partial class PostgresStore
{
    public int AssignReprints(ReprintDetector detector, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(detector);
        var total = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            List<(string Id, string Text, string? Outlet)> pending;
            using (var c = _dataSource.OpenConnection())
            {
                pending = [.. c.Query<(string, string, string?)>(
                    """
                    SELECT ar.id, COALESCE(ar.content, ar.text), ar.outlet FROM articles ar LEFT JOIN reprints r ON r.article_id = ar.id
                    WHERE r.article_id IS NULL ORDER BY ar.seq LIMIT @n
                    """, new { n = ReprintGrouping.Chunk })];
            }

            if (pending.Count == 0)
            {
                return total;
            }

            // Fingerprints are computed outside the lock; the groups are chosen under it, so two workers assigning at
            // once see each other's articles.
            var prints = pending.Select(p => (p.Id, Print: detector.Fingerprint(p.Text), p.Outlet)).ToList();
            total += WithAdvisoryLock("fusion:reprints", (c, tx) => ReprintGrouping.Assign(c, tx, SqlDialect.Postgres, prints), cancellationToken);
        }
    }

    /// <summary>Reads the facts of all current analyses from one snapshot (repeatable read).</summary>
    public FusionInput LoadFusionInput(CancellationToken cancellationToken = default) =>
        InTransaction(System.Data.IsolationLevel.RepeatableRead, (c, tx) =>
        {
            var events = c.Query<FusionEvent>(new CommandDefinition(
                """
                SELECT ar.id AS ArticleId, e.local_id AS LocalId, COALESCE(r.group_id, ar.id) AS "Group", ar.published AS Published,
                       ar.outlet AS Outlet, e.type AS Type, e.mode AS Mode, e.actor AS Actor, e.target AS Target, e.location AS Location,
                       e.lat AS Lat, e.lon AS Lon, e.precision AS Precision, e.country AS Country, e.time_start AS TimeStart,
                       e.time_end AS TimeEnd, e.quantity_ids AS QuantityIds, e.evidence_text AS EvidenceText,
                       e.background AS Background
                FROM events e JOIN analyses a ON a.id = e.analysis_id AND a.is_current = 1
                JOIN articles ar ON ar.id = a.article_id LEFT JOIN reprints r ON r.article_id = ar.id
                ORDER BY ar.seq, e.seq
                """, transaction: tx, cancellationToken: cancellationToken)).ToList();
            var claims = c.Query<FusionClaim>(new CommandDefinition(
                """
                SELECT ar.id AS ArticleId, c.local_id AS LocalId, COALESCE(r.group_id, ar.id) AS "Group", c.event_local_id AS EventLocalId,
                       c.source AS Source, c.verb AS Verb, c.stance AS Stance, c.evidence_text AS EvidenceText
                FROM claims c JOIN analyses a ON a.id = c.analysis_id AND a.is_current = 1
                JOIN articles ar ON ar.id = a.article_id LEFT JOIN reprints r ON r.article_id = ar.id
                ORDER BY ar.seq, c.seq
                """, transaction: tx, cancellationToken: cancellationToken)).ToList();
            var quantities = c.Query<FusionQuantity>(new CommandDefinition(
                """
                SELECT ar.id AS ArticleId, q.local_id AS LocalId, COALESCE(r.group_id, ar.id) AS "Group", ar.published AS Published,
                       ar.outlet AS Outlet, q.text AS Text, q.unit AS Unit, q.point AS Point, q.min AS Min, q.max AS Max,
                       q.qualifier AS Qualifier, q.owner AS Owner, q.kind AS Kind, q.currency AS Currency, q.per AS Per,
                       q.evidence_text AS EvidenceText
                FROM quantities q JOIN analyses a ON a.id = q.analysis_id AND a.is_current = 1
                JOIN articles ar ON ar.id = a.article_id LEFT JOIN reprints r ON r.article_id = ar.id
                ORDER BY ar.seq, q.seq
                """, transaction: tx, cancellationToken: cancellationToken)).ToList();
            var articles = c.ExecuteScalar<int>("SELECT COUNT(*) FROM articles", transaction: tx);
            return new FusionInput(events, claims, quantities, articles);
        }, cancellationToken);

    /// <summary>Replaces the fusion tables in one transaction; each table is written with one statement over arrays.</summary>
    public void ReplaceFusion(FusionResult result, int articles, long milliseconds, string? inputStamp, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);

        // Fusion may raise the same contradiction twice; the first one stays (SQLite: INSERT OR IGNORE).
        var contradictions = result.Contradictions.DistinctBy(x => x.Id, StringComparer.Ordinal).ToList();
        InTransaction(System.Data.IsolationLevel.ReadCommitted, (c, tx) =>
        {
            void Run(string sql, object? args = null) =>
                c.Execute(new CommandDefinition(sql, args, tx, commandTimeout: 600, cancellationToken: cancellationToken));

            Run("DELETE FROM contradictions; DELETE FROM estimates; DELETE FROM cluster_members; DELETE FROM event_clusters;");
            var k = result.Clusters;
            Run(
                """
                INSERT INTO event_clusters(id, type, mode, actor, target, location, lat, lon, precision, country, time_start, time_end,
                  reports, sources, claims, first_published, last_published, background, first_source)
                SELECT * FROM unnest(@id::text[], @type::text[], @mode::text[], @actor::text[], @target::text[], @location::text[],
                  @lat::float8[], @lon::float8[], @precision::text[], @country::text[], @timeStart::text[], @timeEnd::text[],
                  @reports::bigint[], @sources::bigint[], @claims::bigint[], @firstPublished::text[], @lastPublished::text[],
                  @background::int4[], @firstSource::text[])
                """,
                new
                {
                    id = k.Select(x => x.Id).ToArray(),
                    type = k.Select(x => x.Type).ToArray(),
                    mode = k.Select(x => x.Mode).ToArray(),
                    actor = k.Select(x => x.Actor).ToArray(),
                    target = k.Select(x => x.Target).ToArray(),
                    location = k.Select(x => x.Location).ToArray(),
                    lat = k.Select(x => x.Lat).ToArray(),
                    lon = k.Select(x => x.Lon).ToArray(),
                    precision = k.Select(x => x.Precision).ToArray(),
                    country = k.Select(x => x.Country).ToArray(),
                    timeStart = k.Select(x => x.TimeStart).ToArray(),
                    timeEnd = k.Select(x => x.TimeEnd).ToArray(),
                    reports = k.Select(x => x.Reports).ToArray(),
                    sources = k.Select(x => x.Sources).ToArray(),
                    claims = k.Select(x => x.Claims).ToArray(),
                    firstPublished = k.Select(x => x.FirstPublished).ToArray(),
                    lastPublished = k.Select(x => x.LastPublished).ToArray(),
                    background = k.Select(x => x.Background ? 1 : 0).ToArray(),
                    firstSource = k.Select(x => x.FirstSource).ToArray(),
                });
            var m = result.Members;
            Run(
                """
                INSERT INTO cluster_members(cluster_id, article_id, event_local_id, reprint_group)
                SELECT * FROM unnest(@cluster::text[], @article::text[], @local::text[], @group::text[])
                """,
                new
                {
                    cluster = m.Select(x => x.ClusterId).ToArray(),
                    article = m.Select(x => x.ArticleId).ToArray(),
                    local = m.Select(x => x.EventLocalId).ToArray(),
                    group = m.Select(x => x.ReprintGroup).ToArray(),
                });
            var e = result.Estimates;
            Run(
                """
                INSERT INTO estimates(article_id, local_id, quantity_key, unit, owner, place, cluster_id, text, point, min, max, low, high,
                  qualifier, claimant, published, reprint_group, evidence_text, kind, currency, per)
                SELECT * FROM unnest(@article::text[], @local::text[], @key::text[], @unit::text[], @owner::text[], @place::text[],
                  @cluster::text[], @text::text[], @point::float8[], @min::float8[], @max::float8[], @low::float8[], @high::float8[],
                  @qualifier::text[], @claimant::text[], @published::text[], @group::text[], @evidence::text[], @kind::text[],
                  @currency::text[], @per::text[])
                """,
                new
                {
                    article = e.Select(x => x.ArticleId).ToArray(),
                    local = e.Select(x => x.LocalId).ToArray(),
                    key = e.Select(x => x.QuantityKey).ToArray(),
                    unit = e.Select(x => x.Unit).ToArray(),
                    owner = e.Select(x => x.Owner).ToArray(),
                    place = e.Select(x => x.Place).ToArray(),
                    cluster = e.Select(x => x.ClusterId).ToArray(),
                    text = e.Select(x => x.Text).ToArray(),
                    point = e.Select(x => x.Point).ToArray(),
                    min = e.Select(x => x.Min).ToArray(),
                    max = e.Select(x => x.Max).ToArray(),
                    low = e.Select(x => x.Low).ToArray(),
                    high = e.Select(x => x.High).ToArray(),
                    qualifier = e.Select(x => x.Qualifier).ToArray(),
                    claimant = e.Select(x => x.Claimant).ToArray(),
                    published = e.Select(x => x.Published).ToArray(),
                    group = e.Select(x => x.ReprintGroup).ToArray(),
                    evidence = e.Select(x => x.EvidenceText).ToArray(),
                    kind = e.Select(x => x.Kind).ToArray(),
                    currency = e.Select(x => x.Currency).ToArray(),
                    per = e.Select(x => x.Per).ToArray(),
                });
            Run(
                """
                INSERT INTO contradictions(id, kind, subject, a_article, a_local_id, a_source, a_text, b_article, b_local_id, b_source, b_text, detail)
                SELECT * FROM unnest(@id::text[], @kind::text[], @subject::text[], @aArticle::text[], @aLocal::text[], @aSource::text[],
                  @aText::text[], @bArticle::text[], @bLocal::text[], @bSource::text[], @bText::text[], @detail::text[])
                """,
                new
                {
                    id = contradictions.Select(x => x.Id).ToArray(),
                    kind = contradictions.Select(x => x.Kind).ToArray(),
                    subject = contradictions.Select(x => x.Subject).ToArray(),
                    aArticle = contradictions.Select(x => x.AArticle).ToArray(),
                    aLocal = contradictions.Select(x => x.ALocalId).ToArray(),
                    aSource = contradictions.Select(x => x.ASource).ToArray(),
                    aText = contradictions.Select(x => x.AText).ToArray(),
                    bArticle = contradictions.Select(x => x.BArticle).ToArray(),
                    bLocal = contradictions.Select(x => x.BLocalId).ToArray(),
                    bSource = contradictions.Select(x => x.BSource).ToArray(),
                    bText = contradictions.Select(x => x.BText).ToArray(),
                    detail = contradictions.Select(x => x.Detail).ToArray(),
                });
            Run(
                """
                INSERT INTO fusion_runs(at, articles, clusters, estimates, contradictions, milliseconds, input_stamp)
                VALUES (@at, @articles, @c, @e, @x, @milliseconds, @inputStamp)
                """,
                new { at = Now(), articles = (long)articles, c = (long)result.Clusters.Count, e = (long)result.Estimates.Count, x = (long)contradictions.Count, milliseconds, inputStamp });
            return 0;
        }, cancellationToken);
    }

    /// <summary>
    /// Holds a session-level advisory lock on a connection of its own until disposed: one fusion at a time per store,
    /// across processes and machines. A worker that dies releases it with its connection.
    /// </summary>
    public IDisposable LockFusion(CancellationToken cancellationToken = default)
    {
        var connection = _dataSource.OpenConnection();
        var key = LockKey(_lockScope + "|fusion");
        try
        {
            connection.Execute(new CommandDefinition("SELECT pg_advisory_lock(@key)", new { key }, commandTimeout: 0, cancellationToken: cancellationToken));
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        return new SessionLock(connection, key);
    }

    public string FusionStamp() => ChangeStamp();

    public FusionRun? LastFusionRun()
    {
        using var c = _dataSource.OpenConnection();
        return c.QueryFirstOrDefault<FusionRun>(
            """
            SELECT at AS At, articles AS Articles, clusters AS Clusters, estimates AS Estimates, contradictions AS Contradictions,
                   milliseconds AS Milliseconds, input_stamp AS InputStamp
            FROM fusion_runs ORDER BY id DESC LIMIT 1
            """);
    }

    public string? ReprintGroupOf(string articleId)
    {
        using var c = _dataSource.OpenConnection();
        return c.ExecuteScalar<string?>("SELECT group_id FROM reprints WHERE article_id=@articleId", new { articleId });
    }

    public (long Articles, long Groups) ReprintCounts()
    {
        using var c = _dataSource.OpenConnection();
        return c.QuerySingle<(long, long)>("SELECT COUNT(*), COUNT(DISTINCT group_id) FROM reprints");
    }

    private const string ClusterColumns =
        """
        id AS Id, type AS Type, mode AS Mode, actor AS Actor, target AS Target, location AS Location, lat AS Lat, lon AS Lon,
        precision AS Precision, country AS Country, time_start AS TimeStart, time_end AS TimeEnd, reports AS Reports,
        sources AS Sources, claims AS Claims, first_published AS FirstPublished, last_published AS LastPublished,
        background AS Background, first_source AS FirstSource
        """;

    public IReadOnlyList<ClusterRow> ListClusters(ClusterFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var where = new StringBuilder("WHERE 1=1");
        var args = new DynamicParameters();
        if (filter.Type is not null)
        {
            where.Append(" AND type = @type");
            args.Add("type", filter.Type.ToUpperInvariant());
        }

        if (filter.Actor is not null)
        {
            where.Append(" AND (lower(actor) = lower(@actor) OR lower(target) = lower(@actor))");
            args.Add("actor", filter.Actor);
        }

        if (filter.Since is { } since)
        {
            where.Append(" AND COALESCE(time_end, last_published) >= @since");
            args.Add("since", since.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (filter.Until is { } until)
        {
            where.Append(" AND COALESCE(time_start, first_published) <= @until");
            args.Add("until", until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        var near = filter.NearLat is not null && filter.NearLon is not null;
        if (near)
        {
            where.Append(" AND lat IS NOT NULL AND lon IS NOT NULL");
        }

        List<ClusterRow> rows;
        using (var c = _dataSource.OpenConnection())
        {
            rows = [.. c.Query<ClusterRow>(
                $"SELECT {ClusterColumns} FROM event_clusters {where} ORDER BY COALESCE(time_start, first_published) DESC NULLS LAST, sources DESC, id COLLATE \"C\"", args)];
        }

        if (near)
        {
            foreach (var r in rows)
            {
                r.DistanceKm = FusionEngine.HaversineKm(filter.NearLat!.Value, filter.NearLon!.Value, r.Lat!.Value, r.Lon!.Value);
            }

            rows = [.. rows.Where(r => r.DistanceKm <= filter.RadiusKm)];
        }

        return rows.Take(filter.Limit).ToList();
    }

    public ClusterRow? GetCluster(string clusterId)
    {
        using var c = _dataSource.OpenConnection();
        return c.QueryFirstOrDefault<ClusterRow>($"SELECT {ClusterColumns} FROM event_clusters WHERE id=@clusterId", new { clusterId });
    }

    public IReadOnlyList<ClusterMember> ClusterMembers(string clusterId)
    {
        using var c = _dataSource.OpenConnection();
        return [.. c.Query<(string, string, string, string)>(
            "SELECT cluster_id, article_id, event_local_id, reprint_group FROM cluster_members WHERE cluster_id=@clusterId ORDER BY article_id COLLATE \"C\", event_local_id COLLATE \"C\"",
            new { clusterId }).Select(t => new ClusterMember(t.Item1, t.Item2, t.Item3, t.Item4))];
    }

    public IReadOnlyList<ClaimRow> ClusterClaims(string clusterId)
    {
        using var c = _dataSource.OpenConnection();
        return [.. c.Query<ClaimRow>(
            """
            SELECT ar.id AS ArticleId, ar.title AS ArticleTitle, ar.published AS Published, c.local_id AS LocalId,
                   c.source AS Source, c.verb AS Verb, c.stance AS Stance, c.event_local_id AS EventLocalId,
                   c.content AS Content, c.evidence_start AS EvidenceStart, c.evidence_end AS EvidenceEnd,
                   c.evidence_text AS EvidenceText
            FROM cluster_members m
            JOIN analyses a ON a.article_id = m.article_id AND a.is_current = 1
            JOIN claims c ON c.analysis_id = a.id AND c.event_local_id = m.event_local_id
            JOIN articles ar ON ar.id = m.article_id
            WHERE m.cluster_id = @clusterId
            ORDER BY ar.published NULLS FIRST, ar.seq, c.seq
            """, new { clusterId })];
    }

    public IReadOnlyList<EstimateRow> ListEstimates(string? unit, string? place, string? owner, int limit = 500)
    {
        var where = new StringBuilder("WHERE 1=1");
        if (unit is not null)
        {
            where.Append(" AND lower(unit) = lower(@unit)");
        }

        if (place is not null)
        {
            where.Append(" AND lower(place) = lower(@place)");
        }

        if (owner is not null)
        {
            where.Append(" AND lower(owner) = lower(@owner)");
        }

        using var c = _dataSource.OpenConnection();
        return [.. c.Query<EstimateRow>(
            $"""
            SELECT article_id AS ArticleId, local_id AS LocalId, quantity_key AS QuantityKey, unit AS Unit, owner AS Owner, place AS Place,
                   cluster_id AS ClusterId, text AS Text, point AS Point, min AS Min, max AS Max, low AS Low, high AS High,
                   qualifier AS Qualifier, claimant AS Claimant, published AS Published, reprint_group AS ReprintGroup,
                   evidence_text AS EvidenceText, kind AS Kind, currency AS Currency, per AS Per
            FROM estimates {where}
            ORDER BY quantity_key COLLATE "C", published NULLS FIRST, article_id COLLATE "C", local_id COLLATE "C"
            LIMIT @limit
            """, new { unit, place, owner, limit })];
    }

    public IReadOnlyList<ContradictionRow> ListContradictions(string? kind = null, int limit = 500)
    {
        using var c = _dataSource.OpenConnection();
        return [.. c.Query<ContradictionRow>(
            $"""
            SELECT id AS Id, kind AS Kind, subject AS Subject, a_article AS AArticle, a_local_id AS ALocalId, a_source AS ASource,
                   a_text AS AText, b_article AS BArticle, b_local_id AS BLocalId, b_source AS BSource, b_text AS BText, detail AS Detail
            FROM contradictions {(kind is null ? "" : "WHERE kind = @kind")}
            ORDER BY kind COLLATE "C", subject COLLATE "C", id COLLATE "C"
            LIMIT @limit
            """, new { kind, limit })];
    }

    public IReadOnlyList<RevisionRow> ArticleRevisions(string articleId)
    {
        using var c = _dataSource.OpenConnection();
        var revisions = c.Query<RevisionRow>(
            """
            SELECT article_id AS ArticleId, id AS AnalysisId, revision AS Revision, pipeline_version AS PipelineVersion,
                   model_versions AS ModelVersions, (is_current = 1) AS IsCurrent, created_at AS CreatedAt
            FROM analyses WHERE article_id=@articleId ORDER BY revision
            """, new { articleId }).ToList();
        foreach (var r in revisions)
        {
            var id = r.AnalysisId;
            r.Facts.AddRange(c.Query<(string Type, string? Mode, string? Actor, string? Target, string? Location, string Evidence)>(
                "SELECT type, mode, actor, target, location, evidence_text FROM events WHERE analysis_id=@id ORDER BY seq", new { id })
                .Select(e => $"event {e.Type}{(e.Mode is null ? "" : "/" + e.Mode)} {e.Actor ?? "?"} -> {e.Target ?? "-"} @ {e.Location ?? "-"}: \"{e.Evidence}\""));
            r.Facts.AddRange(c.Query<(string Text, string Unit, double? Point, double? Min, double? Max, string? Qualifier)>(
                "SELECT text, unit, point, min, max, qualifier FROM quantities WHERE analysis_id=@id ORDER BY seq", new { id })
                .Select(q => $"quantity \"{q.Text}\" = {Bounds(q.Point, q.Min, q.Max)} {q.Unit}{(q.Qualifier is null ? "" : $" ({q.Qualifier})")}"));
            r.Facts.AddRange(c.Query<(string Source, string Verb, string Stance, string Evidence)>(
                "SELECT source, verb, stance, evidence_text FROM claims WHERE analysis_id=@id ORDER BY seq", new { id })
                .Select(cl => $"claim {cl.Source} {cl.Verb} [{cl.Stance}]: \"{cl.Evidence}\""));
        }

        return revisions;
    }

    public IReadOnlyList<string> ArticleIdsStartingWith(string prefix, int limit = 5)
    {
        using var c = _dataSource.OpenConnection();
        return [.. c.Query<string>("SELECT id FROM articles WHERE starts_with(id, @prefix) ORDER BY id COLLATE \"C\" LIMIT @limit", new { prefix, limit })];
    }

    public (string Name, double Lat, double Lon)? ResolvePlace(string name)
    {
        using var c = _dataSource.OpenConnection();
        var hit = c.QueryFirstOrDefault<(string Name, double Lat, double Lon)?>(
            """
            SELECT name, lat, lon FROM places WHERE lower(name) = lower(@name) AND lat IS NOT NULL AND lon IS NOT NULL
            GROUP BY name, lat, lon ORDER BY COUNT(*) DESC, name COLLATE "C", lat, lon LIMIT 1
            """, new { name });
        return hit ?? c.QueryFirstOrDefault<(string Name, double Lat, double Lon)?>(
            """
            SELECT location, lat, lon FROM events WHERE lower(location) = lower(@name) AND lat IS NOT NULL AND lon IS NOT NULL
            GROUP BY location, lat, lon ORDER BY COUNT(*) DESC, location COLLATE "C", lat, lon LIMIT 1
            """, new { name });
    }

    private static string Bounds(double? point, double? min, double? max) =>
        point is { } p ? p.ToString("0.##", CultureInfo.InvariantCulture)
        : $"{min?.ToString("0.##", CultureInfo.InvariantCulture) ?? ""}..{max?.ToString("0.##", CultureInfo.InvariantCulture) ?? ""}";

    /// <summary>A held session-level advisory lock; disposing unlocks it and returns the connection.</summary>
    private sealed class SessionLock(NpgsqlConnection connection, long key) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0)
            {
                return;
            }

            try
            {
                connection.Execute("SELECT pg_advisory_unlock(@key)", new { key });
            }
            catch (NpgsqlException)
            {
                // The connection broke: the server released the lock with the session.
            }
            finally
            {
                connection.Dispose();
            }
        }
    }
}
