using RootSeg.Torch.Serialization;

namespace RootSeg.Torch.Tests.Serialization;

public sealed class StoredTensorTests
{
    [Fact]
    public void FloatsRoundTripThroughLittleEndianBytes()
    {
        var tensor = StoredTensor.FromFloats([1f, -0.5f, float.NaN, float.NegativeInfinity, 3e-39f, 7f], [2, 3]);

        Assert.Equal(StoredDType.Float32, tensor.DType);
        Assert.Equal([2L, 3L], tensor.Shape);
        Assert.Equal(6, tensor.ElementCount);
        Assert.Equal(24, tensor.Data.Length);
        Assert.Equal([0x00, 0x00, 0x80, 0x3f], tensor.Data[..4].ToArray());
        Assert.Equal([1f, -0.5f, float.NaN, float.NegativeInfinity, 3e-39f, 7f], tensor.ToFloatArray());
    }

    [Fact]
    public void Int64sRoundTripAndScalarsHaveOneElement()
    {
        var tensor = StoredTensor.FromInt64s([long.MinValue], []);

        Assert.Empty(tensor.Shape);
        Assert.Equal(1, tensor.ElementCount);
        Assert.Equal([long.MinValue], tensor.ToInt64Array());
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 0x80], tensor.Data.ToArray());
    }

    [Fact]
    public void ReducedPrecisionFloatsWidenExactly()
    {
        // 0x3c00 is 1.0 in binary16, 0xc000 is -2.0; 0x3f80 is 1.0 in bfloat16, 0x4049 is 3.140625.
        var half = new StoredTensor(StoredDType.Float16, [2], [0x00, 0x3c, 0x00, 0xc0]);
        var brain = new StoredTensor(StoredDType.BFloat16, [2], [0x80, 0x3f, 0x49, 0x40]);
        var wide = new StoredTensor(StoredDType.Float64, [1], BitConverter.GetBytes(0.1));

        Assert.Equal([1f, -2f], half.ToFloatArray());
        Assert.Equal([1f, 3.140625f], brain.ToFloatArray());
        Assert.Equal([0.1f], wide.ToFloatArray());
    }

    [Fact]
    public void SmallIntegersAndBoolsWidenWithTheirSign()
    {
        Assert.Equal([-1L, 127L], new StoredTensor(StoredDType.Int8, [2], [0xff, 0x7f]).ToInt64Array());
        Assert.Equal([255L, 1L], new StoredTensor(StoredDType.UInt8, [2], [0xff, 0x01]).ToInt64Array());
        Assert.Equal([-2L], new StoredTensor(StoredDType.Int16, [1], [0xfe, 0xff]).ToInt64Array());
        Assert.Equal([-3L], new StoredTensor(StoredDType.Int32, [1], BitConverter.GetBytes(-3)).ToInt64Array());
        Assert.Equal([1L, 0L], new StoredTensor(StoredDType.Bool, [2], [1, 0]).ToInt64Array());
    }

    [Fact]
    public void ConversionsRefuseTheOtherKind()
    {
        Assert.Throws<InvalidOperationException>(() => StoredTensor.FromInt64s([1], [1]).ToFloatArray());
        Assert.Throws<InvalidOperationException>(() => StoredTensor.FromFloats([1f], [1]).ToInt64Array());
    }

    [Fact]
    public void BadShapesAndLengthsNameTheArgument()
    {
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => StoredTensor.FromFloats([1f, 2f], [3])).ParamName);
        Assert.Equal("shape", Assert.Throws<ArgumentException>(() => StoredTensor.FromFloats([], [-1, 0])).ParamName);
        Assert.Equal("data", Assert.Throws<ArgumentException>(() => new StoredTensor(StoredDType.Int16, [2], new byte[3])).ParamName);
        Assert.Equal("shape", Assert.Throws<ArgumentException>(() => StoredTensor.FromFloats([], [long.MaxValue, 2])).ParamName);
    }

    [Fact]
    public void ZeroExtentMeansNoElements()
    {
        var tensor = StoredTensor.FromFloats([], [3, 0, 5]);

        Assert.Equal(0, tensor.ElementCount);
        Assert.True(tensor.Data.IsEmpty);
        Assert.Empty(tensor.ToFloatArray());
    }

    [Fact]
    public void TensorCopiesItsInputsAndHandsOutCopies()
    {
        var values = new[] { 1f, 2f };
        long[] shape = [2];
        var tensor = StoredTensor.FromFloats(values, shape);
        values[0] = 9f;
        shape[0] = 7;
        tensor.ShapeArray()[0] = 5;

        Assert.Equal([1f, 2f], tensor.ToFloatArray());
        Assert.Equal([2L], tensor.Shape);
    }

    [Fact]
    public void ContentEqualsComparesDTypeShapeAndBytes()
    {
        var a = StoredTensor.FromFloats([1f, 2f], [2]);

        Assert.True(a.ContentEquals(StoredTensor.FromFloats([1f, 2f], [2])));
        Assert.False(a.ContentEquals(StoredTensor.FromFloats([1f, 2f], [1, 2])));
        Assert.False(a.ContentEquals(StoredTensor.FromFloats([1f, 3f], [2])));
        Assert.False(a.ContentEquals(new StoredTensor(StoredDType.Int32, [2], a.Data)));
    }
}
