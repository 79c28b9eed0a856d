using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Sitrep.Storage;
using Sitrep.Web.Alerts;
using Sitrep.Web.Analysis;

namespace Sitrep.Web.Api;

/// <summary>A page of results with the paging that produced it.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, long Total, bool TotalIsExact, int Limit, int Offset);

/// <summary>Map rows: one array per event in the order of <see cref="Columns"/>, compact enough for 10,000s of events.</summary>
public sealed record MapPayload(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows, long Total, bool TotalIsExact);

/// <summary>An event with its estimates and claims, and the other reports of the same event side by side.</summary>
public sealed record EventDetail(EventRecord Event, IReadOnlyList<QuantityRecord> Quantities, IReadOnlyList<ClaimRecord> Claims, IReadOnlyList<ReportOfEvent> OtherReports);

public sealed record ReportOfEvent(EventRecord Event, IReadOnlyList<ClaimRecord> Claims, IReadOnlyList<QuantityRecord> Quantities);

/// <summary>A span of an article to highlight: what kind of fact it proves, and which.</summary>
public sealed record Highlight(string Kind, string Id, long Start, long End, string Label);

public sealed record ArticlePayload(ArticleDetail Article, IReadOnlyList<Highlight> Highlights);

/// <summary>
/// One unit's estimates for the chart: each a range with its source; <see cref="ClaimantKinds"/> gives the kind of each
/// source (official, media, ngo, article, other) by the label the views show (the claimant, else the outlet).
/// </summary>
public sealed record EstimateSeries(string Unit, IReadOnlyList<QuantityRecord> Estimates, IReadOnlyDictionary<string, string> ClaimantKinds);

/// <summary>A unit with its number of estimates and of distinct sources (claimants, else outlets).</summary>
public sealed record UnitCount(string Unit, int Count, int Sources);

/// <summary>The newest alerts: <see cref="Items"/> and <see cref="Total"/> as every list answers, <see cref="Count"/> for the badge.</summary>
public sealed record AlertsPayload(int Count, IReadOnlyList<Alert> Items, int Total);

public static class ApiEndpoints
{
    /// <summary>At most this many events in one export from the dashboard (the CLI's `sitrep export` has no limit).</summary>
    public const int MaxExport = 50_000;

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        var options = app.ServiceProvider.GetRequiredService<WebOptions>();
        // Everything but the alerts may be reused for WebOptions.CacheSeconds (alerts are always read fresh).
        var data = options.CacheSeconds > 0 ? api.MapGroup("").CacheOutput("api") : api;

        data.MapGet("/stats", (ISitrepStore store) => store.Counts())
            .WithSummary("Row counts of the store's current analyses.");

        data.MapGet("/events", (ISitrepStore store, [AsParameters] ApiFilters f) =>
        {
            var q = FilterParser.Parse(f);
            var page = store.QueryEvents(q);
            return new Page<EventRecord>(page.Items, page.Total, page.TotalIsExact, q.Limit, q.Offset);
        }).WithSummary("Events filtered by bounding box, day range, type, actor, source and text; newest first.");

        data.MapGet("/map", (ISitrepStore store, [AsParameters] ApiFilters f) =>
        {
            var q = FilterParser.Parse(f, maxLimit: 50_000, defaultLimit: 20_000) with { Compact = true };
            var page = store.QueryEvents(q);
            var rows = page.Items.Select(e => new object?[] { e.Id, e.Type, e.Lat, e.Lon, e.Precision, e.Country, e.Day, e.Location, e.Background ? 1 : 0 }).ToList();
            return new MapPayload(["id", "type", "lat", "lon", "precision", "country", "day", "location", "background"], rows, page.Total, page.TotalIsExact);
        }).WithSummary("Compact event rows for the map and timeline (same filters as /api/events, up to fifty thousand rows).");

