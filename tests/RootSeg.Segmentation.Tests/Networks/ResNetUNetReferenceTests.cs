using RootSeg.Segmentation.Loss;
using RootSeg.Segmentation.Networks;
using RootSeg.Torch;

namespace RootSeg.Segmentation.Tests.Networks;

/// <summary>
/// ResNetUNet against the same network in python3-torch (scripts/fixtures/resnet_unet.py): encoder width 8 with
/// [1, 1, 1, 2] blocks, margin 4, on a non-square batch of two 64x96 tiles with partial labels.
/// </summary>
[Collection(DefaultGeneratorCollection.Name)]
public sealed class ResNetUNetReferenceTests
{
    private static readonly ArrayFixture s_fixture = new("resnet-unet");

    // As for UNetSame (see UNetSameReferenceTests): float32 sums in another order; gradients within 2e-2 of the
    // largest element, where a wrong graph errs by tens of per cent.
    private const double OutputTolerance = 1e-4;
    private const double GradientTolerance = 2e-2;

    private static ResNetUNet LoadNetwork()
    {
        var blocks = s_fixture.Index.GetProperty("blocks").EnumerateArray().Select(b => b.GetInt32()).ToArray();
        var net = new ResNetUNet(s_fixture.Int("width"), blocks, s_fixture.Int("margin"));
        var state = s_fixture.StateDict("weights.");
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

    [Fact]
    public void NamesAreTorchvisionsForTheEncoder()
    {
        using var net = LoadNetwork();
        var names = net.StateDict().Keys.ToList();
        Assert.Contains("encoder.input_mean", names);
        Assert.Contains("encoder.conv1.weight", names);
        Assert.Contains("encoder.bn1.running_var", names);
        Assert.Contains("encoder.layer2.0.downsample.0.weight", names);
        Assert.Contains("encoder.layer4.1.conv2.weight", names);
        Assert.DoesNotContain("encoder.layer1.0.downsample.0.weight", names);
        Assert.Contains("decoder5.conv1.weight", names);
        Assert.Contains("head.bias", names);
        Assert.Equal(s_fixture.Names("weights.").Count(), names.Count);
    }

    [Fact]
    public void OutputSizeIsTheInputLessTheMargin()
    {
        using var net = LoadNetwork();
        using var scope = TensorScope.Enter();
        using var noGrad = NoGradScope.Enter();
        net.Eval();
        var output = net.Forward(Tensor.Zeros([1, 3, 32, 64]));
        Assert.Equal(new long[] { 1, 2, 24, 56 }, output.Shape);
        Assert.True(net.IsValidInputSize(32));
        Assert.False(net.IsValidInputSize(48));
        Assert.False(ResNetUNet.IsValidInputSize(64, 32));
        Assert.Throws<ArgumentException>(() => net.Forward(Tensor.Zeros([1, 3, 48, 64])));
        Assert.Throws<ArgumentException>(() => net.Forward(Tensor.Zeros([1, 1, 32, 64])));
    }

    [Fact]
    public void TrainingForwardLossGradientsAndRunningStatisticsEqualPyTorch()
    {
        using var net = LoadNetwork();
        using var scope = TensorScope.Enter();
        net.Train();
        var output = net.Forward(s_fixture.Load("input"));
        s_fixture.AssertClose("output", output, OutputTolerance, OutputTolerance);
        var loss = RootSegmentationLoss.Compute(output, s_fixture.LoadClasses("target"), s_fixture.Load("labelled"));
        loss.Backward();
        s_fixture.AssertClose("loss", loss.Reshape(1), 1e-5, 0);
        var checkedCount = 0;
        foreach (var (name, parameter) in net.NamedParameters())
        {
            var gradient = parameter.Grad() ?? throw new InvalidOperationException($"{name} has no gradient");
            s_fixture.AssertClose($"grad.{name}", gradient, GradientTolerance, 1e-7);
            checkedCount++;
        }
        Assert.Equal(s_fixture.Names("grad.").Count(), checkedCount);
        foreach (var (name, buffer) in net.NamedBuffers())
        {
            using var asFloat = buffer.To(ScalarType.Float32);
            s_fixture.AssertClose($"after.{name}", asFloat, 1e-5, 1e-6);
        }
    }

    [Fact]
    public void EvaluationForwardEqualsPyTorch()
    {
        using var net = LoadNetwork();
        using var scope = TensorScope.Enter();
        var after = s_fixture.StateDict("after.");
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
        var output = net.Forward(s_fixture.Load("input"));
        s_fixture.AssertClose("eval_output", output, OutputTolerance, OutputTolerance);
    }

    [Fact]
    public void RejectsWidthsThatAreNotMultiplesOfFourAndBadStages()
    {
        Assert.Equal("width", Assert.Throws<ArgumentOutOfRangeException>(() => new ResNetUNet(6, [1, 1, 1, 1], 0)).ParamName);
        Assert.Equal("blocks", Assert.Throws<ArgumentOutOfRangeException>(() => new ResNetUNet(8, [1, 1, 1], 0)).ParamName);
        Assert.Equal("blocks", Assert.Throws<ArgumentOutOfRangeException>(() => new ResNetUNet(8, [1, 0, 1, 1], 0)).ParamName);
        Assert.Equal("margin", Assert.Throws<ArgumentOutOfRangeException>(() => new ResNetUNet(8, [1, 1, 1, 1], -1)).ParamName);
    }
}
