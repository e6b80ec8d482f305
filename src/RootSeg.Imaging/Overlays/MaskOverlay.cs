using RootSeg.Imaging.Annotations;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Imaging.Overlays;

/// <summary>
/// A photo with a segmentation or annotation drawn over it in one translucent colour, as in the figures of Smith et
/// al. 2020, "Segmentation of roots in soil with U-Net", Plant Methods 16:13, doi:10.1186/s13007-020-00563-0.
/// </summary>
public static class MaskOverlay
{
    /// <summary>
    /// Blends <paramref name="colour"/> over the photo where <paramref name="mask"/> is not 0:
    /// out = round(photo + opacity x (colour - photo)), per channel; elsewhere the photo is unchanged.
    /// </summary>
    /// <param name="photo">An 8-bit photo of 1 to 4 channels (grey is shown as grey; alpha is ignored); not modified.</param>
    /// <param name="mask">A 1-channel 8-bit mask of the photo's size; not 0 means drawn. Not modified.</param>
    /// <param name="colour">The colour to draw.</param>
    /// <param name="opacity">0 (invisible) to 1 (opaque).</param>
    /// <returns>A new 3-channel raster owned by the caller.</returns>
    /// <exception cref="ArgumentException">The mask's size or channels do not fit.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="opacity"/> is outside [0, 1].</exception>
    public static Raster<byte> Draw(Raster<byte> photo, Raster<byte> mask, OverlayColour colour, float opacity = 0.5f)
    {
        ArgumentNullException.ThrowIfNull(photo);
        ArgumentNullException.ThrowIfNull(mask);
        if (mask.Channels != 1)
        {
            throw new ArgumentException($"needs 1 channel, not {mask.Channels}", nameof(mask));
        }
        Blend.CheckSameSize(photo, mask, nameof(mask));
        Blend.CheckOpacity(opacity, nameof(opacity));
        var result = RasterConversions.ToRgb(photo);
        for (var y = 0; y < result.Height; y++)
        {
            var row = result.Row(y);
            var on = mask.Row(y);
            for (var x = 0; x < on.Length; x++)
            {
                if (on[x] != 0)
                {
                    Blend.Pixel(row.Slice(3 * x, 3), colour, opacity);
                }
            }
        }
        return result;
    }

    /// <summary>As <see cref="Draw(Raster{byte}, Raster{byte}, OverlayColour, float)"/>, drawing the annotation's root pixels only.</summary>
    /// <param name="photo">An 8-bit photo of 1 to 4 channels; not modified.</param>
    /// <param name="annotation">An annotation of the photo's size; not modified.</param>
    /// <param name="colour">The colour to draw.</param>
    /// <param name="opacity">0 (invisible) to 1 (opaque).</param>
    /// <returns>A new 3-channel raster owned by the caller.</returns>
    public static Raster<byte> Draw(Raster<byte> photo, AnnotationMask annotation, OverlayColour colour, float opacity = 0.5f)
    {
        ArgumentNullException.ThrowIfNull(annotation);
        using var roots = Raster<byte>.CreateUninitialized(annotation.Width, annotation.Height);
        for (var y = 0; y < roots.Height; y++)
        {
            var from = annotation.Labels.Row(y);
            var to = roots.Row(y);
            for (var x = 0; x < to.Length; x++)
            {
                to[x] = from[x] == (byte)AnnotationLabel.Root ? (byte)1 : (byte)0;
            }
        }
        return Draw(photo, roots, colour, opacity);
    }
}
