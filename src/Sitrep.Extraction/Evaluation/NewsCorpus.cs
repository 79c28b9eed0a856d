using System.Globalization;
using System.Text.Json;
using Sitrep.Core;

namespace Sitrep.Extraction.Evaluation;

/// <summary>
/// Reads ../shared/data/ukraine-war-news-en: warline items as headline + description_en published on full_date,
/// and the scraped articles with their date. Bad lines are skipped with a message naming file and line.
/// </summary>
public static class NewsCorpus
{
    public static List<(string Id, Document Doc)> Load(string folder, out List<string> skipped)
    {
        skipped = [];
        var docs = new List<(string, Document)>();
        var warline = Path.Combine(folder, "warline_events_2022.jsonl");
        if (File.Exists(warline))
        {
            var n = 0;
            foreach (var line in File.ReadLines(warline))
            {
                n++;
                try
                {
                    using var j = JsonDocument.Parse(line);
                    var r = j.RootElement;
                    var headline = Str(r, "headline") ?? "";
                    var desc = Str(r, "description_en") ?? "";
                    var text = (headline + "\n" + desc).Trim();
                    if (text.Length == 0)
                    {
                        continue;
                    }

                    DateOnly? pub = DateOnly.TryParseExact(Str(r, "full_date"), "M/d/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
                    docs.Add(($"warline-{Str(r, "token_id") ?? n.ToString(CultureInfo.InvariantCulture)}", new Document(text, title: headline, published: pub, language: "en")));
                }
                catch (JsonException e)
                {
                    skipped.Add($"cannot read '{warline}' line {n}: {e.Message}; skipped");
                }
            }
        }

        var scraped = Path.Combine(folder, "scraped_articles_2026.jsonl");
        if (File.Exists(scraped))
        {
            var n = 0;
            foreach (var line in File.ReadLines(scraped))
            {
                n++;
                try
                {
                    using var j = JsonDocument.Parse(line);
                    var r = j.RootElement;
                    var text = Str(r, "text") ?? "";
                    if (text.Length == 0)
                    {
                        continue;
                    }

                    DateOnly? pub = DateOnly.TryParseExact(Str(r, "date"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
                    docs.Add((Str(r, "id") ?? $"scraped-{n}", new Document(text, title: Str(r, "title"), url: Str(r, "url"), outlet: Str(r, "domain"), published: pub, language: "en")));
                }
                catch (JsonException e)
                {
                    skipped.Add($"cannot read '{scraped}' line {n}: {e.Message}; skipped");
                }
            }
        }

        return docs;
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
