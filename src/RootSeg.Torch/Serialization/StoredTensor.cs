using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace RootSeg.Torch.Serialization;

/// <summary>
/// A tensor as a weight file holds it: an element type, a shape and the elements' bytes, little-endian and
/// contiguous in C (row-major) order. Immutable and independent of any native tensor library.
/// </summary>
/// <remarks>
/// The bytes are never modified once the tensor exists: the public constructors copy their input, and readers hand
/// over buffers nobody else writes (tensors read from one file may share such a buffer). <see cref="Data"/> is a
/// read-only view. A scalar has an empty shape and one element; a shape with a zero extent has no elements and no
/// bytes.
/// </remarks>
public sealed class StoredTensor
{
    private readonly ReadOnlyMemory<byte> _data;
    private readonly long[] _shape;

    /// <summary>Creates a tensor from a copy of <paramref name="data"/>.</summary>
    /// <param name="dtype">Element type.</param>
    /// <param name="shape">Extents, outermost first, each at least 0; empty for a scalar.</param>
    /// <param name="data">Exactly product(shape) x element size bytes, little-endian, C order.</param>
    /// <exception cref="ArgumentException">A negative extent, or a byte count that does not match the shape.</exception>
    public StoredTensor(StoredDType dtype, ReadOnlySpan<long> shape, ReadOnlySpan<byte> data)
        : this(dtype, shape.ToArray(), data.ToArray(), nameof(shape), nameof(data))
    {
    }

    private StoredTensor(StoredDType dtype, long[] shape, ReadOnlyMemory<byte> data, string shapeName, string dataName)
    {
        var elements = CountElements(shape, shapeName);
        var expected = checked(elements * dtype.ElementSize());
        if (data.Length != expected)
        {
            throw new ArgumentException(
                $"{dtype} tensor of shape [{string.Join(", ", shape)}] needs {expected} bytes, got {data.Length}",
                dataName);
        }
        DType = dtype;
        _shape = shape;
        _data = data;
        ElementCount = elements;
    }

    /// <summary>Element type.</summary>
    public StoredDType DType { get; }

    /// <summary>Extents, outermost first; empty for a scalar.</summary>
    public IReadOnlyList<long> Shape => _shape;

    /// <summary>Number of elements: the product of <see cref="Shape"/> (1 for a scalar).</summary>
    public long ElementCount { get; }

    /// <summary>The elements' bytes, little-endian, C order.</summary>
    public ReadOnlySpan<byte> Data => _data.Span;

    /// <summary>The shape as a new array the caller owns.</summary>
    public long[] ShapeArray() => (long[])_shape.Clone();

