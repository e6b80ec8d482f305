using RootSeg.Imaging.Rasters;

namespace RootSeg.Segmentation.Inference;

/// <summary>The result of segmenting one photo (<see cref="Segmenter.Segment"/>).</summary>
/// <param name="Probability">Root probability per pixel in [0, 1], single channel; owned by this object.</param>
/// <param name="Mask">1 where root, 0 where soil, single channel; owned by this object.</param>
public sealed record SegmentationResult(Raster<float> Probability, Raster<byte> Mask) : IDisposable
{
    /// <summary>Returns both rasters' buffers to the pool.</summary>
    public void Dispose()
    {
        Probability.Dispose();
        Mask.Dispose();
    }
}
