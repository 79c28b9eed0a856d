using Dapper;
using Npgsql;
using Sitrep.Storage.Postgres;

namespace Sitrep.Tests.Storage;

/// <summary>
/// The PostgreSQL server that tests use: SITREP_TEST_PG (an Npgsql connection string), by default the throw-away
/// cluster of scripts/start-services.sh. Each test gets its own schema, dropped afterwards.
/// </summary>
public static class TestPostgres
{
    public const string DefaultConnection = "Host=127.0.0.1;Port=55432;Username=postgres;Database=sitrep_test;Timeout=3";

    private static readonly Lazy<string?> Unavailable = new(Probe);

    public static string ConnectionString => Environment.GetEnvironmentVariable("SITREP_TEST_PG") is { Length: > 0 } v ? v : DefaultConnection;

    /// <summary>Null when the server answers, else why the PostgreSQL tests are skipped.</summary>
    public static string? SkipReason => Unavailable.Value;

    /// <summary>A fresh schema on the test server; its connection string has it as the search path.</summary>
    public static TestSchema CreateSchema() => new(ConnectionString);

    private static string? Probe()
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { Timeout = 3 };
            var database = builder.Database;
            builder.Database = "postgres";
            using (var admin = new NpgsqlConnection(builder.ConnectionString))
            {
                admin.Open();
                if (admin.ExecuteScalar<int?>("SELECT 1 FROM pg_database WHERE datname=@database", new { database }) is null)
                {
                    admin.Execute($"CREATE DATABASE \"{database}\"");
                }
            }

            return null;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or ArgumentException or System.Net.Sockets.SocketException)
        {
            return $"PostgreSQL is not reachable at '{ConnectionString}' ({e.Message}); run scripts/start-services.sh or set SITREP_TEST_PG";
        }
    }
}

/// <summary>One schema on the test server, dropped on dispose.</summary>
public sealed class TestSchema : IDisposable
{
    public TestSchema(string baseConnection)
    {
        Name = "t_" + Guid.NewGuid().ToString("N")[..16];
        ConnectionString = new NpgsqlConnectionStringBuilder(baseConnection) { SearchPath = Name, MaxPoolSize = 20 }.ConnectionString;
        AdminConnection = baseConnection;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    private string AdminConnection { get; }

    public PostgresStore OpenStore() => PostgresStore.Open(ConnectionString);

    public NpgsqlConnection Connect()
    {
        var c = new NpgsqlConnection(ConnectionString);
        c.Open();
        return c;
    }

    public void Dispose()
    {
        try
        {
            NpgsqlConnection.ClearAllPools();
            using var c = new NpgsqlConnection(AdminConnection);
            c.Open();
            c.Execute($"DROP SCHEMA IF EXISTS \"{Name}\" CASCADE");
        }
        catch (NpgsqlException)
        {
            // The server went away: nothing to clean.
        }
    }
}
