using Sitrep.Core;
using Sitrep.Core.Pipeline;

namespace Sitrep.Extraction;

/// <summary>
/// Finds every count, amount and share with its hedge kept as bounds: numbers in digits or words ("20,000", "1.5
/// million", "two dozen", "$12.3bn"), vague amounts ("thousands of", "several dozen"), fractions and shares
/// ("one-fifth" → 20 percent, "one in four" → 25), ranges ("500-600", "between X and Y", "three to five"), hedges
/// before or after the number ("nearly", "at least", "or less"), rates ("a month", "per day") and money with its
/// currency. The unit is the counted noun phrase's head, normalised through units.tsv when it names a known class
/// (troops → personnel, square miles → km²), else the noun itself ("2,500 rifles" → rifles); a number without a noun
/// takes the unit of its clause ("47 were injured" → wounded). A measure is not a count ("500-kilogram bombs" is
/// 500 kg of bombs). Dates, years, times, ages, ordinals and numbers inside names and designators ("Project 22460",
/// "Su-34", "330 kV line") are left alone. The same figure in a headline and the body is one quantity with two mentions.
/// </summary>
public sealed class QuantityRecognizer : IStage
{
    public const string StageName = "sitrep.Quantities.v1";

    /// <summary>Larger figures are not amounts (and would overflow decimal arithmetic with their scale words).</summary>
    private const decimal MaxAmount = 1e18m;

    private static readonly HashSet<string> Dashes = new(StringComparer.Ordinal) { "-", "–", "—" };

    private static readonly HashSet<string> Determiners = new(StringComparer.Ordinal) { "the", "these", "those", "our", "their", "its", "his", "her", "my", "your", "this", "that", "all" };

    private static readonly HashSet<string> Anaphors = new(StringComparer.Ordinal) { "them", "those", "these", "us", "whom", "which" };

    private static readonly HashSet<string> MoreWords = new(StringComparer.Ordinal) { "more", "additional", "extra", "further", "other" };

    private static readonly HashSet<string> CueSkips = new(StringComparer.Ordinal) { "is", "are", "was", "were", "be", "been", "being", "have", "has", "had", "reportedly", "also", "all", "allegedly", "now", "already", "were", "later" };

    private static readonly HashSet<string> YearContext = new(StringComparer.Ordinal) { "in", "since", "of", "by", "from", "until", "till", "the", "'s", "’s", "during", "before", "after", "early", "late", "mid", "spring", "summer", "autumn", "fall", "winter", "year" };

    private static readonly HashSet<string> RateBlockers = new(StringComparer.Ordinal) { "earlier", "later", "before", "after", "ago", "or", "and" };

    private readonly ExtractionLexicon _lex;
    private readonly QuantityLexicon _q;
    private readonly StateNames _states;

    public QuantityRecognizer(ExtractionLexicon? lexicon = null, QuantityLexicon? quantities = null)
    {
        _lex = lexicon ?? ExtractionLexicon.Default;
        _q = quantities ?? QuantityLexicon.Default;
        _states = lexicon is null ? StateNames.Default : new StateNames(_lex);
    }

    public string Name => StageName;

    public IReadOnlyList<Layer> Requires { get; } = [Layer.Tokens, Layer.Sentences, Layer.PartOfSpeech];

    public IReadOnlyList<Layer> Assigns { get; } = [Layer.Quantities];

    public void Process(Document doc, CancellationToken cancellationToken)
    {
        doc.Quantities.Clear();
        var c = new Ctx(doc, Words.Lower(doc));
        var found = new List<(Quantity Q, int Sentence)>();
        for (var s = 0; s < doc.SentenceCount; s++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var sentence = doc.Sentence(s);
            c.First = sentence.FirstToken;
            c.End = sentence.EndToken;
            c.Evidence = sentence.Span;
            c.TitleCase = false;
            c.TitleCaseKnown = false;
            c.InSentence.Clear();
            c.SentenceIndex = s;
            for (var i = c.First; i < c.End; i++)
            {
                var t = c.Lower[i];
                if (t.Length == 0 || !(char.IsDigit(t[0]) || _q.FirstWords.Contains(t)))
                {
                    continue;
                }

                var q = TryAt(c, i, out var last);
                if (q is not null)
                {
                    found.Add((q, s));
                    c.InSentence.Add(q);
                    i = last;
                }
            }
        }

        foreach (var q in Merge(doc, found))
        {
            doc.Quantities.Add(q);
        }

        for (var k = 0; k < doc.Quantities.Count; k++)
        {
            doc.Quantities[k].Id = $"q{k + 1}";
        }
    }

    /// <summary>Per-sentence state of one document's pass.</summary>
    private sealed class Ctx(Document doc, string[] lower)
    {
        public Document Doc { get; } = doc;

        public string[] Lower { get; } = lower;

        public List<string> Forms => Doc.Tokens.Forms;

        public List<string?> Tags => Doc.Tokens.Xpos;

        public int First;
        public int End;
        public int SentenceIndex = -1;
        public TextSpan Evidence;
        public bool TitleCase;
        public bool TitleCaseKnown;

        /// <summary>The quantities already found in this sentence (for "four of them").</summary>
        public List<Quantity> InSentence { get; } = [];

        public string Tag(int i) => Tags[i] ?? "";

        public bool IsTitleCase()
        {
            if (!TitleCaseKnown)
            {
                TitleCase = Words.IsTitleCaseSentence(Doc, SentenceIndex);
                TitleCaseKnown = true;
            }

            return TitleCase;
        }

        /// <summary>Whether tokens i and i+1 touch (no space between them).</summary>
        public bool Touch(int i) => Doc.Tokens.Ends[i] == Doc.Tokens.Starts[i + 1];
    }

    /// <summary>A number as read: a point or a range, with what it was written as.</summary>
    private sealed class Reading
    {
        public decimal? Point;
        public decimal? Min;
        public decimal? Max;
        public int Next;
        public VagueAmount? Vague;
        public bool Scaled;
        public bool Words;
        public bool Range;
        public bool Share;
        public string? Suffix;
    }

