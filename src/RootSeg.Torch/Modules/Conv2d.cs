namespace RootSeg.Torch.Modules;

/// <summary>
/// 2-D convolution layer (torch.nn.Conv2d) with parameters "weight" (out, in / groups, k, k) and "bias" (out),
/// initialised as PyTorch does. The paper's U-Net uses 3x3 valid convolutions (Ronneberger et al. 2015,
/// doi:10.1007/978-3-319-24574-4_28).
/// </summary>
public sealed class Conv2d : Module
{
    private readonly long _stride;
    private readonly long _padding;
    private readonly long _dilation;
    private readonly long _groups;

    /// <summary>Creates the layer on <paramref name="device"/> (the CPU when null).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive, padding is negative, or channels are not divisible by groups.</exception>
    public Conv2d(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0, long dilation = 1,
        long groups = 1, bool bias = true, Device? device = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernelSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dilation);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(groups);
        if (inChannels % groups != 0 || outChannels % groups != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(groups), groups, "must divide both channel counts");
        }
        (_stride, _padding, _dilation, _groups) = (stride, padding, dilation, groups);
        Weight = RegisterParameter("weight", Tensor.Empty([outChannels, inChannels / groups, kernelSize, kernelSize], device: device));
        Bias = bias ? RegisterParameter("bias", Tensor.Empty([outChannels], device: device)) : null;
        Init.ConvolutionDefaults(Weight, Bias);
    }

    /// <summary>The kernel (out, in / groups, k, k).</summary>
    public Tensor Weight { get; }

    /// <summary>The bias (out), or null.</summary>
    public Tensor? Bias { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) => Functional.Conv2d(input, Weight, Bias, _stride, _padding, _dilation, _groups);
}
