using System.Globalization;
using System.Text;
using Sitrep.Storage;
using Sitrep.Web.Analysis;
using Sitrep.Web.Exports;

namespace Sitrep.Web.Brief;

/// <summary>What the brief covers.</summary>
public sealed record BriefOptions
{
    public required DateOnly Date { get; init; }

    /// <summary>1 (daily) or 7 (weekly): the window ends on <see cref="Date"/>.</summary>
    public int Days { get; init; } = 1;

    /// <summary>A country (code or name), province or place name; null for everywhere.</summary>
    public string? Region { get; init; }

    /// <summary>
    /// Where the dashboard runs (e.g. https://sitrep.example.org/): each line then links to its event there, besides the
    /// original report. Null: no dashboard links (the brief is a file on its own; each line shows its evidence). A
    /// relative value ("./") fits a brief served by the dashboard itself.
    /// </summary>
    public string? BaseUrl { get; init; }
}

/// <summary>The brief's content, computed once and rendered as HTML or Markdown.</summary>
public sealed record BriefModel(
    BriefOptions Options,
    DateOnly From,
    IReadOnlyList<(string Region, IReadOnlyList<EventRecord> Events)> Regions,
    IReadOnlyList<(QuantityRecord Estimate, string Change)> Estimates,
    IReadOnlyList<(string Unit, IReadOnlyList<QuantityRecord> Estimates)> Series,
    IReadOnlyList<Contradiction> Contradictions,
    IReadOnlyList<EventRecord> AllEvents)
{
    /// <summary>The kind of each estimate's claimant (official, media, ngo, article, other) by the label the brief shows.</summary>
    public IReadOnlyDictionary<string, string> ClaimantKinds { get; init; } = new Dictionary<string, string>();

    /// <summary>Unplaced events left out of the brief because they name no actor or target, or have no source.</summary>
    public int UnplacedLeftOut { get; init; }
}

/// <summary>
/// The daily (or weekly) brief: what happened per region, the largest estimates and how they changed, new
/// contradictions, a map and charts as inline SVG; every line links to its sources. Stored text is escaped everywhere.
/// </summary>
public static class BriefRenderer
{
    /// <summary>A brief stays readable: past this many events in one region it points to the dashboard.</summary>
    public const int MaxLinesPerRegion = 40;