        data.MapGet("/events/{articleId}/{localId}", (ISitrepStore store, string articleId, string localId) =>
        {
            var e = store.QueryEvents(new FactQuery { ArticleId = articleId, EventLocalId = localId, Limit = 1 }).Items.FirstOrDefault();
            if (e is null)
            {
                return Results.Problem(statusCode: 404, title: "No such event", detail: $"No current event '{localId}' in article '{articleId}'.");
            }

            var (quantities, claims) = Facts(store, e);
            var others = new List<ReportOfEvent>();
            foreach (var other in SameEvent(store, e).Where(o => o.ArticleId != e.ArticleId))
            {
                var (oq, oc) = Facts(store, other);
                others.Add(new ReportOfEvent(other, oc, oq));
            }

            return Results.Ok(new EventDetail(e, quantities, claims, others));
        }).WithSummary("One event with its estimates, claims and the other reports of the same event.");

        data.MapGet("/claims", (ISitrepStore store, [AsParameters] ApiFilters f, string? stance, string? article, string? @event) =>
        {
            var q = FilterParser.Parse(f) with { Stance = stance is null ? null : ApiVocabulary.Check("stance", stance, ApiVocabulary.Stances), ArticleId = article, EventLocalId = @event };
            var page = store.QueryClaims(q);
            return new Page<ClaimRecord>(page.Items, page.Total, page.TotalIsExact, q.Limit, q.Offset);
        }).WithSummary("Claims: who says what, with stance and evidence.");

        data.MapGet("/estimates", (ISitrepStore store, [AsParameters] ApiFilters f, string? unit) =>
        {
            var q = FilterParser.Parse(f) with { Unit = unit is null ? null : Unit(store, unit) };
            var page = store.QueryQuantities(q);
            return new Page<QuantityRecord>(page.Items, page.Total, page.TotalIsExact, q.Limit, q.Offset);
        }).WithSummary("Estimates (quantities) with their hedges, bounds and sources.");

        data.MapGet("/estimates/units", (ISitrepStore store, [AsParameters] ApiFilters f) =>
        {
            var q = FilterParser.Parse(f, maxLimit: 50_000, defaultLimit: 20_000);
            var units = UnitCounts(store, q);
            return new Page<UnitCount>(units, units.Count, true, q.Limit, q.Offset);
        }).WithSummary("Units that have estimates (in the day range), the one with the most distinct sources first.");

        data.MapGet("/estimates/series", (ISitrepStore store, [AsParameters] ApiFilters f, string? unit) =>
        {
            if (string.IsNullOrWhiteSpace(unit))
            {
                throw new BadQueryException("unit", "'unit' is required, e.g. unit=personnel; /api/estimates/units lists them");
            }

            unit = Unit(store, unit);
            var q = FilterParser.Parse(f, maxLimit: 5000, defaultLimit: 1000) with { Unit = unit };
            var items = store.QueryQuantities(q).Items.OrderBy(x => x.Published, StringComparer.Ordinal).ToList();
            return new EstimateSeries(unit, items, ClaimantKinds.Classify(store, items));
        }).WithSummary("One unit's estimates over time, oldest first, for the ranges chart.");

        data.MapGet("/actors", (ISitrepStore store, [AsParameters] ApiFilters f) =>
        {
            var q = FilterParser.Parse(f);
            return PageOf(store.ListActors(q), q);
        }).WithSummary("Actors by number of reports; actor=… filters by name.");

        data.MapGet("/places", (ISitrepStore store, [AsParameters] ApiFilters f) =>
        {
            var q = FilterParser.Parse(f);
            return PageOf(store.ListPlaces(q), q);
        }).WithSummary("Places by number of reports, with precision.");

        data.MapGet("/articles", (ISitrepStore store, [AsParameters] ApiFilters f) =>
        {
            var q = FilterParser.Parse(f);
            if (q.Text is { } text)
            {
                // the best matches, at most limit of them
                var found = store.Search(text, q.Limit);
                return PageOf(found.Select(PublicSource).ToList(), q);
            }

            var rows = store.ListArticles(new ListFilter { Since = q.From, Until = q.To, Limit = q.Limit, Offset = q.Offset });
            var items = rows.Select(PublicSource).ToList();
            return q.From is null && q.To is null
                ? new Page<ArticleRow>(items, store.Counts().Articles, true, q.Limit, q.Offset)
                : PageOf(items, q);
        }).WithSummary("Articles, newest first, or the best full-text matches of q; the source is the report's URL or file name.");

