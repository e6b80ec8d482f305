using RootSeg.Analysis.LineIntersect;
using RootSeg.Analysis.Traits;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Analysis.Measurement;

/// <summary>Everything <c>rootseg measure</c> reports for one image: its traits and its line-intersect counts.</summary>
/// <param name="Image">The image's name (file stem).</param>
/// <param name="Traits">Root traits (<see cref="RootTraitMeasurer"/>).</param>
/// <param name="Grids">One count per grid spacing, in the order of the settings (<see cref="LineIntersectCounter"/>).</param>
public sealed record ImageMeasurement(string Image, RootTraits Traits, IReadOnlyList<GridCount> Grids)
{
    /// <summary>Measures one image.</summary>
    /// <param name="image">The image's name; not empty.</param>
    /// <param name="mask">Single-channel root mask; non-zero is root.</param>
    /// <param name="skeleton">Its skeleton; non-zero is skeleton.</param>
    /// <param name="distance">Its Euclidean distance transform, in pixels.</param>
    /// <param name="options">Settings.</param>
    public static ImageMeasurement Measure(string image, Raster<byte> mask, Raster<byte> skeleton, Raster<float> distance, MeasurementOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new ImageMeasurement(
            image,
            RootTraitMeasurer.Measure(mask, skeleton, distance, options.Traits),
            LineIntersectCounter.Count(mask, options.Grids));
    }
}
