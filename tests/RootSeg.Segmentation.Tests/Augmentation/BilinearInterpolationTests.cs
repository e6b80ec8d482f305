using RootSeg.Imaging.Rasters;
using RootSeg.Segmentation.Augmentation;

namespace RootSeg.Segmentation.Tests.Augmentation;

public class BilinearInterpolationTests
{
    [Fact]
    public void MatchesScipyMapCoordinatesOrder1Constant()
    {
        var fixture = AugmentFixture.Load("map_coordinates.json");
        var height = fixture.Int("height");
        var width = fixture.Int("width");
        var pixels = fixture.GetProperty("image").Doubles();
        using var image = new Raster<float>(width, height);
        for (var i = 0; i < pixels.Length; i++)
        {
            image[i % width, i / width] = (float)pixels[i];
        }
        var rows = fixture.GetProperty("rows").Doubles();
        var cols = fixture.GetProperty("cols").Doubles();
        var expected = fixture.GetProperty("output").Doubles();
        var actual = new float[rows.Length];
        BilinearInterpolation.MapCoordinates(image, 0, rows, cols, actual);
        var outside = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-5, $"point {i} ({rows[i]}, {cols[i]}): {actual[i]} vs scipy {expected[i]}");
            outside += expected[i] == 0 ? 1 : 0;
        }
        Assert.True(outside > 20, "the fixture must exercise the constant border");
    }

    [Fact]
    public void IntegerCoordinatesReturnTheSamples()
    {
        using var image = new Raster<float>(3, 2, 2);
        image[2, 1, 1] = 7f;
        image[0, 0, 1] = 3f;
        var output = new float[2];
        BilinearInterpolation.MapCoordinates(image, 1, [1.0, 0.0], [2.0, 0.0], output);
        Assert.Equal([7f, 3f], output);
    }
}
