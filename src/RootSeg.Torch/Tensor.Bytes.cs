using RootSeg.Torch.Native;

namespace RootSeg.Torch;

public sealed partial class Tensor
{
    /// <summary>A tensor holding a copy of raw little-endian element bytes in C order.</summary>
    /// <param name="bytes">Exactly (number of elements x element size of <paramref name="dtype"/>) bytes.</param>
    /// <param name="shape">Sizes of each dimension.</param>
    /// <param name="dtype">The element type the bytes encode.</param>
    /// <param name="device">Where the tensor lives; the CPU when null.</param>
    internal static unsafe Tensor FromBytes(ReadOnlySpan<byte> bytes, long[] shape, ScalarType dtype, Device? device = null)
    {
        var count = CheckShape(shape, nameof(shape));
        if (bytes.Length != count * dtype.ElementSize())
        {
            throw new ArgumentException(
                $"{bytes.Length} bytes do not hold [{string.Join(", ", shape)}] elements of {dtype}", nameof(bytes));
        }
        var target = device ?? Device.Cpu;
        fixed (byte* pointer = bytes)
        {
            return Wrap(NativeMethods.rs_tensor_from_buffer(pointer, bytes.Length, shape, shape.Length, (int)dtype,
                (int)target.Type, target.Index));
        }
    }

    /// <summary>The elements as raw little-endian bytes in C order, in the tensor's own type, from any device.</summary>
    internal unsafe byte[] ToBytes()
    {
        var result = new byte[checked((int)(NumberOfElements * DType.ElementSize()))];
        fixed (byte* pointer = result)
        {
            NativeMethods.Check(NativeMethods.rs_tensor_to_buffer(Handle, pointer, result.Length, (int)DType));
        }
        return result;
    }
}
