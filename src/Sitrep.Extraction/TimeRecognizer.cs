using Sitrep.Core;
using Sitrep.Core.Pipeline;

namespace Sitrep.Extraction;

/// <summary>
/// Finds time expressions and resolves them against the published date with a precision, biased to the past as
/// news is: "over the weekend" before a Monday is the weekend just gone, "since August" is the last August,
/// "on Sunday" the last Sunday. Absolute dates ("24 February 2022", "in March 2022") resolve without it.
/// </summary>
public sealed class TimeRecognizer : IStage
{
    public const string StageName = "sitrep.Times.v1";

    private static readonly HashSet<string> Leading = new(StringComparer.Ordinal) { "since", "over", "on", "in", "during", "by", "until", "throughout", "from", "at" };

    private static readonly HashSet<string> Relative = new(StringComparer.Ordinal) { "last", "this", "past", "previous", "earlier", "next", "coming" };

    private readonly ExtractionLexicon _lex;

    private static readonly DateOnly ProbeAnchorA = new(2001, 6, 13);
    private static readonly DateOnly ProbeAnchorB = new(2011, 3, 9);

    public TimeRecognizer(ExtractionLexicon? lexicon = null) => _lex = lexicon ?? ExtractionLexicon.Default;

    public string Name => StageName;

    public IReadOnlyList<Layer> Requires { get; } = [Layer.Tokens, Layer.Sentences];

    public IReadOnlyList<Layer> Assigns { get; } = [Layer.Times];

