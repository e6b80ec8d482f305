using RootSeg.Imaging.Randomness;
using System.Text.Json;
using RootSeg.Imaging.Rasters;
using RootSeg.Segmentation.Augmentation;
using RootSeg.Segmentation.Data;

namespace RootSeg.Segmentation.Tests.Augmentation;

public class ColorJitterTests
{
    private static readonly JsonElement Fixture = AugmentFixture.Load("color_jitter.json");

    [Fact]
    public void GreyMatchesPillowConvertL()
    {
        using var image = Input();
        var grey = Fixture.GetProperty("grey").Ints();
        for (var i = 0; i < grey.Length; i++)
        {
            var x = i % image.Width;
            var y = i / image.Width;
            Assert.Equal(grey[i], PilColor.Grey(image[x, y, 0], image[x, y, 1], image[x, y, 2]));
        }
    }

    [Fact]
    public void HsvRoundTripMatchesPillow()
    {
        using var image = Input();
        var expected = Fixture.GetProperty("hsvRoundTrip").Ints();
        for (var i = 0; i < expected.Length / 3; i++)
        {
            var x = i % image.Width;
            var y = i / image.Width;
            var (h, s, v) = PilColor.RgbToHsv(image[x, y, 0], image[x, y, 1], image[x, y, 2]);
            var (r, g, b) = PilColor.HsvToRgb(h, s, v);
            Assert.Equal((expected[3 * i], expected[3 * i + 1], expected[3 * i + 2]), ((int)r, (int)g, (int)b));
        }
    }

    [Fact]
    public void FixedFactorsAndOrderMatchTorchvisionExactly()
    {
        var cases = 0;
        foreach (var c in Fixture.GetProperty("cases").EnumerateArray())
        {
            using var image = Input();
            var factors = c.GetProperty("factors");
            var parameters = new ColorJitterParameters(
                c.GetProperty("order").Ints().Select(i => (ColorJitterOperation)i).ToList(),
                factors.Double("brightness"), factors.Double("contrast"), factors.Double("saturation"), factors.Double("hue"));
            ColorJitter.Apply(image, parameters);
            var expected = c.GetProperty("output").Ints();
            Assert.Equal(expected, image.Data.ToArray().Select(v => (int)v));
            cases++;
        }
        Assert.Equal(4, cases);
    }

    [Fact]
    public void DrawsFactorsInTheirRangesAndAPermutation()
    {
        var jitter = new ColorJitter();
        var random = new SeededRandom(11);
        for (var k = 0; k < 200; k++)
        {
            var p = jitter.Draw(random);
            Assert.Equal(4, p.Order.Distinct().Count());
            Assert.InRange(p.Brightness!.Value, 0.7, 1.3);
            Assert.InRange(p.Contrast!.Value, 0.7, 1.3);
            Assert.InRange(p.Saturation!.Value, 0.8, 1.2);
            Assert.InRange(p.Hue!.Value, -0.001, 0.001);
        }
        Assert.Null(new ColorJitter { Brightness = 0 }.Draw(random).Brightness);
    }

    [Fact]
    public void RejectsNonRgbImages()
    {
        using var grey = new Raster<byte>(4, 4);
        Assert.Throws<ArgumentException>("image", () => ColorJitter.AdjustBrightness(grey, 1.1));
    }

    private static Raster<byte> Input()
    {
        var width = Fixture.Int("width");
        var height = Fixture.Int("height");
        var values = Fixture.GetProperty("input").Ints();
        var image = new Raster<byte>(width, height, 3);
        for (var i = 0; i < values.Length; i++)
        {
            image.Data[i] = (byte)values[i];
        }
        return image;
    }
}
