namespace RootSeg.Imaging.Synthesis;

/// <summary>
/// What the camera adds after the scene: vignetting (darker corners), a slight Gaussian lens blur and Gaussian
/// sensor noise. The noise comes from a hash of (seed, x, y, channel), so rows can run in parallel and the picture
/// is still the same for a seed.
/// </summary>
internal static class CameraEffects
{
    public static void Vignette(RgbCanvas canvas, float strength)
    {
        if (strength <= 0f)
        {
            return;
        }
        var cx = canvas.Width / 2f;
        var cy = canvas.Height / 2f;
        var farthest = cx * cx + cy * cy;
        Parallel.For(0, canvas.Height, y =>
        {
            for (var x = 0; x < canvas.Width; x++)
            {
                var dx = x + 0.5f - cx;
                var dy = y + 0.5f - cy;
                var gain = 1f - strength * (dx * dx + dy * dy) / farthest;
                var i = (y * canvas.Width + x) * 3;
                canvas.Data[i] *= gain;
                canvas.Data[i + 1] *= gain;
                canvas.Data[i + 2] *= gain;
            }
        });
    }

    /// <summary>
    /// Separable Gaussian blur with edges mirrored (scipy's "reflect": d c b a | a b c d), per channel; sigma 0
    /// leaves the canvas as it is.
    /// </summary>
    public static void Blur(RgbCanvas canvas, float sigma)
    {
        if (sigma <= 0f)
        {
            return;
        }
        var kernel = Kernel(sigma);
        var scratch = new float[canvas.Data.Length];
        Pass(canvas.Data, scratch, canvas.Width, canvas.Height, kernel, horizontal: true);
        Pass(scratch, canvas.Data, canvas.Width, canvas.Height, kernel, horizontal: false);
    }

    public static void Noise(RgbCanvas canvas, float sigma, int seed)
    {
        if (sigma <= 0f)
        {
            return;
        }
        var hashSeed = unchecked((uint)seed);
        Parallel.For(0, canvas.Height, y =>
        {
            var offset = y * canvas.Width * 3;
            for (var x = 0; x < canvas.Width; x++)
            {
                for (var c = 0; c < 3; c++)
                {
                    canvas.Data[offset + x * 3 + c] += sigma * SeedHash.Gaussian(hashSeed, x, y, c);
                }
            }
        });
    }

    /// <summary>
    /// Normalised Gaussian weights for offsets -radius..radius, with radius = floor(3 sigma + 0.5) as
    /// scipy.ndimage.gaussian_filter chooses it for truncate = 3, so the blur can be checked against scipy.
    /// </summary>
    internal static float[] Kernel(float sigma)
    {
        var radius = (int)(3f * sigma + 0.5f);
        var kernel = new float[2 * radius + 1];
        var sum = 0f;
        for (var k = -radius; k <= radius; k++)
        {
            kernel[k + radius] = MathF.Exp(-0.5f * k * k / (sigma * sigma));
            sum += kernel[k + radius];
        }
        for (var k = 0; k < kernel.Length; k++)
        {
            kernel[k] /= sum;
        }
        return kernel;
    }

    private static void Pass(float[] source, float[] target, int width, int height, float[] kernel, bool horizontal)
    {
        var radius = kernel.Length / 2;
        Parallel.For(0, height, y =>
        {
            for (var x = 0; x < width; x++)
            {
                float r = 0f, g = 0f, b = 0f;
                for (var k = -radius; k <= radius; k++)
                {
                    var sx = horizontal ? Mirror(x + k, width) : x;
                    var sy = horizontal ? y : Mirror(y + k, height);
                    var i = (sy * width + sx) * 3;
                    var w = kernel[k + radius];
                    r += w * source[i];
                    g += w * source[i + 1];
                    b += w * source[i + 2];
                }
                var o = (y * width + x) * 3;
                target[o] = r;
                target[o + 1] = g;
                target[o + 2] = b;
            }
        });
    }

    /// <summary>Reflects an index about the edges (symmetric: -1 maps to 0), for any offset.</summary>
    private static int Mirror(int i, int n)
    {
        var period = 2 * n;
        var folded = i % period;
        if (folded < 0)
        {
            folded += period;
        }
        return folded < n ? folded : period - 1 - folded;
    }
}
