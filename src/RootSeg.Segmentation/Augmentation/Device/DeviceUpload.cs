using RootSeg.Torch;
using TorchDevice = RootSeg.Torch.Device;

namespace RootSeg.Segmentation.Augmentation.Device;

/// <summary>
/// Small host arrays (per-tile parameters, kernels) copied to the device without stalling it: an ordinary copy from
/// pageable memory to a GPU waits for everything queued on the stream, so on CUDA the values go through page-locked
/// memory and a non-blocking copy instead.
/// </summary>
internal static class DeviceUpload
{
    /// <summary>A tensor of <paramref name="shape"/> on <paramref name="device"/> holding <paramref name="values"/>.</summary>
    public static Tensor From<T>(ReadOnlySpan<T> values, long[] shape, TorchDevice device)
        where T : unmanaged
    {
        if (device.Type != DeviceType.Cuda)
        {
            return Tensor.FromSpan(values, shape, device);
        }
        using var pinned = Tensor.EmptyPinned(shape, ScalarTypes.Of<T>());
        return pinned.Write(values).ToAsync(device);
    }
}