    /// <summary>Creates a <see cref="StoredDType.Float32"/> tensor from a copy of <paramref name="values"/>.</summary>
    /// <param name="values">product(shape) values in C order.</param>
    /// <param name="shape">Extents, each at least 0; empty for a scalar.</param>
    /// <exception cref="ArgumentException">The value count does not match the shape.</exception>
    public static StoredTensor FromFloats(ReadOnlySpan<float> values, ReadOnlySpan<long> shape)
    {
        var bytes = new byte[checked(values.Length * sizeof(float))];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        }
        return new StoredTensor(StoredDType.Float32, shape.ToArray(), bytes, nameof(shape), nameof(values));
    }

    /// <summary>Creates a <see cref="StoredDType.Int64"/> tensor from a copy of <paramref name="values"/>.</summary>
    /// <param name="values">product(shape) values in C order.</param>
    /// <param name="shape">Extents, each at least 0; empty for a scalar.</param>
    /// <exception cref="ArgumentException">The value count does not match the shape.</exception>
    public static StoredTensor FromInt64s(ReadOnlySpan<long> values, ReadOnlySpan<long> shape)
    {
        var bytes = new byte[checked(values.Length * sizeof(long))];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * sizeof(long)), values[i]);
        }
        return new StoredTensor(StoredDType.Int64, shape.ToArray(), bytes, nameof(shape), nameof(values));
    }

    /// <summary>The elements as 32-bit floats, converted from any floating-point type (float64 rounds to nearest).</summary>
    /// <exception cref="InvalidOperationException">The tensor holds integers or booleans.</exception>
    public float[] ToFloatArray()
    {
        var count = checked((int)ElementCount);
        var result = new float[count];
        var bytes = _data.Span;
        switch (DType)
        {
            case StoredDType.Float32:
                if (BitConverter.IsLittleEndian)
                {
                    MemoryMarshal.Cast<byte, float>(bytes).CopyTo(result);
                    break;
                }
                for (var i = 0; i < count; i++)
                {
                    result[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * 4)..]);
                }
                break;
            case StoredDType.Float64:
                for (var i = 0; i < count; i++)
                {
                    result[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(bytes[(i * 8)..]);
                }
                break;
            case StoredDType.Float16:
                for (var i = 0; i < count; i++)
                {
                    result[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(bytes[(i * 2)..]);
                }
                break;
            case StoredDType.BFloat16:
                // bfloat16 is the top 16 bits of a binary32, so widening is a shift.
                for (var i = 0; i < count; i++)
                {
                    var bits = (uint)BinaryPrimitives.ReadUInt16LittleEndian(bytes[(i * 2)..]) << 16;
                    result[i] = BitConverter.UInt32BitsToSingle(bits);
                }
                break;
            default:
                throw new InvalidOperationException($"a {DType} tensor has no float values; use ToInt64Array");
        }
        return result;
    }

    /// <summary>The elements as 64-bit integers, converted from any integer or boolean type.</summary>
    /// <exception cref="InvalidOperationException">The tensor holds floating-point values.</exception>
    public long[] ToInt64Array()
    {
        var count = checked((int)ElementCount);
        var result = new long[count];
        var bytes = _data.Span;
        for (var i = 0; i < count; i++)
        {
            result[i] = DType switch
            {
                StoredDType.Int64 => BinaryPrimitives.ReadInt64LittleEndian(bytes[(i * 8)..]),
                StoredDType.Int32 => BinaryPrimitives.ReadInt32LittleEndian(bytes[(i * 4)..]),
                StoredDType.Int16 => BinaryPrimitives.ReadInt16LittleEndian(bytes[(i * 2)..]),
                StoredDType.Int8 => (sbyte)bytes[i],
                StoredDType.UInt8 or StoredDType.Bool => bytes[i],
                _ => throw new InvalidOperationException($"a {DType} tensor has no integer values; use ToFloatArray"),
            };
        }
        return result;
    }

    /// <summary>Whether <paramref name="other"/> has the same dtype, shape and bytes.</summary>
    public bool ContentEquals(StoredTensor other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return DType == other.DType && _shape.AsSpan().SequenceEqual(other._shape) && Data.SequenceEqual(other.Data);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{DType.SafetensorsName()}[{string.Join(", ", _shape)}]";

    /// <summary>
    /// Wraps <paramref name="data"/> without copying; for readers whose buffer nobody writes to afterwards. Takes
    /// ownership of <paramref name="shape"/> too.
    /// </summary>
    internal static StoredTensor Own(StoredDType dtype, long[] shape, ReadOnlyMemory<byte> data) =>
        new(dtype, shape, data, nameof(shape), nameof(data));

    /// <summary>Product of the extents, checking that none is negative and that it fits a byte array.</summary>
    internal static long CountElements(ReadOnlySpan<long> shape, string argumentName)
    {
        long count = 1;
        foreach (var extent in shape)
        {
            if (extent < 0)
            {
                throw new ArgumentException($"extent {extent} in shape [{string.Join(", ", shape.ToArray())}] is negative", argumentName);
            }
            count = extent == 0 ? 0 : count;
            if (count != 0 && extent > Array.MaxLength / count)
            {
                throw new ArgumentException($"shape [{string.Join(", ", shape.ToArray())}] is too large", argumentName);
            }
            count *= extent;
        }
        return count;
    }
}
