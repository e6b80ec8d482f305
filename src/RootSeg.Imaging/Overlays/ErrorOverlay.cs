using RootSeg.Imaging.Annotations;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Imaging.Overlays;

/// <summary>
/// A photo coloured by how a predicted segmentation agrees with the annotation: true positives, false positives and
/// false negatives each in their own colour, true negatives and unlabelled pixels left as the photo. This is the
/// error view Smith et al. 2020, "Segmentation of roots in soil with U-Net", Plant Methods 16:13,
/// doi:10.1186/s13007-020-00563-0, use to show where the network and the annotator disagree.
/// </summary>
public static class ErrorOverlay
{
    /// <summary>Colours the photo by prediction against truth (see <see cref="ErrorColours"/> for the colours).</summary>
    /// <param name="photo">An 8-bit photo of 1 to 4 channels; not modified.</param>
    /// <param name="prediction">A 1-channel 8-bit segmentation of the photo's size: not 0 means root. Not modified.</param>
    /// <param name="truth">The annotation, of the photo's size; unlabelled pixels are not coloured. Not modified.</param>
    /// <param name="opacity">0 (invisible) to 1 (opaque).</param>
    /// <param name="colours">The three colours; <see cref="ErrorColours.Default"/> when null.</param>
    /// <returns>A new 3-channel raster owned by the caller.</returns>
    /// <exception cref="ArgumentException">A size or channel count does not fit.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="opacity"/> is outside [0, 1].</exception>
    public static Raster<byte> Draw(
        Raster<byte> photo, Raster<byte> prediction, AnnotationMask truth, float opacity = 0.6f, ErrorColours? colours = null)
    {
        ArgumentNullException.ThrowIfNull(photo);
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(truth);
        if (prediction.Channels != 1)
        {
            throw new ArgumentException($"needs 1 channel, not {prediction.Channels}", nameof(prediction));
        }
        Blend.CheckSameSize(photo, prediction, nameof(prediction));
        Blend.CheckSameSize(photo, truth.Labels, nameof(truth));
        Blend.CheckOpacity(opacity, nameof(opacity));
        colours ??= ErrorColours.Default;
        var result = RasterConversions.ToRgb(photo);
        for (var y = 0; y < result.Height; y++)
        {
            var row = result.Row(y);
            var predicted = prediction.Row(y);
            var annotated = truth.Labels.Row(y);
            for (var x = 0; x < predicted.Length; x++)
            {
                var root = predicted[x] != 0;
                OverlayColour? colour = (AnnotationLabel)annotated[x] switch
                {
                    AnnotationLabel.Root => root ? colours.TruePositive : colours.FalseNegative,
                    AnnotationLabel.Background => root ? colours.FalsePositive : null,
                    _ => null,
                };
                if (colour is { } c)
                {
                    Blend.Pixel(row.Slice(3 * x, 3), c, opacity);
                }
            }
        }
        return result;
    }
}
