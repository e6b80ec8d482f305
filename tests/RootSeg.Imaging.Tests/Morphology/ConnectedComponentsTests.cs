using RootSeg.Imaging.Morphology;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Imaging.Tests.Morphology;

public class ConnectedComponentsTests
{
    [Theory]
    [InlineData(Connectivity.Four, "label4")]
    [InlineData(Connectivity.Eight, "label8")]
    public void LabelsMatchScikitImagePixelForPixel(Connectivity connectivity, string reference)
    {
        foreach (var fixture in AlgFixtures.MaskCases())
        {
            using var mask = AlgFixtures.Mask(fixture);
            using var labels = ConnectedComponents.Label(mask, connectivity);
            var expected = AlgFixtures.Ints(fixture, reference);
            AlgFixtures.Identical(expected, AlgFixtures.Flatten(labels.Labels), mask.Width,
                $"{AlgFixtures.Name(fixture)} {connectivity}");
            Assert.Equal(expected.DefaultIfEmpty().Max(), labels.Count);
        }
    }

    [Fact]
    public void FourConnectedLabelsMatchScipy()
    {
        foreach (var fixture in AlgFixtures.MaskCases())
        {
            using var mask = AlgFixtures.Mask(fixture, foreground: 255);
            using var labels = ConnectedComponents.Label(mask, Connectivity.Four);
            AlgFixtures.Identical(AlgFixtures.Ints(fixture, "scipy_label4"), AlgFixtures.Flatten(labels.Labels),
                mask.Width, AlgFixtures.Name(fixture));
        }
    }

    [Fact]
    public void SizesAreTheBincountOfTheLabels()
    {
        foreach (var fixture in AlgFixtures.MaskCases())
        {
            using var mask = AlgFixtures.Mask(fixture);
            using var labels = ConnectedComponents.Label(mask, Connectivity.Eight);
            var counts = new long[labels.Count + 1];
            foreach (var label in AlgFixtures.Ints(fixture, "label8"))
            {
                counts[label]++;
            }
            Assert.Equal(counts, labels.Sizes);
        }
    }

    [Fact]
    public void DiagonalNeighboursJoinOnlyWithEightConnectivity()
    {
        using var mask = new Raster<byte>(3, 3);
        mask[0, 0] = 1;
        mask[1, 1] = 1;
        mask[2, 2] = 1;
        using var four = ConnectedComponents.Label(mask, Connectivity.Four);
        using var eight = ConnectedComponents.Label(mask, Connectivity.Eight);
        Assert.Equal(3, four.Count);
        Assert.Equal(1, eight.Count);
        Assert.Equal(3, four.Labels[2, 2]);
    }

    [Fact]
    public void LeavesTheInputUnchanged()
    {
        var fixture = AlgFixtures.MaskCases().First(c => AlgFixtures.Name(c) == "blobs");
        using var mask = AlgFixtures.Mask(fixture, foreground: 7);
        var before = AlgFixtures.Flatten(mask);
        using var labels = ConnectedComponents.Label(mask, Connectivity.Eight);
        Assert.Equal(before, AlgFixtures.Flatten(mask));
    }

    [Fact]
    public void RejectsBadArguments()
    {
        using var rgb = new Raster<byte>(4, 4, 3);
        Assert.Equal("mask", Assert.Throws<ArgumentException>(() => ConnectedComponents.Label(rgb, Connectivity.Four)).ParamName);
        using var mask = new Raster<byte>(4, 4);
        Assert.Equal("connectivity",
            Assert.Throws<ArgumentOutOfRangeException>(() => ConnectedComponents.Label(mask, (Connectivity)3)).ParamName);
        Assert.Throws<ArgumentNullException>(() => ConnectedComponents.Label(null!, Connectivity.Four));
    }
}
