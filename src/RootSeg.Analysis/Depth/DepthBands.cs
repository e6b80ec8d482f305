namespace RootSeg.Analysis.Depth;

/// <summary>
/// Soil layers of equal thickness for a depth profile: band k covers [<see cref="TopMm"/> + k x
/// <see cref="WidthMm"/>, <see cref="TopMm"/> + (k + 1) x <see cref="WidthMm"/>) in mm below the soil surface, the
/// layers in which root length and root length density profiles are reported.
/// </summary>
public sealed record DepthBands
{
    /// <summary>Creates the bands.</summary>
    /// <param name="widthMm">Thickness of each band in mm; finite and positive.</param>
    /// <param name="topMm">Top of band 0 in mm (0 = soil surface); finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">A width that is not finite and positive, or a top that is not finite.</exception>
    public DepthBands(double widthMm, double topMm = 0)
    {
        if (!double.IsFinite(widthMm) || widthMm <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(widthMm), widthMm, "the band width must be finite and positive (mm)");
        }
        if (!double.IsFinite(topMm))
        {
            throw new ArgumentOutOfRangeException(nameof(topMm), topMm, "the top of the first band must be finite (mm)");
        }
        WidthMm = widthMm;
        TopMm = topMm;
    }

    /// <summary>Thickness of each band, mm.</summary>
    public double WidthMm { get; }

    /// <summary>Top of band 0, mm.</summary>
    public double TopMm { get; }

    /// <summary>The band holding <paramref name="depthMm"/> (negative above <see cref="TopMm"/>).</summary>
    /// <param name="depthMm">A finite depth in mm.</param>
    public int IndexOf(double depthMm)
    {
        if (!double.IsFinite(depthMm))
        {
            throw new ArgumentOutOfRangeException(nameof(depthMm), depthMm, "a depth must be finite");
        }
        return (int)Math.Floor((depthMm - TopMm) / WidthMm);
    }

    /// <summary>Top of band <paramref name="index"/>, mm.</summary>
    public double Top(int index) => TopMm + index * WidthMm;

    /// <summary>Bottom of band <paramref name="index"/>, mm.</summary>
    public double Bottom(int index) => TopMm + (index + 1) * WidthMm;
}
