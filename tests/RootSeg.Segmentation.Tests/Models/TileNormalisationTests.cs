using RootSeg.Imaging.Randomness;
using RootSeg.Imaging.Rasters;
using RootSeg.Segmentation.Augmentation;
using RootSeg.Segmentation.Data;
using RootSeg.Segmentation.Models;

namespace RootSeg.Segmentation.Tests.Models;

public sealed class TileNormalisationTests
{
    [Fact]
    public void MatchesScikitImageRescaleIntensityMinusHalf()
    {
        foreach (var c in TrainerFixture.Load("normalisation.json").GetProperty("cases").EnumerateArray())
        {
            var size = c.GetProperty("size").GetInt32();
            var values = c.GetProperty("tile").EnumerateArray().Select(v => (byte)v.GetInt32()).ToArray();
            using var tile = new Raster<byte>(size, size, 3);
            for (var y = 0; y < size; y++)
            {
                values.AsSpan(y * size * 3, size * 3).CopyTo(tile.Row(y));
            }
            var actual = new float[3 * size * size];
            TileNormalisation.Apply(tile, actual);
            var expected = c.GetProperty("expected").Floats();
            for (var i = 0; i < expected.Length; i++)
            {
                Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-6f, $"size {size}, value {i}: {expected[i]} vs {actual[i]}");
            }
        }
    }

    [Fact]
    public void EqualsTheTrainingPipelinesValidationInputBitForBit()
    {
        const int size = 9;
        using var photo = Pattern(size, size, 13);
        using var annotation = new Raster<byte>(size, size);
        var geometry = new TileGeometry(size, 5);
        var pipeline = new float[3 * size * size];
        TileOutput.Prepare(photo, annotation, geometry, pipeline, new byte[25], new byte[25]);
        var shared = new float[3 * size * size];
        TileNormalisation.Apply(photo, shared);
        Assert.Equal(pipeline, shared);
    }

    [Fact]
    public void WindowEqualsTheCroppedTile()
    {
        using var image = Pattern(12, 10, 5);
        using var crop = new Raster<byte>(6, 6, 3);
        for (var y = 0; y < 6; y++)
        {
            image.Row(3 + y).Slice(4 * 3, 6 * 3).CopyTo(crop.Row(y));
        }
        var fromWindow = new float[3 * 36];
        var fromCrop = new float[3 * 36];
        TileNormalisation.Apply(image, 4, 3, 6, fromWindow);
        TileNormalisation.Apply(crop, fromCrop);
        Assert.Equal(fromCrop, fromWindow);
        Assert.Equal(-0.5f, fromWindow.Min());
        Assert.Equal(0.5f, fromWindow.Max());
    }

    [Fact]
    public void ConstantTileIsClippedLikeScikitImage()
    {
        using var tile = new Raster<byte>(3, 3, 3);
        tile.Data.Fill(200);
        var output = new float[27];
        TileNormalisation.Apply(tile, output);
        Assert.All(output, v => Assert.Equal(0.5f, v));
        tile.Data.Fill(0);
        TileNormalisation.Apply(tile, output);
        Assert.All(output, v => Assert.Equal(-0.5f, v));
    }

    [Fact]
    public void BadArgumentsAreNamed()
    {
        using var grey = new Raster<byte>(4, 4);
        using var rgb = new Raster<byte>(4, 4, 3);
        Assert.Equal("image", Assert.Throws<ArgumentException>(() => TileNormalisation.Apply(grey, 0, 0, 4, new float[48])).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentOutOfRangeException>(() => TileNormalisation.Apply(rgb, 1, 0, 4, new float[48])).ParamName);
        Assert.Equal("y", Assert.Throws<ArgumentOutOfRangeException>(() => TileNormalisation.Apply(rgb, 0, -1, 4, new float[48])).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => TileNormalisation.Apply(rgb, new float[47])).ParamName);
    }

    private static Raster<byte> Pattern(int width, int height, int seed)
    {
        var random = new SeededRandom((ulong)seed);
        var raster = new Raster<byte>(width, height, 3);
        for (var y = 0; y < height; y++)
        {
            var row = raster.Row(y);
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = (byte)(20 + random.NextInt(180));
            }
        }
        return raster;
    }
}
