using System.Data;
using System.Globalization;
using Dapper;

namespace Sitrep.Storage;

/// <summary>Applies the embedded, numbered migration scripts (`{dialect}-NNN-name.sql`) that a database lacks.</summary>
public static class Migrations
{
    public static int Apply(IDbConnection connection, string dialect)
    {
        connection.Execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
        var applied = connection.Query<long>("SELECT version FROM schema_migrations").ToHashSet();
        var count = 0;
        foreach (var (version, name, sql) in Scripts(dialect))
        {
            if (applied.Contains(version))
            {
                continue;
            }

            using var tx = connection.BeginTransaction();
            connection.Execute(sql, transaction: tx);
            connection.Execute(
                "INSERT INTO schema_migrations(version, name, applied_at) VALUES (@version, @name, @at)",
                new { version, name, at = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture) },
                tx);
            tx.Commit();
            count++;
        }

        return count;
    }

    public static IEnumerable<(long Version, string Name, string Sql)> Scripts(string dialect)
    {
        var assembly = typeof(Migrations).Assembly;
        var prefix = $"Sitrep.Storage.Migrations.{dialect}-";
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var rest = resource[prefix.Length..];
            var version = long.Parse(rest[..3], CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            yield return (version, rest[4..^4], reader.ReadToEnd());
        }
    }
}
