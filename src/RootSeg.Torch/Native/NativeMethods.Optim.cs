using System.Runtime.InteropServices;

namespace RootSeg.Torch.Native;

// The exports of rs_optim.cpp: fused optimiser updates, one call per parameter.
internal static partial class NativeMethods
{
    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int rs_optim_sgd_step_(TensorHandle param, ref IntPtr buffer, double lr, double momentum, double dampening, double weightDecay, int nesterov, int maximize);

    [LibraryImport(NativeLibraryLoader.LibraryName)]
    internal static partial int rs_optim_adam_step_(TensorHandle param, TensorHandle step, TensorHandle expAvg, TensorHandle expAvgSq, double lr, double beta1, double beta2, double eps, double weightDecay, int decoupled, int maximize);
}
