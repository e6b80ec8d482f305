using RootSeg.Baseline.Optimization;

namespace RootSeg.Baseline.Tests.Optimization;

public class CmaEsValidationTests
{
    [Fact]
    public void DefaultStrategyParametersMatchTheTutorial()
    {
        // Hansen's reference implementation reports "(5_w,10)-CMA-ES (mu_w=3.2,w_1=45%)" in 10-D.
        var p = new CmaEsParameters(10, 0);
        Assert.Equal(10, p.Lambda);
        Assert.Equal(5, p.Mu);
        Assert.Equal(1, p.Weights.Sum(), 1e-12);
        Assert.Equal(0.456, p.Weights[0], 3);
        Assert.Equal(3.17, p.MuEff, 2);
        Assert.True(p.Weights.Zip(p.Weights.Skip(1)).All(w => w.First > w.Second));
        Assert.Equal(Math.Sqrt(10) * (1 - 1 / 40.0 + 1 / 2100.0), p.ChiN, 12);
        Assert.InRange(p.C1 + p.CMu, 0, 1);
    }

    [Fact]
    public void StartOutsideTheBoundsIsRejectedNamingTheCoordinate()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            new CmaEs([0.5, 2], 0.1, new CmaEsOptions { LowerBounds = [0, 0], UpperBounds = [1, 1] }));
        Assert.Equal("x0", e.ParamName);
        Assert.Contains("coordinate 1", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void NonPositiveStepSizeIsRejected(double sigma)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new CmaEs([0.0], sigma));
        Assert.Equal("sigma0", e.ParamName);
    }

    [Fact]
    public void EmptyOrNonFiniteStartIsRejected()
    {
        Assert.Equal("x0", Assert.Throws<ArgumentException>(() => new CmaEs([], 1)).ParamName);
        Assert.Equal("x0", Assert.Throws<ArgumentException>(() => new CmaEs([double.NaN], 1)).ParamName);
    }

    [Fact]
    public void BoundsOfTheWrongLengthOrCrossedAreRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new CmaEs([0.0, 0.0], 1, new CmaEsOptions { LowerBounds = [0] }));
        Assert.Contains("LowerBounds", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() =>
            new CmaEs([0.0], 1, new CmaEsOptions { LowerBounds = [1], UpperBounds = [1] }));
        Assert.Contains("coordinate 0", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TellNeedsAskAndTheRightCount()
    {
        var es = new CmaEs([0.0, 0.0], 1);
        Assert.Throws<InvalidOperationException>(() => es.Tell([1.0]));
        var candidates = es.Ask();
        Assert.Throws<InvalidOperationException>(() => es.Ask());
        Assert.Throws<InvalidOperationException>(() => es.SaveState());
        var e = Assert.Throws<ArgumentException>(() => es.Tell([1.0]));
        Assert.Equal("values", e.ParamName);
        es.Tell(candidates.Select(TestFunctions.Sphere).ToArray());
        Assert.Equal(1, es.Generation);
    }

    [Fact]
    public void NaNValuesRankLast()
    {
        // Half of the space returns NaN; the search must still find the minimum in the other half.
        var result = CmaEs.Minimize(x => x[0] < 0 ? double.NaN : TestFunctions.Sphere([x[0] - 1, x[1]]), [2, 2], 0.5,
            new CmaEsOptions { Seed = 11, TargetValue = 1e-8, MaxEvaluations = 3000 });
        Assert.Equal(CmaEsStopReason.TargetValue, result.StopReason);
        Assert.Equal(1, result.BestX[0], 1e-3);
    }
}
