using RootSeg.Imaging.Geometry;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Imaging.Tests.Geometry;

public class GaussianBlenderTests
{
    [Fact]
    public void WeightsPeakAtTheCentreAndFallToExpMinus8AtTheEdgeMiddle()
    {
        const int size = 64;
        var weights = GaussianBlender.Weights(size);
        Assert.Equal(1f, weights.Max());
        // Sample 0 is 31.5 samples from the centre, sigma is 8: exp(-0.5 (31.5 / 8)^2) against the peak at 0.5.
        var expected = Math.Exp(-0.5 * (31.5 / 8) * (31.5 / 8)) / Math.Exp(-0.5 * (0.5 / 8) * (0.5 / 8));
        Assert.Equal(expected, weights[32 * size], 1e-6);
        Assert.True(weights.Min() > 0);
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                Assert.Equal(weights[y * size + x], weights[x * size + y]);
                Assert.Equal(weights[y * size + x], weights[y * size + size - 1 - x]);
            }
        }
    }

    [Fact]
    public void BlendingCentreCropsRebuildsTheImage()
    {
        using var image = TileGridTests.Numbered(45, 31, 1);
        var grid = TileGrid.CreateOverlapping(45, 31, 24, 16, 0.5);
        using var padded = grid.Pad(image);
        using var blender = new GaussianBlender(grid);
        foreach (var tile in grid.Tiles)
        {
            using var tileInput = grid.CutInput(padded, tile);
            using var tileOutput = Crop.Apply(tileInput, grid.Margin, grid.Margin, 16, 16);
            blender.Add(tile, tileOutput);
        }
        using var result = blender.Result();
        for (var i = 0; i < image.Data.Length; i++)
        {
            Assert.Equal(image.Data[i], result.Data[i], 1e-3f * Math.Max(1, image.Data[i]));
        }
    }

    [Fact]
    public void TilesNearTheirCentreOutweighTilesNearTheirEdge()
    {
        var grid = TileGrid.CreateOverlapping(24, 16, 16, 16, 0.5);
        Assert.Equal([0, 8], grid.ColumnPositions);
        using var blender = new GaussianBlender(grid);
        using var zeros = new Raster<float>(16, 16);
        using var ones = new Raster<float>(16, 16);
        ones.Data.Fill(1);
        blender.Add(grid.Tiles[0], zeros);
        blender.Add(grid.Tiles[1], ones);
        using var result = blender.Result();
        // Tile centres are at columns 7.5 and 15.5: columns up to 11 lie nearer the first, from 12 the second.
        Assert.InRange(result[11, 8], 0.01f, 0.49f);
        Assert.InRange(result[12, 8], 0.51f, 0.99f);
        Assert.Equal(result[11, 8], 1 - result[12, 8], 1e-6f);
        Assert.Equal(0f, result[2, 8]);
        Assert.Equal(1f, result[20, 8]);
    }

    [Fact]
    public void RejectsOutputsOfTheWrongShape()
    {
        var grid = TileGrid.CreateOverlapping(24, 16, 16, 16, 0.5);
        using var blender = new GaussianBlender(grid);
        using var wrong = new Raster<float>(16, 16, 2);
        Assert.Equal("output", Assert.Throws<ArgumentException>(() => blender.Add(grid.Tiles[0], wrong)).ParamName);
    }
}
