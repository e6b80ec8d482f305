namespace RootSeg.Torch.Modules;

/// <summary>
/// Batch normalisation over (N, C, H, W) (torch.nn.BatchNorm2d; Ioffe and Szegedy 2015, arXiv:1502.03167):
/// parameters "weight", "bias"; buffers "running_mean", "running_var", "num_batches_tracked". In training it
/// normalises with the batch's statistics and updates the running ones; in evaluation it uses the running ones.
/// </summary>
public sealed class BatchNorm2d : Module
{
    private readonly double _eps;
    private readonly double? _momentum;

    /// <summary>Creates the layer on <paramref name="device"/> (the CPU when null).</summary>
    /// <param name="numFeatures">Channels C.</param>
    /// <param name="eps">Added to the variance.</param>
    /// <param name="momentum">Weight of the newest batch in the running statistics; null for a cumulative average.</param>
    /// <param name="affine">Learn a per-channel scale and shift.</param>
    /// <param name="trackRunningStats">Keep running statistics (otherwise batch statistics are used in both modes).</param>
    /// <param name="device">Where the tensors live.</param>
    public BatchNorm2d(long numFeatures, double eps = 1e-5, double? momentum = 0.1, bool affine = true,
        bool trackRunningStats = true, Device? device = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numFeatures);
        if (!(eps > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(eps), eps, "must be positive");
        }
        if (momentum is { } m && !(m >= 0 && m <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "must be in [0, 1]");
        }
        (_eps, _momentum) = (eps, momentum);
        if (affine)
        {
            Weight = RegisterParameter("weight", Tensor.Ones([numFeatures], device: device));
            Bias = RegisterParameter("bias", Tensor.Zeros([numFeatures], device: device));
        }
        if (trackRunningStats)
        {
            RunningMean = RegisterBuffer("running_mean", Tensor.Zeros([numFeatures], device: device));
            RunningVar = RegisterBuffer("running_var", Tensor.Ones([numFeatures], device: device));
            NumBatchesTracked = RegisterBuffer("num_batches_tracked", Tensor.Zeros([], ScalarType.Int64, device));
        }
    }

    /// <summary>Per-channel scale, or null.</summary>
    public Tensor? Weight { get; }

    /// <summary>Per-channel shift, or null.</summary>
    public Tensor? Bias { get; }

    /// <summary>Running mean per channel, or null.</summary>
    public Tensor? RunningMean { get; }

    /// <summary>Running (unbiased) variance per channel, or null.</summary>
    public Tensor? RunningVar { get; }

    /// <summary>Training batches seen (int64 scalar), or null.</summary>
    public Tensor? NumBatchesTracked { get; }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The input is not 4-dimensional.</exception>
    public override Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Dimensions != 4)
        {
            throw new ArgumentException($"BatchNorm2d expects (N, C, H, W) input, got {input.Dimensions} dimensions", nameof(input));
        }
        var factor = _momentum ?? 0.0;
        if (IsTraining && NumBatchesTracked is not null)
        {
            NumBatchesTracked.Add_(1);
            if (_momentum is null)
            {
                factor = 1.0 / NumBatchesTracked.Item();
            }
        }
        var useBatchStats = IsTraining || RunningMean is null;
        return Functional.BatchNorm(input, RunningMean, RunningVar, Weight, Bias, useBatchStats, factor, _eps);
    }
}
