using System.Runtime.InteropServices;

namespace RootSeg.Torch.Native;

// The exports of rs_autocast.cpp: entering and leaving autocast scopes.
internal static partial class NativeMethods
{
    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int rs_autocast_enter(int deviceType, int dtype, out int previousEnabled, out int previousDtype);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int rs_autocast_exit(int deviceType, int previousEnabled, int previousDtype);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int rs_autocast_is_enabled(int deviceType);
}
