using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.Json;
using Sitrep.Storage;
using Sitrep.Storage.Fusion;

namespace Sitrep.Cli.Commands;

/// <summary>
/// Commands over fused data: `fuse`, `events` (clusters, with --near/--radius), `estimates`, `contradictions`,
/// `history` and `search`.
/// </summary>
public static class FusionCommands
{
    public static IEnumerable<Command> CreateAll() => [Fuse(), Events(), Estimates(), Contradictions(), History(), Search()];

    public static Command Fuse()
    {
        var db = CommonOptions.Db();
        var json = CommonOptions.Json();
        var every = new Option<double>("--every")
        {
            Description = "Keep running: after each fusion wait this many seconds, then fuse again if anything was stored meanwhile (the fusion process beside workers started with --no-fuse). With --json, one line per fusion. 0: fuse once.",
        };
        var idleExit = new Option<double>("--idle-exit") { Description = "With --every: stop when nothing new was stored for this many seconds (0: run until stopped)." };
        var cmd = new Command("fuse", "Recompute reprint groups, event clusters, estimates and contradictions from the stored analyses.") { db, json, every, idleExit };
        cmd.SetAction((parse, ct) => WithStore(parse, db, store =>
        {
            var asJson = parse.GetValue(json);
            var pause = TimeSpan.FromSeconds(Math.Max(0, parse.GetValue(every)));
            if (pause == TimeSpan.Zero)
            {
                Print(Fuser.Run(store, ct), asJson, ListCommand.JsonOut);
                return 0;
            }

            var idleLimit = parse.GetValue(idleExit) is > 0 and var s ? TimeSpan.FromSeconds(s) : (TimeSpan?)null;
            var idle = System.Diagnostics.Stopwatch.StartNew();
            string? seen = null;
            var failing = false;
            while (!ct.IsCancellationRequested)
            {
                try
                {
                    var stamp = store.FusionStamp();
                    if (stamp != seen)
                    {
                        // Skips the recomputation when another process already fused this state of the store.
                        Print(Fuser.Run(store, skipWhenCurrent: true, ct), asJson, JsonLines);
                        seen = stamp;
                        idle.Restart();
                    }
                    else if (idleLimit is { } limit && idle.Elapsed >= limit)
                    {
                        break;
                    }

                    failing = false;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A database that is briefly away (restart, failover) must not end the fusion process.
                    Console.Error.WriteLine($"sitrep: fusion failed ({e.GetType().Name}: {e.Message}); trying again in {pause.TotalSeconds:0.#} s");
                    failing = true;
                }

                if (ct.WaitHandle.WaitOne(pause))
                {
                    break;
                }
            }

            return failing ? 2 : 0;
        }));
        return cmd;
    }

    // With --every, one JSON object per line and run.
    private static readonly JsonSerializerOptions JsonLines = new(ListCommand.JsonOut) { WriteIndented = false };

