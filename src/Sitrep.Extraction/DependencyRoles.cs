using Sitrep.Core;

namespace Sitrep.Extraction;

/// <summary>
/// Reads event roles from the dependency parse (UD relations): the subject of a verb through xcomp, conj, advcl and
/// participle chains, passive subjects and "by" agents, objects and prepositional arguments, and the noun phrase a
/// head token stands for. Built per document when the parse layer is present; the event rules fall back to word-order
/// heuristics without it.
/// </summary>
internal sealed class DependencyRoles
{
    private static readonly HashSet<string> Pronouns = new(StringComparer.Ordinal) { "it", "they", "he", "she", "we", "i", "you", "who", "which", "that", "this", "these", "those", "them", "him", "her", "us", "itself", "themselves", "one", "some", "all", "what" };

    private static readonly HashSet<string> PhraseStops = new(StringComparer.Ordinal) { "acl", "acl:relcl", "punct", "cc", "conj", "appos", "advcl", "parataxis", "dep", "ccomp", "xcomp", "obl", "advmod", "list" };

    private static readonly HashSet<string> TimeHeads = new(StringComparer.Ordinal)
    {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "tonight", "week", "weekend", "month", "year",
        "morning", "evening", "night", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "time",
    };

    private readonly Document _doc;
    private readonly string[] _lower;
    private readonly List<int> _heads;
    private readonly List<string?> _labels;
    private readonly List<int>[] _children;

    private DependencyRoles(Document doc, string[] lower)
    {
        _doc = doc;
        _lower = lower;
        _heads = doc.Tokens.Heads;
        _labels = doc.Tokens.DepLabels;
        _children = new List<int>[doc.TokenCount];
        for (var i = 0; i < _children.Length; i++)
        {
            _children[i] = [];
        }

        for (var i = 0; i < _children.Length; i++)
        {
            var h = _heads[i];
            if (h >= 0 && h < _children.Length && h != i)
            {
                _children[h].Add(i);
            }
        }
    }

    /// <summary>The roles of <paramref name="doc"/>, or null when it has no parse.</summary>
    public static DependencyRoles? For(Document doc, string[] lower) => doc.Has(Layer.Dependencies) && doc.Tokens.Heads.Count == doc.TokenCount ? new DependencyRoles(doc, lower) : null;

    /// <summary>Whether the sentence holding token <paramref name="t"/> was parsed (the parser may skip sentences; their tokens have no relation).</summary>
    public bool IsParsed(int t) => t >= 0 && t < _labels.Count && _labels[t] is not null;

    public string Label(int t) => _labels[t] ?? "";

    public int Head(int t) => _heads[t];

    private bool Is(int t, string label) => Label(t) == label || Label(t).StartsWith(label + ":", StringComparison.Ordinal);

    /// <summary>The first child of <paramref name="t"/> with the relation (or one of its subtypes).</summary>
    public int Child(int t, string label)
    {
        foreach (var c in _children[t])
        {
            if (Is(c, label))
            {
                return c;
            }
        }

        return -1;
    }

    private int ChildExact(int t, string label)
    {
        foreach (var c in _children[t])
        {
            if (Label(c) == label)
            {
                return c;
            }
        }

        return -1;
    }

    /// <summary>The preposition (case child) of a nominal, lower-cased, or "".</summary>
    public string CaseOf(int t)
    {
        foreach (var c in _children[t])
        {
            if (Label(c) == "case")
            {
                return _lower[c];
            }
        }

        return "";
    }

