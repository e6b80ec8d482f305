using System.Runtime.InteropServices;

namespace RootSeg.Torch.Native;

// The exports of rs_autograd.cpp: gradient flags, backward, gradients, grad mode.
internal static partial class NativeMethods
{
    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int rs_autograd_set_requires_grad_(TensorHandle tensor, int requiresGrad);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int rs_autograd_requires_grad(TensorHandle tensor);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int rs_autograd_backward(IntPtr tensor, IntPtr gradient, int retainGraph);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int rs_autograd_grad(TensorHandle tensor, out IntPtr grad);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int rs_autograd_set_grad_(IntPtr tensor, IntPtr value);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int rs_autograd_zero_grad_(TensorHandle tensor, int setToNone);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial IntPtr rs_autograd_detach(TensorHandle tensor);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int rs_autograd_set_data_(TensorHandle tensor, TensorHandle value);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int rs_autograd_set_grad_enabled(int enabled);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int rs_autograd_is_grad_enabled();
}
