using System.Runtime.InteropServices;

namespace RootSeg.Torch.Native;

/// <summary>The exports of rs_processor.cpp: what libtorch and oneDNN see of the processor, and the limit that hides AVX-512.</summary>
internal static partial class NativeMethods
{
    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int rs_processor_limit(int limit);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int rs_processor_get_limit();

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int rs_processor_libtorch_avx512();

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int rs_processor_onednn_isa();
}
