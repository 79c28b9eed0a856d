using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Sitrep.Core;

namespace Sitrep.Queue;

/// <summary>One article on the work queue: its text and metadata as read, before analysis. Serialised as JSON.</summary>
public sealed record ArticleMessage
{
    [JsonPropertyName("v")]
    public int Version { get; init; } = 1;

    [JsonPropertyName("text")]
    public required string Text { get; init; }

    [JsonPropertyName("title")]
    public string? Title { get; init; }

    [JsonPropertyName("url")]
    public string? Url { get; init; }

    [JsonPropertyName("outlet")]
    public string? Outlet { get; init; }

    [JsonPropertyName("published")]
    public string? Published { get; init; }

    [JsonPropertyName("language")]
    public string? Language { get; init; }

    /// <summary>The input it was read from (path, feed item URL).</summary>
    [JsonPropertyName("source")]
    public string? Source { get; init; }

    /// <summary>The message id: the content hash of the text, as the store uses, so JetStream drops repeats.</summary>
    [JsonIgnore]
    public string Id => Document.ContentHash(Text);

    public DateOnly? PublishedDate =>
        Published is not null && DateOnly.TryParseExact(Published, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this);

    /// <summary>Reads a message; a payload that is not a valid article message throws <see cref="QueueException"/>.</summary>
    public static ArticleMessage FromBytes(ReadOnlySpan<byte> payload)
    {
        ArticleMessage? message;
        try
        {
            message = JsonSerializer.Deserialize<ArticleMessage>(payload);
        }
        catch (JsonException e)
        {
            throw new QueueException($"not an article message: {e.Message}", e);
        }

        if (message is null || message.Text is null)
        {
            throw new QueueException("not an article message: no text");
        }

        if (message.Version != 1)
        {
            throw new QueueException($"article message version {message.Version} is not supported (this worker reads version 1)");
        }

        return message;
    }
}
