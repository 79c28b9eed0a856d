using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;

namespace Sitrep.Ingest;

/// <summary>
/// Reads dumps of many reports: JSON Lines (one object per line), JSON arrays of objects, and CSV with a header
/// row (CsvHelper). Fields are chosen by <see cref="FieldMapping"/>. A malformed record gives an error naming the
/// file and line; the records around it are still read.
/// </summary>
public static class DumpReader
{
    public static IEnumerable<ReadResult> ReadJsonLines(string path, ReaderOptions options)
    {
        StreamReader reader;
        try
        {
            if (!File.Exists(path))
            {
                return [ReadResult.Fail(path, "no such file")];
            }

            reader = new StreamReader(path, new UTF8Encoding(false, throwOnInvalidBytes: false), detectEncodingFromByteOrderMarks: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return [ReadResult.Fail(path, $"cannot read: {e.Message}")];
        }

        return JsonLines(path, reader, options);
    }

    public static IEnumerable<ReadResult> JsonLines(string input, TextReader reader, ReaderOptions options)
    {
        using var _ = reader;
        var lineNo = 0;
        var any = false;
        // lines are read no longer than the limit: a 1 GB line costs no more memory than a short one
        while (ReaderIo.ReadLineAtMost(reader, options.MaxBytes, out var tooLong) is { } line)
        {
            lineNo++;
            if (!tooLong && string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            any = true;
            var where = $"{input}:{lineNo}";
            if (tooLong)
            {
                yield return ReadResult.Fail(where, "record over the size limit (raise it with --max-size)");
                continue;
            }

            ReadResult result;
            try
            {
                using var json = JsonDocument.Parse(line);
                result = FromJson(where, json.RootElement, options);
            }
            catch (JsonException e)
            {
                result = ReadResult.Fail(where, $"invalid JSON at position {e.BytePositionInLine}: {FirstSentence(e.Message)}");
            }

            yield return result;
        }

        if (!any)
        {
            yield return ReadResult.Fail(input, "empty file (no JSON lines)");
        }
    }

    /// <summary>A .json file: a JSON Feed, an array of records, or a single record.</summary>
    public static IEnumerable<ReadResult> ReadJson(string path, ReaderOptions options)
    {
        var bytes = ReaderIo.ReadBytes(path, options, out var error);
        if (bytes is null)
        {
            return [ReadResult.Fail(path, error!)];
        }

        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(bytes.AsMemory(bytes.Length >= 3 && bytes[0] == 0xEF ? 3 : 0));
        }
        catch (JsonException e)
        {
            return [ReadResult.Fail(path, $"invalid JSON at line {e.LineNumber + 1}, position {e.BytePositionInLine}: {FirstSentence(e.Message)}")];
        }

        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.String
                && v.GetString()!.Contains("jsonfeed", StringComparison.OrdinalIgnoreCase))
            {
                return FeedFileReader.FromBytes(path, bytes, options, null).ToList();
            }

            if (root.ValueKind == JsonValueKind.Array)
            {
                var list = new List<ReadResult>();
                var i = 0;
                foreach (var element in root.EnumerateArray())
                {
                    i++;
                    list.Add(FromJson($"{path}#record {i}", element, options));
                }

                return list.Count == 0 ? [ReadResult.Fail(path, "empty JSON array")] : list;
            }

            return [FromJson(path, root, options)];
        }
    }

    public static ReadResult FromJson(string where, JsonElement record, ReaderOptions options)
    {
        if (record.ValueKind != JsonValueKind.Object)
        {
            return ReadResult.Fail(where, $"expected a JSON object, found {record.ValueKind.ToString().ToLowerInvariant()}");
        }

        string? Field(IReadOnlyList<string> names)
        {
            foreach (var name in names)
            {
                if (record.TryGetProperty(name, out var value))
                {
                    var s = value.ValueKind switch
                    {
                        JsonValueKind.String => value.GetString(),
                        JsonValueKind.Number => value.GetRawText(),
                        _ => null,
                    };
                    if (!string.IsNullOrWhiteSpace(s))
                    {
                        return s;
                    }
                }
            }

            return null;
        }

        return Build(where, Field, options);
    }

    public static IEnumerable<ReadResult> ReadCsv(string path, ReaderOptions options)
    {
        if (!File.Exists(path))
        {
            return [ReadResult.Fail(path, "no such file")];
        }

        var bytes = ReaderIo.ReadBytes(path, options, out var error);
        return bytes is null ? [ReadResult.Fail(path, error!)] : Csv(path, bytes, options);
    }

    /// <summary>Reads CSV with a header row. Records with broken quoting are reported by line and skipped.</summary>
    public static IEnumerable<ReadResult> Csv(string input, byte[] utf8, ReaderOptions options)
    {
        var malformed = new Queue<CsvMalformedRecord>();
        var csvOptions = new CsvReaderOptions
        {
            MalformedData = CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            TrackLineNumbers = true,
            OnMalformedRecord = malformed.Enqueue,
        };
        using var csv = CsvReader.Create(utf8, csvOptions);
        IReadOnlyList<string> header;
        try
        {
            header = csv.Headers;
        }
        catch (CsvFormatException e)
        {
            return [ReadResult.Fail(input, $"cannot read the CSV header: {FirstSentence(e.Message)}")];
        }

        if (header.Count == 0)
        {
            return [ReadResult.Fail(input, "empty CSV (no header row)")];
        }

        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
        {
            index.TryAdd(header[i].Trim(), i);
        }

        if (!options.Fields.Text.Any(index.ContainsKey))
        {
            return [ReadResult.Fail(input, $"no text column: the header has {string.Join(", ", header)}; choose one with --text-field")];
        }

        var results = new List<ReadResult>();
        while (true)
        {
            bool more;
            try
            {
                more = csv.Read();
            }
            catch (CsvFormatException e)
            {
                results.Add(ReadResult.Fail($"{input}:{e.LineNumber}", $"malformed CSV: {FirstSentence(e.Message)}; the rest of the file is skipped"));
                break;
            }

            while (malformed.TryDequeue(out var bad))
            {
                results.Add(ReadResult.Fail($"{input}:{bad.LineNumber}", $"malformed CSV record ({Reason(bad.Reason)}); skipped"));
            }

            if (!more)
            {
                break;
            }

            var count = csv.FieldCount;
            string? Field(IReadOnlyList<string> names)
            {
                foreach (var name in names)
                {
                    if (index.TryGetValue(name, out var i) && i < count && csv.GetString(i) is { } v && !string.IsNullOrWhiteSpace(v))
                    {
                        return v;
                    }
                }

                return null;
            }

            results.Add(Build($"{input}:{csv.LineNumber}", Field, options));
        }

        return results;
    }

    private static string Reason(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote => "a quote inside an unquoted field",
        CsvMalformedReason.TextAfterClosingQuote => "text after a closing quote",
        CsvMalformedReason.UnterminatedQuote => "a quoted field that is never closed",
        CsvMalformedReason.LineBreakInQuotes => "a line break inside quotes",
        CsvMalformedReason.FieldCountMismatch => "wrong number of fields",
        _ => reason.ToString(),
    };

    private static ReadResult Build(string where, Func<IReadOnlyList<string>, string?> field, ReaderOptions options)
    {
        var fields = options.Fields;
        // The first text field that holds words: a number or a placeholder ("text": 12345, "description": "1") is no
        // report, and the next field named (a headline) is read instead.
        string? text = null, wordless = null;
        foreach (var name in fields.Text)
        {
            var value = field([name]);
            if (value is not null && value.Any(char.IsLetter))
            {
                text = value;
                break;
            }

            wordless ??= value;
        }

        if (text is null)
        {
            return ReadResult.Fail(where, wordless is null
                ? $"the record has no text in {string.Join(", ", fields.Text)} (choose the field with --text-field)"
                : $"the record's text '{Shorten(wordless)}' holds no words (choose the text field with --text-field)");
        }

        if (text.Length > options.MaxBytes)
        {
            return ReadResult.Fail(where, "record text over the size limit (raise it with --max-size)");
        }

        var title = field(fields.Title)?.Trim();
        var dateText = field(fields.Date);
        var date = Dates.Parse(dateText);
        var undated = date is not null || options.Published is not null ? null
            : dateText is null ? $"no date in {string.Join(", ", fields.Date)}"
            : $"cannot read the date '{Shorten(dateText)}'";

        text = text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (title is not null && !text.StartsWith(title, StringComparison.Ordinal) && title != text)
        {
            text = title + "\n\n" + text;
        }

        var url = field(fields.Url)?.Trim();
        return ReadResult.Ok(new SourceItem(where, text)
        {
            Title = title,
            Url = url,
            Outlet = field(fields.Outlet)?.Trim(),
            Published = date ?? options.Published,
        }) with { Undated = undated };
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        var s = cut > 0 ? message[..cut] : message;
        return s.Replace('\n', ' ').Replace('\r', ' ').Trim().TrimEnd('.');
    }

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
