using Sitrep.Analysis;
using Sitrep.Core;
using Xunit;

namespace Sitrep.Tests.Robustness;

/// <summary>Allocation is counted over the whole process, so these tests run alone, after the parallel ones.</summary>
[CollectionDefinition("Allocation", DisableParallelization = true)]
public sealed class AllocationCollection;

[Collection("Allocation")]
public sealed class AllocationTests
{
    [Fact]
    public void Analysis_allocates_in_proportion_to_the_text_not_to_its_square()
    {
        // Allocation, unlike time, does not depend on the machine: twice the text must allocate about twice as much.
        // (A whole-document array allocated per sentence made this ratio about 4 and a 10 MB text take 5 GB.)
        var small = LongTextTests.News(60_000);
        var large = LongTextTests.News(120_000);
        // warm both sizes first: caches that grow to the largest text seen are allocated once, not per analysis
        TestDocs.Analyse(small);
        TestDocs.Analyse(large);
        // the least of three runs of each: what the runtime allocates besides the analysis (tiered recompilation, a cache
        // that grows once) lands in one run, not in all three
        var a = Enumerable.Range(0, 3).Min(_ => Allocated(() => Analyzer.Default.Process(new Document(small, published: new DateOnly(2024, 11, 11)))));
        var b = Enumerable.Range(0, 3).Min(_ => Allocated(() => Analyzer.Default.Process(new Document(large, published: new DateOnly(2024, 11, 11)))));
        Assert.True(b < 2.6 * a, $"60k characters allocated {a / 1e6:0} MB, 120k allocated {b / 1e6:0} MB ({b / (double)a:0.00}x)");
    }

    // Every thread's allocations: the analysis may hand work to the thread pool, which the current thread's count misses
    // (and which made the ratio depend on what else was running).
    private static long Allocated(Action action)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        action();
        return GC.GetTotalAllocatedBytes(precise: true) - before;
    }
}
