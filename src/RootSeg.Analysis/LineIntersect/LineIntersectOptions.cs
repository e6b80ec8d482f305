using RootSeg.Analysis.Traits;

namespace RootSeg.Analysis.LineIntersect;

/// <summary>Settings for <see cref="LineIntersectCounter"/>: the image scale and the grids to lay over it.</summary>
public sealed record LineIntersectOptions
{
    /// <summary>The image scale.</summary>
    public required Calibration Calibration { get; init; }

    /// <summary>
    /// Side lengths, in mm, of the square grids; one count per grid. The default 10, 20, 40 and 80 mm are the grids of
    /// the manual line-intersect method on rhizotron panels, as counted for the data of Smith et al. 2020
    /// (doi:10.1186/s13007-020-00563-0).
    /// </summary>
    public IReadOnlyList<double> GridSpacingsMm { get; init; } = [10, 20, 40, 80];

    /// <summary>
    /// Where the first line lies, as a fraction of the spacing from the top (horizontal lines) or left (vertical
    /// lines) edge, in [0, 1). The default 0.5 puts lines at half a spacing, 1.5 spacings, ... so that the grid
    /// is centred on whole cells and no line runs along an image border, where half of a root would be cut off.
    /// </summary>
    public double OffsetFraction { get; init; } = 0.5;

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentException">No spacing, a spacing that is not finite and positive, or an offset outside [0, 1).</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Calibration, nameof(Calibration));
        ArgumentNullException.ThrowIfNull(GridSpacingsMm, nameof(GridSpacingsMm));
        if (GridSpacingsMm.Count == 0)
        {
            throw new ArgumentException("at least one grid spacing is needed", nameof(GridSpacingsMm));
        }
        foreach (var spacing in GridSpacingsMm)
        {
            if (!double.IsFinite(spacing) || spacing <= 0)
            {
                throw new ArgumentException($"grid spacing {spacing} mm must be finite and positive", nameof(GridSpacingsMm));
            }
        }
        if (!(OffsetFraction >= 0 && OffsetFraction < 1))
        {
            throw new ArgumentException($"offset fraction {OffsetFraction} must be in [0, 1)", nameof(OffsetFraction));
        }
    }
}
