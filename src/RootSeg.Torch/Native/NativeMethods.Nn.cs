using System.Runtime.InteropServices;

namespace RootSeg.Torch.Native;

// The exports of rs_nn.cpp: the functional neural-network ops; optional tensors are passed as null pointers.
internal static partial class NativeMethods
{
    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_nn_conv2d(IntPtr input, IntPtr weight, IntPtr bias, long[] stride, long[] padding, long[] dilation, long groups);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_nn_conv_transpose2d(IntPtr input, IntPtr weight, IntPtr bias, long[] stride, long[] padding, long[] outputPadding, long groups, long[] dilation);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_nn_group_norm(IntPtr input, long groups, IntPtr weight, IntPtr bias, double eps);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_nn_batch_norm(IntPtr input, IntPtr weight, IntPtr bias, IntPtr runningMean, IntPtr runningVar, int training, double momentum, double eps);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_nn_relu(TensorHandle input);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_nn_relu_(TensorHandle input);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_nn_leaky_relu(TensorHandle input, double negativeSlope);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_nn_max_pool2d(TensorHandle input, long[] kernel, long[] stride, long[] padding, long[] dilation, int ceilMode);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_nn_avg_pool2d(TensorHandle input, long[] kernel, long[] stride, long[] padding, int ceilMode, int countIncludePad);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_nn_cat(IntPtr[] tensors, int count, long dim);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_nn_stack(IntPtr[] tensors, int count, long dim);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_nn_pad(TensorHandle input, long[] pads, int npads, int mode, double value);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_nn_softmax(TensorHandle input, long dim);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_nn_log_softmax(TensorHandle input, long dim);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_nn_nll_loss(IntPtr input, IntPtr target, IntPtr classWeight, int reduction, long ignoreIndex);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_nn_cross_entropy(IntPtr input, IntPtr target, IntPtr classWeight, int reduction, long ignoreIndex, double labelSmoothing);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_nn_interpolate(TensorHandle input, long height, long width, int mode, int alignCorners, int useScales, double scaleH, double scaleW);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_nn_grid_sample(TensorHandle input, TensorHandle grid, int mode, int paddingMode, int alignCorners);
}
