using System.Globalization;

namespace RootSeg.Segmentation.Training;

/// <summary>
/// Decides, before an epoch starts, whether it fits the run's time budget and how many epochs the decaying
/// learning-rate schedule should span: with <see cref="TrainingOptions.Minutes"/>, as many as the time left allows
/// at the wall time of the epochs so far (training and validation; the mean or the latest, whichever is longer), so
/// that the rate decays to its end just as
/// the budget runs out; without it, <see cref="TrainingOptions.Epochs"/>. The plan is kept in the checkpoint, so a
/// resumed epoch uses the plan it started with.
/// </summary>
/// <param name="PlannedEpochs">Epochs the schedule spans.</param>
/// <param name="StopReason">Why no further epoch starts; null to start it.</param>
public sealed record EpochPlan(int PlannedEpochs, string? StopReason)
{
    /// <summary>The plan for the epoch after <paramref name="state"/>'s completed ones.</summary>
    /// <param name="options">The run's options.</param>
    /// <param name="state">The run so far.</param>
    public static EpochPlan Next(TrainingOptions options, CheckpointState state)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(state);
        if (options.Minutes is not { } minutes || state.Records.Count == 0)
        {
            return new EpochPlan(options.Epochs, null);
        }
        var used = state.Records.Sum(r => r.Seconds);
        // The slower of the mean and the latest epoch, so that a machine that slowed down is not over-booked.
        var epoch = Math.Max(used / state.Records.Count, state.Records[^1].Seconds);
        var left = minutes * 60 - used;
        // An epoch starts only when a whole one fits, so that the budget's hard stop (mid-epoch, in the trainer) is
        // the exception and the last, lowest-rate epoch is validated.
        var fits = epoch > 0 ? (int)Math.Min(int.MaxValue, Math.Floor(left / epoch)) : int.MaxValue;
        if (fits < 1)
        {
            return new EpochPlan(state.PlannedEpochs ?? options.Epochs, BudgetSpent(minutes));
        }
        return new EpochPlan(Math.Min(options.Epochs, state.CompletedEpochs + fits), null);
    }

    /// <summary>The stop reason for a spent budget.</summary>
    public static string BudgetSpent(double minutes) =>
        string.Create(CultureInfo.InvariantCulture, $"the {minutes:0.##}-minute time budget is spent");
}
