using System.Xml;
using CodeHollow.FeedReader;

namespace Sitrep.Ingest;

/// <summary>
/// Reads RSS 2.0, Atom and JSON Feed documents (CodeHollow.FeedReader): one report per item, its text from the
/// item's content or description (HTML stripped), or, with <see cref="ReaderOptions.FollowLinks"/>, from the
/// item's page read as HTML.
/// </summary>
public static class FeedFileReader
{
    public static IEnumerable<ReadResult> Read(string path, ReaderOptions options)
    {
        var bytes = ReaderIo.ReadBytes(path, options, out var error);
        return bytes is null ? [ReadResult.Fail(path, error!)] : FromBytes(path, bytes, options, null);
    }

    public static IEnumerable<ReadResult> FromBytes(string input, byte[] bytes, ReaderOptions options, UrlFetcher? fetcher, CancellationToken cancellationToken = default)
    {
        var text = TextFileReader.Decode(input, bytes, out var decodeError);
        if (text is null)
        {
            return [ReadResult.Fail(input, decodeError!)];
        }

        // a feed nested without bound would take the XML and feed parsers minutes (71 s at 100,000 levels)
        var nesting = HtmlNesting.MeasureXml(text);
        if (nesting.TooDeep)
        {
            return [ReadResult.Fail(input, $"feed nested more than {HtmlNesting.MaxDepth} elements deep (passed at line {nesting.Line}); refused, 0 items read from it")];
        }

        Feed feed;
        try
        {
            feed = FeedReader.ReadFromString(text.TrimStart('\uFEFF'));
        }
        catch (XmlException e)
        {
            return [ReadResult.Fail(input, $"malformed feed at line {e.LineNumber}, position {e.LinePosition}: {e.Message}; 0 items read from it")];
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return [ReadResult.Fail(input, $"not a readable RSS, Atom or JSON feed ({e.GetType().Name}: {e.Message}); 0 items read from it")];
        }

        if (feed.Type == FeedType.Unknown)
        {
            return [ReadResult.Fail(input, "not an RSS, Atom or JSON feed (unknown root element); 0 items read from it")];
        }

        return Items(input, feed, options, fetcher, cancellationToken);
    }

    private static IEnumerable<ReadResult> Items(string input, Feed feed, ReaderOptions options, UrlFetcher? fetcher, CancellationToken cancellationToken)
    {
        if (feed.Items.Count == 0)
        {
            yield return ReadResult.Fail(input, "the feed has no items");
            yield break;
        }

        var outlet = string.IsNullOrWhiteSpace(feed.Title) ? null : feed.Title.Trim();
        var language = feed.Language is { Length: >= 2 } l ? l[..2].ToLowerInvariant() : null;
        var n = 0;
        foreach (var item in feed.Items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            n++;
            var itemInput = $"{input}#item {n}";
            var link = string.IsNullOrWhiteSpace(item.Link) ? null : item.Link.Trim();
            if (!ItemText(item, out var title, out var summary, out var refused))
            {
                yield return ReadResult.Fail(itemInput, refused);
                continue;
            }

            var published = item.PublishingDate is { } pd ? DateOnly.FromDateTime(pd) : Dates.Parse(item.PublishingDateString) ?? options.Published;
            string? warning = null;
            if (options.FollowLinks && link is not null && fetcher is not null)
            {
                ReadResult? page = null;
                try
                {
                    var fetched = fetcher.Fetch(link, cancellationToken);
                    page = HtmlPageReader.FromBytes(link, fetched.Body, fetched.Url.ToString(), options);
                }
                catch (FetchException e)
                {
                    warning = $"cannot follow '{link}': {e.Message}; used the feed's summary instead";
                }

                if (page?.Item is { } pageItem)
                {
                    yield return ReadResult.Ok(pageItem with
                    {
                        Input = link,
                        Title = title ?? pageItem.Title,
                        Published = published ?? pageItem.Published,
                        Outlet = outlet,
                        Language = pageItem.Language ?? language,
                    });
                    continue;
                }

                warning ??= $"cannot follow '{link}': {page?.Error}; used the feed's summary instead";
            }

            if (string.IsNullOrWhiteSpace(summary) && title is null)
            {
                yield return ReadResult.Fail(itemInput, "the item has neither a title nor text");
                continue;
            }

            var body = string.IsNullOrWhiteSpace(summary) ? title! : title is null || summary.StartsWith(title, StringComparison.Ordinal) ? summary : title + "\n\n" + summary;
            yield return ReadResult.Ok(new SourceItem(link ?? itemInput, body)
            {
                Title = title,
                Url = link,
                Outlet = outlet,
                Published = published,
                Language = language,
                Byline = string.IsNullOrWhiteSpace(item.Author) ? null : item.Author,
            }) with { Warning = warning };
        }
    }

    // The item's title and text as plain text; false (and why) when its HTML is refused.
    private static bool ItemText(FeedItem item, out string? title, out string summary, out string refused)
    {
        try
        {
            title = string.IsNullOrWhiteSpace(item.Title) ? null : HtmlPageReader.FragmentText(item.Title);
            summary = HtmlPageReader.FragmentText(item.Content ?? item.Description ?? "");
            refused = "";
            return true;
        }
        catch (FormatException e)
        {
            (title, summary, refused) = (null, "", e.Message + "; the item is skipped");
            return false;
        }
    }
}
