using RootSeg.Imaging.Rasters;

namespace RootSeg.Imaging.Morphology;

/// <summary>
/// Labels the connected components of a binary image like <c>skimage.measure.label</c> and
/// <c>scipy.ndimage.label</c> (scikit-image 0.19.3, scipy 1.10): pixel-identical labels, numbered in raster order
/// of each component's first pixel. Uses run-based union-find (He et al. 2008, doi:10.1109/TIP.2008.919369).
/// </summary>
public static class ConnectedComponents
{
    /// <summary>Labels the components of the nonzero pixels.</summary>
    /// <param name="mask">Single-channel binary image, nonzero = foreground; not modified.</param>
    /// <param name="connectivity">Neighbourhood; <see cref="Connectivity.Eight"/> is <c>skimage.measure.label</c>'s
    /// 2-D default, <see cref="Connectivity.Four"/> is <c>scipy.ndimage.label</c>'s.</param>
    /// <returns>The int32 label image and sizes; the caller owns them.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="mask"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="mask"/> has more than one channel.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="connectivity"/> is not defined.</exception>
    public static ComponentLabels Label(Raster<byte> mask, Connectivity connectivity)
    {
        MaskChecks.SingleChannel(mask, nameof(mask));
        MaskChecks.Defined(connectivity, nameof(connectivity));
        var components = RunComponents.Find(mask, connectivity);
        var labels = new Raster<int>(mask.Width, mask.Height);
        for (var y = 0; y < mask.Height; y++)
        {
            var row = labels.Row(y);
            for (var r = components.RowStart[y]; r < components.RowStart[y + 1]; r++)
            {
                row[components.Start[r]..components.End[r]].Fill(components.Label[r]);
            }
        }
        return new ComponentLabels(labels, components.Sizes);
    }
}
