namespace RootSeg.Torch.Serialization;

/// <summary>
/// Element types a weight file can hold: the intersection of the safetensors dtypes and PyTorch's typed storages
/// that state dicts of the U-Net of Smith et al. 2020 (doi:10.1186/s13007-020-00563-0) and RootPainter
/// (doi:10.1111/nph.18387) use, plus the common integer and reduced-precision types.
/// </summary>
/// <remarks>All multi-byte types are stored little-endian. See <see cref="StoredDTypes"/> for sizes and names.</remarks>
public enum StoredDType
{
    /// <summary>IEEE 754 binary32; safetensors <c>F32</c>, PyTorch <c>FloatStorage</c>.</summary>
    Float32,

    /// <summary>IEEE 754 binary64; safetensors <c>F64</c>, PyTorch <c>DoubleStorage</c>.</summary>
    Float64,

    /// <summary>IEEE 754 binary16; safetensors <c>F16</c>, PyTorch <c>HalfStorage</c>.</summary>
    Float16,

    /// <summary>bfloat16 (the upper half of a binary32); safetensors <c>BF16</c>, PyTorch <c>BFloat16Storage</c>.</summary>
    BFloat16,

    /// <summary>Signed 64-bit integer; safetensors <c>I64</c>, PyTorch <c>LongStorage</c>.</summary>
    Int64,

    /// <summary>Signed 32-bit integer; safetensors <c>I32</c>, PyTorch <c>IntStorage</c>.</summary>
    Int32,

    /// <summary>Signed 16-bit integer; safetensors <c>I16</c>, PyTorch <c>ShortStorage</c>.</summary>
    Int16,

    /// <summary>Signed 8-bit integer; safetensors <c>I8</c>, PyTorch <c>CharStorage</c>.</summary>
    Int8,

    /// <summary>Unsigned 8-bit integer; safetensors <c>U8</c>, PyTorch <c>ByteStorage</c>.</summary>
    UInt8,

    /// <summary>One byte, 0 or 1; safetensors <c>BOOL</c>, PyTorch <c>BoolStorage</c>.</summary>
    Bool,
}
