using System.Data;
using Dapper;
using Sitrep.Core;

namespace Sitrep.Storage;

/// <summary>
/// Per-outlet boilerplate in the store (tables outlet_pages and outlet_lines), the same SQL on SQLite and PostgreSQL:
/// every newly stored page of an outlet adds one to the count of each of its distinct lines, once per page, in the
/// transaction that stores the page; a profile reads the counts of the lines of the page about to be analysed.
/// </summary>
internal static class OutletBoilerplate
{
    /// <summary>The report's own text to store when the content stage dropped part of the page; null when it is the whole text.</summary>
    public static string? StoredContent(Document doc) => doc.Content is { IsAll: false } c ? c.KeptText(doc.Text) : null;

    /// <summary>Counts the lines of a newly stored page; a page already counted, or a copy of an earlier page, is not counted.</summary>
    public static void Record(IDbConnection c, IDbTransaction tx, Document doc)
    {
        if (TextLines.OutletKey(doc.Url, doc.Outlet) is not { } outlet)
        {
            return;
        }

        var added = c.Execute(
            "INSERT INTO outlet_pages(outlet, article_id) VALUES (@outlet, @id) ON CONFLICT DO NOTHING",
            new { outlet, id = doc.Id }, tx);
        if (added == 0 || doc.Content is { RepeatsEarlierPage: true })
        {
            return; // counted already, or a second copy of an earlier page (its lines say nothing about the chrome)
        }

        // In hash order, so that two writers of one outlet's pages take the row locks in the same order (no deadlock).
        var rows = TextLines.DistinctHashes(doc.Text).Select(h => unchecked((long)h)).Order().Select(hash => new { outlet, hash }).ToList();
        if (rows.Count > 0)
        {
            c.Execute(
                "INSERT INTO outlet_lines(outlet, hash, pages) VALUES (@outlet, @hash, 1) ON CONFLICT (outlet, hash) DO UPDATE SET pages = outlet_lines.pages + 1",
                rows, tx);
        }
    }

    public static BoilerplateProfile Read(IDbConnection c, string outlet, IReadOnlyCollection<ulong> lineHashes, string? excludeArticleId, bool postgres)
    {
        var pages = c.ExecuteScalar<long>("SELECT COUNT(*) FROM outlet_pages WHERE outlet=@outlet", new { outlet });
        var self = excludeArticleId is not null
            && c.ExecuteScalar<long>("SELECT COUNT(*) FROM outlet_pages WHERE outlet=@outlet AND article_id=@excludeArticleId", new { outlet, excludeArticleId }) > 0;
        var counts = new Dictionary<ulong, int>();
        if (pages > 0 && lineHashes.Count > 0)
        {
            var hashes = lineHashes.Select(h => unchecked((long)h)).ToArray();
            // SQLite takes the list as IN (...) in chunks below its variable limit; PostgreSQL one array.
            foreach (var chunk in postgres ? [hashes] : hashes.Chunk(900))
            {
                var sql = postgres
                    ? "SELECT hash, pages FROM outlet_lines WHERE outlet=@outlet AND hash = ANY(@chunk)"
                    : "SELECT hash, pages FROM outlet_lines WHERE outlet=@outlet AND hash IN @chunk";
                foreach (var (hash, n) in c.Query<(long, long)>(sql, new { outlet, chunk }))
                {
                    var count = (int)n - (self ? 1 : 0);
                    if (count > 0)
                    {
                        counts[unchecked((ulong)hash)] = count;
                    }
                }
            }
        }

        return new BoilerplateProfile((int)Math.Max(0, pages - (self ? 1 : 0)), counts);
    }
}
