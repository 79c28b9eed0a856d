using System.Globalization;
using System.Text.RegularExpressions;
using Sitrep.Core;
using Sitrep.Storage;
using Sitrep.Web.Analysis;
using Sitrep.Web.Brief;
using Xunit;

namespace Sitrep.Tests.Web;

/// <summary>Issue 18 in the brief: the map across the antimeridian, a colour per type, regions by activity, evidence clauses.</summary>
public sealed partial class BriefViewsTests
{
    [Fact]
    public void Issue18_country_outlines_that_cross_the_antimeridian_never_jump_across_the_map()
    {
        foreach (var (id, rings) in WorldOutlines.Countries)
        {
            foreach (var ring in rings)
            {
                for (var i = 1; i < ring.Count; i++)
                {
                    Assert.True(Math.Abs(ring[i].Lon - ring[i - 1].Lon) <= 180, $"country {id}: a step of {ring[i].Lon - ring[i - 1].Lon:0}° in longitude");
                }
            }
        }

        // Russia (643) runs past +180 and is drawn a second time on the other side of the map.
        Assert.Contains(WorldOutlines.Countries["643"], r => WorldOutlines.Copies(r).Contains(-360));

        // On the rendered world map no edge of any outline spans half the map (the band across the map was such an edge).
        const int width = 720;
        var svg = Svg.Map([], width);
        foreach (Match path in PathData().Matches(svg))
        {
            foreach (var sub in path.Groups[1].Value.Split('Z', StringSplitOptions.RemoveEmptyEntries))
            {
                var xs = PointX().Matches(sub).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
                for (var i = 1; i < xs.Count; i++)
                {
                    Assert.True(Math.Abs(xs[i] - xs[i - 1]) < width / 2.0, $"an outline edge spans {Math.Abs(xs[i] - xs[i - 1]):0} of {width} pixels");
                }
            }
        }
    }

