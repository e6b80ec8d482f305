using RootSeg.Torch;
using RootSeg.Torch.Modules;

namespace RootSeg.Torch.Tests;

public sealed class ModuleTests : LeakCheckedTest
{
    private static Sequential SmallNet() => new(
        new Conv2d(3, 4, 3), new ReLU(), new GroupNorm(2, 4),
        new Sequential(new BatchNorm2d(4), new MaxPool2d(2)),
        new ConvTranspose2d(4, 2, 2, stride: 2));

    [Fact]
    public void StateDictKeysAndParameterNamesEqualPyTorchs()
    {
        using var net = SmallNet();
        var keys = Fixtures.Case("state_dict_keys").GetProperty("keys").EnumerateArray().Select(e => e.GetString()).ToArray();
        var parameters = Fixtures.Case("state_dict_keys").GetProperty("parameters").EnumerateArray().Select(e => e.GetString()).ToArray();
        Assert.Equal(keys, net.StateDict().Keys.ToArray());
        Assert.Equal(parameters, net.NamedParameters().Select(p => p.Name).ToArray());
        Assert.All(net.Parameters(), p => Assert.True(p.RequiresGrad));
        Assert.Equal(ScalarType.Int64, net.StateDict()["3.0.num_batches_tracked"].DType);
    }

    [Fact]
    public void ConvolutionDefaultInitialisationEqualsPyTorchs()
    {
        Engine.ManualSeed(13);
        using var conv = new Conv2d(3, 4, 3);
        Fixtures.AssertClose("random", "conv_weight", conv.Weight, 0, 0);
        Fixtures.AssertClose("random", "conv_bias", conv.Bias!, 0, 0);
        Engine.ManualSeed(14);
        using var convT = new ConvTranspose2d(6, 2, 2, stride: 2);
        Fixtures.AssertClose("random", "convt_weight", convT.Weight, 0, 0);
        Fixtures.AssertClose("random", "convt_bias", convT.Bias!, 0, 0);
    }

    [Fact]
    public void KaimingNormalEqualsPyTorchs()
    {
        using var w = Tensor.Empty([4, 3, 3, 3]);
        Engine.ManualSeed(11);
        Init.KaimingNormal_(w);
        Fixtures.AssertClose("random", "kaiming", w, 0, 0);
        using var t = Tensor.Empty([6, 2, 2, 2]);
        Engine.ManualSeed(12);
        Init.KaimingNormal_(t);
        Fixtures.AssertClose("random", "kaiming_transposed", t, 0, 0);
        using var vector = Tensor.Empty([3]);
        Assert.Throws<ArgumentException>(() => Init.KaimingNormal_(vector));
    }

    [Fact]
    public void LoadStateDictCopiesValuesAndReportsEveryProblem()
    {
        using var source = SmallNet();
        using var target = SmallNet();
        using (var noGrad = NoGradScope.Enter())
        {
            source.StateDict()["0.weight"].Fill_(0.25);
        }
        target.LoadStateDict(source.StateDict());
        Assert.All(target.StateDict()["0.weight"].ToArray<float>(), v => Assert.Equal(0.25f, v));

        using var wrongShape = Tensor.Zeros([5]);
        var state = new Dictionary<string, Tensor>(source.StateDict()) { ["extra.weight"] = wrongShape, ["0.bias"] = wrongShape };
        state.Remove("2.weight");
        var e = Assert.Throws<ArgumentException>(() => target.LoadStateDict(state));
        Assert.Contains("missing keys: 2.weight", e.Message);
        Assert.Contains("unexpected keys: extra.weight", e.Message);
        Assert.Contains("0.bias: shape [5] in the state dict, [4] in the module", e.Message);

        state.Remove("0.bias");
        state.Remove("extra.weight");
        target.LoadStateDict(state, strict: false);
    }

