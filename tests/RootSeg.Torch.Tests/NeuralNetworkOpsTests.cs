using RootSeg.Torch;

namespace RootSeg.Torch.Tests;

// Reference values and gradients: scripts/fixtures/torch_ops.py (python3-torch 1.13.1). Gradients are those of
// sum(out * g) for the fixture's random g. Tolerance 1e-5 relative + 1e-6 absolute (float32 sums may be ordered
// differently by thread count).
public sealed class NeuralNetworkOpsTests : LeakCheckedTest
{
    private const double Rtol = 1e-5;
    private const double Atol = 1e-6;

    private static Tensor Leaf(string caseName, string name) => Fixtures.Load(caseName, name).RequiresGrad_();

    private static void AssertGrad(string caseName, string name, Tensor leaf)
    {
        var grad = leaf.Grad();
        Assert.NotNull(grad);
        Fixtures.AssertClose(caseName, name, grad!, Rtol, Atol);
    }

    [Fact]
    public void Conv2dForwardAndBackward()
    {
        using var scope = TensorScope.Enter();
        var x = Leaf("conv2d", "x");
        var w = Leaf("conv2d", "w");
        var b = Leaf("conv2d", "b");
        var g = Fixtures.Load("conv2d", "g");
        var y = Functional.Conv2d(x, w, b);
        Fixtures.AssertClose("conv2d", "out", y, Rtol, Atol);
        (y * g).Sum().Backward();
        AssertGrad("conv2d", "gx", x);
        AssertGrad("conv2d", "gw", w);
        AssertGrad("conv2d", "gb", b);
        var strided = Functional.Conv2d(Fixtures.Load("conv2d_stride_pad", "x"), Fixtures.Load("conv2d_stride_pad", "w"),
            stride: 2, padding: 1);
        Fixtures.AssertClose("conv2d_stride_pad", "out", strided, Rtol, Atol);
    }

    [Fact]
    public void ConvTranspose2dForwardAndBackward()
    {
        using var scope = TensorScope.Enter();
        var x = Leaf("conv_transpose2d", "x");
        var w = Leaf("conv_transpose2d", "w");
        var b = Leaf("conv_transpose2d", "b");
        var y = Functional.ConvTranspose2d(x, w, b, stride: 2);
        Fixtures.AssertClose("conv_transpose2d", "out", y, Rtol, Atol);
        (y * Fixtures.Load("conv_transpose2d", "g")).Sum().Backward();
        AssertGrad("conv_transpose2d", "gx", x);
        AssertGrad("conv_transpose2d", "gw", w);
        AssertGrad("conv_transpose2d", "gb", b);
    }

    [Fact]
    public void GroupNormForwardAndBackward()
    {
        using var scope = TensorScope.Enter();
        var x = Leaf("group_norm", "x");
        var w = Leaf("group_norm", "w");
        var b = Leaf("group_norm", "b");
        var y = Functional.GroupNorm(x, 2, w, b);
        Fixtures.AssertClose("group_norm", "out", y, Rtol, Atol);
        (y * Fixtures.Load("group_norm", "g")).Sum().Backward();
        AssertGrad("group_norm", "gx", x);
        AssertGrad("group_norm", "gw", w);
        AssertGrad("group_norm", "gb", b);
    }

    [Fact]
    public void MaxPoolForwardAndBackward()
    {
        using var scope = TensorScope.Enter();
        var x = Leaf("max_pool2d", "x");
        var y = Functional.MaxPool2d(x, 2);
        Fixtures.AssertClose("max_pool2d", "out", y, 0, 0);
        (y * Fixtures.Load("max_pool2d", "g")).Sum().Backward();
        AssertGrad("max_pool2d", "gx", x);
        Fixtures.AssertClose("max_pool2d", "out_stride1", Functional.MaxPool2d(x, 3, stride: 1, padding: 1), 0, 0);
    }

