using System.Collections.Concurrent;
using Sitrep.Analysis;
using Sitrep.Cli.Commands;
using Sitrep.Core;
using Sitrep.Core.Pipeline;
using Sitrep.Ingest;
using Sitrep.Storage;

namespace Sitrep.Cli.Ingestion;

/// <summary>What one ingest run did.</summary>
public sealed class IngestSummary
{
    public int Read { get; set; }

    public int Stored { get; set; }

    public int Unchanged { get; set; }

    public int Revised { get; set; }

    public int NotAnalysed { get; set; }

    public int Failed { get; set; }

    /// <summary>Reports stored without analysis, by language code.</summary>
    public SortedDictionary<string, int> NotAnalysedByLanguage { get; } = new(StringComparer.Ordinal);

    /// <summary>Read problems that did not stop an item (e.g. a feed item's page could not be followed).</summary>
    public int Warnings { get; set; }

    /// <summary>Reports read without a publication date (stored undated), and the first of them with the reason.</summary>
    public int Undated { get; set; }

    public string? UndatedExample { get; set; }

    public List<string> Errors { get; } = [];

    public bool AllSucceeded => Failed == 0;
}

/// <summary>
/// Reads inputs, analyses them in parallel and stores each document in its own transaction, so a run killed at any
/// moment loses nothing stored before and a restart stores nothing twice (content hashes make writes idempotent).
/// </summary>
public sealed class IngestRunner(ISitrepStore store, Pipeline pipeline, int parallelism = 0)
{
    private const int BatchSize = 64;

    // A batch also ends once its texts reach this many characters, so many large inputs never sit in memory at once.
    private const long BatchChars = 16L * 1024 * 1024;

    /// <summary>Languages the pipeline analyses; documents in others are stored as "not analysed: xx".</summary>
    public IReadOnlySet<string> AnalysedLanguages { get; init; } = new HashSet<string>(StringComparer.Ordinal) { "en" };

    /// <summary>Identify each report's language with Lingua before analysis (the reader's guess is kept only when Lingua cannot tell).</summary>
    public bool DetectLanguage { get; init; } = true;

    /// <summary>Give the content stage what earlier stored pages of each report's outlet share (per-outlet boilerplate).</summary>
    public bool LearnOutlets { get; init; } = true;

    /// <summary>Pass over reports whose text is already stored without analysing them again (for polling).</summary>
    public bool SkipKnown { get; init; }

    /// <summary>Hears how far the analysis of each input has come (one call per section of a long text).</summary>
    public Action<string, AnalysisProgress>? AnalysisProgress { get; set; }

    /// <summary>Runs after each batch is stored (fusion); an exception here is reported and the ingest goes on.</summary>
    public Action<IngestSummary, CancellationToken>? AfterBatch { get; init; }

    public IngestSummary Run(IEnumerable<ReadResult> results, Action<IngestSummary>? progress = null, Action<string>? onError = null, CancellationToken cancellationToken = default)
    {
        var summary = new IngestSummary();
        ReadAndStore(results, summary, progress, onError, cancellationToken);

        // The last batch's fusion runs once the reading is over, so no input (the reader's last item, a long text) is held.
        After(summary, onError, cancellationToken);
        progress?.Invoke(summary);
        return summary;
    }

    // Reads, analyses and stores every batch, fusing after each but the last.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void ReadAndStore(IEnumerable<ReadResult> results, IngestSummary summary, Action<IngestSummary>? progress, Action<string>? onError, CancellationToken cancellationToken)
    {
        var batch = new List<ReadResult>(BatchSize);
        var chars = 0L;
        foreach (var result in results)
        {
            batch.Add(result);
            chars += result.Item?.Text.Length ?? 0;
            if (batch.Count == BatchSize || chars >= BatchChars)
            {
                RunBatch(batch, summary, onError, cancellationToken);
                batch.Clear();
                chars = 0;
                After(summary, onError, cancellationToken);
                progress?.Invoke(summary);
            }
        }

        RunBatch(batch, summary, onError, cancellationToken);
    }

