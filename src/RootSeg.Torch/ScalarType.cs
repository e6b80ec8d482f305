namespace RootSeg.Torch;

/// <summary>The element types a <see cref="Tensor"/> may hold. The values are libtorch's c10::ScalarType codes.</summary>
public enum ScalarType
{
    /// <summary>Unsigned 8-bit integer (torch.uint8).</summary>
    UInt8 = 0,

    /// <summary>Signed 32-bit integer (torch.int32).</summary>
    Int32 = 3,

    /// <summary>Signed 64-bit integer (torch.int64), the type of class labels and indices.</summary>
    Int64 = 4,

    /// <summary>IEEE half precision (torch.float16).</summary>
    Float16 = 5,

    /// <summary>IEEE single precision (torch.float32), the type of activations and weights.</summary>
    Float32 = 6,

    /// <summary>IEEE double precision (torch.float64).</summary>
    Float64 = 7,

    /// <summary>Boolean, one byte per element (torch.bool).</summary>
    Bool = 11,

    /// <summary>Brain floating point (torch.bfloat16).</summary>
    BFloat16 = 15,
}

/// <summary>Element sizes and the managed types that match each <see cref="ScalarType"/>.</summary>
public static class ScalarTypes
{
    /// <summary>Bytes per element of <paramref name="type"/>.</summary>
    public static int ElementSize(this ScalarType type) => type switch
    {
        ScalarType.UInt8 or ScalarType.Bool => 1,
        ScalarType.Float16 or ScalarType.BFloat16 => 2,
        ScalarType.Int32 or ScalarType.Float32 => 4,
        ScalarType.Int64 or ScalarType.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a supported scalar type"),
    };

    /// <summary>The scalar type stored as the managed type <typeparamref name="T"/>.</summary>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> has no tensor counterpart.</exception>
    public static ScalarType Of<T>() where T : unmanaged => typeof(T) switch
    {
        var t when t == typeof(float) => ScalarType.Float32,
        var t when t == typeof(double) => ScalarType.Float64,
        var t when t == typeof(long) => ScalarType.Int64,
        var t when t == typeof(int) => ScalarType.Int32,
        var t when t == typeof(byte) => ScalarType.UInt8,
        var t when t == typeof(bool) => ScalarType.Bool,
        var t when t == typeof(Half) => ScalarType.Float16,
        _ => throw new ArgumentException($"{typeof(T).Name} has no tensor scalar type", nameof(T)),
    };

    /// <summary>True for Float16, BFloat16, Float32 and Float64.</summary>
    public static bool IsFloatingPoint(this ScalarType type) =>
        type is ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Float32 or ScalarType.Float64;
}
