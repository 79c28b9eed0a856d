namespace Sitrep.Queue;

/// <summary>
/// Where the work queue lives: `nats://[user:password@]host[:port][,host2[:port]…][/name]`. The name (default
/// "sitrep") names the JetStream stream and prefixes its subjects, so separate deployments can share one NATS cluster.
/// </summary>
public sealed record QueueAddress(string ServerUrls, string Name)
{
    public const string DefaultName = "sitrep";

    /// <summary>The stream of articles waiting for analysis (work-queue retention).</summary>
    public string Stream => Name.ToUpperInvariant() + "_ARTICLES";

    /// <summary>The stream of messages that failed too often, with their errors (limits retention).</summary>
    public string DeadStream => Name.ToUpperInvariant() + "_DEAD";

    public string ArticleSubject => Name + ".articles";

    public string DeadSubject => Name + ".dead";

    /// <summary>The durable pull consumer that all workers share.</summary>
    public string Consumer => "workers";

    public static QueueAddress Parse(string queue)
    {
        ArgumentNullException.ThrowIfNull(queue);
        const string scheme = "nats://";
        if (!queue.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            throw new QueueException($"'{queue}' is not a queue address; write nats://host:4222/name");
        }

        var rest = queue[scheme.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var hosts = slash >= 0 ? rest[..slash] : rest;
        var name = slash >= 0 ? rest[(slash + 1)..].Trim('/') : "";
        if (name.Length == 0)
        {
            name = DefaultName;
        }

        if (hosts.Length == 0)
        {
            throw new QueueException($"'{queue}' names no server; write nats://host:4222/name");
        }

        if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new QueueException($"queue name '{name}' may hold only letters, digits, '-' and '_'");
        }

        var urls = string.Join(",", hosts.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(h => scheme + h));
        return new QueueAddress(urls, name);
    }

    public override string ToString() => $"{Redacted(ServerUrls)}/{Name}";

    private static string Redacted(string urls) =>
        System.Text.RegularExpressions.Regex.Replace(urls, "//([^:/@]+):[^@]*@", "//$1:***@");
}

/// <summary>The queue cannot be reached or refuses a message; the message says which and why.</summary>
public sealed class QueueException : Exception
{
    public QueueException(string message)
        : base(message)
    {
    }

    public QueueException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public QueueException()
    {
    }
}
