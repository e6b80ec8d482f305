using System.Runtime.InteropServices;

namespace RootSeg.Torch.Native;

// The exports of rs_tensor.cpp: creation, buffers, queries, views, freeing.
internal static partial class NativeMethods
{
    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static unsafe partial IntPtr rs_tensor_from_buffer(void* data, long nbytes, long[] shape, int ndim, int dtype, int deviceType, int deviceIndex);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static unsafe partial int rs_tensor_to_buffer(TensorHandle tensor, void* dst, long nbytes, int dtype);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_tensor_empty(long[] shape, int ndim, int dtype, int deviceType, int deviceIndex);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_tensor_full(long[] shape, int ndim, double value, int dtype, int deviceType, int deviceIndex);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_tensor_randn(long[] shape, int ndim, int dtype, int deviceType, int deviceIndex, int hasSeed, ulong seed);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_tensor_rand(long[] shape, int ndim, int dtype, int deviceType, int deviceIndex, int hasSeed, ulong seed);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_tensor_randint(long low, long high, long[] shape, int ndim, int dtype, int deviceType, int deviceIndex, int hasSeed, ulong seed);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_tensor_arange(double start, double end, double step, int dtype, int deviceType, int deviceIndex);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_tensor_linspace(double start, double end, long steps, int dtype, int deviceType, int deviceIndex);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int rs_tensor_uniform_(TensorHandle tensor, double from, double to);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int rs_tensor_normal_(TensorHandle tensor, double mean, double std);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int rs_tensor_fill_(TensorHandle tensor, double value);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int rs_tensor_copy_(TensorHandle tensor, TensorHandle src);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial void rs_tensor_dispose(IntPtr tensor);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int rs_tensor_ndim(TensorHandle tensor);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int rs_tensor_shape(TensorHandle tensor, long[] shape, int ndim);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int rs_tensor_dtype(TensorHandle tensor);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int rs_tensor_device_type(TensorHandle tensor);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int rs_tensor_device_index(TensorHandle tensor);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int rs_tensor_item(TensorHandle tensor, out double value);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_tensor_to(TensorHandle tensor, int deviceType, int deviceIndex, int dtype, int copy);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_tensor_clone(TensorHandle tensor);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_tensor_contiguous(TensorHandle tensor);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_tensor_contiguous_channels_last(TensorHandle tensor);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_tensor_reshape(TensorHandle tensor, long[] shape, int ndim);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_tensor_view(TensorHandle tensor, long[] shape, int ndim);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_tensor_permute(TensorHandle tensor, long[] dims, int ndim);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_tensor_transpose(TensorHandle tensor, long dim0, long dim1);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_tensor_expand(TensorHandle tensor, long[] shape, int ndim);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_tensor_flip(TensorHandle tensor, long[] dims, int ndim);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_tensor_unsqueeze(TensorHandle tensor, long dim);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_tensor_squeeze(TensorHandle tensor, long dim);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_tensor_narrow(TensorHandle tensor, long dim, long start, long length);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_tensor_slice(TensorHandle tensor, long dim, long start, long end, long step);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_tensor_select(TensorHandle tensor, long dim, long index);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_tensor_index_select(TensorHandle tensor, long dim, TensorHandle index);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_tensor_masked_select(TensorHandle tensor, TensorHandle mask);
}
