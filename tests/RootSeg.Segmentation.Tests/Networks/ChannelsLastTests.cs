using RootSeg.Segmentation.Loss;
using RootSeg.Segmentation.Networks;
using RootSeg.Torch;

namespace RootSeg.Segmentation.Tests.Networks;

/// <summary>
/// Channels-last training (<c>--channels-last</c>): the same values in another memory order, so the network's output,
/// loss and gradients equal those of the default layout up to rounding.
/// </summary>
[Collection(DefaultGeneratorCollection.Name)]
public sealed class ChannelsLastTests
{
    [Fact]
    public void ChannelsLastGivesTheDefaultLayoutsOutputAndGradients()
    {
        using var scope = TensorScope.Enter();
        Engine.ManualSeed(11);
        using var plain = new UNetSame(8, 2, NormKind.Batch, 1, residual: true, margin: 4);
        Engine.ManualSeed(11);
        using var relaid = new UNetSame(8, 2, NormKind.Batch, 1, residual: true, margin: 4);
        relaid.ToChannelsLast();
        foreach (var ((name, a), (_, b)) in plain.NamedParameters().Zip(relaid.NamedParameters()))
        {
            Assert.True(a.ToArray<float>().SequenceEqual(b.ToArray<float>()), $"{name} changed value when relaid");
        }

        Engine.ManualSeed(12);
        var input = Tensor.Rand([2, 3, 48, 64]).Add(-0.5);
        var target = Tensor.Rand([2, 40, 56]).Gt(0.7).To(ScalarType.Int64);
        var labelled = Tensor.Ones([2, 40, 56]);
        var outputs = new List<float[]>();
        var gradients = new List<Dictionary<string, float[]>>();
        foreach (var (net, x) in new[] { (plain, input), (relaid, input.ContiguousChannelsLast()) })
        {
            var output = net.Forward(x);
            RootSegmentationLoss.Compute(output, target, labelled).Backward();
            outputs.Add(output.ToArray<float>());
            gradients.Add(net.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter.Grad()!.ToArray<float>()));
        }
        AssertClose("output", outputs[0], outputs[1], 1e-4);
        foreach (var (name, expected) in gradients[0])
        {
            AssertClose(name, expected, gradients[1][name], 1e-3);
        }
    }

    private static void AssertClose(string name, float[] expected, float[] actual, double relative)
    {
        Assert.Equal(expected.Length, actual.Length);
        var bound = relative * Math.Max(1e-6, expected.Max(v => Math.Abs(v)));
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= bound, $"{name}[{i}]: {actual[i]} vs {expected[i]}");
        }
    }
}
