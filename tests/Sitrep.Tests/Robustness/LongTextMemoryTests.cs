using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Sitrep.Analysis;
using Sitrep.Cli.Ingestion;
using Sitrep.Core;
using Sitrep.Storage;
using Sitrep.Storage.Fusion;

namespace Sitrep.Tests.Robustness;

/// <summary>
/// Issue #14: a long text is stored section by section as it is analysed, so memory does not grow with the number
/// of its facts, and what is stored is exactly what analysing and storing it whole stores.
/// </summary>
public sealed class LongTextMemoryTests
{
    private const int Section = 10_000;
    private static readonly DateOnly Day = new(2024, 11, 11);

    // Every fact table, and the article's own columns, in insertion order (ids, offsets, texts, JSON of mentions).
    private static readonly string[] Tables =
    [
        "SELECT id, title, published, language, status, source, text, content FROM articles ORDER BY rowid",
        "SELECT revision, pipeline_version, model_versions, is_current FROM analyses ORDER BY id",
        "SELECT * FROM actors ORDER BY rowid",
        "SELECT * FROM places ORDER BY rowid",
        "SELECT * FROM times ORDER BY rowid",
        "SELECT * FROM events ORDER BY rowid",
        "SELECT * FROM quantities ORDER BY rowid",
        "SELECT * FROM claims ORDER BY rowid",
        "SELECT * FROM mentions ORDER BY rowid",
    ];

    [Fact]
    public void A_long_text_stored_section_by_section_stores_exactly_what_storing_it_whole_stores()
    {
        using var dir = new Sitrep.Tests.Ingest.TempDir();
        var text = LongTextTests.News(5 * Section + 1234);
        var whole = Path.Combine(dir.Path, "whole.db");
        var streamed = Path.Combine(dir.Path, "streamed.db");
        using (var store = SqliteStore.Open(whole))
        {
            var doc = SectionedAnalysis.Process(Analyzer.Default, new Document(text, published: Day), sectionChars: Section);
            Assert.Equal(SaveOutcome.Stored, store.Save(doc, Analyzer.Default.Version, "big.txt"));
        }

        using (var store = SqliteStore.Open(streamed))
        {
            var doc = new Document(text, published: Day);
            var sections = new List<AnalysisProgress>();
            var outcome = LongTextIngest.AnalyseAndSave(store, Analyzer.Default, doc, "big.txt", new HashSet<string> { "en" }, sections.Add, CancellationToken.None, Section);
            Assert.Equal(SaveOutcome.Stored, outcome);
            Assert.Equal(6, sections.Count);
            Assert.Empty(doc.Events);
            Assert.Empty(doc.Quantities);
            Assert.Empty(doc.Mentions);
        }

        var expected = Dump(whole);
        var actual = Dump(streamed);
        Assert.True(expected[5].Count > 50, $"{expected[5].Count} events");
        Assert.True(expected[8].Count > 50, $"{expected[8].Count} mentions");
        for (var t = 0; t < Tables.Length; t++)
        {
            Assert.Equal(expected[t].Count, actual[t].Count);
            for (var r = 0; r < expected[t].Count; r++)
            {
                Assert.True(expected[t][r] == actual[t][r], $"{Tables[t]}, row {r + 1}:\n{expected[t][r]}\n{actual[t][r]}");
            }
        }
    }

    [Fact]
    public void The_facts_of_a_stored_section_are_not_kept_once_it_is_written()
    {
        // Retained objects, unlike resident memory, do not depend on the machine or on other tests: of every event,
        // quantity, claim and mention handed to the store, none may still be reachable once the text is stored
        // (gathering them in the document made the memory of a 50 MB text grow to 1.9 GB).
        using var dir = new Sitrep.Tests.Ingest.TempDir();
        using var store = SqliteStore.Open(Path.Combine(dir.Path, "t.db"));
        var text = LongTextTests.News(8 * Section);
        var doc = new Document(text, published: Day);
        var handed = StreamAndTrack(store, doc);
        Assert.True(handed.Count > 300, $"{handed.Count} facts handed over");
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var alive = handed.Count(w => w.TryGetTarget(out _));
        Assert.True(alive == 0, $"{alive} of {handed.Count} stored facts are still reachable");
        Assert.Empty(doc.Events);
        Assert.Empty(doc.Quantities);
        Assert.Empty(doc.Claims);
        Assert.Empty(doc.Mentions);
        Assert.Empty(doc.ActorMentions);
        Assert.True(store.Counts().Events > 100);

        // what the document keeps to its end (places and actors with their mentions) is small beside what was stored
        var kept = doc.Places.Sum(p => p.Mentions.Count) + doc.Actors.Sum(a => a.Mentions.Count) + doc.Places.Count + doc.Actors.Count;
        Assert.True(kept < handed.Count, $"{kept} place and actor mentions kept, {handed.Count} facts stored");
    }

