using RootSeg.Torch;

namespace RootSeg.Torch.Tests;

public sealed class RandomGeneratorTests : LeakCheckedTest
{
    private readonly long _generatorsAtStart = RandomGenerator.LiveCount;

    public override void Dispose()
    {
        Assert.Equal(_generatorsAtStart, RandomGenerator.LiveCount);
        base.Dispose();
    }

    [Fact]
    public void CpuGeneratorDrawsWhatASeededTorchGeneratorDraws()
    {
        // Tensor.Rand/RandN with a seed are torch.rand/randn(generator=torch.Generator().manual_seed(seed)).
        using var generator = new RandomGenerator(Device.Cpu, 1234);
        using var uniform = generator.Rand([3, 5]);
        using var expectedUniform = Tensor.Rand([3, 5], seed: 1234);
        Assert.Equal(expectedUniform.ToArray<float>(), uniform.ToArray<float>());
        generator.Reseed(99);
        using var normal = generator.RandN([17], ScalarType.Float64);
        using var expectedNormal = Tensor.RandN([17], seed: 99, dtype: ScalarType.Float64);
        Assert.Equal(expectedNormal.ToArray<double>(), normal.ToArray<double>());
    }

    [Fact]
    public void DrawsContinueTheSequenceAndReseedingRestartsIt()
    {
        using var generator = new RandomGenerator(Device.Cpu, 5);
        using var first = generator.Rand([64]);
        using var second = generator.Rand([64]);
        Assert.NotEqual(first.ToArray<float>(), second.ToArray<float>());
        generator.Reseed(5);
        using var again = generator.Rand([64]);
        Assert.Equal(first.ToArray<float>(), again.ToArray<float>());
    }

    [Fact]
    public void UsingAGeneratorLeavesTheDefaultGeneratorAlone()
    {
        Engine.ManualSeed(3);
        using var before = Tensor.Rand([8]);
        Engine.ManualSeed(3);
        using (var generator = new RandomGenerator(Device.Cpu, 3))
        using (generator.RandN([100]))
        {
        }
        using var after = Tensor.Rand([8]);
        Assert.Equal(before.ToArray<float>(), after.ToArray<float>());
    }

    [Fact]
    public void UniformValuesLieInTheUnitIntervalWithTheRightMoments()
    {
        using var generator = new RandomGenerator(Device.Cpu, 11);
        var values = generator.Rand([20000]).ToArrayAndDispose();
        Assert.All(values, v => Assert.InRange(v, 0f, 0.99999994f));
        // Mean 1/2 and variance 1/12, with about five standard errors of room.
        Assert.InRange(values.Average(), 0.5 - 0.011, 0.5 + 0.011);
        var variance = values.Select(v => (v - 0.5) * (v - 0.5)).Average();
        Assert.InRange(variance, 1.0 / 12 - 0.003, 1.0 / 12 + 0.003);
    }

    [Fact]
    public void BernoulliHitsWithTheGivenProbabilities()
    {
        using var generator = new RandomGenerator(Device.Cpu, 2);
        using var scope = TensorScope.Enter();
        var p = Tensor.FromArray(new[] { 0f, 1f, 0.25f }, [3, 1]).Expand(3, 8000).Contiguous();
        var hits = generator.Bernoulli(p).ToArray<float>();
        Assert.Equal(0, hits.Take(8000).Sum());
        Assert.Equal(8000, hits.Skip(8000).Take(8000).Sum());
        // 0.25 x 8000 = 2000 with a standard deviation of 39.
        Assert.InRange(hits.Skip(16000).Sum(), 2000 - 200, 2000 + 200);
    }

    [Fact]
    public void BadArgumentsGiveOneClearError()
    {
        using var generator = new RandomGenerator(Device.Cpu, 1);
        var integer = Assert.Throws<TorchException>(() => generator.Rand([2], ScalarType.Int64));
        Assert.Contains("floating-point", integer.Message);
        Assert.Throws<ArgumentException>(() => generator.Rand([-1]));
        using var outOfRange = Tensor.FromArray(new[] { 1.5f }, [1]);
        Assert.Throws<TorchException>(() => generator.Bernoulli(outOfRange));
        generator.Dispose();
        Assert.Throws<ObjectDisposedException>(() => generator.Rand([1]));
    }

    [Fact]
    public void HostTensorsCanBeOverwrittenAndCopiedWithoutWaiting()
    {
        using var host = Tensor.Empty([2, 3], ScalarType.UInt8);
        host.Write<byte>([1, 2, 3, 4, 5, 250]);
        Assert.False(host.IsPinned);
        using var copy = host.ToAsync(Device.Cpu);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 250 }, copy.ToArray<byte>());
        Assert.Throws<TorchException>(() => host.Write<byte>([1, 2, 3]));
        Assert.Throws<TorchException>(() => host.Write<float>([1, 2, 3, 4, 5, 6]));
        if (!Device.CudaAvailable)
        {
            Assert.Throws<TorchException>(() => Tensor.EmptyPinned([4], ScalarType.UInt8));
        }
    }
}

internal static class TensorTestExtensions
{
    public static float[] ToArrayAndDispose(this Tensor tensor)
    {
        using (tensor)
        {
            return tensor.ToArray<float>();
        }
    }
}
