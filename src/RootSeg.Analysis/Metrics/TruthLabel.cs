using RootSeg.Imaging.Rasters;

namespace RootSeg.Analysis.Metrics;

/// <summary>
/// Byte values of a truth (annotation) mask as <see cref="ConfusionCounts"/> reads it. Pixels marked
/// <see cref="Unlabelled"/> are left out of every count, as RootPainter does with partial annotations (Smith et al.
/// 2022, "RootPainter: deep learning segmentation of biological images with corrective annotation", New Phytologist,
/// doi:10.1111/nph.18387).
/// </summary>
public static class TruthLabel
{
    /// <summary>Annotated as soil (not root).</summary>
    public const byte Background = 0;

    /// <summary>Annotated as root.</summary>
    public const byte Root = 1;

    /// <summary>Not annotated; excluded from metrics.</summary>
    public const byte Unlabelled = 255;

    /// <summary>
    /// Truth labels from a fully annotated grey mask: <see cref="Root"/> where the value is at least
    /// <paramref name="threshold"/>, else <see cref="Background"/> (JPEG masks are noisy, so a threshold of 128 is
    /// the usual rule).
    /// </summary>
    /// <param name="mask">Single-channel grey mask; not modified.</param>
    /// <param name="threshold">Smallest root value, 1 to 255.</param>
    /// <returns>A new raster the caller owns and disposes.</returns>
    /// <exception cref="ArgumentException"><paramref name="mask"/> has more than one channel.</exception>
    public static Raster<byte> FromGreyMask(Raster<byte> mask, byte threshold = 128)
    {
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentOutOfRangeException.ThrowIfZero(threshold);
        if (mask.Channels != 1)
        {
            throw new ArgumentException($"mask must have 1 channel, not {mask.Channels}", nameof(mask));
        }
        var labels = new Raster<byte>(mask.Width, mask.Height);
        for (var y = 0; y < mask.Height; y++)
        {
            var source = mask.Row(y);
            var target = labels.Row(y);
            for (var x = 0; x < source.Length; x++)
            {
                target[x] = source[x] >= threshold ? Root : Background;
            }
        }
        return labels;
    }
}