    private Quantity? TryAt(Ctx c, int i, out int last)
    {
        last = i;
        var lower = c.Lower;
        var end = c.End;

        // hedge ("nearly", "more than"), "between", then a currency written before the number
        QuantityHedge? hedge = null;
        var h = i;
        var between = false;
        if (lower[i] == "between")
        {
            between = true;
            h = i + 1;
        }
        else if (_q.HedgesByFirst.TryGetValue(lower[i], out var hedges))
        {
            foreach (var he in hedges)
            {
                if (Matches(lower, i, end, he.Tokens))
                {
                    hedge = he;
                    h = i + he.Tokens.Length;
                    break;
                }
            }

            // "7 civilians+1 policeman": a plus sign glued to a word adds, it does not hedge
            if (hedge is not null && hedge.Tokens is ["+"] && i > c.First && c.Touch(i - 1))
            {
                return null;
            }

            // "control over 400 square kilometres": after a noun, "over" is a preposition, not a hedge
            if (hedge is not null && hedge.Tokens[0] is "over" or "above" or "under" or "around" && i > c.First && c.Tag(i - 1).StartsWith("NN", StringComparison.Ordinal))
            {
                return null;
            }
        }

        if (h >= end)
        {
            return null;
        }

        string? currency = null;
        var n = h;
        foreach (var cf in _q.CurrenciesByFirst.GetValueOrDefault(lower[h]) ?? [])
        {
            // a symbol written with its country letters ("US$", "A$") is one word: "a $59 million" is dollars
            if (cf.Position is "before" or "both" && Matches(lower, h, end, cf.Tokens) && Touching(c, h, cf.Tokens.Length))
            {
                currency = cf.Code;
                n = h + cf.Tokens.Length;
                break;
            }
        }

        if (n >= end)
        {
            return null;
        }

        var r = new Reading();
        if (!Read(c, n, currency is not null, between, r) || (hedge is null && !between && currency is null && n == i && IsDesignated(c, n)))
        {
            return null;
        }

        if (!r.Share && r.Vague is null && IsDateOrTime(c, n, r))
        {
            return null;
        }

        var p = r.Next;
        string? unit = null;
        string? unitText = null;
        string? noun = null;
        string? measure = null;
        string? owner = null;
        string? per = null;
        var kind = QuantityKind.Count;
        double factor = 1;
        var stop = p; // the end (exclusive) of the quantity phrase in tokens
        int phraseStart = -1, phraseEnd = -1;
        var bare = false;
        var cueFrom = p;
        QuantityHedge? after = null;

        if (p < end && lower[p] == "+" && hedge is null)
        {
            after = _q.HedgesAfter.FirstOrDefault(x => x.Tokens is ["+"]);
            p++;
            stop = p;
            cueFrom = p;
        }
        else if (p + 1 < end && Dashes.Contains(lower[p]) && lower[p + 1] == "plus" && c.Touch(p - 1) && c.Touch(p) && hedge is null)
        {
            // "500-plus troops": at least 500
            after = _q.HedgesAfter.FirstOrDefault(x => x.Tokens is ["plus"]);
            p += 2;
            stop = p;
            cueFrom = p;
        }

        if (r.Share)
        {
            unit = "percent";
            kind = QuantityKind.Share;
            (noun, stop) = ShareOf(c, p, stop);
        }
        else if (r.Suffix is not null)
        {
            // "1,200km", "400sq km", "1,150kg": the unit is written onto the number
            if (_q.DesignatorUnits.Contains(r.Suffix))
            {
                return null;
            }

            QuantityUnit? u = null;
            var used = 0;
            for (var len = Math.Min(_q.MaxUnitTokens - 1, end - p); len >= 0 && u is null; len--)
            {
                var key = QuantityLexicon.Key(r.Suffix + (len > 0 ? " " + string.Join(' ', lower, p, len) : ""));
                if (_q.Units.TryGetValue(key, out var found))
                {
                    u = found;
                    used = len;
                }
            }

            if (u is null)
            {
                return null; // "Tu-95MS", "1990s", "5G": not an amount
            }

            (unit, factor, measure) = (u.Unit, u.Factor, u.Measure);
            unitText = r.Suffix + (used > 0 ? " " + string.Join(' ', c.Forms.Skip(p).Take(used)) : "");
            kind = measure is null ? QuantityKind.Count : measure == "share" ? QuantityKind.Share : QuantityKind.Measure;
            stop = p + used;
        }
        else if (p < end && ShareUnit(c, p) is { } shareLen)
        {
            unit = "percent";
            if (_q.Unit(string.Join(' ', lower, p, shareLen)) is { } su)
            {
                unit = su.Unit;
            }

            kind = QuantityKind.Share;
            (noun, stop) = ShareOf(c, p + shareLen, p + shareLen);
        }
        else if (CurrencyAfter(c, p, r) is { } ca)
        {
            currency = ca.Code;
            stop = ca.End;
        }
        else if (currency is null && r.Vague?.Unit is null && MeasureAt(c, p) is { } mu)
        {
            // "300 square kilometres of territory", "2,485 sq-mile exclusion zone", "24 hours": a measure, then what it measures
            (unit, factor, measure) = (mu.Unit.Unit, mu.Unit.Factor, mu.Unit.Measure);
            unitText = c.Doc.Text[c.Doc.Tokens.Starts[p]..c.Doc.Tokens.Ends[mu.End - 1]];
            kind = measure == "share" ? QuantityKind.Share : QuantityKind.Measure;
            stop = mu.End;
            cueFrom = stop;
            var of = mu.End < end && lower[mu.End] == "of" ? mu.End + 1 : mu.End;
            var np = NounPhrase(c, of, false);
            if (np.Head >= 0 && (of > mu.End || np.Start == mu.End))
            {
                noun = lower[np.Head]; // what is measured, as written ("tons of grain")
                if (of == mu.End)
                {
                    phraseStart = np.Start;
                    phraseEnd = np.Head + 1;
                }
            }
        }
        else if (currency is not null)
        {
            // "$5M of equipment": money, and what it buys
            if (p + 1 < end && lower[p] == "of")
            {
                var np = NounPhrase(c, p + 1, false);
                noun = np.Head >= 0 ? lower[np.Head] : null;
            }
        }
        else if (r.Vague?.Unit is { } vagueUnit)
        {
            // "decades" of anything are years
            unit = vagueUnit;
            measure = _q.Unit(vagueUnit)?.Measure;
            kind = QuantityKind.Measure;
        }
        else if (p + 1 < end && Dashes.Contains(lower[p]) && c.Touch(p - 1) && c.Touch(p) && IsWord(lower[p + 1]))
        {
            // "500-kilogram bombs", "24-hour timeline", "28-point plan", "4,000-sq-km zone", "5,000-strong force"
            if (r.Words || r.Range)
            {
                return null; // "four-year war", "two-day visit": descriptive compounds, not amounts
            }

            var parts = new List<string> { lower[p + 1] };
            var q = p + 2;
            while (q + 1 < end && Dashes.Contains(lower[q]) && c.Touch(q - 1) && c.Touch(q) && IsWord(lower[q + 1]))
            {
                parts.Add(lower[q + 1]);
                q += 2;
            }

            if (parts.Contains("old") || _q.DesignatorUnits.Contains(parts[0]) || IsDesignatorWord(parts[0]) || !parts.All(w => w.All(char.IsAsciiLetter)))
            {
                return null; // "29-year-old", "155-mm shells"
            }

            var np = NounPhrase(c, q, false);
            if (parts is ["strong"])
            {
                // "a 5,000-strong force" counts the force
                if (np.Head < 0)
                {
                    return null;
                }

                (unit, unitText, noun, factor, measure, owner) = UnitOfHead(c, np);
                phraseStart = np.Start;
                phraseEnd = np.Head + 1;
                stop = np.Head + 1;
            }
            else
            {
                QuantityUnit? u = null;
                for (var len = parts.Count; len >= 1 && u is null; len--)
                {
                    u = _q.Unit(string.Join(' ', parts.Take(len)));
                }

                unit = u?.Unit ?? _q.Plural(parts[^1]);
                factor = u?.Factor ?? 1;
                measure = u?.Measure;
                unitText = string.Join('-', c.Forms.Skip(p + 1).Take(q - p - 1).Where(f => !Dashes.Contains(f)));
                kind = measure is null ? QuantityKind.Count : measure == "share" ? QuantityKind.Share : QuantityKind.Measure;
                if (np.Head < 0)
                {
                    if (u is null)
                    {
                        return null; // "a 28-point" alone: no thing it describes
                    }

                    stop = q; // "the 4,000-sq-km (2,485 sq-mile) zone"
                }
                else
                {
                    noun = lower[np.Head]; // the thing measured, as written ("ceasefire", "bombs")
                    owner = np.Owner;
                    phraseStart = np.Start;
                    phraseEnd = np.Head + 1;
                    stop = np.Head + 1;
                }
            }
        }
        else
        {
            var np = NounPhrase(c, p, r.Vague is not null || r.Scaled);
            cueFrom = np.AfterLead;
            if (np.Anaphor >= 0)
            {
                // "eight colleagues were killed, four of them while on duty": the unit of the figure they part
                var prev = c.InSentence.LastOrDefault(x => x.Kind == QuantityKind.Count && x.Unit.Length > 0);
                if (prev is null)
                {
                    return null;
                }

                (unit, unitText, noun, owner) = (prev.Unit, prev.UnitText, prev.Noun, prev.Owner);
                stop = np.Anaphor + 1;
            }
            else if (np.Head >= 0)
            {
                if (np.Partitive && !IsPlural(c, np.Head))
                {
                    return null; // "one of the most ...", "two of the region"
                }

                if (np.Partitive && r.Vague is null && !r.Scaled && (!np.Determined || r.Point == 1))
                {
                    return null; // "one of the problems": a selection, not an amount
                }

                (unit, unitText, noun, factor, measure, owner) = UnitOfHead(c, np);
                var headUnit = _q.Unit(lower[np.Head]);
                // abbreviations ("km", "kg"), invariant plurals ("personnel") and adjectives used as nouns ("dead") need no plural form
                var abbreviation = headUnit is not null && (headUnit.Measure is "area" or "length" or "weight" || _q.Plural(lower[np.Head]) == lower[np.Head] || !c.Tag(np.Head).StartsWith("NN", StringComparison.Ordinal));
                if (!np.Demonym && !abbreviation)
                {
                    // a counted noun is plural unless the number is one; a singular noun after a number is a name or a
                    // modifier ("2026 Plan", "the 2022 invasion")
                    var single = r.Point == 1 && !r.Range && r.Vague is null;
                    if (!single && !IsPlural(c, np.Head))
                    {
                        return null;
                    }
                }

                if (IsProperName(c, np.Head))
                {
                    return null;
                }

                kind = measure is null ? QuantityKind.Count : measure == "share" ? QuantityKind.Share : QuantityKind.Measure;
                phraseStart = np.Start;
                phraseEnd = np.Head + 1;
                stop = np.Head + 1;
                cueFrom = stop;

                // "6 million Ukrainians (abroad) as refugees": people counted as what they are
                if (unit == "people")
                {
                    var a = stop;
                    while (a < end && a < stop + 2 && c.Tag(a) == "RB")
                    {
                        a++;
                    }

                    if (a + 1 < end && lower[a] == "as" && c.Tag(a + 1).StartsWith("NN", StringComparison.Ordinal) && IsPlural(c, a + 1))
                    {
                        unit = _q.Unit(lower[a + 1])?.Unit ?? lower[a + 1];
                        stop = a + 2;
                        cueFrom = stop;
                    }
                }
            }
            else if (np.Nominal >= 0)
            {
                // "4.1 million of the most vulnerable": an adjective used as a noun names people
                unit = "people";
                unitText = c.Forms[np.Nominal];
                stop = np.Nominal + 1;
                cueFrom = stop;
            }
            else
            {
                bare = true;
            }

            // a figure with the same currency after its noun: "billions of dollars" is handled above; "5 million of aid" is not money
        }

        if (currency is not null)
        {
            kind = QuantityKind.Money;
            unit = currency.ToLowerInvariant();
            measure = null;
        }

        // "the two sides", "the three biggest attacks": a few things already known, picked out, not an amount
        if (kind == QuantityKind.Count && hedge is null && i > c.First && lower[i - 1] is "the" or "these" or "those" or "both" && r.Point is <= 10 && r.Vague is null && !r.Range)
        {
            return null;
        }

        // what the clause says about the figure: "12 were killed", "killing 12 civilians", "spending billions"
        if (kind == QuantityKind.Count)
        {
            var cue = CueAfter(c, cueFrom, bare) ?? CueBefore(c, i, bare);
            if (cue is not null)
            {
                if (bare)
                {
                    bare = false;
                    if (cue.Unit == "money")
                    {
                        kind = QuantityKind.Money;
                    }
                }
                else
                {
                    noun ??= unit;
                }

                unit = cue.Unit;
            }
        }

        // rate: "drones a year", "40,000 a month", "every minute takes dozens of lives"
        foreach (var rate in stop < end ? _q.RatesByFirst.GetValueOrDefault(lower[stop]) ?? [] : [])
        {
            if (Matches(lower, stop, end, rate.Tokens) && !(stop + rate.Tokens.Length < end && RateBlockers.Contains(lower[stop + rate.Tokens.Length])))
            {
                per = rate.Per;
                stop += rate.Tokens.Length;
                break;
            }
        }

        per ??= RateBefore(c, i);

        if (bare)
        {
            // a number on its own is kept only when it is plainly an amount: vague or scaled ("millions", "1.5
            // million") or a rate ("about 40,000 a month")
            if (!(r.Vague is not null || r.Scaled || per is not null && !r.Words || hedge is not null && (r.Point ?? r.Max) >= 10))
            {
                return null;
            }

            unit = "";
        }

        if (unit is null)
        {
            return null;
        }

        // a single thing ("one day", "one side") is a count only when hedged, partitive or counted as a casualty
        if (!r.Range && r.Vague is null && r.Point == 1 && kind == QuantityKind.Count && hedge is null && !_q.Cues.Any(x => x.AppliesToNouns && x.Unit == unit)
            && !(phraseStart > p && lower[p] == "of"))
        {
            return null;
        }

        if (r.Next < end && _q.AgeWords.Contains(lower[r.Next]))
        {
            return null; // "10 y.o.", "96 yrs": an age
        }

        if (unit is "hours" or "days" or "weeks" or "months" or "years" or "minutes" && stop < end && lower[stop] is "ago" or "old")
        {
            return null; // a time ("three days ago") or an age ("96 years old")
        }

        if (i > c.First && lower[i - 1] is "aged" or "age")
        {
            return null;
        }

        // hedge after: "1.5 percent of Ukraine or less", "5,000 or more troops"
        if (hedge is null && after is null)
        {
            foreach (var ha in _q.HedgesAfter)
            {
                if (ha.Tokens is not ["+"] && Matches(lower, stop, end, ha.Tokens))
                {
                    after = ha;
                    stop += ha.Tokens.Length;
                    break;
                }
            }
        }

        var bound = hedge?.Bound ?? after?.Bound;
        var qualifier = hedge?.Qualifier ?? after?.Qualifier;
        double? point = null, min = null, max = null;
        if (r.Min is not null)
        {
            min = Scale(r.Min.Value, factor);
            max = Scale(r.Max!.Value, factor);
            if (r.Vague is not null)
            {
                qualifier = hedge is null ? string.Join(' ', r.Vague.Tokens) : $"{hedge.Qualifier} {string.Join(' ', r.Vague.Tokens)}";
                var vu = r.Vague.Unit is not null && unit == r.Vague.Unit;
                if (vu)
                {
                    (min, max) = ((double)r.Min.Value, (double)r.Max.Value);
                }
            }
        }
        else
        {
            var v = Scale(r.Point!.Value, factor);
            switch (bound)
            {
                case "max":
                    max = v;
                    break;
                case "min":
                    min = v;
                    break;
                default:
                    point = v;
                    break;
            }
        }

        last = Math.Max(stop, r.Next) - 1;
        var span = new TextSpan(c.Doc.Tokens.Starts[i], c.Doc.Tokens.Ends[last]);
        var quantity = new Quantity
        {
            Id = "q",
            Span = span,
            Unit = unit,
            UnitText = unitText,
            Point = point,
            Min = min,
            Max = max,
            Qualifier = qualifier,
            Owner = owner,
            Evidence = c.Evidence,
            Kind = kind,
            Measure = kind == QuantityKind.Measure ? measure : null,
            Currency = currency,
            Per = per,
            Noun = noun is not null && noun != unit && _q.Unit(noun)?.Unit != unit ? noun : null,
            Phrase = phraseStart >= 0 && phraseEnd > phraseStart ? new TextSpan(c.Doc.Tokens.Starts[phraseStart], c.Doc.Tokens.Ends[phraseEnd - 1]) : null,
        };
        return quantity;
    }

