using RootSeg.Imaging.Morphology;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Imaging.Tests.Morphology;

public class SmallObjectsTests
{
    [Theory]
    [InlineData(5, Connectivity.Four, "remove4_min5")]
    [InlineData(5, Connectivity.Eight, "remove8_min5")]
    [InlineData(1, Connectivity.Four, "remove4_min1")]
    [InlineData(30, Connectivity.Four, "remove4_min30")]
    public void MatchesScikitImagePixelForPixel(int minSize, Connectivity connectivity, string reference)
    {
        foreach (var fixture in AlgFixtures.MaskCases())
        {
            using var mask = AlgFixtures.Mask(fixture);
            using var kept = SmallObjects.Remove(mask, minSize, connectivity);
            AlgFixtures.Identical(AlgFixtures.Ints(fixture, reference), AlgFixtures.Flatten(kept).Select(v => (int)v).ToArray(),
                mask.Width, $"{AlgFixtures.Name(fixture)} min {minSize} {connectivity}");
        }
    }

    [Fact]
    public void KeepsTheInputValuesAndLeavesTheInputUnchanged()
    {
        using var mask = new Raster<byte>(6, 3);
        mask[0, 0] = 200;
        for (var x = 2; x < 6; x++)
        {
            mask[x, 1] = 255;
        }
        var before = AlgFixtures.Flatten(mask);
        using var kept = SmallObjects.Remove(mask, 4);
        Assert.Equal(0, kept[0, 0]);
        Assert.Equal(255, kept[5, 1]);
        Assert.Equal(before, AlgFixtures.Flatten(mask));
    }

    [Fact]
    public void ComponentOfExactlyMinSizeIsKept()
    {
        using var mask = new Raster<byte>(5, 1);
        mask[0, 0] = mask[1, 0] = mask[2, 0] = 1;
        using var three = SmallObjects.Remove(mask, 3);
        using var four = SmallObjects.Remove(mask, 4);
        Assert.Equal(1, three[2, 0]);
        Assert.Equal(0, four[2, 0]);
    }

    [Fact]
    public void DefaultConnectivityIsFourLikeScikitImage()
    {
        using var mask = new Raster<byte>(2, 2);
        mask[0, 0] = mask[1, 1] = 1;
        using var byDefault = SmallObjects.Remove(mask, 2);
        using var eight = SmallObjects.Remove(mask, 2, Connectivity.Eight);
        Assert.Equal(0, byDefault[0, 0]);
        Assert.Equal(1, eight[0, 0]);
    }

    [Fact]
    public void RejectsBadArguments()
    {
        using var mask = new Raster<byte>(3, 3);
        Assert.Equal("minSize", Assert.Throws<ArgumentOutOfRangeException>(() => SmallObjects.Remove(mask, -1)).ParamName);
        using var rgb = new Raster<byte>(3, 3, 3);
        Assert.Equal("mask", Assert.Throws<ArgumentException>(() => SmallObjects.Remove(rgb, 2)).ParamName);
    }
}
