using System.Diagnostics;
using System.Text;

namespace Sitrep.Fuzz;

/// <summary>One hostile input made to order for a reader target.</summary>
/// <param name="Target">The fuzz target that reads it.</param>
/// <param name="Name">What it is, e.g. "html: 100,000 nested divs".</param>
/// <param name="Make">Builds the bytes (large inputs are built only when run).</param>
public sealed record AdversarialCase(string Target, string Name, Func<byte[]> Make);

/// <summary>
/// Inputs whose structure, not their bytes, is the attack: nesting far past any parser's comfort, attributes and
/// lines of many megabytes, entity expansion, floods of items, columns and escapes. Byte-level mutation never builds
/// these, so they are generated. <c>scale</c> is the size of the large ones in bytes (10 MB in the full run) and sets
/// the depth of the nested ones (scale / 100 levels: 100,000 for 10 MB).
/// </summary>
public static class Adversarial
{
    public static IReadOnlyList<AdversarialCase> Cases(int scale)
    {
        var depth = Math.Max(1000, scale / 100);
        string Repeat(string s, int n) => new StringBuilder(s.Length * n).Insert(0, s, n).ToString();
        byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);
        string Page(string body) => "<!DOCTYPE html><html><head><title>Report</title></head><body>" + body + "</body></html>";
        string Rss(string items, string prolog = "") =>
            "<?xml version=\"1.0\"?>" + prolog + "<rss version=\"2.0\"><channel><title>Wire</title>" + items + "</channel></rss>";
        string Item(string description) => "<item><title>Strike</title><description>" + description + "</description><pubDate>Mon, 12 Aug 2024 07:00:00 GMT</pubDate></item>";
        var sentence = "Artillery shelled the depot near the river on Monday, the governor said. ";
        var laughs = new StringBuilder("<!DOCTYPE rss [<!ENTITY lol \"lol\">");
        for (var i = 1; i <= 9; i++)
        {
            laughs.Append($"<!ENTITY lol{i} \"{Repeat($"&lol{(i == 1 ? "" : (i - 1).ToString(System.Globalization.CultureInfo.InvariantCulture))};", 10)}\">");
        }

