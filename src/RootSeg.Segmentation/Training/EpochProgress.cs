namespace RootSeg.Segmentation.Training;

/// <summary>
/// Where an interrupted epoch stopped: the next batch to train and the sums so far, so that a resumed run reports
/// the same epoch figures as one that was never stopped.
/// </summary>
/// <param name="Epoch">1-based epoch in progress.</param>
/// <param name="NextBatch">Index of the first batch not yet trained (the epoch's batch count once all are done).</param>
/// <param name="LossSum">Sum of the batch losses so far.</param>
/// <param name="Counts">Pooled training counts so far.</param>
/// <param name="Seconds">Wall-clock seconds spent on the epoch so far.</param>
public sealed record EpochProgress(int Epoch, int NextBatch, double LossSum, ConfusionCounts Counts, double Seconds)
{
    /// <summary>The start of an epoch.</summary>
    public static EpochProgress Start(int epoch) => new(epoch, 0, 0, default, 0);
}
