using RootSeg.Imaging.Randomness;

namespace RootSeg.Segmentation.Augmentation.Device;

/// <summary>
/// The per-tile parameters of the paper's augmentation (Smith et al. 2020, "Segmentation of roots in soil with
/// U-Net", Plant Methods 16:13, doi:10.1186/s13007-020-00563-0), drawn on the host in the order and with the
/// distributions of <see cref="TileAugmenter"/>: deform (p 0.9) with gamma ~ U[0, 1) and intensity ~ U[0.4, 1);
/// Gaussian-noise sigma ~ |N(0, 0.09^2)|; salt-and-pepper intensity ~ min(1, |N(0, 0.008^2)|); flip (p 0.5); colour
/// jitter order and factors. Only the per-pixel noise is drawn on the device.
/// </summary>
/// <param name="Deform">Whether the tile is elastically deformed.</param>
/// <param name="Alpha">Displacement scale in pixels (0 when not deformed).</param>
/// <param name="Sigma">Smoothing standard deviation of the displacement field in pixels.</param>
/// <param name="NoiseSigma">Standard deviation of the additive Gaussian noise on the [0, 1] tile.</param>
/// <param name="SaltAndPepper">Fraction in [0, 1]: ceil(fraction x samples) white pixels, as many black.</param>
/// <param name="Flip">Whether the tile is mirrored left to right.</param>
/// <param name="Jitter">Colour jitter order and factors.</param>
public sealed record TileDraw(bool Deform, double Alpha, double Sigma, double NoiseSigma, double SaltAndPepper,
    bool Flip, ColorJitterParameters Jitter)
{
    /// <summary>Draws one tile's parameters from <paramref name="random"/> with the settings of <paramref name="settings"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public static TileDraw Draw(TileAugmenter settings, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(random);
        var elastic = settings.Elastic;
        var deform = random.NextDouble() < elastic.Probability;
        var (alpha, sigma) = (0.0, elastic.SigmaRange.Min);
        if (deform)
        {
            var scale = random.NextDouble();
            var intensity = elastic.MinIntensity + (1.0 - elastic.MinIntensity) * random.NextDouble();
            (alpha, sigma) = elastic.Parameters(scale, intensity);
        }
        var noise = Math.Abs(random.NextGaussian(0.0, settings.NoiseScale));
        var saltAndPepper = Math.Min(1.0, Math.Abs(random.NextGaussian(0.0, settings.SaltAndPepperScale)));
        var flip = random.NextDouble() < settings.FlipProbability;
        return new TileDraw(deform, alpha, sigma, noise, saltAndPepper, flip, settings.Jitter.Draw(random));
    }
}
