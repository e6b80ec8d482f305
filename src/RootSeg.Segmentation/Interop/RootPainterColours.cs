using RootSeg.Imaging.Rasters;

namespace RootSeg.Segmentation.Interop;

/// <summary>
/// The RGBA colours of RootPainter's files (Smith et al. 2022, "RootPainter: deep learning segmentation of biological
/// images with corrective annotation", New Phytologist 236:774-791, doi:10.1111/nph.18387): annotations paint root
/// red and background green with alpha 180 and leave unannotated pixels transparent; segmentations draw root cyan
/// with alpha 178 (0.7 of 255) on a transparent image.
/// </summary>
public static class RootPainterColours
{
    /// <summary>Alpha of annotation brushes.</summary>
    public const byte AnnotationAlpha = 180;

    /// <summary>Alpha of segmentation pixels.</summary>
    public const byte SegmentationAlpha = 178;

    /// <summary>
    /// An RGBA annotation from labels: 1 (root) red, 0 (background) green, 255 (unlabelled) transparent.
    /// </summary>
    /// <param name="labels">Single-channel labels 0, 1 or 255; not modified.</param>
    /// <returns>A new 4-channel raster the caller owns.</returns>
    /// <exception cref="ArgumentException">More than one channel, or another label value.</exception>
    public static Raster<byte> EncodeAnnotation(Raster<byte> labels)
    {
        RequireSingleChannel(labels, nameof(labels));
        var rgba = new Raster<byte>(labels.Width, labels.Height, 4);
        for (var y = 0; y < labels.Height; y++)
        {
            var from = labels.Row(y);
            var to = rgba.Row(y);
            for (var x = 0; x < from.Length; x++)
            {
                switch (from[x])
                {
                    case 1:
                        to[4 * x] = 255;
                        to[4 * x + 3] = AnnotationAlpha;
                        break;
                    case 0:
                        to[4 * x + 1] = 255;
                        to[4 * x + 3] = AnnotationAlpha;
                        break;
                    case 255:
                        break;
                    default:
                        throw new ArgumentException($"label {from[x]} at ({x}, {y}) is none of 0, 1, 255", nameof(labels));
                }
            }
        }
        return rgba;
    }

    /// <summary>An RGBA segmentation from a mask: non-zero cyan with alpha 178, zero transparent black.</summary>
    /// <param name="mask">Single-channel mask; not modified.</param>
    /// <returns>A new 4-channel raster the caller owns.</returns>
    public static Raster<byte> EncodeSegmentation(Raster<byte> mask)
    {
        RequireSingleChannel(mask, nameof(mask));
        var rgba = new Raster<byte>(mask.Width, mask.Height, 4);
        for (var y = 0; y < mask.Height; y++)
        {
            var from = mask.Row(y);
            var to = rgba.Row(y);
            for (var x = 0; x < from.Length; x++)
            {
                if (from[x] != 0)
                {
                    to[4 * x + 1] = 255;
                    to[4 * x + 2] = 255;
                    to[4 * x + 3] = SegmentationAlpha;
                }
            }
        }
        return rgba;
    }

    /// <summary>A 0/1 mask from a RootPainter segmentation: root where alpha is not 0.</summary>
    /// <param name="rgba">A 4-channel segmentation; not modified.</param>
    /// <returns>A new single-channel raster the caller owns.</returns>
    /// <exception cref="ArgumentException">Not 4 channels.</exception>
    public static Raster<byte> DecodeSegmentation(Raster<byte> rgba)
    {
        ArgumentNullException.ThrowIfNull(rgba);
        if (rgba.Channels != 4)
        {
            throw new ArgumentException($"a RootPainter segmentation has 4 channels (RGBA), not {rgba.Channels}", nameof(rgba));
        }
        var mask = new Raster<byte>(rgba.Width, rgba.Height);
        for (var y = 0; y < rgba.Height; y++)
        {
            var from = rgba.Row(y);
            var to = mask.Row(y);
            for (var x = 0; x < to.Length; x++)
            {
                to[x] = (byte)(from[4 * x + 3] != 0 ? 1 : 0);
            }
        }
        return mask;
    }

    private static void RequireSingleChannel(Raster<byte> raster, string name)
    {
        ArgumentNullException.ThrowIfNull(raster, name);
        if (raster.Channels != 1)
        {
            throw new ArgumentException($"{name} must have 1 channel, not {raster.Channels}", name);
        }
    }
}
