using System.Runtime.InteropServices;

namespace RootSeg.Torch.Native;

// The exports of rs_allocator.cpp: the CPU allocator switch and the caching allocator's statistics.
internal static partial class NativeMethods
{
    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int rs_allocator_use(int kind, long cacheLimit);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int rs_allocator_kind();

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int rs_allocator_empty_cache();

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int rs_allocator_stats(long[] values, int count);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_allocator_malloc_name();
}
