using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Sitrep.Core;

namespace Sitrep.Geo.Evaluation;

/// <summary>The figures of one geo evaluation. Rates are fractions 0..1.</summary>
public sealed record GeoEvalResult
{
    public required string Mode { get; init; }
    public int Articles { get; init; }
    public int GoldToponyms { get; init; }
    public int Predicted { get; init; }
    public int Matched { get; init; }
    public double DetectionPrecision { get; init; }
    public double DetectionRecall { get; init; }
    public double DetectionF1 { get; init; }
    public int ResolvableMatched { get; init; }
    public double Exact { get; init; }
    public int WithCoordinates { get; init; }
    public double Acc161Km { get; init; }
    public double MeanErrorKm { get; init; }
    public double MedianErrorKm { get; init; }
    public double Abstained { get; init; }
    public double Seconds { get; init; }
    public IReadOnlyDictionary<string, GeoEvalResult>? PerCorpus { get; init; }

    /// <summary>Where the gold toponyms with coordinates go (see <see cref="GeoEvaluation.BreakdownKeys"/>), when asked for.</summary>
    public IReadOnlyDictionary<string, int>? Breakdown { get; init; }

    /// <summary>acc@161km if every right GeoNames id counted as within 161 km (area centroids that differ from the gold's point).</summary>
    public double Acc161KmCeiling { get; init; }

    public string ToJson()
    {
        var o = new Dictionary<string, object?>
        {
            ["mode"] = Mode,
            ["articles"] = Articles,
            ["gold_toponyms"] = GoldToponyms,
            ["predicted"] = Predicted,
            ["matched"] = Matched,
            ["detection_precision"] = Math.Round(DetectionPrecision, 4),
            ["detection_recall"] = Math.Round(DetectionRecall, 4),
            ["detection_f1"] = Math.Round(DetectionF1, 4),
            ["resolvable_matched"] = ResolvableMatched,
            ["exact"] = Math.Round(Exact, 4),
            ["with_coordinates"] = WithCoordinates,
            ["acc_161km"] = Math.Round(Acc161Km, 4),
            ["mean_error_km"] = Math.Round(MeanErrorKm, 1),
            ["median_error_km"] = Math.Round(MedianErrorKm, 1),
            ["abstained"] = Math.Round(Abstained, 4),
            ["seconds"] = Math.Round(Seconds, 2),
        };
        if (Breakdown is not null)
        {
            o["acc_161km_ceiling_right_id"] = Math.Round(Acc161KmCeiling, 4);
            o["breakdown"] = Breakdown.ToDictionary(kv => kv.Key, kv => (object)new Dictionary<string, object>
            {
                ["count"] = kv.Value,
                ["fraction"] = Math.Round(WithCoordinates == 0 ? 0 : (double)kv.Value / WithCoordinates, 4),
            });
        }

        if (PerCorpus is not null)
        {
            o["per_corpus"] = PerCorpus.ToDictionary(kv => kv.Key, kv => JsonSerializer.Deserialize<JsonElement>(kv.Value.ToJson()));
        }

        return JsonSerializer.Serialize(o);
    }

