using System.Runtime.InteropServices;
using RootSeg.Torch.Native;

namespace RootSeg.Torch;

public sealed partial class Tensor
{
    /// <summary>A tensor holding a copy of <paramref name="data"/> (C order) with the given shape (torch.tensor).</summary>
    /// <param name="data">The elements, last dimension fastest; its length must equal the product of the shape.</param>
    /// <param name="shape">Sizes, each 0 or more; empty for a scalar.</param>
    /// <param name="device">Where to put the tensor; the CPU when null.</param>
    /// <exception cref="ArgumentException">The length of <paramref name="data"/> does not match the shape.</exception>
    public static Tensor FromArray(float[] data, long[] shape, Device? device = null) => FromSpan<float>(data, shape, device);

    /// <inheritdoc cref="FromArray(float[], long[], Device?)"/>
    public static Tensor FromArray(double[] data, long[] shape, Device? device = null) => FromSpan<double>(data, shape, device);

    /// <inheritdoc cref="FromArray(float[], long[], Device?)"/>
    public static Tensor FromArray(long[] data, long[] shape, Device? device = null) => FromSpan<long>(data, shape, device);

    /// <inheritdoc cref="FromArray(float[], long[], Device?)"/>
    public static Tensor FromArray(int[] data, long[] shape, Device? device = null) => FromSpan<int>(data, shape, device);

    /// <inheritdoc cref="FromArray(float[], long[], Device?)"/>
    public static Tensor FromArray(byte[] data, long[] shape, Device? device = null) => FromSpan<byte>(data, shape, device);

    /// <inheritdoc cref="FromArray(float[], long[], Device?)"/>
    public static Tensor FromArray(bool[] data, long[] shape, Device? device = null) => FromSpan<bool>(data, shape, device);

