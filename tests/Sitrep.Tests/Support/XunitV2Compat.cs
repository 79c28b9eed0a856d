// xunit v3 moved ITestOutputHelper and the other test-facing types into the namespace Xunit. This empty namespace
// keeps test files written for xunit 2 (`using Xunit.Abstractions;`) compiling unchanged; the project imports Xunit
// globally, so ITestOutputHelper resolves from there.
namespace Xunit.Abstractions
{
    internal static class XunitV2Compat;
}
