namespace RootSeg.Torch.Serialization;

/// <summary>
/// Element sizes and the names under which the safetensors format and PyTorch's pickled storages spell each
/// <see cref="StoredDType"/>.
/// </summary>
public static class StoredDTypes
{
    private static readonly StoredDType[] All = Enum.GetValues<StoredDType>();

    /// <summary>Bytes per element of <paramref name="dtype"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined <see cref="StoredDType"/>.</exception>
    public static int ElementSize(this StoredDType dtype) => dtype switch
    {
        StoredDType.Float64 or StoredDType.Int64 => 8,
        StoredDType.Float32 or StoredDType.Int32 => 4,
        StoredDType.Float16 or StoredDType.BFloat16 or StoredDType.Int16 => 2,
        StoredDType.Int8 or StoredDType.UInt8 or StoredDType.Bool => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "not a defined StoredDType"),
    };

    /// <summary>The safetensors header spelling of <paramref name="dtype"/>, for example <c>F32</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined <see cref="StoredDType"/>.</exception>
    public static string SafetensorsName(this StoredDType dtype) => dtype switch
    {
        StoredDType.Float32 => "F32",
        StoredDType.Float64 => "F64",
        StoredDType.Float16 => "F16",
        StoredDType.BFloat16 => "BF16",
        StoredDType.Int64 => "I64",
        StoredDType.Int32 => "I32",
        StoredDType.Int16 => "I16",
        StoredDType.Int8 => "I8",
        StoredDType.UInt8 => "U8",
        StoredDType.Bool => "BOOL",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "not a defined StoredDType"),
    };

    /// <summary>The PyTorch typed-storage class name of <paramref name="dtype"/>, for example <c>FloatStorage</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined <see cref="StoredDType"/>.</exception>
    public static string TorchStorageName(this StoredDType dtype) => dtype switch
    {
        StoredDType.Float32 => "FloatStorage",
        StoredDType.Float64 => "DoubleStorage",
        StoredDType.Float16 => "HalfStorage",
        StoredDType.BFloat16 => "BFloat16Storage",
        StoredDType.Int64 => "LongStorage",
        StoredDType.Int32 => "IntStorage",
        StoredDType.Int16 => "ShortStorage",
        StoredDType.Int8 => "CharStorage",
        StoredDType.UInt8 => "ByteStorage",
        StoredDType.Bool => "BoolStorage",
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "not a defined StoredDType"),
    };

    /// <summary>Looks up the type whose safetensors spelling is <paramref name="name"/> (case-sensitive, as the format is).</summary>
    /// <returns><see langword="true"/> when the name is known.</returns>
    public static bool TryParseSafetensorsName(string name, out StoredDType dtype)
    {
        ArgumentNullException.ThrowIfNull(name);
        return TryFind(name, static d => d.SafetensorsName(), out dtype);
    }

    /// <summary>Looks up the type whose PyTorch storage class is <paramref name="name"/>, for example <c>LongStorage</c>.</summary>
    /// <returns><see langword="true"/> when the name is known.</returns>
    public static bool TryParseTorchStorageName(string name, out StoredDType dtype)
    {
        ArgumentNullException.ThrowIfNull(name);
        return TryFind(name, static d => d.TorchStorageName(), out dtype);
    }

    /// <summary>Whether <paramref name="dtype"/> is a floating-point type.</summary>
    public static bool IsFloatingPoint(this StoredDType dtype) =>
        dtype is StoredDType.Float32 or StoredDType.Float64 or StoredDType.Float16 or StoredDType.BFloat16;

    private static bool TryFind(string name, Func<StoredDType, string> spelling, out StoredDType dtype)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(spelling(candidate), name, StringComparison.Ordinal))
            {
                dtype = candidate;
                return true;
            }
        }
        dtype = default;
        return false;
    }
}
