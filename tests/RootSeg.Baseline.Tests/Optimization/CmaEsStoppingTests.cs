using RootSeg.Baseline.Optimization;

namespace RootSeg.Baseline.Tests.Optimization;

public class CmaEsStoppingTests
{
    [Fact]
    public void BudgetStopsTheRunAtTheFirstGenerationReachingIt()
    {
        var result = CmaEs.Minimize(TestFunctions.Ellipsoid, [1, 1, 1, 1], 1,
            new CmaEsOptions { MaxEvaluations = 95 });
        Assert.Equal(CmaEsStopReason.MaxEvaluations, result.StopReason);
        // lambda = 4 + floor(3 ln 4) = 8: 12 generations make 96 evaluations.
        Assert.Equal(96, result.Evaluations);
        Assert.Equal(12, result.Generations);
    }

    [Fact]
    public void TolFunStopsOnAFlatFunction()
    {
        var result = CmaEs.Minimize(_ => 1.0, [0, 0, 0], 1, new CmaEsOptions { MaxEvaluations = 100_000 });
        Assert.Equal(CmaEsStopReason.TolFun, result.StopReason);
        // 10 + ceil(30 n / lambda) = 10 + ceil(90 / 7) = 23 generations of history are needed first.
        Assert.Equal(23, result.Generations);
    }

    [Fact]
    public void TolXStopsWhenTheStepsAreSmall()
    {
        var result = CmaEs.Minimize(TestFunctions.Sphere, [1, 1], 0.3,
            new CmaEsOptions { TolFun = 0, TolX = 1e-6, MaxEvaluations = 100_000 });
        Assert.Equal(CmaEsStopReason.TolX, result.StopReason);
        Assert.True(result.BestValue < 1e-10, $"best {result.BestValue}");
    }

    [Fact]
    public void StagnationStopsOnPureNoise()
    {
        var random = new Random(5);
        var noise = new Queue<double>(Enumerable.Range(0, 100_000).Select(_ => random.NextDouble()));
        var result = CmaEs.Minimize(_ => noise.Dequeue(), [0, 0, 0], 1,
            new CmaEsOptions { TolFun = 0, TolX = 0, MaxEvaluations = 50_000 });
        Assert.Equal(CmaEsStopReason.Stagnation, result.StopReason);
        Assert.True(result.Generations >= 120, $"stopped after {result.Generations} generations");
    }

    [Fact]
    public void AskAfterStopThrows()
    {
        var es = new CmaEs([1.0], 1, new CmaEsOptions { MaxEvaluations = 1 });
        es.Tell(es.Ask().Select(TestFunctions.Sphere).ToArray());
        Assert.Equal(CmaEsStopReason.MaxEvaluations, es.StopReason);
        Assert.Throws<InvalidOperationException>(() => es.Ask());
    }
}
