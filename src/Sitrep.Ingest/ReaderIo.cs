using System.Globalization;
using System.Text;

namespace Sitrep.Ingest;

/// <summary>File access shared by the readers: existence, size limit and read errors as messages.</summary>
internal static class ReaderIo
{
    /// <summary>Reads to the end, or stops once more than <paramref name="maxChars"/> characters came (<paramref name="over"/>).</summary>
    public static string ReadAtMost(TextReader reader, long maxChars, out bool over)
    {
        var sb = new StringBuilder();
        var buffer = new char[64 * 1024];
        int n;
        while ((n = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            sb.Append(buffer, 0, n);
            if (sb.Length > maxChars)
            {
                over = true;
                return "";
            }
        }

        over = false;
        return sb.ToString();
    }

    /// <summary>
    /// The next line without its line break, or null at the end. A line longer than <paramref name="maxChars"/> is
    /// read to its end but not kept: <paramref name="tooLong"/> says so and the result is empty.
    /// </summary>
    public static string? ReadLineAtMost(TextReader reader, long maxChars, out bool tooLong)
    {
        tooLong = false;
        var sb = new StringBuilder();
        var any = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            any = true;
            if (c == '\n')
            {
                break;
            }

            if (tooLong)
            {
                continue;
            }

            sb.Append((char)c);
            if (sb.Length > maxChars)
            {
                tooLong = true;
                sb.Clear();
            }
        }

        if (!any)
        {
            return null;
        }

        if (sb.Length > 0 && sb[^1] == '\r')
        {
            sb.Length--;
        }

        return sb.ToString();
    }

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
        if (!HasYear(text))
        {
            // "05:45" or "12 Aug" would be read as a day of the current year: a date needs its year
            return null;
        }

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

    // Four digits in a row, or eight (yyyyMMdd), make a year; a time of day or "12 Aug" has none.
    private static bool HasYear(string text)
    {
        var run = 0;
        foreach (var c in text)
        {
            run = char.IsAsciiDigit(c) ? run + 1 : 0;
            if (run == 4)
            {
                return true;
            }
        }

        return false;
    }
}
