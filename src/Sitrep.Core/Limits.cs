using System.Globalization;

namespace Sitrep.Core;

/// <summary>
/// The limits that keep one bad input from taking a process down: sizes of articles, feeds and queue messages, items
/// per feed, and timeouts of an analysis and of an HTTP request. Each has a default, an environment variable
/// (SITREP_MAX_ARTICLE_SIZE=20MB, SITREP_ANALYSIS_TIMEOUT=30s, …) and usually a command-line option that overrides
/// both. docs/limits.md lists them.
/// </summary>
public sealed record Limits
{
    private static readonly Lazy<Limits> FromProcess = new(() => FromEnvironment(Environment.GetEnvironmentVariable));

    /// <summary>Largest article (one file, one feed item's text, one standard input) in bytes.</summary>
    public long MaxArticleBytes { get; init; } = 20L * 1024 * 1024;

    /// <summary>Largest feed or dump file (RSS/Atom, JSONL, CSV) in bytes.</summary>
    public long MaxFeedBytes { get; init; } = 100L * 1024 * 1024;

    /// <summary>Most items read from one feed or dump; the rest are reported as skipped.</summary>
    public int MaxFeedItems { get; init; } = 100_000;

    /// <summary>Largest queue message (an article with its metadata as JSON) in bytes; NATS's default max_payload is 1 MB.</summary>
    public int MaxMessageBytes { get; init; } = 1024 * 1024;

    /// <summary>Longest analysis of one article.</summary>
    public TimeSpan AnalysisTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest HTTP API request.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The defaults with this process's environment variables applied (read once).</summary>
    public static Limits Default => FromProcess.Value;

    /// <summary>The environment variable of each limit.</summary>
    public static IReadOnlyList<string> Variables { get; } =
    [
        "SITREP_MAX_ARTICLE_SIZE", "SITREP_MAX_FEED_SIZE", "SITREP_MAX_FEED_ITEMS", "SITREP_MAX_MESSAGE_SIZE",
        "SITREP_ANALYSIS_TIMEOUT", "SITREP_REQUEST_TIMEOUT",
    ];

    /// <summary>The defaults with the variables that <paramref name="get"/> returns applied; a bad value throws, naming the variable.</summary>
    public static Limits FromEnvironment(Func<string, string?> get)
    {
        ArgumentNullException.ThrowIfNull(get);
        var limits = new Limits();
        if (get("SITREP_MAX_ARTICLE_SIZE") is { Length: > 0 } article)
        {
            limits = limits with { MaxArticleBytes = ParseSize("SITREP_MAX_ARTICLE_SIZE", article) };
        }

        if (get("SITREP_MAX_FEED_SIZE") is { Length: > 0 } feed)
        {
            limits = limits with { MaxFeedBytes = ParseSize("SITREP_MAX_FEED_SIZE", feed) };
        }

        if (get("SITREP_MAX_FEED_ITEMS") is { Length: > 0 } items)
        {
            limits = limits with { MaxFeedItems = (int)Math.Min(int.MaxValue, ParseCount("SITREP_MAX_FEED_ITEMS", items)) };
        }

        if (get("SITREP_MAX_MESSAGE_SIZE") is { Length: > 0 } message)
        {
            limits = limits with { MaxMessageBytes = (int)Math.Min(int.MaxValue, ParseSize("SITREP_MAX_MESSAGE_SIZE", message)) };
        }

        if (get("SITREP_ANALYSIS_TIMEOUT") is { Length: > 0 } analysis)
        {
            limits = limits with { AnalysisTimeout = ParseDuration("SITREP_ANALYSIS_TIMEOUT", analysis) };
        }

        if (get("SITREP_REQUEST_TIMEOUT") is { Length: > 0 } request)
        {
            limits = limits with { RequestTimeout = ParseDuration("SITREP_REQUEST_TIMEOUT", request) };
        }

        return limits;
    }

    /// <summary>Parses "1048576", "512KB", "20MB", "1GB" (binary units) into bytes.</summary>
    public static long ParseSize(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var v = value.Trim().ToUpperInvariant();
        long unit = 1;
        foreach (var (suffix, factor) in new[] { ("GB", 1L << 30), ("MB", 1L << 20), ("KB", 1L << 10), ("G", 1L << 30), ("M", 1L << 20), ("K", 1L << 10), ("B", 1L) })
        {
            if (v.EndsWith(suffix, StringComparison.Ordinal))
            {
                unit = factor;
                v = v[..^suffix.Length].Trim();
                break;
            }
        }

        if (!double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || n * unit < 1 || double.IsInfinity(n) || n * unit > long.MaxValue / 2)
        {
            throw new ArgumentException($"{name}: '{value}' is not a size; write e.g. 20MB, 512KB or 1048576");
        }

        return (long)(n * unit);
    }

    /// <summary>Parses "30", "30s", "500ms", "2m" into a duration (a bare number is seconds).</summary>
    public static TimeSpan ParseDuration(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var v = value.Trim().ToLowerInvariant();
        double factor = 1;
        if (v.EndsWith("ms", StringComparison.Ordinal))
        {
            factor = 0.001;
            v = v[..^2];
        }
        else if (v.EndsWith('s'))
        {
            v = v[..^1];
        }
        else if (v.EndsWith('m'))
        {
            factor = 60;
            v = v[..^1];
        }

        if (!double.TryParse(v.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || n * factor < 0.001 || n * factor > 86_400)
        {
            throw new ArgumentException($"{name}: '{value}' is not a duration; write e.g. 30s, 500ms or 2m (at most a day)");
        }

        return TimeSpan.FromSeconds(n * factor);
    }

    private static long ParseCount(string name, string value) =>
        long.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{name}: '{value}' is not a positive whole number");
}
