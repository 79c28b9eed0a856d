using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Recognizers.Text;
using Microsoft.Recognizers.Text.Number;
using Sitrep.Analysis;
using Sitrep.Core;
using Sitrep.Core.Pipeline;
using Sitrep.Extraction.Evaluation;

// Side-by-side quantity bench: Sitrep's quantity recognizer and Microsoft.Recognizers.Text 1.8.13 (NumberRange, Number
// and Percentage models, English) on the same gold texts (../shared/gold/dev and the seed). For each system it prints
// recall of bounds (units ignored), recall of bounds and unit (Sitrep; Recognizers.Text names no counted thing),
// precision, recall of the min and max bounds the gold gives, and the time per document. Usage:
//   dotnet run -c Release --project bench/Sitrep.QuantityBench -- [--dev DIR] [--seed DIR] [--content FILE] [--repeat N] [--json]
var dev = Arg("--dev", Path.Combine(SitrepPaths.Root, "..", "shared", "gold", "dev"));
var seed = Arg("--seed", Path.Combine(SitrepPaths.Root, "..", "shared", "seed"));
var contentFile = Arg("--content", Path.Combine(SitrepPaths.Root, "..", "shared", "gold", "content-ranges.json"));
var repeat = int.Parse(Arg("--repeat", "5"), CultureInfo.InvariantCulture);
var asJson = args.Contains("--json");

var docs = new List<GoldDoc>();
foreach (var (set, dir) in new[] { ("dev", dev), ("seed", seed) })
{
    if (!Directory.Exists(dir))
    {
        Console.Error.WriteLine($"quantity bench: gold folder '{dir}' not found; skipped");
        continue;
    }

    foreach (var gold in Directory.GetFiles(dir, "*.gold.json").Order(StringComparer.Ordinal))
    {
        var textPath = gold[..^".gold.json".Length] + ".txt";
        if (!File.Exists(textPath))
        {
            Console.Error.WriteLine($"quantity bench: '{gold}' has no text file '{Path.GetFileName(textPath)}'; skipped");
            continue;
        }

        try
        {
            docs.Add(GoldDoc.Read(set, gold, textPath));
        }
        catch (Exception e) when (e is JsonException or IOException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            Console.Error.WriteLine($"quantity bench: cannot read gold '{gold}': {e.Message}; skipped");
        }
    }
}

if (docs.Count == 0)
{
    Console.Error.WriteLine("quantity bench: no gold documents (give --dev and --seed folders of ID.txt + ID.gold.json pairs)");
    return 2;
}

var content = ContentRanges.Read(contentFile);

// Sitrep: the stages the quantity recognizer needs, then the recognizer (what it costs to get the quantities)
var pipeline = StageCatalog.CreateRegistry().BuildFromJson(
    """
    { "stages": [ { "name": "sitrep.Normalizer.v1" }, { "name": "sitrep.Tokenizer.v1" }, { "name": "sitrep.SentenceSplitter.v1" },
                  { "name": "sitrep.PosTagger.v1" }, { "name": "sitrep.Quantities.v1" } ] }
    """, SitrepPaths.Models, "the quantity bench pipeline");
Document AnalyseSitrep(GoldDoc d) => pipeline.Process(new Document(d.Text, published: d.Published));

var msNumber = new NumberRecognizer(Culture.English);
var models = new IModel[] { msNumber.GetNumberRangeModel(), msNumber.GetNumberModel(), msNumber.GetPercentageModel() };
List<Found> AnalyseMs(GoldDoc d)
{
    var all = new List<Found>();
    foreach (var model in models)
    {
        foreach (var r in model.Parse(d.Text))
        {
            if (Found.FromRecognizers(r) is { } f && !all.Any(x => x.Start <= f.Start && f.End <= x.End))
            {
                all.Add(f);
            }
        }
    }

    return all;
}

// warm up both (models, caches, JIT), then time each over the documents, `repeat` times, on one thread
foreach (var d in docs)
{
    AnalyseSitrep(d);
    AnalyseMs(d);
}

var sitrepDocs = new Dictionary<GoldDoc, Document>();
var msDocs = new Dictionary<GoldDoc, List<Found>>();
var sitrepMs = Time(() =>
{
    foreach (var d in docs)
    {
        sitrepDocs[d] = AnalyseSitrep(d);
    }
});
var recognizersMs = Time(() =>
{
    foreach (var d in docs)
    {
        msDocs[d] = AnalyseMs(d);
    }
});

