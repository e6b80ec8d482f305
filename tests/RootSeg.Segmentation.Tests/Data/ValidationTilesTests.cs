using RootSeg.Segmentation.Data;

namespace RootSeg.Segmentation.Tests.Data;

public class ValidationTilesTests
{
    [Fact]
    public void FollowsTheReferenceGrid()
    {
        // The paper's geometry on a 1000 x 400 image: columns 0, 388 and 1000 - 388; rows 0 and 400 - 388.
        var windows = ValidationTiles.For(2, 1000, 400, TileGeometry.Paper);
        Assert.Equal(
            [(0, 0), (0, 12), (388, 0), (388, 12), (612, 0), (612, 12)],
            windows.Select(w => (w.X, w.Y)));
        Assert.All(windows, w => Assert.Equal(2, w.ImageIndex));
    }

    [Fact]
    public void CentresCoverEveryPixel()
    {
        var geometry = new TileGeometry(28, 12);
        foreach (var (width, height) in new[] { (12, 12), (13, 40), (36, 25), (50, 12) })
        {
            var covered = new int[width * height];
            foreach (var w in ValidationTiles.For(0, width, height, geometry))
            {
                Assert.InRange(w.X, 0, width - 12);
                Assert.InRange(w.Y, 0, height - 12);
                for (var y = w.Y; y < w.Y + 12; y++)
                {
                    for (var x = w.X; x < w.X + 12; x++)
                    {
                        covered[y * width + x]++;
                    }
                }
            }
            Assert.All(covered, c => Assert.True(c >= 1));
        }
    }

    [Fact]
    public void RejectsImagesSmallerThanTheOutput()
    {
        Assert.Throws<ArgumentOutOfRangeException>("width", () => ValidationTiles.For(0, 11, 20, new TileGeometry(28, 12)));
    }
}
