using RootSeg.Analysis.Io;
using RootSeg.Analysis.Traits;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Analysis.Depth;

/// <summary>
/// Root length per depth band of a rhizotron panel photo, whose rows run down the soil profile: pixel row y covers
/// depths [top + y / s, top + (y + 1) / s) mm for a panel whose first row lies at depth top (mm) and a scale of s
/// px/mm.
/// </summary>
/// <remarks>
/// Length is measured on the skeleton as <see cref="RootTraitMeasurer"/> measures it (orthogonal links 1 pixel,
/// diagonal links sqrt 2, after Kimura et al. 1999, doi:10.1023/A:1004778925316), and each skeleton pixel's share of
/// it (half of each of its links) goes to the band holding the centre of its row, so the bands add up to the image's
/// length exactly; a link that crosses a band boundary is split half and half between the two bands. A row belongs
/// to the band holding its centre, and its whole width to that band's imaged area.
/// </remarks>
public static class PanelDepth
{
    /// <summary>The samples of one panel photo, one per band that at least one of its rows falls in.</summary>
    /// <param name="skeleton">Single-channel skeleton (non-zero = skeleton) of the root mask.</param>
    /// <param name="calibration">The photo's scale.</param>
    /// <param name="topDepthMm">Depth of the photo's first row's top edge below the soil surface, mm; finite.</param>
    /// <param name="bands">The depth bands.</param>
    /// <param name="group">Panel, date and session for the samples.</param>
    /// <param name="image">The photo's name.</param>
    /// <returns>Samples in band order.</returns>
    /// <exception cref="ArgumentException">A skeleton with more than one channel, or a depth that is not finite.</exception>
    public static IReadOnlyList<DepthSample> Samples(Raster<byte> skeleton, Calibration calibration, double topDepthMm,
        DepthBands bands, ProfileGroup group, string image)
    {
        ArgumentNullException.ThrowIfNull(skeleton);
        var dense = RasterPacking.Pack(skeleton, nameof(skeleton));
        return Samples(dense, skeleton.Width, skeleton.Height, calibration, topDepthMm, bands, group, image);
    }

    /// <summary>As <see cref="Samples(Raster{byte}, Calibration, double, DepthBands, ProfileGroup, string)"/> for a
    /// dense row-major skeleton of <paramref name="width"/> x <paramref name="height"/> samples.</summary>
    public static IReadOnlyList<DepthSample> Samples(ReadOnlySpan<byte> skeleton, int width, int height, Calibration calibration,
        double topDepthMm, DepthBands bands, ProfileGroup group, string image)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentNullException.ThrowIfNull(calibration);
        ArgumentNullException.ThrowIfNull(bands);
        ArgumentNullException.ThrowIfNull(group);
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        if (skeleton.Length != checked(width * height))
        {
            throw new ArgumentException($"skeleton has {skeleton.Length} samples; width x height is {width * height}", nameof(skeleton));
        }
        if (!double.IsFinite(topDepthMm))
        {
            throw new ArgumentException($"the panel's top depth must be finite, not {topDepthMm} mm", nameof(topDepthMm));
        }

        var rowBand = new int[height];
        for (var y = 0; y < height; y++)
        {
            rowBand[y] = bands.IndexOf(topDepthMm + calibration.ToMm(y + 0.5));
        }
        var first = rowBand[0];
        var lengthPx = new double[rowBand[^1] - first + 1];
        var rows = new int[lengthPx.Length];
        foreach (var b in rowBand)
        {
            rows[b - first]++;
        }
        var graph = SkeletonGraph.Build(skeleton, width, height);
        for (var k = 0; k < graph.Pixels.Length; k++)
        {
            lengthPx[rowBand[graph.Pixels[k] / width] - first] += graph.LengthShare[k];
        }
        var samples = new List<DepthSample>(lengthPx.Length);
        for (var i = 0; i < lengthPx.Length; i++)
        {
            if (rows[i] > 0)
            {
                samples.Add(new DepthSample(group.Site, group.Date, group.Session, image, first + i,
                    calibration.ToMm(lengthPx[i]), (double)rows[i] * width * calibration.Mm2PerPixel));
            }
        }
        return samples;
    }
}
