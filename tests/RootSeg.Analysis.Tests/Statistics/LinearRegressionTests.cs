using RootSeg.Analysis.Statistics;

namespace RootSeg.Analysis.Tests.Statistics;

public sealed class LinearRegressionTests
{
    public static TheoryData<string> Cases() => new(ScipyFixture.Names());

    [Theory]
    [MemberData(nameof(Cases))]
    public void FitMatchesScipyLinregress(string name)
    {
        var c = ScipyFixture.Case(name);
        var fit = LinearRegression.Fit(ScipyFixture.Values(c, "x"), ScipyFixture.Values(c, "y"));
        CorrelationTests.AssertRelative(ScipyFixture.Number(c, "linregress", "slope"), fit.Slope, 1e-11);
        CorrelationTests.AssertRelative(ScipyFixture.Number(c, "linregress", "intercept"), fit.Intercept, 1e-10);
        Assert.Equal(ScipyFixture.Number(c, "linregress", "r"), fit.R, 1e-12);
        CorrelationTests.AssertRelative(ScipyFixture.Number(c, "linregress", "p"), fit.PValue, 1e-8);
        CorrelationTests.AssertRelative(ScipyFixture.Number(c, "linregress", "stderr"), fit.StandardError, 1e-10);
        CorrelationTests.AssertRelative(ScipyFixture.Number(c, "linregress", "intercept_stderr"), fit.InterceptStandardError, 1e-10);
    }

    [Fact]
    public void TextbookHeightWeightExample()
    {
        // Wikipedia, "Simple linear regression", numerical example (average mass of women by height, from The World
        // Almanac and Book of Facts, 1975): slope 61.272, intercept -39.062, r 0.9945, standard errors 1.776, 2.938.
        double[] height = [1.47, 1.50, 1.52, 1.55, 1.57, 1.60, 1.63, 1.65, 1.68, 1.70, 1.73, 1.75, 1.78, 1.80, 1.83];
        double[] mass = [52.21, 53.12, 54.48, 55.84, 57.20, 58.57, 59.93, 61.29, 63.11, 64.47, 66.28, 68.10, 69.92, 72.19, 74.46];
        var fit = LinearRegression.Fit(height, mass);
        Assert.Equal(61.272, fit.Slope, 3);
        Assert.Equal(-39.062, fit.Intercept, 3);
        Assert.Equal(0.9946, fit.R, 4);
        Assert.Equal(1.776, fit.StandardError, 3);
        Assert.Equal(2.938, fit.InterceptStandardError, 3);
        Assert.True(fit.PValue < 1e-13);
        Assert.Equal(fit.R * fit.R, fit.RSquared);
        Assert.Equal(-39.062 + 61.272 * 1.6, fit.Predict(1.6), 2);
    }

    [Fact]
    public void ExactLineHasZeroErrorsAndConstantYHasSlopeZero()
    {
        var exact = LinearRegression.Fit([0, 1, 2, 3], [1, 3, 5, 7]);
        Assert.Equal(2.0, exact.Slope, 12);
        Assert.Equal(1.0, exact.Intercept, 12);
        Assert.Equal(1.0, exact.R, 12);
        Assert.Equal(0.0, exact.PValue);
        Assert.Equal(0.0, exact.StandardError, 12);

        var flat = LinearRegression.Fit([0, 1, 2, 3], [5, 5, 5, 5]);
        Assert.Equal(0.0, flat.Slope, 12);
        Assert.Equal(0.0, flat.R);
        Assert.Equal(1.0, flat.PValue, 12);
    }

    [Fact]
    public void TwoPointsFollowScipy()
    {
        var fit = LinearRegression.Fit([1, 3], [2, 6]);
        Assert.Equal(2.0, fit.Slope, 12);
        Assert.Equal(0.0, fit.PValue);
        Assert.Equal(0.0, fit.StandardError);
        Assert.Equal(1.0, LinearRegression.Fit([1, 3], [2, 2]).PValue);
    }

    [Fact]
    public void EqualXIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => LinearRegression.Fit([2, 2, 2], [1, 2, 3]));
        Assert.Equal("x", e.ParamName);
        Assert.Contains("all x values are equal", e.Message);
    }
}