        data.MapGet("/articles/{id}", (ISitrepStore store, string id) =>
        {
            if (store.GetArticle(id) is not { } article)
            {
                return Results.Problem(statusCode: 404, title: "No such article", detail: $"No article with id '{id}'.");
            }

            article.Source = PublicSourceName(article.Source);

            return Results.Ok(new ArticlePayload(article, Highlights(store, id)));
        }).WithSummary("One article's text and the evidence offsets of its facts, for highlighting.");

        data.MapGet("/contradictions", (ISitrepStore store, [AsParameters] ApiFilters f, string? kind) =>
        {
            var q = FilterParser.Parse(f, maxLimit: 1000);
            var wanted = kind is null ? null : ApiVocabulary.Check("kind", kind, ApiVocabulary.ContradictionKinds);
            var all = Contradictions.Find(store, q with { Limit = 20_000 }).Where(c => wanted is null || c.Kind == wanted).ToList();
            return new Page<Contradiction>([.. all.Skip(q.Offset).Take(q.Limit)], all.Count, true, q.Limit, q.Offset);
        }).WithSummary("Sources that cannot all be right: non-overlapping estimates, denials against assertions.");

        data.MapGet("/export", (ISitrepStore store, [AsParameters] ApiFilters f, string? format) =>
        {
            var fmt = format?.ToLowerInvariant() switch
            {
                "csv" => Exports.ExportFormat.Csv,
                "geojson" => Exports.ExportFormat.GeoJson,
                "jsonl" => Exports.ExportFormat.Jsonl,
                "plover" => Exports.ExportFormat.Plover,
                _ => throw new BadQueryException("format", $"'format' must be csv, geojson, jsonl or plover, got '{format}'"),
            };
            var q = FilterParser.Parse(f, maxLimit: MaxExport, defaultLimit: MaxExport);
            using var buffer = new MemoryStream();
            Exports.Exporter.Write(store, q, fmt, buffer);
            var (type, ext) = fmt switch
            {
                Exports.ExportFormat.Csv => ("text/csv; charset=utf-8", "csv"),
                Exports.ExportFormat.GeoJson => ("application/geo+json", "geojson"),
                Exports.ExportFormat.Jsonl => ("application/x-ndjson", "jsonl"),
                _ => ("application/json", "plover.json"),
            };
            return Results.File(buffer.ToArray(), type, "sitrep-events." + ext);
        }).WithSummary("The events of the filters (what the dashboard shows) as a file: ACLED-named CSV, GeoJSON, JSON Lines or PLOVER JSON.");

