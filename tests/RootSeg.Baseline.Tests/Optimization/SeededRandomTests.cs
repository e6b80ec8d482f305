using RootSeg.Baseline.Optimization;

namespace RootSeg.Baseline.Tests.Optimization;

public class SeededRandomTests
{
    [Fact]
    public void RestoredStateContinuesTheSequence()
    {
        var a = new SeededRandom(123);
        for (var i = 0; i < 10; i++)
        {
            a.NextUInt64();
        }
        var b = new SeededRandom(a.State);
        Assert.Equal(Enumerable.Range(0, 20).Select(_ => a.NextGaussian()), Enumerable.Range(0, 20).Select(_ => b.NextGaussian()));
    }

    [Fact]
    public void GaussianDeviatesHaveUnitMomentsWithinSamplingError()
    {
        var random = new SeededRandom(1);
        var samples = Enumerable.Range(0, 200_000).Select(_ => random.NextGaussian()).ToArray();
        var mean = samples.Average();
        var variance = samples.Average(v => (v - mean) * (v - mean));
        // Standard errors: 1 / sqrt(2e5) = 0.0022 for the mean, sqrt(2 / 2e5) = 0.0032 for the variance.
        Assert.Equal(0, mean, 0.011);
        Assert.Equal(1, variance, 0.016);
        Assert.All(Enumerable.Range(0, 1000).Select(_ => random.NextDouble()), u => Assert.InRange(u, 0.0, 0.9999999999));
    }

    [Fact]
    public void AllZeroStateIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new SeededRandom(new ulong[4]));
        Assert.Equal("state", e.ParamName);
    }
}
