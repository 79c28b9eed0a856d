using Sitrep.Core;

namespace Sitrep.Extraction;

/// <summary>
/// The site of an attack: the facility or named area a clause of its mentions places it at, finer than the town the
/// gazetteer resolves ("exploded at the busy Oxford Street bus station", "in the Markets area", "near a checkpoint",
/// "on the central street Rue X"; head nouns in data/extraction/site-nouns.tsv). Its span is <see cref="Event.Site"/>,
/// while the event's location and place (<see cref="Event.PlaceId"/>) stay the gazetteer place that holds it, so its
/// name, coordinates and precision are the town's (as ACLED's location column wants them). Runs once the incidents are merged, so one act
/// told at its town and at its site is still one act. The trigger's clause is read first, then the other mentions' in
/// the order of the text; a site in a sentence that names another place than the event's is not taken.
/// </summary>
internal static class EventSites
{
    private enum SiteKind
    {
        Site,
        Named,
        On,
        Way,
        Part,
    }

    private static readonly Lazy<Dictionary<string, SiteKind>> Nouns = new(() => Lexicon.Lines(typeof(EventSites).Assembly, "site-nouns.tsv")
        .Select(l => l.Split('\t'))
        .Where(c => c.Length >= 2)
        .ToDictionary(c => c[0], c => c[1] switch { "named" => SiteKind.Named, "on" => SiteKind.On, "way" => SiteKind.Way, "part" => SiteKind.Part, _ => SiteKind.Site }, StringComparer.Ordinal));

    private static readonly HashSet<string> Locatives = new(["at", "in", "inside", "outside", "near", "into", "on", "beside"], StringComparer.Ordinal);

    /// <summary>Words that end the clause of a mention: a site beyond them is another clause's.</summary>
    private static readonly HashSet<string> ClauseEnds = new([",", ";", ":", "which", "who", "whose", "while", "but", "after", "before", "when", "where", "as", "“", "”", "\"", "(", ")"], StringComparer.Ordinal);

    private const int Window = 14;

    public static void Assign(Document doc, string[] lower, Dictionary<int, (Place Place, int End)>? placeAt)
    {
        if (doc.Tokens.Upos.Count < doc.TokenCount)
        {
            return;
        }

        foreach (var e in doc.Events)
        {
            if (e.Type != "ASSAULT" || e.PlaceId is null && e.Location is not null)
            {
                continue;
            }

            var spans = new List<TextSpan>();
            if (e.Trigger is { } t)
            {
                spans.Add(t);
            }

            spans.AddRange(e.Mentions.Where(m => !spans.Contains(m)).OrderBy(m => m.Start));
            foreach (var span in spans)
            {
                var si = doc.SentenceIndexAt(span.Start);
                if (si < 0)
                {
                    continue;
                }

                var sentence = doc.Sentence(si);
                if (placeAt is not null && OtherPlace(e, placeAt, sentence.FirstToken, sentence.EndToken))
                {
                    continue;
                }

                var t0 = doc.TokenIndexAtOrAfter(span.Start);
                var t1 = Math.Max(t0 + 1, doc.TokenIndexAtOrAfter(span.End));

                // a plural attack noun ("two car bombs", "the attacks") tells several blasts, at several sites
                if (span != e.Trigger && doc.Tokens.Xpos.Count > t1 - 1 && doc.Tokens.Xpos[t1 - 1] is "NNS" or "NNPS")
                {
                    continue;
                }
                if (Find(doc, lower, placeAt, t0, t1, sentence.FirstToken, sentence.EndToken) is { } site)
                {
                    e.Site = site;
                    break;
                }
            }
        }
    }

    /// <summary>
    /// Whether the sentence names a town or district that is not the event's, and not the event's place as well (a site
    /// "in Calle X, Madrid" of an act at Madrid is Madrid's).
    /// </summary>
    private static bool OtherPlace(Event e, Dictionary<int, (Place Place, int End)> placeAt, int first, int end)
    {
        var other = false;
        for (var k = first; k < end; k++)
        {
            if (placeAt.TryGetValue(k, out var hit))
            {
                if (hit.Place.Id == e.PlaceId)
                {
                    return false;
                }

                other |= hit.Place.Precision is PlacePrecision.Point or PlacePrecision.Adm2 or PlacePrecision.Unknown;
            }
        }

        return other;
    }

    /// <summary>
    /// The site phrase of the mention at tokens [t0, t1): a site's name before an attack noun ("the Cafetería X
    /// bombing"), else a site after a locative word in its clause, after it first, then before it.
    /// </summary>
    private static TextSpan? Find(Document doc, string[] lower, Dictionary<int, (Place Place, int End)>? placeAt, int t0, int t1, int first, int end)
    {
        if (NameBefore(doc, lower, placeAt, t0, first) is { } named)
        {
            return named;
        }

        // (a comma before a locative phrase only sets off the clause's own adjunct: "were wounded, in a battle … in the X area")
        for (var k = t1; k < end && k < t1 + Window && (!ClauseEnds.Contains(lower[k]) || lower[k] == "," && k + 1 < end && Locatives.Contains(lower[k + 1])); k++)
        {
            if (Locatives.Contains(lower[k]) && Phrase(doc, lower, placeAt, k, end) is { } site)
            {
                return site;
            }
        }

        // (a sentence that opens with a locative phrase sets it off with a comma: "At a checkpoint near X, a bomber …")
        for (var k = t0 - 1; k >= first && k >= t0 - Window && (!ClauseEnds.Contains(lower[k]) || lower[k] == "," && Locatives.Contains(lower[first]) && !Enumerable.Range(first, k - first).Any(j => lower[j] == ",")); k--)
        {
            if (Locatives.Contains(lower[k]) && Phrase(doc, lower, placeAt, k, t0) is { } site)
            {
                return site;
            }
        }

        return null;
    }

