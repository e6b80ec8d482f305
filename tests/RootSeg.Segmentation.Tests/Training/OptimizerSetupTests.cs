using RootSeg.Segmentation.Tests.Models;
using RootSeg.Segmentation.Training;
using RootSeg.Torch;

namespace RootSeg.Segmentation.Tests.Training;

public sealed class OptimizerSetupTests
{
    [Fact]
    public void StepsAndScheduleEqualPyTorchsSgdAndMultiStepLrOnTheSameGradients()
    {
        var fixture = TrainerFixture.Load("sgd_schedule.json");
        var shape = fixture.GetProperty("shape").Longs();
        var stepsPerEpoch = fixture.GetProperty("stepsPerEpoch").GetInt32();
        var gradients = fixture.GetProperty("gradients").EnumerateArray().Select(g => g.Floats()).ToList();
        var after = fixture.GetProperty("after").EnumerateArray().Select(a => a.Floats()).ToList();
        var rates = fixture.GetProperty("rates").EnumerateArray().Select(r => r.GetDouble()).ToList();
        // The paper's settings, with the rate dropping every 2 epochs as the fixture's milestones [2, 4] do.
        var options = new TrainingOptions { LearningRateStepEpochs = 2 };
        Assert.Equal(fixture.GetProperty("momentum").GetDouble(), options.Momentum);
        Assert.Equal(fixture.GetProperty("weightDecay").GetDouble(), options.WeightDecay);
        Assert.Equal(fixture.GetProperty("learningRate").GetDouble(), options.LearningRate);
        Assert.Equal(fixture.GetProperty("gamma").GetDouble(), options.LearningRateGamma);

        using var parameter = Tensor.FromArray(fixture.GetProperty("initial").Floats(), shape).RequiresGrad_();
        var (optimizer, scheduler) = OptimizerSetup.Create(options, [parameter]);
        using var disposeOptimizer = optimizer;
        var step = 0;
        for (var epoch = 0; epoch < fixture.GetProperty("epochs").GetInt32(); epoch++)
        {
            Assert.Equal(rates[epoch], optimizer.LearningRate, 15);
            for (var s = 0; s < stepsPerEpoch; s++, step++)
            {
                using var gradient = Tensor.FromArray(gradients[step], shape);
                parameter.SetGrad(gradient);
                optimizer.Step();
                var actual = parameter.ToArray<float>();
                for (var i = 0; i < actual.Length; i++)
                {
                    Assert.True(Math.Abs(after[step][i] - actual[i]) <= 1e-6f * Math.Max(1f, Math.Abs(after[step][i])),
                        $"step {step}, element {i}: {after[step][i]} vs {actual[i]}");
                }
            }
            scheduler!.Step();
        }
    }
}
