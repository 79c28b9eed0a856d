namespace Sitrep.Ingest;

/// <summary>One report read from an input, before analysis.</summary>
public sealed record SourceItem(string Input, string Text)
{
    public string? Title { get; init; }

    public string? Url { get; init; }

    public string? Outlet { get; init; }

    public DateOnly? Published { get; init; }

    public string? Language { get; init; }

    /// <summary>The byline (author) when the reader found one.</summary>
    public string? Byline { get; init; }
}

/// <summary>Either an item or the reason an input (or one record of it) could not be read.</summary>
public sealed record ReadResult(SourceItem? Item, string Input, string? Error)
{
    /// <summary>A problem that did not stop the item from being read (e.g. a feed item's page could not be followed).</summary>
    public string? Warning { get; init; }

    /// <summary>
    /// Why a record of a dump carries no publication date ("no date in published, date", "cannot read the date
    /// '05:45'"): it is stored undated, never with the day of ingest, and the ingest counts such records.
    /// </summary>
    public string? Undated { get; init; }

    public static ReadResult Ok(SourceItem item) => new(item, item.Input, null);

    public static ReadResult Fail(string input, string error) => new(null, input, error);
}

/// <summary>Limits and defaults for readers.</summary>
public sealed record ReaderOptions
{
    /// <summary>Inputs larger than this are refused with a clear error (default 20 MB).</summary>
    public long MaxBytes { get; init; } = 20L * 1024 * 1024;

    /// <summary>Published date for inputs that carry none.</summary>
    public DateOnly? Published { get; init; }

    /// <summary>Which fields of JSONL/CSV records hold the text, title, date, URL and outlet.</summary>
    public FieldMapping Fields { get; init; } = FieldMapping.Default;

    /// <summary>Fetch each feed item's page and read its main text instead of the feed's summary.</summary>
    public bool FollowLinks { get; init; }

    /// <summary>Limits of URL fetching.</summary>
    public FetchOptions Fetch { get; init; } = new();
}

/// <summary>
/// Field names of dump records. Each role lists candidate names tried in order (the first non-empty wins), so
/// `--text-field description_en,headline` falls back to the headline where a record has no description.
/// </summary>
public sealed record FieldMapping
{
    public static readonly FieldMapping Default = new();

    public IReadOnlyList<string> Text { get; init; } = ["text", "content", "body", "article", "description", "summary"];

    public IReadOnlyList<string> Title { get; init; } = ["title", "headline"];

    public IReadOnlyList<string> Date { get; init; } = ["published", "date", "published_at", "pubDate", "datetime", "time"];

    public IReadOnlyList<string> Url { get; init; } = ["url", "link", "source_url"];

    public IReadOnlyList<string> Outlet { get; init; } = ["outlet", "source", "domain", "site", "publisher"];

    /// <summary>Splits "a,b" into candidate names.</summary>
    public static IReadOnlyList<string> Parse(string names) =>
        names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>How URLs are fetched: timeouts, size and redirect limits, the User-Agent and the address policy.</summary>
public sealed record FetchOptions
{
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(20);

    public int MaxRedirects { get; init; } = 5;

    public string UserAgent { get; init; } = "Sitrep/0.1 (conflict news analysis)";

    /// <summary>Allow private, loopback and link-local addresses (off by default: a feed must not reach the local network).</summary>
    public bool AllowPrivate { get; init; }
}
