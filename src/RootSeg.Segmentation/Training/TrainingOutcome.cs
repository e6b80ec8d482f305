namespace RootSeg.Segmentation.Training;

/// <summary>How a call to <see cref="Trainer.Run"/> ended.</summary>
/// <param name="Completed">True when every epoch was trained; false when it was cancelled and checkpointed.</param>
/// <param name="CompletedEpochs">Epochs finished so far.</param>
/// <param name="BestEpoch">Epoch with the best validation F1, or null when no F1 was defined yet.</param>
/// <param name="BestF1">That F1 (NaN when none).</param>
/// <param name="Files">The run's files.</param>
public sealed record TrainingOutcome(bool Completed, int CompletedEpochs, int? BestEpoch, double BestF1, RunFiles Files)
{
    /// <summary>
    /// Why a completed run ended before its last epoch (the time budget, or no improvement within the patience);
    /// null when it trained every epoch or was interrupted.
    /// </summary>
    public string? StoppedEarly { get; init; }
}
