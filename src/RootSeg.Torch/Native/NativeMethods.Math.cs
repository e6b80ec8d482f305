using System.Runtime.InteropServices;

namespace RootSeg.Torch.Native;

// The exports of rs_math.cpp: elementwise ops, reductions, selection.
internal static partial class NativeMethods
{
    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_math_binary(TensorHandle a, TensorHandle b, int op);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_math_binary_scalar(TensorHandle a, double b, int op);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_math_scalar_binary(double b, TensorHandle a, int op);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int rs_math_binary_(TensorHandle a, TensorHandle b, int op);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int rs_math_binary_scalar_(TensorHandle a, double b, int op);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int rs_math_add_scaled_(TensorHandle a, TensorHandle b, double alpha);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_math_unary(TensorHandle a, int op);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_math_reduce(TensorHandle a, int op, long[]? dims, int ndims, int keepdim);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_math_argmax(TensorHandle a, long dim, int flat, int keepdim);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_math_argmin(TensorHandle a, long dim, int flat, int keepdim);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_math_where(TensorHandle condition, TensorHandle a, TensorHandle b);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_math_clamp(TensorHandle a, double min, int hasMin, double max, int hasMax);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int rs_math_clamp_(TensorHandle a, double min, int hasMin, double max, int hasMax);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_math_matmul(TensorHandle a, TensorHandle b);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int rs_math_allclose(TensorHandle a, TensorHandle b, double rtol, double atol);
}
