namespace RootSeg.Segmentation.Augmentation;

/// <summary>
/// The four samples and weights of scipy.ndimage's first-order spline (bilinear) interpolation at one point, with
/// <c>map_coordinates(order=1, mode='constant')</c>'s rules: a point outside [0, n - 1] on either axis takes the
/// constant; a point on the last row or column reads a mirrored neighbour with weight 0.
/// </summary>
internal readonly struct BilinearTaps
{
    public readonly int Row0;
    public readonly int Row1;
    public readonly int Col0;
    public readonly int Col1;
    public readonly double RowWeight0;
    public readonly double RowWeight1;
    public readonly double ColWeight0;
    public readonly double ColWeight1;

    private BilinearTaps(int row0, int row1, int col0, int col1, double rowT, double colT)
    {
        Row0 = row0;
        Row1 = row1;
        Col0 = col0;
        Col1 = col1;
        RowWeight0 = 1.0 - rowT;
        RowWeight1 = rowT;
        ColWeight0 = 1.0 - colT;
        ColWeight1 = colT;
    }

    /// <summary>The taps at (row, col) in a height x width grid, or false where the constant applies.</summary>
    public static bool TryCreate(double row, double col, int height, int width, out BilinearTaps taps)
    {
        // The negated comparisons also send NaN to the constant, as scipy does for non-finite coordinates.
        if (!(row >= 0.0 && row <= height - 1) || !(col >= 0.0 && col <= width - 1))
        {
            taps = default;
            return false;
        }
        var r0 = (int)Math.Floor(row);
        var c0 = (int)Math.Floor(col);
        taps = new BilinearTaps(r0, Neighbour(r0, height), c0, Neighbour(c0, width), row - r0, col - c0);
        return true;
    }

    /// <summary>
    /// The value at the taps, summed in scipy's order: (r0, c0), (r0, c1), (r1, c0), (r1, c1), each sample times its
    /// row weight times its column weight.
    /// </summary>
    public double Interpolate(double v00, double v01, double v10, double v11)
    {
        var t = 0.0;
        t += v00 * RowWeight0 * ColWeight0;
        t += v01 * RowWeight0 * ColWeight1;
        t += v10 * RowWeight1 * ColWeight0;
        t += v11 * RowWeight1 * ColWeight1;
        return t;
    }

    /// <summary>Index + 1, mirrored about the last sample (scipy extends the spline support that way).</summary>
    private static int Neighbour(int index, int length)
    {
        if (length == 1)
        {
            return 0;
        }
        return index + 1 < length ? index + 1 : 2 * length - 2 - (index + 1);
    }
}
