using System.Runtime.InteropServices;

namespace RootSeg.Torch.Native;

/// <summary>The exports of rs_winograd.cpp: whether inference runs 3x3 convolutions as Winograd convolutions.</summary>
internal static partial class NativeMethods
{
    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int rs_set_winograd(int on);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int rs_get_winograd();

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int rs_winograd_release();
}
