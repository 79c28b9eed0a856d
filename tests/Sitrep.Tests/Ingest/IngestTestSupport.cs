using System.Diagnostics;
using System.Text;

namespace Sitrep.Tests.Ingest;

/// <summary>A temporary folder deleted at the end of a test.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sitrep-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name, string content)
    {
        var full = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        System.IO.File.WriteAllText(full, content, new UTF8Encoding(false));
        return full;
    }

    public string Db => System.IO.Path.Combine(Path, "sitrep.db");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold the database for a moment; the OS cleans temp files.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>Finds ../shared/data from the repository root, or says why a corpus test is skipped.</summary>
public static class CorpusData
{
    /// <summary>../shared/data/&lt;name&gt;; the test is skipped, with the reason, when it is absent.</summary>
    public static string Folder(string name, out string skipReason)
    {
        skipReason = "";
        return Requires.Shared(System.IO.Path.Combine("data", name));
    }
}

/// <summary>Runs the real `sitrep` CLI (the built sitrep.dll) as a child process.</summary>
public static class SitrepProcess
{
    public static string Dll => System.IO.Path.Combine(AppContext.BaseDirectory, "sitrep.dll");

    public static ProcessStartInfo StartInfo(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Dll);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["SITREP_HOME"] = RepoRoot();
        return info;
    }

    /// <summary>Runs to completion and returns the exit code with both outputs.</summary>
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var p = Process.Start(StartInfo(args))!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"sitrep {string.Join(' ', args)} did not finish in 3 minutes");
        }

        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "Sitrep.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }
}
