using RootSeg.Imaging.Rasters;

namespace RootSeg.Imaging.Morphology;

/// <summary>
/// A label image and the size of each label, as made by <see cref="ConnectedComponents.Label"/>. Owns
/// <see cref="Labels"/> and frees it on <see cref="Dispose"/>.
/// </summary>
public sealed class ComponentLabels : IDisposable
{
    internal ComponentLabels(Raster<int> labels, long[] sizes)
    {
        Labels = labels;
        Sizes = sizes;
    }

    /// <summary>0 for background, 1 to <see cref="Count"/> for the components in raster order of first pixel.</summary>
    public Raster<int> Labels { get; }

    /// <summary>Number of components.</summary>
    public int Count => Sizes.Count - 1;

    /// <summary>Pixels per label, like <c>numpy.bincount(labels.ravel())</c>: entry 0 counts the background.</summary>
    public IReadOnlyList<long> Sizes { get; }

    /// <summary>Frees the label image.</summary>
    public void Dispose() => Labels.Dispose();
}