    /// <summary>Reads the amount at token n: a vague amount, a fraction or share, a number, or a range of numbers.</summary>
    private bool Read(Ctx c, int n, bool currency, bool between, Reading r)
    {
        var lower = c.Lower;
        var end = c.End;
        foreach (var v in _q.VagueByFirst.GetValueOrDefault(lower[n]) ?? [])
        {
            if (Matches(lower, n, end, v.Tokens))
            {
                r.Next = n + v.Tokens.Length;
                r.Vague = v;
                if (v.Min == v.Max)
                {
                    r.Point = (decimal)v.Min;
                }
                else
                {
                    (r.Min, r.Max) = ((decimal)v.Min, (decimal)v.Max);
                }

                // "several hundred thousand", "a few dozen million": a scale word after the vague amount multiplies it
                while (r.Next < end && _q.Scales.TryGetValue(lower[r.Next], out var s) && s >= 1000 && (decimal)v.Max <= MaxAmount / s)
                {
                    (r.Point, r.Min, r.Max) = (r.Point * s, r.Min * s, r.Max * s);
                    r.Scaled = true;
                    r.Next++;
                }

                return true;
            }
        }

        if (Fraction(c, n, out var share, out var next))
        {
            r.Point = share;
            r.Share = true;
            r.Next = next;
            return true;
        }

        if (!Number(c, n, currency, out var v1, out var n1, out var scaled1, out var words1, out var suffix1))
        {
            return false;
        }

        (r.Point, r.Next, r.Scaled, r.Words, r.Suffix) = (v1, n1, scaled1, words1, suffix1);
        if (suffix1 is not null || n1 + 1 >= end)
        {
            return true;
        }

        // "one in four", "nine out of ten": a share
        var inAt = lower[n1] == "in" ? n1 + 1 : lower[n1] == "out" && lower[n1 + 1] == "of" ? n1 + 2 : -1;
        if (inAt > 0 && inAt < end && Number(c, inAt, false, out var whole, out var nw, out _, out _, out var sw) && sw is null && whole > v1 && whole <= 1000 && v1 >= 1 && whole is not (>= 1900 and <= 2100))
        {
            r.Point = Math.Round(v1 / whole * 100, 2);
            r.Share = true;
            r.Next = nw;
            return true;
        }

        // ranges: "500-600", "three to five", "between 300 and 900", "two or three"
        var sep = lower[n1];
        var isRange = (Dashes.Contains(sep) && c.Touch(n1 - 1) && c.Touch(n1)) || sep == "–" || sep == "to" && !(n > c.First && lower[n - 1] == "from")
            || between && sep == "and" || sep == "or" && (words1 || v1 <= 100);
        if (!isRange)
        {
            return true;
        }

        if (!Number(c, n1 + 1, currency, out var v2, out var n2, out var scaled2, out var words2, out var suffix2))
        {
            return !Dashes.Contains(sep) || !char.IsDigit(lower[n1 + 1][0]);
        }

        if (!scaled1 && scaled2 && v1 < v2)
        {
            // "3 to 5 million": the scale of the second applies to the first
            var scale = ScaleOf(c, n1 + 1, n2);
            if (scale > 1 && v1 * scale <= v2)
            {
                v1 *= scale;
            }
        }

        if (v2 <= v1)
        {
            return !Dashes.Contains(sep); // "2-1", "2024-11-09": scores and dates, not ranges
        }

        if (n2 + 1 < end && Dashes.Contains(lower[n2]) && char.IsDigit(lower[n2 + 1][0]))
        {
            return false; // "2024-11-09"
        }

        (r.Point, r.Min, r.Max, r.Next, r.Range, r.Scaled, r.Words, r.Suffix) = (null, v1, v2, n2, true, scaled1 || scaled2, words1 && words2, suffix2);
        return true;
    }

