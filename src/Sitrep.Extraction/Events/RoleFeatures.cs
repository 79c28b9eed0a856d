using Sitrep.Core;
using Sitrep.Tagging;

namespace Sitrep.Extraction;

/// <summary>
/// Candidates and features of the trained role model (models/roles): for a trigger and a noun-phrase head of its
/// sentence, the dependency path between them, the voice, the candidate's preposition, relation, part of speech,
/// entity type and actor kind, its side and distance, and the trigger's word and event family. Shared by training
/// (tools/Sitrep.Training) and the event stage, so both compute the same features.
/// </summary>
public static class RoleFeatures
{
    /// <summary>The feature set's name, stored in the model's manifest.</summary>
    public const string FeatureSet = "role-features-1";

    /// <summary>The classes of the model.</summary>
    public static readonly string[] Classes = ["NONE", "AGENT", "TARGET"];

    private const int MaxPath = 6;

    /// <summary>The noun-phrase heads of tokens [first, end) outside the trigger [t0, t1): nouns, names and pronouns that head a phrase.</summary>
    public static List<int> Candidates(Document doc, int first, int end, int t0, int t1)
    {
        var result = new List<int>();
        var upos = doc.Tokens.Upos;
        var labels = doc.Tokens.DepLabels;
        for (var i = first; i < end; i++)
        {
            if (i >= t0 && i < t1 || upos.Count <= i || labels.Count <= i || labels[i] is null)
            {
                continue;
            }

            if (upos[i] is "NOUN" or "PROPN" or "PRON" && !(labels[i]!.StartsWith("compound", StringComparison.Ordinal) || labels[i]!.StartsWith("flat", StringComparison.Ordinal) || labels[i] == "fixed"))
            {
                result.Add(i);
            }
        }

        return result;
    }

    /// <summary>The token of a trigger [t0, t1) whose head lies outside it (its syntactic head).</summary>
    public static int TriggerHead(Document doc, int t0, int t1)
    {
        var heads = doc.Tokens.Heads;
        for (var i = t0; i < t1; i++)
        {
            if (heads.Count > i && (heads[i] < t0 || heads[i] >= t1))
            {
                return i;
            }
        }

        return t0;
    }

