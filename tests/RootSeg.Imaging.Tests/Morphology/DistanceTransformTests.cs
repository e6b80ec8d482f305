using RootSeg.Imaging.Morphology;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Imaging.Tests.Morphology;

public class DistanceTransformTests
{
    private const double Tolerance = 1e-6;

    [Theory]
    [InlineData("edt", 1.0, 1.0)]
    [InlineData("edt_sampling_1.5_0.7", 1.5, 0.7)]
    public void MatchesScipyWithinTolerance(string reference, double rowSpacing, double columnSpacing)
    {
        var checkedCases = 0;
        foreach (var fixture in AlgFixtures.MaskCases().Where(c => c.TryGetProperty(reference, out _)))
        {
            using var mask = AlgFixtures.Mask(fixture);
            using var distance = DistanceTransform.Euclidean(mask, rowSpacing, columnSpacing);
            var expected = AlgFixtures.Doubles(fixture, reference);
            var actual = AlgFixtures.Flatten(distance);
            for (var i = 0; i < expected.Length; i++)
            {
                Assert.True(Math.Abs(expected[i] - actual[i]) <= Tolerance,
                    $"{AlgFixtures.Name(fixture)} pixel {i}: {actual[i]} vs scipy {expected[i]}");
            }
            checkedCases++;
        }
        Assert.True(checkedCases >= 10);
    }

    [Fact]
    public void NoBackgroundMeansInfiniteDistance()
    {
        using var mask = new Raster<byte>(5, 3);
        mask.Data.Fill(1);
        using var distance = DistanceTransform.Euclidean(mask);
        Assert.All(AlgFixtures.Flatten(distance), d => Assert.True(double.IsPositiveInfinity(d)));
    }

    [Fact]
    public void FarCornerOfLargeImageIsExact()
    {
        using var mask = new Raster<byte>(300, 200);
        mask.Data.Fill(1);
        mask[0, 0] = 0;
        using var distance = DistanceTransform.Euclidean(mask);
        Assert.Equal(Math.Sqrt(299.0 * 299 + 199.0 * 199), distance[299, 199], 12);
        Assert.Equal(0.0, distance[0, 0]);
        Assert.Equal(Math.Sqrt(2), distance[1, 1], 12);
    }

    [Fact]
    public void RejectsBadSpacing()
    {
        using var mask = new Raster<byte>(3, 3);
        Assert.Equal("rowSpacing",
            Assert.Throws<ArgumentOutOfRangeException>(() => DistanceTransform.Euclidean(mask, 0, 1)).ParamName);
        Assert.Equal("columnSpacing",
            Assert.Throws<ArgumentOutOfRangeException>(() => DistanceTransform.Euclidean(mask, 1, double.NaN)).ParamName);
    }
}
