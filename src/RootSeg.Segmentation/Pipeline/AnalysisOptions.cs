using RootSeg.Analysis.Traits;

namespace RootSeg.Segmentation.Pipeline;

/// <summary>What <see cref="AnalysisRun"/> analyses and how.</summary>
public sealed record AnalysisOptions
{
    /// <summary>A photo or a folder of photos (<see cref="Batch.PhotoFiles"/>).</summary>
    public required string Input { get; init; }

    /// <summary>The output folder; created when missing.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>A folder of existing masks named by photo stem, or null to segment into <c>OUT/masks</c>.</summary>
    public string? MasksDirectory { get; init; }

    /// <summary>The photos' scale, or null: then only pixel quantities are written and there is no depth profile.</summary>
    public Calibration? Calibration { get; init; }

    /// <summary>Depth profile settings, or null for none; needs a <see cref="Calibration"/>.</summary>
    public DepthSettings? Depth { get; init; }

    /// <summary>Depth of soil an image sees, for root length density, mm (see <see cref="RootTraitOptions.DepthOfFieldMm"/>).</summary>
    public double DepthOfFieldMm { get; init; } = 2.0;

    /// <summary>What identifies the model (path and hash) in the manifest; empty with existing masks.</summary>
    public string ModelIdentity { get; init; } = "";

    /// <summary>Checks the combination.</summary>
    /// <exception cref="ArgumentException">A depth profile without a scale, or a bad depth of field.</exception>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Input, nameof(Input));
        ArgumentException.ThrowIfNullOrWhiteSpace(OutputDirectory, nameof(OutputDirectory));
        if (Depth is not null && Calibration is null)
        {
            throw new ArgumentException("a depth profile needs the photos' scale (pixels per mm)", nameof(Depth));
        }
        if (!double.IsFinite(DepthOfFieldMm) || DepthOfFieldMm <= 0)
        {
            throw new ArgumentException($"the depth of field must be finite and positive, not {DepthOfFieldMm} mm", nameof(DepthOfFieldMm));
        }
    }
}
