using RootSeg.Segmentation.Networks;
using RootSeg.Torch;

namespace RootSeg.Segmentation.Tests.Networks;

[Collection(DefaultGeneratorCollection.Name)]
public sealed class UNetGNStructureTests
{
    // The paper's network: the key names of its checkpoint (after "module.") and their shapes.
    [Fact]
    public void PaperNetworkHasThePaperCodesStateDict()
    {
        using var net = new UNetGN();
        var state = net.StateDict();
        Assert.Equal(92, state.Count);
        Assert.Equal(31_045_510, net.Parameters().Sum(p => p.NumberOfElements));
        Assert.Equal([64, 3, 3, 3], state["conv_in.0.weight"].Shape);
        Assert.Equal([64], state["conv_in.2.weight"].Shape);
        Assert.Equal([64, 64, 3, 3], state["conv_in.3.weight"].Shape);
        Assert.Equal([64], state["conv_in.5.bias"].Shape);
        Assert.Equal([128, 64, 3, 3], state["down1.conv1.0.weight"].Shape);
        Assert.Equal([1024, 1024, 3, 3], state["down4.conv2.0.weight"].Shape);
        Assert.Equal([1024, 512, 2, 2], state["up1.conv1.0.weight"].Shape);
        Assert.Equal([512, 1024, 3, 3], state["up1.conv2.0.weight"].Shape);
        Assert.Equal([512, 512, 3, 3], state["up1.conv3.0.weight"].Shape);
        Assert.Equal([64, 128, 3, 3], state["up4.conv2.0.weight"].Shape);
        Assert.Equal([2, 64, 1, 1], state["conv_out.0.weight"].Shape);
        Assert.Equal([2], state["conv_out.2.weight"].Shape);
    }

    // He initialisation: N(0, 2 / fan_in) for every convolution; group norms start at weight 1, bias 0.
    [Fact]
    public void PaperNetworkIsHeInitialised()
    {
        Engine.ManualSeed(7);
        using var net = new UNetGN();
        var state = net.StateDict();
        using (var std = Std(state["down4.conv2.0.weight"]))
        {
            Assert.Equal(Math.Sqrt(2.0 / (1024 * 9)), std.Item(), 1e-4);
        }
        using (var std = Std(state["up1.conv1.0.weight"]))
        {
            Assert.Equal(Math.Sqrt(2.0 / (512 * 4)), std.Item(), 1e-4);
        }
        using (var sum = state["up2.conv3.2.weight"].Sum())
        {
            Assert.Equal(256, sum.Item());
        }
        using (var sum = state["up2.conv3.2.bias"].Abs().Sum())
        {
            Assert.Equal(0, sum.Item());
        }
    }

    private static Tensor Std(Tensor t)
    {
        using var scope = TensorScope.Enter();
        return scope.Keep(t.Square().Mean().Sqrt());
    }

    [Fact]
    public void SmallWidthKeepsTheStructureAndTheOutputGroupNorm()
    {
        using var net = new UNetGN(8, 4);
        var state = net.StateDict();
        Assert.Equal(92, state.Count);
        Assert.Equal([128, 128, 3, 3], state["down4.conv2.0.weight"].Shape);
        Assert.Equal([2], state["conv_out.2.bias"].Shape);
        Assert.Equal((8, 4), (net.BaseWidth, net.Groups));
    }

    [Theory]
    [InlineData(0, 1, "baseWidth")]
    [InlineData(8, 0, "groups")]
    [InlineData(8, 3, "groups")]
    public void ConstructorRejectsBadCounts(int width, int groups, string parameter)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new UNetGN(width, groups));
        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void ForwardRejectsWrongShapesNamingTheInput()
    {
        using var net = new UNetGN(2, 1);
        using var scope = TensorScope.Enter();
        var wrongChannels = Assert.Throws<ArgumentException>(() => net.Forward(Tensor.Zeros([1, 1, 188, 188])));
        Assert.Equal("input", wrongChannels.ParamName);
        var wrongHeight = Assert.Throws<ArgumentException>(() => net.Forward(Tensor.Zeros([1, 3, 190, 188])));
        Assert.Equal("input", wrongHeight.ParamName);
        Assert.Contains("height 190", wrongHeight.Message, StringComparison.Ordinal);
        var wrongWidth = Assert.Throws<ArgumentException>(() => net.Forward(Tensor.Zeros([1, 3, 188, 200])));
        Assert.Contains("width 200", wrongWidth.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => net.Forward(Tensor.Zeros([3, 188, 188])));
    }

    // Non-square tiles: height and width each lose 184 (UNetGNReferenceTests checks the values of a non-square
    // case against PyTorch).
    [Fact]
    public void NonSquareInputLoses184InEachDirection()
    {
        Engine.ManualSeed(3);
        using var net = new UNetGN(2, 1);
        using var scope = TensorScope.Enter();
        using var noGrad = NoGradScope.Enter();
        var input = Tensor.Rand([1, 3, 188, 220], seed: 11) - 0.5;
        var output = net.Forward(input);
        Assert.Equal([1, 2, 4, 36], output.Shape);
    }

    // The forward pass disposes its intermediates: only the result reaches the caller's scope.
    [Fact]
    public void ForwardLeavesOnlyItsResultInTheCallersScope()
    {
        using var net = new UNetGN(2, 1);
        using var scope = TensorScope.Enter();
        using var noGrad = NoGradScope.Enter();
        var input = Tensor.Zeros([1, 3, 188, 188]);
        var before = scope.Count;
        var output = net.Forward(input);
        Assert.Equal(before + 1, scope.Count);
        Assert.False(output.IsDisposed);
    }
}
