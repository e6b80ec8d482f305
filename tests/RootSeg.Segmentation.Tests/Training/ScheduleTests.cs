using RootSeg.Segmentation.Training;

namespace RootSeg.Segmentation.Tests.Training;

public sealed class ScheduleTests
{
    [Theory]
    [InlineData(ScheduleNames.Poly, 0.0, 1.0)]
    [InlineData(ScheduleNames.Poly, 0.5, 0.535886731268146)] // 0.5^0.9
    [InlineData(ScheduleNames.Poly, 1.0, 0.0)]
    [InlineData(ScheduleNames.Cosine, 0.0, 1.0)]
    [InlineData(ScheduleNames.Cosine, 0.5, 0.5)]
    [InlineData(ScheduleNames.Cosine, 0.25, 0.853553390593274)] // (1 + cos(pi / 4)) / 2
    [InlineData(ScheduleNames.Cosine, 1.0, 0.0)]
    public void DecayFollowsItsFormula(string schedule, double progress, double factor)
    {
        Assert.Equal(0.002 * factor, LearningRateSchedule.At(schedule, 0.002, 0, 1000, progress), 15);
    }

    [Fact]
    public void WarmupRisesLinearlyOverItsStepsThenStops()
    {
        Assert.Equal(0.25, LearningRateSchedule.At(ScheduleNames.Poly, 1, 4, 0, 0), 15);
        Assert.Equal(0.5, LearningRateSchedule.At(ScheduleNames.Poly, 1, 4, 1, 0), 15);
        Assert.Equal(1.0, LearningRateSchedule.At(ScheduleNames.Poly, 1, 4, 3, 0), 15);
        Assert.Equal(1.0, LearningRateSchedule.At(ScheduleNames.Poly, 1, 4, 40, 0), 15);
        // Warm-up multiplies the decay rather than replacing it.
        Assert.Equal(0.5 * 0.5, LearningRateSchedule.At(ScheduleNames.Cosine, 1, 4, 1, 0.5), 15);
    }

    [Fact]
    public void ProgressCountsEpochsAndBatchesOverThePlan()
    {
        Assert.Equal(0, LearningRateSchedule.Progress(1, 0, 10, 4));
        Assert.Equal(0.125, LearningRateSchedule.Progress(1, 5, 10, 4), 15);
        Assert.Equal(0.75, LearningRateSchedule.Progress(4, 0, 10, 4), 15);
        Assert.Equal(1, LearningRateSchedule.Progress(6, 0, 10, 4)); // beyond the plan: clamped
    }

    [Fact]
    public void StepScheduleIsNotAPerStepSchedule()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.At(ScheduleNames.Step, 0.01, 0, 0, 0));
    }

    [Fact]
    public void PaperRecipeIsTheDefaultOptionsAndFastIsValid()
    {
        Assert.Equal(new TrainingOptions(), TrainingRecipes.Get(TrainingRecipes.Paper));
        var fast = TrainingRecipes.Get(TrainingRecipes.Fast);
        fast.Validate();
        Assert.Equal(OptimizerNames.AdamW, fast.Optimizer);
        Assert.Equal(ScheduleNames.Poly, fast.Schedule);
        Assert.Equal(0, (fast.InputTile - fast.OutputTile) % 2);
        Assert.Throws<ArgumentOutOfRangeException>(() => TrainingRecipes.Get("slow"));
    }

    [Fact]
    public void EpochPlanFitsTheBudgetAtTheMeanEpochTime()
    {
        var options = new TrainingOptions { Epochs = 80, Minutes = 1 };
        var none = State(options, []);
        Assert.Equal(new EpochPlan(80, null), EpochPlan.Next(options, none));

        // Two epochs of 10 s: 40 s left, room for 4 more.
        var two = State(options, [10, 10]);
        Assert.Equal(new EpochPlan(6, null), EpochPlan.Next(options, two));
        Assert.Equal(new EpochPlan(3, null), EpochPlan.Next(options with { Epochs = 3 }, two));

        // A latest epoch slower than the mean counts: 40 s left at 20 s an epoch is room for 2.
        Assert.Equal(new EpochPlan(4, null), EpochPlan.Next(options, State(options, [0, 20])));

        // 55 s used in 5 epochs: 5 s left, less than the mean 11 s: no further epoch.
        var five = State(options, [11, 11, 11, 11, 11]) with { PlannedEpochs = 5 };
        var stop = EpochPlan.Next(options, five);
        Assert.NotNull(stop.StopReason);
        Assert.Contains("1-minute", stop.StopReason);

        // Without a budget the plan is the option's epochs.
        Assert.Equal(new EpochPlan(80, null), EpochPlan.Next(options with { Minutes = null }, five));
    }

    private static CheckpointState State(TrainingOptions options, double[] seconds) => new()
    {
        Options = options,
        CompletedEpochs = seconds.Length,
        LearningRate = options.LearningRate,
        SchedulerEpoch = 0,
        Threads = 1,
        Device = "cpu",
        Records = seconds.Select((s, i) => new EpochRecord(i + 1, new EpochMetrics(0, default), new EpochMetrics(0, default), 0.01, s)).ToList(),
    };
}