        laughs.Append("]>");
        return
        [
            new("html-reader", $"html: {depth:N0} nested divs", () => Utf8(Page(Repeat("<div>", depth) + sentence + Repeat("</div>", depth)))),
            new("html-reader", $"html: {depth:N0} unclosed <b>", () => Utf8(Page(Repeat("<b>", depth) + sentence))),
            new("html-reader", $"html: {depth:N0} self-closing <div/> (open in HTML)", () => Utf8(Page(Repeat("<div/>", depth) + sentence))),
            new("html-reader", $"html: {depth:N0} nested tables", () => Utf8(Page(Repeat("<table><tr><td>", depth / 3) + sentence))),
            new("html-reader", $"html: {depth:N0} nested svg groups", () => Utf8(Page("<svg>" + Repeat("<g>", depth) + "</svg>" + sentence))),
            new("html-reader", "html: 500 nested divs holding 20,000 paragraphs", () => Utf8(Page(Repeat("<div>", 500) + Repeat("<p>" + sentence + "</p>", Math.Min(20_000, scale / 100)) + Repeat("</div>", 500)))),
            new("html-reader", $"html: a {scale / 1_000_000.0:0.#} MB attribute", () => Utf8(Page("<div title=\"" + new string('a', scale) + "\">" + sentence + "</div>"))),
            new("html-reader", "html: an attribute quote never closed", () => Utf8(Page("<div title=\"" + Repeat(sentence, scale / sentence.Length)))),
            new("html-reader", "html: entity flood", () => Utf8(Page("<p>" + Repeat("&amp;&#x1F600;&nbsp;&lt;", scale / 24) + "</p>"))),
            new("html-reader", $"html: a {scale / 1_000_000.0:0.#} MB line of text", () => Utf8(Page("<p>" + Repeat(sentence, scale / sentence.Length) + "</p>"))),
            new("html-reader", "html: a comment never closed", () => Utf8(Page("<p>" + sentence + "</p><!--" + Repeat("<div>", depth)))),
            new("feed-reader", "rss: billion laughs (entity expansion)", () => Utf8(Rss(Item("&lol9;"), laughs.ToString()))),
            new("feed-reader", $"rss: description of {depth:N0} nested HTML elements", () => Utf8(Rss(Item(System.Security.SecurityElement.Escape(Repeat("<div>", depth) + sentence)!)))),
            new("feed-reader", $"rss: {depth:N0} nested XML elements", () => Utf8(Rss("<item><title>Deep</title>" + Repeat("<x>", depth) + Repeat("</x>", depth) + "</item>"))),
            new("feed-reader", $"rss: a {scale / 1_000_000.0:0.#} MB description", () => Utf8(Rss(Item(Repeat(sentence, scale / sentence.Length))))),
            new("feed-reader", $"rss: a {scale / 1_000_000.0:0.#} MB attribute", () => Utf8(Rss("<item a=\"" + new string('a', scale) + "\"><title>T</title><description>" + sentence + "</description></item>"))),
            new("feed-reader", "rss: 50,000 items", () => Utf8(Rss(Repeat(Item(sentence), Math.Min(50_000, scale / 150))))),
            new("feed-reader", "json feed: nesting past the JSON depth limit", () => Utf8("{\"version\":\"https://jsonfeed.org/version/1\",\"items\":" + Repeat("[", depth) + Repeat("]", depth) + "}")),
            new("jsonl-reader", $"jsonl: one {scale / 1_000_000.0:0.#} MB line", () => Utf8("{\"text\": \"" + Repeat(sentence, scale / sentence.Length) + "\"}\n{\"text\": \"" + sentence + "\"}\n")),
            new("jsonl-reader", $"jsonl: a {scale / 1_000_000.0:0.#} MB line with no end", () => Utf8("{\"text\": \"" + new string('a', scale))),
            new("jsonl-reader", $"jsonl: {depth:N0} nested arrays", () => Utf8(Repeat("[", depth) + Repeat("]", depth) + "\n")),
            new("jsonl-reader", "jsonl: escape flood", () => Utf8("{\"text\": \"" + Repeat("\\u0000\\n\\ud83d\\ude00", scale / 20) + "\"}\n")),
            new("jsonl-reader", "jsonl: 100,000 fields", () => Utf8("{" + string.Join(',', Enumerable.Range(0, Math.Min(100_000, scale / 20)).Select(i => $"\"f{i}\":{i}")) + ",\"text\":\"" + sentence + "\"}\n")),
            new("csv-reader", $"csv: a {scale / 1_000_000.0:0.#} MB quoted field", () => Utf8("title,text\nT,\"" + Repeat(sentence, scale / sentence.Length) + "\"\n")),
            new("csv-reader", "csv: a quote never closed", () => Utf8("title,text\nT,\"" + Repeat(sentence + "\n", scale / sentence.Length))),
            new("csv-reader", "csv: 100,000 columns", () => Utf8(string.Join(',', Enumerable.Range(0, Math.Min(100_000, scale / 20)).Select(i => $"c{i}")) + ",text\n" + new string(',', Math.Min(100_000, scale / 20)) + sentence + "\n")),
            new("csv-reader", "csv: 200,000 rows", () => Utf8("text\n" + Repeat(sentence.Replace(",", "", StringComparison.Ordinal) + "\n", Math.Min(200_000, scale / 50)))),
        ];
    }

    /// <summary>The reader targets with limits wide enough that the inputs reach the parsers instead of the size check.</summary>
    public static IFuzzTarget Target(string name, int scale) =>
        FuzzTargets.Reader(name, maxBytes: 2L * scale + (1 << 20));

    /// <summary>Runs every case, each on a thread of its own with <paramref name="timeout"/>; returns the lines of the report.</summary>
    public static (List<string> Lines, int Failures) Run(int scale, TimeSpan timeout, Action<string>? log = null)
    {
        var lines = new List<string>();
        var failures = 0;
        foreach (var c in Cases(scale))
        {
            var target = Target(c.Target, scale);
            var bytes = c.Make();
            Exception? error = null;
            var sw = Stopwatch.StartNew();
            var thread = new Thread(() =>
            {
                try
                {
                    target.Run(bytes);
                }
                catch (Exception e)
                {
                    error = e;
                }
            }, 16 * 1024 * 1024) { IsBackground = true };
            thread.Start();
            var finished = thread.Join(timeout);
            sw.Stop();
            var line = !finished ? $"HANG   {c.Target,-13} {c.Name} ({bytes.Length:N0} bytes): still running after {timeout.TotalSeconds:0} s"
                : error is not null ? $"FAIL   {c.Target,-13} {c.Name} ({bytes.Length:N0} bytes): {error.GetType().Name}: {error.Message}"
                : $"ok     {c.Target,-13} {c.Name} ({bytes.Length:N0} bytes): {sw.Elapsed.TotalSeconds:0.00} s";
            failures += finished && error is null ? 0 : 1;
            lines.Add(line);
            log?.Invoke(line);
            if (!finished)
            {
                break; // the thread cannot be stopped; the run ends here
            }
        }

        return (lines, failures);
    }
}