    private decimal ScaleOf(Ctx c, int from, int to)
    {
        decimal s = 1;
        for (var k = from; k < to; k++)
        {
            if (_q.Scales.TryGetValue(c.Lower[k], out var x))
            {
                s *= x;
            }
        }

        var t = c.Lower[from];
        var p = 0;
        while (p < t.Length && (char.IsDigit(t[p]) || t[p] is ',' or '.'))
        {
            p++;
        }

        if (p > 0 && p < t.Length && _q.Scales.TryGetValue(t[p..], out var suffixScale))
        {
            s *= suffixScale;
        }

        return s;
    }

    /// <summary>A number in digits or words with its scale words: "20,000", "1.5 million", "$230bn", "twenty-five", "two hundred".</summary>
    private bool Number(Ctx c, int k, bool currency, out decimal value, out int next, out bool scaled, out bool words, out string? suffix)
    {
        var lower = c.Lower;
        var end = c.End;
        value = 0;
        next = k;
        scaled = false;
        words = false;
        suffix = null;
        if (k >= end)
        {
            return false;
        }

        var t = lower[k];
        if (t.Length > 0 && char.IsDigit(t[0]))
        {
            var p = 0;
            while (p < t.Length && (char.IsDigit(t[p]) || t[p] is ',' or '.'))
            {
                p++;
            }

            if (p > 20 || !Words.TryParseDigits(t[..p], out _) || !decimal.TryParse(t[..p].Replace(",", "", StringComparison.Ordinal), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out value))
            {
                return false;
            }

            if (value > MaxAmount)
            {
                return false;
            }

            if (p < t.Length)
            {
                var sfx = t[p..];
                if (_q.Scales.TryGetValue(sfx, out var s) && sfx != "dozen" && sfx != "hundred")
                {
                    if (value > MaxAmount / s)
                    {
                        return false;
                    }

                    value *= s;
                    scaled = true;
                }
                else if (sfx == "k" || currency && sfx is "m" or "b")
                {
                    value *= sfx switch { "k" => 1_000m, "m" => 1_000_000m, _ => 1_000_000_000m };
                    scaled = true;
                }
                else
                {
                    suffix = sfx;
                }
            }

            k++;
        }
        else if (t == "a" && k + 1 < end && _q.Scales.ContainsKey(lower[k + 1]) && lower[k + 1] != "dozen")
        {
            value = 1;
            words = true;
            k++;
        }
        else if (_q.NumberWords.TryGetValue(t, out var w))
        {
            value = w;
            words = true;
            k++;
            if (k + 1 < end && Dashes.Contains(lower[k]) && _q.NumberWords.TryGetValue(lower[k + 1], out var w2) && w2 < 10 && value >= 20 && value % 10 == 0)
            {
                value += w2; // "twenty-five"
                k += 2;
            }
        }
        else
        {
            return false;
        }

        // "$100 millions", "5 thousands troops": a plural scale word after digits is still a scale
        if (suffix is null && !words && k < end && lower[k] is "millions" or "billions" or "thousands" or "trillions" && _q.Scales.TryGetValue(lower[k][..^1], out var plural) && value <= MaxAmount / plural)
        {
            value *= plural;
            scaled = true;
            k++;
        }

        while (suffix is null && k < end && _q.Scales.TryGetValue(lower[k], out var s))
        {
            if (value > MaxAmount / s)
            {
                return false; // no real amount is this large: a run of digits or scale words, not a figure
            }

            value *= s;
            scaled |= s >= 1000;
            k++;
            if (s == 100 && k < end)
            {
                // "two hundred and fifty", "two hundred fifty"
                var at = lower[k] == "and" && k + 1 < end ? k + 1 : k;
                if (_q.NumberWords.TryGetValue(lower[at], out var rest) && rest < 100)
                {
                    value += rest;
                    k = at + 1;
                }
            }
        }

        next = k;
        return true;
    }

