using Npgsql;
using Sitrep.Storage.Postgres;

namespace Sitrep.Storage;

/// <summary>Opens the store that a `--db` value names: a SQLite file path, a postgres:// URL or an Npgsql connection string.</summary>
public static class StoreFactory
{
    public static ISitrepStore Open(string db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return IsPostgres(db) ? PostgresStore.Open(ToConnectionString(db)) : SqliteStore.Open(db);
    }

    /// <summary>Whether <paramref name="db"/> names a PostgreSQL server rather than a SQLite file.</summary>
    public static bool IsPostgres(string db) =>
        db.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || db.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || System.Text.RegularExpressions.Regex.IsMatch(db, @"(?i)(^|;)\s*(host|server)\s*=");

    /// <summary>
    /// Turns postgres://user:password@host:port/database?sslmode=…&amp;search_path=… into an Npgsql connection string;
    /// a value that is already a connection string is returned as it is.
    /// </summary>
    public static string ToConnectionString(string db)
    {
        if (!db.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) && !db.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return db;
        }

        if (!Uri.TryCreate(db, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new StoreException($"'{Redact(db)}' is not a PostgreSQL URL; write postgres://user:password@host:5432/database");
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')) is { Length: > 0 } name ? name : "sitrep",
        };
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                builder.Password = Uri.UnescapeDataString(parts[1]);
            }
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(kv[0]);
            var value = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "";
            switch (key.ToLowerInvariant())
            {
                case "sslmode":
                    builder.SslMode = Enum.TryParse<SslMode>(value.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var mode)
                        ? mode
                        : throw new StoreException($"unknown sslmode '{value}' in the PostgreSQL URL (disable, prefer, require, verify-ca, verify-full)");
                    break;
                case "search_path":
                case "schema":
                    builder.SearchPath = value;
                    break;
                case "application_name":
                    builder.ApplicationName = value;
                    break;
                case "pool_max":
                case "maxpoolsize":
                    builder.MaxPoolSize = int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var max) && max > 0
                        ? max
                        : throw new StoreException($"pool_max must be a positive number, not '{value}'");
                    break;
                case "timeout":
                case "connect_timeout":
                    builder.Timeout = int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var t) && t > 0
                        ? t
                        : throw new StoreException($"connect_timeout must be a positive number of seconds, not '{value}'");
                    break;
                default:
                    throw new StoreException($"unknown parameter '{key}' in the PostgreSQL URL (known: sslmode, search_path, application_name, pool_max, connect_timeout)");
            }
        }

        return builder.ConnectionString;
    }

    /// <summary>
    /// A file that belongs to a store (watchlists, alert log): beside a SQLite file; for PostgreSQL, in the current
    /// folder and named after the server, database and schema (never after the password).
    /// </summary>
    public static string SidecarPath(string db, string suffix)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!IsPostgres(db))
        {
            return db + suffix;
        }

        var b = new NpgsqlConnectionStringBuilder(ToConnectionString(db));
        var schema = b.SearchPath?.Split(',')[0].Trim().Trim('"');
        var name = $"sitrep-{b.Host}-{b.Port}-{b.Database}" + (string.IsNullOrEmpty(schema) ? "" : "-" + schema);
        var safe = new string([.. name.Select(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.' ? ch : '_')]);
        return safe + suffix;
    }

    /// <summary>The value with any password replaced by ***, for messages.</summary>
    public static string Redact(string db)
    {
        var at = db.IndexOf('@', StringComparison.Ordinal);
        var scheme = db.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 0 && at > scheme)
        {
            var colon = db.IndexOf(':', scheme + 3);
            if (colon > 0 && colon < at)
            {
                return db[..(colon + 1)] + "***" + db[at..];
            }
        }

        return System.Text.RegularExpressions.Regex.Replace(db, "(?i)(password)=[^;]*", "$1=***");
    }
}
