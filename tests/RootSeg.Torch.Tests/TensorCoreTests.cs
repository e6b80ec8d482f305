using RootSeg.Torch;

namespace RootSeg.Torch.Tests;

public sealed class TensorCoreTests : LeakCheckedTest
{
    [Fact]
    public void FloatArrayRoundTripsWithShapeTypeAndDevice()
    {
        float[] data = [1.5f, -2, 3.25f, 0, float.MaxValue, float.Epsilon];
        using var t = Tensor.FromArray(data, [2, 3]);
        Assert.Equal([2L, 3], t.Shape);
        Assert.Equal(ScalarType.Float32, t.DType);
        Assert.Equal(Device.Cpu, t.Device);
        Assert.Equal(6, t.NumberOfElements);
        Assert.Equal(data, t.ToArray<float>());
    }

    [Fact]
    public void Int64ByteBoolAndDoubleRoundTrip()
    {
        using var l = Tensor.FromArray(new long[] { long.MinValue, -1, 0, long.MaxValue }, [4]);
        using var b = Tensor.FromArray(new byte[] { 0, 7, 255 }, [3, 1]);
        using var z = Tensor.FromArray(new[] { true, false, true, true }, [2, 2]);
        using var d = Tensor.FromArray(new[] { Math.PI, -1e300 }, [2]);
        Assert.Equal(new long[] { long.MinValue, -1, 0, long.MaxValue }, l.ToArray<long>());
        Assert.Equal(ScalarType.UInt8, b.DType);
        Assert.Equal(new byte[] { 0, 7, 255 }, b.ToArray<byte>());
        Assert.Equal(new[] { true, false, true, true }, z.ToArray<bool>());
        Assert.Equal(new[] { Math.PI, -1e300 }, d.ToArray<double>());
    }

    [Fact]
    public void RawBytesRoundTripForEveryScalarType()
    {
        foreach (var dtype in Enum.GetValues<ScalarType>())
        {
            var bytes = Enumerable.Range(0, 6 * dtype.ElementSize()).Select(i => (byte)(i % 2 == 0 ? 1 : 0)).ToArray();
            if (dtype == ScalarType.Bool)
            {
                bytes = [1, 0, 1, 1, 0, 0];
            }
            using var t = Tensor.FromBytes(bytes, dtype, [3, 2]);
            Assert.Equal(dtype, t.DType);
            Assert.Equal(bytes, t.ToBytes());
        }
        using var half = Tensor.FromBytes([0x00, 0x3C], ScalarType.Float16, [1]);
        using var asFloat = half.To(ScalarType.Float32);
        Assert.Equal(1f, asFloat.Item());
        Assert.Equal("data", Assert.Throws<ArgumentException>(() => Tensor.FromBytes(new byte[3], ScalarType.Float32, [1])).ParamName);
    }

    [Fact]
    public void ScalarAndEmptyTensorsWork()
    {
        using var s = Tensor.Scalar(2.5);
        Assert.Empty(s.Shape);
        Assert.Equal(2.5, s.Item());
        using var e = Tensor.Zeros([0, 3]);
        Assert.Equal(0, e.NumberOfElements);
        Assert.Empty(e.ToArray<float>());
    }

    [Fact]
    public void FactoriesFillValues()
    {
        using var z = Tensor.Zeros([2, 2], ScalarType.Int64);
        using var o = Tensor.Ones([3]);
        using var f = Tensor.Full([2], -4.5);
        using var a = Tensor.Arange(0, 5, 2);
        using var lin = Tensor.Linspace(-1, 1, 5);
        Assert.Equal(new long[4], z.ToArray<long>());
        Assert.Equal(new[] { 1f, 1, 1 }, o.ToArray<float>());
        Assert.Equal(new[] { -4.5f, -4.5f }, f.ToArray<float>());
        Assert.Equal(new[] { 0f, 2, 4 }, a.ToArray<float>());
        Assert.Equal(new[] { -1f, -0.5f, 0, 0.5f, 1 }, lin.ToArray<float>());
    }

