using Sitrep.Core;
using Sitrep.Extraction;
using Xunit;

namespace Sitrep.Tests.Extraction;

public class EvidenceCheckerTests
{
    [Fact]
    public void A_clean_analysis_has_no_violations()
    {
        var doc = ExtractionTestData.Analyse("Polish officials said that Russia fired nearly 40 missiles at Lviv on Sunday. Kyiv denied it.");
        Assert.NotEmpty(doc.Events);
        Assert.Empty(EvidenceChecker.Check(doc));
    }

    [Fact]
    public void A_span_outside_the_text_is_reported()
    {
        var doc = ExtractionTestData.Analyse("Russia fired 12 missiles at Lviv.");
        doc.Quantities[0].Evidence = new TextSpan(0, doc.Text.Length + 5);
        Assert.Contains(EvidenceChecker.Check(doc), v => v.Contains("outside the text", StringComparison.Ordinal));
    }

    [Fact]
    public void A_quantity_span_without_its_number_is_reported()
    {
        var doc = ExtractionTestData.Analyse("Russia fired 12 missiles at Lviv.");
        var q = doc.Quantities[0];
        doc.Quantities[0] = new Quantity { Id = q.Id, Span = new TextSpan(0, 6), Unit = q.Unit, Point = q.Point, Evidence = q.Evidence };
        Assert.Contains(EvidenceChecker.Check(doc), v => v.Contains("holds no number", StringComparison.Ordinal));
    }

    [Fact]
    public void Event_evidence_that_leaves_out_the_named_actor_is_reported()
    {
        var doc = ExtractionTestData.Analyse("Russia fired 12 missiles at Lviv.");
        var e = doc.Events[0];
        e.Evidence = e.Trigger!.Value;
        Assert.Contains(EvidenceChecker.Check(doc), v => v.Contains("leaves it out", StringComparison.Ordinal));
    }

    [Fact]
    public void A_claim_whose_event_does_not_list_it_is_reported()
    {
        var doc = ExtractionTestData.Analyse("Polish officials said that Russia fired 12 missiles at Lviv.");
        doc.Events[0].ClaimIds.Clear();
        Assert.Contains(EvidenceChecker.Check(doc), v => v.Contains("does not list it", StringComparison.Ordinal));
    }
}