    [Fact]
    public void BatchNormUpdatesRunningStatsInTrainingAndUsesThemInEvaluation()
    {
        using var bn = new BatchNorm2d(2);
        using var x = Fixtures.Load("batch_norm", "x");
        using var mean = Fixtures.Load("batch_norm", "running_mean");
        using var variance = Fixtures.Load("batch_norm", "running_var");
        bn.LoadStateDict(new Dictionary<string, Tensor>
        {
            ["running_mean"] = mean, ["running_var"] = variance,
            ["weight"] = bn.Weight!, ["bias"] = bn.Bias!, ["num_batches_tracked"] = bn.NumBatchesTracked!,
        });
        using (var train = bn.Forward(x))
        {
            Fixtures.AssertClose("batch_norm", "train_out", train);
        }
        Fixtures.AssertClose("batch_norm", "running_mean_after", bn.RunningMean!);
        Fixtures.AssertClose("batch_norm", "running_var_after", bn.RunningVar!);
        Assert.Equal(1, bn.NumBatchesTracked!.Item());

        bn.LoadStateDict(new Dictionary<string, Tensor> { ["running_mean"] = mean, ["running_var"] = variance }, strict: false);
        bn.Eval();
        Assert.False(bn.IsTraining);
        using var eval = bn.Forward(x);
        Fixtures.AssertClose("batch_norm", "eval_out", eval);
        Assert.Equal(1, bn.NumBatchesTracked!.Item());
    }

    [Fact]
    public void TrainAndEvalReachNestedModules()
    {
        using var net = SmallNet();
        net.Eval();
        Assert.False(((Sequential)net[3])[0].IsTraining);
        net.Train();
        Assert.True(((Sequential)net[3])[0].IsTraining);
    }

    [Fact]
    public void SequentialForwardEqualsTheFunctionalChainAndLeaksNothing()
    {
        Engine.ManualSeed(3);
        using var net = new Sequential(new Conv2d(2, 3, 3), new ReLU(), new MaxPool2d(2));
        using var x = Tensor.RandN([1, 2, 8, 8], seed: 4);
        using var y = net.Forward(x);
        using var scope = TensorScope.Enter();
        var conv = (Conv2d)net[0];
        var expected = Functional.MaxPool2d(Functional.Relu(Functional.Conv2d(x, conv.Weight, conv.Bias)), 2);
        Assert.Equal([1L, 3, 3, 3], y.Shape);
        Assert.Equal(expected.ToArray<float>(), y.ToArray<float>());
    }

    [Fact]
    public void GradientsFlowToParametersAndZeroGradClearsThem()
    {
        using var net = new Sequential(new Conv2d(1, 2, 3), new GroupNorm(1, 2));
        using var x = Tensor.RandN([2, 1, 5, 5], seed: 9);
        using (var scope = TensorScope.Enter())
        {
            net.Forward(x).Square().Sum().Backward();
        }
        foreach (var (name, p) in net.NamedParameters())
        {
            using var g = p.Grad();
            Assert.NotNull(g);
            Assert.Equal(p.Shape, g!.Shape);
            using var scope = TensorScope.Enter();
            Assert.True(g.Abs().Sum().Item() > 0, name);
        }
        net.ZeroGrad();
        foreach (var p in net.Parameters())
        {
            using var g = p.Grad();
            Assert.All(g!.ToArray<float>(), v => Assert.Equal(0f, v));
        }
    }

    [Fact]
    public void BadConstructorArgumentsAreNamed()
    {
        Assert.Equal("groups", Assert.Throws<ArgumentOutOfRangeException>(() => new Conv2d(3, 4, 3, groups: 2)).ParamName);
        Assert.Equal("numGroups", Assert.Throws<ArgumentOutOfRangeException>(() => new GroupNorm(3, 4)).ParamName);
        Assert.Equal("kernelSize", Assert.Throws<ArgumentOutOfRangeException>(() => new MaxPool2d(0)).ParamName);
        using var bn = new BatchNorm2d(2);
        using var x = Tensor.Zeros([2, 2]);
        Assert.Equal("input", Assert.Throws<ArgumentException>(() => bn.Forward(x)).ParamName);
    }

    [Fact]
    public void ToTheSameDeviceKeepsTensorObjects()
    {
        using var conv = new Conv2d(1, 1, 1);
        var weight = conv.Weight;
        conv.To(Device.Cpu);
        Assert.Same(weight, conv.StateDict()["weight"]);
        Assert.True(weight.RequiresGrad);
    }
}
