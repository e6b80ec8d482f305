namespace RootSeg.Torch.Modules;

/// <summary>2-D max pooling as a layer (torch.nn.MaxPool2d): U-Net's 2x2 down-sampling with stride 2; no parameters.</summary>
public sealed class MaxPool2d : Module
{
    private readonly long _kernelSize;
    private readonly long _stride;
    private readonly long _padding;
    private readonly long _dilation;
    private readonly bool _ceilMode;

    /// <summary>Creates the layer; <paramref name="stride"/> defaults to the kernel size.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range (padding at most half the kernel).</exception>
    public MaxPool2d(long kernelSize, long? stride = null, long padding = 0, long dilation = 1, bool ceilMode = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernelSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride ?? kernelSize, nameof(stride));
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(padding, kernelSize / 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dilation);
        (_kernelSize, _stride, _padding, _dilation, _ceilMode) = (kernelSize, stride ?? kernelSize, padding, dilation, ceilMode);
    }

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input) =>
        Functional.MaxPool2d(input, _kernelSize, _stride, _padding, _dilation, _ceilMode);
}
