using RootSeg.Analysis.Csv;

namespace RootSeg.Analysis.Measurement;

/// <summary>
/// The traits table for images without a scale: only quantities in pixels (skeleton pixels, length along the
/// skeleton, area, diameters) and counts, one row per image. The measurements must have been made at 1 px/mm, so
/// that their millimetre fields hold pixels.
/// </summary>
public static class PixelMeasurementWriter
{
    /// <summary>The columns with descriptions.</summary>
    public static IReadOnlyList<(string Name, string Description)> Columns { get; } =
    [
        ("image", "image name (file stem)"),
        ("skeleton_pixels", "skeleton pixels: the root length measure of Smith et al. 2020"),
        ("length_px", "length along the skeleton in pixels; orthogonal steps 1, diagonal steps sqrt 2"),
        ("area_px", "root pixels in the mask"),
        ("mean_diameter_px", "mean of the diameters at skeleton pixels (2 x distance transform), pixels"),
        ("median_diameter_px", "median diameter at skeleton pixels, pixels"),
        ("max_diameter_px", "largest diameter at a skeleton pixel, pixels"),
        ("tips", "skeleton pixels with exactly one neighbour"),
        ("branch_points", "8-connected clusters of skeleton pixels with three or more neighbours"),
        ("branch_pixels", "skeleton pixels with three or more neighbours"),
    ];

    /// <summary>The table.</summary>
    /// <exception cref="ArgumentException">A measurement made at another scale than 1 px/mm.</exception>
    public static CsvWriter ToCsv(IEnumerable<ImageMeasurement> measurements)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        var csv = new CsvWriter(Columns.Select(c => c.Name).ToArray());
        foreach (var m in measurements)
        {
            var t = m.Traits;
            if (t.LengthPixels != t.LengthMm)
            {
                throw new ArgumentException($"image '{m.Image}' was measured at a scale other than 1 px/mm", nameof(measurements));
            }
            csv.AddRow(m.Image, t.SkeletonPixels, t.LengthPixels, t.AreaPixels, t.MeanDiameterMm, t.MedianDiameterMm, t.MaxDiameterMm,
                t.Tips, t.BranchPoints, t.BranchPixels);
        }
        return csv;
    }
}
