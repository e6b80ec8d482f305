namespace RootSeg.Torch.Optim;

/// <summary>
/// Multiplies the learning rate by gamma every <c>stepSize</c> epochs (torch.optim.lr_scheduler.StepLR): the paper's
/// schedule is x0.3 every 30 epochs (Smith et al. 2020, doi:10.1186/s13007-020-00563-0).
/// </summary>
public sealed class StepLr : LearningRateScheduler
{
    /// <summary>Creates the schedule.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stepSize"/> or <paramref name="gamma"/> is not positive.</exception>
    public StepLr(Optimizer optimizer, int stepSize, double gamma = 0.1)
        : base(optimizer)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepSize);
        if (!(gamma > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "must be positive");
        }
        (StepSize, Gamma) = (stepSize, gamma);
    }

    /// <summary>Epochs between reductions.</summary>
    public int StepSize { get; }

    /// <summary>The factor applied every <see cref="StepSize"/> epochs.</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    protected override double Next(double rate, int epoch) => epoch % StepSize == 0 ? rate * Gamma : rate;
}