    /// <summary>
    /// The logical subject of verb <paramref name="t"/>: its nsubj, else the subject of the verb it depends on (xcomp with
    /// object control, conj, -ing adverbial clauses), else the noun a participle modifies. Passive is true when the
    /// subject is the patient (nsubj:pass, or the noun a past participle modifies). A pronoun subject of a complement
    /// clause resolves to the subject of the clause's reporting verb ("Syria says it will …").
    /// </summary>
    public int Subject(int t, out bool passive)
    {
        passive = false;
        for (var depth = 0; depth < 5 && t >= 0; depth++)
        {
            var ns = ChildExact(t, "nsubj");
            var nsp = Child(t, "nsubj:pass") is var x && x >= 0 ? x : ChildExact(t, "nsubj:outer");
            if (ns < 0 && nsp >= 0 && Label(nsp) == "nsubj:pass")
            {
                passive = true;
                return nsp;
            }

            if (ns >= 0)
            {
                if (Pronouns.Contains(_lower[ns]))
                {
                    // "who"/"which" subject of a relative clause: the noun it modifies
                    if (_lower[ns] is "who" or "which" or "that" && Is(t, "acl") && Head(t) >= 0)
                    {
                        return Head(t);
                    }

                    // "X said it will …": the reporting verb's subject
                    var up = t;
                    while (up >= 0 && (Is(up, "ccomp") || Is(up, "parataxis") || Is(up, "xcomp") || Is(up, "conj")) && Head(up) >= 0)
                    {
                        up = Head(up);
                        var s = ChildExact(up, "nsubj");
                        if (s >= 0 && !Pronouns.Contains(_lower[s]))
                        {
                            return s;
                        }
                    }
                }

                return ns;
            }

            var h = Head(t);
            if (h < 0)
            {
                return -1;
            }

            if (Is(t, "xcomp"))
            {
                var obj = ChildExact(h, "obj");
                if (obj >= 0 && obj < t)
                {
                    return obj;
                }

                t = h;
                continue;
            }

            if (Is(t, "conj") || Is(t, "advcl") && _lower[t].EndsWith("ing", StringComparison.Ordinal))
            {
                t = h;
                continue;
            }

            // "X has become Y's largest donor, sending …", "X is Y's main supplier, shipping …": a participle on a
            // predicate noun with a possessor tells what the clause's subject does, not what the possessor does
            if (Is(t, "acl") && _lower[t].EndsWith("ing", StringComparison.Ordinal) && Child(h, "nmod:poss") >= 0 && (ChildExact(h, "nsubj") >= 0 || Is(h, "xcomp") && Head(h) >= 0))
            {
                var predicateSubject = ChildExact(h, "nsubj");
                if (predicateSubject >= 0)
                {
                    return predicateSubject;
                }

                t = Head(h);
                continue;
            }

            if (Is(t, "acl"))
            {
                passive = _lower[t].EndsWith("ed", StringComparison.Ordinal) || _lower[t].EndsWith("en", StringComparison.Ordinal);
                return h;
            }

            return -1;
        }

        return -1;
    }

    /// <summary>The agent of a passive verb: an obl:agent, or an obl introduced by "by".</summary>
    public int PassiveAgent(int t)
    {
        foreach (var c in _children[t])
        {
            if (Label(c) == "obl:agent" || Is(c, "obl") && CaseOf(c) == "by")
            {
                return c;
            }
        }

        return -1;
    }

    /// <summary>The direct object of <paramref name="t"/>, or -1.</summary>
    public int Object(int t) => ChildExact(t, "obj");

    /// <summary>The first obl/nmod argument of <paramref name="t"/> whose preposition is in <paramref name="preps"/>.</summary>
    public int Prepositional(int t, IReadOnlySet<string> preps)
    {
        foreach (var c in _children[t])
        {
            if ((Is(c, "obl") || Is(c, "nmod")) && preps.Contains(CaseOf(c)))
            {
                return c;
            }
        }

        return -1;
    }

    /// <summary>The token range [first, last] of the noun phrase headed by <paramref name="h"/> (without clauses and appositions).</summary>
    public (int First, int Last) Phrase(int h)
    {
        var first = h;
        var last = h;
        var stack = new Stack<int>();
        stack.Push(h);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            foreach (var c in _children[n])
            {
                if (PhraseStops.Contains(Label(c)) || Label(c).StartsWith("acl", StringComparison.Ordinal))
                {
                    continue;
                }

                // an "of" phrase belongs to the noun ("leaders of the coalition"); other prepositional phrases do not
                if (Is(c, "nmod") && CaseOf(c) is not ("of" or "'s" or "") && Label(c) != "nmod:poss")
                {
                    continue;
                }

                first = Math.Min(first, c);
                last = Math.Max(last, c);
                stack.Push(c);
            }
        }

        return (first, last);
    }

    /// <summary>The token range [first, last] of everything <paramref name="h"/> dominates.</summary>
    public (int First, int Last) Subtree(int h)
    {
        var first = h;
        var last = h;
        var stack = new Stack<int>();
        stack.Push(h);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            foreach (var c in _children[n])
            {
                first = Math.Min(first, c);
                last = Math.Max(last, c);
                stack.Push(c);
            }
        }

        return (first, last);
    }

    /// <summary>Whether <paramref name="h"/> is a pronoun (no phrase of its own to report).</summary>
    public bool IsPronoun(int h) => Pronouns.Contains(_lower[h]);

    /// <summary>The text of the phrase headed by <paramref name="h"/>, without leading determiners, at most eight tokens ending at the head when longer.</summary>
    public string? PhraseText(int h)
    {
        if (IsPronoun(h) || !char.IsLetter(_lower[h][0]) || TimeHeads.Contains(_lower[h]))
        {
            return null;
        }

        var (first, last) = Phrase(h);
        while (first < h && (Words.Determiners.Contains(_lower[first]) || Label(first) == "case"))
        {
            first++;
        }

        while (last > h && Words.IsPunct(_lower[last]))
        {
            last--;
        }

        if (last - first > 7)
        {
            last = h;
            first = Math.Max(first, h - 4);
        }

        return _doc.Text[_doc.Tokens.Starts[first].._doc.Tokens.Ends[last]];
    }
}
