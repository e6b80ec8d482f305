using RootSeg.Torch.Native;

namespace RootSeg.Torch;

public sealed partial class Tensor
{
    /// <summary>A copy with its own storage (torch.Tensor.clone; gradients flow back to this tensor).</summary>
    public Tensor Clone() => Wrap(NativeMethods.rs_tensor_clone(Handle));

    /// <summary>This tensor's elements laid out in C order (a new tensor; a copy only when needed).</summary>
    public Tensor Contiguous() => Wrap(NativeMethods.rs_tensor_contiguous(Handle));

    /// <summary>
    /// The same values in channels-last memory order (NHWC; the shape stays (N, C, H, W)); convolutions on such
    /// inputs and weights skip oneDNN's reorders and give channels-last outputs.
    /// </summary>
    /// <exception cref="TorchException">The tensor is not 4-dimensional.</exception>
    public Tensor ContiguousChannelsLast() => Wrap(NativeMethods.rs_tensor_contiguous_channels_last(Handle));

    /// <summary>The tensor on <paramref name="device"/> (a new tensor, sharing storage when it already is there).</summary>
    public Tensor To(Device device) => To(device, DType);

    /// <summary>The tensor converted to <paramref name="dtype"/> (a new tensor).</summary>
    public Tensor To(ScalarType dtype) => To(Device, dtype);

    /// <summary>The tensor on <paramref name="device"/> as <paramref name="dtype"/>; <paramref name="copy"/> forces new storage.</summary>
    public Tensor To(Device device, ScalarType dtype, bool copy = false) =>
        Wrap(NativeMethods.rs_tensor_to(Handle, (int)device.Type, device.Index, (int)dtype, copy ? 1 : 0));

    /// <summary>The tensor on the CPU.</summary>
    public Tensor Cpu() => To(Device.Cpu);

    /// <summary>The same elements with another shape; one size may be -1 (torch.reshape).</summary>
    public Tensor Reshape(params long[] shape) => Wrap(NativeMethods.rs_tensor_reshape(Handle, shape, shape.Length));

    /// <summary>A view with another shape over the same storage (torch.Tensor.view).</summary>
    public Tensor View(params long[] shape) => Wrap(NativeMethods.rs_tensor_view(Handle, shape, shape.Length));

    /// <summary>A view with the dimensions reordered (torch.permute).</summary>
    public Tensor Permute(params long[] dims) => Wrap(NativeMethods.rs_tensor_permute(Handle, dims, dims.Length));

    /// <summary>A view with two dimensions swapped.</summary>
    public Tensor Transpose(long dim0, long dim1) => Wrap(NativeMethods.rs_tensor_transpose(Handle, dim0, dim1));

    /// <summary>A broadcast view with sizes of 1 repeated to <paramref name="shape"/> (-1 keeps a size).</summary>
    public Tensor Expand(params long[] shape) => Wrap(NativeMethods.rs_tensor_expand(Handle, shape, shape.Length));

    /// <summary>A copy reversed along <paramref name="dims"/> (torch.flip).</summary>
    public Tensor Flip(params long[] dims) => Wrap(NativeMethods.rs_tensor_flip(Handle, dims, dims.Length));

    /// <summary>A view with a dimension of size 1 inserted at <paramref name="dim"/>.</summary>
    public Tensor Unsqueeze(long dim) => Wrap(NativeMethods.rs_tensor_unsqueeze(Handle, dim));

    /// <summary>A view with dimension <paramref name="dim"/> removed when its size is 1.</summary>
    public Tensor Squeeze(long dim) => Wrap(NativeMethods.rs_tensor_squeeze(Handle, dim));

    /// <summary>A view of <paramref name="length"/> entries of <paramref name="dim"/> from <paramref name="start"/> (torch.narrow).</summary>
    public Tensor Narrow(long dim, long start, long length) => Wrap(NativeMethods.rs_tensor_narrow(Handle, dim, start, length));

    /// <summary>A view of entries start, start + step, ... below end of <paramref name="dim"/> (Python's t[start:end:step]).</summary>
    public Tensor Slice(long dim, long start, long end, long step = 1) =>
        Wrap(NativeMethods.rs_tensor_slice(Handle, dim, start, end, step));

    /// <summary>A view of entry <paramref name="index"/> of <paramref name="dim"/>, that dimension removed (t[index]).</summary>
    public Tensor Select(long dim, long index) => Wrap(NativeMethods.rs_tensor_select(Handle, dim, index));

    /// <summary>The entries of <paramref name="dim"/> listed by the int64 tensor <paramref name="index"/> (torch.index_select).</summary>
    public Tensor IndexSelect(long dim, Tensor index)
    {
        ArgumentNullException.ThrowIfNull(index);
        return Wrap(NativeMethods.rs_tensor_index_select(Handle, dim, index.Handle));
    }

    /// <summary>The elements where the boolean <paramref name="mask"/> is true, flattened (t[mask]).</summary>
    public Tensor MaskedSelect(Tensor mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        return Wrap(NativeMethods.rs_tensor_masked_select(Handle, mask.Handle));
    }
}
