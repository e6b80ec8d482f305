using System.Runtime.InteropServices;

namespace RootSeg.Torch.Native;

// The exports of rs_device.cpp: CUDA queries and checks, cuDNN switch, synchronisation, seeds.
internal static partial class NativeMethods
{
    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int rs_device_cuda_available();

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int rs_device_cuda_count();

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int rs_device_cudnn_available();

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_device_cuda_name(int index);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int rs_device_set_cudnn_benchmark(int enabled);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int rs_device_cudnn_benchmark();

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int rs_device_synchronize(int index);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int rs_device_manual_seed(ulong seed);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int rs_device_check_cuda(int index);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int rs_device_cuda_built();
}