    [Fact]
    public void Issue18_every_plover_type_has_its_own_colour_shared_with_the_dashboard()
    {
        string[] types = ["AGREE", "ASSAULT", "COERCE", "CONSULT", "COOPERATE", "DEMAND", "DISAPPROVE", "MOBILIZE", "PROTEST", "REJECT", "REQUEST", "RETREAT", "SANCTION", "SUPPORT", "AID", "THREATEN", "ACCUSE", "CONCEDE", "INVESTIGATE", "OTHER"];
        var colours = types.Select(Svg.Colour).ToList();
        Assert.Equal(types.Length, colours.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Single(colours, c => c == Svg.Colour("OTHER")); // no type falls back to the "other" grey

        // The brief's legend names every type on its map in that type's colour, also past ten types.
        var events = types.Select((t, i) => new EventRecord { ArticleId = "a", LocalId = "e" + i, Type = t, Lat = 48 + (i * 0.1), Lon = 30 + (i * 0.1), Precision = "point" }).ToList();
        var map = Svg.Map(events);
        foreach (var t in types)
        {
            Assert.Contains($"fill=\"{Svg.Colour(t)}\" stroke=\"#222\" stroke-width=\"0.5\"/><text", map, StringComparison.Ordinal);
            Assert.Contains($">{t}</text>", map, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Issue18_regions_come_by_activity_with_unplaced_events_last_and_only_those_with_a_role_and_a_source()
    {
        var path = TestStore.NewPath();
        using (var store = SqliteStore.Open(path))
        {
            var day = new DateOnly(2026, 2, 20);
            var text = "Shelling hit Kharkiv. Shelling hit Kharkiv again. Drones hit Kharkiv. Troops massed in Kherson. Officials met. Russia attacked. Something happened.";
            var b = new DocBuilder(text, "Front report", "Front Daily", day);
            var kharkiv = b.Place("Kharkiv", "UA", 49.99, 36.23, PlacePrecision.Point, "Kharkiv Oblast");
            var kherson = b.Place("Kherson", "UA", 46.64, 32.61, PlacePrecision.Point, "Kherson Oblast");
            b.Event("ASSAULT", "shelling", "Shelling hit Kharkiv.", "Russia", "Ukraine", kharkiv, null);
            b.Event("ASSAULT", "shelling", "Shelling hit Kharkiv again.", "Russia", "Ukraine", kharkiv, null);
            b.Event("ASSAULT", "drone strike", "Drones hit Kharkiv.", "Russia", "Ukraine", kharkiv, null);
            b.Event("MOBILIZE", "troop deployment", "Troops massed in Kherson.", "Russia", null, kherson, null);
            b.Event("CONSULT", "meeting", "Officials met.", null, null, null, null); // unplaced, no role: left out
            b.Event("ASSAULT", "attack", "Russia attacked.", "Russia", null, null, null); // unplaced with a role and a source: kept, last
            b.Event("OTHER", "other", "Something happened.", null, null, null, null); // left out
            store.Save(b.Doc, "test-1", "fixture");
            var model = BriefRenderer.Build(store, new BriefOptions { Date = day, Days = 7 });
            Assert.Equal(["Ukraine — Kharkiv Oblast", "Ukraine — Kherson Oblast", BriefRenderer.Unplaced], model.Regions.Select(r => r.Region).ToList());
            Assert.Equal("Russia attacked.", Assert.Single(model.Regions[^1].Events).EvidenceText);
            Assert.Equal(2, model.UnplacedLeftOut);
            var html = BriefRenderer.Html(model);
            Assert.True(html.IndexOf("<h3>Ukraine — Kharkiv Oblast</h3>", StringComparison.Ordinal) < html.IndexOf("<h3>Unplaced</h3>", StringComparison.Ordinal));
            Assert.Contains("2 unplaced events without an actor, a target or a source are left out", html, StringComparison.Ordinal);
        }

        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }
    }

    [Fact]
    public void Issue18_a_long_evidence_sentence_shows_its_clause_and_the_whole_sentence_on_demand()
    {
        var filler = string.Join(" ", Enumerable.Repeat("The regional council discussed budgets, schools and the repair of roads", 12));
        var sentence = filler + "; Russian forces shelled the market in Kupiansk at noon; " + filler + ".";
        Assert.True(sentence.Length > 1500);
        var trigger = sentence.IndexOf("shelled", StringComparison.Ordinal);
        var (start, end) = EvidenceClause.Bounds(sentence, trigger, trigger + "shelled".Length);
        Assert.Equal("Russian forces shelled the market in Kupiansk at noon", sentence[start..end]);

        // A clause that is itself too long is cut around the anchor at word boundaries.
        var run = string.Join(" ", Enumerable.Repeat("word", 400));
        var at = run.Length / 2;
        var (s, e) = EvidenceClause.Bounds(run, at, at + 4);
        Assert.True(e - s <= EvidenceClause.MaxLength);
        Assert.True(s <= at && e >= at + 4);
        Assert.True(run[s - 1] == ' ' && (e == run.Length || run[e] == ' '));

        // Short evidence is shown whole.
        Assert.Equal((0, 20), EvidenceClause.Bounds("Drones hit Kharkiv. ", 0, 6));

        // The brief quotes the clause and keeps the whole sentence behind a disclosure.
        var path = TestStore.NewPath();
        using (var store = SqliteStore.Open(path))
        {
            var day = new DateOnly(2026, 2, 20);
            var b = new DocBuilder("Council report\n" + sentence, "Council report", "City Post", day);
            var kupiansk = b.Place("Kupiansk", "UA", 49.71, 37.61, PlacePrecision.Point);
            var ev = b.Event("ASSAULT", "shelling", sentence, "Russia", "Ukraine", kupiansk, null);
            ev.Trigger = b.Span("shelled");
            store.Save(b.Doc, "test-1", "fixture");
            var html = BriefRenderer.Html(BriefRenderer.Build(store, new BriefOptions { Date = day }));
            Assert.Contains("<q>… Russian forces shelled the market in Kupiansk at noon …</q> <details><summary>whole sentence</summary>", html, StringComparison.Ordinal);
        }

        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(path + suffix);
        }
    }

    [GeneratedRegex("<path d=\"([^\"]*)\"")]
    private static partial Regex PathData();

    [GeneratedRegex(@"[ML](-?[\d.]+),")]
    private static partial Regex PointX();
}
