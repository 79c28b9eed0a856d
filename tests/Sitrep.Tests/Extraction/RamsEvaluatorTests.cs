using Sitrep.Analysis;
using Sitrep.Extraction.Evaluation;
using Xunit;

namespace Sitrep.Tests.Extraction;

/// <summary>The RAMS evaluator: examples joined into running text, attacks found at the gold trigger, roles by head word.</summary>
public class RamsEvaluatorTests
{
    // tokens 0..10: "Rebels shelled the army 's base in Homs on Monday ." then a second sentence
    private const string Example = """
        {"doc_key": "k1", "sentences": [["Rebels", "shelled", "the", "army", "'s", "base", "in", "Homs", "on", "Monday", "."], ["No", "one", "was", "hurt", "."]],
         "evt_triggers": [[1, 1, [["conflict.attack.n/a", 1.0]]]],
         "gold_evt_links": [[[1, 1], [0, 0], "evt004arg01attacker"], [[1, 1], [2, 5], "evt004arg02target"], [[1, 1], [7, 7], "evt004arg04place"]]}
        """;

    [Fact]
    public void Tokens_are_joined_without_spaces_before_closing_punctuation_and_clitics()
    {
        var j = RamsEvaluator.Join(["The", "army", "'s", "base", "(", "near", "Homs", ")", "was", "hit", "."]);
        Assert.Equal("The army's base (near Homs) was hit.", j.Text);
        Assert.Equal("'s", j.Text[j.TokenStarts[2]..j.TokenEnds[2]]);
        Assert.Equal("Homs", j.Text[j.TokenStarts[6]..j.TokenEnds[6]]);
    }

    [Fact]
    public void An_attack_at_the_gold_trigger_is_found_and_its_roles_scored()
    {
        var other = Example.Replace("conflict.attack.n/a", "life.die.n/a", StringComparison.Ordinal);
        var r = RamsEvaluator.Evaluate(Example.ReplaceLineEndings(" ") + "\n" + other.ReplaceLineEndings(" "), Analyzer.Default);
        Assert.Equal(1, r.Examples);
        Assert.Equal(1, r.Found);
        Assert.Equal(1, r.Roles.Single(x => x.Role == "attacker").Total);
        Assert.Equal(1, r.Roles.Single(x => x.Role == "place").Correct);
        Assert.Equal(0, r.EvidenceViolations);
    }

    [Fact]
    public void A_pronoun_argument_is_not_scored()
    {
        var pronoun = Example.Replace("\"Rebels\"", "\"They\"", StringComparison.Ordinal);
        var r = RamsEvaluator.Evaluate(pronoun.ReplaceLineEndings(" "), Analyzer.Default);
        Assert.Equal(0, r.Roles.Single(x => x.Role == "attacker").Total);
    }
}
