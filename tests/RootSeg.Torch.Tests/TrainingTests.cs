using RootSeg.Torch;
using RootSeg.Torch.Modules;
using RootSeg.Torch.Optim;

namespace RootSeg.Torch.Tests;

public sealed class TrainingTests : LeakCheckedTest
{
    [Fact]
    public void ATinyNetworkLearnsToSegmentBrightPixels()
    {
        // Pixels brighter than 0 are class 1: a 1x1-convolution network can learn it exactly, so 60 SGD steps must
        // cut the loss well down, with every temporary disposed.
        Engine.ManualSeed(5);
        using var net = new Sequential(new Conv2d(1, 4, 1), new ReLU(), new GroupNorm(2, 4), new Conv2d(4, 2, 1));
        using var sgd = new Sgd(net.Parameters(), 0.1, momentum: 0.9, nesterov: true);
        using var x = Tensor.RandN([2, 1, 8, 8], seed: 6);
        using var plane = x.Squeeze(1);
        using var positive = plane.Gt(0);
        using var target = positive.To(ScalarType.Int64);
        double first = 0, last = 0;
        for (var step = 0; step < 60; step++)
        {
            sgd.ZeroGrad();
            using var scope = TensorScope.Enter();
            var loss = Functional.CrossEntropy(net.Forward(x), target);
            loss.Backward();
            sgd.Step();
            last = loss.Item();
            if (step == 0)
            {
                first = last;
            }
        }
        Assert.True(last < first / 4, $"loss went from {first} to {last}");
    }
}
