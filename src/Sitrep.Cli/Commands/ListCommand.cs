using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Sitrep.Storage;

namespace Sitrep.Cli.Commands;

/// <summary>`sitrep list articles|events|claims|quantities [filters] [--json]`.</summary>
public static class ListCommand
{
    internal static readonly JsonSerializerOptions JsonOut = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create()
    {
        var what = new Argument<string>("what") { Description = "articles, events, claims or quantities" };
        what.AcceptOnlyFromAmong("articles", "events", "claims", "quantities");
        var db = CommonOptions.Db();
        var json = CommonOptions.Json();
        var since = CommonOptions.Date("--since", "Only reports published on or after this date");
        var until = CommonOptions.Date("--until", "Only reports published on or before this date");
        var type = new Option<string?>("--type") { Description = "Event type, e.g. ASSAULT" };
        var actor = new Option<string?>("--actor") { Description = "Event actor or target, e.g. Russia" };
        var unit = new Option<string?>("--unit") { Description = "Quantity unit, e.g. personnel" };
        var source = new Option<string?>("--source") { Description = "Claim source" };
        var article = new Option<string?>("--article") { Description = "One article's id" };
        var limit = new Option<int>("--limit") { Description = "At most this many rows", DefaultValueFactory = _ => 100 };
        var cmd = new Command("list", "List what the store holds.") { what, db, json, since, until, type, actor, unit, source, article, limit };
        cmd.SetAction((parse, ct) =>
        {
            if (CommonOptions.OpenStore(parse.GetValue(db)!, mustExist: true) is not { } opened)
            {
                return Task.FromResult(2);
            }

            using var store = opened;
            var filter = new ListFilter
            {
                Since = parse.GetValue(since),
                Until = parse.GetValue(until),
                Type = parse.GetValue(type)?.ToUpperInvariant(),
                Actor = parse.GetValue(actor),
                Unit = parse.GetValue(unit),
                Source = parse.GetValue(source),
                ArticleId = parse.GetValue(article),
                Limit = parse.GetValue(limit),
            };
            var asJson = parse.GetValue(json);
            var kind = parse.GetValue(what)!;
            long Total() => store.CountListed(kind, filter);
            switch (kind)
            {
                case "articles":
                    Print(store.ListArticles(filter), asJson, kind, Total, r => $"{r.Id}  {r.Published ?? "----------"}  {r.Status,-10}  {r.Title ?? r.Source}");
                    break;
                case "events":
                    Print(store.ListEvents(filter), asJson, kind, Total, r => $"{r.Published ?? "----------"}  {r.Type,-10} {r.Mode ?? "",-18} {r.Actor ?? "?"} -> {r.Target ?? "-"} @ {r.Location ?? "-"}  \"{r.EvidenceText}\"");
                    break;
                case "claims":
                    Print(store.ListClaims(filter), asJson, kind, Total, r => $"{r.Published ?? "----------"}  {r.Source} {r.Verb} [{r.Stance}] {r.Content ?? r.EventLocalId}  \"{r.EvidenceText}\"");
                    break;
                default:
                    Print(store.ListQuantities(filter), asJson, kind, Total, r => $"{r.Published ?? "----------"}  {r.Text} = {Report.Bounds(r.Point, r.Min, r.Max)} {r.Unit}{(r.Qualifier is null ? "" : $" ({r.Qualifier})")}  \"{r.EvidenceText}\"");
                    break;
            }

            return Task.FromResult(0);
        });
        return cmd;
    }

    private static void Print<T>(IReadOnlyList<T> rows, bool json, string noun, Func<long> total, Func<T, string> line)
    {
        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(rows, JsonOut));
            return;
        }

        foreach (var row in rows)
        {
            Console.Out.WriteLine(line(row));
        }

        Console.Out.WriteLine(Shown(rows.Count, total(), noun));
    }

    /// <summary>The closing line of a list: how many rows it shows, and when it was cut, of how many and how to see more.</summary>
    public static string Shown(long shown, long total, string noun) =>
        shown < total
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"(showing {shown:N0} of {total:N0} {noun}; --limit N shows more)")
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"({shown:N0} {noun})");
}
