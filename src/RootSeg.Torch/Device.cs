using System.Globalization;
using RootSeg.Torch.Native;

namespace RootSeg.Torch;

/// <summary>
/// Where a tensor lives: the CPU, or one CUDA device by index. Parsed from PyTorch's spellings ("cpu", "cuda",
/// "cuda:1"); "cuda" means device 0.
/// </summary>
/// <param name="Type">CPU or CUDA.</param>
/// <param name="Index">The CUDA device index (0 or more); -1 for the CPU.</param>
public readonly record struct Device(DeviceType Type, int Index)
{
    /// <summary>The CPU.</summary>
    public static Device Cpu => new(DeviceType.Cpu, -1);

    /// <summary>CUDA device <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative.</exception>
    public static Device Cuda(int index = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return new Device(DeviceType.Cuda, index);
    }

    /// <summary>True when the shim's libtorch has CUDA and at least one device is visible.</summary>
    public static bool CudaAvailable => NativeMethods.rs_device_cuda_available() == 1;

    /// <summary>True when the shim's libtorch was built with CUDA, whether or not a driver and a GPU are present.</summary>
    public static bool CudaBuilt => NativeMethods.CheckValue(NativeMethods.rs_device_cuda_built()) == 1;

    /// <summary>The number of visible CUDA devices (0 without CUDA).</summary>
    public static int CudaDeviceCount => CudaAvailable ? NativeMethods.CheckValue(NativeMethods.rs_device_cuda_count()) : 0;

    /// <summary>The name of CUDA device <paramref name="index"/>, as the driver reports it.</summary>
    /// <exception cref="TorchException">There is no such device.</exception>
    public static string CudaDeviceName(int index) => NativeMethods.CheckString(NativeMethods.rs_device_cuda_name(index));

    /// <summary>Parses "cpu", "cuda" or "cuda:N" (case-insensitive).</summary>
    /// <exception cref="ArgumentException"><paramref name="text"/> names no device.</exception>
    public static Device Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = text.Trim().ToLowerInvariant();
        if (value == "cpu")
        {
            return Cpu;
        }
        if (value == "cuda")
        {
            return Cuda(0);
        }
        if (value.StartsWith("cuda:", StringComparison.Ordinal)
            && int.TryParse(value.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return Cuda(index);
        }
        throw new ArgumentException($"'{text}' is not a device (expected cpu, cuda or cuda:N)", nameof(text));
    }

    /// <summary>
    /// Checks that tensors can be made on this device, with one line saying why not: "this RootSeg was built against
    /// a libtorch without CUDA; see scripts/gpu/README.md", "no CUDA driver/device found ...", or that the index is
    /// beyond the devices. Nothing to check for the CPU. Tensor factories check the same, so this only lets a
    /// command fail before it reads anything.
    /// </summary>
    /// <exception cref="TorchException">The device cannot be used (the reason is the message).</exception>
    public void EnsureUsable()
    {
        if (Type == DeviceType.Cuda)
        {
            NativeMethods.Check(NativeMethods.rs_device_check_cuda(Index));
        }
    }

    /// <summary>Waits until all work queued on this CUDA device has finished (nothing to wait for on the CPU).</summary>
    public void Synchronize()
    {
        if (Type == DeviceType.Cuda)
        {
            NativeMethods.Check(NativeMethods.rs_device_synchronize(Index));
        }
    }

    /// <summary>PyTorch's spelling: "cpu" or "cuda:N".</summary>
    public override string ToString() => Type == DeviceType.Cpu ? "cpu" : $"cuda:{Index}";
}