    /// <summary>A fraction in words, as percent: "a third", "one-fifth", "three-quarters", "half of".</summary>
    private bool Fraction(Ctx c, int k, out decimal percent, out int next)
    {
        var lower = c.Lower;
        var end = c.End;
        percent = 0;
        next = k;
        if (lower[k] == "half" && k + 1 < end && lower[k + 1] == "of" && !(k > c.First && lower[k - 1] is "the" or "a" or "first" or "second" or "latter" or "former"))
        {
            percent = 50;
            next = k + 1;
            return true;
        }

        decimal num;
        if (lower[k] == "a")
        {
            num = 1;
        }
        else if (!_q.NumberWords.TryGetValue(lower[k], out num) || num > 10)
        {
            return false;
        }

        var j = k + 1;
        var hyphen = j < end && Dashes.Contains(lower[j]);
        if (hyphen)
        {
            j++;
        }

        if (j >= end || !_q.Fractions.TryGetValue(lower[j], out var den))
        {
            return false;
        }

        // "a third round of talks", "a fourth day": an ordinal before a noun, not a share
        if (!hyphen && j + 1 < end && lower[j + 1] != "of" && (c.Tag(j + 1).StartsWith("NN", StringComparison.Ordinal) || c.Tag(j + 1).StartsWith("JJ", StringComparison.Ordinal) || c.Tag(j + 1) == "CD"))
        {
            return false;
        }

        percent = Math.Round(num / den * 100, 2);
        next = j + 1;
        return true;
    }

    /// <summary>A measure unit written right after the number ("square kilometres", "sq-mile", "hours"), longest first.</summary>
    private (QuantityUnit Unit, int End)? MeasureAt(Ctx c, int p)
    {
        if (p >= c.End || !_q.UnitFirstWords.Contains(c.Lower[p]))
        {
            return null;
        }

        for (var len = Math.Min(2 * _q.MaxUnitTokens - 1, c.End - p); len >= 1; len--)
        {
            if (Dashes.Contains(c.Lower[p]) || Dashes.Contains(c.Lower[p + len - 1]))
            {
                continue;
            }

            if (_q.Units.TryGetValue(QuantityLexicon.Key(string.Join(' ', c.Lower, p, len)), out var u) && u.Measure is not null and not "share")
            {
                // a singular time word after a number other than one is a modifier ("the 2025 year"), not a measure
                if (u.Measure == "duration" && len == 1 && !IsPlural(c, p) && !(c.Lower[p - 1] is "one" or "1" or "a"))
                {
                    return null;
                }

                return (u, p + len);
            }
        }

        return null;
    }

