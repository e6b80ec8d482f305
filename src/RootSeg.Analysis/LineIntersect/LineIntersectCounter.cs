using RootSeg.Analysis.Io;
using RootSeg.Analysis.Traits;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Analysis.LineIntersect;

/// <summary>
/// A virtual line-intersect count: lays the square grids of the manual method (Newman 1966, doi:10.2307/2401670;
/// Tennant 1975, Journal of Ecology 63:995-1001) over a root mask and counts where roots cross the lines, giving the root
/// intensity (crossings per metre of line) that agronomists count by hand on rhizotron panels.
/// </summary>
/// <remarks>
/// <para>Geometry: pixel (x, y) covers [x, x+1) x [y, y+1). Horizontal line k lies at y = (offset + k) x spacing
/// pixels, rounded to the nearest pixel boundary b (halves rounded up), so the line runs between rows b - 1 and b;
/// lines whose boundary is 0 or the image height (an image edge) or beyond are not laid. Vertical lines likewise
/// run between columns.</para>
/// <para>Crossing: along a line, a position is root when the pixel on either side of the line is root; each maximal
/// run of such positions is one crossing. So a root one pixel wide that crosses the line diagonally, touching it
/// from above in one column and from below in the next, counts once, as does a root that lies along the line.</para>
/// </remarks>
public static class LineIntersectCounter
{
    /// <summary>Counts crossings on every grid of <paramref name="options"/>.</summary>
    /// <param name="mask">Single-channel root mask; non-zero is root.</param>
    /// <param name="options">Calibration, grid spacings and offset.</param>
    /// <returns>One <see cref="GridCount"/> per spacing, in the order given.</returns>
    public static IReadOnlyList<GridCount> Count(Raster<byte> mask, LineIntersectOptions options)
    {
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var dense = RasterPacking.Pack(mask, nameof(mask));
        return options.GridSpacingsMm
            .Select(s => CountGrid(dense, mask.Width, mask.Height, options.Calibration, s, options.OffsetFraction))
            .ToArray();
    }

    /// <summary>Counts crossings on one square grid.</summary>
    /// <param name="mask">Single-channel root mask; non-zero is root.</param>
    /// <param name="calibration">Image scale.</param>
    /// <param name="spacingMm">Grid side in mm; at least 2 pixels once scaled.</param>
    /// <param name="offsetFraction">First line's distance from the top or left edge, as a fraction of the spacing, in [0, 1).</param>
    /// <exception cref="ArgumentException">A spacing under 2 pixels, or an offset outside [0, 1).</exception>
    public static GridCount CountGrid(Raster<byte> mask, Calibration calibration, double spacingMm, double offsetFraction = 0.5)
    {
        ArgumentNullException.ThrowIfNull(mask);
        return CountGrid(RasterPacking.Pack(mask, nameof(mask)), mask.Width, mask.Height, calibration, spacingMm, offsetFraction);
    }

    /// <summary>The pixel boundaries (1 to <paramref name="extent"/> - 1) where lines of the grid lie along one axis.</summary>
    internal static IReadOnlyList<int> LinePositions(int extent, double spacingPixels, double offsetFraction)
    {
        var positions = new List<int>();
        for (var k = 0; ; k++)
        {
            var boundary = (int)Math.Floor((offsetFraction + k) * spacingPixels + 0.5);
            if (boundary >= extent)
            {
                break;
            }
            if (boundary >= 1)
            {
                positions.Add(boundary);
            }
        }
        return positions;
    }

    /// <summary>Maximal runs of positions where either side of the line holds root.</summary>
    internal static long CountRuns(ReadOnlySpan<byte> before, ReadOnlySpan<byte> after)
    {
        long runs = 0;
        var inside = false;
        for (var i = 0; i < before.Length; i++)
        {
            var root = before[i] != 0 || after[i] != 0;
            if (root && !inside)
            {
                runs++;
            }
            inside = root;
        }
        return runs;
    }

    private static GridCount CountGrid(byte[] mask, int width, int height, Calibration calibration, double spacingMm, double offsetFraction)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        if (!double.IsFinite(spacingMm) || spacingMm <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(spacingMm), spacingMm, "grid spacing must be finite and positive");
        }
        var spacingPixels = calibration.ToPixels(spacingMm);
        if (spacingPixels < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(spacingMm), spacingMm,
                $"a {spacingMm} mm grid is {spacingPixels:0.###} pixels at {calibration.PixelsPerMm} px/mm; at least 2 pixels are needed");
        }
        if (!(offsetFraction >= 0 && offsetFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(offsetFraction), offsetFraction, "offset fraction must be in [0, 1)");
        }
        var rows = LinePositions(height, spacingPixels, offsetFraction);
        var columns = LinePositions(width, spacingPixels, offsetFraction);
        long horizontal = 0;
        foreach (var b in rows)
        {
            horizontal += CountRuns(mask.AsSpan((b - 1) * width, width), mask.AsSpan(b * width, width));
        }
        long vertical = 0;
        var left = new byte[height];
        var right = new byte[height];
        foreach (var b in columns)
        {
            for (var y = 0; y < height; y++)
            {
                left[y] = mask[y * width + b - 1];
                right[y] = mask[y * width + b];
            }
            vertical += CountRuns(left, right);
        }
        var lineLengthMm = calibration.ToMm((double)rows.Count * width + (double)columns.Count * height);
        var imageArea = (double)width * height * calibration.Mm2PerPixel;
        return new GridCount(spacingMm, spacingPixels, rows.Count, columns.Count, horizontal, vertical, lineLengthMm, imageArea);
    }
}
