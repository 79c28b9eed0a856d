using System.Net;
using System.Net.Sockets;

namespace Sitrep.Ingest;

/// <summary>The body of a fetched URL with what the server said about it.</summary>
public sealed record FetchedPage(Uri Url, byte[] Body, string? MediaType, string? Charset);

/// <summary>A fetch that was refused or failed, with a message that names the URL and the reason.</summary>
public sealed class FetchException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Fetches URLs with a timeout, a size limit, a redirect limit and a User-Agent. Every connection (redirects
/// included) checks the address it resolved to and refuses private, loopback and link-local ones unless allowed,
/// so a feed cannot make Sitrep reach the local network, even through DNS that points at it.
/// </summary>
public sealed class UrlFetcher : IDisposable
{
    private readonly HttpClient _client;
    private readonly FetchOptions _options;
    private readonly long _maxBytes;

    public UrlFetcher(FetchOptions options, long maxBytes)
    {
        _options = options;
        _maxBytes = maxBytes;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = options.MaxRedirects > 0,
            MaxAutomaticRedirections = Math.Max(1, options.MaxRedirects),
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = options.Timeout,
            UseProxy = false,
            ConnectCallback = ConnectAsync,
        };
        _client = new HttpClient(handler) { Timeout = options.Timeout };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgent);
        _client.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/feed+json,application/json;q=0.9,text/plain;q=0.8,*/*;q=0.5");
    }

    public static bool IsUrl(string input) =>
        input.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || input.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>Fetches a URL or throws <see cref="FetchException"/> with the reason.</summary>
    public FetchedPage Fetch(string url, CancellationToken cancellationToken = default)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new FetchException("not an http(s) URL");
        }

        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            using var response = _client.Send(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if ((int)response.StatusCode is >= 300 and < 400)
            {
                throw new FetchException($"more than {_options.MaxRedirects} redirects (or a redirect Sitrep does not follow) at HTTP {(int)response.StatusCode}");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new FetchException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            if (response.Content.Headers.ContentLength is { } length && length > _maxBytes)
            {
                throw new FetchException($"the response is {length} bytes, over the {_maxBytes}-byte limit (raise it with --max-size)");
            }

            using var stream = response.Content.ReadAsStream(cancellationToken);
            var body = ReadLimited(stream, _maxBytes, cancellationToken);
            var type = response.Content.Headers.ContentType;
            return new FetchedPage(response.RequestMessage?.RequestUri ?? uri, body, type?.MediaType, type?.CharSet);
        }
        catch (FetchException)
        {
            throw;
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FetchException($"no answer within {_options.Timeout.TotalSeconds:0} s", e);
        }
        catch (HttpRequestException e)
        {
            var refused = FindRefusal(e);
            throw refused ?? new FetchException(e.InnerException is { } inner ? $"{e.Message} ({inner.Message})" : e.Message, e);
        }
        catch (IOException e)
        {
            throw FindRefusal(e) ?? new FetchException(e.Message, e);
        }
    }

    public void Dispose() => _client.Dispose();

    /// <summary>Whether an address is private, loopback, link-local, unique-local, carrier-grade NAT, multicast or unspecified.</summary>
    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] == 10 || b[0] == 0 || b[0] == 127
                || (b[0] == 172 && b[1] is >= 16 and <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 100 && b[1] is >= 64 and <= 127)
                || b[0] >= 224;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (b[0] & 0xFE) == 0xFC;
        }

        return true;
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        IPAddress[] addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        if (addresses.Length == 0)
        {
            throw new FetchException($"cannot resolve host '{host}'");
        }

        if (!_options.AllowPrivate)
        {
            foreach (var a in addresses)
            {
                if (IsPrivate(a))
                {
                    throw new FetchException($"refused: '{host}' resolves to the private, loopback or link-local address {a} (pass --allow-private to fetch it)");
                }
            }
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static FetchException? FindRefusal(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            if (x is FetchException f)
            {
                return f;
            }
        }

        return null;
    }

    private byte[] ReadLimited(Stream stream, long max, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            buffer.Write(chunk, 0, n);
            if (buffer.Length > max)
            {
                throw new FetchException($"the response is over the {max}-byte limit (raise it with --max-size)");
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The declared media type, for readers that dispatch on it.</summary>
    public static string Kind(FetchedPage page)
    {
        var type = page.MediaType ?? "";
        if (type.Contains("rss", StringComparison.OrdinalIgnoreCase) || type.Contains("atom", StringComparison.OrdinalIgnoreCase)
            || type.Contains("feed+json", StringComparison.OrdinalIgnoreCase) || type.EndsWith("/xml", StringComparison.OrdinalIgnoreCase))
        {
            return "feed";
        }

        if (type.Contains("html", StringComparison.OrdinalIgnoreCase))
        {
            return "html";
        }

        if (type.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return "json";
        }

        // Servers often send feeds as text/plain or octet-stream: look at the first bytes.
        var head = System.Text.Encoding.UTF8.GetString(page.Body, 0, Math.Min(page.Body.Length, 512)).TrimStart('\uFEFF', ' ', '\r', '\n', '\t');
        if (head.StartsWith("<?xml", StringComparison.Ordinal) || head.StartsWith("<rss", StringComparison.Ordinal) || head.StartsWith("<feed", StringComparison.Ordinal))
        {
            return "feed";
        }

        if (head.StartsWith("<!DOCTYPE html", StringComparison.OrdinalIgnoreCase) || head.StartsWith("<html", StringComparison.OrdinalIgnoreCase))
        {
            return "html";
        }

        return "text";
    }

}