var results = new List<Dictionary<string, object?>>();
foreach (var set in new[] { "dev", "seed", "all" })
{
    var inSet = docs.Where(d => set == "all" || d.Set == set).ToList();
    if (inSet.Count == 0)
    {
        continue;
    }

    var s = Score.Of(inSet, d => sitrepDocs[d].Quantities.Select(q => Found.FromSitrep(sitrepDocs[d], q)).ToList(), content);
    var m = Score.Of(inSet, d => msDocs[d], content);
    results.Add(Row("Sitrep", set, inSet.Count, s, sitrepMs));
    results.Add(Row("Recognizers.Text", set, inSet.Count, m, recognizersMs));
}

if (asJson)
{
    Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["documents"] = docs.Count,
        ["repeat"] = repeat,
        ["recognizers_text_models"] = "NumberRange, Number, Percentage (en-us), 1.8.13",
        ["rows"] = results,
    }, new JsonSerializerOptions { WriteIndented = true }));
}
else
{
    Console.WriteLine($"quantity bench: {docs.Count} documents ({docs.Count(d => d.Set == "dev")} dev, {docs.Count(d => d.Set == "seed")} seed), {docs.Sum(d => d.Gold.Count)} gold quantities; time = mean of {repeat} runs, one thread");
    Console.WriteLine("Recognizers.Text 1.8.13: NumberRange + Number + Percentage models (en-us); Sitrep: normalise, tokens, sentences, POS, quantities");
    Console.WriteLine();
    Console.WriteLine($"{"system",-17} {"set",-5} {"gold",5} {"found",6} {"R bounds",9} {"R b+unit",9} {"P bounds",9} {"P b+unit",9} {"P content",10} {"P b+u cont",11} {"min R",7} {"max R",7} {"ms/doc",8}");
    foreach (var r in results)
    {
        string F(string k) => r[k] is double v ? v.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";
        Console.WriteLine($"{r["system"],-17} {r["set"],-5} {r["gold"],5} {r["found"],6} {F("recall_bounds"),9} {F("recall_bounds_unit"),9} {F("precision_bounds"),9} {F("precision_bounds_unit"),9} {F("precision_bounds_content"),10} {F("precision_bounds_unit_content"),11} {F("min_recall"),7} {F("max_recall"),7} {F("ms_per_document"),8}");
    }

    Console.WriteLine();
    Console.WriteLine("R bounds: gold quantities whose point/min/max a system quantity gives exactly (units ignored); R b+unit: and its unit means the");
    Console.WriteLine("gold unit (eval gold's rule); P: system quantities that match a gold one; P content: counting only those inside the");
    Console.WriteLine("article's own text (content-ranges.json) on scraped pages; min R / max R: gold lower / upper bounds given exactly");
    Console.WriteLine("(with the unit for Sitrep); ms/doc: mean analysis time per document over all documents.");
}

return 0;

Dictionary<string, object?> Row(string system, string set, int n, Score sc, double totalMs) => new()
{
    ["system"] = system,
    ["set"] = set,
    ["documents"] = n,
    ["gold"] = sc.Gold,
    ["found"] = sc.FoundCount,
    ["recall_bounds"] = sc.RecallBounds,
    ["recall_bounds_unit"] = system == "Sitrep" ? sc.RecallUnit : null,
    ["precision_bounds"] = sc.PrecisionBounds,
    ["precision_bounds_unit"] = system == "Sitrep" ? sc.PrecisionUnit : null,
    ["precision_bounds_content"] = sc.PrecisionContent,
    ["precision_bounds_unit_content"] = system == "Sitrep" ? sc.PrecisionUnitContent : null,
    ["min_recall"] = sc.MinRecall,
    ["max_recall"] = sc.MaxRecall,
    ["gold_with_min"] = sc.GoldMin,
    ["gold_with_max"] = sc.GoldMax,
    ["ms_per_document"] = Math.Round(totalMs / docs.Count, 3),
};

double Time(Action run)
{
    var sw = Stopwatch.StartNew();
    for (var i = 0; i < repeat; i++)
    {
        run();
    }

    return sw.Elapsed.TotalMilliseconds / repeat;
}

