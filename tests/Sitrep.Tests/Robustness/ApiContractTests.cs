using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Sitrep.Storage;
using Sitrep.Tests.Web;
using Sitrep.Web;

namespace Sitrep.Tests.Robustness;

/// <summary>Issue #14: the API's lists, errors, sources and methods.</summary>
public sealed class ApiContractTests
{
    private const string PrivatePath = "/home/analyst/private-feeds/2024/report-kyiv.txt";

    [Theory]
    [InlineData("api/events")]
    [InlineData("api/claims")]
    [InlineData("api/estimates")]
    [InlineData("api/estimates/units")]
    [InlineData("api/actors")]
    [InlineData("api/places")]
    [InlineData("api/articles")]
    [InlineData("api/articles?q=drones")]
    [InlineData("api/contradictions")]
    [InlineData("api/alerts")]
    public async Task Every_list_answers_items_and_total(string path)
    {
        await using var server = await Server.StartAsync();
        var json = await server.Json(path);
        Assert.Equal(JsonValueKind.Object, json.ValueKind);
        Assert.Equal(JsonValueKind.Array, json.GetProperty("items").ValueKind);
        Assert.True(json.GetProperty("total").GetInt64() >= json.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Articles_show_their_source_by_file_name_never_by_the_server_path()
    {
        await using var server = await Server.StartAsync();
        var list = await server.Json("api/articles");
        var mine = Assert.Single(list.GetProperty("items").EnumerateArray(), a => a.GetProperty("source").GetString() == "report-kyiv.txt");
        var detail = await server.Json("api/articles/" + mine.GetProperty("id").GetString());
        Assert.Equal("report-kyiv.txt", detail.GetProperty("article").GetProperty("source").GetString());
        foreach (var path in new[] { "api/articles", "api/articles?q=drones", "api/events", "api/claims", "api/estimates" })
        {
            Assert.DoesNotContain("/home/analyst", await server.Client.GetStringAsync(path), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("api/events?type=BOGUS", "type", "ASSAULT")]
    [InlineData("api/map?type=ASSAULT,BOGUS", "type", "MOBILIZE")]
    [InlineData("api/claims?stance=maybe", "stance", "denies")]
    [InlineData("api/estimates?unit=parsecs", "unit", "personnel")]
    [InlineData("api/estimates/series?unit=parsecs", "unit", "drones")]
    [InlineData("api/contradictions?kind=rumour", "kind", "denial")]
    public async Task An_unknown_enum_value_is_a_400_with_the_allowed_values(string path, string parameter, string allowed)
    {
        await using var server = await Server.StartAsync();
        using var response = await server.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains($"'{parameter}'", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Contains("allowed values", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains(allowed, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Known_enum_values_in_any_case_still_filter()
    {
        await using var server = await Server.StartAsync();
        Assert.True((await server.Json("api/events?type=assault")).GetProperty("total").GetInt64() > 0);
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("api/claims?stance=asserts")).StatusCode);
    }

    [Fact]
    public async Task A_client_error_is_logged_as_one_line_without_a_stack_trace()
    {
        await using var server = await Server.StartAsync();
        using (await server.Client.GetAsync("api/events?from=yesterday"))
        {
        }

        using (await server.Client.GetAsync("api/events?type=BOGUS"))
        {
        }

        var lines = server.Log.Lines;
        Assert.Equal(2, lines.Count(l => l.Contains("400 GET /api/events", StringComparison.Ordinal)));
        Assert.DoesNotContain(lines, l => l.Contains("   at ", StringComparison.Ordinal) || l.Contains('\n', StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("api/events")]
    [InlineData("api/stats")]
    [InlineData("api/articles")]
    [InlineData("openapi/v1.json")]
    public async Task HEAD_works_wherever_GET_does(string path)
    {
        await using var server = await Server.StartAsync();
        using var head = await server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        using var get = await server.Client.GetAsync(path);
        Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>The test store plus one report ingested from a private path, served with a log that the test reads.</summary>
    private sealed class Server : IAsyncDisposable
    {
        private readonly Microsoft.AspNetCore.Builder.WebApplication _app;
        private readonly SqliteStore _store;

        private Server(Microsoft.AspNetCore.Builder.WebApplication app, SqliteStore store, string url, LineLog log)
        {
            _app = app;
            _store = store;
            Log = log;
            Client = new HttpClient { BaseAddress = new Uri(url + "/") };
        }

        public HttpClient Client { get; }

        public LineLog Log { get; }

        public static async Task<Server> StartAsync()
        {
            var store = TestStore.Create();
            store.Save(TestDocs.Analyse("Drones over Kyiv\nRussia launched 30 drones at Kyiv overnight, the air force said.", new DateOnly(2024, 8, 12)), "test-1", PrivatePath);
            var log = new LineLog();
            var app = SitrepWebApp.Build(store, new WebOptions { Urls = "http://127.0.0.1:0", ExtraLogger = log });
            return new Server(app, store, await SitrepWebApp.StartAsync(app), log);
        }

        public async Task<JsonElement> Json(string path) => JsonDocument.Parse(await Client.GetStringAsync(path)).RootElement;

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await _app.StopAsync();
            await _app.DisposeAsync();
            var path = _store.Path;
            _store.Dispose();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(path + suffix);
            }
        }
    }

    /// <summary>Each log entry as the line it would print: level, message and the exception's text if any.</summary>
    private sealed class LineLog : ILoggerProvider, ILogger
    {
        private readonly List<string> _lines = [];

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            lock (_lines)
            {
                _lines.Add($"{logLevel}: {formatter(state, exception)}" + (exception is null ? "" : "\n" + exception));
            }
        }

        public void Dispose()
        {
        }
    }
}
