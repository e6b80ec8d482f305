using RootSeg.Imaging.Filters;
using RootSeg.Imaging.Morphology;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Baseline.Frangi;

/// <summary>
/// The baseline segmentation of Smith et al. 2020, "Segmentation of roots in soil with U-Net", Plant Methods 16:13
/// (doi:10.1186/s13007-020-00563-0): grey conversion (scikit-image <c>rgb2gray</c>), the Frangi vesselness filter
/// (Frangi et al. 1998, doi:10.1007/BFb0056195, scikit-image 0.19.3 semantics) over the scales 1..max sigma, a
/// threshold, then <c>remove_small_objects</c> (4-connected, scikit-image's default).
/// </summary>
public static class FrangiSegmenter
{
    /// <summary>The value of root pixels in the masks this class returns (0 elsewhere), as PNG masks are stored.</summary>
    public const byte RootValue = 255;

    /// <summary>Segments a photo.</summary>
    /// <param name="photo">An 8-bit raster of 1 to 4 channels (colour is converted to grey); not modified.</param>
    /// <param name="parameters">The five parameters.</param>
    /// <returns>A new single-channel mask, <see cref="RootValue"/> on root and 0 elsewhere; the caller owns it.</returns>
    /// <exception cref="ArgumentException">The photo is smaller than 2x2 or a parameter is out of range.</exception>
    public static Raster<byte> Segment(Raster<byte> photo, FrangiParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(photo);
        using var grey = RasterConversions.ToGreyFloat(photo);
        return SegmentGrey(grey, parameters);
    }

    /// <summary>Segments a grey image already in [0, 1] (as <c>rgb2gray</c> gives).</summary>
    /// <param name="grey">Single-channel float raster, at least 2x2; not modified.</param>
    /// <param name="parameters">The five parameters.</param>
    /// <returns>A new single-channel mask, <see cref="RootValue"/> on root and 0 elsewhere; the caller owns it.</returns>
    /// <exception cref="ArgumentException">The image is not single-channel or smaller than 2x2, or a parameter is out
    /// of range.</exception>
    public static Raster<byte> SegmentGrey(Raster<float> grey, FrangiParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(grey);
        ArgumentNullException.ThrowIfNull(parameters);
        try
        {
            parameters.Validate(nameof(parameters));
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException(e.Message, nameof(parameters), e);
        }
        var options = new FrangiOptions
        {
            Sigmas = parameters.Sigmas(),
            Beta = parameters.Beta1,
            Gamma = parameters.Beta2,
            BlackRidges = !parameters.BrightRoots,
        };
        using var vesselness = Imaging.Filters.Frangi.Apply(grey, options);
        using var thresholded = new Raster<byte>(grey.Width, grey.Height);
        var threshold = (float)parameters.Threshold;
        for (var y = 0; y < grey.Height; y++)
        {
            var v = vesselness.Row(y);
            var m = thresholded.Row(y);
            for (var x = 0; x < v.Length; x++)
            {
                m[x] = v[x] > threshold ? RootValue : (byte)0;
            }
        }
        return SmallObjects.Remove(thresholded, parameters.MinObjectSize, Connectivity.Four);
    }
}
