using System.Runtime.InteropServices;
using RootSeg.Torch.Native;

namespace RootSeg.Torch;

public sealed partial class Tensor
{
    /// <summary>
    /// An uninitialised host tensor in page-locked (pinned) memory, which a GPU copies from by DMA and which
    /// <see cref="ToAsync"/> can copy from without waiting.
    /// </summary>
    /// <param name="shape">Sizes, each 0 or more.</param>
    /// <param name="dtype">Element type.</param>
    /// <exception cref="TorchException">This libtorch has no CUDA, so there is nothing to pin for.</exception>
    public static Tensor EmptyPinned(long[] shape, ScalarType dtype = ScalarType.Float32)
    {
        CheckShape(shape, nameof(shape));
        return Wrap(NativeMethods.rs_transfer_empty_pinned(shape, shape.Length, (int)dtype));
    }

    /// <summary>True when the tensor lives in page-locked host memory.</summary>
    public bool IsPinned => NativeMethods.CheckValue(NativeMethods.rs_transfer_is_pinned(Handle)) == 1;

    /// <summary>
    /// Overwrites this contiguous host tensor with <paramref name="data"/> (C order); the scalar type must match
    /// <typeparamref name="T"/> and the length the number of elements.
    /// </summary>
    /// <exception cref="TorchException">The tensor is not a contiguous host tensor of that type and size.</exception>
    public unsafe Tensor Write<T>(ReadOnlySpan<T> data)
        where T : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(data);
        fixed (byte* pointer = bytes)
        {
            NativeMethods.Check(NativeMethods.rs_transfer_write(Handle, pointer, bytes.Length, (int)ScalarTypes.Of<T>()));
        }
        return this;
    }

    /// <summary>
    /// A copy on <paramref name="device"/> that may still be in flight when this returns (non_blocking=True). From
    /// pinned memory the copy is queued on the device's stream, so later work there sees the data; the source must
    /// stay alive and unchanged until the device has run past the copy. Elsewhere it is an ordinary copy.
    /// </summary>
    public Tensor ToAsync(Device device) =>
        Wrap(NativeMethods.rs_transfer_to_async(Handle, (int)device.Type, device.Index));
}