    [Fact]
    public void WrongDataLengthIsRejectedNamingTheArgument()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.FromArray(new float[5], [2, 3]));
        Assert.Equal("data", e.ParamName);
        Assert.Throws<ArgumentException>(() => Tensor.Zeros([2, -1]));
    }

    [Fact]
    public void ReadingAsTheWrongTypeThrows()
    {
        using var t = Tensor.Zeros([2]);
        Assert.Throws<InvalidOperationException>(() => t.ToArray<long>());
    }

    [Fact]
    public void ShapeErrorBecomesTorchExceptionAndTheProcessGoesOn()
    {
        using var a = Tensor.Ones([2, 3]);
        using var b = Tensor.Ones([4, 5]);
        var e = Assert.Throws<TorchException>(() => a.MatMul(b));
        Assert.Contains("shapes cannot be multiplied", e.Message);
        Assert.DoesNotContain("Exception raised from", e.Message);
        using var w = Tensor.Ones([4, 3, 3, 3]);
        using var x = Tensor.Ones([1, 2, 5, 5]);
        var conv = Assert.Throws<TorchException>(() => Functional.Conv2d(x, w));
        Assert.Contains("expected input[1, 2, 5, 5] to have 3 channels", conv.Message);
        using var c = a.Add(a);
        Assert.Equal(new[] { 2f, 2, 2, 2, 2, 2 }, c.ToArray<float>());
    }

    [Fact]
    public void UsingADisposedTensorThrowsObjectDisposed()
    {
        var t = Tensor.Ones([1]);
        t.Dispose();
        t.Dispose();
        Assert.True(t.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => t.ToArray<float>());
    }

    [Fact]
    public void LiveCountFollowsCreationAndDisposal()
    {
        var before = Tensor.LiveCount;
        var t = Tensor.Ones([3]);
        var u = t.Mul(2);
        Assert.Equal(before + 2, Tensor.LiveCount);
        t.Dispose();
        u.Dispose();
        Assert.Equal(before, Tensor.LiveCount);
    }

    [Fact]
    public void SeededRandomValuesMatchPyTorchGenerators()
    {
        using var n = Tensor.RandN([2, 3], seed: 5);
        using var r = Tensor.Rand([3, 2], seed: 6);
        Fixtures.AssertClose("random", "seeded_randn", n, 0, 0);
        Fixtures.AssertClose("random", "seeded_rand", r, 0, 0);
        Engine.ManualSeed(7);
        using var g = Tensor.RandN([2, 3]);
        Fixtures.AssertClose("random", "global_randn", g, 0, 0);
    }

    [Fact]
    public void RandIntStaysInRange()
    {
        using var t = Tensor.RandInt(3, 6, [1000], seed: 1);
        var values = t.ToArray<long>();
        Assert.All(values, v => Assert.InRange(v, 3, 5));
        Assert.Equal(3, values.Distinct().Count());
    }

    [Fact]
    public void DeviceParsesPyTorchSpellings()
    {
        Assert.Equal(Device.Cpu, Device.Parse("cpu"));
        Assert.Equal(Device.Cuda(0), Device.Parse("cuda"));
        Assert.Equal(Device.Cuda(1), Device.Parse("CUDA:1"));
        Assert.Equal("cuda:1", Device.Cuda(1).ToString());
        Assert.Throws<ArgumentException>(() => Device.Parse("gpu"));
        Assert.Throws<ArgumentException>(() => Device.Parse("cuda:-1"));
    }

    [Fact]
    public void MovingToCudaWithoutCudaThrowsTorchException()
    {
        if (Device.CudaAvailable)
        {
            using var t = Tensor.Ones([2], device: Device.Cuda());
            using var back = t.Cpu();
            Assert.Equal(new[] { 1f, 1 }, back.ToArray<float>());
            return;
        }
        using var cpu = Tensor.Ones([2]);
        Assert.Throws<TorchException>(() => cpu.To(Device.Cuda()));
        Assert.Equal(0, Device.CudaDeviceCount);
    }
}
