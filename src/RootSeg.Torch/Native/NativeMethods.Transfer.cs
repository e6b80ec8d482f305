using System.Runtime.InteropServices;

namespace RootSeg.Torch.Native;

// The exports of rs_transfer.cpp: pinned host tensors, writes into them, asynchronous copies to a device.
internal static partial class NativeMethods
{
    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_transfer_empty_pinned(long[] shape, int ndim, int dtype);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static unsafe partial int rs_transfer_write(TensorHandle tensor, void* data, long nbytes, int dtype);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_transfer_to_async(TensorHandle tensor, int deviceType, int deviceIndex);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int rs_transfer_is_pinned(TensorHandle tensor);
}
