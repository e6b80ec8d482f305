using RootSeg.Imaging.Rasters;

namespace RootSeg.Imaging.Synthesis;

/// <summary>
/// One synthetic minirhizotron photo with its exact annotation and the root length it was drawn from, made by
/// <see cref="RootPhotoSynthesizer"/>. It owns both rasters and returns them to the pool on <see cref="Dispose"/>.
/// </summary>
/// <remarks>
/// The true length lets a pipeline check its length estimate (Smith et al. 2020, Plant Methods 16:13,
/// doi:10.1186/s13007-020-00563-0, measure length by skeletonizing the segmentation) against a known answer.
/// </remarks>
public sealed class SyntheticPhoto : IDisposable
{
    internal SyntheticPhoto(Raster<byte> photo, Raster<byte> mask, double trueLength, double meanRootWidth,
        int rootCount)
    {
        Photo = photo;
        Mask = mask;
        TrueLength = trueLength;
        MeanRootWidth = meanRootWidth;
        RootCount = rootCount;
    }

    /// <summary>The RGB photo, 3 interleaved channels, 0 to 255.</summary>
    public Raster<byte> Photo { get; }

    /// <summary>
    /// The annotation, 1 channel: 1 where a pixel centre lies within half the local root width of a root's centre
    /// line, else 0. Pebbles, grains and scratches are never marked.
    /// </summary>
    public Raster<byte> Mask { get; }

    /// <summary>Total length in pixels of all root centre lines inside the picture (primaries and laterals).</summary>
    public double TrueLength { get; }

    /// <summary>Length-weighted mean root diameter in pixels inside the picture; 0 when no root is inside.</summary>
    public double MeanRootWidth { get; }

    /// <summary>Roots drawn, primaries and laterals together (some may lie partly outside the picture).</summary>
    public int RootCount { get; }

    /// <summary>Returns both rasters to the pool.</summary>
    public void Dispose()
    {
        Photo.Dispose();
        Mask.Dispose();
    }
}
