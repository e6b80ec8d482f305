namespace RootSeg.Analysis.Depth;

/// <summary>
/// Where a minirhizotron tube's image windows lie in the soil. Windows are numbered along the tube (location 1, 2,
/// ...) a fixed distance apart; a tube installed at an angle from the vertical reaches cos(angle) of that distance in
/// depth (Johnson et al. 2001, "Advancing fine root research with minirhizotrons", Environmental and Experimental
/// Botany 45:263-289, doi:10.1016/S0098-8472(01)00077-6), so
/// <code>depth (mm) = offset + location x window height x cos(angle from vertical)</code>
/// is the depth at which a window's roots are counted. With offset = -(window height x cos(angle)) / 2, location 1 is
/// counted at the depth of its window's centre when window 1 starts at the surface; set the offset to the depth of
/// the tube's entry point below the surface otherwise.
/// </summary>
public sealed record TubeGeometry
{
    /// <summary>Creates the geometry.</summary>
    /// <param name="windowHeightMm">Distance between consecutive locations along the tube, mm; finite and positive
    /// (13.5 mm for the common 18 x 13.5 mm frames of Bartz/ICAP systems).</param>
    /// <param name="angleFromVerticalDegrees">Tube angle from the vertical, degrees in [0, 90) (often 30 or 45).</param>
    /// <param name="offsetMm">Added to every depth, mm; finite.</param>
    public TubeGeometry(double windowHeightMm, double angleFromVerticalDegrees, double offsetMm = 0)
    {
        if (!double.IsFinite(windowHeightMm) || windowHeightMm <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(windowHeightMm), windowHeightMm, "the window height must be finite and positive (mm)");
        }
        if (!(angleFromVerticalDegrees >= 0 && angleFromVerticalDegrees < 90))
        {
            throw new ArgumentOutOfRangeException(nameof(angleFromVerticalDegrees), angleFromVerticalDegrees,
                "the tube angle from the vertical must be in [0, 90) degrees");
        }
        if (!double.IsFinite(offsetMm))
        {
            throw new ArgumentOutOfRangeException(nameof(offsetMm), offsetMm, "the depth offset must be finite (mm)");
        }
        WindowHeightMm = windowHeightMm;
        AngleFromVerticalDegrees = angleFromVerticalDegrees;
        OffsetMm = offsetMm;
    }

    /// <summary>Distance between locations along the tube, mm.</summary>
    public double WindowHeightMm { get; }

    /// <summary>Tube angle from the vertical, degrees.</summary>
    public double AngleFromVerticalDegrees { get; }

    /// <summary>Added to every depth, mm.</summary>
    public double OffsetMm { get; }

    /// <summary>The depth of window <paramref name="location"/>, mm (formula above).</summary>
    /// <param name="location">Location index along the tube, at least 0.</param>
    public double DepthMm(int location)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(location);
        return OffsetMm + location * WindowHeightMm * Math.Cos(AngleFromVerticalDegrees * Math.PI / 180);
    }
}