string Arg(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

/// <summary>One gold quantity: its unit's meaning and its bounds as written.</summary>
internal sealed record GoldQuantity(string Text, string Unit, UnitMeaning Meaning, double? Point, double? Min, double? Max);

/// <summary>A gold document of the seed's format with its text.</summary>
internal sealed record GoldDoc(string Set, string Id, string Text, DateOnly? Published, List<GoldQuantity> Gold)
{
    public static GoldDoc Read(string set, string goldPath, string textPath)
    {
        using var gold = JsonDocument.Parse(File.ReadAllText(goldPath));
        var root = gold.RootElement;
        DateOnly? published = root.TryGetProperty("document", out var d) && d.TryGetProperty("published", out var p) && p.ValueKind == JsonValueKind.String
            ? DateOnly.ParseExact(p.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture)
            : set == "seed" ? new DateOnly(2024, 11, 11) : null;
        var list = new List<GoldQuantity>();
        if (root.TryGetProperty("quantities", out var qs) && qs.ValueKind == JsonValueKind.Array)
        {
            foreach (var q in qs.EnumerateArray())
            {
                double? N(string n) => q.TryGetProperty(n, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
                var unit = q.TryGetProperty("unit", out var u) ? u.GetString() ?? "" : "";
                list.Add(new GoldQuantity(q.TryGetProperty("text", out var t) ? t.GetString() ?? "" : "", unit, UnitMeaning.OfGold(unit), N("point"), N("min"), N("max")));
            }
        }

        var id = Path.GetFileName(textPath)[..^4];
        return new GoldDoc(set, id, File.ReadAllText(textPath), published, list);
    }
}

/// <summary>A quantity a system found: its bounds (several readings when the value may be a fraction or a percent) and span.</summary>
internal sealed record Found(int Start, int End, IReadOnlyList<(double? Point, double? Min, double? Max)> Readings, Quantity? Sitrep)
{
    public static Found FromSitrep(Document doc, Quantity q) => new(q.Span.Start, q.Span.End, [(q.Point, q.Min, q.Max)], q);

    /// <summary>Recognizers.Text's resolution as bounds: a number is a point; a range "[300,900)" or "(0.33,)" has bounds.</summary>
    public static Found? FromRecognizers(ModelResult r)
    {
        if (!r.Resolution.TryGetValue("value", out var raw) || raw?.ToString() is not { Length: > 0 } value)
        {
            return null;
        }

        var readings = new List<(double?, double?, double?)>();
        value = value.Trim();
        if (value.EndsWith('%'))
        {
            value = value[..^1];
        }

        if (value[0] is '[' or '(' && value[^1] is ']' or ')')
        {
            var parts = value[1..^1].Split(',');
            double? lo = parts.Length > 0 && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var a) ? a : null;
            double? hi = parts.Length > 1 && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var b) ? b : null;
            readings.Add((null, lo, hi));
            readings.Add((null, lo * 100, hi * 100)); // "more than a third": 0.333 is 33.3 percent
        }
        else if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
        {
            readings.Add((v, null, null));
            if (v < 1)
            {
                readings.Add((v * 100, null, null)); // "one-fifth" 0.2 is 20 percent
            }
        }
        else
        {
            return null;
        }

        return new Found(r.Start, r.End + 1, readings, null);
    }
}

/// <summary>The figures of one system on a set of documents.</summary>
internal sealed class Score
{
    public int Gold { get; private set; }

    public int FoundCount { get; private set; }

    public int GoldMin { get; private set; }

    public int GoldMax { get; private set; }

    public double RecallBounds { get; private set; }

    public double RecallUnit { get; private set; }

    public double PrecisionBounds { get; private set; }

    public double PrecisionUnit { get; private set; }

    public double? PrecisionContent { get; private set; }

    public double? PrecisionUnitContent { get; private set; }

    public double MinRecall { get; private set; }

    public double MaxRecall { get; private set; }

