using System.Net;
using System.Net.Sockets;
using System.Text;
using Sitrep.Ingest;
using Xunit;

namespace Sitrep.Tests.Ingest;

/// <summary>A small HTTP server on 127.0.0.1 that serves pages, a feed, redirects, a large and a slow response.</summary>
public sealed class LocalServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LocalServer()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(Loop);
    }

    public int Port { get; }

    public string Url(string path) => $"http://127.0.0.1:{Port}{path}";

    public string? LastUserAgent { get; private set; }

    public static string Article(string title, string body) =>
        $"<html><head><title>{title}</title></head><body><nav>Home | World</nav><article><h1>{title}</h1>" +
        string.Concat(Enumerable.Range(0, 4).Select(i => $"<p>{body} Paragraph {i} adds detail about the damage, the response of the emergency services and what officials said afterwards.</p>")) +
        "</article></body></html>";

    private async Task Loop()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext ctx;
            try
            {
                ctx = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => Handle(ctx));
        }
    }

    private async Task Handle(HttpListenerContext ctx)
    {
        var path = ctx.Request.Url!.AbsolutePath;
        LastUserAgent = ctx.Request.UserAgent;
        var response = ctx.Response;
        try
        {
            if (path.StartsWith("/redirect/", StringComparison.Ordinal))
            {
                var n = int.Parse(path["/redirect/".Length..], System.Globalization.CultureInfo.InvariantCulture);
                response.StatusCode = 302;
                response.RedirectLocation = n <= 1 ? "/page" : $"/redirect/{n - 1}";
                response.Close();
                return;
            }

            if (path == "/slow")
            {
                await Task.Delay(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            }

            var (type, body) = path switch
            {
                "/page" or "/slow" => ("text/html; charset=utf-8", Article("Missile strike damages power plant", "A missile strike damaged a power plant outside the city overnight.")),
                "/item/1" => ("text/html; charset=utf-8", Article("Full story one", "The full page of the first item says a drone hit a warehouse.")),
                "/item/2" => ("text/html; charset=utf-8", Article("Full story two", "The full page of the second item says a ferry was damaged.")),
                "/feed" => ("application/rss+xml", $"""
                    <?xml version="1.0"?><rss version="2.0"><channel><title>Local Wire</title>
                    <item><title>Item one</title><link>{Url("/item/1")}</link><description>Short summary one.</description><pubDate>Mon, 12 Aug 2024 07:00:00 GMT</pubDate></item>
                    <item><title>Item two</title><link>{Url("/item/2")}</link><description>Short summary two.</description><pubDate>Mon, 12 Aug 2024 08:00:00 GMT</pubDate></item>
                    <item><title>Item three</title><link>{Url("/missing")}</link><description>Short summary three.</description><pubDate>Mon, 12 Aug 2024 09:00:00 GMT</pubDate></item>
                    </channel></rss>
                    """),
                "/big" => ("text/plain", new string('a', 3 * 1024 * 1024)),
                _ => ("", ""),
            };
            if (type.Length == 0)
            {
                response.StatusCode = 404;
                response.Close();
                return;
            }

            var bytes = Encoding.UTF8.GetBytes(body);
            response.ContentType = type;
            response.ContentLength64 = bytes.Length;
            await response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
            response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client went away (timeout tests).
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
    }
}

public class UrlFetchTests
{
    private static readonly ReaderOptions Allowed = new() { Fetch = new FetchOptions { AllowPrivate = true, Timeout = TimeSpan.FromSeconds(2), MaxRedirects = 3 } };

    [Fact]
    public void A_loopback_url_is_refused_without_allow_private()
    {
        using var server = new LocalServer();
        var options = new ReaderOptions();
        using var fetcher = new UrlFetcher(options.Fetch, options.MaxBytes);
        var result = Assert.Single(SourceReaders.ReadUrl(server.Url("/page"), options, fetcher, CancellationToken.None));
        Assert.Null(result.Item);
        Assert.Contains("refused", result.Error, StringComparison.Ordinal);
        Assert.Contains("--allow-private", result.Error, StringComparison.Ordinal);
        Assert.Null(server.LastUserAgent);
    }

    [Fact]
    public void A_page_is_fetched_with_allow_private_and_sends_the_user_agent()
    {
        using var server = new LocalServer();
        using var fetcher = new UrlFetcher(Allowed.Fetch, Allowed.MaxBytes);
        var result = Assert.Single(SourceReaders.ReadUrl(server.Url("/page"), Allowed, fetcher, CancellationToken.None));
        Assert.Null(result.Error);
        Assert.Contains("damaged a power plant", result.Item!.Text, StringComparison.Ordinal);
        Assert.Equal("Missile strike damages power plant", result.Item.Title);
        Assert.StartsWith("Sitrep/", server.LastUserAgent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_feed_url_with_follow_reads_each_items_page_and_keeps_the_summary_when_a_page_fails()
    {
        using var server = new LocalServer();
        var options = Allowed with { FollowLinks = true };
        using var fetcher = new UrlFetcher(options.Fetch, options.MaxBytes);
        var results = SourceReaders.ReadUrl(server.Url("/feed"), options, fetcher, CancellationToken.None).ToList();
        Assert.Equal(3, results.Count);
        Assert.Contains("drone hit a warehouse", results[0].Item!.Text, StringComparison.Ordinal);
        Assert.Equal("Local Wire", results[0].Item!.Outlet);
        Assert.Contains("ferry was damaged", results[1].Item!.Text, StringComparison.Ordinal);
        Assert.Contains("Short summary three", results[2].Item!.Text, StringComparison.Ordinal);
        Assert.Contains("404", results[2].Warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Redirects_are_followed_up_to_the_limit_and_refused_beyond_it()
    {
        using var server = new LocalServer();
        using var fetcher = new UrlFetcher(Allowed.Fetch, Allowed.MaxBytes);
        Assert.Null(Assert.Single(SourceReaders.ReadUrl(server.Url("/redirect/2"), Allowed, fetcher, CancellationToken.None)).Error);
        var tooMany = Assert.Single(SourceReaders.ReadUrl(server.Url("/redirect/6"), Allowed, fetcher, CancellationToken.None));
        Assert.Contains("redirect", tooMany.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_response_over_the_size_limit_is_refused()
    {
        using var server = new LocalServer();
        var options = Allowed with { MaxBytes = 1024 * 1024 };
        using var fetcher = new UrlFetcher(options.Fetch, options.MaxBytes);
        var result = Assert.Single(SourceReaders.ReadUrl(server.Url("/big"), options, fetcher, CancellationToken.None));
        Assert.Contains("limit", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_slow_server_times_out_with_a_clear_error()
    {
        using var server = new LocalServer();
        var options = Allowed with { Fetch = Allowed.Fetch with { Timeout = TimeSpan.FromMilliseconds(800) } };
        using var fetcher = new UrlFetcher(options.Fetch, options.MaxBytes);
        var result = Assert.Single(SourceReaders.ReadUrl(server.Url("/slow"), options, fetcher, CancellationToken.None));
        Assert.Contains("no answer within", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("172.20.0.1", true)]
    [InlineData("192.168.1.1", true)]
    [InlineData("169.254.169.254", true)]
    [InlineData("100.64.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("fe80::1", true)]
    [InlineData("fd00::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("8.8.8.8", false)]
    [InlineData("2a00:1450:4001::1", false)]
    public void Private_loopback_and_link_local_addresses_are_recognised(string address, bool isPrivate)
    {
        Assert.Equal(isPrivate, UrlFetcher.IsPrivate(IPAddress.Parse(address)));
    }
}
