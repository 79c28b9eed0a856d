using System.Data;
using System.Globalization;
using System.Text;
using Dapper;

namespace Sitrep.Storage.Fusion;

/// <summary>
/// Puts articles into reprint groups inside a store's transaction, the same on SQLite and PostgreSQL: an exact reprint
/// joins its original's group, a near-duplicate (MinHash LSH candidates confirmed by <see cref="ReprintDetector.SameStory"/>)
/// the most similar one's, anything else starts its own; an article similar to two groups merges them.
/// </summary>
internal static class ReprintGrouping
{
    /// <summary>Articles fingerprinted and grouped per transaction.</summary>
    public const int Chunk = 128;

    /// <summary>
    /// Candidates compared per article, those sharing most bands first: a story carried a thousand times must not make
    /// every new copy compare itself with every old one.
    /// </summary>
    public const int MaxCandidates = 16;

    /// <summary>Groups the fingerprinted articles that have no group yet; returns how many got one.</summary>
    public static int Assign(IDbConnection c, IDbTransaction tx, SqlDialect dialect, IEnumerable<(string Id, TextFingerprint Print, string? Outlet)> prints)
    {
        var added = 0;
        foreach (var (id, fp, outlet) in prints)
        {
            if (c.ExecuteScalar<long>("SELECT COUNT(*) FROM reprints WHERE article_id=@id", new { id }, tx) > 0)
            {
                continue;
            }

            var (group, similarity) = FindGroup(c, tx, dialect, id, fp, outlet);
            c.Execute(
                "INSERT INTO reprints(article_id, group_id, text_hash, shingles, similarity, signature) VALUES (@id, @group, @hash, @shingles, @similarity, @sig)",
                new { id, group, hash = fp.TextHash, shingles = (long)fp.Shingles, similarity, sig = fp.SignatureBase64() },
                tx);
            if (fp.Shingles > 0)
            {
                if (dialect.IsPostgres)
                {
                    c.Execute(
                        """
                        INSERT INTO reprint_bands(band, hash, article_id)
                        SELECT b.band - 1, b.hash, @id FROM unnest(@hashes) WITH ORDINALITY AS b(hash, band)
                        ON CONFLICT DO NOTHING
                        """,
                        new { id, hashes = fp.Bands },
                        tx);
                }
                else
                {
                    for (var b = 0; b < fp.Bands.Length; b++)
                    {
                        c.Execute("INSERT OR IGNORE INTO reprint_bands(band, hash, article_id) VALUES (@b, @h, @id)", new { b, h = fp.Bands[b], id }, tx);
                    }
                }
            }

            added++;
        }

        return added;
    }

    /// <summary>The group an article joins: an exact reprint's, else the most similar near-duplicate's, else its own.</summary>
    private static (string Group, double Similarity) FindGroup(IDbConnection c, IDbTransaction tx, SqlDialect dialect, string id, TextFingerprint fp, string? outlet)
    {
        var exact = c.ExecuteScalar<string?>($"SELECT group_id FROM reprints WHERE text_hash=@h ORDER BY {dialect.Seq} LIMIT 1", new { h = fp.TextHash }, tx);
        if (exact is not null)
        {
            return (exact, 1.0);
        }

        if (fp.Shingles == 0)
        {
            return (id, 1.0);
        }

        var sql = new StringBuilder("SELECT article_id FROM reprint_bands WHERE ");
        var args = new DynamicParameters();
        for (var b = 0; b < fp.Bands.Length; b++)
        {
            sql.Append(b == 0 ? "" : " OR ").Append(CultureInfo.InvariantCulture, $"(band={b} AND hash=@h{b})");
            args.Add($"h{b}", fp.Bands[b]);
        }

        sql.Append(CultureInfo.InvariantCulture, $" GROUP BY article_id ORDER BY COUNT(*) DESC, article_id{dialect.Binary} LIMIT {MaxCandidates}");
        var candidates = c.Query<string>(sql.ToString(), args, tx).ToList();
        if (candidates.Count == 0)
        {
            return (id, 1.0);
        }

        var (inCandidates, candidateValues) = dialect.OneOf("r.article_id", "@candidates", candidates);
        var matches = new List<(string Group, double J)>();
        foreach (var m in c.Query<(string Group, long Shingles, string Signature, string? Outlet)>(
                     $"SELECT r.group_id, r.shingles, r.signature, ar.outlet FROM reprints r JOIN articles ar ON ar.id = r.article_id WHERE {inCandidates} ORDER BY r.{dialect.Seq}",
                     Parameters(("candidates", candidateValues)), tx))
        {
            var sameOutlet = outlet is not null && string.Equals(outlet, m.Outlet, StringComparison.OrdinalIgnoreCase);
            if (ReprintDetector.SameStory(fp.Signature, fp.Shingles, TextFingerprint.ParseSignature(m.Signature), (int)m.Shingles, out var j, sameOutlet))
            {
                matches.Add((m.Group, j));
            }
        }

        if (matches.Count == 0)
        {
            return (id, 1.0);
        }

        var best = matches.MaxBy(m => m.J);
        var others = matches.Select(m => m.Group).Where(g => g != best.Group).Distinct(StringComparer.Ordinal).ToList();
        if (others.Count > 0)
        {
            // The new article bridges two groups: they are one story.
            var (inOthers, otherValues) = dialect.OneOf("group_id", "@others", others);
            c.Execute($"UPDATE reprints SET group_id=@keep WHERE {inOthers}", Parameters(("keep", best.Group), ("others", otherValues)), tx);
        }

        return (best.Group, best.J);
    }

    // Dapper expands a list for SQLite's IN and passes an array to PostgreSQL by the value's runtime type, which an
    // anonymous object typed as object would hide.
    private static DynamicParameters Parameters(params (string Name, object Value)[] values)
    {
        var p = new DynamicParameters();
        foreach (var (name, value) in values)
        {
            p.Add(name, value);
        }

        return p;
    }
}
