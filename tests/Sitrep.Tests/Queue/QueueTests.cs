using Sitrep.Analysis;
using Sitrep.Cli.Commands;
using Sitrep.Cli.Ingestion;
using Sitrep.Ingest;
using Sitrep.Queue;
using Sitrep.Tests.Storage;
using Xunit;
using Xunit.Abstractions;

namespace Sitrep.Tests.Queue;

/// <summary>The JetStream work queue in process: de-duplication, acknowledgement, redelivery and dead letters.</summary>
public sealed class QueueTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_same_article_published_twice_is_queued_once()
    {
        Requires.Nats();

        await using var q = await ArticleQueue.OpenAsync(TestNats.NewQueue());
        try
        {
            var m = new ArticleMessage { Text = SyntheticReports.Text(1), Source = "a.txt" };
            Assert.Equal(PublishOutcome.Queued, await q.PublishAsync(m));
            Assert.Equal(PublishOutcome.Duplicate, await q.PublishAsync(m with { Source = "copy-of-a.txt" }));
            Assert.Equal(PublishOutcome.Queued, await q.PublishAsync(new ArticleMessage { Text = SyntheticReports.Text(2) }));
            Assert.Equal(2, await q.PendingAsync());
        }
        finally
        {
            await q.DeleteAsync();
        }
    }

    [Fact]
    public async Task A_worker_stores_every_queued_article_once_and_empties_the_queue()
    {
        Requires.Nats();
        Requires.Postgres();

        using var schema = TestPostgres.CreateSchema();
        using var store = schema.OpenStore();
        await using var q = await ArticleQueue.OpenAsync(TestNats.NewQueue());
        try
        {
            var texts = Enumerable.Range(0, 30).Select(i => SyntheticReports.Text(i)).ToList();
            var inputs = texts.Select((t, i) => ReadResult.Ok(new SourceItem($"r{i}.txt", t))).ToList();
            var published = await QueueCommandOptions.PublishAsync(q, inputs.Concat(inputs.Take(5)), null, CancellationToken.None);
            Assert.Equal(30, published.Queued);
            Assert.Equal(5, published.Duplicates);

            var worker = new QueueWorker(q, new ArticleProcessor(store, Analyzer.Default).Process) { Parallelism = 2, IdleExit = TimeSpan.FromSeconds(2) };
            using var cts = new CancellationTokenSource(Budget);
            var summary = await worker.RunAsync(cts.Token);
            Assert.Equal(30, summary.Done);
            Assert.Equal(0, await q.PendingAsync());
            StoreIntegrity.AssertExactlyOnce(schema, texts);
        }
        finally
        {
            await q.DeleteAsync();
        }
    }

    [Fact]
    public async Task A_message_that_is_never_acknowledged_is_redelivered_after_the_ack_wait()
    {
        Requires.Nats();

        await using var q = await ArticleQueue.OpenAsync(TestNats.NewQueue(), new QueueOptions { AckWait = TimeSpan.FromSeconds(1) });
        try
        {
            await q.PublishAsync(new ArticleMessage { Text = SyntheticReports.Text(7), Source = "lost.txt" });

            // A "worker" takes the message and dies without acknowledging it.
            var consumer = await q.ConsumerAsync();
            var taken = await consumer.NextAsync<byte[]>();
            Assert.NotNull(taken);

            var seen = new List<string>();
            var worker = new QueueWorker(q, (m, _) =>
            {
                lock (seen)
                {
                    seen.Add(m.Source!);
                }

                return "stored";
            })
            { IdleExit = TimeSpan.FromSeconds(4) };
            using var cts = new CancellationTokenSource(Budget);
            var summary = await worker.RunAsync(cts.Token);
            Assert.Equal(["lost.txt"], seen);
            Assert.Equal(1, summary.Done);
            Assert.Equal(0, await q.PendingAsync());
        }
        finally
        {
            await q.DeleteAsync();
        }
    }

    [Fact]
    public async Task A_poison_message_goes_to_the_dead_letter_stream_with_its_error_after_the_allowed_attempts()
    {
        Requires.Nats();

        await using var q = await ArticleQueue.OpenAsync(TestNats.NewQueue(), new QueueOptions { MaxAttempts = 3, AckWait = TimeSpan.FromSeconds(5) });
        try
        {
            await q.PublishAsync(new ArticleMessage { Text = "poison " + SyntheticReports.Text(3), Source = "poison.txt" });
            await q.PublishAsync(new ArticleMessage { Text = SyntheticReports.Text(4), Source = "good.txt" });
            var attempts = 0;
            var dead = new List<(string? Source, string Error)>();
            var worker = new QueueWorker(q, (m, _) =>
            {
                if (m.Text.StartsWith("poison", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref attempts);
                    throw new InvalidOperationException("the analysis broke");
                }

                return "stored";
            })
            {
                IdleExit = TimeSpan.FromSeconds(6),
                OnDeadLetter = (s, e) => dead.Add((s, e)),
            };
            using var cts = new CancellationTokenSource(Budget);
            var summary = await worker.RunAsync(cts.Token);
            Assert.Equal(3, attempts);
            Assert.Equal(1, summary.Done);
            Assert.Equal(1, summary.DeadLettered);
            var (source, error) = Assert.Single(dead);
            Assert.Equal("poison.txt", source);
            Assert.Contains("the analysis broke", error, StringComparison.Ordinal);
            Assert.Equal(1, await q.DeadAsync());
            Assert.Equal(0, await q.PendingAsync());

            var deadConsumer = await q.JetStream.CreateOrUpdateConsumerAsync(q.Address.DeadStream, new NATS.Client.JetStream.Models.ConsumerConfig("inspect"));
            var letter = await deadConsumer.NextAsync<byte[]>();
            Assert.NotNull(letter);
            Assert.Contains("the analysis broke", letter.Headers!["Sitrep-Error"].ToString(), StringComparison.Ordinal);
            Assert.Equal("3", letter.Headers!["Sitrep-Attempts"].ToString());
            Assert.Equal("poison.txt", ArticleMessage.FromBytes(letter.Data).Source);
        }
        finally
        {
            await q.DeleteAsync();
        }
    }

    [Fact]
    public async Task An_unreadable_message_is_dead_lettered_at_once()
    {
        Requires.Nats();

        await using var q = await ArticleQueue.OpenAsync(TestNats.NewQueue());
        try
        {
            await q.JetStream.PublishAsync(q.Address.ArticleSubject, "{not json"u8.ToArray());
            var calls = 0;
            var worker = new QueueWorker(q, (_, _) =>
            {
                calls++;
                return "stored";
            })
            { IdleExit = TimeSpan.FromSeconds(2) };
            var summary = await worker.RunAsync(new CancellationTokenSource(Budget).Token);
            Assert.Equal(0, calls);
            Assert.Equal(1, summary.DeadLettered);
            Assert.Equal(1, await q.DeadAsync());
        }
        finally
        {
            await q.DeleteAsync();
        }
    }

    [Fact]
    public async Task An_analysis_over_the_timeout_is_a_failed_attempt_and_does_not_hang_the_worker()
    {
        Requires.Nats();

        await using var q = await ArticleQueue.OpenAsync(TestNats.NewQueue(), new QueueOptions { MaxAttempts = 1 });
        try
        {
            await q.PublishAsync(new ArticleMessage { Text = SyntheticReports.Text(9), Source = "slow.txt" });
            var worker = new QueueWorker(q, (_, ct) =>
            {
                Task.Delay(TimeSpan.FromSeconds(30), ct).Wait(ct);
                return "stored";
            })
            { AnalysisTimeout = TimeSpan.FromMilliseconds(300), IdleExit = TimeSpan.FromSeconds(2) };
            var started = DateTime.UtcNow;
            var summary = await worker.RunAsync(new CancellationTokenSource(Budget).Token);
            Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(15));
            Assert.Equal(1, summary.DeadLettered);
        }
        finally
        {
            await q.DeleteAsync();
        }
    }

    [Fact]
    public async Task A_message_over_the_size_limit_is_refused_with_a_reason_naming_the_input()
    {
        Requires.Nats();

        await using var q = await ArticleQueue.OpenAsync(TestNats.NewQueue(), new QueueOptions { MaxMessageBytes = 4096 });
        try
        {
            var e = await Assert.ThrowsAsync<QueueException>(() => q.PublishAsync(new ArticleMessage { Text = new string('x', 10_000), Source = "huge.txt" }));
            Assert.Contains("huge.txt", e.Message, StringComparison.Ordinal);
            Assert.Contains("limit", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            await q.DeleteAsync();
        }
    }

    [Theory]
    [InlineData("nats://127.0.0.1:4222/news", "nats://127.0.0.1:4222", "news")]
    [InlineData("nats://a:4222,b:4223", "nats://a:4222,nats://b:4223", "sitrep")]
    [InlineData("nats://u:p@h:1/x-1", "nats://u:p@h:1", "x-1")]
    public void Queue_addresses_name_servers_and_a_queue(string text, string servers, string name)
    {
        var a = QueueAddress.Parse(text);
        Assert.Equal(servers, a.ServerUrls);
        Assert.Equal(name, a.Name);
        Assert.DoesNotContain(":p@", a.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://h:4222/x")]
    [InlineData("nats:///x")]
    [InlineData("nats://h/bad.name")]
    public void Bad_queue_addresses_are_refused(string text) =>
        Assert.Throws<QueueException>(() => QueueAddress.Parse(text));
}
