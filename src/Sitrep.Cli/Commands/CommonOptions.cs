using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Sitrep.Cli.Commands;

/// <summary>Options shared by several commands, and their parsing.</summary>
public static class CommonOptions
{
    public const string DefaultDb = "sitrep.db";

    public static Option<string> Db() => new("--db")
    {
        Description = "The store: a SQLite file path, a postgres://user:password@host:port/database URL or an Npgsql connection string.",
        DefaultValueFactory = _ => DefaultDb,
    };

    /// <summary>
    /// Opens the store that --db names (SQLite file or PostgreSQL) through <see cref="Sitrep.Storage.StoreFactory"/>, or
    /// prints why it cannot and returns null. With <paramref name="mustExist"/>, a SQLite file that does not exist yet is
    /// an error rather than a new, empty store.
    /// </summary>
    public static Sitrep.Storage.ISitrepStore? OpenStore(string db, bool mustExist)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (mustExist && !Sitrep.Storage.StoreFactory.IsPostgres(db) && !File.Exists(db))
        {
            Console.Error.WriteLine($"sitrep: no store at '{db}'; run `sitrep ingest` first or pass --db");
            return null;
        }

        try
        {
            return Sitrep.Storage.StoreFactory.Open(db);
        }
        catch (Exception e) when (e is Sitrep.Storage.StoreException or Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"sitrep: cannot open the store '{Sitrep.Storage.StoreFactory.Redact(db)}': {e.Message}");
            return null;
        }
    }

    public static Option<bool> Json() => new("--json") { Description = "Print JSON instead of a table." };

    public static Option<DateOnly?> Date(string name, string description) => new(name)
    {
        Description = description + " (YYYY-MM-DD)",
        CustomParser = ParseDate,
    };

    public static Option<string?> Pipeline() => new("--pipeline") { Description = "A pipeline.json to use instead of the built-in one." };

    public static Option<long> MaxSize() => new("--max-size")
    {
        Description = "Largest input accepted, in megabytes (default: SITREP_MAX_ARTICLE_SIZE, else 20).",
        DefaultValueFactory = _ => Math.Max(1, Sitrep.Core.Limits.Default.MaxArticleBytes / (1024 * 1024)),
    };

    private static DateOnly? ParseDate(ArgumentResult result)
    {
        if (result.Tokens.Count == 0)
        {
            return null;
        }

        var text = result.Tokens[0].Value;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        result.AddError($"'{text}' is not a date; write it as YYYY-MM-DD, e.g. 2024-11-11");
        return null;
    }
}