    public string ToTable()
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"{"set",-12} {"arts",5} {"gold",6} {"pred",6} {"P",6} {"R",6} {"F1",6} {"exact",6} {"@161",6} {"mean",7} {"median",7}");
        void Row(string name, GeoEvalResult r) => sb.AppendLine(CultureInfo.InvariantCulture,
            $"{name,-12} {r.Articles,5} {r.GoldToponyms,6} {r.Predicted,6} {r.DetectionPrecision,6:F3} {r.DetectionRecall,6:F3} {r.DetectionF1,6:F3} {r.Exact,6:F3} {r.Acc161Km,6:F3} {r.MeanErrorKm,7:F0} {r.MedianErrorKm,7:F1}");
        foreach (var (k, v) in PerCorpus ?? new Dictionary<string, GeoEvalResult>())
        {
            Row(k, v);
        }

        Row("all", this);
        if (Breakdown is not null)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"breakdown of the {WithCoordinates} matched gold toponyms with coordinates (all sets):");
            foreach (var (k, v) in Breakdown)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"  {k,-40} {v,6} {(WithCoordinates == 0 ? 0 : (double)v / WithCoordinates),7:F3}");
            }

            sb.AppendLine(CultureInfo.InvariantCulture, $"  acc@161km ceiling if every right id counted: {Acc161KmCeiling:F3}");
            foreach (var (k, v) in PerCorpus ?? new Dictionary<string, GeoEvalResult>())
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"  {k}: {string.Join(", ", v.Breakdown!.Where(kv => kv.Value > 0).Select(kv => $"{kv.Key} {kv.Value}"))}; ceiling {v.Acc161KmCeiling:F3}");
            }
        }

        sb.Append(CultureInfo.InvariantCulture, $"mode {Mode}; detection: a prediction matches a gold toponym when the spans overlap (one to one); exact and acc@161km over matched gold toponyms with a GeoNames id / coordinates (abstentions count as misses); {Seconds:F1} s");
        return sb.ToString();
    }
}

/// <summary>End-to-end and gold-span evaluation of toponym recognition and resolution.</summary>
public static class GeoEvaluation
{
    /// <param name="mentions">Named-entity mentions of a text (the NER the pipeline runs), or null to recognise from the gazetteer alone.</param>
    /// <summary>The categories of <see cref="GeoEvalResult.Breakdown"/>, in order. "far" is more than 161 km from the gold point.</summary>
    public static readonly string[] BreakdownKeys =
    [
        "within_161km",
        "right_id_far_country", "right_id_far_admin1", "right_id_far_admin2", "right_id_far_other",
        "wrong_id_far_gold_among_candidates", "wrong_id_far_gold_in_gazetteer", "wrong_id_far_gold_not_in_gazetteer", "wrong_id_far_gold_without_id",
        "unresolved_gold_among_candidates", "unresolved_gold_in_gazetteer", "unresolved_gold_not_in_gazetteer", "unresolved_gold_without_id",
        "unmatched",
    ];

    /// <param name="mentions">Named-entity mentions of a text (the NER the pipeline runs), or null to recognise from the gazetteer alone.</param>
    /// <param name="breakdown">Also count where the gold toponyms with coordinates go (<see cref="BreakdownKeys"/>).</param>
    public static GeoEvalResult Run(IGazetteer gazetteer, IEnumerable<string> goldFiles, bool goldSpans, int showErrors = 0, TextWriter? log = null, Func<string, IReadOnlyList<Mention>>? mentions = null, bool breakdown = false)
    {
        ArgumentNullException.ThrowIfNull(goldFiles);
        ArgumentNullException.ThrowIfNull(gazetteer);
        var resolver = new PlaceResolver(gazetteer);
        HashSet<long>? ids = null;
        if (breakdown)
        {
            ids = [];
            for (var i = 0; i < gazetteer.Count; i++)
            {
                ids.Add(gazetteer[i].GeonameId);
            }
        }

        var per = new Dictionary<string, GeoEvalResult>(StringComparer.Ordinal);
        var all = new Tally();
        var sw = Stopwatch.StartNew();
        var errors = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var file in goldFiles)
        {
            var articles = GeoGold.Read(file);
            var tally = new Tally();
            var csw = Stopwatch.StartNew();
            foreach (var a in articles)
            {
                List<ResolvedToponym> resolved;
                if (goldSpans)
                {
                    var tops = a.Toponyms.Select(g => GoldSpanToponym(resolver, a.Text, g)).ToList();
                    resolved = resolver.Resolve(a.Text, tops);
                }
                else
                {
                    var tops = resolver.Recognizer.Recognize(a.Text, mentions?.Invoke(a.Text));
                    resolved = resolver.Resolve(a.Text, tops);
                }

                Score(a, resolved, tally, showErrors, errors, log, ids);
            }

            per[Path.GetFileNameWithoutExtension(file)] = tally.Result(goldSpans ? "gold-spans" : "end-to-end", articles.Count, csw.Elapsed.TotalSeconds);
            all.Add(tally);
            all.Articles += articles.Count;
        }

