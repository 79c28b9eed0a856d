using System.Diagnostics;
using System.Text.Json;
using Sitrep.Analysis;
using Sitrep.Core;
using Sitrep.Extraction;
using Sitrep.Extraction.Evaluation;
using Sitrep.Tagging;

namespace Sitrep.Training;

/// <summary>
/// Trains the role model (models/roles): an averaged perceptron that labels each noun-phrase head of a trigger's
/// sentence as the event's AGENT, its TARGET or NONE. Training data: RAMS dev and test, WikiEvents dev and the PLOVER
/// gold standard records (../shared/data/event-extraction-gold); WikiEvents test is only scored. Each text runs through
/// the pipeline that parses every sentence (pipeline-parse.json), so the features are those the event stage sees.
/// </summary>
public static class RoleTrainer
{
    /// <summary>Argument roles of the training sets (RAMS, WikiEvents; lower case) read as the event's agent.</summary>
    private static readonly HashSet<string> AgentRoles = new(StringComparer.Ordinal)
    {
        "attacker", "killer", "injurer", "communicator", "giver", "preventer", "jailer", "investigator", "prosecutor", "destroyer", "damager",
        "damagerdestroyer", "demonstrator", "inspector", "spy", "violator", "impeder", "yielder", "surrenderer", "retreater", "hijacker", "detainer",
    };

    /// <summary>Argument roles read as the event's target.</summary>
    private static readonly HashSet<string> TargetRoles = new(StringComparer.Ordinal)
    {
        "target", "victim", "recipient", "detainee", "defendant", "beneficiary", "inspectedentity",
    };

    /// <summary>One trigger with its gold arguments (character ranges) in an analysed document.</summary>
    private sealed record Sample(Document Doc, string[] Lower, string?[] ActorKinds, int T0, int T1, string Family, List<(int Start, int End, int Class)> Args);

    /// <summary>A candidate's features and class, grouped by trigger.</summary>
    private sealed record Instance(uint[] Features, int Class);