    /// <summary>A tensor holding a copy of <paramref name="data"/>; the scalar type follows <typeparamref name="T"/>.</summary>
    /// <inheritdoc cref="FromArray(float[], long[], Device?)"/>
    public static unsafe Tensor FromSpan<T>(ReadOnlySpan<T> data, long[] shape, Device? device = null)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(shape);
        var count = CheckShape(shape, nameof(shape));
        if (count != data.Length)
        {
            throw new ArgumentException(
                $"data holds {data.Length} elements but shape [{string.Join(", ", shape)}] needs {count}", nameof(data));
        }
        var type = ScalarTypes.Of<T>();
        var target = device ?? Device.Cpu;
        var bytes = MemoryMarshal.AsBytes(data);
        fixed (byte* pointer = bytes)
        {
            return Wrap(NativeMethods.rs_tensor_from_buffer(pointer, bytes.Length, shape, shape.Length, (int)type,
                (int)target.Type, target.Index));
        }
    }

    /// <summary>
    /// A tensor of any scalar type from its raw little-endian bytes in C order (how weight files store tensors,
    /// Float16 and BFloat16 included).
    /// </summary>
    /// <exception cref="ArgumentException">The byte count is not the shape's element count times the element size.</exception>
    public static unsafe Tensor FromBytes(ReadOnlySpan<byte> data, ScalarType dtype, long[] shape, Device? device = null)
    {
        var count = CheckShape(shape, nameof(shape));
        var expected = checked(count * dtype.ElementSize());
        if (expected != data.Length)
        {
            throw new ArgumentException(
                $"data holds {data.Length} bytes but shape [{string.Join(", ", shape)}] of {dtype} needs {expected}", nameof(data));
        }
        var target = device ?? Device.Cpu;
        fixed (byte* pointer = data)
        {
            return Wrap(NativeMethods.rs_tensor_from_buffer(pointer, data.Length, shape, shape.Length, (int)dtype,
                (int)target.Type, target.Index));
        }
    }

    /// <summary>A zero-dimensional tensor holding <paramref name="value"/>.</summary>
    public static Tensor Scalar(double value, ScalarType dtype = ScalarType.Float32, Device? device = null) =>
        Full([], value, dtype, device);

    /// <summary>Uninitialised elements (torch.empty): for outputs that are written before they are read.</summary>
    public static Tensor Empty(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        CheckShape(shape, nameof(shape));
        var target = device ?? Device.Cpu;
        return Wrap(NativeMethods.rs_tensor_empty(shape, shape.Length, (int)dtype, (int)target.Type, target.Index));
    }

    /// <summary>Every element 0 (torch.zeros).</summary>
    public static Tensor Zeros(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null) =>
        Full(shape, 0, dtype, device);

    /// <summary>Every element 1 (torch.ones).</summary>
    public static Tensor Ones(long[] shape, ScalarType dtype = ScalarType.Float32, Device? device = null) =>
        Full(shape, 1, dtype, device);

    /// <summary>Every element <paramref name="value"/> (torch.full).</summary>
    public static Tensor Full(long[] shape, double value, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        CheckShape(shape, nameof(shape));
        var target = device ?? Device.Cpu;
        return Wrap(NativeMethods.rs_tensor_full(shape, shape.Length, value, (int)dtype, (int)target.Type, target.Index));
    }

    /// <summary>
    /// Standard normal values (torch.randn). With a <paramref name="seed"/> they come from a fresh CPU generator, so
    /// the values equal <c>torch.randn(shape, generator=torch.Generator().manual_seed(seed))</c> on any device; without
    /// one, from the device's default generator (see <see cref="Engine.ManualSeed"/>).
    /// </summary>
    public static Tensor RandN(long[] shape, ulong? seed = null, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        CheckShape(shape, nameof(shape));
        var target = device ?? Device.Cpu;
        return Wrap(NativeMethods.rs_tensor_randn(shape, shape.Length, (int)dtype, (int)target.Type, target.Index,
            seed.HasValue ? 1 : 0, seed ?? 0));
    }

    /// <summary>Uniform values in [0, 1) (torch.rand); <paramref name="seed"/> as for <see cref="RandN"/>.</summary>
    public static Tensor Rand(long[] shape, ulong? seed = null, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        CheckShape(shape, nameof(shape));
        var target = device ?? Device.Cpu;
        return Wrap(NativeMethods.rs_tensor_rand(shape, shape.Length, (int)dtype, (int)target.Type, target.Index,
            seed.HasValue ? 1 : 0, seed ?? 0));
    }

    /// <summary>Integers uniform in [<paramref name="low"/>, <paramref name="high"/>) (torch.randint).</summary>
    public static Tensor RandInt(long low, long high, long[] shape, ulong? seed = null, ScalarType dtype = ScalarType.Int64,
        Device? device = null)
    {
        CheckShape(shape, nameof(shape));
        if (high <= low)
        {
            throw new ArgumentOutOfRangeException(nameof(high), high, $"must exceed low ({low})");
        }
        var target = device ?? Device.Cpu;
        return Wrap(NativeMethods.rs_tensor_randint(low, high, shape, shape.Length, (int)dtype, (int)target.Type,
            target.Index, seed.HasValue ? 1 : 0, seed ?? 0));
    }

    /// <summary><paramref name="start"/>, start + step, ... below <paramref name="end"/> (torch.arange).</summary>
    public static Tensor Arange(double start, double end, double step = 1, ScalarType dtype = ScalarType.Float32,
        Device? device = null)
    {
        var target = device ?? Device.Cpu;
        return Wrap(NativeMethods.rs_tensor_arange(start, end, step, (int)dtype, (int)target.Type, target.Index));
    }

    /// <summary><paramref name="steps"/> values evenly spaced from start to end inclusive (torch.linspace).</summary>
    public static Tensor Linspace(double start, double end, long steps, ScalarType dtype = ScalarType.Float32,
        Device? device = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        var target = device ?? Device.Cpu;
        return Wrap(NativeMethods.rs_tensor_linspace(start, end, steps, (int)dtype, (int)target.Type, target.Index));
    }

    private static long CheckShape(long[] shape, string name)
    {
        ArgumentNullException.ThrowIfNull(shape, name);
        long count = 1;
        foreach (var size in shape)
        {
            if (size < 0)
            {
                throw new ArgumentException($"sizes must not be negative: [{string.Join(", ", shape)}]", name);
            }
            count = checked(count * size);
        }
        return count;
    }
}