    [Fact]
    public void A_long_text_stored_already_stops_after_its_first_section_and_a_new_pipeline_revises_it()
    {
        using var dir = new Sitrep.Tests.Ingest.TempDir();
        using var store = SqliteStore.Open(Path.Combine(dir.Path, "t.db"));
        var text = LongTextTests.News(4 * Section);
        var en = new HashSet<string> { "en" };
        Assert.Equal(SaveOutcome.Stored, LongTextIngest.AnalyseAndSave(store, Analyzer.Default, new Document(text, published: Day), "a.txt", en, null, CancellationToken.None, Section));
        var events = store.Counts().Events;

        var heard = new List<AnalysisProgress>();
        Assert.Equal(SaveOutcome.Unchanged, LongTextIngest.AnalyseAndSave(store, Analyzer.Default, new Document(text, published: Day), "a.txt", en, heard.Add, CancellationToken.None, Section));
        Assert.Empty(heard); // stopped at its first section, before any progress past it
        Assert.Equal(events, store.Counts().Events);

        var again = new Document(text, published: Day);
        using (var revise = store.BeginSave(again, "another pipeline", "a.txt"))
        {
            Assert.True(SectionedAnalysis.Stream(Analyzer.Default, again, (_, s) => revise.Write(s), sectionChars: Section));
            Assert.Equal(SaveOutcome.Revised, revise.Complete());
        }

        Assert.Equal(1, store.Counts().Articles);
        Assert.Equal(events, store.Counts().Events); // only the current analysis counts
    }

