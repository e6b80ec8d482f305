using RootSeg.Segmentation.Training;

namespace RootSeg.Annotate.Training;

/// <summary>Receives the Trainer's progress for the background trainer: the last epoch's record and step notices.</summary>
internal sealed class StatusObserver(Action<string> onProgress) : ITrainingObserver
{
    /// <summary>The record of the last epoch finished; null when none finished in this run.</summary>
    public EpochRecord? Last { get; private set; }

    public void OnStep(StepReport report) =>
        onProgress($"epoch {report.Epoch}: batch {report.Batch} of {report.Batches}");

    public void OnEpoch(EpochRecord record, bool isBest) => Last = record;

    public void OnNotice(string message)
    {
        // Resume notices (changed data, thread counts) are expected on every round here.
    }
}
