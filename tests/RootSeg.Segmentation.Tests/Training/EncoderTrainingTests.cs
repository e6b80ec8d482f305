using RootSeg.Segmentation.Networks;
using RootSeg.Segmentation.Tests.Data;
using RootSeg.Segmentation.Tests.Networks;
using RootSeg.Segmentation.Training;
using RootSeg.Torch;
using RootSeg.Torch.Modules;

namespace RootSeg.Segmentation.Tests.Training;

/// <summary>
/// Fine-tuning a network with a pretrained encoder (<see cref="EncoderTraining"/>) in a whole tiny training run: what
/// is frozen does not change at all, what learns slower or faster does learn, and other networks are untouched by the
/// encoder options.
/// </summary>
[Collection(DefaultGeneratorCollection.Name)]
public sealed class EncoderTrainingTests
{
    private static (Dictionary<string, float[]> Before, Dictionary<string, float[]> After) Train(TrainingOptions options)
    {
        using var run = new TinyRun();
        using var folder = new TemporaryDirectory();
        using var network = TinyRun.Network(TinyRun.TransferVariant);
        var before = TinyRun.Weights(network);
        var outcome = new Trainer(options with { Epochs = 1 }, TinyRun.MaskedCrossEntropy)
            .Run(network, run.Data, TinyRun.Description, folder.Path, resume: false);
        Assert.True(outcome.Completed);
        return (before, TinyRun.Weights(network));
    }

    private static bool Changed(Dictionary<string, float[]> before, Dictionary<string, float[]> after, string name) =>
        !before[name].SequenceEqual(after[name]);

    [Fact]
    public void FrozenStatisticsAndStagesDoNotChangeWhileTheRestLearns()
    {
        var options = TinyRun.OptionsFor(TinyRun.TransferVariant) with { FrozenEncoderStages = 2 };
        var (before, after) = Train(options);
        // The stem and stage 1: no weight, no statistic changes.
        foreach (var name in before.Keys.Where(k => k.StartsWith("encoder.conv1.", StringComparison.Ordinal)
                     || k.StartsWith("encoder.bn1.", StringComparison.Ordinal) || k.StartsWith("encoder.layer1.", StringComparison.Ordinal)))
        {
            Assert.False(Changed(before, after, name), $"{name} changed");
        }
        // Every encoder batch norm keeps its statistics; later stages' weights learn.
        foreach (var name in before.Keys.Where(k => k.StartsWith("encoder.", StringComparison.Ordinal)
                     && (k.EndsWith(".running_mean", StringComparison.Ordinal) || k.EndsWith(".running_var", StringComparison.Ordinal))))
        {
            Assert.False(Changed(before, after, name), $"{name} changed");
        }
        Assert.True(Changed(before, after, "encoder.layer2.0.conv1.weight"));
        Assert.True(Changed(before, after, "encoder.layer4.0.bn2.weight"));
        // The decoder learns and updates its statistics.
        Assert.True(Changed(before, after, "decoder1.conv1.weight"));
        Assert.True(Changed(before, after, "decoder5.norm2.running_mean"));
        Assert.True(Changed(before, after, "head.weight"));
        Assert.Equal(before["encoder.input_mean"], after["encoder.input_mean"]);
    }

    [Fact]
    public void TrainedStatisticsMoveAndARateScaleOfZeroHoldsTheEncoder()
    {
        var options = TinyRun.OptionsFor(TinyRun.TransferVariant) with
        {
            FrozenEncoderStages = 0,
            FreezeEncoderNorm = false,
            EncoderLearningRateScale = 0,
        };
        var (before, after) = Train(options);
        Assert.True(Changed(before, after, "encoder.bn1.running_mean"));
        Assert.True(Changed(before, after, "encoder.layer3.0.bn1.running_var"));
        foreach (var name in before.Keys.Where(k => k.StartsWith("encoder.", StringComparison.Ordinal) && k.EndsWith(".weight", StringComparison.Ordinal)))
        {
            Assert.False(Changed(before, after, name), $"{name} changed at a rate of 0");
        }
        Assert.True(Changed(before, after, "decoder2.conv2.weight"));
    }

    [Fact]
    public void TheOptimiserGetsTheEncoderScaleAndNoFrozenParameter()
    {
        using var network = new ResNetUNet(8, [1, 1, 1, 1], 4);
        var options = TinyRun.OptionsFor(TinyRun.TransferVariant) with { FrozenEncoderStages = 3, EncoderLearningRateScale = 0.1 };
        EncoderTraining.Freeze(network, options);
        var (parameters, scales) = EncoderTraining.Trainable(network, options);
        var names = new Dictionary<Tensor, string>(ReferenceEqualityComparer.Instance);
        foreach (var (name, parameter) in network.NamedParameters())
        {
            names[parameter] = name;
        }
        var trainable = parameters.Select(p => names[p]).ToList();
        Assert.DoesNotContain(trainable, n => n.StartsWith("encoder.conv1.", StringComparison.Ordinal) || n.StartsWith("encoder.layer2.", StringComparison.Ordinal));
        Assert.Contains("encoder.layer3.0.conv1.weight", trainable);
        Assert.All(network.NamedParameters().Where(p => p.Name.StartsWith("encoder.layer1.", StringComparison.Ordinal)),
            p => Assert.False(p.Parameter.RequiresGrad));
        for (var i = 0; i < parameters.Count; i++)
        {
            Assert.Equal(trainable[i].StartsWith("encoder.", StringComparison.Ordinal) ? 0.1 : 1.0, scales[i]);
        }

        EncoderTraining.EnterTraining(network, options);
        var modes = Modules(network).ToList();
        Assert.All(modes.Where(m => m.Name.StartsWith("encoder.", StringComparison.Ordinal) && m.Module is BatchNorm2d), m => Assert.False(m.Module.IsTraining, m.Name));
        Assert.All(modes.Where(m => m.Name.StartsWith("decoder", StringComparison.Ordinal)), m => Assert.True(m.Module.IsTraining, m.Name));
    }

    [Fact]
    public void EncoderOptionsApplyToTheResNetUNetOnly()
    {
        var fast = TrainingRecipes.Get(TrainingRecipes.Fast);
        Assert.Throws<ArgumentOutOfRangeException>(() => (fast with { Pretrained = PretrainedNames.ImageNet }).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => (fast with { FreezeEncoderNorm = true }).Validate());
        var transfer = TrainingRecipes.Get(TrainingRecipes.Transfer);
        transfer.Validate();
        Assert.Equal(PretrainedNames.ImageNet, transfer.Pretrained);
        Assert.Equal("BaseWidth", Assert.Throws<ArgumentOutOfRangeException>(() => (transfer with { BaseWidth = 32 }).Validate()).ParamName);
        Assert.Equal("InputTile", Assert.Throws<ArgumentOutOfRangeException>(() => (transfer with { InputTile = 560 }).Validate()).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => (transfer with { FrozenEncoderStages = 6 }).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => (transfer with { Pretrained = "coco" }).Validate());
        (transfer with { Pretrained = PretrainedNames.None, BaseWidth = 32 }).Validate();
    }

    private static IEnumerable<(string Name, Module Module)> Modules(Module module, string prefix = "")
    {
        foreach (var (name, child) in module.NamedChildren())
        {
            yield return (prefix + name, child);
            foreach (var inner in Modules(child, prefix + name + "."))
            {
                yield return inner;
            }
        }
    }
}