    private void After(IngestSummary summary, Action<string>? onError, CancellationToken cancellationToken)
    {
        if (AfterBatch is null)
        {
            return;
        }

        try
        {
            AfterBatch(summary, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            onError?.Invoke($"fusion after the batch failed: {e.GetType().Name}: {e.Message}; the stored reports are kept, run `sitrep fuse` to retry");
        }
    }

    private void RunBatch(List<ReadResult> batch, IngestSummary summary, Action<string>? onError, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var analysed = new (Document? Doc, string? Error, SaveOutcome? Saved)[batch.Count];
        var docs = new Document?[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            if (batch[i].Item is { } item)
            {
                try
                {
                    docs[i] = DocumentFactory.From(item);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    analysed[i] = (null, $"analysis failed: {e.GetType().Name}: {e.Message}", null);
                }
            }
        }

        // What earlier pages of each report's outlet share (stored, and earlier in this batch): site chrome for the content stage.
        var profiles = LearnOutlets ? OutletProfiles.ForBatch(store, docs) : new IBoilerplateProfile?[batch.Count];
        var degree = parallelism > 0 ? parallelism : Environment.ProcessorCount;
        Parallel.ForEach(
            Partitioner.Create(0, batch.Count, 1),
            new ParallelOptions { MaxDegreeOfParallelism = degree, CancellationToken = cancellationToken },
            range =>
            {
                for (var i = range.Item1; i < range.Item2; i++)
                {
                    var doc = docs[i];
                    if (doc is null)
                    {
                        continue;
                    }

                    try
                    {
                        doc.Boilerplate = profiles[i];
                        if (SkipKnown && store.Contains(doc.Id))
                        {
                            analysed[i] = (null, null, null);
                            continue;
                        }

                        var (result, saved) = Analyse(doc, batch[i].Input, cancellationToken);
                        analysed[i] = (result, null, saved);
                    }
                    catch (OperationCanceledException)
                    {
                        throw;
                    }
                    catch (Exception e)
                    {
                        analysed[i] = (null, $"analysis failed: {e.GetType().Name}: {e.Message}", null);
                    }
                }
            });

        for (var i = 0; i < batch.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = batch[i];
            var error = result.Error ?? analysed[i].Error;
            if (error is not null)
            {
                Fail(summary, result.Input, error, onError);
                continue;
            }

            if (result.Warning is not null)
            {
                summary.Warnings++;
                onError?.Invoke($"warning: '{result.Input}': {result.Warning}");
            }

            summary.Read++;
            if (result.Item is { Published: null })
            {
                summary.Undated++;
                summary.UndatedExample ??= $"'{result.Input}': {result.Undated ?? "the input carries no date"}";
            }

            if (analysed[i].Doc is not { } doc)
            {
                summary.Unchanged++;
                continue;
            }

            try
            {
                if (analysed[i].Saved is { } saved)
                {
                    Count(summary, saved); // a long text, stored section by section as it was analysed
                    continue;
                }

                if (!doc.Has(Layer.Sentences) && doc.Language is { } lang)
                {
                    if (store.SaveUnanalysed(doc, $"not analysed: {lang}", result.Input, cancellationToken))
                    {
                        summary.NotAnalysed++;
                        summary.NotAnalysedByLanguage[lang] = summary.NotAnalysedByLanguage.GetValueOrDefault(lang) + 1;
                    }
                    else
                    {
                        summary.Unchanged++;
                    }

                    continue;
                }

                Count(summary, store.Save(doc, pipeline.Version, result.Input, cancellationToken));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                summary.Read--;
                Fail(summary, result.Input, $"cannot store: {e.Message}", onError);
            }
        }
    }

    private static void Count(IngestSummary summary, SaveOutcome outcome)
    {
        switch (outcome)
        {
            case SaveOutcome.Stored:
                summary.Stored++;
                break;
            case SaveOutcome.Revised:
                summary.Revised++;
                break;
            default:
                summary.Unchanged++;
                break;
        }
    }

    /// <summary>
    /// Runs the pipeline, or only language identification for languages Sitrep does not analyse. A long text is stored
    /// as it is analysed (its outcome is returned with it); every other document is stored afterwards, in input order.
    /// </summary>
    private (Document Doc, SaveOutcome? Saved) Analyse(Document doc, string input, CancellationToken cancellationToken)
    {
        if (DetectLanguage)
        {
            var detected = LanguageDetector.DetectReport(doc.Text, doc.Title);
            if (detected != "und")
            {
                doc.Language = detected;
            }

            if (doc.Language is { } known && known != "und" && !AnalysedLanguages.Contains(known))
            {
                // Not analysed: kept with its text and language, counted, never dropped.
                return (new Document(doc.Text, doc.Title, doc.Url, doc.Outlet, doc.Published, known), null);
            }
        }

        var report = AnalysisProgress;
        Action<AnalysisProgress>? progress = report is null ? null : p => report(input, p);
        if (LongTextIngest.Applies(doc))
        {
            if (LongTextIngest.AnalyseAndSave(store, pipeline, doc, input, AnalysedLanguages, progress, cancellationToken) is { } saved)
            {
                return (doc, saved);
            }
        }
        else
        {
            SectionedAnalysis.Process(pipeline, doc, progress, cancellationToken);
        }

        if (doc.Language is { } lang && lang != "und" && !AnalysedLanguages.Contains(lang))
        {
            // Keep the text and the language, drop partial facts: the report is stored as not analysed.
            var bare = new Document(doc.Text, doc.Title, doc.Url, doc.Outlet, doc.Published, lang);
            return (bare, null);
        }

        return (doc, null);
    }

    private void Fail(IngestSummary summary, string input, string error, Action<string>? onError)
    {
        summary.Failed++;
        var line = $"cannot ingest '{input}': {error}; skipped";
        summary.Errors.Add(line);
        onError?.Invoke(line);
        try
        {
            store.RecordError(input, error);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            onError?.Invoke($"cannot record the error for '{input}': {e.Message}");
        }
    }
}
