using System.Diagnostics;
using NATS.Client.JetStream;

namespace Sitrep.Queue;

/// <summary>What a worker did.</summary>
public sealed class WorkerSummary
{
    private long _done;
    private long _retried;
    private long _dead;

    public long Done => Interlocked.Read(ref _done);

    public long Retried => Interlocked.Read(ref _retried);

    public long DeadLettered => Interlocked.Read(ref _dead);

    internal void AddDone() => Interlocked.Increment(ref _done);

    internal void AddRetried() => Interlocked.Increment(ref _retried);

    internal void AddDead() => Interlocked.Increment(ref _dead);
}

/// <summary>
/// Pulls articles from the shared consumer, hands each to a handler (analyse and store), and acknowledges it only
/// after the handler returned: a worker that dies before that loses nothing, because JetStream redelivers the message
/// after the ack wait. While a handler runs, the worker reports progress so a long analysis is not redelivered. A
/// message that fails <see cref="QueueOptions.MaxAttempts"/> times, that cannot be read, or that was delivered more
/// often than that without an acknowledgement goes to the dead-letter stream with its error.
/// </summary>
public sealed class QueueWorker(ArticleQueue queue, Func<ArticleMessage, CancellationToken, string> handle)
{
    /// <summary>Articles analysed at once in this process.</summary>
    public int Parallelism { get; init; } = 1;

    /// <summary>
    /// Messages pulled per request by each lane. Larger batches save round trips; each message of a batch must still
    /// be finished within the ack wait, so keep batch × analysis time well below it.
    /// </summary>
    public int Batch { get; init; } = 4;

    /// <summary>Longest analysis of one article; a slower one counts as a failed attempt.</summary>
    public TimeSpan AnalysisTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Stop after this many messages were finished (done or dead-lettered); 0 for no limit.</summary>
    public long MaxMessages { get; init; }

    /// <summary>Stop when the queue stayed empty this long; null to wait for work forever.</summary>
    public TimeSpan? IdleExit { get; init; }

    /// <summary>Called with each finished article (message id, handler outcome).</summary>
    public Action<string, string>? OnDone { get; init; }

    /// <summary>Called with each failure line, and with each dead-lettered message (source, error).</summary>
    public Action<string>? OnError { get; init; }

    public Action<string?, string>? OnDeadLetter { get; init; }

