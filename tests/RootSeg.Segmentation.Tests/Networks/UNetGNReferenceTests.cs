using RootSeg.Segmentation.Loss;
using RootSeg.Segmentation.Networks;
using RootSeg.Torch;

namespace RootSeg.Segmentation.Tests.Networks;

/// <summary>
/// UNetGN against the same network in python3-torch (scripts/fixtures/unet.py): a small width, a non-square
/// batch of two 204x220 tiles, partial labels.
/// </summary>
[Collection(DefaultGeneratorCollection.Name)]
public sealed class UNetGNReferenceTests
{
    // Outputs: float32 sums of a few hundred products each, through 23 group norms; oneDNN and PyTorch's
    // reference path accumulate in different orders, so about 1e-6 relative per layer is expected.
    private const double OutputTolerance = 1e-4;

    // Gradients: |error| <= 2e-2 x the largest |gradient| of that parameter (sums over the whole batch). The scale is
    // set by the hardware, not by RootSeg: python3-torch itself, running scripts/fixtures/unet.py on an AVX-512 machine,
    // differs from these fixtures (made on another x86 machine) by up to 0.75% of a gradient's largest element, because
    // a few pre-activations lie within rounding of zero and fall on different sides of the ReLU kink; RootSeg agrees
    // with the same machine's PyTorch to 1e-3. A wrong graph (crop, skip order, loss masking) errs by tens of per cent.
    private const double GradientTolerance = 2e-2;

    private static UNetGN LoadNetwork()
    {
        var net = new UNetGN(UnetFixture.BaseWidth, UnetFixture.Groups);
        var state = UnetFixture.StateDict("weights.");
        try
        {
            net.LoadStateDict(state);
        }
        finally
        {
            foreach (var tensor in state.Values)
            {
                tensor.Dispose();
            }
        }
        return net;
    }

    // Same seed, same draws: the module tree is built and He-initialised in PyTorch's order.
    [Fact]
    public void InitialWeightsEqualPyTorchsForTheSameSeed()
    {
        Engine.ManualSeed(UnetFixture.Seed);
        using var net = new UNetGN(UnetFixture.BaseWidth, UnetFixture.Groups);
        var state = net.StateDict();
        Assert.Equal(UnetFixture.Names("init.").Select(n => n["init.".Length..]), state.Keys);
        foreach (var (name, tensor) in state)
        {
            UnetFixture.AssertClose("init." + name, tensor, rtol: 0, atol: 1e-7);
        }
    }

    [Fact]
    public void ForwardEqualsPyTorch()
    {
        using var net = LoadNetwork();
        using var scope = TensorScope.Enter();
        using var noGrad = NoGradScope.Enter();
        var output = net.Forward(UnetFixture.Load("input"));
        UnetFixture.AssertClose("output", output, OutputTolerance, OutputTolerance);
    }

    [Fact]
    public void PaperLossAndEveryGradientEqualPyTorch()
    {
        using var net = LoadNetwork();
        using var scope = TensorScope.Enter();
        var output = net.Forward(UnetFixture.Load("input"));
        var loss = RootSegmentationLoss.Compute(output, UnetFixture.LoadClasses("target"), UnetFixture.Load("labelled"));
        loss.Backward();
        UnetFixture.AssertClose("loss", loss.Reshape(1), 1e-5, 0);
        var checkedCount = 0;
        foreach (var (name, parameter) in net.NamedParameters())
        {
            var gradient = parameter.Grad() ?? throw new InvalidOperationException($"{name} has no gradient");
            UnetFixture.AssertClose("grad." + name, gradient, GradientTolerance, 1e-7);
            checkedCount++;
        }
        Assert.Equal(UnetFixture.Names("grad.").Count(), checkedCount);
    }
}
