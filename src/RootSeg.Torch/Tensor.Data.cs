using System.Runtime.InteropServices;
using RootSeg.Torch.Native;

namespace RootSeg.Torch;

public sealed partial class Tensor
{
    /// <summary>A copy of the elements in C order (last dimension fastest), from any device.</summary>
    /// <typeparam name="T">The managed type matching <see cref="DType"/> (float for Float32, long for Int64, ...).</typeparam>
    /// <exception cref="InvalidOperationException"><typeparamref name="T"/> does not match the tensor's type.</exception>
    public T[] ToArray<T>()
        where T : unmanaged
    {
        var result = new T[checked((int)NumberOfElements)];
        CopyTo<T>(result);
        return result;
    }

    /// <summary>Copies the elements in C order into <paramref name="destination"/>, which must be exactly as long.</summary>
    /// <exception cref="ArgumentException">The length differs from <see cref="NumberOfElements"/>.</exception>
    /// <exception cref="InvalidOperationException"><typeparamref name="T"/> does not match the tensor's type.</exception>
    public unsafe void CopyTo<T>(Span<T> destination)
        where T : unmanaged
    {
        var type = ScalarTypes.Of<T>();
        if (type != DType)
        {
            throw new InvalidOperationException($"the tensor holds {DType}; read it as that type or convert it with To({type})");
        }
        if (destination.Length != NumberOfElements)
        {
            throw new ArgumentException(
                $"destination holds {destination.Length} elements, the tensor {NumberOfElements}", nameof(destination));
        }
        var bytes = MemoryMarshal.AsBytes(destination);
        fixed (byte* pointer = bytes)
        {
            NativeMethods.Check(NativeMethods.rs_tensor_to_buffer(Handle, pointer, bytes.Length, (int)type));
        }
    }

    /// <summary>The elements' raw little-endian bytes in C order, whatever the scalar type (for weight files).</summary>
    public unsafe byte[] ToBytes()
    {
        var result = new byte[checked(NumberOfElements * DType.ElementSize())];
        fixed (byte* pointer = result)
        {
            NativeMethods.Check(NativeMethods.rs_tensor_to_buffer(Handle, pointer, result.Length, (int)DType));
        }
        return result;
    }

    /// <summary>The value of a one-element tensor as a double (torch.Tensor.item).</summary>
    /// <exception cref="TorchException">The tensor has more than one element.</exception>
    public double Item()
    {
        NativeMethods.Check(NativeMethods.rs_tensor_item(Handle, out var value));
        return value;
    }

    /// <summary>Sets every element to <paramref name="value"/> in place.</summary>
    public Tensor Fill_(double value)
    {
        NativeMethods.Check(NativeMethods.rs_tensor_fill_(Handle, value));
        return this;
    }

    /// <summary>Sets every element to zero in place.</summary>
    public Tensor Zero_() => Fill_(0);

    /// <summary>Copies <paramref name="source"/> into this tensor in place (broadcasting, converting type and device).</summary>
    public Tensor Copy_(Tensor source)
    {
        ArgumentNullException.ThrowIfNull(source);
        NativeMethods.Check(NativeMethods.rs_tensor_copy_(Handle, source.Handle));
        return this;
    }

    /// <summary>Fills in place with values uniform in [from, to) from the default generator (torch.nn.init.uniform_).</summary>
    public Tensor Uniform_(double from, double to)
    {
        NativeMethods.Check(NativeMethods.rs_tensor_uniform_(Handle, from, to));
        return this;
    }

    /// <summary>Fills in place with normal values from the default generator (torch.nn.init.normal_).</summary>
    public Tensor Normal_(double mean, double std)
    {
        NativeMethods.Check(NativeMethods.rs_tensor_normal_(Handle, mean, std));
        return this;
    }
}