    public async Task<WorkerSummary> RunAsync(CancellationToken cancellationToken)
    {
        var summary = new WorkerSummary();
        var consumer = await queue.ConsumerAsync(cancellationToken).ConfigureAwait(false);
        var lanes = Enumerable.Range(0, Math.Max(1, Parallelism)).Select(_ => Task.Run(() => LaneAsync(consumer, summary, cancellationToken), cancellationToken));
        try
        {
            await Task.WhenAll(lanes).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        return summary;
    }

    private async Task LaneAsync(INatsJSConsumer consumer, WorkerSummary summary, CancellationToken cancellationToken)
    {
        var idle = Stopwatch.StartNew();
        while (!cancellationToken.IsCancellationRequested)
        {
            if (MaxMessages > 0 && summary.Done + summary.DeadLettered >= MaxMessages)
            {
                return;
            }

            var got = 0;
            var batch = (int)Math.Max(1, MaxMessages > 0 ? Math.Min(Batch, MaxMessages - summary.Done - summary.DeadLettered) : Batch);
            await foreach (var msg in consumer.FetchAsync<byte[]>(new NatsJSFetchOpts { MaxMsgs = batch, Expires = TimeSpan.FromSeconds(2) }, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                got++;
                await ProcessAsync(msg, summary, cancellationToken).ConfigureAwait(false);
            }

            if (got > 0)
            {
                idle.Restart();
            }
            else if (IdleExit is { } limit && idle.Elapsed >= limit)
            {
                return;
            }
        }
    }

    private async Task ProcessAsync(INatsJSMsg<byte[]> msg, WorkerSummary summary, CancellationToken cancellationToken)
    {
        var payload = msg.Data ?? [];
        var attempts = (int)(msg.Metadata?.NumDelivered ?? 1);
        var messageId = msg.Headers is { } h && h.TryGetValue("Nats-Msg-Id", out var v) ? v.ToString() : "";
        if (attempts > queue.Options.MaxAttempts)
        {
            await DeadAsync(msg, payload, messageId, attempts - 1, null, $"not acknowledged after {attempts - 1} deliveries (a worker died, hung or exceeded the ack wait while analysing it)", summary, cancellationToken).ConfigureAwait(false);
            return;
        }

        ArticleMessage article;
        try
        {
            article = ArticleMessage.FromBytes(payload);
        }
        catch (QueueException e)
        {
            await DeadAsync(msg, payload, messageId, attempts, null, e.Message, summary, cancellationToken).ConfigureAwait(false);
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(AnalysisTimeout);
        using var heartbeatStop = new CancellationTokenSource();
        var heartbeat = HeartbeatAsync(msg, heartbeatStop.Token);
        string? error = null;
        string? outcome = null;
        try
        {
            // The handler is synchronous CPU work; a handler that ignores cancellation is abandoned after the timeout.
            var work = Task.Run(() => handle(article, timeout.Token), CancellationToken.None);
            outcome = await work.WaitAsync(AnalysisTimeout + TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: hand the message back at once so another worker takes it.
            await heartbeatStop.CancelAsync().ConfigureAwait(false);
            await heartbeat.ConfigureAwait(false);
            await msg.NakAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false);
            return;
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
            error = $"analysis exceeded the {AnalysisTimeout.TotalSeconds:0.#} s timeout";
        }
        catch (Exception e)
        {
            error = $"{e.GetType().Name}: {e.Message}";
        }
        finally
        {
            await heartbeatStop.CancelAsync().ConfigureAwait(false);
            await heartbeat.ConfigureAwait(false);
        }

        if (error is null)
        {
            await msg.AckAsync(new AckOpts { DoubleAck = true }, cancellationToken).ConfigureAwait(false);
            summary.AddDone();
            OnDone?.Invoke(article.Id, outcome ?? "");
            return;
        }

        if (attempts >= queue.Options.MaxAttempts)
        {
            await DeadAsync(msg, payload, messageId, attempts, article.Source, error, summary, cancellationToken).ConfigureAwait(false);
            return;
        }

        summary.AddRetried();
        OnError?.Invoke($"cannot process '{article.Source}' (attempt {attempts} of {queue.Options.MaxAttempts}): {error}; will retry");
        var delay = TimeSpan.FromMilliseconds(Math.Min(30_000, 250 * (1 << Math.Min(attempts, 7))));
        await msg.NakAsync(new AckOpts { NakDelay = delay }, cancellationToken).ConfigureAwait(false);
    }

    private async Task DeadAsync(INatsJSMsg<byte[]> msg, byte[] payload, string messageId, int attempts, string? source, string error, WorkerSummary summary, CancellationToken cancellationToken)
    {
        await queue.DeadLetterAsync(payload, messageId, attempts, error, cancellationToken).ConfigureAwait(false);
        await msg.AckAsync(new AckOpts { DoubleAck = true }, cancellationToken).ConfigureAwait(false);
        summary.AddDead();
        OnError?.Invoke($"gave up on '{source ?? messageId}' after {attempts} attempt(s): {error}; moved to {queue.Address.DeadSubject}");
        OnDeadLetter?.Invoke(source ?? messageId, $"dead-lettered after {attempts} attempt(s): {error}");
    }

    private async Task HeartbeatAsync(INatsJSMsg<byte[]> msg, CancellationToken stop)
    {
        var every = TimeSpan.FromMilliseconds(Math.Max(200, queue.Options.AckWait.TotalMilliseconds / 3));
        try
        {
            while (true)
            {
                await Task.Delay(every, stop).ConfigureAwait(false);
                await msg.AckProgressAsync(cancellationToken: stop).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
