namespace RootSeg.Imaging.Rasters;

/// <summary>
/// Turns a raster stored in one of the 8 orientations of the TIFF/Exif Orientation tag (tag 274) into the upright
/// image a viewer shows (Exif 2.32, JEITA CP-3451E, section 4.6.4 A; TIFF 6.0, section 8).
/// </summary>
public static class RasterOrientation
{
    /// <summary>
    /// Returns the upright image of <paramref name="stored"/> given its Orientation tag value: 1 as stored,
    /// 2 mirrored left-right, 3 rotated 180 degrees, 4 mirrored top-bottom, 5 transposed, 6 rotated 90 degrees
    /// clockwise, 7 transversed, 8 rotated 90 degrees anticlockwise. Orientations 5 to 8 swap width and height.
    /// </summary>
    /// <param name="stored">The raster as stored in the file; not modified, still owned by the caller.</param>
    /// <param name="orientation">The tag's value, 1 to 8.</param>
    /// <returns>A new raster owned by the caller (a copy even for orientation 1).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="orientation"/> is not 1 to 8.</exception>
    public static Raster<T> ToUpright<T>(Raster<T> stored, int orientation) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentOutOfRangeException.ThrowIfLessThan(orientation, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(orientation, 8);
        if (orientation == 1)
        {
            return stored.Clone();
        }
        int w = stored.Width, h = stored.Height, c = stored.Channels;
        var swaps = orientation >= 5;
        var upright = Raster<T>.CreateUninitialized(swaps ? h : w, swaps ? w : h, c);
        // For each output pixel (x, y), (sx, sy) = sx0 + x*dxx + y*dxy, sy0 + x*dyx + y*dyy names its source.
        var (sx0, dxx, dxy, sy0, dyx, dyy) = orientation switch
        {
            2 => (w - 1, -1, 0, 0, 0, 1),
            3 => (w - 1, -1, 0, h - 1, 0, -1),
            4 => (0, 1, 0, h - 1, 0, -1),
            5 => (0, 0, 1, 0, 1, 0),
            6 => (0, 0, 1, h - 1, -1, 0),
            7 => (w - 1, 0, -1, h - 1, -1, 0),
            _ => (w - 1, 0, -1, 0, 1, 0),
        };
        var source = stored.Data;
        var step = dxx * c + dyx * stored.Stride;
        for (var y = 0; y < upright.Height; y++)
        {
            var row = upright.Row(y);
            var at = (sy0 + y * dyy) * stored.Stride + (sx0 + y * dxy) * c;
            for (var x = 0; x < upright.Width; x++, at += step)
            {
                source.Slice(at, c).CopyTo(row.Slice(x * c, c));
            }
        }
        return upright;
    }
}
