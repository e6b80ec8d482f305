using RootSeg.Imaging.Rasters;

namespace RootSeg.Annotate.Training;

/// <summary>
/// A mask in the form RootPainter stores segmentations (Smith et al. 2022, doi:10.1111/nph.18387): RGBA, root pixels
/// cyan at 70% opacity (0, 255, 255, 178), the rest transparent, so that it lies over the photo as it is.
/// </summary>
public static class SegmentationImage
{
    /// <summary>The RGBA image of <paramref name="mask"/>.</summary>
    /// <param name="mask">One channel, root where not 0; only read.</param>
    /// <returns>A new 4-channel raster the caller owns.</returns>
    public static Raster<byte> FromMask(Raster<byte> mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        var rgba = new Raster<byte>(mask.Width, mask.Height, 4);
        for (var y = 0; y < mask.Height; y++)
        {
            var from = mask.Row(y);
            var to = rgba.Row(y);
            for (var x = 0; x < mask.Width; x++)
            {
                if (from[x] != 0)
                {
                    to[4 * x + 1] = 255;
                    to[4 * x + 2] = 255;
                    to[4 * x + 3] = 178;
                }
            }
        }
        return rgba;
    }
}
