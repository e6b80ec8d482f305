using RootSeg.Imaging.Rasters;

namespace RootSeg.Analysis.Io;

/// <summary>Copies single-channel rasters into dense row-major arrays (row padding dropped).</summary>
internal static class RasterPacking
{
    /// <summary>The samples of <paramref name="raster"/> as a width x height array.</summary>
    /// <exception cref="ArgumentException">The raster has more than one channel.</exception>
    public static T[] Pack<T>(Raster<T> raster, string name) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(raster, name);
        if (raster.Channels != 1)
        {
            throw new ArgumentException($"{name} must have 1 channel, not {raster.Channels}", name);
        }
        var dense = new T[raster.Width * raster.Height];
        for (var y = 0; y < raster.Height; y++)
        {
            raster.Row(y).CopyTo(dense.AsSpan(y * raster.Width, raster.Width));
        }
        return dense;
    }

    /// <summary>Throws unless <paramref name="other"/> has the size of <paramref name="reference"/>.</summary>
    public static void RequireSize<TA, TB>(Raster<TA> reference, Raster<TB> other, string referenceName, string name)
        where TA : unmanaged where TB : unmanaged
    {
        ArgumentNullException.ThrowIfNull(other, name);
        if (other.Width != reference.Width || other.Height != reference.Height)
        {
            throw new ArgumentException(
                $"{name} is {other.Width}x{other.Height} but {referenceName} is {reference.Width}x{reference.Height}", name);
        }
    }
}