    [Fact]
    public void A_long_text_whose_storing_does_not_complete_leaves_nothing_stored()
    {
        using var dir = new Sitrep.Tests.Ingest.TempDir();
        using var store = SqliteStore.Open(Path.Combine(dir.Path, "t.db"));
        var doc = new Document(LongTextTests.News(3 * Section), published: Day);
        using (var writer = store.BeginSave(doc, Analyzer.Default.Version, "a.txt"))
        {
            var sections = 0;
            Assert.False(SectionedAnalysis.Stream(Analyzer.Default, doc, (_, s) => writer.Write(s) && ++sections < 2, sectionChars: Section));
        }

        Assert.Equal(0, store.Counts().Articles);
        Assert.Equal(0, store.Counts().Events);

        // the store is free again: the same text is stored whole afterwards
        Assert.Equal(SaveOutcome.Stored, LongTextIngest.AnalyseAndSave(store, Analyzer.Default, new Document(doc.Text, published: Day), "a.txt", new HashSet<string> { "en" }, null, CancellationToken.None, Section));
        Assert.True(store.Counts().Events > 10);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Drones")]
    [InlineData("Drones hit it")]
    [InlineData("Drones hit a depot.  The fire burned all night; it's the mayor’s word, self\u00ADpropelled, Київ 2024.")]
    public void The_reprint_fingerprint_is_the_one_of_the_text_s_words(string text)
    {
        AssertSameFingerprint(text);
    }

    [Fact]
    public void The_reprint_fingerprint_of_a_long_text_with_long_and_repeated_words_is_the_one_of_its_words()
    {
        var sb = new StringBuilder(LongTextTests.News(30_000));
        sb.Append(' ').Append(new string('ж', 300)).Append(" end ").Append(new string('x', 1000));
        AssertSameFingerprint(sb.ToString());
    }

    [Fact]
    public void The_content_hash_of_a_long_text_is_the_hash_of_its_UTF8_bytes()
    {
        var sb = new StringBuilder(LongTextTests.News(40_000));
        sb.Insert(16 * 1024 - 1, "😀"); // a surrogate pair across the first piece's end
        sb.Insert(32 * 1024 - 1, '\uD800'); // a lone surrogate at the second's
        sb.Append('\uDC00');
        var text = sb.ToString();
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16)), Document.ContentHash(text));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("short")).AsSpan(0, 16)), Document.ContentHash("short"));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static List<WeakReference<object>> StreamAndTrack(SqliteStore store, Document doc)
    {
        var handed = new List<WeakReference<object>>();
        using var writer = store.BeginSave(doc, Analyzer.Default.Version, "big.txt");
        Assert.True(SectionedAnalysis.Stream(Analyzer.Default, doc, (_, section) =>
        {
            foreach (var fact in section.Events.Cast<object>().Concat(section.Quantities).Concat(section.Claims).Concat(section.Mentions))
            {
                handed.Add(new WeakReference<object>(fact));
            }

            return writer.Write(section);
        }, sectionChars: Section));
        Assert.Equal(SaveOutcome.Stored, writer.Complete());
        return handed;
    }

    private static void AssertSameFingerprint(string text)
    {
        var actual = ReprintDetector.Default.Fingerprint(text);
        var expected = Reference(text);
        Assert.Equal(expected.TextHash, actual.TextHash);
        Assert.Equal(expected.Shingles, actual.Shingles);
        Assert.Equal(expected.Signature, actual.Signature);
        Assert.Equal(expected.Bands, actual.Bands);
    }

    // The fingerprint computed the plain way, from the list of the text's words and the set of its shingles.
    private static TextFingerprint Reference(string text)
    {
        var words = ReprintDetector.Words(text);
        var textHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(' ', words))).AsSpan(0, 16));
        var shingles = new HashSet<ulong>();
        if (words.Count > 0 && words.Count < ReprintDetector.ShingleWords)
        {
            shingles.Add(Shingle(words, 0, words.Count));
        }

        for (var i = 0; i + ReprintDetector.ShingleWords <= words.Count; i++)
        {
            shingles.Add(Shingle(words, i, ReprintDetector.ShingleWords));
        }

        var seeds = new ulong[ReprintDetector.Hashes];
        var s0 = 0x5173_7265_7000_0001UL;
        for (var i = 0; i < seeds.Length; i++)
        {
            s0 = Mix(s0);
            seeds[i] = s0;
        }

        var signature = new uint[ReprintDetector.Hashes];
        Array.Fill(signature, uint.MaxValue);
        foreach (var s in shingles)
        {
            for (var k = 0; k < signature.Length; k++)
            {
                signature[k] = Math.Min(signature[k], (uint)(Mix(s ^ seeds[k]) >> 32));
            }
        }

        var bands = new long[ReprintDetector.BandCount];
        for (var b = 0; b < bands.Length; b++)
        {
            var acc = (ulong)b * 0x9E3779B97F4A7C15UL;
            for (var r = 0; r < ReprintDetector.Rows; r++)
            {
                acc = Mix(acc ^ signature[b * ReprintDetector.Rows + r]);
            }

            bands[b] = (long)acc;
        }

        return new TextFingerprint(signature, bands, shingles.Count, textHash);

        static ulong Shingle(List<string> words, int start, int count)
        {
            var h = 14695981039346656037UL;
            for (var i = start; i < start + count; i++)
            {
                foreach (var ch in words[i])
                {
                    h = (h ^ ch) * 1099511628211UL;
                }

                h = (h ^ ' ') * 1099511628211UL;
            }

            return Mix(h);
        }
    }

    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    private static List<string>[] Dump(string db)
    {
        using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var result = new List<string>[Tables.Length];
        for (var t = 0; t < Tables.Length; t++)
        {
            result[t] = [];
            using var cmd = connection.CreateCommand();
            cmd.CommandText = Tables[t];
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                var row = new StringBuilder();
                for (var c = 0; c < reader.FieldCount; c++)
                {
                    row.Append(reader.GetName(c)).Append('=').Append(reader.IsDBNull(c) ? "null" : Convert.ToString(reader.GetValue(c), System.Globalization.CultureInfo.InvariantCulture)).Append(" | ");
                }

                result[t].Add(row.ToString());
            }
        }

        return result;
    }
}
