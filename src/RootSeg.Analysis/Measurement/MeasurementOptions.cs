using RootSeg.Analysis.LineIntersect;
using RootSeg.Analysis.Traits;

namespace RootSeg.Analysis.Measurement;

/// <summary>Settings of <c>rootseg measure</c>: trait settings and line-intersect grids, sharing one calibration.</summary>
public sealed record MeasurementOptions
{
    /// <summary>Trait settings.</summary>
    public required RootTraitOptions Traits { get; init; }

    /// <summary>Line-intersect grid settings.</summary>
    public required LineIntersectOptions Grids { get; init; }

    /// <summary>The shared calibration.</summary>
    public Calibration Calibration => Traits.Calibration;

    /// <summary>Default settings (see <see cref="RootTraitOptions"/> and <see cref="LineIntersectOptions"/>) at one scale.</summary>
    public static MeasurementOptions Defaults(Calibration calibration)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        return new MeasurementOptions
        {
            Traits = new RootTraitOptions { Calibration = calibration },
            Grids = new LineIntersectOptions { Calibration = calibration },
        };
    }

    /// <summary>Checks both parts and that they use the same calibration.</summary>
    /// <exception cref="ArgumentException">A bad setting, or two different calibrations.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Traits, nameof(Traits));
        ArgumentNullException.ThrowIfNull(Grids, nameof(Grids));
        Traits.Validate();
        Grids.Validate();
        if (Traits.Calibration != Grids.Calibration)
        {
            throw new ArgumentException(
                $"traits use {Traits.Calibration.PixelsPerMm} px/mm but grids use {Grids.Calibration.PixelsPerMm} px/mm", nameof(Grids));
        }
    }
}
