using RootSeg.Imaging.Synthesis;

namespace RootSeg.Imaging.Tests.Synthesis;

public sealed class CameraEffectsTests
{
    [Theory]
    [InlineData(0.3f)]
    [InlineData(0.6f)]
    [InlineData(2.5f)]
    public void KernelIsNormalisedSymmetricAndGaussian(float sigma)
    {
        var kernel = CameraEffects.Kernel(sigma);
        var radius = kernel.Length / 2;

        Assert.Equal((int)(3 * sigma + 0.5f), radius);
        Assert.Equal(1f, kernel.Sum(), 1e-5f);
        for (var k = 1; k <= radius; k++)
        {
            Assert.Equal(kernel[radius - k], kernel[radius + k]);
            Assert.Equal(MathF.Exp(-0.5f * k * k / (sigma * sigma)), kernel[radius + k] / kernel[radius], 1e-5f);
        }
    }

    [Theory]
    [InlineData("0.45")]
    [InlineData("0.6")]
    [InlineData("1.2")]
    [InlineData("2.5")]
    public void BlurMatchesScipyGaussianFilter(string sigma)
    {
        // Made by scripts/fixtures/synthesis.py: scipy.ndimage.gaussian_filter, mode "reflect", truncate 3.
        var input = ReadFloats("blur_input.f32");
        var expected = ReadFloats($"blur_sigma_{sigma}.f32");
        var canvas = new RgbCanvas(13, 11);
        input.CopyTo(canvas.Data, 0);

        CameraEffects.Blur(canvas, float.Parse(sigma, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expected.Length, canvas.Data.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], canvas.Data[i], 1e-3f);
        }
    }

    [Fact]
    public void BlurKeepsAFlatPictureFlatAndSpreadsAPoint()
    {
        var canvas = new RgbCanvas(9, 7);
        Array.Fill(canvas.Data, 100f);
        CameraEffects.Blur(canvas, 1.2f);
        Assert.All(canvas.Data, v => Assert.Equal(100f, v, 1e-3f));

        var point = new RgbCanvas(9, 9);
        point.Set(4, 4, new System.Numerics.Vector3(90f, 90f, 90f));
        CameraEffects.Blur(point, 1f);
        Assert.Equal(90f, point.Data.Sum() / 3f, 1e-3f);
        Assert.True(point.Get(4, 4).X < 90f && point.Get(5, 4).X > 0f);
        Assert.Equal(point.Get(3, 4), point.Get(5, 4));
    }

    [Fact]
    public void NoiseHasTheRequestedSpread()
    {
        var canvas = new RgbCanvas(100, 100);
        CameraEffects.Noise(canvas, 5f, 17);
        var mean = canvas.Data.Average();
        var sd = Math.Sqrt(canvas.Data.Average(v => (v - mean) * (v - mean)));

        Assert.InRange(mean, -0.2, 0.2);
        Assert.InRange(sd, 4.8, 5.2);
    }

    [Fact]
    public void VignetteDarkensCornersNotTheCentre()
    {
        var canvas = new RgbCanvas(100, 100);
        Array.Fill(canvas.Data, 200f);
        CameraEffects.Vignette(canvas, 0.25f);

        Assert.Equal(200f, canvas.Get(50, 50).X, 0.1f);
        Assert.Equal(200f * 0.75f, canvas.Get(0, 0).X, 2f);
    }

    private static float[] ReadFloats(string name)
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "synthesis", name));
        var values = new float[bytes.Length / 4];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = System.Buffers.Binary.BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(4 * i));
        }
        return values;
    }
}