    public void Process(Document doc, CancellationToken cancellationToken)
    {
        doc.Times.Clear();
        // Without a publication date, relative expressions ("last week", "on Sunday", "February 20") have no anchor:
        // they are kept as time mentions but left unresolved rather than resolved against the day of analysis.
        // An expression is relative when two different anchors resolve it differently.
        var undated = doc.Published is null;
        var pub = doc.Published ?? ProbeAnchorA;
        var lower = Words.Lower(doc);
        var quantitySpans = doc.Quantities.Select(q => q.Span).ToList();
        foreach (var sentence in doc.Sentences())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var end = sentence.EndToken;
            for (var i = sentence.FirstToken; i < end; i++)
            {
                if (!TryTime(doc, lower, i, end, pub, out var start, out var stop, out var first, out var last, out var precision))
                {
                    continue;
                }

                // the preposition that heads the expression belongs to it ("Since August", "Over the weekend")
                if (first > sentence.FirstToken && Leading.Contains(lower[first - 1]) && first - 1 >= sentence.FirstToken)
                {
                    first--;
                }

                if (undated && TryTime(doc, lower, i, end, ProbeAnchorB, out var startB, out var stopB, out _, out _, out _) && (startB != start || stopB != stop))
                {
                    start = stop = null;
                    precision = TimePrecision.Unknown;
                }

                var span = new TextSpan(doc.Tokens.Starts[first], doc.Tokens.Ends[last]);
                if (quantitySpans.Any(q => q.Overlaps(span)))
                {
                    i = last;
                    continue;
                }

                doc.Times.Add(new TimeExpression { Id = $"t{doc.Times.Count + 1}", Span = span, Start = start, End = stop, Precision = precision });
                i = last;
            }
        }
    }

    private bool TryTime(Document doc, string[] lower, int i, int end, DateOnly pub, out DateOnly? start, out DateOnly? stop, out int first, out int last, out TimePrecision precision)
    {
        start = stop = null;
        first = last = i;
        precision = TimePrecision.Unknown;
        var w = lower[i];
        var forms = doc.Tokens.Forms;

        switch (w)
        {
            case "yesterday":
                start = stop = pub.AddDays(-1);
                precision = TimePrecision.Day;
                return true;
            case "today":
            case "tonight":
                start = stop = pub;
                precision = TimePrecision.Day;
                return true;
            case "overnight":
                start = pub.AddDays(-1);
                stop = pub;
                precision = TimePrecision.Day;
                return true;
            case "recent":
            case "recently":
                start = pub.AddDays(-30);
                stop = pub;
                precision = TimePrecision.Unknown;
                return true;
        }

        // "the weekend", "last/this weekend"
        var k = i;
        var rel = (string?)null;
        if (Relative.Contains(w) || w == "the")
        {
            rel = w;
            k = i + 1;
        }

        if (k < end && lower[k] == "weekend" && (rel is not null))
        {
            var sunday = pub;
            while (sunday.DayOfWeek != DayOfWeek.Sunday)
            {
                sunday = sunday.AddDays(-1);
            }

            if (pub.DayOfWeek == DayOfWeek.Saturday)
            {
                sunday = pub.AddDays(1);
            }

            if (rel == "next" || rel == "coming")
            {
                sunday = sunday.AddDays(7);
            }

            start = sunday.AddDays(-1);
            stop = sunday;
            last = k;
            precision = TimePrecision.Day;
            return true;
        }

        if (rel is "last" or "this" or "past" or "previous" or "next" or "earlier" && k < end)
        {
            var unit = lower[k];
            var offset = rel switch { "last" or "past" or "previous" => -1, "next" => 1, _ => 0 };
            if (rel == "earlier" && k + 1 < end && lower[k] == "this")
            {
                k++;
                unit = lower[k];
                offset = 0;
            }

            switch (unit)
            {
                case "week":
                    {
                        var monday = pub.AddDays(-(((int)pub.DayOfWeek + 6) % 7)).AddDays(7 * offset);
                        start = monday;
                        stop = offset == 0 ? pub : monday.AddDays(6);
                        precision = TimePrecision.Week;
                        last = k;
                        return true;
                    }

                case "month":
                    {
                        var m = new DateOnly(pub.Year, pub.Month, 1).AddMonths(offset);
                        start = m;
                        stop = offset == 0 ? pub : m.AddMonths(1).AddDays(-1);
                        precision = TimePrecision.Month;
                        last = k;
                        return true;
                    }

                case "year":
                    {
                        var y = pub.Year + offset;
                        start = new DateOnly(y, 1, 1);
                        stop = offset == 0 ? pub : new DateOnly(y, 12, 31);
                        precision = TimePrecision.Year;
                        last = k;
                        return true;
                    }

                case "night":
                    start = pub.AddDays(-1);
                    stop = pub;
                    precision = TimePrecision.Day;
                    last = k;
                    return true;
            }

            if (_lex.Seasons.TryGetValue(unit, out var sm))
            {
                (start, stop) = Season(pub, sm, offset == -1 ? 1 : 0);
                precision = TimePrecision.Season;
                last = k;
                return true;
            }

            if (_lex.Weekdays.TryGetValue(unit, out var wd) && Words.IsCapitalised(forms[k]))
            {
                var d = LastWeekday(pub, wd, strictly: offset == -1);
                start = stop = d;
                precision = TimePrecision.Day;
                last = k;
                return true;
            }
        }

        // weekday: "on Sunday"
        if (_lex.Weekdays.TryGetValue(w, out var wday) && Words.IsCapitalised(forms[i]))
        {
            start = stop = LastWeekday(pub, wday, strictly: false);
            precision = TimePrecision.Day;
            return true;
        }

        // seasons as words or modifiers: "summer", "the summer of 2022"
        if (_lex.Seasons.TryGetValue(w, out var season) && !(i + 1 < end && lower[i + 1] is "-" or "time"))
        {
            if (i + 2 < end && lower[i + 1] == "of" && IsYear(lower[i + 2], out var sy))
            {
                (start, stop) = Season(new DateOnly(sy, 12, 31), season, 0);
                last = i + 2;
            }
            else
            {
                (start, stop) = Season(pub, season, 0);
            }

            precision = TimePrecision.Season;
            return true;
        }

        // "24 February [2022]"
        if (Words.TryParseDigits(w, out var dayNum) && dayNum is >= 1 and <= 31 && i + 1 < end && _lex.Months.TryGetValue(lower[i + 1], out var mon) && Words.IsCapitalised(forms[i + 1]))
        {
            var year = PastYear(pub, mon, (int)dayNum);
            last = i + 1;
            if (i + 2 < end && IsYear(lower[i + 2], out var y2))
            {
                year = y2;
                last = i + 2;
            }

            if (!ValidDay(year, mon, (int)dayNum))
            {
                return false;
            }

            start = stop = new DateOnly(year, mon, (int)dayNum);
            precision = TimePrecision.Day;
            return true;
        }

        // "February [24] [, 2022]", "in March 2022", "since August"
        if (_lex.Months.TryGetValue(w, out var month) && Words.IsCapitalised(forms[i]) && (w != "may" || (i > 0 && Leading.Contains(lower[i - 1]))) && (w != "march" || !(i + 1 < end && lower[i + 1] is "on" or "to" or "through")))
        {
            var j = i + 1;
            if (j < end && Words.TryParseDigits(lower[j], out var dn) && dn is >= 1 and <= 31 && !lower[j].Contains(',', StringComparison.Ordinal) && lower[j].Length <= 2)
            {
                var year = PastYear(pub, month, (int)dn);
                last = j;
                var y = j + 1;
                if (y < end && lower[y] == ",")
                {
                    y++;
                }

                if (y < end && IsYear(lower[y], out var yy))
                {
                    year = yy;
                    last = y;
                }

                if (!ValidDay(year, month, (int)dn))
                {
                    return false;
                }

                start = stop = new DateOnly(year, month, (int)dn);
                precision = TimePrecision.Day;
                return true;
            }

            int yr;
            if (j < end && IsYear(lower[j], out var y3))
            {
                yr = y3;
                last = j;
            }
            else
            {
                yr = month <= pub.Month ? pub.Year : pub.Year - 1;
            }

            start = new DateOnly(yr, month, 1);
            stop = start.Value.AddMonths(1).AddDays(-1);
            if (i > 0 && lower[i - 1] == "since")
            {
                stop = pub;
            }

            precision = TimePrecision.Month;
            return true;
        }

        // a year: "in 2022", "2024 U.S. election"
        if (IsYear(w, out var yearOnly) && (i > 0 && Leading.Contains(lower[i - 1]) || i + 1 < end && Words.IsCapitalised(forms[i + 1]) || i + 1 < end && lower[i + 1] is "election" or "elections"))
        {
            start = new DateOnly(yearOnly, 1, 1);
            stop = new DateOnly(yearOnly, 12, 31);
            if (i > 0 && lower[i - 1] == "since")
            {
                stop = pub;
            }

            precision = TimePrecision.Year;
            return true;
        }

        // "three days ago"
        if (i + 2 < end && lower[i + 2] == "ago" && (Words.TryParseDigits(w, out var n) || _lex.NumberWords.TryGetValue(w, out var nw) && (n = nw.Value) > 0))
        {
            var u = lower[i + 1];
            DateOnly d;
            if (u.StartsWith("day", StringComparison.Ordinal))
            {
                d = pub.AddDays(-(int)n);
                precision = TimePrecision.Day;
            }
            else if (u.StartsWith("week", StringComparison.Ordinal))
            {
                d = pub.AddDays(-7 * (int)n);
                precision = TimePrecision.Week;
            }
            else if (u.StartsWith("month", StringComparison.Ordinal))
            {
                d = pub.AddMonths(-(int)n);
                precision = TimePrecision.Month;
            }
            else if (u.StartsWith("year", StringComparison.Ordinal))
            {
                d = pub.AddYears(-(int)n);
                precision = TimePrecision.Year;
            }
            else
            {
                return false;
            }

            start = stop = d;
            last = i + 2;
            return true;
        }

        return false;
    }

    private static (DateOnly, DateOnly) Season(DateOnly pub, int startMonth, int yearsBack)
    {
        int year;
        if (startMonth == 12)
        {
            year = (pub.Month == 12 ? pub.Year : pub.Year - 1) - yearsBack;
            return (new DateOnly(year, 12, 1), new DateOnly(year + 1, 3, 1).AddDays(-1));
        }

        year = (startMonth <= pub.Month ? pub.Year : pub.Year - 1) - yearsBack;
        var s = new DateOnly(year, startMonth, 1);
        return (s, s.AddMonths(3).AddDays(-1));
    }

    private static DateOnly LastWeekday(DateOnly pub, int weekday, bool strictly)
    {
        var d = strictly ? pub.AddDays(-1) : pub;
        while ((int)d.DayOfWeek != weekday)
        {
            d = d.AddDays(-1);
        }

        return d;
    }

    private static int PastYear(DateOnly pub, int month, int day) =>
        month < pub.Month || (month == pub.Month && day <= pub.Day) ? pub.Year : pub.Year - 1;

    private static bool ValidDay(int year, int month, int day) => year is >= 1 and <= 9999 && day <= DateTime.DaysInMonth(year, month);

    private static bool IsYear(string form, out int year)
    {
        year = 0;
        return form.Length == 4 && int.TryParse(form, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out year) && year is >= 1900 and <= 2100;
    }
}
