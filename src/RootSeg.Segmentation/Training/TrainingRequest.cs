namespace RootSeg.Segmentation.Training;

/// <summary>What <see cref="TrainingSession.Run"/> should train, from where, into where.</summary>
public sealed record TrainingRequest
{
    /// <summary>Dataset folder with photos/ and annotations/.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The split file; null for DataDirectory/split.json.</summary>
    public string? SplitPath { get; init; }

    /// <summary>The run folder (log, best model, checkpoint).</summary>
    public required string RunDirectory { get; init; }

    /// <summary>
    /// The run's settings. When resuming, they must equal the checkpoint's except epochs, workers and device; start
    /// from <see cref="TrainingSession.OptionsToResume"/>.
    /// </summary>
    public required TrainingOptions Options { get; init; }

    /// <summary>Continue from the run folder's checkpoint.</summary>
    public bool Resume { get; init; }
}
