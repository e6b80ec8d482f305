using RootSeg.Torch.Native;

namespace RootSeg.Torch;

/// <summary>
/// The neural-network ops of torch.nn.functional, with its argument names and semantics, so that a network written
/// over them gives PyTorch's numbers. Inputs are (N, C, H, W) unless stated; results are new tensors.
/// </summary>
public static class Functional
{
    /// <summary>2-D convolution (F.conv2d), as in U-Net (Ronneberger et al. 2015, doi:10.1007/978-3-319-24574-4_28).</summary>
    /// <param name="input">(N, C_in, H, W).</param>
    /// <param name="weight">(C_out, C_in / groups, kH, kW).</param>
    /// <param name="bias">(C_out), or null.</param>
    /// <param name="stride">Step (same in both directions).</param>
    /// <param name="padding">Zero padding on each side (0 = "valid" convolution, as the paper's U-Net uses).</param>
    /// <param name="dilation">Kernel dilation.</param>
    /// <param name="groups">Channel groups.</param>
    /// <exception cref="TorchException">Shapes do not fit together.</exception>
    public static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias = null, long stride = 1, long padding = 0,
        long dilation = 1, long groups = 1)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        using var lease = new HandleLease(input, weight, bias);
        return Tensor.Wrap(NativeMethods.rs_nn_conv2d(lease[0], lease[1], lease[2], [stride, stride], [padding, padding],
            [dilation, dilation], groups));
    }

    /// <summary>2-D convolution (F.conv2d) with (height, width) pairs for stride, padding and dilation.</summary>
    /// <exception cref="ArgumentException">A pair does not hold two values.</exception>
    /// <exception cref="TorchException">Shapes do not fit together.</exception>
    public static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias, long[] stride, long[] padding, long[] dilation,
        long groups = 1)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        CheckPair(stride, nameof(stride));
        CheckPair(padding, nameof(padding));
        CheckPair(dilation, nameof(dilation));
        using var lease = new HandleLease(input, weight, bias);
        return Tensor.Wrap(NativeMethods.rs_nn_conv2d(lease[0], lease[1], lease[2], stride, padding, dilation, groups));
    }

    /// <summary>2-D transposed convolution (F.conv_transpose2d), U-Net's "up-convolution".</summary>
    /// <param name="input">(N, C_in, H, W).</param>
    /// <param name="weight">(C_in, C_out / groups, kH, kW).</param>
    /// <param name="bias">(C_out), or null.</param>
    /// <param name="stride">Step.</param>
    /// <param name="padding">Implicit padding removed from the output.</param>
    /// <param name="outputPadding">Extra size added to one side of the output.</param>
    /// <param name="groups">Channel groups.</param>
    /// <param name="dilation">Kernel dilation.</param>
    public static Tensor ConvTranspose2d(Tensor input, Tensor weight, Tensor? bias = null, long stride = 1,
        long padding = 0, long outputPadding = 0, long groups = 1, long dilation = 1)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(weight);
        using var lease = new HandleLease(input, weight, bias);
        return Tensor.Wrap(NativeMethods.rs_nn_conv_transpose2d(lease[0], lease[1], lease[2], [stride, stride],
            [padding, padding], [outputPadding, outputPadding], groups, [dilation, dilation]));
    }

    /// <summary>Group normalisation (F.group_norm; Wu and He 2018, doi:10.1007/978-3-030-01261-8_1).</summary>
    /// <param name="input">(N, C, ...), C divisible by <paramref name="groups"/>.</param>
    /// <param name="groups">Number of channel groups.</param>
    /// <param name="weight">Per-channel scale (C), or null.</param>
    /// <param name="bias">Per-channel shift (C), or null.</param>
    /// <param name="eps">Added to the variance.</param>
    public static Tensor GroupNorm(Tensor input, long groups, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var lease = new HandleLease(input, weight, bias);
        return Tensor.Wrap(NativeMethods.rs_nn_group_norm(lease[0], groups, lease[1], lease[2], eps));
    }

    /// <summary>
    /// Batch normalisation (F.batch_norm; Ioffe and Szegedy 2015, arXiv:1502.03167). In training the batch
    /// statistics are used and the running ones (when given) are updated in place with <paramref name="momentum"/>.
    /// </summary>
    public static Tensor BatchNorm(Tensor input, Tensor? runningMean, Tensor? runningVar, Tensor? weight = null,
        Tensor? bias = null, bool training = false, double momentum = 0.1, double eps = 1e-5)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var lease = new HandleLease(input, weight, bias, runningMean, runningVar);
        return Tensor.Wrap(NativeMethods.rs_nn_batch_norm(lease[0], lease[1], lease[2], lease[3], lease[4],
            training ? 1 : 0, momentum, eps));
    }

    /// <summary>max(0, x).</summary>
    public static Tensor Relu(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Tensor.Wrap(NativeMethods.rs_nn_relu(input.Handle));
    }

    /// <summary>
    /// max(0, x) written over <paramref name="input"/> (F.relu(x, inplace=True)); returns a new handle on the same
    /// tensor. Autograd allows it where the op that made <paramref name="input"/> does not need its own output for
    /// its gradient (a convolution), and refuses it on a leaf that requires grad.
    /// </summary>
    public static Tensor ReluInPlace(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Tensor.Wrap(NativeMethods.rs_nn_relu_(input.Handle));
    }

    /// <summary>x for x &gt;= 0, slope * x otherwise.</summary>
    public static Tensor LeakyRelu(Tensor input, double negativeSlope = 0.01)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Tensor.Wrap(NativeMethods.rs_nn_leaky_relu(input.Handle, negativeSlope));
    }

    /// <summary>2-D max pooling (F.max_pool2d); <paramref name="stride"/> defaults to the kernel size.</summary>
    public static Tensor MaxPool2d(Tensor input, long kernelSize, long? stride = null, long padding = 0, long dilation = 1,
        bool ceilMode = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        var step = stride ?? kernelSize;
        return Tensor.Wrap(NativeMethods.rs_nn_max_pool2d(input.Handle, [kernelSize, kernelSize], [step, step],
            [padding, padding], [dilation, dilation], ceilMode ? 1 : 0));
    }

    /// <summary>2-D max pooling (F.max_pool2d) with (height, width) pairs.</summary>
    /// <exception cref="ArgumentException">A pair does not hold two values.</exception>
    public static Tensor MaxPool2d(Tensor input, long[] kernelSize, long[] stride, long[] padding, long[] dilation,
        bool ceilMode = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckPair(kernelSize, nameof(kernelSize));
        CheckPair(stride, nameof(stride));
        CheckPair(padding, nameof(padding));
        CheckPair(dilation, nameof(dilation));
        return Tensor.Wrap(NativeMethods.rs_nn_max_pool2d(input.Handle, kernelSize, stride, padding, dilation, ceilMode ? 1 : 0));
    }

    /// <summary>
    /// 2-D average pooling (F.avg_pool2d) with (height, width) pairs; <paramref name="stride"/> defaults to the
    /// kernel. <paramref name="countIncludePad"/> counts padded zeros in each window's mean (PyTorch's default; ONNX
    /// AveragePool's default leaves them out).
    /// </summary>
    public static Tensor AvgPool2d(Tensor input, long[] kernelSize, long[]? stride = null, long[]? padding = null,
        bool ceilMode = false, bool countIncludePad = true)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckPair(kernelSize, nameof(kernelSize));
        stride ??= kernelSize;
        padding ??= [0, 0];
        CheckPair(stride, nameof(stride));
        CheckPair(padding, nameof(padding));
        return Tensor.Wrap(NativeMethods.rs_nn_avg_pool2d(input.Handle, kernelSize, stride, padding,
            ceilMode ? 1 : 0, countIncludePad ? 1 : 0));
    }

    /// <summary>Joins tensors along an existing dimension (torch.cat).</summary>
    public static Tensor Cat(IReadOnlyList<Tensor> tensors, long dim = 0) => Join(tensors, dim, stack: false);

    /// <summary>Joins tensors along a new dimension (torch.stack).</summary>
    public static Tensor Stack(IReadOnlyList<Tensor> tensors, long dim = 0) => Join(tensors, dim, stack: true);

    private static Tensor Join(IReadOnlyList<Tensor> tensors, long dim, bool stack)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Count == 0)
        {
            throw new ArgumentException("needs at least one tensor", nameof(tensors));
        }
        using var lease = new HandleLease([.. tensors]);
        if (lease.Pointers.Any(p => p == IntPtr.Zero))
        {
            throw new ArgumentNullException(nameof(tensors), "a tensor in the list is null");
        }
        return Tensor.Wrap(stack
            ? NativeMethods.rs_nn_stack(lease.Pointers, tensors.Count, dim)
            : NativeMethods.rs_nn_cat(lease.Pointers, tensors.Count, dim));
    }

    /// <summary>Pads the last dimensions (F.pad): <paramref name="pads"/> lists (left, right, top, bottom, ...) from the last dimension backwards.</summary>
    /// <exception cref="TorchException">The mode does not support this input (reflect needs pads smaller than the size).</exception>
    public static Tensor Pad(Tensor input, long[] pads, PadMode mode = PadMode.Constant, double value = 0)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(pads);
        if (pads.Length == 0 || pads.Length % 2 != 0)
        {
            throw new ArgumentException($"pads needs an even, nonzero number of values, not {pads.Length}", nameof(pads));
        }
        return Tensor.Wrap(NativeMethods.rs_nn_pad(input.Handle, pads, pads.Length, (int)mode, value));
    }

    /// <summary>exp(x) / sum(exp(x)) along <paramref name="dim"/>.</summary>
    public static Tensor Softmax(Tensor input, long dim)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Tensor.Wrap(NativeMethods.rs_nn_softmax(input.Handle, dim));
    }

    /// <summary>log(softmax(x)) along <paramref name="dim"/>, computed stably.</summary>
    public static Tensor LogSoftmax(Tensor input, long dim)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Tensor.Wrap(NativeMethods.rs_nn_log_softmax(input.Handle, dim));
    }

    /// <summary>Negative log-likelihood (F.nll_loss) of log-probabilities (N, C, ...) for int64 targets (N, ...).</summary>
    /// <param name="input">Log-probabilities.</param>
    /// <param name="target">Class indices; pixels equal to <paramref name="ignoreIndex"/> add nothing and are not counted.</param>
    /// <param name="classWeight">Per-class weights (C), or null.</param>
    /// <param name="reduction">How values are combined.</param>
    /// <param name="ignoreIndex">The target value of unlabelled pixels.</param>
    public static Tensor NllLoss(Tensor input, Tensor target, Tensor? classWeight = null, Reduction reduction = Reduction.Mean,
        long ignoreIndex = -100)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        using var lease = new HandleLease(input, target, classWeight);
        return Tensor.Wrap(NativeMethods.rs_nn_nll_loss(lease[0], lease[1], lease[2], (int)reduction, ignoreIndex));
    }

    /// <summary>Cross-entropy of logits (N, C, ...) for int64 targets (N, ...) (F.cross_entropy).</summary>
    /// <inheritdoc cref="NllLoss"/>
    public static Tensor CrossEntropy(Tensor input, Tensor target, Tensor? classWeight = null,
        Reduction reduction = Reduction.Mean, long ignoreIndex = -100, double labelSmoothing = 0)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(target);
        using var lease = new HandleLease(input, target, classWeight);
        return Tensor.Wrap(NativeMethods.rs_nn_cross_entropy(lease[0], lease[1], lease[2], (int)reduction, ignoreIndex,
            labelSmoothing));
    }

    /// <summary>
    /// Cross-entropy averaged over the pixels where <paramref name="mask"/> is nonzero (a per-pixel weight): the loss
    /// of partial annotations, where unlabelled pixels carry weight 0. Equals
    /// <c>(F.cross_entropy(x, t, reduction='none') * mask).sum() / mask.sum()</c>; 0 when the mask is empty.
    /// </summary>
    /// <param name="input">Logits (N, C, H, W).</param>
    /// <param name="target">Class indices (N, H, W), int64; any value where the mask is 0.</param>
    /// <param name="mask">Per-pixel weights (N, H, W), float.</param>
    public static Tensor MaskedCrossEntropy(Tensor input, Tensor target, Tensor mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        using var scope = TensorScope.Enter();
        var labelled = mask.Ne(0);
        var safeTarget = Tensor.Where(labelled, target, Tensor.Zeros([], ScalarType.Int64, target.Device));
        var perPixel = CrossEntropy(input, safeTarget, reduction: Reduction.None);
        var total = (perPixel * mask).Sum();
        var count = mask.Sum().Clamp(1e-12, null);
        return scope.Keep(total / count);
    }

    /// <summary>
    /// Resizes (N, C, H, W) to (<paramref name="height"/>, <paramref name="width"/>) (F.interpolate with size).
    /// </summary>
    public static Tensor Interpolate(Tensor input, long height, long width, InterpolationMode mode = InterpolationMode.Nearest,
        bool alignCorners = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        return Tensor.Wrap(NativeMethods.rs_nn_interpolate(input.Handle, height, width, (int)mode, alignCorners ? 1 : 0, 0, 0, 0));
    }

    /// <summary>Resizes (N, C, H, W) by scale factors (F.interpolate with scale_factor; output floor(size * scale)).</summary>
    public static Tensor Interpolate(Tensor input, double scaleHeight, double scaleWidth,
        InterpolationMode mode = InterpolationMode.Nearest, bool alignCorners = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!(scaleHeight > 0) || !(scaleWidth > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(scaleHeight), "scale factors must be positive");
        }
        return Tensor.Wrap(NativeMethods.rs_nn_interpolate(input.Handle, 0, 0, (int)mode, alignCorners ? 1 : 0, 1,
            scaleHeight, scaleWidth));
    }

    /// <summary>
    /// Samples <paramref name="input"/> (N, C, H, W) at the normalised coordinates of <paramref name="grid"/>
    /// (N, H_out, W_out, 2; x then y in [-1, 1]) (F.grid_sample): the warp behind elastic deformation on the device.
    /// </summary>
    public static Tensor GridSample(Tensor input, Tensor grid, GridSampleMode mode = GridSampleMode.Bilinear,
        GridSamplePadding paddingMode = GridSamplePadding.Zeros, bool alignCorners = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(grid);
        return Tensor.Wrap(NativeMethods.rs_nn_grid_sample(input.Handle, grid.Handle, (int)mode, (int)paddingMode,
            alignCorners ? 1 : 0));
    }

    private static void CheckPair(long[] pair, string name)
    {
        ArgumentNullException.ThrowIfNull(pair, name);
        if (pair.Length != 2)
        {
            throw new ArgumentException($"needs (height, width), not {pair.Length} values", name);
        }
    }
}