    /// <param name="tune">train without WikiEvents dev and score on it (to choose settings without looking at test).</param>
    public static int Train(string goldFolder, string output, TrainSettings settings, bool tune = false)
    {
        var sw = Stopwatch.StartNew();
        var pipeline = Analyzer.FromFile(Path.Combine(SitrepPaths.Root, "pipeline-parse.json"));
        var rams = new[] { Path.Combine(goldFolder, "rams", "dev.jsonlines"), Path.Combine(goldFolder, "rams", "test.jsonlines") };
        var wikiDev = Path.Combine(goldFolder, "wikievents", "dev.jsonl");
        var wikiTest = Path.Combine(goldFolder, "wikievents", "test.jsonl");
        var plover = Path.Combine(goldFolder, "plover-gsr", "PLOVER_GSR_CAMEO.json");
        foreach (var f in rams.Append(wikiDev).Append(wikiTest).Append(plover))
        {
            if (!File.Exists(f))
            {
                throw new FileNotFoundException($"role training needs '{f}' (the event-extraction-gold folder of ../shared/data)");
            }
        }

        var train = new List<Sample>();
        foreach (var f in rams)
        {
            train.AddRange(Rams(f, pipeline));
        }

        var dev = WikiEvents(wikiDev, pipeline);
        if (!tune)
        {
            train.AddRange(dev);
        }

        train.AddRange(Plover(plover, pipeline));
        var test = tune ? dev : WikiEvents(wikiTest, pipeline);
        settings.Log.WriteLine($"roles: {train.Count} training triggers, {test.Count} test triggers ({TrainingCommon.Elapsed(sw)})");

        var groups = train.Select(Instances).Where(g => g.Count > 0).ToList();
        var model = new AveragedPerceptron(RoleFeatures.Classes);
        var rng = new Random(settings.Seed);
        Span<float> scores = stackalloc float[RoleFeatures.Classes.Length];
        for (var epoch = 0; epoch < settings.Epochs; epoch++)
        {
            TrainingCommon.Shuffle(groups, rng);
            var wrong = 0;
            var total = 0;
            foreach (var g in groups)
            {
                foreach (var x in g)
                {
                    model.Score(x.Features, scores);
                    var guess = ArgMax(scores);
                    model.Update(x.Features, x.Class, guess);
                    model.Tick();
                    wrong += guess == x.Class ? 0 : 1;
                    total++;
                }
            }

            settings.Log.WriteLine($"roles: epoch {epoch + 1}: {wrong} of {total} candidates wrong ({TrainingCommon.Elapsed(sw)})");
        }

        var frozen = model.Average(settings.Prune);
        var roleModel = new RoleModel(frozen);
        var (agentAcc, agentN, targetAcc, targetN) = Score(roleModel, test);
        var (trainAgent, _, trainTarget, _) = Score(roleModel, train);
        settings.Log.WriteLine($"roles: WikiEvents {(tune ? "dev (held out)" : "test")} agent {agentAcc:0.000} (n={agentN}), target {targetAcc:0.000} (n={targetN}); training agent {trainAgent:0.000}, target {trainTarget:0.000}");

        if (tune)
        {
            return 0;
        }

        Directory.CreateDirectory(output);
        TrainingCommon.SaveModel(frozen, Path.Combine(output, RoleModel.ModelFile));
        var draft = new ModelManifest
        {
            Name = RoleModel.Name,
            Version = Path.GetFileName(Path.GetFullPath(output)),
            Kind = RoleModel.Kind,
            SitrepMin = TrainingCommon.SitrepMin,
            SitrepMaxExclusive = TrainingCommon.SitrepMaxExclusive,
            TrainingData =
            [
                .. rams.Select(r => DataSet(r, "train", "CC BY-SA 4.0 (RAMS)")),
                DataSet(wikiDev, "train", "MIT (gen-arg repository); texts: their publishers (WikiEvents)"),
                DataSet(plover, "train", "CC BY-SA 4.0 (PLOVER gold standard records)"),
                DataSet(wikiTest, "score", "MIT (gen-arg repository); texts: their publishers (WikiEvents)"),
            ],
            Licence = "Weights derived from RAMS and the PLOVER records (CC BY-SA 4.0) and WikiEvents dev (MIT)",
            Settings = new Dictionary<string, string>
            {
                ["features"] = RoleFeatures.FeatureSet,
                ["epochs"] = settings.Epochs.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["seed"] = settings.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["prune"] = settings.Prune.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["pipeline"] = "pipeline-parse.json",
                ["training_triggers"] = train.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            Scores = new Dictionary<string, double>
            {
                ["wikievents-test:agent_accuracy"] = Math.Round(agentAcc, 4),
                ["wikievents-test:target_accuracy"] = Math.Round(targetAcc, 4),
                ["train:agent_accuracy"] = Math.Round(trainAgent, 4),
                ["train:target_accuracy"] = Math.Round(trainTarget, 4),
            },
        };
        ModelManifest.Write(output, draft, [RoleModel.ModelFile]);
        settings.Log.WriteLine($"roles: wrote {output} ({frozen.FeatureCount} features, {TrainingCommon.Elapsed(sw)})");
        return 0;
    }

    private static ModelDataSet DataSet(string path, string role, string licence)
    {
        var d = TrainingCommon.DataSet(path, role);
        return new ModelDataSet { Name = d.Name, Path = d.Path, Role = role, Licence = licence };
    }

    private static int ArgMax(ReadOnlySpan<float> s)
    {
        var best = 0;
        for (var i = 1; i < s.Length; i++)
        {
            if (s[i] > s[best])
            {
                best = i;
            }
        }

        return best;
    }

    /// <summary>
    /// The candidates of a trigger's sentence with their classes: the syntactic head of a gold argument phrase takes its
    /// role; other heads inside an argument, and heads of arguments whose role maps to neither side, are left out.
    /// </summary>
    private static List<Instance> Instances(Sample s)
    {
        var result = new List<Instance>();
        var doc = s.Doc;
        var si = doc.SentenceIndexAt(doc.Tokens.Starts[s.T0]);
        if (si < 0 || !IsParsed(doc, s.T0))
        {
            return result;
        }

        var sentence = doc.Sentence(si);
        var t = RoleFeatures.TriggerHead(doc, s.T0, s.T1);
        var passive = RoleFeatures.Passive(doc, t);
        foreach (var c in RoleFeatures.Candidates(doc, sentence.FirstToken, sentence.EndToken, s.T0, s.T1))
        {
            var cls = 0;
            var skip = false;
            foreach (var (start, end, argClass) in s.Args)
            {
                if (doc.Tokens.Starts[c] < start || doc.Tokens.Ends[c] > end)
                {
                    continue;
                }

                var head = doc.Tokens.Heads[c];
                var isHead = head < 0 || doc.Tokens.Starts[head] < start || doc.Tokens.Ends[head] > end;
                if (isHead && argClass > 0)
                {
                    cls = argClass;
                }
                else
                {
                    skip = true;
                }
            }

            if (skip && cls == 0)
            {
                continue;
            }

            var f = new List<uint>(24);
            RoleFeatures.Extract(doc, s.Lower, c, t, s.Family, passive, s.ActorKinds, f);
            result.Add(new Instance([.. f], cls));
        }

        return result;
    }

    private static bool IsParsed(Document doc, int t) => doc.Tokens.DepLabels.Count > t && doc.Tokens.DepLabels[t] is not null;

    /// <summary>Agent and target accuracy per trigger: the model's choice is the gold argument's head (or both none).</summary>
    private static (double Agent, int AgentN, double Target, int TargetN) Score(RoleModel model, List<Sample> samples)
    {
        int agentOk = 0, agentN = 0, targetOk = 0, targetN = 0;
        foreach (var s in samples)
        {
            var doc = s.Doc;
            var si = doc.SentenceIndexAt(doc.Tokens.Starts[s.T0]);
            if (si < 0 || !IsParsed(doc, s.T0))
            {
                continue;
            }

            var sentence = doc.Sentence(si);
            var (a, g) = model.Choose(doc, s.Lower, sentence.FirstToken, sentence.EndToken, s.T0, s.T1, s.Family, s.ActorKinds);
            bool Inside(int tok, int cls) => tok >= 0 && s.Args.Any(x => x.Class == cls && doc.Tokens.Starts[tok] >= x.Start && doc.Tokens.Ends[tok] <= x.End);
            bool InSentence(int cls) => s.Args.Any(x => x.Class == cls && x.Start >= sentence.Span.Start && x.End <= sentence.Span.End);
            if (InSentence(1))
            {
                agentN++;
                agentOk += Inside(a, 1) ? 1 : 0;
            }

            if (InSentence(2))
            {
                targetN++;
                targetOk += Inside(g, 2) ? 1 : 0;
            }
        }

        return (agentN == 0 ? 0 : agentOk / (double)agentN, agentN, targetN == 0 ? 0 : targetOk / (double)targetN, targetN);
    }

    private static Sample? MakeSample(Document doc, int startChar, int endChar, string family, List<(int Start, int End, int Class)> args)
    {
        var t0 = doc.TokenIndexAtOrAfter(startChar);
        var t1 = Math.Max(t0 + 1, doc.TokenIndexAtOrAfter(endChar));
        if (t0 >= doc.TokenCount)
        {
            return null;
        }

        var lower = doc.Tokens.Forms.Select(f => f.ToLowerInvariant()).ToArray();
        var kinds = new string?[doc.TokenCount];
        var byId = doc.Actors.ToDictionary(a => a.Id, StringComparer.Ordinal);
        foreach (var m in doc.ActorMentions)
        {
            var kind = Core.Serialization.AnalysisJson.KindName(byId[m.ActorId].Kind);
            for (var k = doc.TokenIndexAtOrAfter(m.Span.Start); k < doc.TokenCount && doc.Tokens.Starts[k] < m.Span.End; k++)
            {
                kinds[k] = kind;
            }
        }

        return new Sample(doc, lower, kinds, t0, Math.Min(t1, doc.TokenCount), family, args);
    }

    private static int ClassOf(string role)
    {
        var r = role.ToLowerInvariant();
        return AgentRoles.Contains(r) ? 1 : TargetRoles.Contains(r) ? 2 : -1;
    }

    private static string FamilyOf(string type)
    {
        var t = type.ToLowerInvariant();
        return t switch
        {
            _ when t.StartsWith("conflict.attack", StringComparison.Ordinal) => "attack",
            _ when t.StartsWith("life.die", StringComparison.Ordinal) || t.StartsWith("life.injure", StringComparison.Ordinal) => "casualty",
            _ when t.StartsWith("justice", StringComparison.Ordinal) => "justice",
            _ when t.StartsWith("contact", StringComparison.Ordinal) || t.StartsWith("conflict.demonstrate", StringComparison.Ordinal) || t.StartsWith("government", StringComparison.Ordinal) => "contact",
            _ when t.StartsWith("movement", StringComparison.Ordinal) || t.StartsWith("transaction", StringComparison.Ordinal) || t.StartsWith("conflict.yield", StringComparison.Ordinal) => "move",
            _ => "other",
        };
    }

    /// <summary>RAMS: the tokens of the 5-sentence window joined by spaces; one trigger per document.</summary>
    private static List<Sample> Rams(string path, Sitrep.Core.Pipeline.Pipeline pipeline)
    {
        var result = new List<Sample>();
        foreach (var line in File.ReadLines(path))
        {
            using var j = JsonDocument.Parse(line);
            var root = j.RootElement;
            var tokens = root.GetProperty("sentences").EnumerateArray().SelectMany(s => s.EnumerateArray().Select(t => t.GetString() ?? "")).ToList();
            var starts = new int[tokens.Count];
            var sb = new System.Text.StringBuilder();
            for (var i = 0; i < tokens.Count; i++)
            {
                if (i > 0)
                {
                    sb.Append(' ');
                }

                starts[i] = sb.Length;
                sb.Append(tokens[i]);
            }

            var text = sb.ToString();
            int Start(int tok) => starts[tok];
            int End(int tok) => starts[tok] + tokens[tok].Length;
            var trig = root.GetProperty("evt_triggers")[0];
            var ts = trig[0].GetInt32();
            var te = trig[1].GetInt32();
            var family = FamilyOf(trig[2][0][0].GetString() ?? "");
            var args = new List<(int, int, int)>();
            foreach (var link in root.GetProperty("gold_evt_links").EnumerateArray())
            {
                var role = link[2].GetString() ?? "";
                var cls = ClassOf(role.Length > 11 ? role[11..] : role);
                args.Add((Start(link[1][0].GetInt32()), End(link[1][1].GetInt32()), Math.Max(0, cls)));
            }

            var doc = pipeline.Process(new Document(text));
            if (MakeSample(doc, Start(ts), End(te), family, args) is { } s)
            {
                result.Add(s);
            }
        }

        return result;
    }

    /// <summary>WikiEvents: each event mention of a document rebuilt from its token offsets.</summary>
    private static List<Sample> WikiEvents(string path, Sitrep.Core.Pipeline.Pipeline pipeline)
    {
        var result = new List<Sample>();
        foreach (var line in File.ReadLines(path))
        {
            using var j = JsonDocument.Parse(line);
            var root = j.RootElement;
            var rebuilt = WikiEventsEvaluator.Rebuild(root);
            var doc = pipeline.Process(new Document(rebuilt.Text));
            var entities = root.GetProperty("entity_mentions").EnumerateArray().ToDictionary(e => e.GetProperty("id").GetString() ?? "", e => (e.GetProperty("start").GetInt32(), e.GetProperty("end").GetInt32()), StringComparer.Ordinal);
            foreach (var em in root.GetProperty("event_mentions").EnumerateArray())
            {
                var trig = em.GetProperty("trigger");
                var args = new List<(int, int, int)>();
                foreach (var a in em.GetProperty("arguments").EnumerateArray())
                {
                    if (entities.TryGetValue(a.GetProperty("entity_id").GetString() ?? "", out var e))
                    {
                        args.Add((rebuilt.TokenStarts[e.Item1], rebuilt.TokenEnds[e.Item2 - 1], Math.Max(0, ClassOf(a.GetProperty("role").GetString() ?? ""))));
                    }
                }

                var ts = trig.GetProperty("start").GetInt32();
                var te = trig.GetProperty("end").GetInt32();
                if (MakeSample(doc, rebuilt.TokenStarts[ts], rebuilt.TokenEnds[te - 1], FamilyOf(em.GetProperty("event_type").GetString() ?? ""), args) is { } s)
                {
                    result.Add(s);
                }
            }
        }

        return result;
    }

    /// <summary>PLOVER records: the first marked event word is the trigger, the source and target texts the arguments.</summary>
    private static List<Sample> Plover(string path, Sitrep.Core.Pipeline.Pipeline pipeline)
    {
        var result = new List<Sample>();
        using var j = JsonDocument.Parse(File.ReadAllText(path));
        foreach (var r in j.RootElement.EnumerateArray())
        {
            if (!r.TryGetProperty("text", out var textEl) || textEl.GetString() is not { Length: > 0 } text || !r.TryGetProperty("textInfo", out var info) || info.ValueKind != JsonValueKind.Object
                || !info.TryGetProperty("markup", out var markupEl) || markupEl.GetString() is not { } markup)
            {
                continue;
            }

            var evt = markup.IndexOf("(EVT: ", StringComparison.Ordinal);
            var evtEnd = evt < 0 ? -1 : markup.IndexOf(')', evt);
            if (evtEnd < 0)
            {
                continue;
            }

            var trigger = markup[(evt + 6)..evtEnd].Split(' ')[0];
            var at = IndexOfWord(text, trigger);
            if (at < 0)
            {
                continue;
            }

            var args = new List<(int, int, int)>();
            foreach (var (field, cls) in new[] { ("source", 1), ("target", 2) })
            {
                if (r.TryGetProperty(field, out var arr) && arr.ValueKind == JsonValueKind.Array)
                {
                    foreach (var a in arr.EnumerateArray())
                    {
                        if (a.TryGetProperty("actorText", out var t) && t.GetString() is { Length: > 0 } actor && IndexOfWord(text, actor) is var p and >= 0)
                        {
                            args.Add((p, p + actor.Length, cls));
                        }
                    }
                }
            }

            var doc = pipeline.Process(new Document(text));
            var type = r.GetProperty("event").GetString() ?? "";
            if (MakeSample(doc, at, at + trigger.Length, RoleFeatures.Family(type, false), args) is { } s)
            {
                result.Add(s);
            }
        }

        return result;
    }

    private static int IndexOfWord(string text, string word)
    {
        for (var i = text.IndexOf(word, StringComparison.Ordinal); i >= 0; i = text.IndexOf(word, i + 1, StringComparison.Ordinal))
        {
            var before = i == 0 || !char.IsLetterOrDigit(text[i - 1]);
            var after = i + word.Length >= text.Length || !char.IsLetterOrDigit(text[i + word.Length]);
            if (before && after)
            {
                return i;
            }
        }

        return -1;
    }
}