        api.MapGet("/alerts", (WebOptions options, string? limit) =>
        {
            var n = FilterParser.Int(limit, "limit", 100, 0, 10_000);
            var items = options.AlertLogPath is null ? [] : new AlertLog(options.AlertLogPath).Read(n);
            return new AlertsPayload(items.Count, items, items.Count);
        }).WithSummary("The newest watchlist alerts.");
    }

    /// <summary>A list answered whole as a page: the total is exact when the list is shorter than the limit.</summary>
    private static Page<T> PageOf<T>(IReadOnlyList<T> items, FactQuery q) =>
        new(items, q.Offset + items.Count, items.Count < q.Limit, q.Limit, q.Offset);

    private static ArticleRow PublicSource(ArticleRow row)
    {
        row.Source = PublicSourceName(row.Source);
        return row;
    }

    /// <summary>
    /// What the API shows of an article's input: a URL as it is, a file by its name (with its record or item), never
    /// the path it had on the server ("/home/x/feeds/wire.xml#item 3" → "wire.xml#item 3").
    /// </summary>
    public static string? PublicSourceName(string? source)
    {
        if (source is null || source.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || source.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return source;
        }

        var cut = source.LastIndexOfAny(['/', '\\']);
        return cut < 0 ? source : source[(cut + 1)..];
    }

    private static List<UnitCount> UnitCounts(ISitrepStore store, FactQuery q) =>
        store.QueryQuantities(q).Items.GroupBy(x => x.Unit, StringComparer.Ordinal)
            .Select(g => new UnitCount(g.Key, g.Count(), g.Select(ClaimantKinds.Label).Distinct(StringComparer.OrdinalIgnoreCase).Count()))
            .OrderByDescending(u => u.Sources).ThenByDescending(u => u.Count).ThenBy(u => u.Unit, StringComparer.Ordinal).ToList();

    // A unit of the units lexicon, or one the store holds; anything else is a 400 naming the allowed units.
    private static string Unit(ISitrepStore store, string unit)
    {
        if (ApiVocabulary.Units.Contains(unit.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            return ApiVocabulary.Check("unit", unit, ApiVocabulary.Units);
        }

        var stored = UnitCounts(store, new FactQuery { Limit = 20_000 }).Select(u => u.Unit);
        return ApiVocabulary.Check("unit", unit, [.. ApiVocabulary.Units.Union(stored, StringComparer.Ordinal).Order(StringComparer.Ordinal)]);
    }

    /// <summary>
    /// The reports of the same real event: the members of its fusion cluster (the store is fused first when it never
    /// was; <see cref="FusionOnDemand"/>).
    /// </summary>
    public static IReadOnlyList<EventRecord> SameEvent(ISitrepStore store, EventRecord e)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(e);
        if (FusionOnDemand.EnsureFused(store))
        {
            e = store.QueryEvents(new FactQuery { ArticleId = e.ArticleId, EventLocalId = e.LocalId, Limit = 1 }).Items.FirstOrDefault() ?? e;
        }

        if (e.ClusterId is null)
        {
            return [e];
        }

        var events = new List<EventRecord>();
        foreach (var m in store.ClusterMembers(e.ClusterId))
        {
            if (m.ArticleId == e.ArticleId && m.EventLocalId == e.LocalId)
            {
                events.Add(e);
            }
            else if (store.QueryEvents(new FactQuery { ArticleId = m.ArticleId, EventLocalId = m.EventLocalId, Limit = 1 }).Items.FirstOrDefault() is { } other)
            {
                events.Add(other);
            }
        }

        return events;
    }

    public static (IReadOnlyList<QuantityRecord> Quantities, IReadOnlyList<ClaimRecord> Claims) Facts(ISitrepStore store, EventRecord e)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(e);
        var ids = JsonSerializer.Deserialize<string[]>(e.QuantityIds) ?? [];
        var quantities = ids.Length == 0 ? [] : store.QueryQuantities(new FactQuery { ArticleId = e.ArticleId, Limit = 1000 }).Items
            .Where(q => ids.Contains(q.LocalId, StringComparer.Ordinal)).ToList();
        var claimIds = JsonSerializer.Deserialize<string[]>(e.ClaimIds) ?? [];
        var claims = store.QueryClaims(new FactQuery { ArticleId = e.ArticleId, Limit = 1000 }).Items
            .Where(c => c.EventLocalId == e.LocalId || claimIds.Contains(c.LocalId, StringComparer.Ordinal)).ToList();
        return (quantities, claims);
    }

    private static List<Highlight> Highlights(ISitrepStore store, string articleId)
    {
        var q = new FactQuery { ArticleId = articleId, Limit = 5000 };
        var list = new List<Highlight>();
        list.AddRange(store.QueryEvents(q).Items.Select(e => new Highlight("event", e.Id, e.EvidenceStart, e.EvidenceEnd, $"{e.Type} {e.Mode}".Trim())));
        list.AddRange(store.QueryClaims(q).Items.Select(c => new Highlight("claim", c.ArticleId + "/" + c.LocalId, c.EvidenceStart, c.EvidenceEnd, $"{c.Source} {c.Verb} ({c.Stance})")));
        list.AddRange(store.QueryQuantities(q).Items.Select(x => new Highlight("estimate", x.ArticleId + "/" + x.LocalId, x.EvidenceStart, x.EvidenceEnd, $"{x.Text} [{x.Unit}]")));
        return [.. list.OrderBy(h => h.Start).ThenBy(h => h.End)];
    }
}
