namespace RootSeg.Segmentation.Training;

/// <summary>The files a training run writes into its folder.</summary>
/// <param name="Directory">The run folder.</param>
public sealed record RunFiles(string Directory)
{
    /// <summary>Per-epoch metrics (<see cref="EpochRecord.CsvHeader"/>).</summary>
    public string Log => Path.Combine(Directory, "log.csv");

    /// <summary>Weights of the epoch with the best validation F1, with their description.</summary>
    public string BestModel => Path.Combine(Directory, "best.safetensors");

    /// <summary>The description of the best model, also held inside it.</summary>
    public string BestDescription => Path.Combine(Directory, "best.json");

    /// <summary>Weights, optimiser state and run state at the last epoch end or interruption.</summary>
    public string Checkpoint => Path.Combine(Directory, "checkpoint.safetensors");

    /// <summary>The run state of the checkpoint as readable JSON (the copy inside the checkpoint is the one read).</summary>
    public string CheckpointDescription => Path.Combine(Directory, "checkpoint.json");

    /// <summary>The model of one epoch, kept with <see cref="TrainingOptions.KeepEpochModels"/>: epochs/epoch-N.safetensors.</summary>
    /// <param name="epoch">The epoch, 1-based.</param>
    public string EpochModel(int epoch) =>
        Path.Combine(Directory, "epochs", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"epoch-{epoch}.safetensors"));
}
