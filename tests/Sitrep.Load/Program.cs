using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;

// Load harness for the HTTP API: N concurrent clients issue GET requests against a loopback `sitrep serve`, bounded
// in request count and in time, and the latency distribution is reported. Loopback only, by design.
//
//   dotnet run -c Release --project tests/Sitrep.Load -- --url http://127.0.0.1:8080 --clients 50 --requests 20000 \
//       --seconds 60 --path "/api/events?bbox=22,44,40,53" --path "/api/events?bbox=30,46,38,50&since=2024-01-01"
var o = LoadOptions.Parse(args);
if (o is null)
{
    return 2;
}

var baseUri = new Uri(o.Url);
if (!IPAddress.TryParse(baseUri.Host, out var ip) ? baseUri.Host != "localhost" : !IPAddress.IsLoopback(ip))
{
    Console.Error.WriteLine($"sitrep-load: '{o.Url}' is not a loopback address; this harness only loads 127.0.0.1, ::1 or localhost");
    return 2;
}

var paths = o.Paths.Count > 0 ? o.Paths : ["/api/events?bbox=22,44,40,53"];
using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = o.Clients, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
using var http = new HttpClient(handler) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(o.TimeoutSeconds) };
var latencies = new double[o.Requests];
var statuses = new int[o.Requests];
long next = -1;
long errors = 0;
var firstError = "";
using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(o.Seconds));
var clock = Stopwatch.StartNew();
var clients = Enumerable.Range(0, o.Clients).Select(async c =>
{
    while (!stop.IsCancellationRequested)
    {
        var i = Interlocked.Increment(ref next);
        if (i >= o.Requests)
        {
            return;
        }

        var path = paths[(int)(i % paths.Count)];
        var start = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead, stop.Token).ConfigureAwait(false);
            statuses[i] = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref errors);
                Interlocked.CompareExchange(ref firstError, $"{path}: HTTP {(int)response.StatusCode}", "");
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            statuses[i] = -2;
            return;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            statuses[i] = -1;
            Interlocked.Increment(ref errors);
            Interlocked.CompareExchange(ref firstError, $"{path}: {e.Message}", "");
        }

        latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }
}).ToArray();
await Task.WhenAll(clients).ConfigureAwait(false);
var elapsed = clock.Elapsed.TotalSeconds;
var done = latencies.Where((_, i) => statuses[i] != 0 && statuses[i] != -2).Order().ToArray();
double P(double q) => done.Length == 0 ? double.NaN : done[Math.Min(done.Length - 1, (int)Math.Ceiling(q * done.Length) - 1)];
var result = new
{
    url = o.Url,
    clients = o.Clients,
    requests = done.Length,
    errors,
    seconds = Math.Round(elapsed, 2),
    requests_per_second = Math.Round(done.Length / Math.Max(elapsed, 0.001), 1),
    p50_ms = Math.Round(P(0.50), 1),
    p90_ms = Math.Round(P(0.90), 1),
    p99_ms = Math.Round(P(0.99), 1),
    max_ms = Math.Round(done.Length == 0 ? double.NaN : done[^1], 1),
    p99_target_ms = o.P99TargetMs,
    first_error = firstError,
};
if (o.Json)
{
    Console.WriteLine(JsonSerializer.Serialize(result));
}
else
{
    Console.WriteLine($"load: {result.requests} requests from {o.Clients} clients in {result.seconds} s ({result.requests_per_second}/s), {errors} errors");
    Console.WriteLine($"latency ms: p50 {result.p50_ms}, p90 {result.p90_ms}, p99 {result.p99_ms}, max {result.max_ms} (target p99 < {o.P99TargetMs})");
    if (errors > 0)
    {
        Console.WriteLine($"first error: {firstError}");
    }
}

return errors == 0 && done.Length > 0 && P(0.99) < o.P99TargetMs ? 0 : 1;

/// <summary>Options of the harness; every run is bounded by a request count and a duration.</summary>
internal sealed record LoadOptions
{
    public string Url { get; init; } = "http://127.0.0.1:8080";

    public int Clients { get; init; } = 50;

    public int Requests { get; init; } = 10_000;

    public double Seconds { get; init; } = 60;

    public double TimeoutSeconds { get; init; } = 10;

    public double P99TargetMs { get; init; } = 200;

    public List<string> Paths { get; init; } = [];

    public bool Json { get; init; }

    public static LoadOptions? Parse(string[] args)
    {
        var o = new LoadOptions();
        try
        {
            for (var i = 0; i < args.Length; i++)
            {
                string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
                switch (args[i])
                {
                    case "--url": o = o with { Url = Next() }; break;
                    case "--clients": o = o with { Clients = Math.Clamp(int.Parse(Next(), CultureInfo.InvariantCulture), 1, 1000) }; break;
                    case "--requests": o = o with { Requests = Math.Clamp(int.Parse(Next(), CultureInfo.InvariantCulture), 1, 10_000_000) }; break;
                    case "--seconds": o = o with { Seconds = Math.Clamp(double.Parse(Next(), CultureInfo.InvariantCulture), 1, 3600) }; break;
                    case "--timeout": o = o with { TimeoutSeconds = double.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                    case "--p99-target": o = o with { P99TargetMs = double.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                    case "--path": o.Paths.Add(Next()); break;
                    case "--json": o = o with { Json = true }; break;
                    default: throw new ArgumentException($"unknown option '{args[i]}'");
                }
            }
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            Console.Error.WriteLine($"sitrep-load: {e.Message}. Options: --url http://127.0.0.1:PORT --clients N --requests N --seconds S --timeout S --p99-target MS --path P (repeatable) --json");
            return null;
        }

        return o;
    }
}
