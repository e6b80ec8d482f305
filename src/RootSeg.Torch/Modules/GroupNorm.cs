namespace RootSeg.Torch.Modules;

/// <summary>
/// Group normalisation layer (torch.nn.GroupNorm; Wu and He 2018, doi:10.1007/978-3-030-01261-8_1) with per-channel
/// "weight" (ones) and "bias" (zeros). It behaves the same in training and evaluation, which is why the paper's
/// U-Net uses it with small batches.
/// </summary>
public sealed class GroupNorm : Module
{
    private readonly long _groups;
    private readonly double _eps;

    /// <summary>Creates the layer on <paramref name="device"/> (the CPU when null).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numGroups"/> does not divide <paramref name="numChannels"/>, or eps is not positive.</exception>
    public GroupNorm(long numGroups, long numChannels, double eps = 1e-5, bool affine = true, Device? device = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numGroups);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numChannels);
        if (numChannels % numGroups != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(numGroups), numGroups, $"must divide the channel count {numChannels}");
        }
        if (!(eps > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(eps), eps, "must be positive");
        }
        (_groups, _eps) = (numGroups, eps);
        if (affine)
        {
            Weight = RegisterParameter("weight", Tensor.Ones([numChannels], device: device));
            Bias = RegisterParameter("bias", Tensor.Zeros([numChannels], device: device));
        }
    }

    /// <summary>Per-channel scale, or null without affine parameters.</summary>
    public Tensor? Weight { get; }

    /// <summary>Per-channel shift, or null without affine parameters.</summary>
    public Tensor? Bias { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.GroupNorm(input, _groups, Weight, Bias, _eps);
}
