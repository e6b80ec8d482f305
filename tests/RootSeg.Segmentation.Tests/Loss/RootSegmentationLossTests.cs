using RootSeg.Segmentation.Loss;
using RootSeg.Segmentation.Tests.Networks;
using RootSeg.Torch;

namespace RootSeg.Segmentation.Tests.Loss;

public sealed class RootSegmentationLossTests
{
    // Cases from scripts/fixtures/unet.py, where the reference selects labelled pixels by boolean indexing:
    // roots with partial labels, everything labelled, no root among the labelled pixels (cross-entropy alone),
    // nothing labelled (zero). Float32 sums of 60 terms: 1e-6 absolute.
    [Theory]
    [InlineData("partial")]
    [InlineData("all")]
    [InlineData("noroot")]
    [InlineData("none")]
    public void ValueAndGradientEqualPyTorch(string name)
    {
        using var scope = TensorScope.Enter();
        var logits = UnetFixture.Load($"loss.{name}.logits").RequiresGrad_();
        var loss = RootSegmentationLoss.Compute(logits, UnetFixture.LoadClasses($"loss.{name}.target"),
            UnetFixture.Load($"loss.{name}.labelled"));
        loss.Backward();
        UnetFixture.AssertClose($"loss.{name}.value", loss.Reshape(1), 1e-6, 1e-6);
        UnetFixture.AssertClose($"loss.{name}.grad", logits.Grad()!, 1e-5, 1e-7);
    }

    // Two pixels, background logit 0: root logits 0 and ln 3 give p = 1/2 and 3/4; truths 1 and 0.
    // Dice = 1 - 2 (1/2) / (5/4 + 1) = 5/9; cross-entropy = (ln 2 + ln 4) / 2.
    [Fact]
    public void HandComputedTwoPixels()
    {
        using var scope = TensorScope.Enter();
        var logits = Tensor.FromArray([0f, 0f, 0f, (float)Math.Log(3)], [1, 2, 1, 2]);
        var target = Tensor.FromArray([1L, 0L], [1, 1, 2]);
        using (var dice = DiceLoss.Compute(logits, target))
        {
            Assert.Equal(5.0 / 9, dice.Item(), 1e-6);
        }
        var expected = 5.0 / 9 + RootSegmentationLoss.CrossEntropyWeight * (Math.Log(2) + Math.Log(4)) / 2;
        Assert.Equal(expected, RootSegmentationLoss.Compute(logits, target).Item(), 1e-6);
        Assert.Equal(0.3, RootSegmentationLoss.CrossEntropyWeight);
    }

    [Fact]
    public void UnlabelledPixelsGetNoGradientAndDoNotChangeTheLoss()
    {
        using var scope = TensorScope.Enter();
        var logits = (Tensor.RandN([1, 2, 4, 4], seed: 5) * 3).RequiresGrad_();
        var target = Tensor.RandInt(0, 2, [1, 4, 4], seed: 6);
        var labelled = Tensor.Rand([1, 4, 4], seed: 7).Lt(0.6);
        var loss = RootSegmentationLoss.Compute(logits, target, labelled);
        loss.Backward();
        var unlabelledGrad = logits.Grad()!.Abs().Sum(dims: [1]) * labelled.LogicalNot().To(ScalarType.Float32);
        Assert.Equal(0, unlabelledGrad.Sum().Item());

        // Whatever the logits and targets at unlabelled pixels, the loss is the same.
        var flip = labelled.LogicalNot().Unsqueeze(1).To(ScalarType.Float32);
        using var noGrad = NoGradScope.Enter();
        var otherLogits = logits.Detach() + flip * 100;
        var otherTarget = Tensor.Where(labelled, target, Tensor.Ones([1, 4, 4], ScalarType.Int64) - target);
        Assert.Equal(loss.Item(), RootSegmentationLoss.Compute(otherLogits, otherTarget, labelled).Item(), 1e-6);
    }

    [Fact]
    public void PerfectConfidentPredictionHasNearZeroDice()
    {
        using var scope = TensorScope.Enter();
        var target = Tensor.FromArray([1L, 0L, 1L, 1L], [1, 2, 2]);
        var root = target.To(ScalarType.Float32) * 40 - 20;
        var logits = Functional.Cat([-root.Unsqueeze(1), root.Unsqueeze(1)], 1);
        Assert.True(DiceLoss.Compute(logits, target).Item() < 1e-6);
        Assert.True(RootSegmentationLoss.Compute(logits, target).Item() < 1e-6);
    }

    [Fact]
    public void BadInputsNameTheArgument()
    {
        using var scope = TensorScope.Enter();
        var logits = Tensor.Zeros([1, 2, 3, 3]);
        var target = Tensor.Zeros([1, 3, 3], ScalarType.Int64);
        Assert.Equal("logits", Assert.Throws<ArgumentException>(
            () => RootSegmentationLoss.Compute(Tensor.Zeros([1, 3, 3, 3]), target)).ParamName);
        Assert.Equal("target", Assert.Throws<ArgumentException>(
            () => RootSegmentationLoss.Compute(logits, Tensor.Zeros([1, 3, 4], ScalarType.Int64))).ParamName);
        Assert.Equal("target", Assert.Throws<ArgumentException>(
            () => RootSegmentationLoss.Compute(logits, Tensor.Zeros([1, 3, 3]))).ParamName);
        Assert.Equal("labelled", Assert.Throws<ArgumentException>(
            () => DiceLoss.Compute(logits, target, Tensor.Ones([1, 3, 2]))).ParamName);
    }
}