    public static BriefModel Build(ISitrepStore store, BriefOptions options)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        var from = options.Date.AddDays(1 - options.Days);
        var window = new FactQuery { From = from, To = options.Date, Limit = 20_000, CountCap = 1 };
        var inRegion = store.QueryEvents(window).Items.Where(e => InRegion(e, options.Region)).ToList();
        // Unplaced events are the weakest: only those that name an actor or a target and have a source are kept, last.
        var events = inRegion.Where(e => !IsUnplaced(e) || ((e.Actor ?? e.Target) is not null && (e.Outlet is not null || e.ClaimIds != "[]"))).ToList();
        var regions = events.GroupBy(RegionOf, StringComparer.Ordinal)
            .OrderBy(g => g.Key == Unplaced ? 1 : 0).ThenByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, (IReadOnlyList<EventRecord>)[.. g.OrderBy(e => e.Background).ThenBy(e => e.Day, StringComparer.Ordinal)])).ToList();

        var articleIds = events.Select(e => e.ArticleId).ToHashSet(StringComparer.Ordinal);
        var quantities = store.QueryQuantities(window).Items.Where(q => options.Region is null || articleIds.Contains(q.ArticleId)).ToList();
        var before = store.QueryQuantities(window with { From = from.AddDays(-options.Days), To = from.AddDays(-1) }).Items;
        var largest = quantities.OrderByDescending(q => Contradictions.Range(q.Point, q.Min, q.Max)?.Hi ?? 0).Take(10)
            .Select(q => (q, Change(q, before))).ToList();
        var series = quantities.GroupBy(q => q.Unit, StringComparer.Ordinal).OrderByDescending(g => g.Count()).Take(3)
            .Select(g => (g.Key, (IReadOnlyList<QuantityRecord>)[.. g.OrderByDescending(q => Contradictions.Range(q.Point, q.Min, q.Max)?.Hi ?? 0)])).ToList();
        var contradictions = Analysis.Contradictions.Find(store, window)
            .Where(c => options.Region is null || c.Sides.Any(s => s.EventId is not null && events.Any(e => e.Id == s.EventId))).ToList();
        var kinds = Analysis.ClaimantKinds.Classify(store, [.. largest.Select(x => x.q), .. series.SelectMany(x => x.Item2)]);
        return new BriefModel(options, from, regions, largest, series, contradictions, events) { ClaimantKinds = kinds, UnplacedLeftOut = inRegion.Count - events.Count };
    }

    /// <summary>The region heading of events without a place.</summary>
    public const string Unplaced = "Unplaced";

    /// <summary>No country: the events <see cref="RegionOf"/> puts under <see cref="Unplaced"/> (a place named but not resolved included).</summary>
    private static bool IsUnplaced(EventRecord e) => e.Country is null;

    public static string Html(BriefModel m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var sb = new StringBuilder();
        var title = Title(m);
        sb.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">");
        sb.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">");
        sb.Append("<title>").Append(Svg.Esc(title)).Append("</title><style>body{font:14px/1.45 system-ui,sans-serif;max-width:60rem;margin:1rem auto;color:#1d2430}")
          .Append("q{font-style:italic;color:#334}li{margin:.25rem 0}.muted{color:#667}h2{border-bottom:1px solid #ccd}")
          .Append("li.background{color:#778}.tag{font-size:11px;background:#8a8f98;color:#fff;border-radius:3px;padding:0 .3rem}")
          .Append("details{display:inline;font-size:12px}details[open]{display:block;border-left:3px solid #ccd;padding:.2rem .4rem;background:#fafbfc}summary{display:inline;cursor:pointer;color:#1f4e9c}</style></head><body>");
        sb.Append("<h1>").Append(Svg.Esc(title)).Append("</h1>");
        sb.Append("<p class=\"muted\">").Append(Svg.Esc(Summary(m))).Append("</p>");
        sb.Append("<figure>").Append(Svg.Map(m.AllEvents)).Append("</figure>");
        sb.Append("<h2>What happened, by region</h2>");
        if (m.Regions.Count == 0)
        {
            sb.Append("<p>No events in this window.</p>");
        }

        foreach (var (region, events) in m.Regions)
        {
            sb.Append("<h3>").Append(Svg.Esc(region)).Append("</h3><ul>");
            foreach (var e in events.Take(MaxLinesPerRegion))
            {
                sb.Append(e.Background ? "<li class=\"background\">" : "<li>").Append(Svg.Esc(Describe(e)));
                if (e.Background)
                {
                    sb.Append(" <span class=\"tag\">background: an earlier, known act</span>");
                }

                sb.Append(" — ").Append(EvidenceHtml(e.EvidenceText, TriggerAnchor(e))).Append(' ').Append(SourceLinksHtml(m, e.Outlet, e.Url, e.Id, e.ArticleId)).Append("</li>");
            }

            if (events.Count > MaxLinesPerRegion)
            {
                sb.Append("<li class=\"muted\">").Append(events.Count - MaxLinesPerRegion).Append(" more events");
                if (DashboardLink(m, "") is { } more)
                {
                    sb.Append(": <a href=\"").Append(Svg.Esc(more)).Append("\">see the dashboard</a>");
                }

                sb.Append("</li>");
            }

            sb.Append("</ul>");
        }

        sb.Append("<h2>Largest estimates and how they changed</h2>");
        if (m.Estimates.Count == 0)
        {
            sb.Append("<p>No estimates in this window.</p>");
        }

        sb.Append("<ul>");
        foreach (var (q, change) in m.Estimates)
        {
            sb.Append("<li><strong>").Append(Svg.Esc(Contradictions.Describe(q))).Append(' ').Append(Svg.Esc(q.Unit)).Append("</strong> (").Append(Svg.Esc(change)).Append(") — ")
              .Append(EvidenceHtml(q.EvidenceText, EvidenceClause.Anchor(q.EvidenceText, q.Text))).Append(' ').Append(SourceLinksHtml(m, q.Claimant ?? q.Outlet, null, q.EventLocalId is null ? null : q.ArticleId + "/" + q.EventLocalId, q.ArticleId)).Append("</li>");
        }

        sb.Append("</ul>");
        foreach (var (unit, estimates) in m.Series)
        {
            sb.Append("<figure>").Append(Svg.Estimates(unit, estimates, m.ClaimantKinds)).Append("</figure>");
        }

        sb.Append("<h2>New contradictions</h2>");
        if (m.Contradictions.Count == 0)
        {
            sb.Append("<p>None in this window.</p>");
        }

        sb.Append("<ul>");
        foreach (var c in m.Contradictions)
        {
            sb.Append("<li><strong>").Append(Svg.Esc(c.Kind)).Append("</strong>: ").Append(Svg.Esc(c.Summary)).Append("<ul>");
            foreach (var s in c.Sides)
            {
                sb.Append("<li>").Append(Svg.Esc(s.Says)).Append(" — ").Append(EvidenceHtml(s.EvidenceText, (-1, -1))).Append(' ').Append(SourceLinksHtml(m, s.Outlet, null, s.EventId, s.ArticleId)).Append("</li>");
            }

            sb.Append("</ul></li>");
        }

        sb.Append("</ul><p class=\"muted\">Basemap: Natural Earth (public domain) via world-atlas. Generated by Sitrep.</p></body></html>");
        return sb.ToString();
    }

    /// <summary>Markdown with the images written beside it (SVG files named after the brief); returns the files to write.</summary>
    public static IReadOnlyDictionary<string, string> Markdown(BriefModel m, string fileStem)
    {
        ArgumentNullException.ThrowIfNull(m);
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var stem = Path.GetFileName(fileStem);
        var sb = new StringBuilder();
        sb.Append("# ").AppendLine(Md(Title(m))).AppendLine();
        sb.AppendLine(Md(Summary(m))).AppendLine();
        files[stem + ".map.svg"] = Svg.Map(m.AllEvents);
        sb.Append("![Map of events](").Append(stem).AppendLine(".map.svg)").AppendLine();
        sb.AppendLine("## What happened, by region").AppendLine();
        if (m.Regions.Count == 0)
        {
            sb.AppendLine("No events in this window.").AppendLine();
        }

        foreach (var (region, events) in m.Regions)
        {
            sb.Append("### ").AppendLine(Md(region)).AppendLine();
            foreach (var e in events.Take(MaxLinesPerRegion))
            {
                sb.Append("- ").Append(Md(Describe(e))).Append(e.Background ? " *(background: an earlier, known act)*" : "").Append(" — ")
                  .Append(EvidenceMd(e.EvidenceText, TriggerAnchor(e))).Append(' ').AppendLine(SourceLinksMd(m, e.Outlet, e.Url, e.Id, e.ArticleId));
            }

            if (events.Count > MaxLinesPerRegion)
            {
                sb.Append("- ").Append(events.Count - MaxLinesPerRegion).Append(" more events").AppendLine(DashboardLink(m, "") is { } more ? $": see the dashboard (<{more}>)" : "");
            }

            sb.AppendLine();
        }

        sb.AppendLine("## Largest estimates and how they changed").AppendLine();
        foreach (var (q, change) in m.Estimates)
        {
            sb.Append("- **").Append(Md(Contradictions.Describe(q) + " " + q.Unit)).Append("** (").Append(Md(change)).Append(") — ").Append(EvidenceMd(q.EvidenceText, EvidenceClause.Anchor(q.EvidenceText, q.Text))).Append(' ')
              .AppendLine(SourceLinksMd(m, q.Claimant ?? q.Outlet, null, q.EventLocalId is null ? null : q.ArticleId + "/" + q.EventLocalId, q.ArticleId));
        }

        if (m.Estimates.Count == 0)
        {
            sb.AppendLine("No estimates in this window.");
        }

        sb.AppendLine();
        var i = 0;
        foreach (var (unit, estimates) in m.Series)
        {
            var name = $"{stem}.estimates-{++i}.svg";
            files[name] = Svg.Estimates(unit, estimates, m.ClaimantKinds);
            sb.Append("![Estimates of ").Append(Md(unit)).Append("](").Append(name).AppendLine(")").AppendLine();
        }

        sb.AppendLine("## New contradictions").AppendLine();
        if (m.Contradictions.Count == 0)
        {
            sb.AppendLine("None in this window.");
        }

        foreach (var c in m.Contradictions)
        {
            sb.Append("- **").Append(Md(c.Kind)).Append("**: ").AppendLine(Md(c.Summary));
            foreach (var s in c.Sides)
            {
                sb.Append("  - ").Append(Md(s.Says)).Append(" — ").Append(EvidenceMd(s.EvidenceText, (-1, -1))).Append(' ').AppendLine(SourceLinksMd(m, s.Outlet, null, s.EventId, s.ArticleId));
            }
        }

        sb.AppendLine().AppendLine("Basemap: Natural Earth (public domain) via world-atlas. Generated by Sitrep.");
        files[stem] = sb.ToString();
        return files;
    }

    private static string Title(BriefModel m) =>
        (m.Options.Days == 1 ? $"Daily brief {m.Options.Date:yyyy-MM-dd}" : $"Brief {m.From:yyyy-MM-dd} to {m.Options.Date:yyyy-MM-dd}") + (m.Options.Region is null ? "" : " — " + m.Options.Region);

    private static string Summary(BriefModel m) =>
        $"{m.AllEvents.Count} events in {m.Regions.Count} regions from {m.AllEvents.Select(e => e.ArticleId).Distinct(StringComparer.Ordinal).Count()} reports"
        + (m.AllEvents.Count(e => e.Background) is > 0 and var bg ? $" ({bg} of them background mentions of earlier acts)" : "")
        + $"; {m.Estimates.Count} largest estimates; {m.Contradictions.Count} contradictions."
        + (m.UnplacedLeftOut > 0 ? $" {m.UnplacedLeftOut} unplaced events without an actor, a target or a source are left out." : "");

    private static (int, int) TriggerAnchor(EventRecord e) =>
        e.TriggerStart is { } ts && e.TriggerEnd is { } te ? ((int)(ts - e.EvidenceStart), (int)(te - e.EvidenceStart)) : (-1, -1);

    /// <summary>The evidence's clause, quoted, with the whole sentence on demand when the clause is only part of it.</summary>
    private static string EvidenceHtml(string text, (int From, int To) anchor)
    {
        var (s, e) = EvidenceClause.Bounds(text, anchor.From, anchor.To);
        var clause = "<q>" + Svg.Esc(EvidenceClause.Of(text, anchor.From, anchor.To)) + "</q>";
        return s == 0 && e == text.Length ? clause : clause + " <details><summary>whole sentence</summary>" + Svg.Esc(text) + "</details>";
    }

    private static string EvidenceMd(string text, (int From, int To) anchor)
    {
        var (s, e) = EvidenceClause.Bounds(text, anchor.From, anchor.To);
        var clause = "“" + Md(EvidenceClause.Of(text, anchor.From, anchor.To)) + "”";
        return s == 0 && e == text.Length ? clause : clause + " <details><summary>whole sentence</summary>" + Md(text) + "</details>";
    }

    /// <summary>A link into the dashboard at <see cref="BriefOptions.BaseUrl"/>; null without one (or with an unsafe one).</summary>
    private static string? DashboardLink(BriefModel m, string fragment)
    {
        if (string.IsNullOrWhiteSpace(m.Options.BaseUrl))
        {
            return null;
        }

        var url = m.Options.BaseUrl + fragment;
        if (Uri.TryCreate(m.Options.BaseUrl, UriKind.Absolute, out _))
        {
            return Exporter.SafeUrl(url);
        }

        // A relative base ("./", "/sitrep/") stays relative; nothing that could carry a scheme.
        return url.Contains(':', StringComparison.Ordinal) ? null : url;
    }

    private static string Describe(EventRecord e) =>
        $"{e.Day}: {e.Type}{(e.Mode is null ? "" : " (" + e.Mode + ")")} {e.Actor ?? "unknown actor"}{(e.Target is null ? "" : " → " + e.Target)}{(e.Location is null ? "" : " @ " + e.Location + " [" + (e.Precision ?? "unknown") + "]")}";

    private static string RegionOf(EventRecord e)
    {
        var country = CountryNames.Name(e.Country) ?? e.Country ?? Unplaced;
        return e.Admin1 is { Length: > 0 } a && e.Precision is not ("country" or "region") ? $"{country} — {Admin1Name(e.Country, a)}" : country;
    }

    /// <summary>A province's name from its GeoNames code ("12" in UA is Kyiv City); the code when the gazetteer lacks it.</summary>
    private static string Admin1Name(string? country, string code) =>
        country is not null && code.All(char.IsAsciiLetterOrDigit) && Sitrep.Geo.Gazetteer.Default.Admin1(country, code) is { } entry ? entry.Name : code;

    private static bool InRegion(EventRecord e, string? region) =>
        region is null
        || string.Equals(e.Country, region, StringComparison.OrdinalIgnoreCase)
        || string.Equals(CountryNames.Name(e.Country), region, StringComparison.OrdinalIgnoreCase)
        || string.Equals(e.Admin1, region, StringComparison.OrdinalIgnoreCase)
        || string.Equals(e.Location, region, StringComparison.OrdinalIgnoreCase);

    private static string Change(QuantityRecord q, IReadOnlyList<QuantityRecord> before)
    {
        var previous = before.Where(b => b.Unit == q.Unit && string.Equals(b.Owner, q.Owner, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(b => Contradictions.Range(b.Point, b.Min, b.Max)?.Hi ?? 0).FirstOrDefault();
        if (previous is null)
        {
            return "new in this window";
        }

        var now = Contradictions.Range(q.Point, q.Min, q.Max)?.Hi ?? 0;
        var then = Contradictions.Range(previous.Point, previous.Min, previous.Max)?.Hi ?? 0;
        var word = now > then ? "up" : now < then ? "down" : "unchanged";
        return $"{word} from {Contradictions.Describe(previous)} ({previous.Outlet}, {previous.Published})";
    }

    private static string SourceLinksHtml(BriefModel m, string? who, string? url, string? eventId, string articleId)
    {
        var sb = new StringBuilder("[");
        var safe = Exporter.SafeUrl(url);
        sb.Append(safe is null ? Svg.Esc(who ?? "source") : $"<a href=\"{Svg.Esc(safe)}\">{Svg.Esc(who ?? "source")}</a>");
        if (DashboardLink(m, eventId is null ? $"#article/{Uri.EscapeDataString(articleId)}" : $"#event/{eventId}") is { } d)
        {
            sb.Append(CultureInfo.InvariantCulture, $"; <a href=\"{Svg.Esc(d)}\">evidence</a>");
        }

        return sb.Append(']').ToString();
    }

    private static string SourceLinksMd(BriefModel m, string? who, string? url, string? eventId, string articleId)
    {
        var safe = Exporter.SafeUrl(url);
        var name = Md(who ?? "source");
        var first = safe is null ? name : $"[{name}](<{safe.Replace(">", "%3E", StringComparison.Ordinal)}>)";
        return DashboardLink(m, eventId is null ? $"#article/{Uri.EscapeDataString(articleId)}" : $"#event/{eventId}") is { } d
            ? $"({first}; [evidence](<{d.Replace(">", "%3E", StringComparison.Ordinal)}>))"
            : $"({first})";
    }

    /// <summary>Markdown-escapes text and turns angle brackets into entities, so stored HTML stays text in any renderer.</summary>
    public static string Md(string? s)
    {
        var sb = new StringBuilder();
        foreach (var ch in s ?? "")
        {
            switch (ch)
            {
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '&': sb.Append("&amp;"); break;
                case '\n' or '\r': sb.Append(' '); break;
                case '\\' or '`' or '*' or '_' or '[' or ']' or '(' or ')' or '#' or '!' or '|' or '~':
                    sb.Append('\\').Append(ch);
                    break;
                default: sb.Append(ch); break;
            }
        }

        return sb.ToString();
    }
}
