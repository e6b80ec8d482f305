namespace RootSeg.Analysis.LineIntersect;

/// <summary>The virtual line-intersect count of one square grid over one image.</summary>
/// <param name="SpacingMm">Grid side in mm.</param>
/// <param name="SpacingPixels">Grid side in pixels.</param>
/// <param name="HorizontalLines">Horizontal lines laid inside the image.</param>
/// <param name="VerticalLines">Vertical lines laid inside the image.</param>
/// <param name="HorizontalCrossings">Root crossings counted on the horizontal lines.</param>
/// <param name="VerticalCrossings">Root crossings counted on the vertical lines.</param>
/// <param name="LineLengthMm">Total length of all lines in mm.</param>
/// <param name="ImageAreaMm2">Area of the image in mm².</param>
public sealed record GridCount(
    double SpacingMm,
    double SpacingPixels,
    int HorizontalLines,
    int VerticalLines,
    long HorizontalCrossings,
    long VerticalCrossings,
    double LineLengthMm,
    double ImageAreaMm2)
{
    /// <summary>All crossings, N.</summary>
    public long Crossings => HorizontalCrossings + VerticalCrossings;

    /// <summary>Total line length in metres.</summary>
    public double LineLengthM => LineLengthMm / 1000;

    /// <summary>Root intensity: crossings per metre of grid line; NaN when no line fits in the image.</summary>
    public double RootIntensityPerM => LineLengthMm > 0 ? Crossings / LineLengthM : double.NaN;

    /// <summary>
    /// Tennant's estimate of root length in the image, in mm: R = (11/14) x N x grid unit (Tennant 1975, "A test of a
    /// modified line intersect method of estimating root length", Journal of Ecology 63(3):995-1001).
    /// </summary>
    public double TennantLengthMm => 11.0 / 14.0 * Crossings * SpacingMm;

    /// <summary>
    /// Newman's estimate of root length in the image, in mm: R = pi N A / (2 H), with A the image area and H the
    /// line length actually laid (Newman 1966, "A method of estimating the total length of root in a sample", Journal
    /// of Applied Ecology 3:139-145, doi:10.2307/2401670); NaN when no line fits in the image.
    /// </summary>
    public double NewmanLengthMm => LineLengthMm > 0 ? Math.PI * Crossings * ImageAreaMm2 / (2 * LineLengthMm) : double.NaN;
}
