using System.CommandLine;
using Sitrep.Core;
using Sitrep.Ingest;
using Sitrep.Queue;

namespace Sitrep.Cli.Commands;

/// <summary>The --queue option and publishing read inputs to the work queue (ingest --queue, watch --queue).</summary>
public static class QueueCommandOptions
{
    public static Option<string?> Queue(bool required = false) => new("--queue")
    {
        Description = "A NATS JetStream work queue, nats://host:4222/name (several servers: nats://a:4222,b:4222/name); articles are queued for `sitrep worker` instead of analysed here.",
        Required = required,
    };

    /// <summary>Publishes every read item; reports read errors and refused messages without stopping. Exit code 0, or 2 when any input failed.</summary>
    public static async Task<int> PublishAsync(string queueAddress, IEnumerable<ReadResult> inputs, CancellationToken ct)
    {
        ArticleQueue queue;
        try
        {
            queue = await ArticleQueue.OpenAsync(queueAddress, new QueueOptions { MaxMessageBytes = Limits.Default.MaxMessageBytes }, ct).ConfigureAwait(false);
        }
        catch (QueueException e)
        {
            Console.Error.WriteLine($"sitrep: {e.Message}");
            return 2;
        }

        await using (queue.ConfigureAwait(false))
        {
            var summary = await PublishAsync(queue, inputs, line => Console.Error.WriteLine("sitrep: " + line), ct).ConfigureAwait(false);
            Console.Out.WriteLine($"queue: {summary.Queued} queued, {summary.Duplicates} already queued, {summary.Failed} failed ({queue.Address})");
            return summary.Failed == 0 ? 0 : 2;
        }
    }

    public static async Task<PublishSummary> PublishAsync(ArticleQueue queue, IEnumerable<ReadResult> inputs, Action<string>? onError, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(inputs);
        var summary = new PublishSummary();
        foreach (var result in inputs)
        {
            ct.ThrowIfCancellationRequested();
            if (result.Item is not { } item)
            {
                summary.Failed++;
                onError?.Invoke($"cannot ingest '{result.Input}': {result.Error}; skipped");
                continue;
            }

            var message = new ArticleMessage
            {
                Text = item.Text,
                Title = item.Title,
                Url = item.Url,
                Outlet = item.Outlet,
                Published = item.Published?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                Language = item.Language,
                Source = item.Input,
            };
            try
            {
                if (await queue.PublishAsync(message, ct).ConfigureAwait(false) == PublishOutcome.Duplicate)
                {
                    summary.Duplicates++;
                }
                else
                {
                    summary.Queued++;
                }
            }
            catch (QueueException e)
            {
                summary.Failed++;
                onError?.Invoke($"cannot queue '{result.Input}': {e.Message}; skipped");
            }
        }

        return summary;
    }
}

/// <summary>What publishing did.</summary>
public sealed class PublishSummary
{
    public int Queued { get; set; }

    public int Duplicates { get; set; }

    public int Failed { get; set; }
}
