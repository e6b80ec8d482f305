namespace RootSeg.Segmentation.Training;

/// <summary>Loss and pixel counts of one pass over the training or validation tiles.</summary>
/// <param name="Loss">Mean of the batch losses (as the reference code of Smith et al. 2020 averages them).</param>
/// <param name="Counts">Pooled confusion counts over all labelled output pixels.</param>
public sealed record EpochMetrics(double Loss, ConfusionCounts Counts)
{
    /// <summary>Pooled F1; NaN where undefined.</summary>
    public double F1 => Counts.F1;

    /// <summary>
    /// Root probability above which a pixel counted as root for <see cref="Counts"/>: 0.5, or the validation threshold
    /// chosen with <see cref="TrainingOptions.TuneThreshold"/>.
    /// </summary>
    public double Threshold { get; init; } = 0.5;

    /// <summary>Pooled precision; NaN where undefined.</summary>
    public double Precision => Counts.Precision;

    /// <summary>Pooled recall; NaN where undefined.</summary>
    public double Recall => Counts.Recall;
}