    /// <summary>The length of a share unit at p ("%", "percent", "per cent", "percentage points"), or null.</summary>
    private int? ShareUnit(Ctx c, int p)
    {
        if (!_q.UnitFirstWords.Contains(c.Lower[p]))
        {
            return null;
        }

        for (var len = Math.Min(2, c.End - p); len >= 1; len--)
        {
            if (_q.Units.TryGetValue(QuantityLexicon.Key(string.Join(' ', c.Lower, p, len)), out var u) && u.Measure == "share")
            {
                return len;
            }
        }

        return null;
    }

    /// <summary>What a share is a share of: "90 percent of the drones" → drones; returns the noun and the new end.</summary>
    private (string? Noun, int Stop) ShareOf(Ctx c, int p, int stop)
    {
        if (p < c.End && c.Lower[p] == "of")
        {
            var np = NounPhrase(c, p + 1, false);
            var noun = np.Head < 0 ? null : c.Lower[np.Head]; // what it is a share of, as written ("oil", "drones")
            return (noun, np.End > p + 1 ? HedgeAfterSpan(c, np.End, stop) : stop);
        }

        return (null, stop);
    }

    /// <summary>Extends a share's span over its "of" complement only when a hedge follows it ("… of Ukraine or less").</summary>
    private int HedgeAfterSpan(Ctx c, int afterComplement, int stop)
    {
        foreach (var ha in _q.HedgesAfter)
        {
            if (ha.Tokens is not ["+"] && Matches(c.Lower, afterComplement, c.End, ha.Tokens))
            {
                return afterComplement;
            }
        }

        return stop;
    }

    /// <summary>A currency after the number ("195 billion euros", "billions of dollars", "5 million pounds").</summary>
    private (string Code, int End)? CurrencyAfter(Ctx c, int p, Reading r)
    {
        var at = p < c.End && c.Lower[p] == "of" && (r.Vague is not null || r.Scaled) ? p + 1 : p;
        // "US dollars", "Ukrainian hryvnias": a demonym may stand before the currency word
        foreach (var cf in _q.Currencies)
        {
            if (cf.Position is "after" or "both" or "after-scaled" && Matches(c.Lower, at, c.End, cf.Tokens))
            {
                if (cf.Position == "after-scaled" && !(r.Scaled || r.Vague is not null))
                {
                    return null;
                }

                return (cf.Code, at + cf.Tokens.Length);
            }
        }

        return null;
    }

    /// <summary>The counted noun phrase after a number.</summary>
    private readonly record struct Np(int Start, int Head, int AfterLead, string? Owner, bool Demonym, bool Partitive, bool Determined, int Anaphor, int Nominal)
    {
        /// <summary>The first token after the phrase.</summary>
        public int End { get; init; } = -1;
    }

    private Np NounPhrase(Ctx c, int p, bool large)
    {
        var lower = c.Lower;
        var end = c.End;
        var k = p;
        var partitive = false;
        var determined = false;
        if (k < end && lower[k] == "of")
        {
            partitive = true;
            k++;
            if (k < end && Anaphors.Contains(lower[k]))
            {
                return new Np(k, -1, k, null, false, true, true, k, -1);
            }

            while (k < end && Determiners.Contains(lower[k]))
            {
                determined = true;
                k++;
            }

            // "of the most vulnerable": an adjective standing for people
            var a = k < end && lower[k] is "most" or "least" ? k + 1 : k;
            if (large && determined && a < end && c.Tag(a).StartsWith("JJ", StringComparison.Ordinal) && (a + 1 >= end || !c.Tag(a + 1).StartsWith("NN", StringComparison.Ordinal)) && !c.Tag(a + 1 < end ? a + 1 : a).StartsWith("JJ", StringComparison.Ordinal))
            {
                return new Np(k, -1, a + 1, null, false, true, true, -1, a);
            }
        }

        var lead = k;
        while (k < end && MoreWords.Contains(lower[k]) && !(k + 1 < end && lower[k + 1] == "than"))
        {
            k++; // "two more ships", "millions more who"
        }

        var afterLead = k;
        var start = k;
        var head = -1;
        var owners = new List<string>();
        var demonym = false;
        var m = k;
        while (m < end && m < start + 9)
        {
            var f = lower[m];
            var tag = c.Tag(m);
            // a possessive names the owner, the phrase goes on: "90% of Mariupol's buildings", "Ukraine's territory"
            if (f is "'s" or "’s" && m > start)
            {
                head = -1;
                m++;
                continue;
            }

            if (f == "[")
            {
                var close = Array.IndexOf(lower, "]", m + 1, Math.Min(8, end - m - 1));
                if (close < 0)
                {
                    break;
                }

                m = close + 1;
                continue;
            }

            if (_states.Index.TryMatch(c.Forms, m, end, out var slen, out var st) && st.Form is StateForm.Demonym or StateForm.Name)
            {
                if (!owners.Contains(st.Country.Name))
                {
                    owners.Add(st.Country.Name);
                }

                var lastForm = c.Forms[m + slen - 1];
                if (st.Form == StateForm.Demonym && lastForm.EndsWith('s') && !lastForm.EndsWith("ss", StringComparison.Ordinal))
                {
                    head = m + slen - 1; // "thousands of Ukrainians"
                    demonym = true;
                    break;
                }

                m += slen;
                continue;
            }

            if ((f is "and" or "&" or ",") && owners.Count > 0 && head < 0 && m + 1 < end && _states.Index.TryMatch(c.Forms, m + 1, end, out _, out var st2) && st2.Form == StateForm.Demonym)
            {
                m++;
                continue;
            }

            if (Dashes.Contains(f) && m > start && m + 1 < end && c.Touch(m - 1) && c.Touch(m) && IsWord(lower[m + 1]))
            {
                m++;
                continue;
            }

            // the first part of a hyphenated modifier ("re-formed", "machine-building", "long-range")
            if (IsWord(f) && m + 2 < end && Dashes.Contains(lower[m + 1]) && c.Touch(m) && c.Touch(m + 1) && IsWord(lower[m + 2]))
            {
                m += 2;
                if (m < end && c.Tag(m) is "VBG" or "VBN")
                {
                    m++; // "machine-building", "re-formed" are modifiers whatever their tag
                }

                continue;
            }

            // a known counted word the tagger took for a verb or an adjective ("drones", "dead") heads the phrase where
            // the phrase ends; before another noun or adjective it is a modifier ("two civilian ships")
            var knownWord = !tag.StartsWith("NN", StringComparison.Ordinal) && IsWord(f) && _q.Units.TryGetValue(f, out var ku) && ku.Measure is null;
            if (knownWord && m + 1 < end && (c.Tag(m + 1).StartsWith("NN", StringComparison.Ordinal) || c.Tag(m + 1).StartsWith("JJ", StringComparison.Ordinal)))
            {
                m++;
                continue;
            }

            if (tag.StartsWith("NN", StringComparison.Ordinal) || knownWord)
            {
                head = m;
                m++;
                if (tag is "NNS" or "NNPS" || !tag.StartsWith("NN", StringComparison.Ordinal))
                {
                    break; // a plural noun ends the phrase ("20 attacks Monday")
                }

                continue;
            }

            if (head < 0 && (tag.StartsWith("JJ", StringComparison.Ordinal) || tag is "VBN"))
            {
                m++;
                continue;
            }

            if (head < 0 && tag == "RB" && m + 1 < end && (c.Tag(m + 1).StartsWith("JJ", StringComparison.Ordinal) || c.Tag(m + 1) == "VBN" || lower[m + 1] == "re"))
            {
                m++;
                continue;
            }

            break;
        }

        // without "of", a determiner or demonstrative after the number starts a new phrase ("20 the ...")
        return new Np(start, head, afterLead, owners.Count == 0 ? null : string.Join(" and ", owners), demonym, partitive && head >= 0, determined, -1, -1) { End = m };
    }

