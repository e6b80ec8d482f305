using RootSeg.Imaging.Geometry;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Imaging.Tests.Geometry;

public class TileGridTests
{
    [Fact]
    public void PaperGridStepsBy388AndAlignsTheLastTileToTheEdge()
    {
        var grid = TileGrid.Create(2550, 2273, 572, 388);
        Assert.Equal(92, grid.Margin);
        Assert.Equal([0, 388, 776, 1164, 1552, 1940, 2162], grid.ColumnPositions);
        Assert.Equal([0, 388, 776, 1164, 1552, 1885], grid.RowPositions);
        Assert.Equal(42, grid.Tiles.Count);
    }

    [Theory]
    [InlineData(2550, 2273, 572, 388, 0.0)]
    [InlineData(776, 388, 572, 388, 0.0)]
    [InlineData(100, 37, 572, 388, 0.0)]
    [InlineData(50, 61, 20, 12, 0.0)]
    [InlineData(50, 61, 20, 12, 0.5)]
    [InlineData(13, 64, 9, 9, 0.25)]
    public void OwnedRectanglesCoverEveryPixelExactlyOnce(int width, int height, int input, int output, double overlap)
    {
        var grid = overlap == 0
            ? TileGrid.Create(width, height, input, output)
            : TileGrid.CreateOverlapping(width, height, input, output, overlap);
        var counts = new int[width * height];
        foreach (var tile in grid.Tiles)
        {
            Assert.InRange(tile.OwnedX, tile.X, tile.X + output);
            Assert.InRange(tile.OwnedX + tile.OwnedWidth, tile.OwnedX, tile.X + output);
            Assert.InRange(tile.OwnedY + tile.OwnedHeight, tile.OwnedY, tile.Y + output);
            for (var y = tile.OwnedY; y < tile.OwnedY + tile.OwnedHeight; y++)
            {
                for (var x = tile.OwnedX; x < tile.OwnedX + tile.OwnedWidth; x++)
                {
                    counts[y * width + x]++;
                }
            }
        }
        Assert.All(counts, c => Assert.Equal(1, c));
    }

    [Theory]
    [InlineData(61, 50, 20, 12, 0.0)]
    [InlineData(7, 5, 20, 12, 0.0)]
    [InlineData(61, 50, 20, 12, 0.3)]
    public void StitchingCentreCropsRebuildsTheImage(int width, int height, int input, int output, double overlap)
    {
        // A stand-in network whose output is the centre of its input: stitching must give back the image.
        using var image = Numbered(width, height, 2);
        var grid = overlap == 0
            ? TileGrid.Create(width, height, input, output)
            : TileGrid.CreateOverlapping(width, height, input, output, overlap);
        using var padded = grid.Pad(image);
        using var result = new Raster<float>(width, height, 2);
        foreach (var tile in grid.Tiles)
        {
            using var tileInput = grid.CutInput(padded, tile);
            using var tileOutput = Crop.Apply(tileInput, grid.Margin, grid.Margin, output, output);
            grid.Stitch(result, tile, tileOutput);
        }
        Assert.Equal(image.Data.ToArray(), result.Data.ToArray());
    }

    [Fact]
    public void OverlappingGridSpreadsStepsEvenly()
    {
        var grid = TileGrid.CreateOverlapping(1000, 388, 572, 388, 0.5);
        Assert.Equal([0, 153, 306, 459, 612], grid.ColumnPositions);
        Assert.Equal([0], grid.RowPositions);
        var noOverlap = TileGrid.CreateOverlapping(776, 100, 572, 388, 0);
        Assert.Equal([0, 388], noOverlap.ColumnPositions);
    }

    [Fact]
    public void RejectsBadSizes()
    {
        Assert.Equal("inputSize", Assert.Throws<ArgumentException>(() => TileGrid.Create(10, 10, 571, 388)).ParamName);
        Assert.Equal("inputSize", Assert.Throws<ArgumentOutOfRangeException>(() => TileGrid.Create(10, 10, 300, 388)).ParamName);
        Assert.Equal("width", Assert.Throws<ArgumentOutOfRangeException>(() => TileGrid.Create(0, 10, 572, 388)).ParamName);
        Assert.Equal("overlap",
            Assert.Throws<ArgumentOutOfRangeException>(() => TileGrid.CreateOverlapping(10, 10, 572, 388, 1)).ParamName);
        var grid = TileGrid.Create(10, 10, 6, 4);
        using var wrong = new Raster<float>(9, 10);
        Assert.Equal("image", Assert.Throws<ArgumentException>(() => grid.Pad(wrong)).ParamName);
        using var destination = new Raster<float>(10, 10);
        using var output = new Raster<float>(5, 4);
        Assert.Equal("output", Assert.Throws<ArgumentException>(() => grid.Stitch(destination, grid.Tiles[0], output)).ParamName);
    }

    internal static Raster<float> Numbered(int width, int height, int channels)
    {
        var image = new Raster<float>(width, height, channels);
        for (var i = 0; i < image.Data.Length; i++)
        {
            image.Data[i] = i * 0.25f;
        }
        return image;
    }
}
