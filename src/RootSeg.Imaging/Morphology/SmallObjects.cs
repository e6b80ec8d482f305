using RootSeg.Imaging.Rasters;

namespace RootSeg.Imaging.Morphology;

/// <summary>
/// Removes connected components smaller than a size, with the semantics of scikit-image 0.19.3's
/// <c>skimage.morphology.remove_small_objects</c> on a boolean image: components of fewer than
/// <c>minSize</c> pixels are cleared, the rest kept as they were.
/// </summary>
/// <remarks>
/// The step that cleans the thresholded Frangi output in the baseline of Smith et al. 2020
/// (doi:10.1186/s13007-020-00563-0). Components are found on runs (He et al. 2008, doi:10.1109/TIP.2008.919369),
/// so no label image is made.
/// </remarks>
public static class SmallObjects
{
    /// <summary>Clears the components of fewer than <paramref name="minSize"/> pixels.</summary>
    /// <param name="mask">Single-channel binary image, nonzero = foreground; not modified.</param>
    /// <param name="minSize">Smallest size kept, at least 0; 0 keeps everything (scikit-image's shortcut).</param>
    /// <param name="connectivity">Neighbourhood; scikit-image's default for this function is
    /// <see cref="Connectivity.Four"/> (<c>connectivity=1</c>).</param>
    /// <returns>A new raster with the input's values where kept and 0 elsewhere; the caller owns it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="mask"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="mask"/> has more than one channel.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minSize"/> is negative or
    /// <paramref name="connectivity"/> is not defined.</exception>
    public static Raster<byte> Remove(Raster<byte> mask, int minSize, Connectivity connectivity = Connectivity.Four)
    {
        MaskChecks.SingleChannel(mask, nameof(mask));
        ArgumentOutOfRangeException.ThrowIfNegative(minSize);
        MaskChecks.Defined(connectivity, nameof(connectivity));
        var result = mask.Clone();
        if (minSize == 0)
        {
            return result;
        }
        var components = RunComponents.Find(mask, connectivity);
        for (var y = 0; y < mask.Height; y++)
        {
            var row = result.Row(y);
            for (var r = components.RowStart[y]; r < components.RowStart[y + 1]; r++)
            {
                if (components.Sizes[components.Label[r]] < minSize)
                {
                    row[components.Start[r]..components.End[r]].Clear();
                }
            }
        }
        return result;
    }
}
