using Xunit.Sdk;

namespace Sitrep.Tests;

/// <summary>A test whose service or data is absent is reported as skipped with its reason, and fails under CI.</summary>
public sealed class RequiresTests
{
    // Record.Exception lets a skip through (the test would be skipped, not checked), so catch it here.
    private static Exception? Caught(Action action)
    {
        try
        {
            action();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    [Fact]
    public void A_missing_service_skips_the_test_with_its_reason_outside_CI()
    {
        var e = Caught(() => Requires.Service("NATS is not reachable at 'nats://127.0.0.1:1'", underCi: false));
        Assert.IsType<SkipException>(e);
        Assert.Contains("NATS is not reachable at 'nats://127.0.0.1:1'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_service_fails_the_test_under_CI()
    {
        var e = Caught(() => Requires.Service("PostgreSQL is not reachable", underCi: true));
        Assert.IsType<FailException>(e);
        Assert.Contains("PostgreSQL is not reachable", e.Message, StringComparison.Ordinal);
        Assert.Contains("CI=true", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_service_that_answers_lets_the_test_run()
    {
        Requires.Service(null, underCi: true);
        Requires.Service(null, underCi: false);
    }

    [Fact]
    public void Absent_shared_data_skips_with_the_path_it_looked_for()
    {
        var e = Caught(() => Requires.Shared("data/no-such-corpus-" + Guid.NewGuid().ToString("N")));
        Assert.IsType<SkipException>(e);
        Assert.Contains("../shared/data/no-such-corpus-", e.Message, StringComparison.Ordinal);
    }
}
