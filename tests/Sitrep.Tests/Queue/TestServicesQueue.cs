using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Sitrep.Core;
using Sitrep.Queue;

namespace Sitrep.Tests.Queue;

/// <summary>The NATS JetStream server that tests use: SITREP_TEST_NATS, by default that of scripts/start-services.sh.</summary>
public static class TestNats
{
    public const string DefaultUrl = "nats://127.0.0.1:54222";

    private static readonly Lazy<string?> Unavailable = new(Probe);

    public static string Url => Environment.GetEnvironmentVariable("SITREP_TEST_NATS") is { Length: > 0 } v ? v : DefaultUrl;

    public static string? SkipReason => Unavailable.Value;

    /// <summary>A queue address with a fresh name, so tests never see each other's messages.</summary>
    public static string NewQueue() => Url.TrimEnd('/') + "/t" + Guid.NewGuid().ToString("N")[..12];

    private static string? Probe()
    {
        try
        {
            var address = QueueAddress.Parse(Url);
            var first = new Uri(address.ServerUrls.Split(',')[0]);
            using var client = new TcpClient();
            if (!client.ConnectAsync(first.Host, first.Port).Wait(TimeSpan.FromSeconds(3)))
            {
                throw new SocketException((int)SocketError.TimedOut);
            }

            return null;
        }
        catch (Exception e) when (e is SocketException or AggregateException or QueueException or UriFormatException)
        {
            return $"NATS is not reachable at '{Url}' ({e.GetBaseException().Message}); run scripts/start-services.sh or set SITREP_TEST_NATS";
        }
    }
}

/// <summary>The real CLI (the build output of src/Sitrep.Cli copied beside the tests) run as a child process.</summary>
public sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public CliProcess(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "sitrep.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"the CLI build output is missing at '{dll}'", dll);
        }

        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["SITREP_HOME"] = SitrepPaths.Root;
        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>SIGKILL: the process gets no chance to finish anything.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit(10_000);
    }

    public int WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            Kill();
            throw new TimeoutException($"the CLI did not finish within {timeout.TotalSeconds:0} s; output:\n{Output}");
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}

/// <summary>Synthetic reports that the pipeline analyses, each with a distinct text.</summary>
public static class SyntheticReports
{
    private static readonly string[] Places = ["the northern district", "the river crossing", "the rail depot", "the eastern villages", "the airfield"];
    private static readonly string[] Verbs = ["shelled", "struck", "attacked", "hit"];

    public static string Text(int i, int sentences = 6)
    {
        var sb = new StringBuilder();
        sb.Append("Bulletin ").Append(i).Append('\n');
        for (var s = 0; s < sentences; s++)
        {
            sb.Append("On ").Append((i + s) % 2 == 0 ? "Tuesday" : "Friday").Append(", artillery ")
              .Append(Verbs[(i + s) % Verbs.Length]).Append(' ').Append(Places[(i * 7 + s) % Places.Length])
              .Append(", killing ").Append((i * 13 + s) % 40 + 2).Append(" people and wounding ").Append((i + s * 5) % 30 + 1)
              .Append(", the regional governor said in report ").Append(i).Append('.').Append(s).Append(". ");
        }

        return sb.ToString();
    }

    public static string WriteFolder(int count, int sentences = 6)
    {
        var dir = Directory.CreateTempSubdirectory("sitrep-reports-").FullName;
        for (var i = 0; i < count; i++)
        {
            File.WriteAllText(Path.Combine(dir, $"r{i:D5}.txt"), Text(i, sentences));
        }

        return dir;
    }
}
