using RootSeg.Baseline.Frangi;

namespace RootSeg.Baseline.Tests.Frangi;

public class FrangiParameterSpaceTests
{
    [Fact]
    public void CornersMapToTheEndsOfEveryRange()
    {
        var low = FrangiParameterSpace.ToParameters([0, 0, 0, 0, 0], 1);
        Assert.Equal(new FrangiParameters(1, FrangiParameterSpace.Beta1Min, FrangiParameterSpace.Beta2Min,
            FrangiParameterSpace.ThresholdMin, 0), low);
        var high = FrangiParameterSpace.ToParameters([1, 1, 1, 1, 1], 1);
        Assert.Equal(6, high.MaxSigma);
        Assert.Equal(FrangiParameterSpace.Beta1Max, high.Beta1, 1e-12);
        Assert.Equal(FrangiParameterSpace.Beta2Max, high.Beta2, 1e-12);
        Assert.Equal(FrangiParameterSpace.ThresholdMax, high.Threshold, 1e-12);
        Assert.Equal(4095, high.MinObjectSize);
    }

    [Fact]
    public void ToUnitInvertsTheMapping()
    {
        var parameters = new FrangiParameters(4, 0.5, 0.06, 0.05, 255);
        var back = FrangiParameterSpace.ToParameters(FrangiParameterSpace.ToUnit(parameters), 3);
        Assert.Equal(parameters.MaxSigma, back.MaxSigma);
        Assert.Equal(parameters.Beta1, back.Beta1, 1e-12);
        Assert.Equal(parameters.Beta2, back.Beta2, 1e-12);
        Assert.Equal(parameters.Threshold, back.Threshold, 1e-12);
        Assert.Equal(parameters.MinObjectSize, back.MinObjectSize);
    }

    [Fact]
    public void BetweenIntegersTheScaleIsRoundedBothWaysInProportion()
    {
        // u0 = 0.35 is max sigma 2.75: rounded up to 3 about three times in four.
        var counts = new int[7];
        for (var i = 0; i < 4000; i++)
        {
            counts[FrangiParameterSpace.ToParameters([0.35, 0.5, 0.5, 0.5, i / 4000.0], 1).MaxSigma]++;
        }
        Assert.Equal(4000, counts[2] + counts[3]);
        Assert.InRange(counts[3] / 4000.0, 0.72, 0.78);
    }

    [Theory]
    [InlineData(new[] { 0.5, 0.5, 0.5, 0.5 })]
    [InlineData(new[] { 0.5, 0.5, 0.5, 0.5, 1.5 })]
    [InlineData(new[] { -0.1, 0.5, 0.5, 0.5, 0.5 })]
    [InlineData(new[] { double.NaN, 0.5, 0.5, 0.5, 0.5 })]
    public void PointsOutsideTheCubeAreRejected(double[] u) =>
        Assert.Equal("u", Assert.Throws<ArgumentException>(() => FrangiParameterSpace.ToParameters(u, 1)).ParamName);

    [Theory]
    [InlineData(0, 0.5, 0.5, 0.1, 0, "MaxSigma")]
    [InlineData(7, 0.5, 0.5, 0.1, 0, "MaxSigma")]
    [InlineData(2, 0.0, 0.5, 0.1, 0, "Beta1")]
    [InlineData(2, 0.5, double.NaN, 0.1, 0, "Beta2")]
    [InlineData(2, 0.5, 0.5, 1.0, 0, "Threshold")]
    [InlineData(2, 0.5, 0.5, 0.1, -1, "MinObjectSize")]
    public void ParametersOutOfRangeAreNamed(int maxSigma, double beta1, double beta2, double threshold, int minSize,
        string name)
    {
        var e = Assert.Throws<ArgumentException>(() =>
            new FrangiParameters(maxSigma, beta1, beta2, threshold, minSize).Validate("p.json"));
        Assert.Contains(name, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("p.json", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SigmasDoubleFromOneAsInThePapersCode() =>
        Assert.Equal([1.0, 2.0, 4.0], new FrangiParameters(3, 0.5, 0.1, 0.1, 0).Sigmas());
}
