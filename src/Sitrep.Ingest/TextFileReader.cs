using System.Text;

namespace Sitrep.Ingest;

/// <summary>
/// Reads a plain-text report (UTF-8, or UTF-16 with a byte-order mark). Refuses, with a reason, inputs that are
/// empty, binary, over the size limit or not valid UTF-8. A short first line without final punctuation is the title.
/// </summary>
public static class TextFileReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static ReadResult Read(string path, ReaderOptions options)
    {
        FileInfo info;
        try
        {
            info = new FileInfo(path);
            if (!info.Exists)
            {
                return ReadResult.Fail(path, "no such file");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return ReadResult.Fail(path, e.Message);
        }

        if (info.Length > options.MaxBytes)
        {
            return ReadResult.Fail(path, $"file is {Megabytes(info.Length)}, over the {Megabytes(options.MaxBytes)} limit (raise it with --max-size)");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ReadResult.Fail(path, $"cannot read: {e.Message}");
        }

        return FromBytes(path, bytes, options);
    }

    public static ReadResult FromBytes(string input, byte[] bytes, ReaderOptions options)
    {
        if (bytes.Length > options.MaxBytes)
        {
            return ReadResult.Fail(input, $"input is {Megabytes(bytes.Length)}, over the {Megabytes(options.MaxBytes)} limit (raise it with --max-size)");
        }

        var decoded = Decode(input, bytes, out var error);
        if (decoded is null)
        {
            return ReadResult.Fail(input, error!);
        }

        if (string.IsNullOrWhiteSpace(decoded))
        {
            return ReadResult.Fail(input, bytes.Length == 0 ? "empty file" : "file holds only whitespace");
        }

        return ReadResult.Ok(new SourceItem(input, decoded) { Title = GuessTitle(decoded), Published = options.Published });
    }

    /// <summary>Decodes text, or returns null with the reason (binary content, invalid UTF-8).</summary>
    public static string? Decode(string input, byte[] bytes, out string? error)
    {
        error = null;
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            var encoding = bytes[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode;
            return encoding.GetString(bytes, 2, bytes.Length - 2);
        }

        var offset = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        var probe = Math.Min(bytes.Length, 8192);
        var controls = 0;
        for (var i = offset; i < probe; i++)
        {
            var b = bytes[i];
            if (b == 0)
            {
                error = "binary file (contains NUL bytes), not text";
                return null;
            }

            if (b < 0x20 && b is not (0x09 or 0x0A or 0x0D or 0x0C))
            {
                controls++;
            }
        }

        if (probe > 0 && controls > probe / 10)
        {
            error = "binary file (mostly control bytes), not text";
            return null;
        }

        try
        {
            return StrictUtf8.GetString(bytes, offset, bytes.Length - offset);
        }
        catch (DecoderFallbackException e)
        {
            var at = e.Index >= 0 ? $" at byte {e.Index + offset}" : "";
            error = $"not valid UTF-8{at}; convert it to UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8)";
            return null;
        }
    }

    /// <summary>A first line of at most 200 characters with no sentence-final punctuation is a headline.</summary>
    public static string? GuessTitle(string text)
    {
        var trimmed = text.TrimStart();
        var newline = trimmed.IndexOf('\n', StringComparison.Ordinal);
        if (newline <= 0)
        {
            return null;
        }

        var line = trimmed[..newline].Trim();
        return line.Length is > 0 and <= 200 && line[^1] is not ('.' or '!' or '?' or ',' or ';' or ':') ? line : null;
    }

    private static string Megabytes(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024):0.#} MB" : $"{bytes / 1024.0:0.#} KB";
}
