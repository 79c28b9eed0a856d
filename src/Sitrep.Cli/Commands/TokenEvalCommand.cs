using System.CommandLine;
using System.Text.Json;
using Sitrep.Text.Evaluation;

namespace Sitrep.Cli.Commands;

/// <summary>`sitrep eval tokens --conllu FILE [--json]`: tokenisation and sentence-boundary F1 against a treebank.</summary>
public static class TokenEvalCommand
{
    public static Command Create()
    {
        var conllu = new Option<string>("--conllu") { Description = "A CoNLL-U file, e.g. ../shared/data/ud-english-ewt/en_ewt-ud-test.conllu", Required = true };
        var json = CommonOptions.Json();
        var verbose = new Option<bool>("--verbose") { Description = "also list the gold sentences missed and the predicted ones that match none" };
        var cmd = new Command("tokens", "Tokenisation and sentence-boundary precision, recall and F1 against CoNLL-U.") { conllu, json, verbose };
        cmd.SetAction((parse, ct) =>
        {
            var path = parse.GetValue(conllu)!;
            if (!File.Exists(path))
            {
                Console.Error.WriteLine($"sitrep: no CoNLL-U file at '{path}'");
                return Task.FromResult(2);
            }

            var docs = ConlluText.Read(path);
            var result = TokenEvaluation.Evaluate(docs, ct);
            if (parse.GetValue(verbose))
            {
                SentenceEvaluation.Evaluate(docs, 0, Console.Out, ct);
            }

            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(result, ListCommand.JsonOut));
            }
            else
            {
                Console.Out.WriteLine($"{"",-10} {"precision",10} {"recall",10} {"f1",10}");
                Console.Out.WriteLine($"{"tokens",-10} {result.TokenPrecision,10:0.0000} {result.TokenRecall,10:0.0000} {result.TokenF1,10:0.0000}");
                Console.Out.WriteLine($"{"sentences",-10} {result.SentencePrecision,10:0.0000} {result.SentenceRecall,10:0.0000} {result.SentenceF1,10:0.0000}");
                Console.Out.WriteLine($"{result.Documents} documents, {result.GoldTokens} gold tokens, {result.GoldSentences} gold sentences, {result.TokensPerSecond:0} tokens/s");
            }

            return Task.FromResult(0);
        });
        return cmd;
    }
}
