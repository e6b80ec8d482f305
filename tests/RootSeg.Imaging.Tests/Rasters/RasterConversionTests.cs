using RootSeg.Imaging.Codecs;
using RootSeg.Imaging.Rasters;
using RootSeg.Imaging.Tests.Codecs;

namespace RootSeg.Imaging.Tests.Rasters;

public sealed class RasterConversionTests
{
    [Fact]
    public void GreyFloatMatchesScikitImageRgb2Gray()
    {
        var fixture = IoFixtures.Get("random_rgb.png", "greyfloat");
        using var rgb = ImageFile.ReadRgb(fixture.FilePath);
        using var grey = RasterConversions.ToGreyFloat(rgb);
        var expected = fixture.ExpectedSamples();
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(grey[i % grey.Width, i / grey.Width] - expected[i]) <= fixture.Tolerance, $"pixel {i}");
        }
    }

    [Fact]
    public void GreyBytesMatchScikitImageWithinOneLevel()
    {
        // float32 here against float64 there: a value within 1e-6 of a rounding tie may round the other way.
        var fixture = IoFixtures.Get("random_rgb.png", "grey8");
        using var grey = ImageFile.ReadGrey(fixture.FilePath);
        var expected = fixture.ExpectedSamples();
        var exact = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            var actual = grey[i % grey.Width, i / grey.Width];
            Assert.True(Math.Abs(actual - expected[i]) <= fixture.Tolerance, $"pixel {i}");
            exact += actual == expected[i] ? 1 : 0;
        }
        Assert.True(exact >= expected.Length - 2, $"only {exact} of {expected.Length} exact");
    }

    [Fact]
    public void SixteenBitConversionsMatchScikitImage()
    {
        var asFloat = IoFixtures.Get("random_grey16.png", "float");
        var asByte = IoFixtures.Get("random_grey16.png", "ubyte");
        using var image = ImageFile.Read(asFloat.FilePath);
        using var floats = RasterConversions.ToFloat(image.Samples16);
        using var bytes = RasterConversions.To8Bit(image.Samples16);
        var expectedFloat = asFloat.ExpectedSamples();
        var expectedByte = asByte.ExpectedSamples();
        for (var i = 0; i < expectedFloat.Length; i++)
        {
            Assert.True(Math.Abs(floats[i % image.Width, i / image.Width] - expectedFloat[i]) <= asFloat.Tolerance);
            Assert.Equal(expectedByte[i], bytes[i % image.Width, i / image.Width]);
        }
    }

    [Fact]
    public void PlanarRgbIsChannelThenRowThenColumn()
    {
        using var rgba = new Raster<byte>(2, 2, 4, stride: 11);
        byte[][] pixels = [[255, 0, 51, 9], [0, 102, 0, 9], [10, 20, 30, 9], [40, 50, 60, 9]];
        for (var i = 0; i < 4; i++)
        {
            pixels[i].CopyTo(rgba.Row(i / 2).Slice(4 * (i % 2), 4));
        }
        var planes = RasterConversions.ToPlanarRgb(rgba);
        Assert.Equal(12, planes.Length);
        for (var c = 0; c < 3; c++)
        {
            for (var i = 0; i < 4; i++)
            {
                Assert.Equal(pixels[i][c] / 255f, planes[c * 4 + i], 6);
            }
        }
    }

    [Fact]
    public void PlanarRgbOfGreyRepeatsThePlaneAndOfSixteenBitDividesBy65535()
    {
        using var grey = new Raster<byte>(3, 1);
        new byte[] { 0, 128, 255 }.CopyTo(grey.Data);
        Assert.Equal(new[] { 0f, 128 / 255f, 1f, 0f, 128 / 255f, 1f, 0f, 128 / 255f, 1f }, RasterConversions.ToPlanarRgb(grey));
        using var words = new Raster<ushort>(1, 1, 3);
        new ushort[] { 65535, 0, 32768 }.CopyTo(words.Data);
        Assert.Equal(new[] { 1f, 0f, 32768 / 65535f }, RasterConversions.ToPlanarRgb(words));
    }

    [Fact]
    public void PlanarRgbChecksTheDestinationLength()
    {
        using var rgb = new Raster<byte>(4, 4, 3);
        var error = Assert.Throws<ArgumentException>(() => RasterConversions.ToPlanarRgb(rgb, new float[47]));
        Assert.Equal("destination", error.ParamName);
    }

    [Fact]
    public void ToRgbCopiesGreyAndDropsAlpha()
    {
        using var ga = new Raster<byte>(2, 1, 2);
        new byte[] { 7, 200, 9, 0 }.CopyTo(ga.Data);
        using var rgb = RasterConversions.ToRgb(ga);
        Assert.Equal(new byte[] { 7, 7, 7, 9, 9, 9 }, rgb.Data.ToArray());
        Assert.Equal(new byte[] { 7, 200, 9, 0 }, ga.Data.ToArray());
    }
}
