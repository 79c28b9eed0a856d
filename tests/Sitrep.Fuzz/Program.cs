using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Sitrep.Fuzz;

// An in-process, libFuzzer-style driver: mutate inputs from a seed corpus, run each through a target in this
// process, keep inputs that show new behaviour, and save any input that throws or runs over the time limit.
//
//   dotnet run -c Release --project tests/Sitrep.Fuzz -- --target analyze --runs 1000000
//   dotnet run -c Release --project tests/Sitrep.Fuzz -- --list
//   dotnet run -c Release --project tests/Sitrep.Fuzz -- --target analyze --replay tests/fuzz/regressions/analyze
var options = FuzzOptions.Parse(args);
if (options is null)
{
    return 2;
}

if (options.Adversarial is { } scale)
{
    // hostile structure rather than hostile bytes: nesting, huge attributes and lines, entity expansion, floods
    var (_, failures) = Adversarial.Run(scale, TimeSpan.FromMilliseconds(Math.Max(options.TimeoutMs, 1000)), Console.WriteLine);
    Console.WriteLine($"adversarial: {Adversarial.Cases(scale).Count} cases at {scale:N0} bytes, {failures} failed or hung");
    return failures == 0 ? 0 : 1;
}

if (options.List)
{
    foreach (var t in FuzzTargets.All)
    {
        Console.WriteLine($"{t.Name,-22} {t.Description}");
    }

    return 0;
}

var target = FuzzTargets.Find(options.Target);
if (options.Replay is not null)
{
    return Replay(target, options.Replay);
}

return new FuzzRun(target, options).Run();

static int Replay(IFuzzTarget target, string path)
{
    var files = Directory.Exists(path) ? Directory.GetFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray() : [path];
    var failed = 0;
    foreach (var file in files)
    {
        try
        {
            target.Run(File.ReadAllBytes(file));
        }
        catch (Exception e)
        {
            failed++;
            Console.Error.WriteLine($"FAIL {file}: {e.GetType().Name}: {e.Message}");
        }
    }

    Console.WriteLine($"replay: {files.Length} inputs, {failed} failed");
    return failed == 0 ? 0 : 1;
}

/// <summary>Command-line options of the driver.</summary>
internal sealed record FuzzOptions
{
    public string Target { get; init; } = "analyze";

    public long Runs { get; init; } = 100_000;

    public double MaxSeconds { get; init; } = 3600;

    public int MaxLength { get; init; } = 4096;

    public int TimeoutMs { get; init; } = 2000;

    public int Seed { get; init; } = 1;

    public int Jobs { get; init; } = 1;

    public string? Corpus { get; init; }

    public string Crashes { get; init; } = "fuzz-crashes";

    public string? Replay { get; init; }

    public bool List { get; init; }

    /// <summary>Run the generated hostile-structure cases at this size in bytes instead of mutating (--adversarial BYTES).</summary>
    public int? Adversarial { get; init; }

    public static FuzzOptions? Parse(string[] args)
    {
        var o = new FuzzOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--target": o = o with { Target = Next() }; break;
                case "--runs": o = o with { Runs = long.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--max-seconds": o = o with { MaxSeconds = double.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--max-len": o = o with { MaxLength = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--timeout-ms": o = o with { TimeoutMs = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--adversarial": o = o with { Adversarial = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--seed": o = o with { Seed = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--jobs": o = o with { Jobs = Math.Max(1, int.Parse(Next(), CultureInfo.InvariantCulture)) }; break;
                case "--corpus": o = o with { Corpus = Next() }; break;
                case "--crashes": o = o with { Crashes = Next() }; break;
                case "--replay": o = o with { Replay = Next() }; break;
                case "--list": o = o with { List = true }; break;
                default:
                    Console.Error.WriteLine($"sitrep-fuzz: unknown option '{args[i]}'. Options: --target NAME --runs N --max-seconds S --max-len BYTES --timeout-ms MS --seed N --jobs N --corpus DIR --crashes DIR --replay PATH --list");
                    return null;
            }
        }

        return o;
    }
}

/// <summary>One fuzzing campaign over a target.</summary>
internal sealed class FuzzRun(IFuzzTarget target, FuzzOptions options)
{
    private const int MaxCorpus = 5000;
    private readonly List<byte[]> _corpus = [];
    private readonly HashSet<ulong> _features = [];
    private readonly HashSet<string> _crashKinds = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _runs;
    private long _crashes;
    private long _slowest;

