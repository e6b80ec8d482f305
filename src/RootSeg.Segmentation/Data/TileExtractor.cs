using RootSeg.Imaging.Rasters;

namespace RootSeg.Segmentation.Data;

/// <summary>
/// Cuts tiles out of an image as if it were mirror-padded (numpy 'reflect') by the tile margin, without building
/// the padded copy: a padded photo of the paper's size would cost more memory than the photo itself.
/// </summary>
internal static class TileExtractor
{
    /// <summary>
    /// Copies the <paramref name="size"/>-square region whose top-left corner is (<paramref name="x"/>,
    /// <paramref name="y"/>) in the image padded by <paramref name="margin"/> into a new raster (caller owns it).
    /// </summary>
    public static Raster<byte> Cut(Raster<byte> image, int x, int y, int size, int margin)
    {
        var tile = new Raster<byte>(size, size, image.Channels);
        var channels = image.Channels;
        for (var row = 0; row < size; row++)
        {
            var source = image.Row(ReflectIndex.Mirror(y + row - margin, image.Height));
            var target = tile.Row(row);
            var x0 = x - margin;
            if (x0 >= 0 && x0 + size <= image.Width)
            {
                source.Slice(x0 * channels, size * channels).CopyTo(target);
                continue;
            }
            for (var col = 0; col < size; col++)
            {
                var sx = ReflectIndex.Mirror(x0 + col, image.Width);
                source.Slice(sx * channels, channels).CopyTo(target.Slice(col * channels, channels));
            }
        }
        return tile;
    }

    /// <summary>True when the square [x, x + size) x [y, y + size) of <paramref name="annotation"/> holds a root pixel.</summary>
    public static bool HasRoot(Raster<byte> annotation, int x, int y, int size)
    {
        for (var row = y; row < y + size; row++)
        {
            if (annotation.Row(row).Slice(x, size).Contains(AnnotationLabels.Root))
            {
                return true;
            }
        }
        return false;
    }
}
