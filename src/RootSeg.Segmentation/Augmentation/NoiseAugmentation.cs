using RootSeg.Imaging.Randomness;
using RootSeg.Imaging.Rasters;
using RootSeg.Segmentation.Data;

namespace RootSeg.Segmentation.Augmentation;

/// <summary>
/// The two noise augmentations of Smith et al. 2020's reference code ("Segmentation of roots in soil with U-Net",
/// Plant Methods 16:13, doi:10.1186/s13007-020-00563-0): additive Gaussian noise and salt-and-pepper noise on a float
/// tile scaled to [0, 1].
/// </summary>
public static class NoiseAugmentation
{
    /// <summary>Adds an independent N(0, sigma^2) deviate to every sample of <paramref name="tile"/>, in place.</summary>
    /// <param name="tile">Float tile, any channels; modified.</param>
    /// <param name="sigma">Standard deviation, finite and at least 0 (the paper draws |N(0, 0.09^2)|).</param>
    /// <param name="random">The generator; draws one deviate per sample, row by row.</param>
    public static void AddGaussianNoise(Raster<float> tile, double sigma, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(tile);
        ArgumentNullException.ThrowIfNull(random);
        if (!(sigma >= 0) || !double.IsFinite(sigma))
        {
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "sigma must be finite and at least 0");
        }
        for (var y = 0; y < tile.Height; y++)
        {
            var row = tile.Row(y);
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = (float)(row[i] + random.NextGaussian(0.0, sigma));
            }
        }
    }

    /// <summary>
    /// Sets n = ceil(intensity x samples) random pixels to white (1 in every channel), then n more to black (0), in
    /// place; samples counts every channel, as the reference's image.size does, and pixels may repeat.
    /// </summary>
    /// <remarks>
    /// The reference indexes the white pixels as [x, y], transposed, which only works for square tiles; here both
    /// draws use (row, column) so any tile shape is valid. Each pixel draws its row, then its column.
    /// </remarks>
    /// <param name="tile">Float tile, any channels; modified.</param>
    /// <param name="intensity">Fraction in [0, 1] (the paper draws |N(0, 0.008^2)|).</param>
    /// <param name="random">The generator.</param>
    public static void AddSaltAndPepper(Raster<float> tile, double intensity, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(tile);
        ArgumentNullException.ThrowIfNull(random);
        if (!(intensity >= 0 && intensity <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(intensity), intensity, "intensity must be in [0, 1]");
        }
        var count = (long)Math.Ceiling(intensity * ((long)tile.Width * tile.Height * tile.Channels));
        foreach (var value in (ReadOnlySpan<float>)[1f, 0f])
        {
            for (long k = 0; k < count; k++)
            {
                var y = (int)Math.Floor(random.NextDouble() * tile.Height);
                var x = (int)Math.Floor(random.NextDouble() * tile.Width);
                tile.Row(y).Slice(x * tile.Channels, tile.Channels).Fill(value);
            }
        }
    }
}
