namespace RootSeg.Segmentation.Training;

/// <summary>Where training stands after one optimiser step.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Epochs">Epochs of the run as planned (fewer than the options' when a time budget limits it).</param>
/// <param name="Batch">Batches done in this epoch (1-based index of the step just taken).</param>
/// <param name="Batches">Batches in this epoch.</param>
/// <param name="Tiles">Tiles trained in this epoch so far.</param>
/// <param name="EpochTiles">Tiles in this epoch.</param>
/// <param name="Loss">The step's loss.</param>
/// <param name="TilesThisSession">Tiles trained since this process started the run (for the rate).</param>
/// <param name="SecondsThisSession">Seconds of training since this process started the run (for the rate).</param>
/// <param name="BudgetSecondsLeft">Seconds left of the run's time budget (<see cref="TrainingOptions.Minutes"/>, every
/// session's epochs counted); null without one. The run ends by then, however many epochs are planned.</param>
public sealed record StepReport(int Epoch, int Epochs, int Batch, int Batches, int Tiles, int EpochTiles, double Loss,
    long TilesThisSession, double SecondsThisSession, double? BudgetSecondsLeft = null)
{
    /// <summary>Training throughput of this session in tiles per second; NaN before the first second.</summary>
    public double TilesPerSecond => SecondsThisSession > 0 ? TilesThisSession / SecondsThisSession : double.NaN;
}
