using RootSeg.Baseline.Frangi;

namespace RootSeg.Baseline.Tests.Frangi;

public class ProbabilisticRoundingTests
{
    [Theory]
    [InlineData(2.3, 0.29, 3)]
    [InlineData(2.3, 0.31, 2)]
    [InlineData(4.0, 0.0, 4)]
    [InlineData(4.0, 0.999, 4)]
    [InlineData(-1.25, 0.7, -1)]
    [InlineData(-1.25, 0.8, -2)]
    public void RoundsUpExactlyWhenTheDrawIsBelowTheFraction(double x, double uniform, int expected) =>
        Assert.Equal(expected, ProbabilisticRounding.Round(x, uniform));

    [Fact]
    public void ExpectationEqualsTheNumber()
    {
        // Over many candidates the rounded value averages to the real one: this is what removes the plateaus.
        var sum = 0.0;
        const int count = 20_000;
        for (var i = 0; i < count; i++)
        {
            double[] point = [i * 1e-5, 0.25];
            sum += ProbabilisticRounding.Round(3.7, ProbabilisticRounding.Uniform(9, point, 0));
        }
        // Standard error sqrt(0.7 x 0.3 / 2e4) = 0.0032.
        Assert.Equal(3.7, sum / count, 0.016);
    }

    [Fact]
    public void DrawsAreFixedByPointSeedAndStreamAndDifferOtherwise()
    {
        double[] point = [0.1, 0.2, 0.3];
        var a = ProbabilisticRounding.Uniform(5, point, 0);
        Assert.Equal(a, ProbabilisticRounding.Uniform(5, point, 0));
        Assert.NotEqual(a, ProbabilisticRounding.Uniform(6, point, 0));
        Assert.NotEqual(a, ProbabilisticRounding.Uniform(5, point, 1));
        Assert.NotEqual(a, ProbabilisticRounding.Uniform(5, [0.1, 0.2, 0.30000000000000004], 0));
        Assert.InRange(a, 0.0, 1.0);
    }

    [Fact]
    public void NonFiniteIsRejected() =>
        Assert.Equal("x", Assert.Throws<ArgumentOutOfRangeException>(() =>
            ProbabilisticRounding.Round(double.NaN, 0.5)).ParamName);
}
