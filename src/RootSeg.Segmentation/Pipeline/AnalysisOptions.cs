using RootSeg.Analysis.Traits;
using RootSeg.Segmentation.Batch;

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

    /// <summary>
    /// The share of the sorted photo list this run takes (<see cref="ShardSpec"/>). With more than one shard the run
    /// writes its part (<see cref="AnalysisFiles.Part"/>) instead of the tables, and <see cref="AnalysisMerge"/> turns
    /// the parts of every shard into the tables one run over all photos writes.
    /// </summary>
    public ShardSpec Shard { get; init; } = ShardSpec.All;

    /// <summary>Photos decoded ahead of the network and written behind it at once (<see cref="BatchOptions.Pipeline"/>).</summary>
    public int Pipeline { get; init; } = 1;

    /// <summary>Masks measured at once, each on its own thread; 0 means one per core.</summary>
    public int MeasureThreads { get; init; }

    /// <summary>Checks the combination.</summary>
    /// <exception cref="ArgumentException">A depth profile without a scale, a bad depth of field, pipeline or thread count.</exception>
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
        ArgumentOutOfRangeException.ThrowIfLessThan(Pipeline, 1, nameof(Pipeline));
        ArgumentOutOfRangeException.ThrowIfNegative(MeasureThreads, nameof(MeasureThreads));
    }
}
