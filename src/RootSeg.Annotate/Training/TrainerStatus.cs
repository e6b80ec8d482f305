namespace RootSeg.Annotate.Training;

/// <summary>What the background trainer is doing, for the page's status line (JSON; no NaN, so null instead).</summary>
/// <param name="State">"waiting" (not enough annotations), "training", "stopped" or "error".</param>
/// <param name="Message">One line for a person.</param>
/// <param name="Epoch">Epochs trained so far.</param>
/// <param name="BestEpoch">The epoch of the best model; null before the first.</param>
/// <param name="BestF1">The best model's F1 on the annotated validation photos; null before it is known.</param>
/// <param name="ModelVersion">Increases whenever a better model is saved (0: none yet).</param>
/// <param name="TrainPhotos">Annotated training photos.</param>
/// <param name="ValidationPhotos">Annotated validation photos.</param>
public sealed record TrainerStatus(string State, string Message, int Epoch, int? BestEpoch, double? BestF1,
    int ModelVersion, int TrainPhotos, int ValidationPhotos);