    public static Score Of(List<GoldDoc> docs, Func<GoldDoc, List<Found>> found, ContentRanges content)
    {
        int gold = 0, sys = 0, bounds = 0, unit = 0, sysBounds = 0, sysUnit = 0, gmin = 0, gmax = 0, minHit = 0, maxHit = 0;
        int contentSys = 0, contentHit = 0, contentHitU = 0;
        foreach (var d in docs)
        {
            var items = found(d);
            gold += d.Gold.Count;
            sys += items.Count;
            var usedB = new HashSet<Found>();
            var usedU = new HashSet<Found>();
            foreach (var g in d.Gold)
            {
                var b = items.FirstOrDefault(f => !usedB.Contains(f) && BoundsMatch(f, g));
                if (b is not null)
                {
                    usedB.Add(b);
                    bounds++;
                }

                var u = items.FirstOrDefault(f => !usedU.Contains(f) && f.Sitrep is { } q && g.Meaning.Matches(q) && BoundsMatch(f, g, scaledOnly: true));
                if (u is not null)
                {
                    usedU.Add(u);
                    unit++;
                }

                // min and max on their own: a system figure with the same lower (upper) bound, and for Sitrep the same unit
                if (g.Min is { } mn)
                {
                    gmin++;
                    if (items.Any(f => (f.Sitrep is null || g.Meaning.Matches(f.Sitrep)) && f.Readings.Any(r => Eq(r.Min, mn) || Eq(r.Min, mn * g.Meaning.Factor))))
                    {
                        minHit++;
                    }
                }

                if (g.Max is { } mx)
                {
                    gmax++;
                    if (items.Any(f => (f.Sitrep is null || g.Meaning.Matches(f.Sitrep)) && f.Readings.Any(r => Eq(r.Max, mx) || Eq(r.Max, mx * g.Meaning.Factor))))
                    {
                        maxHit++;
                    }
                }
            }

            sysBounds += usedB.Count;
            sysUnit += usedU.Count;
            if (content.For(d.Id, d.Text) is { } ranges)
            {
                var inside = items.Where(f => ranges.Any(r => r.Start <= f.Start && f.Start < r.End)).ToList();
                contentSys += inside.Count;
                contentHit += inside.Count(usedB.Contains);
                contentHitU += inside.Count(usedU.Contains);
            }
            else
            {
                contentSys += items.Count;
                contentHit += usedB.Count;
                contentHitU += usedU.Count;
            }
        }

        static double R(int a, int b) => b == 0 ? 0 : Math.Round((double)a / b, 3);
        return new Score
        {
            Gold = gold,
            FoundCount = sys,
            GoldMin = gmin,
            GoldMax = gmax,
            RecallBounds = R(bounds, gold),
            RecallUnit = R(unit, gold),
            PrecisionBounds = R(sysBounds, sys),
            PrecisionUnit = R(sysUnit, sys),
            PrecisionContent = content.Known ? R(contentHit, contentSys) : null,
            PrecisionUnitContent = content.Known ? R(contentHitU, contentSys) : null,
            MinRecall = R(minHit, gmin),
            MaxRecall = R(maxHit, gmax),
        };
    }

    /// <summary>All of point, min and max equal where the gold gives them and absent where it does not, as written or in the normalised unit.</summary>
    private static bool BoundsMatch(Found f, GoldQuantity g, bool scaledOnly = false)
    {
        var k = g.Meaning.Factor;
        return f.Readings.Any(r => (!scaledOnly && Eq(r.Point, g.Point) && Eq(r.Min, g.Min) && Eq(r.Max, g.Max))
            || (Eq(r.Point, g.Point * k) && Eq(r.Min, g.Min * k) && Eq(r.Max, g.Max * k)));
    }

    /// <summary>The gold evaluator's comparison: equal within 1 %.</summary>
    public static bool Eq(double? sys, double? gold) =>
        gold is null ? sys is null : sys is { } s && Math.Abs(s - gold.Value) <= Math.Max(1e-6, Math.Abs(gold.Value) * 0.01);
}

/// <summary>The hand-marked article text of scraped pages (content-ranges.json), in UTF-16 offsets.</summary>
internal sealed class ContentRanges
{
    private readonly Dictionary<string, List<(int Start, int End)>> _byId = new(StringComparer.Ordinal);

    public bool Known => _byId.Count > 0;

    public static ContentRanges Read(string path)
    {
        var c = new ContentRanges();
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"quantity bench: '{path}' not found; no precision on article content");
            return c;
        }

        using var json = JsonDocument.Parse(File.ReadAllText(path));
        foreach (var d in json.RootElement.GetProperty("documents").EnumerateArray())
        {
            var ranges = d.GetProperty("ranges").EnumerateArray().Select(r => (r[0].GetInt32(), r[1].GetInt32())).ToList();
            c._byId[d.GetProperty("id").GetString()!] = ranges;
        }

        return c;
    }

    /// <summary>The content ranges of a document, converted from code-point to UTF-16 offsets; null when it has none.</summary>
    public List<(int Start, int End)>? For(string id, string text)
    {
        if (!_byId.TryGetValue(id, out var ranges))
        {
            return null;
        }

        var utf16 = new List<int>(text.Length + 1);
        for (var i = 0; i < text.Length; i++)
        {
            utf16.Add(i);
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
        }

        utf16.Add(text.Length);
        int At(int cp) => cp < utf16.Count ? utf16[cp] : text.Length;
        return [.. ranges.Select(r => (At(r.Start), At(r.End)))];
    }
}
