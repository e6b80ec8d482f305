using RootSeg.Torch.Modules;
using RootSeg.Torch.Serialization;

namespace RootSeg.Torch.Tests.Serialization;

public sealed class TensorConversionTests : LeakCheckedTest
{
    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.Float64)]
    [InlineData(ScalarType.Int64)]
    [InlineData(ScalarType.Int32)]
    [InlineData(ScalarType.UInt8)]
    public void StoredCopyKeepsTypeShapeAndValues(ScalarType dtype)
    {
        using var range = Tensor.Arange(0, 6);
        using var source = range.Reshape([2, 3]);
        using var typed = source.To(dtype);
        var stored = typed.ToStored();
        using var back = stored.ToTensor();

        Assert.Equal([2L, 3L], stored.ShapeArray());
        Assert.Equal(dtype, back.DType);
        Assert.Equal(new long[] { 2, 3 }, back.Shape);
        using var asFloat = back.To(ScalarType.Float32);
        Assert.Equal([0f, 1, 2, 3, 4, 5], asFloat.ToArray<float>());
    }

    [Fact]
    public void SafetensorsRoundTripRestoresEveryParameterAndBuffer()
    {
        var path = Path.Combine(Path.GetTempPath(), $"rootseg-{Guid.NewGuid():N}.safetensors");
        try
        {
            using var saved = new Sequential(new Conv2d(3, 4, 3), new ReLU(), new BatchNorm2d(4));
            using (var input = Tensor.RandN([2, 3, 6, 6], seed: 3))
            using (var output = saved.Forward(input))
            {
                // A training-mode forward moves the batch norm's running statistics away from their defaults.
            }
            saved.SaveSafetensors(path, new Dictionary<string, string> { ["network"] = "test" });

            using var loaded = new Sequential(new Conv2d(3, 4, 3), new ReLU(), new BatchNorm2d(4));
            loaded.LoadWeights(path);

            foreach (var ((name, expected), (_, actual)) in saved.StateDict().Zip(loaded.StateDict()))
            {
                Assert.True(expected.ToStored().ContentEquals(actual.ToStored()), $"{name} differs after loading");
            }
            Assert.Equal("test", SafetensorsFile.ReadMetadata(path)["network"]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void LoadingMismatchedWeightsNamesTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"rootseg-{Guid.NewGuid():N}.safetensors");
        try
        {
            using (var small = new Conv2d(3, 4, 3))
            {
                small.SaveSafetensors(path);
            }
            using var large = new Conv2d(3, 8, 3);
            var error = Assert.Throws<WeightFileException>(() => large.LoadWeights(path));
            Assert.Contains(path, error.Message);
            Assert.Contains("shape", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
