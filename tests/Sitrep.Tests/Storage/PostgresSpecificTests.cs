using Dapper;
using Npgsql;
using Sitrep.Core;
using Sitrep.Storage;
using Sitrep.Storage.Postgres;
using Xunit;
using Xunit.Abstractions;

namespace Sitrep.Tests.Storage;

/// <summary>What only the PostgreSQL store has: advisory locks, concurrent migration, NUL refusal, the lat/lon box.</summary>
public sealed class PostgresSpecificTests
{
    [Fact]
    public void Many_processes_opening_a_new_database_at_once_apply_the_migrations_once()
    {
        Requires.Postgres();

        using var schema = TestPostgres.CreateSchema();
        var stores = new PostgresStore[6];
        Parallel.For(0, stores.Length, i => stores[i] = schema.OpenStore());
        using var c = schema.Connect();
        Assert.Equal(Migrations.Scripts("postgres").Count(), c.ExecuteScalar<long>("SELECT COUNT(*) FROM schema_migrations"));
        foreach (var s in stores)
        {
            s.Dispose();
        }
    }

    [Fact]
    public void Work_under_the_same_advisory_lock_never_interleaves()
    {
        Requires.Postgres();

        using var schema = TestPostgres.CreateSchema();
        using var store = schema.OpenStore();
        store.WithAdvisoryLock("setup", (c, tx) => c.Execute("CREATE TABLE counter (n BIGINT NOT NULL); INSERT INTO counter VALUES (0);", transaction: tx));

        // A read-modify-write with a pause in between loses updates unless the lock serialises the writers.
        Parallel.For(0, 40, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
            store.WithAdvisoryLock("fusion:counter", (c, tx) =>
            {
                var n = c.ExecuteScalar<long>("SELECT n FROM counter", transaction: tx);
                Thread.Sleep(2);
                return c.Execute("UPDATE counter SET n=@n", new { n = n + 1 }, tx);
            }));
        using var check = schema.Connect();
        Assert.Equal(40, check.ExecuteScalar<long>("SELECT n FROM counter"));
    }

    [Fact]
    public void Serializable_transactions_are_retried_until_they_commit()
    {
        Requires.Postgres();

        using var schema = TestPostgres.CreateSchema();
        using var store = schema.OpenStore();
        using (var c = schema.Connect())
        {
            c.Execute("CREATE TABLE counter (n BIGINT NOT NULL); INSERT INTO counter VALUES (0);");
        }

        Parallel.For(0, 30, new ParallelOptions { MaxDegreeOfParallelism = 6 }, _ =>
            store.InTransaction(System.Data.IsolationLevel.Serializable, (c, tx) =>
            {
                var n = c.ExecuteScalar<long>("SELECT n FROM counter", transaction: tx);
                return c.Execute("UPDATE counter SET n=@n", new { n = n + 1 }, tx);
            }));
        using var check = schema.Connect();
        Assert.Equal(30, check.ExecuteScalar<long>("SELECT n FROM counter"));
    }

    [Fact]
    public void A_text_with_NUL_characters_is_refused_with_a_clear_reason()
    {
        Requires.Postgres();

        using var schema = TestPostgres.CreateSchema();
        using var store = schema.OpenStore();
        var e = Assert.Throws<StoreException>(() => store.Save(new Document("bad\0text about shelling"), "p1", "nul.txt"));
        Assert.Contains("NUL", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, store.Counts().Articles);
    }

    [Fact]
    public void Events_are_found_by_bounding_box()
    {
        Requires.Postgres();

        using var schema = TestPostgres.CreateSchema();
        using var store = schema.OpenStore();
        store.Save(SampleDocs.WithFacts("Shelling hit the depot near the river on Monday, officials said.", 2), "p1", "a");
        Assert.Equal(2, store.EventsInBox(35, 48, 36, 49).Count);
        Assert.Empty(store.EventsInBox(0, 0, 1, 1));
    }

    [Fact]
    public void The_store_factory_opens_postgres_urls_with_a_schema()
    {
        Requires.Postgres();

        var b = new NpgsqlConnectionStringBuilder(TestPostgres.ConnectionString);
        var name = "t_" + Guid.NewGuid().ToString("N")[..12];
        var url = $"postgres://{b.Username}@{b.Host}:{b.Port}/{b.Database}?search_path={name}";
        try
        {
            using var store = StoreFactory.Open(url);
            Assert.IsType<PostgresStore>(store);
            store.Save(SampleDocs.WithFacts("Shelling hit the depot near the river on Monday, officials said.", 1), "p1", "a");
            Assert.Equal(1, store.Counts().Articles);
        }
        finally
        {
            using var c = new NpgsqlConnection(TestPostgres.ConnectionString);
            c.Open();
            c.Execute($"DROP SCHEMA IF EXISTS \"{name}\" CASCADE");
        }
    }

    [Fact]
    public void An_unreachable_server_gives_an_error_naming_it()
    {
        var e = Assert.Throws<StoreException>(() => StoreFactory.Open("postgres://nobody@127.0.0.1:1/none?connect_timeout=2"));
        Assert.Contains("127.0.0.1:1", e.Message, StringComparison.Ordinal);
    }
}

/// <summary>How --db values are told apart and parsed.</summary>
public sealed class StoreFactoryTests
{
    [Theory]
    [InlineData("sitrep.db", false)]
    [InlineData("/data/host=1/x.db", false)]
    [InlineData("postgres://u@h/db", true)]
    [InlineData("postgresql://u:p@h:5433/db", true)]
    [InlineData("Host=127.0.0.1;Port=5432;Database=sitrep", true)]
    public void Db_values_name_sqlite_files_or_postgres_servers(string db, bool postgres) =>
        Assert.Equal(postgres, StoreFactory.IsPostgres(db));

    [Fact]
    public void A_postgres_url_becomes_a_connection_string_with_every_part()
    {
        var cs = new NpgsqlConnectionStringBuilder(StoreFactory.ToConnectionString("postgres://me:p%40ss@db.local:5433/news?sslmode=require&search_path=run1&pool_max=7"));
        Assert.Equal("db.local", cs.Host);
        Assert.Equal(5433, cs.Port);
        Assert.Equal("news", cs.Database);
        Assert.Equal("me", cs.Username);
        Assert.Equal("p@ss", cs.Password);
        Assert.Equal(SslMode.Require, cs.SslMode);
        Assert.Equal("run1", cs.SearchPath);
        Assert.Equal(7, cs.MaxPoolSize);
    }

    [Fact]
    public void An_unknown_url_parameter_is_refused_by_name()
    {
        var e = Assert.Throws<StoreException>(() => StoreFactory.ToConnectionString("postgres://h/db?colour=blue"));
        Assert.Contains("colour", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Passwords_are_hidden_in_messages()
    {
        Assert.Equal("postgres://me:***@h/db", StoreFactory.Redact("postgres://me:secret@h/db"));
        Assert.DoesNotContain("secret", StoreFactory.Redact("Host=h;Password=secret;Database=d"), StringComparison.Ordinal);
    }
}
