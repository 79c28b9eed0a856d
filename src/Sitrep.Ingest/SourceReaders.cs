namespace Sitrep.Ingest;

/// <summary>
/// Wires every reader into an <see cref="InputExpander"/>: HTML pages, RSS/Atom/JSON feeds, JSONL/JSON/CSV dumps
/// by file ending, and http(s) URLs (pages or feeds, told apart by content type).
/// </summary>
public static class SourceReaders
{
    public static InputExpander CreateExpander(ReaderOptions options, UrlFetcher? fetcher = null)
    {
        var expander = new InputExpander(options);
        foreach (var ext in new[] { ".html", ".htm", ".xhtml" })
        {
            expander.Readers[ext] = (path, o) => [HtmlPageReader.Read(path, o)];
        }

        foreach (var ext in new[] { ".rss", ".atom", ".xml" })
        {
            expander.Readers[ext] = (path, o) => FeedFromFile(path, o, fetcher);
        }

        expander.Readers[".jsonl"] = DumpReader.ReadJsonLines;
        expander.Readers[".ndjson"] = DumpReader.ReadJsonLines;
        expander.Readers[".json"] = DumpReader.ReadJson;
        expander.Readers[".csv"] = DumpReader.ReadCsv;
        if (fetcher is not null)
        {
            expander.UrlReader = (url, o, ct) => ReadUrl(url, o, fetcher, ct);
        }

        return expander;
    }

    /// <summary>Reads one URL: a feed gives one result per item, a page one result.</summary>
    public static IEnumerable<ReadResult> ReadUrl(string url, ReaderOptions options, UrlFetcher fetcher, CancellationToken cancellationToken)
    {
        FetchedPage page;
        try
        {
            page = fetcher.Fetch(url, cancellationToken);
        }
        catch (FetchException e)
        {
            return [ReadResult.Fail(url, e.Message)];
        }

        return UrlFetcher.Kind(page) switch
        {
            "feed" => FeedFileReader.FromBytes(url, page.Body, options, fetcher, cancellationToken),
            "html" => [HtmlPageReader.FromBytes(url, page.Body, page.Url.ToString(), options)],
            "json" => JsonFeedOrFail(url, page, options, fetcher, cancellationToken),
            _ => [WithUrl(TextFileReader.FromBytes(url, page.Body, options), url)],
        };
    }

    private static IEnumerable<ReadResult> FeedFromFile(string path, ReaderOptions options, UrlFetcher? fetcher)
    {
        var bytes = ReaderIo.ReadBytes(path, options, out var error);
        return bytes is null ? [ReadResult.Fail(path, error!)] : FeedFileReader.FromBytes(path, bytes, options, fetcher);
    }

    private static IEnumerable<ReadResult> JsonFeedOrFail(string url, FetchedPage page, ReaderOptions options, UrlFetcher fetcher, CancellationToken cancellationToken)
    {
        var head = System.Text.Encoding.UTF8.GetString(page.Body, 0, Math.Min(page.Body.Length, 4096));
        return head.Contains("jsonfeed", StringComparison.OrdinalIgnoreCase)
            ? FeedFileReader.FromBytes(url, page.Body, options, fetcher, cancellationToken)
            : [ReadResult.Fail(url, "JSON that is not a JSON Feed; save it as .jsonl or .json and ingest the file")];
    }

    private static ReadResult WithUrl(ReadResult r, string url) => r.Item is null ? r : ReadResult.Ok(r.Item with { Url = url });
}