        return all.Result(goldSpans ? "gold-spans" : "end-to-end", all.Articles, sw.Elapsed.TotalSeconds) with { PerCorpus = per };
    }

    private static Toponym GoldSpanToponym(PlaceResolver resolver, string text, GoldToponym g)
    {
        var surface = text[g.Span.Start..g.Span.End];
        var key = GeoText.Fold(surface);
        if (key.StartsWith("the ", StringComparison.Ordinal))
        {
            key = key[4..];
        }

        var hits = resolver.Gazetteer.Lookup(key);
        if (hits.Count == 0)
        {
            // the gold span may hold more than the name ("Kherson region's"): use the longest name inside it
            var inner = resolver.Recognizer.Recognize(surface, null);
            if (inner.Count > 0)
            {
                var best = inner.OrderByDescending(t => t.Span.Length).First();
                return best with { Span = g.Span };
            }
        }

        var words = key.Split(' ');
        return new Toponym(g.Span, key, hits, true)
        {
            RegionWord = words.Length > 1 && words[^1] is "region" or "oblast" or "province" or "krai" or "governorate" or "state",
            DistrictWord = words.Length > 1 && words[^1] is "district" or "raion" or "county" or "parish",
        };
    }

    private static void Score(GoldArticle a, List<ResolvedToponym> predicted, Tally t, int showErrors, Dictionary<string, int> errors, TextWriter? log, HashSet<long>? gazetteerIds)
    {
        t.Gold += a.Toponyms.Count;
        t.Predicted += predicted.Count;
        var used = new bool[predicted.Count];
        foreach (var g in a.Toponyms)
        {
            var match = -1;
            for (var i = 0; i < predicted.Count; i++)
            {
                if (!used[i] && predicted[i].Toponym.Span.Overlaps(g.Span))
                {
                    match = i;
                    break;
                }
            }

            if (match < 0)
            {
                if (gazetteerIds is not null && g.Lat is not null && g.Lon is not null)
                {
                    t.Count("unmatched");
                }

                Show("missed", $"{a.Corpus}/{a.Id}: '{g.Phrase}' {Context(a.Text, g.Span)}");
                continue;
            }

            used[match] = true;
            t.Matched++;
            var e = predicted[match].Entry;
            if (g.GeonameId is { } gid)
            {
                t.Resolvable++;
                if (e is not null && e.GeonameId == gid)
                {
                    t.Exact++;
                }
            }

            if (g.Lat is { } la && g.Lon is { } lo)
            {
                t.WithCoords++;
                if (e is { HasPoint: true })
                {
                    var d = GeoMath.DistanceKm(la, lo, e.Lat, e.Lon);
                    t.Errors.Add(d);
                    if (d <= 161)
                    {
                        t.Within161++;
                        Classify("within_161km");
                    }
                    else
                    {
                        Classify(g.GeonameId == e.GeonameId
                            ? "right_id_far_" + e.Kind switch { PlaceKind.Country => "country", PlaceKind.Admin1 => "admin1", PlaceKind.Admin2 => "admin2", _ => "other" }
                            : "wrong_id_far_" + GoldWhere());
                        var gold = g.GeonameId is { } gi ? predicted[match].Toponym.Hits.Select(h => h.Entry).FirstOrDefault(c => c.GeonameId == gi) : null;
                        Show("far", $"{a.Corpus}/{a.Id}: '{g.Phrase}' → {e.Name} {e.FeatureClass} {e.Country}.{e.Admin1} ({d:F0} km; gold {g.GeonameId}{(gold is null ? string.Empty : $" = candidate {gold.Name} {gold.FeatureClass} {gold.Country}.{gold.Admin1}")})");
                    }
                }
                else
                {
                    t.Abstained++;
                    Classify("unresolved_" + GoldWhere());
                    Show("abstained", $"{a.Corpus}/{a.Id}: '{g.Phrase}'");
                }
            }

            void Classify(string key)
            {
                if (gazetteerIds is not null)
                {
                    t.Count(key);
                }
            }

            string GoldWhere() =>
                gazetteerIds is null ? string.Empty
                : g.GeonameId is not { } id ? "gold_without_id"
                : predicted[match].Toponym.Hits.Any(h => h.Entry.GeonameId == id) ? "gold_among_candidates"
                : gazetteerIds.Contains(id) ? "gold_in_gazetteer"
                : "gold_not_in_gazetteer";
        }

        for (var i = 0; i < predicted.Count; i++)
        {
            if (!used[i])
            {
                var p = predicted[i];
                Show("spurious", $"{a.Corpus}/{a.Id}: '{a.Text[p.Toponym.Span.Start..p.Toponym.Span.End]}' → {p.Entry?.Name} {p.Entry?.FeatureClass} {Context(a.Text, p.Toponym.Span)}");
            }
        }

        void Show(string kind, string line)
        {
            if (showErrors <= 0 || log is null)
            {
                return;
            }

            var n = errors.GetValueOrDefault(kind);
            if (n < showErrors)
            {
                log.WriteLine($"[{kind}] {line}");
            }

            errors[kind] = n + 1;
        }
    }

    private static string Context(string text, TextSpan s)
    {
        var a = Math.Max(0, s.Start - 40);
        var b = Math.Min(text.Length, s.End + 40);
        return "«" + text[a..b].Replace('\n', ' ') + "»";
    }

    private sealed class Tally
    {
        public int Articles;
        public int Gold;
        public int Predicted;
        public int Matched;
        public int Resolvable;
        public int Exact;
        public int WithCoords;
        public int Within161;
        public int Abstained;
        public List<double> Errors { get; } = [];

        public Dictionary<string, int>? Categories { get; private set; }

        public void Count(string key)
        {
            Categories ??= BreakdownKeys.ToDictionary(k => k, _ => 0, StringComparer.Ordinal);
            Categories[key]++;
        }

        public void Add(Tally o)
        {
            if (o.Categories is not null)
            {
                Categories ??= BreakdownKeys.ToDictionary(k => k, _ => 0, StringComparer.Ordinal);
                foreach (var (k, v) in o.Categories)
                {
                    Categories[k] += v;
                }
            }

            Gold += o.Gold;
            Predicted += o.Predicted;
            Matched += o.Matched;
            Resolvable += o.Resolvable;
            Exact += o.Exact;
            WithCoords += o.WithCoords;
            Within161 += o.Within161;
            Abstained += o.Abstained;
            Errors.AddRange(o.Errors);
        }

        public GeoEvalResult Result(string mode, int articles, double seconds)
        {
            var p = Predicted == 0 ? 0 : (double)Matched / Predicted;
            var r = Gold == 0 ? 0 : (double)Matched / Gold;
            var sorted = Errors.Order().ToArray();
            return new GeoEvalResult
            {
                Mode = mode,
                Articles = articles,
                GoldToponyms = Gold,
                Predicted = Predicted,
                Matched = Matched,
                DetectionPrecision = p,
                DetectionRecall = r,
                DetectionF1 = p + r == 0 ? 0 : 2 * p * r / (p + r),
                ResolvableMatched = Resolvable,
                Exact = Resolvable == 0 ? 0 : (double)Exact / Resolvable,
                WithCoordinates = WithCoords,
                Acc161Km = WithCoords == 0 ? 0 : (double)Within161 / WithCoords,
                MeanErrorKm = sorted.Length == 0 ? 0 : sorted.Average(),
                MedianErrorKm = sorted.Length == 0 ? 0 : sorted[sorted.Length / 2],
                Abstained = WithCoords == 0 ? 0 : (double)Abstained / WithCoords,
                Seconds = seconds,
                Breakdown = Categories,
                Acc161KmCeiling = Categories is null || WithCoords == 0 ? 0
                    : (double)Categories.Where(kv => kv.Key == "within_161km" || kv.Key.StartsWith("right_id_far_", StringComparison.Ordinal)).Sum(kv => kv.Value) / WithCoords,
            };
        }
    }
}
