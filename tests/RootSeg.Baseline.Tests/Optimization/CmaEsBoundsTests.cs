using System.Collections.Concurrent;
using RootSeg.Baseline.Optimization;

namespace RootSeg.Baseline.Tests.Optimization;

public class CmaEsBoundsTests
{
    [Fact]
    public void EveryCandidateIsInsideTheBoxAndTheBoundaryOptimumIsFound()
    {
        // The sphere centred at -1 restricted to [0, 5]^5 has its minimum at the corner 0; the unconstrained
        // search would leave the box at once, so every candidate handed out exercises the repair.
        var seen = new ConcurrentBag<double[]>();
        var options = new CmaEsOptions
        {
            Seed = 7,
            LowerBounds = [0, 0, 0, 0, 0],
            UpperBounds = [5, 5, 5, 5, 5],
            MaxEvaluations = 3000,
            MaxDegreeOfParallelism = 2,
        };
        var result = CmaEs.Minimize(x =>
        {
            seen.Add(x);
            return x.Sum(v => (v + 1) * (v + 1));
        }, [1, 1, 1, 1, 1], 2, options);
        Assert.Equal(result.Evaluations, seen.Count);
        Assert.All(seen, x => Assert.All(x, v => Assert.InRange(v, 0.0, 5.0)));
        Assert.All(result.BestX, v => Assert.Equal(0, v, 1e-6));
        Assert.Equal(5, result.BestValue, 1e-5);
        Assert.All(result.Mean, v => Assert.InRange(v, 0.0, 5.0));
    }

    [Fact]
    public void OneSidedBoundsKeepCandidatesFeasible()
    {
        var seen = new ConcurrentBag<double[]>();
        var options = new CmaEsOptions
        {
            Seed = 3,
            LowerBounds = [double.NegativeInfinity, 2],
            UpperBounds = [-3, double.PositiveInfinity],
            MaxEvaluations = 1500,
        };
        var result = CmaEs.Minimize(x =>
        {
            seen.Add(x);
            return TestFunctions.Sphere(x);
        }, [-4, 3], 1, options);
        Assert.All(seen, x =>
        {
            Assert.True(x[0] <= -3, $"x0 = {x[0]}");
            Assert.True(x[1] >= 2, $"x1 = {x[1]}");
        });
        Assert.Equal(-3, result.BestX[0], 1e-6);
        Assert.Equal(2, result.BestX[1], 1e-6);
    }

    [Fact]
    public void InteriorOptimumIsUnaffectedByBounds()
    {
        var options = new CmaEsOptions
        {
            Seed = 5, LowerBounds = [-1, -1, -1], UpperBounds = [1, 1, 1], TargetValue = 1e-10, MaxEvaluations = 2000,
        };
        var result = CmaEs.Minimize(x => TestFunctions.Sphere(x.Select(v => v - 0.3).ToArray()), [0, 0, 0], 0.5,
            options);
        Assert.Equal(CmaEsStopReason.TargetValue, result.StopReason);
        Assert.All(result.BestX, v => Assert.Equal(0.3, v, 1e-4));
    }
}
