using RootSeg.Torch.Serialization;

namespace RootSeg.Torch.Tests.Serialization;

public sealed class StoredDTypesTests
{
    [Theory]
    [InlineData(StoredDType.Float32, 4, "F32", "FloatStorage")]
    [InlineData(StoredDType.Float64, 8, "F64", "DoubleStorage")]
    [InlineData(StoredDType.Float16, 2, "F16", "HalfStorage")]
    [InlineData(StoredDType.BFloat16, 2, "BF16", "BFloat16Storage")]
    [InlineData(StoredDType.Int64, 8, "I64", "LongStorage")]
    [InlineData(StoredDType.Int32, 4, "I32", "IntStorage")]
    [InlineData(StoredDType.Int16, 2, "I16", "ShortStorage")]
    [InlineData(StoredDType.Int8, 1, "I8", "CharStorage")]
    [InlineData(StoredDType.UInt8, 1, "U8", "ByteStorage")]
    [InlineData(StoredDType.Bool, 1, "BOOL", "BoolStorage")]
    public void SizesAndNamesMatchTheFormats(StoredDType dtype, int size, string safetensors, string storage)
    {
        Assert.Equal(size, dtype.ElementSize());
        Assert.Equal(safetensors, dtype.SafetensorsName());
        Assert.Equal(storage, dtype.TorchStorageName());
        Assert.True(StoredDTypes.TryParseSafetensorsName(safetensors, out var parsed) && parsed == dtype);
        Assert.True(StoredDTypes.TryParseTorchStorageName(storage, out parsed) && parsed == dtype);
    }

    [Fact]
    public void UnknownNamesAndValuesAreRefused()
    {
        Assert.False(StoredDTypes.TryParseSafetensorsName("f32", out _));
        Assert.False(StoredDTypes.TryParseSafetensorsName("U16", out _));
        Assert.False(StoredDTypes.TryParseTorchStorageName("UntypedStorage", out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => ((StoredDType)99).ElementSize());
    }
}