    /// <summary>Whether the trigger is a passive verb (a passive auxiliary or subject below it).</summary>
    public static bool Passive(Document doc, int t)
    {
        var heads = doc.Tokens.Heads;
        var labels = doc.Tokens.DepLabels;
        var from = Math.Max(0, t - 4);
        var to = Math.Min(doc.TokenCount, t + 1);
        for (var i = from; i < to; i++)
        {
            if (heads.Count > i && heads[i] == t && labels[i] is "aux:pass" or "nsubj:pass" or "csubj:pass")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The event family of a trigger for the features: attack, casualty, justice, contact, move or other (PLOVER
    /// types and the training sets' types map onto these).
    /// </summary>
    public static string Family(string ploverType, bool casualty) => ploverType switch
    {
        "ASSAULT" or "FIGHT" => casualty ? "casualty" : "attack",
        "COERCE" or "SANCTION" or "INVESTIGATE" => "justice",
        "MOBILIZE" or "RETREAT" or "AID" => "move",
        "AGREE" or "CONSULT" or "COOPERATE" or "DEMAND" or "DISAPPROVE" or "REJECT" or "REQUEST" or "THREATEN" or "ACCUSE" or "SUPPORT" or "CONCEDE" or "PROTEST" => "contact",
        _ => "other",
    };

    /// <summary>The features of candidate <paramref name="c"/> for the trigger headed by <paramref name="t"/>.</summary>
    /// <param name="actorKinds">per token, the kind of the actor whose mention covers it, or null.</param>
    public static void Extract(Document doc, string[] lower, int c, int t, string family, bool passive, string?[] actorKinds, List<uint> into)
    {
        var heads = doc.Tokens.Heads;
        var labels = doc.Tokens.DepLabels;
        var upos = doc.Tokens.Upos;
        var path = Path(heads, labels, c, t);
        var label = labels[c] ?? "";
        var prep = "";
        for (var i = Math.Max(0, c - 3); i < c; i++)
        {
            if (heads[i] == c && labels[i] == "case")
            {
                prep = lower[i];
            }
        }

        if (c + 1 < lower.Length && heads.Count > c + 1 && heads[c + 1] == c && labels[c + 1] == "case")
        {
            prep = lower[c + 1]; // "'s"
        }

        var voice = passive ? "pass" : "act";
        var side = c < t ? "L" : "R";
        var dist = Math.Abs(c - t);
        var bucket = dist switch { 1 => "1", 2 => "2", 3 => "3", <= 6 => "4-6", <= 10 => "7-10", _ => "far" };
        var ent = doc.Tokens.EntityTags.Count > c && doc.Tokens.EntityTags[c] is { Length: > 2 } tag ? tag[2..] : "O";
        var kind = actorKinds.Length > c ? actorKinds[c] ?? "none" : "none";
        var cu = upos.Count > c ? upos[c] ?? "" : "";
        var tu = upos.Count > t ? upos[t] ?? "" : "";
        var headWord = heads[c] >= 0 ? lower[heads[c]] : "ROOT";
        var capital = doc.Tokens.Forms[c].Length > 0 && char.IsUpper(doc.Tokens.Forms[c][0]) ? "cap" : "low";

        ulong H(string s) => FeatureHash.Of(s);
        into.Add(FeatureHash.Key(1, H("bias")));
        into.Add(FeatureHash.Key(2, H(path)));
        into.Add(FeatureHash.Key(3, H(path), H(voice)));
        into.Add(FeatureHash.Key(4, H(path), H(family)));
        into.Add(FeatureHash.Key(5, H(label), H(voice), H(side)));
        into.Add(FeatureHash.Key(6, H(prep), H(voice)));
        into.Add(FeatureHash.Key(7, H(prep), H(family)));
        into.Add(FeatureHash.Key(8, H(prep), H(side), H(voice)));
        into.Add(FeatureHash.Key(9, H(cu), H(capital)));
        into.Add(FeatureHash.Key(10, H(ent)));
        into.Add(FeatureHash.Key(11, H(kind)));
        into.Add(FeatureHash.Key(12, H(kind), H(family)));
        into.Add(FeatureHash.Key(13, H(side), H(bucket)));
        into.Add(FeatureHash.Key(14, H(lower[c])));
        into.Add(FeatureHash.Key(15, H(lower[c]), H(family)));
        into.Add(FeatureHash.Key(16, H(lower[t]), H(path)));
        into.Add(FeatureHash.Key(17, H(tu), H(label), H(side)));
        into.Add(FeatureHash.Key(18, H(headWord), H(label)));
        into.Add(FeatureHash.Key(19, H(ent), H(family), H(side)));
        into.Add(FeatureHash.Key(20, H(path.Length > 0 ? path.Split(' ').Length.ToString(System.Globalization.CultureInfo.InvariantCulture) : "0"), H(voice)));
        into.Add(FeatureHash.Key(21, H(label), H(family), H(voice)));
    }

    /// <summary>The labelled dependency path from <paramref name="c"/> up to the common ancestor and down to <paramref name="t"/>.</summary>
    public static string Path(List<int> heads, List<string?> labels, int c, int t)
    {
        var upC = new List<int> { c };
        for (var x = c; heads[x] >= 0 && upC.Count <= MaxPath; x = heads[x])
        {
            upC.Add(heads[x]);
        }

        var upT = new List<int> { t };
        for (var x = t; heads[x] >= 0 && upT.Count <= MaxPath; x = heads[x])
        {
            upT.Add(heads[x]);
        }

        var lca = upC.FirstOrDefault(upT.Contains, -1);
        if (lca < 0)
        {
            return "far";
        }

        var parts = new List<string>();
        for (var i = 0; upC[i] != lca; i++)
        {
            parts.Add((labels[upC[i]] ?? "") + "^");
        }

        var down = new List<string>();
        for (var i = 0; upT[i] != lca; i++)
        {
            down.Add("v" + (labels[upT[i]] ?? ""));
        }

        down.Reverse();
        parts.AddRange(down);
        return string.Join(' ', parts);
    }
}
