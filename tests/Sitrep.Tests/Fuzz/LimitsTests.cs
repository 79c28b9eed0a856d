using Sitrep.Core;
using Sitrep.Ingest;
using Xunit;

namespace Sitrep.Tests.Fuzz;

/// <summary>Limits are configurable through the environment, refuse bad values by name, and are enforced.</summary>
public sealed class LimitsTests
{
    [Fact]
    public void Limits_default_to_documented_values()
    {
        var l = Limits.FromEnvironment(_ => null);
        Assert.Equal(20L * 1024 * 1024, l.MaxArticleBytes);
        Assert.Equal(100L * 1024 * 1024, l.MaxFeedBytes);
        Assert.Equal(100_000, l.MaxFeedItems);
        Assert.Equal(1024 * 1024, l.MaxMessageBytes);
        Assert.Equal(TimeSpan.FromSeconds(30), l.AnalysisTimeout);
        Assert.Equal(TimeSpan.FromSeconds(10), l.RequestTimeout);
    }

    [Fact]
    public void Environment_variables_override_each_limit()
    {
        var env = new Dictionary<string, string>
        {
            ["SITREP_MAX_ARTICLE_SIZE"] = "2MB",
            ["SITREP_MAX_FEED_SIZE"] = "512KB",
            ["SITREP_MAX_FEED_ITEMS"] = "50",
            ["SITREP_MAX_MESSAGE_SIZE"] = "65536",
            ["SITREP_ANALYSIS_TIMEOUT"] = "1500ms",
            ["SITREP_REQUEST_TIMEOUT"] = "2m",
        };
        var l = Limits.FromEnvironment(k => env.GetValueOrDefault(k));
        Assert.Equal(2L * 1024 * 1024, l.MaxArticleBytes);
        Assert.Equal(512L * 1024, l.MaxFeedBytes);
        Assert.Equal(50, l.MaxFeedItems);
        Assert.Equal(65536, l.MaxMessageBytes);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), l.AnalysisTimeout);
        Assert.Equal(TimeSpan.FromMinutes(2), l.RequestTimeout);
        Assert.Equal(env.Keys.Order(StringComparer.Ordinal), Limits.Variables.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("SITREP_MAX_ARTICLE_SIZE", "lots")]
    [InlineData("SITREP_MAX_ARTICLE_SIZE", "-5MB")]
    [InlineData("SITREP_MAX_FEED_ITEMS", "1.5")]
    [InlineData("SITREP_ANALYSIS_TIMEOUT", "forever")]
    [InlineData("SITREP_REQUEST_TIMEOUT", "2d")]
    public void A_bad_limit_value_is_refused_naming_the_variable(string name, string value)
    {
        var e = Assert.Throws<ArgumentException>(() => Limits.FromEnvironment(k => k == name ? value : null));
        Assert.Contains(name, e.Message, StringComparison.Ordinal);
        Assert.Contains(value, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_article_over_the_size_limit_is_refused_with_the_sizes_in_the_reason()
    {
        var result = TextFileReader.FromBytes("big.txt", new byte[3000], new ReaderOptions { MaxBytes = 2048 });
        Assert.Null(result.Item);
        Assert.Contains("over the 2 KB limit", result.Error, StringComparison.Ordinal);
    }
}
