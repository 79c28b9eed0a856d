using System.Globalization;
using System.Xml.Linq;
using Sitrep.Core;

namespace Sitrep.Geo.Evaluation;

/// <summary>A gold toponym: its span, and its GeoNames id and coordinates when the annotators resolved it.</summary>
public sealed record GoldToponym(TextSpan Span, string Phrase, long? GeonameId, double? Lat, double? Lon);

/// <summary>A gold article.</summary>
public sealed record GoldArticle(string Corpus, string Id, string Text, IReadOnlyList<GoldToponym> Toponyms);

/// <summary>Reads the geoparsing gold files (LGL and TR-News schema, GeoWebNews schema).</summary>
public static class GeoGold
{
    private static readonly HashSet<string> GwnNonToponyms = new(["Literal_Expression", "Non_Lit_Expression", "Non_Toponym"], StringComparer.Ordinal);

    public static List<GoldArticle> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"gold file '{path}' not found", path);
        }

        var corpus = Path.GetFileNameWithoutExtension(path);
        var xml = XDocument.Load(path, LoadOptions.PreserveWhitespace);
        var articles = new List<GoldArticle>();
        var n = 0;
        foreach (var a in xml.Root!.Elements("article"))
        {
            n++;
            var text = a.Element("text")?.Value ?? string.Empty;
            var id = (string?)a.Attribute("docid") ?? (string?)a.Attribute("file") ?? n.ToString(CultureInfo.InvariantCulture);
            var tops = new List<GoldToponym>();
            foreach (var t in a.Element("toponyms")?.Elements("toponym") ?? [])
            {
                var g = t.Element("gaztag") is not null || t.Element("extractedName") is null ? FromLgl(t, text) : FromGwn(t, text);
                if (g is not null)
                {
                    tops.Add(g);
                }
            }

            articles.Add(new GoldArticle(corpus, id, text, tops));
        }

        return articles;
    }

    private static GoldToponym? FromLgl(XElement t, string text)
    {
        var phrase = t.Element("phrase")?.Value ?? string.Empty;
        if (!int.TryParse(t.Element("start")?.Value, out var start) || !int.TryParse(t.Element("end")?.Value, out _))
        {
            return null;
        }

        // TR-News offsets are sometimes a few characters off: find the phrase near the given offset
        var s = Locate(text, phrase, start);
        if (s < 0)
        {
            return null;
        }

        var gaz = t.Element("gaztag");
        long? id = null;
        double? lat = null, lon = null;
        if (gaz is not null)
        {
            if (long.TryParse((string?)gaz.Attribute("geonameid"), out var gid))
            {
                id = gid;
            }

            if (double.TryParse(gaz.Element("lat")?.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var la)
                && double.TryParse(gaz.Element("lon")?.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var lo))
            {
                lat = la;
                lon = lo;
            }
        }

        return new GoldToponym(new TextSpan(s, s + phrase.Length), phrase, id, lat, lon);
    }

    private static GoldToponym? FromGwn(XElement t, string text)
    {
        var type = t.Element("type")?.Value ?? string.Empty;
        if (GwnNonToponyms.Contains(type))
        {
            return null;
        }

        if (!int.TryParse(t.Element("start")?.Value, out var start) || !int.TryParse(t.Element("end")?.Value, out var end) || start < 0 || end > text.Length || end <= start)
        {
            return null;
        }

        long? id = long.TryParse(t.Element("geonamesID")?.Value, out var gid) ? gid : null;
        double? lat = double.TryParse(t.Element("latitude")?.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var la) ? la : null;
        double? lon = double.TryParse(t.Element("longitude")?.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var lo) ? lo : null;
        return new GoldToponym(new TextSpan(start, end), text[start..end], id, lat, lon);
    }

    private static int Locate(string text, string phrase, int start)
    {
        if (phrase.Length == 0)
        {
            return -1;
        }

        for (var d = 0; d <= 8; d++)
        {
            foreach (var s in new[] { start - d, start + d })
            {
                if (s >= 0 && s + phrase.Length <= text.Length && string.CompareOrdinal(text, s, phrase, 0, phrase.Length) == 0)
                {
                    return s;
                }
            }
        }

        return -1;
    }
}
