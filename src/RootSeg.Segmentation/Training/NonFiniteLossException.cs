namespace RootSeg.Segmentation.Training;

/// <summary>
/// The loss became NaN or infinite; training stops before the bad gradients reach the weights, and the last
/// checkpoint (from the end of the previous epoch, or the last interruption) is left as it was.
/// </summary>
public sealed class NonFiniteLossException : Exception
{
    /// <summary>Creates the exception for a bad loss at a step.</summary>
    /// <param name="epoch">1-based epoch.</param>
    /// <param name="batch">0-based batch index within the epoch.</param>
    /// <param name="loss">The value (NaN or an infinity).</param>
    /// <param name="checkpoint">The checkpoint left in place, or null when none was written yet.</param>
    public NonFiniteLossException(int epoch, int batch, double loss, string? checkpoint)
        : base($"the training loss is {loss} at epoch {epoch}, batch {batch + 1}; training stopped before updating " +
               "the weights. " + (checkpoint is null
                   ? "No checkpoint was written yet."
                   : $"The last good checkpoint is {checkpoint}.") +
               " A lower learning rate (or checking the data for empty or corrupt images) usually helps.")
    {
        (Epoch, Batch, Loss, Checkpoint) = (epoch, batch, loss, checkpoint);
    }

    /// <summary>1-based epoch of the bad step.</summary>
    public int Epoch { get; }

    /// <summary>0-based batch index of the bad step.</summary>
    public int Batch { get; }

    /// <summary>The non-finite loss.</summary>
    public double Loss { get; }

    /// <summary>Path of the checkpoint left in place, if any.</summary>
    public string? Checkpoint { get; }
}
