namespace Sitrep.Ingest;

/// <summary>
/// Measures how deep an HTML page nests its elements with one linear pass, before any parser sees it. HTML parsers
/// and Readability walk the tree recursively or check the whole stack of open elements at each tag, so a page of
/// 100,000 nested elements takes minutes or overflows the stack: such a page is refused instead.
/// </summary>
/// <remarks>
/// The count follows the HTML parsing rules closely enough for a limit: void elements, self-closing tags inside SVG
/// and MathML, raw-text elements (script, style…), comments, end tags that close several elements, and the elements
/// that a sibling closes implicitly (p, li, td…). It errs on the side of a larger depth only for pages that nest
/// unclosed formatting elements, which an HTML parser nests as well.
/// </remarks>
public static class HtmlNesting
{
    /// <summary>Deeper pages are refused (no news page comes near; browsers stop nesting at a few hundred).</summary>
    public const int MaxDepth = 512;

    private static readonly HashSet<string> Void = new(StringComparer.OrdinalIgnoreCase)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
        "keygen", "frame", "basefont", "bgsound", "image", "isindex",
    };

    private static readonly HashSet<string> RawText = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext",
    };

    // A start tag of one of these closes an open element of the same name, looking down the stack no further than the
    // element that scopes it: a <tr> closes the open row of its own table, never one of an enclosing table.
    private static readonly Dictionary<string, string[]> SelfSibling = new(StringComparer.OrdinalIgnoreCase)
    {
        ["p"] = ["button", "table", "td", "th"],
        ["li"] = ["ul", "ol", "menu"],
        ["dt"] = ["dl"],
        ["dd"] = ["dl"],
        ["option"] = ["select", "datalist"],
        ["optgroup"] = ["select", "datalist"],
        ["tr"] = ["table"],
        ["td"] = ["table"],
        ["th"] = ["table"],
        ["thead"] = ["table"],
        ["tbody"] = ["table"],
        ["tfoot"] = ["table"],
        ["rb"] = ["ruby"],
        ["rt"] = ["ruby"],
        ["rp"] = ["ruby"],
        ["rtc"] = ["ruby"],
    };

    // A start tag of one of these closes an open <p>.
    private static readonly HashSet<string> ClosesP = new(StringComparer.OrdinalIgnoreCase)
    {
        "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl", "fieldset",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "main",
        "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "ul", "li", "dd", "dt",
    };

    // Singular elements: the parser merges repeats into the one element, so they never deepen the tree.
    private static readonly HashSet<string> Singular = new(StringComparer.OrdinalIgnoreCase) { "html", "head", "body" };

    /// <summary>The result of <see cref="Measure"/>.</summary>
    /// <param name="Depth">The deepest nesting seen (stops counting just past the limit).</param>
    /// <param name="Elements">How many start tags the page has (up to where the scan stopped).</param>
    /// <param name="Line">The line at which the limit was passed, or 0.</param>
    public readonly record struct Result(int Depth, int Elements, int Line)
    {
        public bool TooDeep => Line > 0;
    }

    /// <summary>Scans <paramref name="html"/> once, stopping as soon as the nesting passes <paramref name="limit"/>.</summary>
    public static Result Measure(string html, int limit = MaxDepth)
    {
        var stack = new List<string>(64);
        var foreign = 0;
        var max = 0;
        var elements = 0;
        var i = 0;
        var n = html.Length;
        while (i < n)
        {
            var lt = html.IndexOf('<', i);
            if (lt < 0 || lt + 1 >= n)
            {
                break;
            }

            var c = html[lt + 1];
            if (c == '!')
            {
                i = html.AsSpan(lt).StartsWith("<!--", StringComparison.Ordinal) ? SkipPast(html, lt + 4, "-->") : SkipPast(html, lt + 2, ">");
                continue;
            }

            if (c == '?')
            {
                i = SkipPast(html, lt + 2, ">");
                continue;
            }

            var end = c == '/';
            var nameStart = end ? lt + 2 : lt + 1;
            var nameEnd = nameStart;
            while (nameEnd < n && IsNameChar(html[nameEnd], nameEnd == nameStart))
            {
                nameEnd++;
            }

            if (nameEnd == nameStart)
            {
                // "<" followed by no tag name is text ("a < b"); "</ >" is a bogus comment.
                i = end ? SkipPast(html, lt + 2, ">") : lt + 1;
                continue;
            }

            var name = html[nameStart..nameEnd];
            var (tagEnd, selfClosing) = TagEnd(html, nameEnd);
            i = tagEnd;
            elements += end ? 0 : 1;
            if (end)
            {
                var at = stack.FindLastIndex(s => s.Equals(name, StringComparison.OrdinalIgnoreCase));
                if (at >= 0)
                {
                    for (var k = stack.Count - 1; k >= at; k--)
                    {
                        if (IsForeign(stack[k]))
                        {
                            foreign--;
                        }
                    }

                    stack.RemoveRange(at, stack.Count - at);
                }

                continue;
            }

            if (Void.Contains(name) || Singular.Contains(name) || (selfClosing && (foreign > 0 || IsForeign(name))))
            {
                continue;
            }

            if (foreign == 0 && RawText.Contains(name))
            {
                // Its content is text up to the matching end tag ("plaintext" runs to the end of the page).
                i = name.Equals("plaintext", StringComparison.OrdinalIgnoreCase) ? n : SkipRawText(html, i, name);
                continue;
            }

            if (foreign == 0)
            {
                if (SelfSibling.TryGetValue(name, out var scopes))
                {
                    // a <li> closes the previous <li> of its list, a <td> the previous cell of its table...
                    for (var k = stack.Count - 1; k >= 0; k--)
                    {
                        if (stack[k].Equals(name, StringComparison.OrdinalIgnoreCase))
                        {
                            stack.RemoveRange(k, stack.Count - k);
                            break;
                        }

                        if (scopes.Contains(stack[k], StringComparer.OrdinalIgnoreCase))
                        {
                            break;
                        }
                    }
                }

                if (ClosesP.Contains(name) && stack.Count > 0 && stack[^1].Equals("p", StringComparison.OrdinalIgnoreCase))
                {
                    stack.RemoveAt(stack.Count - 1);
                }
            }

            stack.Add(name);
            if (IsForeign(name))
            {
                foreign++;
            }

            if (stack.Count > max)
            {
                max = stack.Count;
                if (max > limit)
                {
                    return new Result(max, elements, LineAt(html, lt));
                }
            }
        }

        return new Result(max, elements, 0);
    }

    /// <summary>
    /// The element nesting of an XML document (a feed) in one pass: start tags open, end tags and "/&gt;" close;
    /// comments, CDATA, processing instructions and the DOCTYPE are skipped. Stops once past <paramref name="limit"/>.
    /// </summary>
    public static Result MeasureXml(string xml, int limit = MaxDepth)
    {
        ArgumentNullException.ThrowIfNull(xml);
        int depth = 0, max = 0, elements = 0, i = 0;
        while (i < xml.Length)
        {
            var lt = xml.IndexOf('<', i);
            if (lt < 0 || lt + 1 >= xml.Length)
            {
                break;
            }

            var rest = xml.AsSpan(lt);
            if (rest.StartsWith("<!--", StringComparison.Ordinal))
            {
                i = SkipPast(xml, lt + 4, "-->");
                continue;
            }

            if (rest.StartsWith("<![CDATA[", StringComparison.Ordinal))
            {
                i = SkipPast(xml, lt + 9, "]]>");
                continue;
            }

            if (xml[lt + 1] is '?' or '!')
            {
                // a processing instruction, or the DOCTYPE with its internal subset in brackets
                var gt = xml.IndexOf('>', lt);
                if (gt < 0)
                {
                    break;
                }

                var bracket = xml[lt + 1] == '!' ? xml.IndexOf('[', lt, gt - lt) : -1;
                i = SkipPast(xml, bracket >= 0 ? SkipPast(xml, bracket, "]") : lt + 2, ">");
                continue;
            }

            var (end, selfClosing) = TagEnd(xml, lt + 1);
            i = end;
            if (xml[lt + 1] == '/')
            {
                depth = Math.Max(0, depth - 1);
                continue;
            }

            elements++;
            if (selfClosing)
            {
                continue;
            }

            depth++;
            if (depth > max)
            {
                max = depth;
                if (max > limit)
                {
                    return new Result(max, elements, LineAt(xml, lt));
                }
            }
        }

        return new Result(max, elements, 0);
    }

    /// <summary>The refusal message for a page whose nesting passed the limit.</summary>
    public static string TooDeepMessage(Result r, int limit = MaxDepth) =>
        $"HTML nested more than {limit} elements deep (passed at line {r.Line}); refused, as no readable page nests so deep";

    private static bool IsForeign(string name) =>
        name.Equals("svg", StringComparison.OrdinalIgnoreCase) || name.Equals("math", StringComparison.OrdinalIgnoreCase);

    private static bool IsNameChar(char c, bool first) =>
        first ? char.IsAsciiLetter(c) : char.IsAsciiLetterOrDigit(c) || c is '-' or ':' or '_' or '.';

    private static int SkipPast(string html, int from, string terminator)
    {
        var at = html.IndexOf(terminator, Math.Min(from, html.Length), StringComparison.Ordinal);
        return at < 0 ? html.Length : at + terminator.Length;
    }

    // The index after the tag's closing '>', skipping quoted attribute values; whether it ends with "/>".
    private static (int End, bool SelfClosing) TagEnd(string html, int from)
    {
        for (var k = from; k < html.Length; k++)
        {
            var c = html[k];
            if (c == '>')
            {
                return (k + 1, k > from && html[k - 1] == '/');
            }

            if (c != '=')
            {
                continue;
            }

            var v = k + 1;
            while (v < html.Length && char.IsWhiteSpace(html[v]))
            {
                v++;
            }

            if (v < html.Length && html[v] is '"' or '\'')
            {
                var close = html.IndexOf(html[v], v + 1);
                if (close < 0)
                {
                    return (html.Length, false);
                }

                k = close;
            }
        }

        return (html.Length, false);
    }

    private static int SkipRawText(string html, int from, string name)
    {
        var k = from;
        while (true)
        {
            var at = html.IndexOf("</", k, StringComparison.Ordinal);
            if (at < 0)
            {
                return html.Length;
            }

            if (string.Compare(html, at + 2, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) == 0)
            {
                return SkipPast(html, at + 2 + name.Length, ">");
            }

            k = at + 2;
        }
    }

    private static int LineAt(string html, int index)
    {
        var line = 1;
        foreach (var c in html.AsSpan(0, index))
        {
            if (c == '\n')
            {
                line++;
            }
        }

        return line;
    }
}
