namespace RootSeg.Torch.Optim;

/// <summary>
/// Changes an optimiser's learning rate once per epoch (torch.optim.lr_scheduler): call <see cref="Step"/> at the
/// end of each epoch. The rate is updated multiplicatively from its current value, as PyTorch's chainable form
/// does, so the doubles are the same as PyTorch's.
/// </summary>
public abstract class LearningRateScheduler
{
    /// <summary>Binds the schedule to <paramref name="optimizer"/>, at epoch 0.</summary>
    protected LearningRateScheduler(Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        Optimizer = optimizer;
    }

    /// <summary>The optimiser whose rate is scheduled.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>Epochs completed (PyTorch's last_epoch); set it with the optimiser's saved rate to resume.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative.</exception>
    public int LastEpoch
    {
        get;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(LastEpoch));
            field = value;
        }
    }

    /// <summary>Ends an epoch: advances <see cref="LastEpoch"/> and sets the rate for the next one.</summary>
    public void Step()
    {
        LastEpoch++;
        Optimizer.LearningRate = Next(Optimizer.LearningRate, LastEpoch);
    }

    /// <summary>The rate for epoch <paramref name="epoch"/> given the current <paramref name="rate"/>.</summary>
    protected abstract double Next(double rate, int epoch);
}
