using System.Text;

namespace Sitrep.Ingest;

/// <summary>
/// Turns command-line inputs (files, folders searched recursively, glob patterns, "-" for standard input) into read
/// results, one per report, with an error result for every input that cannot be read. It never throws for bad input.
/// </summary>
public sealed class InputExpander(ReaderOptions options)
{
    /// <summary>File endings read from folders; other files in a folder are passed over.</summary>
    public static readonly string[] TextExtensions = [".txt", ".text", ".md"];

    public ReaderOptions Options { get; } = options;

    /// <summary>Extra readers by file ending (HTML, feeds, dumps) contributed by other components.</summary>
    public Dictionary<string, Func<string, ReaderOptions, IEnumerable<ReadResult>>> Readers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Reads http(s) inputs (pages and feeds); null means URLs are refused with a message.</summary>
    public Func<string, ReaderOptions, CancellationToken, IEnumerable<ReadResult>>? UrlReader { get; set; }

    public IEnumerable<ReadResult> Expand(IEnumerable<string> inputs, TextReader? stdin = null, CancellationToken cancellationToken = default)
    {
        foreach (var input in inputs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (input == "-")
            {
                // read no further than the limit: a stream of any length costs at most --max-size
                var text = ReaderIo.ReadAtMost(stdin ?? Console.In, Options.MaxBytes, out var over);
                yield return over
                    ? ReadResult.Fail("<stdin>", $"standard input is over the {Options.MaxBytes / (1024.0 * 1024):0.#} MB limit (raise it with --max-size)")
                    : TextFileReader.FromBytes("<stdin>", Encoding.UTF8.GetBytes(text), Options);
                continue;
            }

            if (UrlFetcher.IsUrl(input))
            {
                if (UrlReader is null)
                {
                    yield return ReadResult.Fail(input, "URLs are not read here");
                    continue;
                }

                foreach (var result in Guarded(input, () => UrlReader(input, Options, cancellationToken)))
                {
                    yield return result;
                }

                continue;
            }

            if (Directory.Exists(input))
            {
                var any = false;
                foreach (var file in EnumerateFolder(input))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    foreach (var result in ReadFile(file))
                    {
                        any = true;
                        yield return result;
                    }
                }

                if (!any)
                {
                    yield return ReadResult.Fail(input, $"folder has no readable reports (looked for {string.Join(", ", KnownExtensions())})");
                }

                continue;
            }

            if (input.IndexOfAny(['*', '?']) >= 0)
            {
                var matches = Glob(input).ToList();
                if (matches.Count == 0)
                {
                    yield return ReadResult.Fail(input, "pattern matches no file");
                }

                foreach (var file in matches)
                {
                    foreach (var result in ReadFile(file))
                    {
                        yield return result;
                    }
                }

                continue;
            }

            foreach (var result in ReadFile(input))
            {
                yield return result;
            }
        }
    }

    private IEnumerable<string> KnownExtensions() => TextExtensions.Concat(Readers.Keys).Distinct(StringComparer.OrdinalIgnoreCase);

    private IEnumerable<ReadResult> ReadFile(string path)
    {
        var ext = Path.GetExtension(path);
        if (Readers.TryGetValue(ext, out var reader))
        {
            return Guarded(path, () => reader(path, Options));
        }

        return Guarded(path, () => [TextFileReader.Read(path, Options)]);
    }

    /// <summary>
    /// The reader's results; an exception a reader did not expect ends that input with an error result naming it,
    /// and the inputs after it are still read.
    /// </summary>
    internal static IEnumerable<ReadResult> Guarded(string input, Func<IEnumerable<ReadResult>> read)
    {
        IEnumerator<ReadResult>? items = null;
        ReadResult? failure = null;
        try
        {
            items = read().GetEnumerator();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            failure = Crashed(input, e);
        }

        if (failure is not null)
        {
            yield return failure;
            yield break;
        }

        using (items)
        {
            while (true)
            {
                ReadResult current;
                try
                {
                    if (!items!.MoveNext())
                    {
                        break;
                    }

                    current = items.Current;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    failure = Crashed(input, e);
                    break;
                }

                yield return current;
            }
        }

        if (failure is not null)
        {
            yield return failure;
        }
    }

    private static ReadResult Crashed(string input, Exception e) =>
        ReadResult.Fail(input, $"the reader failed ({e.GetType().Name}: {e.Message}); the rest of this input is skipped");

    private IEnumerable<string> EnumerateFolder(string folder)
    {
        var known = KnownExtensions().ToHashSet(StringComparer.OrdinalIgnoreCase);
        IEnumerable<string> files;
        try
        {
            files = Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }

        return files.Where(f => known.Contains(Path.GetExtension(f))).Order(StringComparer.Ordinal);
    }

    private static IEnumerable<string> Glob(string pattern)
    {
        var full = Path.GetFullPath(pattern);
        var root = full;
        while (root.IndexOfAny(['*', '?']) >= 0)
        {
            root = Path.GetDirectoryName(root) ?? "/";
        }

        if (!Directory.Exists(root))
        {
            return [];
        }

        var relative = Path.GetRelativePath(root, full);
        var matcher = new System.Text.RegularExpressions.Regex(
            "^" + System.Text.RegularExpressions.Regex.Escape(relative).Replace(@"\*\*/", "(.*/)?", StringComparison.Ordinal)
                .Replace(@"\*", "[^/]*", StringComparison.Ordinal).Replace(@"\?", "[^/]", StringComparison.Ordinal) + "$");
        return Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
            .Where(f => matcher.IsMatch(Path.GetRelativePath(root, f)))
            .Order(StringComparer.Ordinal);
    }
}
