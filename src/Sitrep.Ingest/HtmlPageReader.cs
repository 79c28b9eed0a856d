using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Sitrep.Ingest;

/// <summary>
/// Reads an HTML page's main text, title, byline and date with SmartReader (a port of Mozilla's Readability),
/// falling back to the page's visible paragraphs when Readability finds no article.
/// </summary>
/// <remarks>
/// Time and stack stay bounded: a page nesting deeper than <see cref="HtmlNesting.MaxDepth"/> is refused before any
/// parser sees it, and Readability (whose cost grows with the page's elements times their depth: 40 s for a 5 MB
/// page of paragraphs) reads only article-sized pages; larger or deeper ones are read by the linear walk over the
/// visible text.
/// </remarks>
public static class HtmlPageReader
{
    /// <summary>Pages with more elements than this are read without Readability.</summary>
    public const int ReadabilityMaxElements = 6000;

    /// <summary>Pages nesting deeper than this are read without Readability.</summary>
    public const int ReadabilityMaxDepth = 128;

    public static ReadResult Read(string path, ReaderOptions options)
    {
        var bytes = ReaderIo.ReadBytes(path, options, out var error);
        return bytes is null ? ReadResult.Fail(path, error!) : FromBytes(path, bytes, null, options);
    }

    public static ReadResult FromBytes(string input, byte[] bytes, string? url, ReaderOptions options)
    {
        var html = TextFileReader.Decode(input, bytes, out var error);
        return html is null ? ReadResult.Fail(input, error!) : FromHtml(input, html, url, options);
    }

    public static ReadResult FromHtml(string input, string html, string? url, ReaderOptions options)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return ReadResult.Fail(input, "empty page");
        }

        if (html.IndexOf('<', StringComparison.Ordinal) < 0)
        {
            return ReadResult.Fail(input, "not HTML (no tags); name it .txt to read it as plain text");
        }

        var nesting = HtmlNesting.Measure(html);
        if (nesting.TooDeep)
        {
            return ReadResult.Fail(input, HtmlNesting.TooDeepMessage(nesting));
        }

        string? title = null, byline = null, language = null, text = null;
        DateOnly? published = null;
        if (nesting.Elements <= ReadabilityMaxElements && nesting.Depth <= ReadabilityMaxDepth)
        {
            try
            {
                var reader = new SmartReader.Reader(url ?? "https://localhost/", html);
                var article = reader.GetArticle();
                if (article.IsReadable)
                {
                    text = Clean(article.TextContent);
                    title = NullIfBlank(article.Title);
                    byline = NullIfBlank(article.Byline ?? article.Author);
                    language = NullIfBlank(article.Language);
                    published = article.PublicationDate is { } d ? DateOnly.FromDateTime(d) : null;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Readability gave up on this page; the paragraph fallback below still reads it.
                text = null;
            }
        }

        IDocument? dom = null;
        if (string.IsNullOrWhiteSpace(text) || title is null || published is null)
        {
            dom = new HtmlParser().ParseDocument(html);
            title ??= NullIfBlank(dom.QuerySelector("meta[property='og:title']")?.GetAttribute("content")) ?? NullIfBlank(dom.Title);
            published ??= Dates.Parse(dom.QuerySelector("meta[property='article:published_time']")?.GetAttribute("content")
                ?? dom.QuerySelector("time[datetime]")?.GetAttribute("datetime"));
            if (string.IsNullOrWhiteSpace(text))
            {
                text = VisibleText(dom.Body);
            }
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return ReadResult.Fail(input, "the page has no readable text");
        }

        if (title is not null && !text.StartsWith(title, StringComparison.Ordinal))
        {
            // The headline is part of the report: keep it as the first line, as in a plain-text file.
            text = title + "\n\n" + text;
        }

        return ReadResult.Ok(new SourceItem(input, text)
        {
            Title = title,
            Url = url,
            Byline = byline,
            Published = published ?? options.Published,
            Language = language is { Length: >= 2 } ? language[..2].ToLowerInvariant() : null,
        });
    }

    /// <summary>Text of an HTML fragment (a feed item's description) with block elements as line breaks.</summary>
    /// <exception cref="FormatException">The fragment nests deeper than <see cref="HtmlNesting.MaxDepth"/>.</exception>
    public static string FragmentText(string html)
    {
        if (html.IndexOf('<', StringComparison.Ordinal) < 0 && html.IndexOf('&', StringComparison.Ordinal) < 0)
        {
            return html.Trim();
        }

        var nesting = HtmlNesting.Measure(html);
        if (nesting.TooDeep)
        {
            throw new FormatException(HtmlNesting.TooDeepMessage(nesting));
        }

        var dom = new HtmlParser().ParseDocument("<body>" + html + "</body>");
        return VisibleText(dom.Body);
    }

    private static string VisibleText(IElement? root)
    {
        if (root is null)
        {
            return "";
        }

        var sb = new StringBuilder();
        Walk(root, sb);
        return Clean(sb.ToString());
    }

    // Depth-first over the tree with an explicit stack (no recursion, whatever the nesting).
    private static void Walk(INode root, StringBuilder sb)
    {
        var pending = new Stack<(INode Node, bool Close)>();
        for (var i = root.ChildNodes.Length - 1; i >= 0; i--)
        {
            pending.Push((root.ChildNodes[i], false));
        }

        while (pending.TryPop(out var top))
        {
            if (top.Close)
            {
                sb.Append('\n');
                continue;
            }

            if (top.Node is IText t)
            {
                sb.Append(t.Data);
                continue;
            }

            if (top.Node is not IElement e)
            {
                continue;
            }

            var name = e.LocalName;
            if (name is "script" or "style" or "noscript" or "template" or "nav" or "footer" or "header" or "aside" or "form" or "svg")
            {
                continue;
            }

            var block = name is "p" or "div" or "br" or "li" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "tr" or "blockquote" or "section" or "article" or "pre";
            if (block)
            {
                sb.Append('\n');
                pending.Push((e, true));
            }

            for (var i = e.ChildNodes.Length - 1; i >= 0; i--)
            {
                pending.Push((e.ChildNodes[i], false));
            }
        }
    }

    /// <summary>Collapses runs of spaces inside lines and keeps paragraph breaks as one blank line.</summary>
    internal static string Clean(string text)
    {
        var sb = new StringBuilder(text.Length);
        var blank = 0;
        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = string.Join(' ', raw.Split([' ', '\t', '\u00A0'], StringSplitOptions.RemoveEmptyEntries));
            if (line.Length == 0)
            {
                blank++;
                continue;
            }

            if (sb.Length > 0)
            {
                sb.Append(blank > 0 ? "\n\n" : "\n");
            }

            sb.Append(line);
            blank = 0;
        }

        return sb.ToString();
    }

    private static string? NullIfBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
