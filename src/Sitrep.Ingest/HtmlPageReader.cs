using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Sitrep.Ingest;

/// <summary>
/// Reads an HTML page's main text, title, byline and date with SmartReader (a port of Mozilla's Readability),
/// falling back to the page's visible paragraphs when Readability finds no article.
/// </summary>
public static class HtmlPageReader
{
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

        string? title = null, byline = null, language = null, text = null;
        DateOnly? published = null;
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
    public static string FragmentText(string html)
    {
        if (html.IndexOf('<', StringComparison.Ordinal) < 0 && html.IndexOf('&', StringComparison.Ordinal) < 0)
        {
            return html.Trim();
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

    private static void Walk(INode node, StringBuilder sb)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child is IText t)
            {
                sb.Append(t.Data);
                continue;
            }

            if (child is not IElement e)
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
            }

            Walk(e, sb);
            if (block)
            {
                sb.Append('\n');
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
