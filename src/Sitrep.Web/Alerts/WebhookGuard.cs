using System.Net;
using System.Net.Sockets;

namespace Sitrep.Web.Alerts;

/// <summary>
/// Refuses webhooks to private, loopback, link-local and other non-public addresses unless allowed: an alert URL must
/// not become a way into internal services. The check runs on the address actually connected to, so a DNS name that
/// later resolves to a private address is refused too.
/// </summary>
public static class WebhookGuard
{
    /// <summary>Null when the URL is acceptable on its face; else why not.</summary>
    public static string? CheckUrl(string url, bool allowPrivate)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return $"'{url}' is not an http(s) URL";
        }

        if (!allowPrivate && (uri.IsLoopback || string.Equals(uri.IdnHost, "localhost", StringComparison.OrdinalIgnoreCase)))
        {
            return $"'{url}' points at this machine; pass --allow-private-webhook to allow it";
        }

        if (!allowPrivate && IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var ip) && !IsPublic(ip))
        {
            return $"'{url}' points at a private, loopback or link-local address ({ip}); pass --allow-private-webhook to allow it";
        }

        return null;
    }

    public static bool IsPublic(IPAddress ip)
    {
        ArgumentNullException.ThrowIfNull(ip);
        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }

        if (IPAddress.IsLoopback(ip) || ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any) || ip.Equals(IPAddress.Broadcast))
        {
            return false;
        }

        if (ip.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = ip.GetAddressBytes();
            return !(b[0] == 10 || b[0] == 0 || b[0] == 127
                || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)
                || b[0] >= 224);
        }

        var v6 = ip.GetAddressBytes();
        return !(ip.IsIPv6LinkLocal || ip.IsIPv6SiteLocal || ip.IsIPv6Multicast || (v6[0] & 0xFE) == 0xFC);
    }

    /// <summary>An HTTP client that connects only to public addresses (unless allowed), checked at connect time.</summary>
    public static HttpClient CreateClient(bool allowPrivate, TimeSpan timeout)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectCallback = async (context, ct) =>
            {
                var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, ct).ConfigureAwait(false);
                var allowed = addresses.Where(a => allowPrivate || IsPublic(a)).ToList();
                if (allowed.Count == 0)
                {
                    throw new HttpRequestException($"webhook host '{context.DnsEndPoint.Host}' resolves only to private, loopback or link-local addresses; refused");
                }

                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(allowed.ToArray(), context.DnsEndPoint.Port, ct).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { Timeout = timeout };
    }
}
