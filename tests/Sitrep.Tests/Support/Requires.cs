using Sitrep.Tests.Queue;
using Sitrep.Tests.Storage;

namespace Sitrep.Tests;

/// <summary>
/// What a test needs from outside the repository. An absent service or data file skips the test at run time with the
/// reason (reported as skipped, never as passed). Under CI (CI=true) the services are part of the run, so a missing
/// PostgreSQL, NATS or chromium fails the test instead.
/// </summary>
public static class Requires
{
    /// <summary>True when the environment says this is a CI run (CI=true or CI=1).</summary>
    public static bool UnderCi => Environment.GetEnvironmentVariable("CI") is { } v
        && (v.Equals("true", StringComparison.OrdinalIgnoreCase) || v == "1");

    /// <summary>The test server of scripts/start-services.sh (or SITREP_TEST_PG).</summary>
    public static void Postgres() => Service(TestPostgres.SkipReason);

    /// <summary>The NATS JetStream server of scripts/start-services.sh (or SITREP_TEST_NATS).</summary>
    public static void Nats() => Service(TestNats.SkipReason);

    /// <summary>Debian's chromium at <paramref name="path"/>.</summary>
    public static void Chromium(string path) =>
        Service(File.Exists(path) ? null : $"{path} is absent; install it with `apt-get install -y chromium` to run the browser tests");

    /// <summary>Skips (fails under CI) when <paramref name="unavailableReason"/> is not null.</summary>
    public static void Service(string? unavailableReason) => Service(unavailableReason, UnderCi);

    internal static void Service(string? unavailableReason, bool underCi)
    {
        if (unavailableReason is null)
        {
            return;
        }

        if (underCi)
        {
            Assert.Fail($"CI=true and a service the test needs is missing: {unavailableReason} (.ci/run installs and starts it through scripts/ci-packages.sh and scripts/start-services.sh)");
        }

        Assert.Skip(unavailableReason);
    }

    /// <summary>The full path of a file or folder of ../shared beside the repository; skips the test when it is absent.</summary>
    public static string Shared(string relative)
    {
        var root = RepoRoot();
        var path = root is null ? null : Path.GetFullPath(Path.Combine(root, "..", "shared", relative));
        if (path is null || !(File.Exists(path) || Directory.Exists(path)))
        {
            Assert.Skip($"shared data '../shared/{relative}' is absent beside the repository ({path ?? "no repository root above " + AppContext.BaseDirectory})");
        }

        return path;
    }

    private static string? RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sitrep.slnx")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
