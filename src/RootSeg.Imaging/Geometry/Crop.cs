using RootSeg.Imaging.Rasters;

namespace RootSeg.Imaging.Geometry;

/// <summary>Copies a rectangle out of a raster.</summary>
public static class Crop
{
    /// <summary>Copies the rectangle at (<paramref name="x"/>, <paramref name="y"/>) of the given size.</summary>
    /// <param name="source">The raster to read; not modified.</param>
    /// <param name="x">Left column, in <c>[0, width)</c>.</param>
    /// <param name="y">Top row, in <c>[0, height)</c>.</param>
    /// <param name="width">Columns to copy, at least 1, with <c>x + width</c> at most the source width.</param>
    /// <param name="height">Rows to copy, at least 1, with <c>y + height</c> at most the source height.</param>
    /// <returns>A new raster with the same channels; the caller owns it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The rectangle is empty or leaves the source.</exception>
    public static Raster<T> Apply<T>(Raster<T> source, int x, int y, int width, int height) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegative(x);
        ArgumentOutOfRangeException.ThrowIfNegative(y);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if ((long)x + width > source.Width)
        {
            throw new ArgumentOutOfRangeException(nameof(width), width,
                $"columns {x}..{x + width} leave the {source.Width}-column source");
        }
        if ((long)y + height > source.Height)
        {
            throw new ArgumentOutOfRangeException(nameof(height), height,
                $"rows {y}..{y + height} leave the {source.Height}-row source");
        }
        var channels = source.Channels;
        var result = new Raster<T>(width, height, channels);
        for (var row = 0; row < height; row++)
        {
            source.Row(y + row).Slice(x * channels, width * channels).CopyTo(result.Row(row));
        }
        return result;
    }
}
