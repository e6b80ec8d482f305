using RootSeg.Torch.Native;

namespace RootSeg.Torch;

/// <summary>
/// Mixed precision on this thread until disposed (torch.autocast): convolutions and matrix products of one device
/// type run in a lower-precision type (bfloat16 by default) while normalisation and softmax keep float32. On the CPU
/// (libtorch 1.13) transposed convolutions and group normalisation run in float32 inside the scope, since libtorch's
/// CPU autocast fails on the former and does not cover the latter; Winograd convolutions are not used inside it.
/// Outputs of a network may then be bfloat16: convert them with <see cref="Tensor.To(ScalarType)"/> before reading.
/// The state is per thread, so dispose the scope on the thread that entered it.
/// </summary>
public sealed class AutocastScope : IDisposable
{
    private readonly DeviceType _type;
    private readonly int _previousEnabled;
    private readonly int _previousDtype;
    private bool _disposed;

    private AutocastScope(DeviceType type, int previousEnabled, int previousDtype)
    {
        _type = type;
        _previousEnabled = previousEnabled;
        _previousDtype = previousDtype;
    }

    /// <summary>Turns autocast on for the type of <paramref name="device"/>.</summary>
    /// <param name="device">The device whose ops are cast (CPU or CUDA; the index does not matter).</param>
    /// <param name="dtype">BFloat16, or Float16 on CUDA.</param>
    /// <exception cref="TorchException">The type is not supported on that device, or CUDA cannot be used.</exception>
    public static AutocastScope Enter(Device device, ScalarType dtype = ScalarType.BFloat16)
    {
        NativeMethods.Check(NativeMethods.rs_autocast_enter((int)device.Type, (int)dtype, out var enabled, out var previous));
        return new AutocastScope(device.Type, enabled, previous);
    }

    /// <summary>True when autocast is on for <paramref name="type"/> on this thread.</summary>
    public static bool IsEnabled(DeviceType type) => NativeMethods.CheckValue(NativeMethods.rs_autocast_is_enabled((int)type)) == 1;

    /// <summary>Restores the autocast state that was in force when the scope was entered.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        NativeMethods.Check(NativeMethods.rs_autocast_exit((int)_type, _previousEnabled, _previousDtype));
    }
}