    /// <summary>
    /// A name of capitalised words between "the" and an attack noun whose first or last word is a site noun ("the
    /// Cafetería X bombing", "the Y Arena attack"); a name the gazetteer resolves is a place, not a site.
    /// </summary>
    private static TextSpan? NameBefore(Document doc, string[] lower, Dictionary<int, (Place Place, int End)>? placeAt, int t0, int first)
    {
        var forms = doc.Tokens.Forms;
        var k = t0 - 1;
        while (k >= first && t0 - k <= 4 && Words.IsCapitalised(forms[k]) && doc.Tokens.Upos[k] is "PROPN" or "NOUN")
        {
            k--;
        }

        var start = k + 1;
        if (start >= t0 || k < first || lower[k] != "the" || !Nouns.Value.ContainsKey(lower[start]) && !Nouns.Value.ContainsKey(lower[t0 - 1]))
        {
            return null;
        }

        if (placeAt is not null && Enumerable.Range(start, t0 - start).Any(placeAt.ContainsKey))
        {
            return null;
        }

        return new TextSpan(doc.Tokens.Starts[start], doc.Tokens.Ends[t0 - 1]);
    }

    /// <summary>
    /// The noun phrase after the locative word at <paramref name="prep"/> when a site noun heads it ("the busy Oxford
    /// Street bus station") or stands before a name in apposition ("the central street Rue Victor Hugo"): its words from
    /// the first capitalised word or noun on (leading determiners and adjectives left out).
    /// </summary>
    /// <param name="single">whether to check that no second site follows the phrase.</param>
    private static TextSpan? Phrase(Document doc, string[] lower, Dictionary<int, (Place Place, int End)>? placeAt, int prep, int end, bool single = true)
    {
        var upos = doc.Tokens.Upos;
        var k = prep + 1;
        var np = new List<int>();
        while (k < end && np.Count < 7 && (upos[k] is "DET" or "ADJ" or "NOUN" or "PROPN" or "NUM" || lower[k] is "'s" or "’s" && np.Count > 0))
        {
            // a determiner only opens the phrase
            if (upos[k] == "DET" && np.Count > 0)
            {
                break;
            }

            np.Add(k);
            k++;
        }

        // the site noun: the last noun of the phrase, or a noun followed only by a name ("street Rue Victor Hugo")
        var head = -1;
        for (var i = np.Count - 1; i >= 0; i--)
        {
            var w = np[i];
            // (a lower-case word the tagger reads as part of the name after it is still the noun: "street Rue X")
            if ((upos[w] == "NOUN" || upos[w] == "PROPN" && !Words.IsCapitalised(doc.Tokens.Forms[w])) && Nouns.Value.TryGetValue(lower[w], out _))
            {
                head = i;
                break;
            }

            if (upos[w] != "PROPN")
            {
                break;
            }
        }

        if (head < 0)
        {
            return null;
        }

        // a part of a site ("at the entrance of the mosque", "near the gate to the base"): the site it is part of
        var kind = Nouns.Value[lower[np[head]]];
        if (kind == SiteKind.Part)
        {
            return head == np.Count - 1 && k + 1 < end && lower[k] is "of" or "to" ? Phrase(doc, lower, placeAt, k, end, single) : null;
        }

        if (lower[prep] == "on" && kind is not (SiteKind.On or SiteKind.Way))
        {
            return null;
        }

        // where the phrase starts: leading determiners, possessives' owners stay out; lower-case adjectives before a name or noun too
        // a name in apposition after the noun is the site itself ("the central street Rue Victor Hugo")
        var start = head < np.Count - 1 ? head + 1 : 0;
        while (start < head && (upos[np[start]] is "DET" or "ADJ" && !Words.IsCapitalised(doc.Tokens.Forms[np[start]]) || upos[np[start]] == "NUM"))
        {
            start++;
        }

        var named = head < np.Count - 1 || Enumerable.Range(start, head - start).Any(i => Words.IsCapitalised(doc.Tokens.Forms[np[i]]));
        if (kind is SiteKind.Named or SiteKind.Way && !named)
        {
            return null;
        }

        // a name the gazetteer resolves whole is the place, not a site ("in Oxford Street" alone)
        var last = np.Count - 1 > head ? np[^1] : np[head];
        if (placeAt is not null && placeAt.TryGetValue(np[start], out var hit) && hit.End > last)
        {
            return null;
        }

        // one of several sites ("at the X station and at a shopping centre") is not the act's site
        if (single && last + 2 < end && lower[last + 1] is "and" or "," or "or" && Locatives.Contains(lower[last + 2])
            && Phrase(doc, lower, placeAt, last + 2, end, single: false) is not null)
        {
            return null;
        }

        return new TextSpan(doc.Tokens.Starts[np[start]], doc.Tokens.Ends[last]);
    }
}
