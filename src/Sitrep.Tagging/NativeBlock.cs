using System.Runtime.InteropServices;

namespace Sitrep.Tagging;

/// <summary>
/// A fixed-size block of unmanaged memory for the lookup tables of the linear models, aligned to a cache line. A
/// large block is aligned to 2 MB and (on Linux) advised to be backed by huge pages: a random lookup into tens of
/// megabytes then costs one cache miss instead of a cache miss plus a page-table walk. Freed when collected.
/// </summary>
internal sealed unsafe class NativeBlock<T> where T : unmanaged
{
    private const nuint HugePage = 2 << 20;
    private const nuint CacheLine = 64;
    private const int MadvHugePage = 14;

    /// <summary>A block of <paramref name="length"/> items, zero-filled when <paramref name="zero"/> (otherwise the caller writes every item).</summary>
    public NativeBlock(int length, bool zero)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Length = length;
        var bytes = (nuint)Math.Max(1, length) * (nuint)sizeof(T);
        var huge = bytes >= HugePage / 2;
        Bytes = huge ? (bytes + HugePage - 1) & ~(HugePage - 1) : bytes;
        Pointer = (T*)NativeMemory.AlignedAlloc(Bytes, huge ? HugePage : CacheLine);
        if (huge && OperatingSystem.IsLinux())
        {
            try
            {
                _ = NativeMethods.Madvise(Pointer, Bytes, MadvHugePage); // advice only: without huge pages the block still works
            }
            catch (DllNotFoundException)
            {
            }
            catch (EntryPointNotFoundException)
            {
            }
        }

        if (zero)
        {
            NativeMemory.Clear(Pointer, (nuint)length * (nuint)sizeof(T));
        }

        GC.AddMemoryPressure((long)Bytes);
    }

    ~NativeBlock()
    {
        NativeMemory.AlignedFree(Pointer);
        GC.RemoveMemoryPressure((long)Bytes);
    }

    public T* Pointer { get; }

    public int Length { get; }

    private nuint Bytes { get; }

    public Span<T> Span => new(Pointer, Length);
}

internal static unsafe class NativeMethods
{
    [DllImport("libc", EntryPoint = "madvise")]
    public static extern int Madvise(void* address, nuint length, int advice);
}
