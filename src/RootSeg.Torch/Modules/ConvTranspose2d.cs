namespace RootSeg.Torch.Modules;

/// <summary>
/// 2-D transposed convolution layer (torch.nn.ConvTranspose2d) with parameters "weight" (in, out / groups, k, k)
/// and "bias" (out): U-Net's 2x2 up-convolution with stride 2 (Ronneberger et al. 2015,
/// doi:10.1007/978-3-319-24574-4_28).
/// </summary>
public sealed class ConvTranspose2d : Module
{
    private readonly long _stride;
    private readonly long _padding;
    private readonly long _outputPadding;
    private readonly long _groups;
    private readonly long _dilation;

    /// <summary>Creates the layer on <paramref name="device"/> (the CPU when null), initialised as PyTorch does.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range.</exception>
    public ConvTranspose2d(long inChannels, long outChannels, long kernelSize, long stride = 1, long padding = 0,
        long outputPadding = 0, long groups = 1, bool bias = true, long dilation = 1, Device? device = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernelSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        ArgumentOutOfRangeException.ThrowIfNegative(outputPadding);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(groups);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dilation);
        if (inChannels % groups != 0 || outChannels % groups != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(groups), groups, "must divide both channel counts");
        }
        (_stride, _padding, _outputPadding, _groups, _dilation) = (stride, padding, outputPadding, groups, dilation);
        Weight = RegisterParameter("weight", Tensor.Empty([inChannels, outChannels / groups, kernelSize, kernelSize], device: device));
        Bias = bias ? RegisterParameter("bias", Tensor.Empty([outChannels], device: device)) : null;
        Init.ConvolutionDefaults(Weight, Bias);
    }

    /// <summary>The kernel (in, out / groups, k, k).</summary>
    public Tensor Weight { get; }

    /// <summary>The bias (out), or null.</summary>
    public Tensor? Bias { get; }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) =>
        Functional.ConvTranspose2d(input, Weight, Bias, _stride, _padding, _outputPadding, _groups, _dilation);
}