    private static void Print(FusionStats stats, bool asJson, JsonSerializerOptions jsonOptions)
    {
        if (asJson)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(stats, jsonOptions));
        }
        else
        {
            Console.Out.WriteLine(
                $"fusion: {stats.Articles} articles in {stats.ReprintGroups} independent sources (reprint groups; {stats.NewReprintRows} newly grouped), {stats.Clusters} event clusters, {stats.Estimates} estimates, {stats.Contradictions} contradictions ({stats.Milliseconds} ms: reprints {stats.ReprintMilliseconds}, load {stats.LoadMilliseconds}, engine {stats.EngineMilliseconds}, replace {stats.ReplaceMilliseconds})");
        }
    }

    public static Command Events()
    {
        var db = CommonOptions.Db();
        var json = CommonOptions.Json();
        var near = new Option<string?>("--near") { Description = "A place name; its coordinates come from the places the store resolved" };
        var radius = new Option<double>("--radius") { Description = "Distance from --near, e.g. 100km or 60mi", DefaultValueFactory = _ => 100, CustomParser = ParseRadius };
        var since = CommonOptions.Date("--since", "Only events on or after this date");
        var until = CommonOptions.Date("--until", "Only events on or before this date");
        var type = new Option<string?>("--type") { Description = "Event type, e.g. ASSAULT" };
        var actor = new Option<string?>("--actor") { Description = "Actor or target, e.g. \"Russia\"" };
        var limit = new Option<int>("--limit") { Description = "At most this many clusters", DefaultValueFactory = _ => 100 };
        var claims = new Option<bool>("--claims") { Description = "Print each cluster's claims" };
        var cmd = new Command("events", "Events fused across reports: one line per real event, with its reports and independent sources.") { db, json, near, radius, since, until, type, actor, limit, claims };
        cmd.SetAction((parse, ct) => WithStore(parse, db, store =>
        {
            var filter = new ClusterFilter
            {
                Type = parse.GetValue(type),
                Actor = parse.GetValue(actor),
                Since = parse.GetValue(since),
                Until = parse.GetValue(until),
                RadiusKm = parse.GetValue(radius),
                Limit = parse.GetValue(limit),
            };
            if (parse.GetValue(near) is { } placeName)
            {
                if (store.ResolvePlace(placeName) is not { } place)
                {
                    Console.Error.WriteLine($"sitrep: no stored place called '{placeName}' has coordinates; try the name as analyses resolved it (`sitrep list events`)");
                    return 2;
                }

                filter = filter with { NearLat = place.Lat, NearLon = place.Lon };
            }

            // The store filters clusters in memory (the --near distance too): count them all, then keep the first --limit.
            var all = store.ListClusters(filter with { Limit = int.MaxValue });
            var rows = all.Take(filter.Limit).ToList();
            if (parse.GetValue(json))
            {
                var withClaims = rows.Select(r => new { cluster = r, claims = parse.GetValue(claims) ? store.ClusterClaims(r.Id) : null });
                Console.Out.WriteLine(JsonSerializer.Serialize(parse.GetValue(claims) ? withClaims : (object)rows, ListCommand.JsonOut));
                return 0;
            }

            foreach (var r in rows)
            {
                var when = r.TimeStart is null ? r.FirstPublished ?? "----------" : r.TimeStart == r.TimeEnd || r.TimeEnd is null ? r.TimeStart : $"{r.TimeStart}..{r.TimeEnd}";
                var dist = r.DistanceKm is { } d ? $" ({d:0} km)" : "";
                Console.Out.WriteLine($"{r.Id}  {when,-22} {r.Type,-9} {r.Mode ?? "",-16} {r.Actor ?? "?"} -> {r.Target ?? "-"} @ {r.Location ?? "-"}{dist}  {r.Reports} reports, {r.Sources} sources, {r.Claims} claims{(r.Background ? "  [background: an earlier, known act]" : "")}");
                if (parse.GetValue(claims))
                {
                    foreach (var c in store.ClusterClaims(r.Id))
                    {
                        Console.Out.WriteLine($"    {c.Published ?? "----------"}  {c.Source} {c.Verb} [{c.Stance}]  \"{c.EvidenceText}\"");
                    }
                }
            }

            Console.Out.WriteLine(ListCommand.Shown(rows.Count, all.Count, "events"));
            return 0;
        }));
        return cmd;
    }

    public static Command Estimates()
    {
        var db = CommonOptions.Db();
        var json = CommonOptions.Json();
        var unit = new Option<string?>("--unit") { Description = "Unit, e.g. personnel, killed, drones" };
        var place = new Option<string?>("--place") { Description = "The place the quantity is about, e.g. \"Donetsk Oblast\"" };
        var owner = new Option<string?>("--owner") { Description = "Whose quantity, e.g. \"Russia\"" };
        var limit = new Option<int>("--limit") { Description = "At most this many estimates", DefaultValueFactory = _ => 500 };
        var cmd = new Command("estimates", "Estimates of one quantity over time from different sources, with their claimants and ranges.") { db, json, unit, place, owner, limit };
        cmd.SetAction((parse, ct) => WithStore(parse, db, store =>
        {
            var all = store.ListEstimates(parse.GetValue(unit), parse.GetValue(place), parse.GetValue(owner), int.MaxValue);
            var rows = all.Take(parse.GetValue(limit)).ToList();
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(rows, ListCommand.JsonOut));
                return 0;
            }

            foreach (var key in rows.GroupBy(r => r.QuantityKey))
            {
                var first = key.First();
                var sources = key.Select(r => r.ReprintGroup).Distinct(StringComparer.Ordinal).Count();
                Console.Out.WriteLine($"{Sitrep.Storage.Fusion.FusionEngine.UnitKey(first.Unit, first.Per)}{(first.Owner is null ? "" : " of " + first.Owner)}{(first.Place is null ? "" : " in " + first.Place)}: {key.Count()} estimates from {sources} independent sources");
                foreach (var r in key)
                {
                    Console.Out.WriteLine($"  {r.Published ?? "----------"}  {FusionEngine.Range(r),-16} \"{r.Text}\"  — {r.Claimant}  [{r.ArticleId[..Math.Min(12, r.ArticleId.Length)]}]");
                }
            }

            Console.Out.WriteLine(ListCommand.Shown(rows.Count, all.Count, "estimates"));
            return 0;
        }));
        return cmd;
    }

    public static Command Contradictions()
    {
        var db = CommonOptions.Db();
        var json = CommonOptions.Json();
        var kind = new Option<string?>("--kind") { Description = "estimate or denial" };
        kind.AcceptOnlyFromAmong("estimate", "denial");
        var limit = new Option<int>("--limit") { Description = "At most this many", DefaultValueFactory = _ => 500 };
        var cmd = new Command("contradictions", "Independent sources that disagree: estimates that do not overlap, or a denial against an assertion.") { db, json, kind, limit };
        cmd.SetAction((parse, ct) => WithStore(parse, db, store =>
        {
            var all = store.ListContradictions(parse.GetValue(kind), int.MaxValue);
            var rows = all.Take(parse.GetValue(limit)).ToList();
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(rows, ListCommand.JsonOut));
                return 0;
            }

            foreach (var r in rows)
            {
                Console.Out.WriteLine($"{r.Id}  {r.Kind,-8} {r.Subject}: {r.Detail}");
                Console.Out.WriteLine($"    {r.ASource}: \"{r.AText}\"");
                Console.Out.WriteLine($"    {r.BSource}: \"{r.BText}\"");
            }

            Console.Out.WriteLine(ListCommand.Shown(rows.Count, all.Count, "contradictions"));
            return 0;
        }));
        return cmd;
    }

    public static Command History()
    {
        var db = CommonOptions.Db();
        var json = CommonOptions.Json();
        var what = new Argument<string>("event") { Description = "An event cluster id (from `sitrep events`), ARTICLE#EVENT, or an article id (a unique prefix will do)" };
        var cmd = new Command("history", "What changed between analysis revisions of the articles that hold an event, and why (pipeline and model versions).") { what, db, json };
        cmd.SetAction((parse, ct) => WithStore(parse, db, store =>
        {
            var key = parse.GetValue(what)!;
            var articles = ResolveArticles(store, key, out var error);
            if (articles.Count == 0)
            {
                Console.Error.WriteLine($"sitrep: {error}");
                return 2;
            }

            var histories = articles.Select(a => (Article: a, Revisions: store.ArticleRevisions(a))).ToList();
            if (parse.GetValue(json))
            {
                var output = histories.Select(h => new
                {
                    article = h.Article,
                    revisions = h.Revisions.Select((r, i) => new
                    {
                        revision = r.Revision,
                        current = r.IsCurrent,
                        created_at = r.CreatedAt,
                        pipeline_version = r.PipelineVersion,
                        model_versions = JsonSerializer.Deserialize<Dictionary<string, string>>(r.ModelVersions),
                        changed_versions = i == 0 ? [] : VersionChanges(h.Revisions[i - 1], r),
                        added = i == 0 ? r.Facts : r.Facts.Except(h.Revisions[i - 1].Facts, StringComparer.Ordinal).ToList(),
                        removed = i == 0 ? [] : h.Revisions[i - 1].Facts.Except(r.Facts, StringComparer.Ordinal).ToList(),
                    }),
                });
                Console.Out.WriteLine(JsonSerializer.Serialize(output, ListCommand.JsonOut));
                return 0;
            }

            foreach (var (article, revisions) in histories)
            {
                Console.Out.WriteLine($"article {article}: {revisions.Count} revision(s)");
                for (var i = 0; i < revisions.Count; i++)
                {
                    var r = revisions[i];
                    Console.Out.WriteLine($"  revision {r.Revision}{(r.IsCurrent ? " (current)" : "")}  {r.CreatedAt}  pipeline {r.PipelineVersion}  {r.Facts.Count} facts");
                    if (i == 0)
                    {
                        continue;
                    }

                    var prev = revisions[i - 1];
                    foreach (var change in VersionChanges(prev, r))
                    {
                        Console.Out.WriteLine($"    why: {change}");
                    }

                    foreach (var added in r.Facts.Except(prev.Facts, StringComparer.Ordinal))
                    {
                        Console.Out.WriteLine($"    + {added}");
                    }

                    foreach (var removed in prev.Facts.Except(r.Facts, StringComparer.Ordinal))
                    {
                        Console.Out.WriteLine($"    - {removed}");
                    }
                }
            }

            return 0;
        }));
        return cmd;
    }

    public static Command Search()
    {
        var db = CommonOptions.Db();
        var json = CommonOptions.Json();
        var query = new Argument<string>("query") { Description = "Words that must all occur (drone strike Moscow), \"exact phrases\", OR between alternatives (drone OR missile), prefix* (shell*)" };
        var limit = new Option<int>("--limit") { Description = "At most this many articles", DefaultValueFactory = _ => 20 };
        var cmd = new Command("search", "Full-text search over stored titles and texts, best matches first.") { query, db, json, limit };
        cmd.SetAction((parse, ct) =>
        {
            if (parse.GetValue(query) is not { } words || !words.Any(char.IsLetterOrDigit))
            {
                Console.Error.WriteLine("sitrep: search needs words to look for, e.g. sitrep search \"drone strike\" (also \"exact phrase\", drone OR missile, shell*)");
                return Task.FromResult(2);
            }

            return SearchIn(parse, db, words, limit, json);
        });
        return cmd;
    }

    private static Task<int> SearchIn(ParseResult parse, Option<string> db, string words, Option<int> limit, Option<bool> json) =>
        WithStore(parse, db, store =>
        {
            var rows = store.Search(words, parse.GetValue(limit));
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(rows, ListCommand.JsonOut));
                return 0;
            }

            foreach (var r in rows)
            {
                Console.Out.WriteLine($"{r.Id}  {r.Published ?? "----------"}  {r.Outlet ?? "",-16} {r.Title ?? r.Source}");
            }

            Console.Out.WriteLine($"({rows.Count} articles)");
            return 0;
        });

    /// <summary>The pipeline and stage versions that differ between two revisions: the reason facts changed.</summary>
    public static List<string> VersionChanges(RevisionRow before, RevisionRow after)
    {
        var changes = new List<string>();
        if (before.PipelineVersion != after.PipelineVersion)
        {
            changes.Add($"pipeline {before.PipelineVersion} -> {after.PipelineVersion}");
        }

        var a = JsonSerializer.Deserialize<Dictionary<string, string>>(before.ModelVersions) ?? [];
        var b = JsonSerializer.Deserialize<Dictionary<string, string>>(after.ModelVersions) ?? [];
        foreach (var stage in a.Keys.Union(b.Keys).Order(StringComparer.Ordinal))
        {
            var va = a.GetValueOrDefault(stage);
            var vb = b.GetValueOrDefault(stage);
            if (va != vb)
            {
                changes.Add($"{stage} {va ?? "(absent)"} -> {vb ?? "(absent)"}");
            }
        }

        if (changes.Count == 0)
        {
            changes.Add("same versions (re-analysed)");
        }

        return changes;
    }

    private static List<string> ResolveArticles(IFusionStore store, string key, out string error)
    {
        error = "";
        if (store.GetCluster(key) is not null)
        {
            return [.. store.ClusterMembers(key).Select(m => m.ArticleId).Distinct(StringComparer.Ordinal)];
        }

        var articleKey = key.Split('#', '/')[0];
        var matches = store.ArticleIdsStartingWith(articleKey);
        if (matches.Count == 1 && articleKey.Length >= 6)
        {
            return [matches[0]];
        }

        error = matches.Count > 1
            ? $"'{key}' matches several articles ({string.Join(", ", matches)}); give more of the id"
            : $"no event cluster or article '{key}'; list clusters with `sitrep events` and articles with `sitrep list articles`";
        return [];
    }

    private static Task<int> WithStore(ParseResult parse, Option<string> db, Func<ISitrepStore, int> action)
    {
        if (CommonOptions.OpenStore(parse.GetValue(db)!, mustExist: true) is not { } store)
        {
            return Task.FromResult(2);
        }

        using (store)
        {
            return Task.FromResult(action(store));
        }
    }

    /// <summary>Parses "100km", "100 km", "60mi", "500m" or a bare number of kilometres.</summary>
    public static double ParseRadius(ArgumentResult result)
    {
        if (result.Tokens.Count == 0)
        {
            return 100;
        }

        var text = result.Tokens[0].Value.Trim().ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal);
        var factor = 1.0;
        if (text.EndsWith("km", StringComparison.Ordinal))
        {
            text = text[..^2];
        }
        else if (text.EndsWith("mi", StringComparison.Ordinal))
        {
            text = text[..^2];
            factor = 1.609344;
        }
        else if (text.EndsWith('m'))
        {
            text = text[..^1];
            factor = 0.001;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0)
        {
            return v * factor;
        }

        result.AddError($"'{result.Tokens[0].Value}' is not a distance; write e.g. 100km or 60mi");
        return 0;
    }
}
