using RootSeg.Analysis.Statistics;

namespace RootSeg.Analysis.Tests.Statistics;

public sealed class CorrelationTests
{
    public static TheoryData<string> Cases() => new(ScipyFixture.Names());

    [Theory]
    [MemberData(nameof(Cases))]
    public void SpearmanMatchesScipy(string name)
    {
        var c = ScipyFixture.Case(name);
        var result = Correlation.Spearman(ScipyFixture.Values(c, "x"), ScipyFixture.Values(c, "y"));
        Assert.Equal(ScipyFixture.Number(c, "spearman", "rho"), result.Coefficient, 1e-12);
        AssertRelative(ScipyFixture.Number(c, "spearman", "p"), result.PValue, 1e-9);
        Assert.Equal(ScipyFixture.Values(c, "x").Length, result.N);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void PearsonMatchesScipy(string name)
    {
        var c = ScipyFixture.Case(name);
        var result = Correlation.Pearson(ScipyFixture.Values(c, "x"), ScipyFixture.Values(c, "y"));
        Assert.Equal(ScipyFixture.Number(c, "pearson", "r"), result.Coefficient, 1e-12);
        AssertRelative(ScipyFixture.Number(c, "pearson", "p"), result.PValue, 1e-9);
    }

    [Fact]
    public void SpearmanTextbookExample()
    {
        // IQ against hours of television per week (Wikipedia, "Spearman's rank correlation coefficient"):
        // sum of squared rank differences 194, so rho = 1 - 6 x 194 / (10 x 99) = -29/165.
        double[] iq = [106, 100, 86, 101, 99, 103, 97, 113, 112, 110];
        double[] tv = [7, 27, 2, 50, 28, 29, 20, 12, 6, 17];
        var result = Correlation.Spearman(iq, tv);
        Assert.Equal(-29.0 / 165, result.Coefficient, 14);
        Assert.Equal(0.6272, result.PValue, 4);
    }

    [Fact]
    public void TiesShareTheirAverageRank()
    {
        Assert.Equal([1.0, 2.5, 2.5, 4, 6, 6, 6], Correlation.AverageRanks([1, 5, 5, 7, 9, 9, 9]));
        Assert.Equal([3.0, 1, 2], Correlation.AverageRanks([30, -1, 0]));
    }

    [Fact]
    public void MonotoneRelationsHaveRhoOneAndPZero()
    {
        double[] x = [1, 2, 3, 4, 5, 6];
        var up = Correlation.Spearman(x, x.Select(v => Math.Exp(v)).ToArray());
        Assert.Equal(1.0, up.Coefficient);
        Assert.Equal(0.0, up.PValue);
        var down = Correlation.Spearman(x, x.Select(v => -v * v * v).ToArray());
        Assert.Equal(-1.0, down.Coefficient);
    }

    [Fact]
    public void SpearmanIsInvariantToMonotoneTransforms()
    {
        var c = ScipyFixture.Case("normal_25");
        var x = ScipyFixture.Values(c, "x");
        var y = ScipyFixture.Values(c, "y");
        var plain = Correlation.Spearman(x, y);
        var transformed = Correlation.Spearman(x.Select(Math.Exp).ToArray(), y.Select(v => 3 * v - 7).ToArray());
        Assert.Equal(plain, transformed);
    }

    [Fact]
    public void ConstantSampleOrTooFewPairsGiveNaN()
    {
        var constant = Correlation.Spearman([1, 2, 3], [4, 4, 4]);
        Assert.True(double.IsNaN(constant.Coefficient));
        Assert.True(double.IsNaN(constant.PValue));
        var two = Correlation.Pearson([1, 2], [3, 5]);
        Assert.Equal(1.0, two.Coefficient, 12);
        Assert.True(double.IsNaN(two.PValue));
    }

    [Fact]
    public void BadSamplesAreRejectedNamingTheArgument()
    {
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => Correlation.Spearman([1, 2, 3], [1, 2])).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => Correlation.Pearson([1], [1])).ParamName);
        var e = Assert.Throws<ArgumentException>(() => Correlation.Spearman([1, double.NaN, 3], [1, 2, 3]));
        Assert.Equal("x", e.ParamName);
        Assert.Contains("x[1]", e.Message);
    }

    internal static void AssertRelative(double expected, double actual, double tolerance)
    {
        var scale = Math.Max(Math.Abs(expected), 1e-300);
        Assert.True(Math.Abs(expected - actual) <= tolerance * scale, $"expected {expected:R}, got {actual:R}");
    }
}
