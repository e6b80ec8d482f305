namespace RootSeg.Segmentation.Training;

/// <summary>
/// The per-step learning rate of the decaying schedules (<see cref="ScheduleNames.Poly"/>,
/// <see cref="ScheduleNames.Cosine"/>) with an optional linear warm-up. Progress runs from 0 at the first step of
/// the run to 1 at the end of its planned last epoch; a step's progress is (epoch - 1 + batch / batches) / planned
/// epochs, so the rate depends only on the step's position and the plan, and a resumed run repeats it exactly.
/// </summary>
public static class LearningRateSchedule
{
    /// <summary>nnU-Net's exponent of the polynomial decay (Isensee et al. 2021, doi:10.1038/s41592-020-01008-z).</summary>
    public const double PolyExponent = 0.9;

    /// <summary>The rate of one optimiser step.</summary>
    /// <param name="schedule">A decaying schedule's name.</param>
    /// <param name="initialRate">The peak rate, &gt; 0.</param>
    /// <param name="warmupSteps">Steps of linear warm-up (0 for none).</param>
    /// <param name="step">0-based index of the step in the whole run.</param>
    /// <param name="progress">Position in the planned run, clamped to [0, 1].</param>
    /// <returns>The rate, in [0, initialRate].</returns>
    /// <exception cref="ArgumentOutOfRangeException">The schedule is not a decaying one, or a number is out of range.</exception>
    public static double At(string schedule, double initialRate, int warmupSteps, long step, double progress)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(warmupSteps);
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        if (!(initialRate > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(initialRate), initialRate, "must be > 0");
        }
        var p = Math.Clamp(double.IsNaN(progress) ? 0 : progress, 0, 1);
        var decay = schedule switch
        {
            ScheduleNames.Poly => Math.Pow(1 - p, PolyExponent),
            ScheduleNames.Cosine => 0.5 * (1 + Math.Cos(Math.PI * p)),
            _ => throw new ArgumentOutOfRangeException(nameof(schedule), schedule, "is not a per-step decaying schedule"),
        };
        var warmup = warmupSteps == 0 ? 1 : Math.Min(1, (step + 1) / (double)warmupSteps);
        return initialRate * decay * warmup;
    }

    /// <summary>Progress of a step: (epoch - 1 + batch / batches) / planned epochs, clamped to [0, 1].</summary>
    /// <param name="epoch">1-based epoch.</param>
    /// <param name="batch">0-based batch within the epoch.</param>
    /// <param name="batches">Batches in the epoch, 1 or more.</param>
    /// <param name="plannedEpochs">Epochs the schedule spans, 1 or more.</param>
    public static double Progress(int epoch, int batch, int batches, int plannedEpochs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(epoch, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(batch);
        ArgumentOutOfRangeException.ThrowIfLessThan(batches, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(plannedEpochs, 1);
        return Math.Clamp((epoch - 1 + batch / (double)batches) / plannedEpochs, 0, 1);
    }
}
