using RootSeg.Imaging.Filters;
using RootSeg.Imaging.Morphology;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Baseline.Frangi;

/// <summary>
/// The baseline segmentation of Smith et al. 2020, "Segmentation of roots in soil with U-Net", Plant Methods 16:13
/// (doi:10.1186/s13007-020-00563-0): grey conversion (scikit-image <c>rgb2gray</c>), the Frangi vesselness filter
/// (Frangi et al. 1998, doi:10.1007/BFb0056195) as the paper's code computes it: over its scales 1, 2, 4, ...
/// (<see cref="FrangiParameters.Sigmas"/>), with its zero-padded border and scikit-image 0.14's eigenvalue rule
/// (<see cref="FrangiEigenvalues.ByValue"/>); a threshold, then <c>remove_small_objects</c> (4-connected,
/// scikit-image's default).
/// </summary>
/// <remarks>
/// The paper's code inverts the grey photo (<c>1 - grey</c>, so its light roots become dark ridges) and takes the
/// Hessian with scikit-image's <c>hessian_matrix</c>, whose Gaussian pads with zeros (<c>mode='constant', cval=0</c>).
/// Here the photo is filtered as it is, so the same border is a constant beyond the edges equal to the root side of
/// the range: 1 (white) for light roots, 0 for dark roots, i.e. the image in which roots are dark is zero-padded.
/// Mirroring the edges instead (scikit-image 0.19's <c>frangi</c>) makes a bright edge band look like a ridge.
/// </remarks>
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
    public static Raster<byte> SegmentGrey(Raster<float> grey, FrangiParameters parameters) =>
        SegmentGreyAll(grey, [parameters])[0];

    /// <summary>
    /// Segments a grey image with several parameter sets at once (a search's generation): each sigma's Hessian is
    /// computed once for all of them (<see cref="Imaging.Filters.Frangi.ApplyAll"/>). Each mask equals
    /// <see cref="SegmentGrey"/>'s for its set.
    /// </summary>
    /// <param name="grey">Single-channel float raster, at least 2x2; not modified.</param>
    /// <param name="parameters">One or more parameter sets.</param>
    /// <returns>One new mask per set, in order; the caller owns them.</returns>
    /// <exception cref="ArgumentException">As for <see cref="SegmentGrey"/>.</exception>
    public static Raster<byte>[] SegmentGreyAll(Raster<float> grey, IReadOnlyList<FrangiParameters> parameters)
    {
        ArgumentNullException.ThrowIfNull(grey);
        ArgumentNullException.ThrowIfNull(parameters);
        foreach (var set in parameters)
        {
            ArgumentNullException.ThrowIfNull(set, nameof(parameters));
            try
            {
                set.Validate(nameof(parameters));
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException(e.Message, nameof(parameters), e);
            }
        }
        // Sets share the smoothing only within one border value, which follows the root colour.
        var vesselness = new Raster<float>[parameters.Count];
        foreach (var group in Enumerable.Range(0, parameters.Count).GroupBy(i => parameters[i].BrightRoots))
        {
            var indices = group.ToArray();
            var results = Imaging.Filters.Frangi.ApplyAll(grey, indices.Select(i => FilterOptions(parameters[i])).ToArray());
            for (var k = 0; k < indices.Length; k++)
            {
                vesselness[indices[k]] = results[k];
            }
        }
        try
        {
            return [.. parameters.Select((p, i) => ThresholdAndClean(vesselness[i], p))];
        }
        finally
        {
            foreach (var v in vesselness)
            {
                v.Dispose();
            }
        }
    }

    /// <summary>The Frangi filter's options for <paramref name="parameters"/>: the paper's scales, border and
    /// eigenvalue rule.</summary>
    internal static FrangiOptions FilterOptions(FrangiParameters parameters) => new()
    {
        Eigenvalues = FrangiEigenvalues.ByValue,
        Sigmas = parameters.Sigmas(),
        Beta = parameters.Beta1,
        Gamma = parameters.Beta2,
        BlackRidges = !parameters.BrightRoots,
        Border = FrangiBorder.Constant,
        BorderValue = parameters.BrightRoots ? 1 : 0,
    };

    private static Raster<byte> ThresholdAndClean(Raster<float> vesselness, FrangiParameters parameters)
    {
        using var thresholded = new Raster<byte>(vesselness.Width, vesselness.Height);
        var threshold = (float)parameters.Threshold;
        for (var y = 0; y < vesselness.Height; y++)
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
