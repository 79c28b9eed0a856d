using System.Collections.Concurrent;
using System.Reflection;
using Sitrep.Core;
using Sitrep.Core.Pipeline;

namespace Sitrep.Analysis;

/// <summary>How far the analysis of one document has come, in characters of its text.</summary>
public readonly record struct AnalysisProgress(long Done, long Total, int Section, int Sections);

/// <summary>
/// Takes one analysed section of <paramref name="whole"/> (see <see cref="SectionedAnalysis.Stream"/>); returns false
/// to stop the analysis (e.g. the same analysis is stored already).
/// </summary>
public delegate bool SectionSink(Document whole, Document section);

/// <summary>
/// Runs a pipeline over a document of any length in bounded memory. A text up to <see cref="SectionChars"/>
/// characters (every ordinary report) is analysed whole, exactly as <see cref="Pipeline.Process"/> does. A longer
/// one is cut into sections at paragraph breaks (else line breaks, sentence ends, spaces), each analysed as a
/// document of its own (on as many threads as there are cores, a few sections at a time), and the facts of the
/// sections are moved into the whole document with their offsets shifted into its text: evidence still points into
/// the original characters. Token-level layers are not kept for a sectioned document (they are what grows with the
/// text), so its JSON lists facts, mentions and times but no sentences; places and actors named in several sections
/// are merged into one.
/// </summary>
public static class SectionedAnalysis
{
    /// <summary>Longest text analysed as one piece (about 30,000 words; longer reports are rare).</summary>
    public const int SectionChars = 200_000;

    /// <summary>Processes <paramref name="doc"/> whole or in sections; <paramref name="progress"/> hears after each section.</summary>
    public static Document Process(Pipeline pipeline, Document doc, Action<AnalysisProgress>? progress = null, CancellationToken cancellationToken = default, int sectionChars = SectionChars)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(doc);
        if (doc.Text.Length <= sectionChars)
        {
            pipeline.Process(doc, cancellationToken);
            progress?.Invoke(new AnalysisProgress(doc.Text.Length, doc.Text.Length, 1, 1));
            return doc;
        }