    /// <summary>The unit of a noun phrase's head: a known class (the longest units.tsv phrase ending at the head), a demonym's people, or the noun itself.</summary>
    private (string Unit, string UnitText, string Noun, double Factor, string? Measure, string? Owner) UnitOfHead(Ctx c, Np np)
    {
        var lower = c.Lower;
        var head = np.Head;
        var noun = CountedNoun(c, head);
        if (np.Demonym)
        {
            return ("people", c.Forms[head], noun, 1, null, np.Owner);
        }

        if (head - 2 >= np.Start && Dashes.Contains(lower[head - 1]) && c.Touch(head - 2) && c.Touch(head - 1))
        {
            // "anti-aircraft" is not aircraft: a hyphenated compound is its own noun
            var compound = c.Doc.Text[c.Doc.Tokens.Starts[head - 2]..c.Doc.Tokens.Ends[head]].ToLowerInvariant();
            if (_q.Unit(compound) is { } cu)
            {
                return (cu.Unit, compound, noun, cu.Factor, cu.Measure, np.Owner);
            }

            return (compound, compound, compound, 1, null, np.Owner);
        }

        var maybeKnown = _q.UnitLastWords.Contains(lower[head]) || _q.UnitLastWords.Contains(_q.Plural(lower[head]));
        for (var s = Math.Max(np.Start, head - _q.MaxUnitTokens - 1); maybeKnown && s <= head; s++)
        {
            if (Dashes.Contains(lower[s]))
            {
                continue;
            }

            var text = string.Join(' ', lower, s, head - s + 1);
            if (_q.Unit(text) is { } u)
            {
                var written = c.Doc.Text[c.Doc.Tokens.Starts[s]..c.Doc.Tokens.Ends[head]];
                return (u.Unit, written, noun, u.Factor, u.Measure, np.Owner);
            }
        }

        return (noun, c.Forms[head], noun, 1, null, np.Owner);
    }

    private QuantityCue? CueAfter(Ctx c, int from, bool bare)
    {
        var k = from;
        var skipped = 0;
        while (k < c.End && skipped < 3 && (CueSkips.Contains(c.Lower[k]) || c.Lower[k] == "," && bare))
        {
            k++;
            skipped++;
        }

        foreach (var cue in k < c.End ? _q.CuesAfterByFirst.GetValueOrDefault(c.Lower[k]) ?? [] : [])
        {
            if ((bare || cue.AppliesToNouns) && Matches(c.Lower, k, c.End, cue.Tokens))
            {
                // "who" names people only right after the figure ("millions more who have suffered")
                if (cue.Tokens is ["who"] && k != from)
                {
                    continue;
                }

                return cue;
            }
        }

        return null;
    }

    private QuantityCue? CueBefore(Ctx c, int i, bool bare)
    {
        foreach (var cue in i > c.First ? _q.CuesBeforeByLast.GetValueOrDefault(c.Lower[i - 1]) ?? [] : [])
        {
            var at = i - cue.Tokens.Length;
            if ((bare || cue.AppliesToNouns) && at >= c.First && Matches(c.Lower, at, c.End, cue.Tokens))
            {
                return cue;
            }
        }

        return null;
    }

    /// <summary>"every minute takes dozens of lives": a rate named with every/each before the number in its clause.</summary>
    private string? RateBefore(Ctx c, int i)
    {
        for (var k = i - 1; k >= c.First && k >= i - 5; k--)
        {
            if (Words.IsPunct(c.Lower[k]))
            {
                return null;
            }

            if (c.Lower[k] is "every" or "each")
            {
                foreach (var rate in _q.Rates)
                {
                    if (rate.Tokens[0] == c.Lower[k] && Matches(c.Lower, k, i, rate.Tokens))
                    {
                        return rate.Per;
                    }
                }

                return null;
            }
        }

        return null;
    }

    /// <summary>Whether the number at n is part of a name or designation: "Project 22460", "Su-34", "F-16", "Resolution 2231".</summary>
    private bool IsDesignated(Ctx c, int n)
    {
        if (n <= c.First)
        {
            return false;
        }

        var prev = c.Lower[n - 1];
        if (Dashes.Contains(prev) && n - 2 >= c.First && c.Touch(n - 2) && c.Touch(n - 1) && IsWord(c.Lower[n - 2]))
        {
            return true; // "Su-34", "Shahed-136", "F-16"
        }

        if (_q.DesignatorsBefore.Contains(prev))
        {
            return true;
        }

        if (prev is "/" or "#" or "№" && c.Touch(n - 1))
        {
            return true; // "1/2", "24/7", "#2", "№5": numbering, not an amount
        }

        // a capitalised name right before a number names it ("Kilo 636"), except in title-case headlines
        var form = c.Forms[n - 1];
        return n - 1 > c.First && Words.IsCapitalised(form) && c.Tag(n - 1) == "NNP" && form.All(char.IsLetter)
            && !_lex.Months.ContainsKey(prev) && !_lex.Weekdays.ContainsKey(prev) && !_states.Index.TryMatch(c.Forms, n - 1, c.End, out _, out _) && !c.IsTitleCase();
    }

    private bool IsDesignatorWord(string w) => _q.DesignatorsBefore.Contains(w) && w.Length > 2 && w is not ("point" or "stage" or "phase" or "level" or "unit" or "type" or "class");

