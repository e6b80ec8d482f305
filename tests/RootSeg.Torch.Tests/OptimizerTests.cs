using RootSeg.Torch;
using RootSeg.Torch.Optim;

namespace RootSeg.Torch.Tests;

// Three steps of each optimiser on the gradients python3-torch used (scripts/fixtures/torch_ops.py); the updates
// run the same ATen ops in the same order, so parameters and state must agree exactly (tolerance 0).
public sealed class OptimizerTests : LeakCheckedTest
{
    private static (Tensor P0, Tensor P1) Parameters(string caseName) =>
        (Fixtures.Load(caseName, "p0").RequiresGrad_(), Fixtures.Load(caseName, "p1").RequiresGrad_());

    private static void RunThreeSteps(string caseName, Optimizer optimizer, Tensor p0, Tensor p1)
    {
        for (var step = 0; step < 3; step++)
        {
            optimizer.ZeroGrad();
            using (var scope = TensorScope.Enter())
            {
                p0.SetGrad(Fixtures.Load(caseName, $"grad{step}_0"));
                p1.SetGrad(Fixtures.Load(caseName, $"grad{step}_1"));
            }
            optimizer.Step();
            Fixtures.AssertClose(caseName, $"after{step}_0", p0, 0, 0);
            Fixtures.AssertClose(caseName, $"after{step}_1", p1, 0, 0);
        }
    }

    [Fact]
    public void SgdWithNesterovMomentumAndWeightDecayEqualsTorchOptimSgd()
    {
        var (p0, p1) = Parameters("sgd_nesterov");
        using (p0)
        using (p1)
        using (var sgd = new Sgd([p0, p1], 0.01, momentum: 0.99, weightDecay: 1e-5, nesterov: true))
        {
            RunThreeSteps("sgd_nesterov", sgd, p0, p1);
            var state = sgd.StateDict();
            Assert.Equal(["0.momentum_buffer", "1.momentum_buffer"], state.Keys);
            Fixtures.AssertClose("sgd_nesterov", "state0_momentum_buffer", state["0.momentum_buffer"], 0, 0);
            Fixtures.AssertClose("sgd_nesterov", "state1_momentum_buffer", state["1.momentum_buffer"], 0, 0);
        }
    }

    [Fact]
    public void PlainSgdAndDampenedMomentumEqualTorchOptimSgd()
    {
        var (p0, p1) = Parameters("sgd_plain");
        using (p0)
        using (p1)
        using (var sgd = new Sgd([p0, p1], 0.1))
        {
            RunThreeSteps("sgd_plain", sgd, p0, p1);
            Assert.Empty(sgd.StateDict());
        }
        var (q0, q1) = Parameters("sgd_momentum_dampening");
        using (q0)
        using (q1)
        using (var sgd = new Sgd([q0, q1], 0.05, momentum: 0.9, dampening: 0.2))
        {
            RunThreeSteps("sgd_momentum_dampening", sgd, q0, q1);
        }
    }

    [Fact]
    public void AdamWithWeightDecayEqualsTorchOptimAdam()
    {
        var (p0, p1) = Parameters("adam");
        using (p0)
        using (p1)
        using (var adam = new Adam([p0, p1], 1e-3, weightDecay: 0.01))
        {
            RunThreeSteps("adam", adam, p0, p1);
            var state = adam.StateDict();
            Assert.Equal(["0.step", "0.exp_avg", "0.exp_avg_sq", "1.step", "1.exp_avg", "1.exp_avg_sq"], state.Keys);
            Assert.Equal(3, state["1.step"].Item());
            Fixtures.AssertClose("adam", "state0_exp_avg", state["0.exp_avg"], 0, 0);
            Fixtures.AssertClose("adam", "state1_exp_avg_sq", state["1.exp_avg_sq"], 0, 0);
        }
    }

    [Fact]
    public void DecoupledWeightDecayEqualsTorchOptimAdamW()
    {
        // The "adamw" case was added to torch_ops.json alone: the other cases keep the values of the machine that
        // first wrote the file (convolutions round differently on other processors).
        var (p0, p1) = Parameters("adamw");
        using (p0)
        using (p1)
        using (var adamw = new Adam([p0, p1], 2e-3, weightDecay: 0.05, decoupledWeightDecay: true))
        {
            RunThreeSteps("adamw", adamw, p0, p1);
            var state = adamw.StateDict();
            Fixtures.AssertClose("adamw", "state0_exp_avg", state["0.exp_avg"], 0, 0);
            Fixtures.AssertClose("adamw", "state1_exp_avg_sq", state["1.exp_avg_sq"], 0, 0);
        }
    }

