namespace RootSeg.Torch.Optim;

/// <summary>
/// Multiplies the learning rate by gamma at each milestone epoch (torch.optim.lr_scheduler.MultiStepLR); a
/// milestone listed twice applies gamma twice.
/// </summary>
public sealed class MultiStepLr : LearningRateScheduler
{
    private readonly Dictionary<int, int> _milestones;

    /// <summary>Creates the schedule.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A milestone is not positive or gamma is not positive.</exception>
    public MultiStepLr(Optimizer optimizer, IEnumerable<int> milestones, double gamma = 0.1)
        : base(optimizer)
    {
        ArgumentNullException.ThrowIfNull(milestones);
        _milestones = milestones.GroupBy(m => m).ToDictionary(g => g.Key, g => g.Count());
        if (_milestones.Keys.Any(m => m <= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(milestones), "milestones must be positive epochs");
        }
        if (!(gamma > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "must be positive");
        }
        Gamma = gamma;
    }

    /// <summary>The factor applied at each milestone.</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    protected override double Next(double rate, int epoch) =>
        _milestones.TryGetValue(epoch, out var count) ? rate * Math.Pow(Gamma, count) : rate;
}