    private bool IsDateOrTime(Ctx c, int start, Reading r)
    {
        var lower = c.Lower;
        var next = r.Next;
        if (start > c.First && (_lex.Months.ContainsKey(lower[start - 1]) || _lex.Weekdays.ContainsKey(lower[start - 1])))
        {
            return true;
        }

        if (next < c.End && (_lex.Months.ContainsKey(lower[next]) || lower[next] is ":" or "a.m." or "p.m." or "am" or "pm" or "gmt" or "utc" or "hrs" or "o'clock"))
        {
            return true;
        }

        // a bare year: four digits without a separator, introduced as a date ("in 2022", "the 2026 plan")
        if (r.Point is { } v && v is >= 1900 and <= 2100 && v == Math.Floor(v) && !r.Scaled && !r.Words && next - start == 1 && !lower[start].Contains(',', StringComparison.Ordinal))
        {
            return start == c.First || YearContext.Contains(lower[start - 1]) || next >= c.End || !c.Tag(next).StartsWith("NN", StringComparison.Ordinal) || !IsPlural(c, next);
        }

        return false;
    }

    private bool IsPlural(Ctx c, int k)
    {
        var tag = c.Tag(k);
        if (tag is "NNS" or "NNPS")
        {
            return true;
        }

        var w = c.Lower[k];
        return _q.Singular(w) != w || (_q.Unit(w) is { } u && u.Surface == w && _q.Plural(w) == w);
    }

    /// <summary>The counted noun in the plural ("plant" → plants); an adjective used as a noun stays as written ("injured").</summary>
    private string CountedNoun(Ctx c, int head) =>
        IsPlural(c, head) || !c.Tag(head).StartsWith("NN", StringComparison.Ordinal) ? c.Lower[head] : _q.Plural(c.Lower[head]);

    private static bool Touching(Ctx c, int first, int count)
    {
        for (var k = first; k < first + count - 1; k++)
        {
            if (!c.Touch(k))
            {
                return false;
            }
        }

        return true;
    }

    private bool IsProperName(Ctx c, int k) =>
        c.Tag(k) == "NNP" && Words.IsCapitalised(c.Forms[k]) && !IsPlural(c, k) && !c.IsTitleCase();

    private static bool IsWord(string s) => s.Length > 0 && char.IsLetter(s[0]);

    private static double Scale(decimal v, double factor) => factor == 1 ? (double)v : Clean((double)v * factor);

    /// <summary>A double without binary noise: 110.00000000000001 → 110.</summary>
    public static double Clean(double v) => double.Parse(v.ToString("G12", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// One figure, several mentions: the same unit, noun and bounds stated again in one report — in a headline (or a
    /// heading-like line) and the body, in two copies of one sentence, or in the same words in a later paragraph — are one
    /// quantity of this one source, so fusion counts it once. A body mention is kept as the quantity (its sentence is
    /// better evidence than a headline's); the others become its mentions. Two figures in one sentence stay two.
    /// </summary>
    private List<Quantity> Merge(Document doc, List<(Quantity Q, int Sentence)> found)
    {
        var result = new List<(Quantity Q, int Sentence)>();
        var heading = new Dictionary<int, bool>();
        bool Heading(int s)
        {
            if (!heading.TryGetValue(s, out var hd))
            {
                hd = heading[s] = Words.IsTitleCaseSentence(doc, s) || EndsLine(doc, s);
            }

            return hd;
        }

        foreach (var (q, s) in found)
        {
            var twin = result.FindIndex(x => x.Sentence != s && Same(x.Q, q)
                && (Heading(x.Sentence) || Heading(s) || SamePhrase(doc, x.Q, q) && !IsEventCount(q)));
            if (twin < 0)
            {
                result.Add((q, s));
                continue;
            }

            var (kept, ks) = result[twin];
            if (Heading(ks) && !Heading(s))
            {
                // the body states it better: the body mention becomes the quantity
                q.Mentions.Add(kept.Span);
                q.Mentions.AddRange(kept.Mentions);
                q.Owner ??= kept.Owner;
                result[twin] = (q, s);
            }
            else
            {
                kept.Mentions.Add(q.Span);
                kept.Owner ??= q.Owner;
            }
        }

        return [.. result.Select(x => x.Q)];
    }

    /// <summary>
    /// The same words in two body sentences ("four years", "1461 days"). Counts of the things events count are never
    /// merged this way (see <see cref="IsEventCount"/>).
    /// </summary>
    private static bool SamePhrase(Document doc, Quantity a, Quantity b) =>
        string.Equals(doc.TextOf(a.Span), doc.TextOf(b.Span), StringComparison.OrdinalIgnoreCase) || doc.TextOf(a.Evidence) == doc.TextOf(b.Evidence);

    /// <summary>
    /// A count of a class that units.tsv names (people, troops, drones, missiles, the killed and wounded …): such counts
    /// belong to events, and two attacks that each killed two people or launched 50 drones are two facts, so they are
    /// merged only between a headline and its body. Measures, shares, money and other nouns repeated in the same words
    /// are one figure.
    /// </summary>
    private bool IsEventCount(Quantity q) =>
        q.Kind == QuantityKind.Count && (_q.Cues.Any(c => c.AppliesToNouns && c.Unit == q.Unit) || _q.UnitClasses.Contains(q.Unit));

    private static bool Same(Quantity a, Quantity b) =>
        (a.Unit == b.Unit || a.Noun is not null && a.Noun == b.Unit || b.Noun is not null && b.Noun == a.Unit) && a.Kind == b.Kind && a.Per == b.Per && a.Currency == b.Currency && a.Point == b.Point && a.Min == b.Min && a.Max == b.Max
        && (a.Owner is null || b.Owner is null || a.Owner == b.Owner) && (a.Noun is null || b.Noun is null || a.Noun == b.Noun || a.Unit != b.Unit);

    /// <summary>A sentence that ends its line without closing punctuation: a headline or a heading.</summary>
    private static bool EndsLine(Document doc, int s)
    {
        var sentence = doc.Sentence(s);
        if (sentence.TokenCount == 0)
        {
            return false;
        }

        var lastForm = doc.Tokens.Forms[sentence.EndToken - 1];
        if (lastForm is "." or "!" or "?" or "\"" or "”" or "’" or ":" or ";")
        {
            return false;
        }

        var after = sentence.Span.End;
        while (after < doc.Text.Length && doc.Text[after] is ' ' or '\t')
        {
            after++;
        }

        return after >= doc.Text.Length || doc.Text[after] is '\n' or '\r';
    }

    private static bool Matches(string[] lower, int i, int end, string[] parts)
    {
        if (i < 0 || i + parts.Length > end)
        {
            return false;
        }

        for (var k = 0; k < parts.Length; k++)
        {
            if (!string.Equals(lower[i + k], parts[k], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