    [Fact]
    public void MaxPoolWithoutGradientTakesTheFastPathWithTheSameValues()
    {
        // Without autograd a 2x2/2 pool is the maximum of four strided views; it must equal at::max_pool2d, also
        // for odd sizes (the last row and column are dropped) and with NaN (which propagates).
        using var scope = TensorScope.Enter();
        Fixtures.AssertClose("max_pool2d", "out", WithoutGradient(() => Functional.MaxPool2d(Fixtures.Load("max_pool2d", "x"), 2)), 0, 0);

        var values = Tensor.RandN([2, 3, 7, 9], seed: 5).ToArray<float>();
        values[10] = float.NaN;
        var x = Tensor.FromArray(values, [2, 3, 7, 9]);
        var fast = WithoutGradient(() => Functional.MaxPool2d(x, 2));
        var reference = Functional.MaxPool2d(x.Clone().RequiresGrad_(), 2).Detach();
        Assert.Equal(new long[] { 2, 3, 3, 4 }, fast.Shape);
        Assert.Equal(reference.ToArray<float>(), fast.ToArray<float>());
        Assert.True(float.IsNaN(fast.ToArray<float>()[0]));
    }

    [Fact]
    public void InPlaceReluOverwritesItsInputAndKeepsGradients()
    {
        using var scope = TensorScope.Enter();
        var x = Fixtures.Load("activations", "x").Clone();
        var y = Functional.ReluInPlace(x);
        Fixtures.AssertClose("activations", "relu", y, 0, 0);
        Fixtures.AssertClose("activations", "relu", x, 0, 0);

        // After a convolution (whose backward does not need its output) the gradients equal those without in-place.
        var input = Tensor.RandN([1, 2, 6, 6], seed: 7);
        var weight = Tensor.RandN([3, 2, 3, 3], seed: 8).RequiresGrad_();
        Functional.GroupNorm(Functional.Relu(Functional.Conv2d(input, weight)), 3).Sum().Backward();
        var expected = weight.Grad()!.Clone();
        weight.Grad()!.Zero_();
        Functional.GroupNorm(Functional.ReluInPlace(Functional.Conv2d(input, weight)), 3).Sum().Backward();
        Assert.Equal(expected.ToArray<float>(), weight.Grad()!.ToArray<float>());
        Assert.Throws<TorchException>(() => Functional.ReluInPlace(Tensor.RandN([3], seed: 9).RequiresGrad_()));
    }

    private static Tensor WithoutGradient(Func<Tensor> op)
    {
        using var noGrad = NoGradScope.Enter();
        return op();
    }

    [Fact]
    public void ActivationsEqualPyTorchs()
    {
        using var scope = TensorScope.Enter();
        var x = Fixtures.Load("activations", "x");
        Fixtures.AssertClose("activations", "relu", Functional.Relu(x), 0, 0);
        Fixtures.AssertClose("activations", "leaky_relu", Functional.LeakyRelu(x, 0.1), Rtol, Atol);
    }

    [Fact]
    public void PaddingModesEqualPyTorchs()
    {
        using var scope = TensorScope.Enter();
        var x = Fixtures.Load("pad", "x");
        Fixtures.AssertClose("pad", "reflect", Functional.Pad(x, [1, 2, 2, 1], PadMode.Reflect), 0, 0);
        Fixtures.AssertClose("pad", "replicate", Functional.Pad(x, [2, 0, 1, 3], PadMode.Replicate), 0, 0);
        Fixtures.AssertClose("pad", "constant", Functional.Pad(x, [1, 1, 0, 2], PadMode.Constant, 0.5), 0, 0);
        Assert.Throws<TorchException>(() => Functional.Pad(x, [5, 5, 0, 0], PadMode.Reflect));
        Assert.Equal("pads", Assert.Throws<ArgumentException>(() => Functional.Pad(x, [1, 2, 3])).ParamName);
    }

    [Fact]
    public void SoftmaxAndLogSoftmaxEqualPyTorchs()
    {
        using var scope = TensorScope.Enter();
        var x = Fixtures.Load("softmax", "x");
        Fixtures.AssertClose("softmax", "softmax", Functional.Softmax(x, 1), Rtol, Atol);
        Fixtures.AssertClose("softmax", "log_softmax", Functional.LogSoftmax(x, 1), Rtol, Atol);
    }