        Run(pipeline, doc, null, progress, cancellationToken, sectionChars);
        return doc;
    }

    /// <summary>
    /// Analyses <paramref name="doc"/> section by section and hands each analysed section to <paramref name="sink"/>
    /// as soon as it is done, in text order, without gathering the facts in <paramref name="doc"/>: memory holds a few
    /// sections and what the whole document must know at its end, whatever the text's length. Each section's events,
    /// quantities, claims, times, mentions and actor mentions have their offsets in the whole text and ids numbered
    /// through the whole document; their place and actor ids are those of <paramref name="doc"/>'s merged
    /// <see cref="Document.Places"/> and <see cref="Document.Actors"/>, which hold every mention. Once the last section
    /// is handed over, <paramref name="doc"/> gets its content map, language, provenance and assigned layers as
    /// <see cref="Process"/> gives them. A text up to <paramref name="sectionChars"/> characters is analysed whole and
    /// handed over as its own only section (its facts then stay in it). Returns false when the sink asked to stop.
    /// </summary>
    public static bool Stream(Pipeline pipeline, Document doc, SectionSink sink, Action<AnalysisProgress>? progress = null, CancellationToken cancellationToken = default, int sectionChars = SectionChars)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(doc);
        ArgumentNullException.ThrowIfNull(sink);
        if (doc.Text.Length <= sectionChars)
        {
            pipeline.Process(doc, cancellationToken);
            progress?.Invoke(new AnalysisProgress(doc.Text.Length, doc.Text.Length, 1, 1));
            return sink(doc, doc);
        }

        return Run(pipeline, doc, sink, progress, cancellationToken, sectionChars);
    }

    // With a sink, each merged section goes to it and its facts are not kept in the whole document.
    private static bool Run(Pipeline pipeline, Document doc, SectionSink? sink, Action<AnalysisProgress>? progress, CancellationToken cancellationToken, int sectionChars)
    {
        var sections = Split(doc.Text, sectionChars);
        var merger = new Merger(doc, keepFacts: sink is null);
        var degree = Math.Max(1, Environment.ProcessorCount);
        for (var first = 0; first < sections.Count; first += degree)
        {
            // a few sections at a time: memory holds `degree` sections' token arrays, whatever the text's length
            var wave = sections.Skip(first).Take(degree).ToList();
            var analysed = new Document[wave.Count];
            Parallel.For(0, wave.Count, new ParallelOptions { MaxDegreeOfParallelism = degree, CancellationToken = cancellationToken }, k =>
            {
                var s = wave[k];
                var part = new Document(doc.Text.Substring(s.Start, s.Length), first + k == 0 ? doc.Title : null, doc.Url, doc.Outlet, doc.Published, doc.Language)
                {
                    Boilerplate = doc.Boilerplate,
                };
                analysed[k] = pipeline.Process(part, cancellationToken);
            });

            for (var k = 0; k < wave.Count; k++)
            {
                merger.Add(analysed[k], wave[k].Start);
                if (sink is not null && !sink(doc, analysed[k]))
                {
                    return false;
                }

                analysed[k] = null!;
                progress?.Invoke(new AnalysisProgress(wave[k].Start + wave[k].Length, doc.Text.Length, first + k + 1, sections.Count));
            }
        }

        merger.Finish();
        return true;
    }

    /// <summary>
    /// Cuts <paramref name="text"/> into consecutive sections of at most <paramref name="maxChars"/> characters that
    /// cover it exactly, each ending at the strongest break near an even share of the text.
    /// </summary>
    public static List<(int Start, int Length)> Split(string text, int maxChars)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChars, 16);
        var result = new List<(int, int)>();
        var start = 0;
        while (text.Length - start > maxChars)
        {
            var left = text.Length - start;
            var share = (int)Math.Ceiling(left / Math.Ceiling(left / (double)maxChars));
            var end = Break(text, start, Math.Min(start + share, start + maxChars), start + maxChars / 2);
            result.Add((start, end - start));
            start = end;
        }

        result.Add((start, text.Length - start));
        return result;
    }

    // The end of a section: the last paragraph break (else line break, sentence end, space) in [floor, target],
    // looking only back from the target; a hard cut at the target (never inside a surrogate pair) when none is there.
    private static int Break(string text, int start, int target, int floor)
    {
        var window = text.AsSpan(floor, target - floor);
        var at = window.LastIndexOf("\n\n".AsSpan(), StringComparison.Ordinal);
        if (at >= 0)
        {
            return floor + at + 2;
        }

        at = window.LastIndexOf('\n');
        if (at >= 0)
        {
            return floor + at + 1;
        }

        for (var k = target - 1; k > floor; k--)
        {
            if (text[k] == ' ' && text[k - 1] is '.' or '!' or '?')
            {
                return k + 1;
            }
        }

        at = window.LastIndexOfAny(' ', '\t');
        if (at >= 0)
        {
            return floor + at + 1;
        }

        return char.IsLowSurrogate(text[target]) && target - 1 > start ? target - 1 : target;
    }

    /// <summary>Moves the facts of analysed sections into the whole document, renumbering ids and merging places and actors.</summary>
    /// <remarks>
    /// With <paramref name="keepFacts"/> false the section's own facts stay in the section (moved and renumbered in
    /// place, their place and actor ids those of the whole document's) for a sink to take; only places and actors
    /// (merged, with their mentions), the content map and the language are gathered in the whole document.
    /// </remarks>
    private sealed class Merger(Document whole, bool keepFacts)
    {
        private static readonly ConcurrentDictionary<Type, PropertyInfo[]> SpanProperties = new();

        private readonly Dictionary<string, int> _counters = new(StringComparer.Ordinal);
        private readonly Dictionary<(long?, string, string?, PlacePrecision), Place> _places = [];
        private readonly Dictionary<(string, ActorKind, string?), Actor> _actors = [];
        private readonly Dictionary<string, int> _languages = new(StringComparer.Ordinal);
        private readonly List<ContentBlock> _content = [];
        private bool _hasContent;

        public void Add(Document part, int offset)
        {
            var placeIds = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var p in part.Places)
            {
                Shift(p, offset);
                var key = (p.GeonameId, p.Name, p.Country, p.Precision);
                if (_places.TryGetValue(key, out var known))
                {
                    known.Mentions.AddRange(p.Mentions);
                    placeIds[p.Id] = known.Id;
                    continue;
                }

                placeIds[p.Id] = Renumber(p);
                _places[key] = p;
                whole.Places.Add(p);
            }

            var actorIds = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var a in part.Actors)
            {
                Shift(a, offset);
                var key = (a.Name, a.Kind, a.Affiliation);
                if (_actors.TryGetValue(key, out var known))
                {
                    known.Mentions.AddRange(a.Mentions);
                    actorIds[a.Id] = known.Id;
                    continue;
                }

                actorIds[a.Id] = Renumber(a);
                _actors[key] = a;
                whole.Actors.Add(a);
            }

            var timeIds = Move(part.Times, keepFacts ? whole.Times : null, offset);
            var quantityIds = Move(part.Quantities, keepFacts ? whole.Quantities : null, offset);
            var claimIds = Move(part.Claims, keepFacts ? whole.Claims : null, offset);
            var eventIds = Move(part.Events, keepFacts ? whole.Events : null, offset);
            foreach (var e in part.Events)
            {
                e.PlaceId = e.PlaceId is { } pid ? placeIds.GetValueOrDefault(pid, pid) : null;
                e.TimeId = e.TimeId is { } tid ? timeIds.GetValueOrDefault(tid, tid) : null;
                Remap(e.QuantityIds, quantityIds);
                Remap(e.ClaimIds, claimIds);
            }

            foreach (var c in part.Claims)
            {
                c.EventId = c.EventId is { } eid ? eventIds.GetValueOrDefault(eid, eid) : null;
            }

            for (var i = 0; i < part.Mentions.Count; i++)
            {
                var m = part.Mentions[i] with { Span = Moved(part.Mentions[i].Span, offset) };
                if (keepFacts)
                {
                    whole.Mentions.Add(m);
                }
                else
                {
                    part.Mentions[i] = m;
                }
            }

            for (var i = 0; i < part.ActorMentions.Count; i++)
            {
                var m = part.ActorMentions[i];
                m = m with { Span = Moved(m.Span, offset), ActorId = actorIds.GetValueOrDefault(m.ActorId, m.ActorId) };
                if (keepFacts)
                {
                    whole.ActorMentions.Add(m);
                }
                else
                {
                    part.ActorMentions[i] = m;
                }
            }

            foreach (var (stage, version) in part.Provenance)
            {
                whole.Provenance[stage] = version;
            }

            foreach (var layer in part.AssignedLayers)
            {
                whole.MarkAssigned(layer);
            }

            if (part.Content is { } content)
            {
                // the content stage's blocks, moved into the whole text: the whole document's map is theirs in order
                _hasContent = true;
                _content.AddRange(content.Blocks.Select(b => b with { Span = Moved(b.Span, offset) }));
            }

            if (part.Language is { } language)
            {
                _languages[language] = _languages.GetValueOrDefault(language) + part.Text.Length;
            }
        }

        /// <summary>The whole text's content map (the sections' blocks) and language (the one of most of its characters).</summary>
        public void Finish()
        {
            if (_hasContent)
            {
                whole.Content = new ContentMap(_content, whole.Text);
            }

            if (_languages.Count > 0)
            {
                whole.Language = _languages.MaxBy(kv => kv.Value).Key;
            }
        }

        private Dictionary<string, string> Move<T>(List<T> from, List<T>? to, int offset)
            where T : class
        {
            var ids = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var item in from)
            {
                Shift(item, offset);
                var old = IdOf(item);
                ids[old] = Renumber(item);
                to?.Add(item);
            }

            return ids;
        }

        private static void Remap(List<string> ids, Dictionary<string, string> map)
        {
            for (var i = 0; i < ids.Count; i++)
            {
                ids[i] = map.GetValueOrDefault(ids[i], ids[i]);
            }
        }

        // Ids keep their form ("e12", "place-3"), numbered on through the whole document.
        private string Renumber(object fact)
        {
            var old = IdOf(fact);
            var prefix = old.TrimEnd("0123456789".ToCharArray());
            var n = _counters[prefix] = _counters.GetValueOrDefault(prefix) + 1;
            var id = prefix + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            fact.GetType().GetProperty("Id")!.SetValue(fact, id);
            return id;
        }

        private static string IdOf(object fact) => (string)fact.GetType().GetProperty("Id")!.GetValue(fact)!;

        // Every span of a fact (its evidence, trigger, mentions: any TextSpan, TextSpan? or List<TextSpan> it has)
        // moves by the section's offset, so facts added to the model later are carried over too.
        private static void Shift(object fact, int offset)
        {
            foreach (var p in SpanProperties.GetOrAdd(fact.GetType(), FindSpanProperties))
            {
                var value = p.GetValue(fact);
                switch (value)
                {
                    case TextSpan s:
                        p.SetValue(fact, Moved(s, offset));
                        break;
                    case List<TextSpan> list:
                        for (var i = 0; i < list.Count; i++)
                        {
                            list[i] = Moved(list[i], offset);
                        }

                        break;
                }
            }
        }

        private static TextSpan Moved(TextSpan s, int offset) => new(s.Start + offset, s.End + offset);

        private static PropertyInfo[] FindSpanProperties(Type type) =>
            type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.GetIndexParameters().Length == 0
                    && ((p.PropertyType == typeof(TextSpan) || p.PropertyType == typeof(TextSpan?)) && p.CanWrite || p.PropertyType == typeof(List<TextSpan>)))
                .ToArray();
    }
}
