using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace Sitrep.Queue;

/// <summary>Settings of the work queue. Defaults suit production; tests shorten the waits.</summary>
public sealed record QueueOptions
{
    /// <summary>How long a delivered message may stay unacknowledged before JetStream gives it to another worker.</summary>
    public TimeSpan AckWait { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Deliveries after which a failing message goes to the dead-letter stream.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>JetStream's de-duplication window: a message id seen within it is dropped.</summary>
    public TimeSpan DuplicateWindow { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Largest message accepted (also capped by the server's max_payload).</summary>
    public int MaxMessageBytes { get; init; } = 1024 * 1024;

    /// <summary>Stream replicas: 1 for a single server, 3 on a three-node cluster (default: SITREP_QUEUE_REPLICAS, else 1).</summary>
    public int Replicas { get; init; } =
        int.TryParse(Environment.GetEnvironmentVariable("SITREP_QUEUE_REPLICAS"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var r) && r is >= 1 and <= 5 ? r : 1;
}

/// <summary>What publishing one article did.</summary>
public enum PublishOutcome
{
    Queued,
    Duplicate,
}

/// <summary>
/// The JetStream work queue of articles: a work-queue stream that each article enters once (message id = content
/// hash), one durable pull consumer with explicit acks shared by all workers, and a dead-letter stream.
/// </summary>
public sealed class ArticleQueue : IAsyncDisposable
{
    private readonly NatsConnection _connection;

    private ArticleQueue(QueueAddress address, QueueOptions options, NatsConnection connection)
    {
        Address = address;
        Options = options;
        _connection = connection;
        JetStream = new NatsJSContext(connection);
    }

    public QueueAddress Address { get; }

    public QueueOptions Options { get; }

    public NatsJSContext JetStream { get; }

    /// <summary>Connects and creates (or updates) the streams and the consumer.</summary>
    public static async Task<ArticleQueue> OpenAsync(string queue, QueueOptions? options = null, CancellationToken cancellationToken = default)
    {
        var address = QueueAddress.Parse(queue);
        options ??= new QueueOptions();
        var connection = new NatsConnection(new NatsOpts { Url = address.ServerUrls, Name = "sitrep", ConnectTimeout = TimeSpan.FromSeconds(5), RequestTimeout = TimeSpan.FromSeconds(10) });
        try
        {
            await connection.ConnectAsync().ConfigureAwait(false);
            var queueObj = new ArticleQueue(address, options, connection);
            await queueObj.EnsureAsync(cancellationToken).ConfigureAwait(false);
            return queueObj;
        }
        catch (Exception e) when (e is NatsException or TimeoutException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new QueueException($"cannot open the queue at {address}: {e.Message}", e);
        }
    }

    /// <summary>Messages waiting (not yet acknowledged) in the article stream.</summary>
    public async Task<long> PendingAsync(CancellationToken cancellationToken = default)
    {
        var stream = await JetStream.GetStreamAsync(Address.Stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        return (long)stream.Info.State.Messages;
    }

    /// <summary>Messages in the dead-letter stream.</summary>
    public async Task<long> DeadAsync(CancellationToken cancellationToken = default)
    {
        var stream = await JetStream.GetStreamAsync(Address.DeadStream, cancellationToken: cancellationToken).ConfigureAwait(false);
        return (long)stream.Info.State.Messages;
    }

    /// <summary>Publishes one article; a repeat within the de-duplication window is reported as such and dropped.</summary>
    public async Task<PublishOutcome> PublishAsync(ArticleMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var payload = message.ToBytes();
        var limit = Math.Min(Options.MaxMessageBytes, _connection.ServerInfo?.MaxPayload is > 0 and var max ? max : int.MaxValue);
        if (payload.Length > limit)
        {
            throw new QueueException(
                $"message for '{message.Source}' is {payload.Length / 1024} KB, over the {limit / 1024} KB message limit (raise --max-message and the server's max_payload, or shorten the article)");
        }

        var ack = await JetStream.PublishAsync(Address.ArticleSubject, payload, opts: new NatsJSPubOpts { MsgId = message.Id }, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (ack.Duplicate)
        {
            return PublishOutcome.Duplicate;
        }

        ack.EnsureSuccess();
        return PublishOutcome.Queued;
    }

    /// <summary>The shared durable consumer.</summary>
    public async Task<INatsJSConsumer> ConsumerAsync(CancellationToken cancellationToken = default) =>
        await JetStream.GetConsumerAsync(Address.Stream, Address.Consumer, cancellationToken).ConfigureAwait(false);

    /// <summary>Moves a message to the dead-letter stream with the error and the number of attempts in its headers.</summary>
    public async Task DeadLetterAsync(ReadOnlyMemory<byte> payload, string messageId, int attempts, string error, CancellationToken cancellationToken = default)
    {
        var headers = new NatsHeaders
        {
            ["Sitrep-Error"] = OneLine(error),
            ["Sitrep-Attempts"] = attempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Sitrep-Message-Id"] = messageId,
            ["Sitrep-At"] = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        };
        var ack = await JetStream.PublishAsync(Address.DeadSubject, payload.ToArray(), headers: headers, cancellationToken: cancellationToken).ConfigureAwait(false);
        ack.EnsureSuccess();
    }

    /// <summary>Removes both streams (for tests and resets).</summary>
    public async Task DeleteAsync(CancellationToken cancellationToken = default)
    {
        foreach (var name in new[] { Address.Stream, Address.DeadStream })
        {
            try
            {
                await JetStream.DeleteStreamAsync(name, cancellationToken).ConfigureAwait(false);
            }
            catch (NatsJSApiException e) when (e.Error.Code == 404)
            {
            }
        }
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync().ConfigureAwait(false);

    private static string OneLine(string s)
    {
        var line = s.ReplaceLineEndings(" ");
        return line.Length > 2000 ? line[..2000] + "…" : line;
    }

    private async Task EnsureAsync(CancellationToken cancellationToken)
    {
        await JetStream.CreateOrUpdateStreamAsync(
            new StreamConfig
            {
                Name = Address.Stream,
                Subjects = [Address.ArticleSubject],
                Retention = StreamConfigRetention.Workqueue,
                Storage = StreamConfigStorage.File,
                DuplicateWindow = Options.DuplicateWindow,
                MaxMsgSize = Options.MaxMessageBytes,
                NumReplicas = Options.Replicas,
            },
            cancellationToken).ConfigureAwait(false);
        await JetStream.CreateOrUpdateStreamAsync(
            new StreamConfig
            {
                Name = Address.DeadStream,
                Subjects = [Address.DeadSubject],
                Retention = StreamConfigRetention.Limits,
                Storage = StreamConfigStorage.File,
                NumReplicas = Options.Replicas,
            },
            cancellationToken).ConfigureAwait(false);
        await JetStream.CreateOrUpdateConsumerAsync(
            Address.Stream,
            new ConsumerConfig(Address.Consumer)
            {
                AckPolicy = ConsumerConfigAckPolicy.Explicit,
                AckWait = Options.AckWait,
                MaxDeliver = -1,
                MaxAckPending = 10_000,
            },
            cancellationToken).ConfigureAwait(false);
    }
}