    [Fact]
    public void CrossEntropyIgnoresMarkedPixelsInLossAndGradient()
    {
        using var scope = TensorScope.Enter();
        var logits = Leaf("cross_entropy", "logits");
        var target = Fixtures.Load("cross_entropy", "target");
        var loss = Functional.CrossEntropy(logits, target, ignoreIndex: -100);
        Fixtures.AssertClose("cross_entropy", "loss", loss, Rtol, Atol);
        loss.Backward();
        AssertGrad("cross_entropy", "grad", logits);
        Fixtures.AssertClose("cross_entropy", "loss_sum", Functional.CrossEntropy(logits, target, reduction: Reduction.Sum), Rtol, Atol);
        Fixtures.AssertClose("cross_entropy", "loss_none", Functional.CrossEntropy(logits, target, reduction: Reduction.None), Rtol, Atol);
        Fixtures.AssertClose("cross_entropy", "nll", Functional.NllLoss(Functional.LogSoftmax(logits, 1), target), Rtol, Atol);
    }

    [Fact]
    public void SoftmaxThenNllBackwardEqualsPyTorchs()
    {
        using var scope = TensorScope.Enter();
        var logits = Leaf("softmax_nll_backward", "logits");
        var loss = Functional.NllLoss(Functional.LogSoftmax(logits, 1), Fixtures.Load("softmax_nll_backward", "target"));
        Fixtures.AssertClose("softmax_nll_backward", "loss", loss, Rtol, Atol);
        loss.Backward();
        AssertGrad("softmax_nll_backward", "grad", logits);
    }

    [Fact]
    public void MaskedCrossEntropyCountsOnlyMaskedPixels()
    {
        using var scope = TensorScope.Enter();
        var logits = Leaf("masked_cross_entropy", "logits");
        var loss = Functional.MaskedCrossEntropy(logits, Fixtures.Load("masked_cross_entropy", "target"),
            Fixtures.Load("masked_cross_entropy", "mask"));
        Fixtures.AssertClose("masked_cross_entropy", "loss", loss, Rtol, Atol);
        loss.Backward();
        AssertGrad("masked_cross_entropy", "grad", logits);
        var empty = Functional.MaskedCrossEntropy(logits, Fixtures.Load("masked_cross_entropy", "target"), Tensor.Zeros([2, 4, 4]));
        Assert.Equal(0, empty.Item());
    }

    [Fact]
    public void InterpolationEqualsPyTorchs()
    {
        using var scope = TensorScope.Enter();
        var x = Fixtures.Load("interpolate", "x");
        Fixtures.AssertClose("interpolate", "bilinear", Functional.Interpolate(x, 5, 7, InterpolationMode.Bilinear), Rtol, Atol);
        Fixtures.AssertClose("interpolate", "bilinear_aligned",
            Functional.Interpolate(x, 5, 7, InterpolationMode.Bilinear, alignCorners: true), Rtol, Atol);
        Fixtures.AssertClose("interpolate", "nearest", Functional.Interpolate(x, 6, 5), 0, 0);
        Fixtures.AssertClose("interpolate", "bilinear_scale",
            Functional.Interpolate(x, 2.5, 2.5, InterpolationMode.Bilinear), Rtol, Atol);
    }

    [Fact]
    public void GridSampleEqualsPyTorchs()
    {
        using var scope = TensorScope.Enter();
        var x = Fixtures.Load("grid_sample", "x");
        var grid = Fixtures.Load("grid_sample", "grid");
        Fixtures.AssertClose("grid_sample", "bilinear_zeros", Functional.GridSample(x, grid), Rtol, Atol);
        Fixtures.AssertClose("grid_sample", "bilinear_border",
            Functional.GridSample(x, grid, paddingMode: GridSamplePadding.Border), Rtol, Atol);
        Fixtures.AssertClose("grid_sample", "bilinear_reflection",
            Functional.GridSample(x, grid, paddingMode: GridSamplePadding.Reflection, alignCorners: true), Rtol, Atol);
        Fixtures.AssertClose("grid_sample", "nearest_zeros", Functional.GridSample(x, grid, GridSampleMode.Nearest), 0, 0);
    }

    [Fact]
    public void BackwardWithoutGraphThrowsTorchException()
    {
        using var x = Tensor.Ones([2]);
        Assert.Throws<TorchException>(() => x.Backward());
        using var scalar = Tensor.Scalar(1);
        Assert.Null(scalar.Grad());
    }
}