    [Fact]
    public void RestoredStateContinuesBitForBit()
    {
        // Two steps, save, restore into a fresh optimiser over copies, third step: equal to three uninterrupted steps.
        using var scope = TensorScope.Enter();
        var (p0, p1) = Parameters("sgd_nesterov");
        using var first = new Sgd([p0, p1], 0.01, momentum: 0.99, weightDecay: 1e-5, nesterov: true);
        for (var step = 0; step < 2; step++)
        {
            p0.SetGrad(Fixtures.Load("sgd_nesterov", $"grad{step}_0"));
            p1.SetGrad(Fixtures.Load("sgd_nesterov", $"grad{step}_1"));
            first.Step();
        }
        var q0 = p0.Detach().Clone().RequiresGrad_();
        var q1 = p1.Detach().Clone().RequiresGrad_();
        using var resumed = new Sgd([q0, q1], 0.01, momentum: 0.99, weightDecay: 1e-5, nesterov: true);
        resumed.LoadStateDict(first.StateDict());
        Assert.NotSame(first.StateDict()["0.momentum_buffer"], resumed.StateDict()["0.momentum_buffer"]);
        q0.SetGrad(Fixtures.Load("sgd_nesterov", "grad2_0"));
        q1.SetGrad(Fixtures.Load("sgd_nesterov", "grad2_1"));
        resumed.Step();
        Fixtures.AssertClose("sgd_nesterov", "after2_0", q0, 0, 0);
        Fixtures.AssertClose("sgd_nesterov", "after2_1", q1, 0, 0);
    }

    [Fact]
    public void LoadStateDictRejectsUnknownKeysAndShapes()
    {
        using var scope = TensorScope.Enter();
        var p = Tensor.Zeros([3]).RequiresGrad_();
        using var adam = new Adam([p]);
        var e = Assert.Throws<ArgumentException>(() => adam.LoadStateDict(new Dictionary<string, Tensor> { ["1.exp_avg"] = Tensor.Zeros([3]) }));
        Assert.Contains("names no parameter", e.Message);
        e = Assert.Throws<ArgumentException>(() => adam.LoadStateDict(new Dictionary<string, Tensor> { ["0.momentum"] = Tensor.Zeros([3]) }));
        Assert.Contains("keeps no 'momentum'", e.Message);
        e = Assert.Throws<ArgumentException>(() => adam.LoadStateDict(new Dictionary<string, Tensor> { ["0.exp_avg"] = Tensor.Zeros([4]) }));
        Assert.Contains("has shape [4]", e.Message);
    }

    [Fact]
    public void StepSkipsParametersWithoutGradients()
    {
        using var scope = TensorScope.Enter();
        var p = Tensor.Ones([2]).RequiresGrad_();
        using var sgd = new Sgd([p], 0.5, momentum: 0.9);
        sgd.Step();
        Assert.Equal(new[] { 1f, 1 }, p.ToArray<float>());
        Assert.Empty(sgd.StateDict());
    }

    [Fact]
    public void BadHyperparametersAreNamed()
    {
        using var p = Tensor.Zeros([1]);
        Assert.Equal("nesterov", Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd([p], 0.1, nesterov: true)).ParamName);
        Assert.Equal("beta1", Assert.Throws<ArgumentOutOfRangeException>(() => new Adam([p], beta1: 1)).ParamName);
        Assert.Equal("LearningRate", Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd([p], -1)).ParamName);
        Assert.Equal("parameters", Assert.Throws<ArgumentException>(() => new Sgd([], 0.1)).ParamName);
    }

    [Fact]
    public void LearningRateSchedulesEqualPyTorchs()
    {
        using var p = Tensor.Zeros([1]);
        var expectedMulti = Fixtures.Case("lr_schedules").GetProperty("multistep").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var expectedStep = Fixtures.Case("lr_schedules").GetProperty("step").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        using var a = new Sgd([p], 0.01);
        var multi = new MultiStepLr(a, [2, 5, 5], 0.3);
        using var b = new Sgd([p], 0.01);
        var step = new StepLr(b, 3, 0.3);
        var seenMulti = new List<double>();
        var seenStep = new List<double>();
        for (var epoch = 0; epoch < expectedStep.Length; epoch++)
        {
            if (epoch < expectedMulti.Length)
            {
                seenMulti.Add(a.LearningRate);
                multi.Step();
            }
            seenStep.Add(b.LearningRate);
            step.Step();
        }
        Assert.Equal(expectedMulti, seenMulti);
        Assert.Equal(expectedStep, seenStep);
        Assert.Equal(10, step.LastEpoch);
    }
}
