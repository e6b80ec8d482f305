using RootSeg.Imaging.Rasters;

namespace RootSeg.Imaging.Synthesis;

/// <summary>
/// Makes synthetic minirhizotron photos with exact root masks and known root length, for tests and demos that need
/// ground truth no hand annotation gives: branching, tapering roots lighter than the soil, soil texture and colour,
/// and hard negatives (light grains, pebbles, scratches on the glass) that are never marked as root.
/// </summary>
/// <remarks>
/// <para>Synthetic root images with exactly known architecture were used by Lobet et al. 2017, "Using a structural
/// root system model to evaluate and improve the accuracy of root image analysis pipelines", Frontiers in Plant
/// Science 8:447, doi:10.3389/fpls.2017.00447, to measure how far image analysis is from the truth; here the
/// pictures imitate the minirhizotron photos segmented by Smith et al. 2020, "Segmentation of roots in soil with
/// U-Net", Plant Methods 16:13, doi:10.1186/s13007-020-00563-0.</para>
/// <para>Layers, each drawn from its own random stream derived from the seed, so that changing one option (say,
/// the scratch count) leaves the other layers as they were: soil, pebbles, roots, scratches, then vignette, blur and
/// sensor noise. Roots are drawn over pebbles (they grow along the glass) and scratches over everything.</para>
/// <para>Thread-safe: one synthesizer may generate from several threads; each call uses only its own state.</para>
/// </remarks>
public sealed class RootPhotoSynthesizer
{
    private enum Layer
    {
        Soil = 1,
        Pebbles,
        Roots,
        RootShading,
        Scratches,
        Sensor,
    }

    /// <summary>Checks and keeps the options.</summary>
    /// <param name="options">What to draw; validated here.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is out of range; the message and parameter name say which.</exception>
    public RootPhotoSynthesizer(RootPhotoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    /// <summary>The validated options.</summary>
    public RootPhotoOptions Options { get; }

    /// <summary>Draws the photo for <see cref="RootPhotoOptions.Seed"/>.</summary>
    /// <returns>A new photo; the caller owns it and disposes it.</returns>
    public SyntheticPhoto Generate() => Generate(Options.Seed);

    /// <summary>Draws the photo for <paramref name="seed"/>, with every other option as given.</summary>
    /// <param name="seed">Any integer; equal seeds give byte-identical photos, masks and lengths.</param>
    /// <returns>A new photo; the caller owns it and disposes it.</returns>
    public SyntheticPhoto Generate(int seed)
    {
        var options = Options;
        var canvas = new RgbCanvas(options.Width, options.Height);
        SoilPainter.Paint(canvas, options.SoilPalette, SeedHash.LayerSeed(seed, (int)Layer.Soil));
        PebblePainter.Paint(canvas, options.PebbleCount, SeedHash.LayerSeed(seed, (int)Layer.Pebbles));
        var paths = new RootSystemGrower(options, SeedHash.LayerSeed(seed, (int)Layer.Roots)).Grow();
        var mask = new Raster<byte>(options.Width, options.Height);
        try
        {
            var measures = RootRenderer.Render(canvas, mask, paths, SeedHash.LayerSeed(seed, (int)Layer.RootShading));
            ScratchPainter.Paint(canvas, options.ScratchCount, SeedHash.LayerSeed(seed, (int)Layer.Scratches));
            CameraEffects.Vignette(canvas, (float)options.Vignette);
            CameraEffects.Blur(canvas, (float)options.BlurSigma);
            CameraEffects.Noise(canvas, (float)options.NoiseSigma, SeedHash.LayerSeed(seed, (int)Layer.Sensor));
            return new SyntheticPhoto(canvas.ToRaster(), mask, measures.Length, measures.MeanWidth, paths.Count);
        }
        catch
        {
            mask.Dispose();
            throw;
        }
    }
}
