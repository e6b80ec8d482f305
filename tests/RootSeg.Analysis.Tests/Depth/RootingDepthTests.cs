using RootSeg.Analysis.Depth;

namespace RootSeg.Analysis.Tests.Depth;

public sealed class RootingDepthTests
{
    private const double Tolerance = 1e-12;

    private static readonly (double, double, double)[] ThreeBands = [(0, 10, 10), (10, 20, 30), (20, 30, 60)];

    [Theory]
    // Total 100; D50: 40 above band 3, (50 - 40) / 60 of its 10 mm -> 21.667. D95: 20 + 55/60 x 10.
    [InlineData(0.5, 20 + 10.0 / 60 * 10)]
    [InlineData(0.95, 20 + 55.0 / 60 * 10)]
    // 10% of 100 is exactly the length of band 1: its bottom.
    [InlineData(0.1, 10)]
    [InlineData(1.0, 30)]
    public void HandComputedCases(double fraction, double expected) =>
        Assert.Equal(expected, RootingDepth.Compute(ThreeBands, fraction), Tolerance);

    [Fact]
    public void OrderOfBandsDoesNotMatterAndEmptyBandsAreSkipped()
    {
        // 50 in 10-20 and 50 in 30-40: D50 is the bottom of 10-20; D95 = 30 + 45/50 x 10.
        (double, double, double)[] bands = [(30, 40, 50), (0, 10, 0), (20, 30, 0), (10, 20, 50)];
        Assert.Equal(20, RootingDepth.Compute(bands, 0.5), Tolerance);
        Assert.Equal(39, RootingDepth.Compute(bands, 0.95), Tolerance);
    }

    [Fact]
    public void NoRootsGivesNaN()
    {
        Assert.True(double.IsNaN(RootingDepth.Compute([(0, 10, 0)], 0.5)));
        Assert.True(double.IsNaN(RootingDepth.Compute([], 0.5)));
    }

    [Fact]
    public void BadInputsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RootingDepth.Compute(ThreeBands, 0));
        Assert.Throws<ArgumentException>(() => RootingDepth.Compute([(0, 10, 1), (5, 15, 1)], 0.5));
        Assert.Throws<ArgumentException>(() => RootingDepth.Compute([(0, 10, -1)], 0.5));
        Assert.Throws<ArgumentException>(() => RootingDepth.Compute([(10, 10, 1)], 0.5));
    }
}
