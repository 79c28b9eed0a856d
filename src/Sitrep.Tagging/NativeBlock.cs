using System.Runtime.InteropServices;

namespace Sitrep.Tagging;

/// <summary>
/// A fixed-size block of unmanaged memory for the large lookup tables of the linear models, aligned to 2 MB and (on
/// Linux) advised to be backed by huge pages: a random lookup into tens of megabytes then costs one cache miss instead
/// of a cache miss plus a page-table walk. Zero-filled; freed when the block is collected.
/// </summary>
internal sealed unsafe class NativeBlock<T> where T : unmanaged
{
    private const nuint Alignment = 2 << 20;
    private const int MadvHugePage = 14;

    public NativeBlock(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Length = length;
        var bytes = (nuint)Math.Max(1, length) * (nuint)sizeof(T);
        Bytes = (bytes + Alignment - 1) & ~(Alignment - 1);
        Pointer = (T*)NativeMemory.AlignedAlloc(Bytes, Alignment);
        if (OperatingSystem.IsLinux())
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

        NativeMemory.Clear(Pointer, Bytes);
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
