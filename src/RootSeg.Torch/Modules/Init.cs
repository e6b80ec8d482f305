namespace RootSeg.Torch.Modules;

/// <summary>Which fan the Kaiming initialisation preserves the variance of.</summary>
public enum FanMode
{
    /// <summary>Inputs per output: keeps activations' variance in the forward pass.</summary>
    FanIn,

    /// <summary>Outputs per input: keeps gradients' variance in the backward pass.</summary>
    FanOut,
}

/// <summary>
/// Weight initialisation with torch.nn.init's semantics, drawing from the default generator (seeded by
/// <see cref="Engine.ManualSeed"/>), so that with the same seed the values equal PyTorch's.
/// </summary>
public static class Init
{
    /// <summary>
    /// Kaiming (He) normal initialisation in place (torch.nn.init.kaiming_normal_): N(0, std²) with
    /// std = gain / sqrt(fan), gain = sqrt(2 / (1 + a²)) for (leaky) ReLU. He et al. 2015, "Delving deep into
    /// rectifiers", doi:10.1109/ICCV.2015.123, equation 10. The paper's U-Net uses it with ReLU (a = 0).
    /// </summary>
    /// <param name="tensor">A weight of at least 2 dimensions (out, in, kernel...).</param>
    /// <param name="a">Negative slope of the leaky ReLU that follows (0 for ReLU).</param>
    /// <param name="mode">Which fan to use.</param>
    /// <returns><paramref name="tensor"/>.</returns>
    /// <exception cref="ArgumentException">The tensor has fewer than 2 dimensions.</exception>
    public static Tensor KaimingNormal_(Tensor tensor, double a = 0, FanMode mode = FanMode.FanIn)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var fan = Fan(tensor, mode);
        var std = LeakyReluGain(a) / Math.Sqrt(fan);
        using var noGrad = NoGradScope.Enter();
        return tensor.Normal_(0, std);
    }

    /// <summary>
    /// Kaiming (He) uniform initialisation in place (torch.nn.init.kaiming_uniform_): U(-b, b) with
    /// b = gain * sqrt(3 / fan). With a = sqrt(5) it is PyTorch's default for convolution weights.
    /// </summary>
    /// <inheritdoc cref="KaimingNormal_"/>
    public static Tensor KaimingUniform_(Tensor tensor, double a = 0, FanMode mode = FanMode.FanIn)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var fan = Fan(tensor, mode);
        var std = LeakyReluGain(a) / Math.Sqrt(fan);
        var bound = Math.Sqrt(3.0) * std;
        using var noGrad = NoGradScope.Enter();
        return tensor.Uniform_(-bound, bound);
    }

    /// <summary>Uniform values in [from, to) in place (torch.nn.init.uniform_).</summary>
    public static Tensor Uniform_(Tensor tensor, double from, double to)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using var noGrad = NoGradScope.Enter();
        return tensor.Uniform_(from, to);
    }

    /// <summary>Sets every element to <paramref name="value"/> in place (torch.nn.init.constant_).</summary>
    public static Tensor Constant_(Tensor tensor, double value)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using var noGrad = NoGradScope.Enter();
        return tensor.Fill_(value);
    }

    /// <summary>
    /// (fan_in, fan_out) of a weight as torch.nn.init computes them: dimension 1 and dimension 0 times the
    /// receptive field (for a transposed convolution's (in, out, k, k) weight the roles are therefore swapped).
    /// </summary>
    /// <exception cref="ArgumentException">The tensor has fewer than 2 dimensions.</exception>
    public static (long FanIn, long FanOut) CalculateFanInAndFanOut(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var shape = tensor.Shape;
        if (shape.Length < 2)
        {
            throw new ArgumentException(
                $"fan in and fan out need a tensor of at least 2 dimensions, not {shape.Length}", nameof(tensor));
        }
        long receptive = 1;
        for (var i = 2; i < shape.Length; i++)
        {
            receptive *= shape[i];
        }
        return (shape[1] * receptive, shape[0] * receptive);
    }

    // calculate_gain('leaky_relu', a), written as torch.nn.init does (a ** 2 in double) so rounding agrees.
    private static double LeakyReluGain(double a) => Math.Sqrt(2.0 / (1 + Math.Pow(a, 2)));

    private static long Fan(Tensor tensor, FanMode mode)
    {
        var (fanIn, fanOut) = CalculateFanInAndFanOut(tensor);
        var fan = mode == FanMode.FanIn ? fanIn : fanOut;
        if (fan == 0)
        {
            throw new ArgumentException("cannot initialise a tensor with a zero-size fan", nameof(tensor));
        }
        return fan;
    }

    // What torch.nn's convolutions do in reset_parameters: weight kaiming_uniform_(a = sqrt(5)), bias
    // U(-1/sqrt(fan_in), 1/sqrt(fan_in)), in that order (the order of draws from the generator matters).
    internal static void ConvolutionDefaults(Tensor weight, Tensor? bias)
    {
        KaimingUniform_(weight, Math.Sqrt(5));
        if (bias is not null)
        {
            var (fanIn, _) = CalculateFanInAndFanOut(weight);
            var bound = fanIn > 0 ? 1 / Math.Sqrt(fanIn) : 0;
            Uniform_(bias, -bound, bound);
        }
    }
}
