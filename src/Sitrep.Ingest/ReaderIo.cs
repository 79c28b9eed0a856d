using System.Globalization;

namespace Sitrep.Ingest;

/// <summary>File access shared by the readers: existence, size limit and read errors as messages.</summary>
internal static class ReaderIo
{
    public static byte[]? ReadBytes(string path, ReaderOptions options, out string? error)
    {
        error = null;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                error = "no such file";
                return null;
            }

            if (info.Length > options.MaxBytes)
            {
                error = $"file is {info.Length / (1024.0 * 1024):0.#} MB, over the {options.MaxBytes / (1024.0 * 1024):0.#} MB limit (raise it with --max-size)";
                return null;
            }

            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error = $"cannot read: {e.Message}";
            return null;
        }
    }
}

/// <summary>Parses the dates found in pages, feeds and dumps (ISO 8601, RFC 1123, M/D/YYYY, "24 Feb 2022").</summary>
public static class Dates
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd", "yyyy/MM/dd", "M/d/yyyy", "d MMM yyyy", "d MMMM yyyy", "MMM d, yyyy", "MMMM d, yyyy", "yyyyMMdd",
    ];

    public static DateOnly? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Trim();
        if (DateOnly.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var d))
        {
            return d;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out var dto))
        {
            return DateOnly.FromDateTime(dto.DateTime);
        }

        return text.Length >= 10 && DateOnly.TryParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out d) ? d : null;
    }
}
