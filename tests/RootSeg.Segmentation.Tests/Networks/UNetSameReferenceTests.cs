using RootSeg.Segmentation.Loss;
using RootSeg.Segmentation.Networks;
using RootSeg.Torch;

namespace RootSeg.Segmentation.Tests.Networks;

/// <summary>
/// UNetSame against the same networks in python3-torch (scripts/fixtures/unet_same.py): width 4, depth 2, margin 4,
/// one with batch norm and plain blocks, one with group norm and residual blocks, on a non-square batch of two
/// 64x80 tiles with partial labels.
/// </summary>
[Collection(DefaultGeneratorCollection.Name)]
public sealed class UNetSameReferenceTests
{
    private static readonly ArrayFixture s_fixture = new("unet-same");

    // As for UNetGN (see UNetGNReferenceTests): float32 sums accumulated in another order, about 1e-6 relative per
    // layer; gradients within 2e-2 of the largest element, where a wrong graph errs by tens of per cent.
    private const double OutputTolerance = 1e-4;
    private const double GradientTolerance = 2e-2;

    public static TheoryData<string, bool> Variants => new() { { NormKind.Batch, false }, { NormKind.Group, true } };

    private static UNetSame LoadNetwork(string norm, bool residual)
    {
        var net = new UNetSame(s_fixture.Int("base_width"), s_fixture.Int("depth"), norm, s_fixture.Int("groups"), residual,
            s_fixture.Int("margin"));
        var state = s_fixture.StateDict($"{norm}.weights.");
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

    [Theory]
    [MemberData(nameof(Variants))]
    public void OutputSizeIsTheInputLessTheMargin(string norm, bool residual)
    {
        using var net = LoadNetwork(norm, residual);
        using var scope = TensorScope.Enter();
        using var noGrad = NoGradScope.Enter();
        net.Eval();
        var output = net.Forward(Tensor.Zeros([1, 3, 32, 48]));
        Assert.Equal(new long[] { 1, 2, 24, 40 }, output.Shape);
        Assert.True(net.IsValidInputSize(32));
        Assert.False(net.IsValidInputSize(30));
        Assert.False(net.IsValidInputSize(8));
        Assert.Throws<ArgumentException>(() => net.Forward(Tensor.Zeros([1, 3, 30, 48])));
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void TrainingForwardLossGradientsAndRunningStatisticsEqualPyTorch(string norm, bool residual)
    {
        using var net = LoadNetwork(norm, residual);
        using var scope = TensorScope.Enter();
        net.Train();
        var output = net.Forward(s_fixture.Load($"{norm}.input"));
        s_fixture.AssertClose($"{norm}.output", output, OutputTolerance, OutputTolerance);
        var loss = RootSegmentationLoss.Compute(output, s_fixture.LoadClasses($"{norm}.target"), s_fixture.Load($"{norm}.labelled"));
        loss.Backward();
        s_fixture.AssertClose($"{norm}.loss", loss.Reshape(1), 1e-5, 0);
        var checkedCount = 0;
        foreach (var (name, parameter) in net.NamedParameters())
        {
            var gradient = parameter.Grad() ?? throw new InvalidOperationException($"{name} has no gradient");
            s_fixture.AssertClose($"{norm}.grad.{name}", gradient, GradientTolerance, 1e-7);
            checkedCount++;
        }
        Assert.Equal(s_fixture.Names($"{norm}.grad.").Count(), checkedCount);
        foreach (var (name, buffer) in net.NamedBuffers())
        {
            using var asFloat = buffer.To(ScalarType.Float32);
            s_fixture.AssertClose($"{norm}.after.{name}", asFloat, 1e-5, 1e-6);
        }
        Assert.Equal(s_fixture.Names($"{norm}.after.").Count(), net.NamedBuffers().Count());
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void EvaluationForwardEqualsPyTorch(string norm, bool residual)
    {
        using var net = LoadNetwork(norm, residual);
        using var scope = TensorScope.Enter();
        // The fixture's evaluation pass follows its training pass, which moved the batch norm running statistics.
        var after = s_fixture.StateDict($"{norm}.after.");
        try
        {
            foreach (var (name, buffer) in net.NamedBuffers())
            {
                using var value = after[name].To(buffer.DType);
                buffer.Copy_(value);
            }
        }
        finally
        {
            foreach (var tensor in after.Values)
            {
                tensor.Dispose();
            }
        }
        net.Eval();
        using var noGrad = NoGradScope.Enter();
        var output = net.Forward(s_fixture.Load($"{norm}.input"));
        s_fixture.AssertClose($"{norm}.eval_output", output, OutputTolerance, OutputTolerance);
    }

    [Fact]
    public void RejectsUnknownNormalisationAndGroupsThatDoNotDivideTheWidth()
    {
        Assert.Equal("norm", Assert.Throws<ArgumentOutOfRangeException>(() => new UNetSame(8, 2, "layer", 1, false, 0)).ParamName);
        Assert.Equal("groups", Assert.Throws<ArgumentOutOfRangeException>(() => new UNetSame(6, 2, NormKind.Group, 4, false, 0)).ParamName);
        Assert.Equal("depth", Assert.Throws<ArgumentOutOfRangeException>(() => new UNetSame(8, 0, NormKind.Batch, 1, false, 0)).ParamName);
    }
}
