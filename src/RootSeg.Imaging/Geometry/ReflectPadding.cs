using RootSeg.Imaging.Rasters;

namespace RootSeg.Imaging.Geometry;

/// <summary>
/// Mirror padding identical to <c>numpy.pad(mode='reflect')</c>: the edge sample is not repeated
/// (<c>d c b | a b c d | c b a</c>), and pads wider than the image keep reflecting back and forth.
/// </summary>
/// <remarks>
/// The U-Net of Ronneberger et al. 2015 (doi:10.1007/978-3-319-24574-4_28) and Smith et al. 2020
/// (doi:10.1186/s13007-020-00563-0) mirror the photo so that the valid-convolution output covers its border.
/// </remarks>
public static class ReflectPadding
{
    /// <summary>
    /// Maps an index outside <c>[0, length)</c> into it the way numpy's 'reflect' mode does: a reflection about
    /// the first and last sample, repeated with period <c>2 (length - 1)</c>. Length 1 maps everything to 0.
    /// </summary>
    /// <param name="index">Any index, possibly negative or past the end.</param>
    /// <param name="length">Samples along the axis, at least 1.</param>
    /// <returns>The source index in <c>[0, length)</c>.</returns>
    public static int ReflectIndex(int index, int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        if ((uint)index < (uint)length)
        {
            return index;
        }
        if (length == 1)
        {
            return 0;
        }
        var period = 2L * (length - 1);
        var m = index % period;
        if (m < 0)
        {
            m += period;
        }
        return (int)(m < length ? m : period - m);
    }

    /// <summary>Pads a raster on each side by mirror reflection (numpy 'reflect'), channel by channel.</summary>
    /// <param name="source">The raster to pad; not modified.</param>
    /// <param name="top">Rows added above, at least 0.</param>
    /// <param name="bottom">Rows added below, at least 0.</param>
    /// <param name="left">Columns added on the left, at least 0.</param>
    /// <param name="right">Columns added on the right, at least 0.</param>
    /// <returns>A new raster of <c>(width + left + right) x (height + top + bottom)</c>; the caller owns it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A pad is negative.</exception>
    public static Raster<T> Pad<T>(Raster<T> source, int top, int bottom, int left, int right) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegative(top);
        ArgumentOutOfRangeException.ThrowIfNegative(bottom);
        ArgumentOutOfRangeException.ThrowIfNegative(left);
        ArgumentOutOfRangeException.ThrowIfNegative(right);
        var width = checked(source.Width + left + right);
        var height = checked(source.Height + top + bottom);
        var channels = source.Channels;
        var result = new Raster<T>(width, height, channels);
        var columnMap = new int[width];
        for (var x = 0; x < width; x++)
        {
            columnMap[x] = ReflectIndex(x - left, source.Width);
        }
        for (var y = 0; y < height; y++)
        {
            var src = source.Row(ReflectIndex(y - top, source.Height));
            var dst = result.Row(y);
            src.CopyTo(dst.Slice(left * channels, source.Width * channels));
            for (var x = 0; x < left; x++)
            {
                src.Slice(columnMap[x] * channels, channels).CopyTo(dst.Slice(x * channels, channels));
            }
            for (var x = left + source.Width; x < width; x++)
            {
                src.Slice(columnMap[x] * channels, channels).CopyTo(dst.Slice(x * channels, channels));
            }
        }
        return result;
    }

    /// <summary>Pads every side by the same amount (numpy 'reflect').</summary>
    /// <param name="source">The raster to pad; not modified.</param>
    /// <param name="pad">Samples added on each side, at least 0.</param>
    /// <returns>A new raster; the caller owns it.</returns>
    public static Raster<T> Pad<T>(Raster<T> source, int pad) where T : unmanaged => Pad(source, pad, pad, pad, pad);
}
