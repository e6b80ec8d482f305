using System.Runtime.InteropServices;

namespace RootSeg.Torch.Native;

// The exports of rs_random.cpp: device generators and the draws that take one.
internal static partial class NativeMethods
{
    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_random_generator_create(int deviceType, int deviceIndex, ulong seed);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial void rs_random_generator_dispose(IntPtr generator);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int rs_random_generator_seed_(GeneratorHandle generator, ulong seed);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_random_rand(GeneratorHandle generator, long[] shape, int ndim, int dtype);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_random_randn(GeneratorHandle generator, long[] shape, int ndim, int dtype);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_random_bernoulli(GeneratorHandle generator, TensorHandle p);
}
