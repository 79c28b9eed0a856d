using System.Globalization;
using System.Text;
using Dapper;
using Sitrep.Storage.Fusion;

namespace Sitrep.Storage;

/// <summary>Reprint groups, fusion tables and their queries on SQLite.</summary>
public sealed partial class SqliteStore
{
    public int AssignReprints(ReprintDetector detector, CancellationToken cancellationToken = default)
    {
        var total = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            List<(string Id, string Text, string? Outlet)> pending;
            lock (_gate)
            {
                pending = [.. _connection.Query<(string, string, string?)>(
                    """
                    SELECT ar.id, COALESCE(ar.content, ar.text), ar.outlet FROM articles ar LEFT JOIN reprints r ON r.article_id = ar.id
                    WHERE r.article_id IS NULL ORDER BY ar.rowid LIMIT @n
                    """, new { n = ReprintGrouping.Chunk })];
            }

            if (pending.Count == 0)
            {
                return total;
            }

            var prints = pending.Select(p => (p.Id, Print: detector.Fingerprint(p.Text), p.Outlet)).ToList();
            lock (_gate)
            {
                using var tx = _connection.BeginTransaction(deferred: false);
                total += ReprintGrouping.Assign(_connection, tx, SqlDialect.Sqlite, prints);
                tx.Commit();
            }
        }
    }

    public FusionInput LoadFusionInput(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var events = _connection.Query<FusionEvent>(
                """
                SELECT ar.id AS ArticleId, e.local_id AS LocalId, COALESCE(r.group_id, ar.id) AS "Group", ar.published AS Published,
                       ar.outlet AS Outlet, e.type AS Type, e.mode AS Mode, e.actor AS Actor, e.target AS Target, e.location AS Location,
                       e.lat AS Lat, e.lon AS Lon, e.precision AS Precision, e.country AS Country, e.time_start AS TimeStart,
                       e.time_end AS TimeEnd, e.quantity_ids AS QuantityIds, e.evidence_text AS EvidenceText,
                       e.background AS Background
                FROM events e JOIN analyses a ON a.id = e.analysis_id AND a.is_current = 1
                JOIN articles ar ON ar.id = a.article_id LEFT JOIN reprints r ON r.article_id = ar.id
                ORDER BY ar.rowid, e.rowid
                """).ToList();
            cancellationToken.ThrowIfCancellationRequested();
            var claims = _connection.Query<FusionClaim>(
                """
                SELECT ar.id AS ArticleId, c.local_id AS LocalId, COALESCE(r.group_id, ar.id) AS "Group", c.event_local_id AS EventLocalId,
                       c.source AS Source, c.verb AS Verb, c.stance AS Stance, c.evidence_text AS EvidenceText
                FROM claims c JOIN analyses a ON a.id = c.analysis_id AND a.is_current = 1
                JOIN articles ar ON ar.id = a.article_id LEFT JOIN reprints r ON r.article_id = ar.id
                ORDER BY ar.rowid, c.rowid
                """).ToList();
            cancellationToken.ThrowIfCancellationRequested();
            var quantities = _connection.Query<FusionQuantity>(
                """
                SELECT ar.id AS ArticleId, q.local_id AS LocalId, COALESCE(r.group_id, ar.id) AS "Group", ar.published AS Published,
                       ar.outlet AS Outlet, q.text AS Text, q.unit AS Unit, q.point AS Point, q.min AS Min, q.max AS Max,
                       q.qualifier AS Qualifier, q.owner AS Owner, q.kind AS Kind, q.currency AS Currency, q.per AS Per,
                       q.evidence_text AS EvidenceText
                FROM quantities q JOIN analyses a ON a.id = q.analysis_id AND a.is_current = 1
                JOIN articles ar ON ar.id = a.article_id LEFT JOIN reprints r ON r.article_id = ar.id
                ORDER BY ar.rowid, q.rowid
                """).ToList();
            var articles = _connection.ExecuteScalar<int>("SELECT COUNT(*) FROM articles");
            return new FusionInput(events, claims, quantities, articles);
        }
    }

    public void ReplaceFusion(FusionResult result, int articles, long milliseconds, string? inputStamp, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        lock (_gate)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var tx = _connection.BeginTransaction(deferred: false);
            _connection.Execute("DELETE FROM contradictions; DELETE FROM estimates; DELETE FROM cluster_members; DELETE FROM event_clusters;", transaction: tx);
            _connection.Execute(
                """
                INSERT INTO event_clusters(id, type, mode, actor, target, location, lat, lon, precision, country, time_start, time_end,
                  reports, sources, claims, first_published, last_published, background, first_source)
                VALUES (@Id, @Type, @Mode, @Actor, @Target, @Location, @Lat, @Lon, @Precision, @Country, @TimeStart, @TimeEnd,
                  @Reports, @Sources, @Claims, @FirstPublished, @LastPublished, @Background, @FirstSource)
                """, result.Clusters, tx);
            _connection.Execute(
                "INSERT INTO cluster_members(cluster_id, article_id, event_local_id, reprint_group) VALUES (@ClusterId, @ArticleId, @EventLocalId, @ReprintGroup)",
                result.Members, tx);
            _connection.Execute(
                """
                INSERT INTO estimates(article_id, local_id, quantity_key, unit, owner, place, cluster_id, text, point, min, max, low, high,
                  qualifier, claimant, published, reprint_group, evidence_text, kind, currency, per)
                VALUES (@ArticleId, @LocalId, @QuantityKey, @Unit, @Owner, @Place, @ClusterId, @Text, @Point, @Min, @Max, @Low, @High,
                  @Qualifier, @Claimant, @Published, @ReprintGroup, @EvidenceText, @Kind, @Currency, @Per)
                """, result.Estimates, tx);
            _connection.Execute(
                """
                INSERT OR IGNORE INTO contradictions(id, kind, subject, a_article, a_local_id, a_source, a_text, b_article, b_local_id, b_source, b_text, detail)
                VALUES (@Id, @Kind, @Subject, @AArticle, @ALocalId, @ASource, @AText, @BArticle, @BLocalId, @BSource, @BText, @Detail)
                """, result.Contradictions, tx);
            _connection.Execute(
                """
                INSERT INTO fusion_runs(at, articles, clusters, estimates, contradictions, milliseconds, input_stamp)
                VALUES (@at, @articles, @c, @e, @x, @milliseconds, @inputStamp)
                """,
                new { at = Now(), articles, c = result.Clusters.Count, e = result.Estimates.Count, x = result.Contradictions.Count, milliseconds, inputStamp }, tx);
            tx.Commit();
        }
    }

    /// <summary>One fusion at a time in this process; SQLite serialises writers of the file, not their read-fuse-write cycles.</summary>
    public IDisposable LockFusion(CancellationToken cancellationToken = default)
    {
        _fusionGate.Wait(cancellationToken);
        return new Release(_fusionGate);
    }

    public string FusionStamp() => ChangeStamp();

    public FusionRun? LastFusionRun()
    {
        lock (_gate)
        {
            return _connection.QueryFirstOrDefault<FusionRun>(
                """
                SELECT at AS At, articles AS Articles, clusters AS Clusters, estimates AS Estimates, contradictions AS Contradictions,
                       milliseconds AS Milliseconds, input_stamp AS InputStamp
                FROM fusion_runs ORDER BY id DESC LIMIT 1
                """);
        }
    }

    public string? ReprintGroupOf(string articleId)
    {
        lock (_gate)
        {
            return _connection.ExecuteScalar<string?>("SELECT group_id FROM reprints WHERE article_id=@articleId", new { articleId });
        }
    }

    public (long Articles, long Groups) ReprintCounts()
    {
        lock (_gate)
        {
            return _connection.QuerySingle<(long, long)>("SELECT COUNT(*), COUNT(DISTINCT group_id) FROM reprints");
        }
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
        var where = new StringBuilder("WHERE 1=1");
        var args = new DynamicParameters();
        if (filter.Type is not null)
        {
            where.Append(" AND type = @type");
            args.Add("type", filter.Type.ToUpperInvariant());
        }

        if (filter.Actor is not null)
        {
            where.Append(" AND (actor = @actor COLLATE NOCASE OR target = @actor COLLATE NOCASE)");
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
        lock (_gate)
        {
            rows = [.. _connection.Query<ClusterRow>(
                $"SELECT {ClusterColumns} FROM event_clusters {where} ORDER BY COALESCE(time_start, first_published) DESC, sources DESC, id", args)];
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
        lock (_gate)
        {
            return _connection.QueryFirstOrDefault<ClusterRow>($"SELECT {ClusterColumns} FROM event_clusters WHERE id=@clusterId", new { clusterId });
        }
    }

    public IReadOnlyList<ClusterMember> ClusterMembers(string clusterId)
    {
        lock (_gate)
        {
            return [.. _connection.Query<(string, string, string, string)>(
                "SELECT cluster_id, article_id, event_local_id, reprint_group FROM cluster_members WHERE cluster_id=@clusterId ORDER BY article_id, event_local_id",
                new { clusterId }).Select(t => new ClusterMember(t.Item1, t.Item2, t.Item3, t.Item4))];
        }
    }

    public IReadOnlyList<ClaimRow> ClusterClaims(string clusterId)
    {
        lock (_gate)
        {
            return [.. _connection.Query<ClaimRow>(
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
                ORDER BY ar.published, ar.rowid, c.rowid
                """, new { clusterId })];
        }
    }

    public IReadOnlyList<EstimateRow> ListEstimates(string? unit, string? place, string? owner, int limit = 500)
    {
        var where = new StringBuilder("WHERE 1=1");
        if (unit is not null)
        {
            where.Append(" AND unit = @unit COLLATE NOCASE");
        }

        if (place is not null)
        {
            where.Append(" AND place = @place COLLATE NOCASE");
        }

        if (owner is not null)
        {
            where.Append(" AND owner = @owner COLLATE NOCASE");
        }

        lock (_gate)
        {
            return [.. _connection.Query<EstimateRow>(
                $"""
                SELECT article_id AS ArticleId, local_id AS LocalId, quantity_key AS QuantityKey, unit AS Unit, owner AS Owner, place AS Place,
                       cluster_id AS ClusterId, text AS Text, point AS Point, min AS Min, max AS Max, low AS Low, high AS High,
                       qualifier AS Qualifier, claimant AS Claimant, published AS Published, reprint_group AS ReprintGroup,
                       evidence_text AS EvidenceText, kind AS Kind, currency AS Currency, per AS Per
                FROM estimates {where}
                ORDER BY quantity_key, published, article_id, local_id
                LIMIT @limit
                """, new { unit, place, owner, limit })];
        }
    }

    public IReadOnlyList<ContradictionRow> ListContradictions(string? kind = null, int limit = 500)
    {
        lock (_gate)
        {
            return [.. _connection.Query<ContradictionRow>(
                $"""
                SELECT id AS Id, kind AS Kind, subject AS Subject, a_article AS AArticle, a_local_id AS ALocalId, a_source AS ASource,
                       a_text AS AText, b_article AS BArticle, b_local_id AS BLocalId, b_source AS BSource, b_text AS BText, detail AS Detail
                FROM contradictions {(kind is null ? "" : "WHERE kind = @kind")}
                ORDER BY kind, subject, id
                LIMIT @limit
                """, new { kind, limit })];
        }
    }

    public IReadOnlyList<RevisionRow> ArticleRevisions(string articleId)
    {
        lock (_gate)
        {
            var revisions = _connection.Query<RevisionRow>(
                """
                SELECT article_id AS ArticleId, id AS AnalysisId, revision AS Revision, pipeline_version AS PipelineVersion,
                       model_versions AS ModelVersions, is_current AS IsCurrent, created_at AS CreatedAt
                FROM analyses WHERE article_id=@articleId ORDER BY revision
                """, new { articleId }).ToList();
            foreach (var r in revisions)
            {
                var id = r.AnalysisId;
                r.Facts.AddRange(_connection.Query<(string Type, string? Mode, string? Actor, string? Target, string? Location, string Evidence)>(
                    "SELECT type, mode, actor, target, location, evidence_text FROM events WHERE analysis_id=@id ORDER BY rowid", new { id })
                    .Select(e => $"event {e.Type}{(e.Mode is null ? "" : "/" + e.Mode)} {e.Actor ?? "?"} -> {e.Target ?? "-"} @ {e.Location ?? "-"}: \"{e.Evidence}\""));
                r.Facts.AddRange(_connection.Query<(string Text, string Unit, double? Point, double? Min, double? Max, string? Qualifier)>(
                    "SELECT text, unit, point, min, max, qualifier FROM quantities WHERE analysis_id=@id ORDER BY rowid", new { id })
                    .Select(q => $"quantity \"{q.Text}\" = {Bounds(q.Point, q.Min, q.Max)} {q.Unit}{(q.Qualifier is null ? "" : $" ({q.Qualifier})")}"));
                r.Facts.AddRange(_connection.Query<(string Source, string Verb, string Stance, string Evidence)>(
                    "SELECT source, verb, stance, evidence_text FROM claims WHERE analysis_id=@id ORDER BY rowid", new { id })
                    .Select(c => $"claim {c.Source} {c.Verb} [{c.Stance}]: \"{c.Evidence}\""));
            }

            return revisions;
        }
    }

    public IReadOnlyList<string> ArticleIdsStartingWith(string prefix, int limit = 5)
    {
        lock (_gate)
        {
            return [.. _connection.Query<string>("SELECT id FROM articles WHERE id >= @prefix AND id < @upper ORDER BY id LIMIT @limit",
                new { prefix, upper = prefix + "\uffff", limit })];
        }
    }

    public (string Name, double Lat, double Lon)? ResolvePlace(string name)
    {
        lock (_gate)
        {
            var hit = _connection.QueryFirstOrDefault<(string Name, double Lat, double Lon)?>(
                """
                SELECT name, lat, lon FROM places WHERE name = @name COLLATE NOCASE AND lat IS NOT NULL AND lon IS NOT NULL
                GROUP BY name, lat, lon ORDER BY COUNT(*) DESC LIMIT 1
                """, new { name });
            return hit ?? _connection.QueryFirstOrDefault<(string Name, double Lat, double Lon)?>(
                """
                SELECT location, lat, lon FROM events WHERE location = @name COLLATE NOCASE AND lat IS NOT NULL AND lon IS NOT NULL
                GROUP BY location, lat, lon ORDER BY COUNT(*) DESC LIMIT 1
                """, new { name });
        }
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }

    private static string Bounds(double? point, double? min, double? max) =>
        point is { } p ? p.ToString("0.##", CultureInfo.InvariantCulture)
        : $"{min?.ToString("0.##", CultureInfo.InvariantCulture) ?? ""}..{max?.ToString("0.##", CultureInfo.InvariantCulture) ?? ""}";
}
