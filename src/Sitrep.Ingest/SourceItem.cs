namespace Sitrep.Ingest;

/// <summary>One report read from an input, before analysis.</summary>
public sealed record SourceItem(string Input, string Text)
{
    public string? Title { get; init; }

    public string? Url { get; init; }

    public string? Outlet { get; init; }

    public DateOnly? Published { get; init; }

    public string? Language { get; init; }
}

/// <summary>Either an item or the reason an input (or one record of it) could not be read.</summary>
public sealed record ReadResult(SourceItem? Item, string Input, string? Error)
{
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
}