    public int Run()
    {
        LoadCorpus();
        var jobs = new Thread[options.Jobs];
        var running = new (long StartedTicks, byte[]? Input)[options.Jobs];
        var clock = Stopwatch.StartNew();
        var stop = false;
        for (var j = 0; j < jobs.Length; j++)
        {
            var job = j;
            jobs[j] = new Thread(() => Loop(job, running, clock, () => stop), 16 * 1024 * 1024) { IsBackground = true, Name = $"fuzz-{job}" };
            jobs[j].Start();
        }

        var lastReport = clock.Elapsed;
        while (jobs.Any(t => t.IsAlive))
        {
            Thread.Sleep(100);
            for (var j = 0; j < running.Length; j++)
            {
                var (started, input) = running[j];
                if (input is not null && started > 0 && (clock.ElapsedTicks - started) * 1000 / Stopwatch.Frequency > options.TimeoutMs)
                {
                    var file = Save("timeout", input, $"the input ran longer than {options.TimeoutMs} ms");
                    Console.Error.WriteLine($"TIMEOUT: an input ran over {options.TimeoutMs} ms; saved to {file}");
                    Report(clock, final: true);
                    Environment.Exit(3);
                }
            }

            if (clock.Elapsed - lastReport > TimeSpan.FromSeconds(10))
            {
                lastReport = clock.Elapsed;
                Report(clock, final: false);
            }

            if (clock.Elapsed.TotalSeconds > options.MaxSeconds)
            {
                stop = true;
            }
        }

        Report(clock, final: true);
        return _crashes == 0 ? 0 : 1;
    }

    private void Loop(int job, (long, byte[]?)[] running, Stopwatch clock, Func<bool> stop)
    {
        var mutator = new Mutator(options.Seed * 7919 + job, options.MaxLength);
        var random = new Random(options.Seed * 104729 + job);
        while (!stop())
        {
            var n = Interlocked.Increment(ref _runs);
            if (n > options.Runs)
            {
                Interlocked.Decrement(ref _runs);
                return;
            }

            byte[] parent;
            byte[][] snapshot;
            lock (_gate)
            {
                parent = _corpus[random.Next(_corpus.Count)];
                snapshot = _corpus.Count < 64 ? [.. _corpus] : [_corpus[random.Next(_corpus.Count)], _corpus[random.Next(_corpus.Count)]];
            }

            var input = mutator.Mutate(parent, snapshot);
            running[job] = (clock.ElapsedTicks, input);
            var start = clock.ElapsedTicks;
            ulong feature;
            try
            {
                feature = target.Run(input);
            }
            catch (Exception e)
            {
                running[job] = (0, null);
                Crash(input, e);
                continue;
            }

            var took = clock.ElapsedTicks - start;
            running[job] = (0, null);
            if (took > Interlocked.Read(ref _slowest))
            {
                Interlocked.Exchange(ref _slowest, took);
            }

            lock (_gate)
            {
                if (_features.Add(feature) && _corpus.Count < MaxCorpus)
                {
                    _corpus.Add(input);
                }
            }
        }
    }

    private void Crash(byte[] input, Exception e)
    {
        var kind = e.GetType().Name + " " + (e.StackTrace?.Split('\n').FirstOrDefault()?.Trim() ?? "");
        Interlocked.Increment(ref _crashes);
        lock (_gate)
        {
            if (!_crashKinds.Add(kind))
            {
                return;
            }
        }

        var file = Save("crash", input, e.ToString());
        Console.Error.WriteLine($"CRASH: {e.GetType().Name}: {e.Message}; saved to {file}");
    }

    private string Save(string prefix, byte[] input, string why)
    {
        Directory.CreateDirectory(options.Crashes);
        var name = $"{prefix}-{target.Name}-{Convert.ToHexStringLower(SHA256.HashData(input))[..16]}";
        var file = Path.Combine(options.Crashes, name);
        File.WriteAllBytes(file, input);
        File.WriteAllText(file + ".txt", why);
        return file;
    }

    private void LoadCorpus()
    {
        var dir = options.Corpus ?? Path.Combine(FindRepo(), "tests", "fuzz", "corpus", target.Name.Split('+')[0]);
        if (Directory.Exists(dir))
        {
            foreach (var f in Directory.GetFiles(dir).Order(StringComparer.Ordinal))
            {
                _corpus.Add(File.ReadAllBytes(f));
            }
        }

        if (_corpus.Count == 0)
        {
            _corpus.Add([]);
            _corpus.Add("Artillery struck the town on Monday, officials said."u8.ToArray());
        }

        // Seeds run as they are first: a seed that fails is a crash too.
        foreach (var seed in _corpus.ToList())
        {
            try
            {
                _features.Add(target.Run(seed));
            }
            catch (Exception e)
            {
                Crash(seed, e);
            }
        }

        Console.WriteLine($"fuzz: target {target.Name}, {_corpus.Count} seed inputs from {dir}, up to {options.Runs} runs, {options.Jobs} job(s), max length {options.MaxLength}, timeout {options.TimeoutMs} ms");
    }

    private void Report(Stopwatch clock, bool final)
    {
        var runs = Interlocked.Read(ref _runs);
        var seconds = clock.Elapsed.TotalSeconds;
        int corpus;
        lock (_gate)
        {
            corpus = _corpus.Count;
        }

        var slowest = Interlocked.Read(ref _slowest) * 1000.0 / Stopwatch.Frequency;
        Console.WriteLine(
            $"{(final ? "done" : "#")}: {runs} runs in {seconds:0.0} s ({runs / Math.Max(seconds, 0.001):0}/s), corpus {corpus}, features {_features.Count}, crashes {_crashes}, slowest input {slowest:0.0} ms");
    }

    private static string FindRepo()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sitrep.slnx")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
