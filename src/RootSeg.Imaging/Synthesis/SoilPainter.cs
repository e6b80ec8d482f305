using System.Numerics;

namespace RootSeg.Imaging.Synthesis;

/// <summary>
/// Paints the soil behind the glass: two palette colours mixed by multi-octave value noise, finer brightness
/// texture, light mineral grains, reddish aggregates and dark pores.
/// </summary>
/// <remarks>
/// Procedural texture by value noise (Lagae et al. 2010, Computer Graphics Forum 29(8):2579-2600,
/// doi:10.1111/j.1467-8659.2010.01827.x). The many small light grains matter: in minirhizotron photos they are the
/// commonest bright things that are not roots.
/// </remarks>
internal static class SoilPainter
{
    /// <summary>Pixels per grain (of all kinds) on average.</summary>
    private const float PixelsPerGrain = 110f;

    public static void Paint(RgbCanvas canvas, IReadOnlyList<RgbColor> palette, int seed)
    {
        var random = new Random(seed);
        var first = random.Next(palette.Count);
        var second = (first + 1 + random.Next(palette.Count - 1)) % palette.Count;
        var colourA = ToVector(palette[first]);
        var colourB = ToVector(palette[second]);
        var mix = new ValueNoise(random.Next(), random.Uniform(48, 140), 4);
        var texture = new ValueNoise(random.Next(), random.Uniform(3, 8), 3);
        var fineSeed = (uint)random.Next();
        Parallel.For(0, canvas.Height, y =>
        {
            for (var x = 0; x < canvas.Width; x++)
            {
                // Stretch the noise around its mean so that both colours show in clear patches.
                var t = Math.Clamp((mix.At(x, y) - 0.5f) * 1.6f + 0.5f, 0f, 1f);
                var brightness = 0.8f + 0.35f * texture.At(x, y) + 0.25f * (SeedHash.Uniform(fineSeed, x, y) - 0.5f);
                canvas.Set(x, y, Vector3.Lerp(colourA, colourB, t) * brightness);
            }
        });
        PaintGrains(canvas, random);
    }

    private static void PaintGrains(RgbCanvas canvas, Random random)
    {
        var count = (int)(canvas.Width * (float)canvas.Height / PixelsPerGrain);
        for (var i = 0; i < count; i++)
        {
            var x = (float)random.Uniform(0, canvas.Width);
            var y = (float)random.Uniform(0, canvas.Height);
            var kind = random.NextDouble();
            if (kind < 0.5)
            {
                var grey = (float)random.Uniform(150, 235);
                var quartz = new Vector3(grey, grey * 0.97f, grey * 0.92f);
                canvas.Disc(x, y, (float)random.Uniform(0.4, 1.4), (float)random.Uniform(0.5, 1.0), _ => quartz);
            }
            else if (kind < 0.85)
            {
                var aggregate = new Vector3((float)random.Uniform(110, 150), (float)random.Uniform(68, 90),
                    (float)random.Uniform(58, 76));
                canvas.Disc(x, y, (float)random.Uniform(0.8, 3.0), (float)random.Uniform(0.4, 0.9), _ => aggregate);
            }
            else
            {
                var darkness = (float)random.Uniform(0.55, 0.85);
                canvas.Disc(x, y, (float)random.Uniform(0.8, 3.0), 1f, c => c * darkness);
            }
        }
    }

    private static Vector3 ToVector(RgbColor colour) => new(colour.R, colour.G, colour.B);
}
