using System.Diagnostics;
using RootSeg.Segmentation.Tests.Data;
using RootSeg.Segmentation.Tests.Networks;
using RootSeg.Segmentation.Models;
using RootSeg.Segmentation.Training;

namespace RootSeg.Segmentation.Tests.Training;

/// <summary>The time budget (--minutes), the patience rule and the per-step schedule inside a real training run.</summary>
// Builds networks from torch's default generator, so never beside another class that does.
[Collection(DefaultGeneratorCollection.Name)]
public sealed class StoppingRuleTests
{
    [Fact]
    public void TheBudgetStopsTheRunInTimeAndKeepsTheBestEpoch()
    {
        using var run = new TinyRun();
        using var folder = new TemporaryDirectory();
        using var network = TinyRun.Network();
        var observer = new RecordingObserver();
        const double Minutes = 0.05; // 3 s; a tiny epoch takes a fraction of that
        var options = TinyRun.Options with { Epochs = 10_000, Minutes = Minutes };
        var clock = Stopwatch.StartNew();
        var outcome = new Trainer(options, TinyRun.MaskedCrossEntropy, observer)
            .Run(network, run.Data, TinyRun.Description, folder.Path, resume: false);
        clock.Stop();

        Assert.True(outcome.Completed);
        Assert.Contains("time budget", outcome.StoppedEarly);
        Assert.InRange(outcome.CompletedEpochs, 1, 9_999);
        // An epoch starts only when one fits at the pace so far, so the run can overrun by no more than one
        // epoch's variation; here that is bounded by the longest epoch.
        var trained = observer.Epochs.Sum(r => r.Seconds);
        var longest = observer.Epochs.Max(r => r.Seconds);
        Assert.True(trained <= Minutes * 60 + longest, $"the epochs took {trained:F2} s of a {Minutes * 60} s budget");
        // Everything else in the run (data, checkpoints, the final check) is small beside the budget.
        Assert.True(clock.Elapsed.TotalSeconds < Minutes * 60 + 10, $"the run took {clock.Elapsed.TotalSeconds:F1} s");
        var best = observer.Epochs.Where(r => !double.IsNaN(r.Validation.F1)).MaxBy(r => r.Validation.F1);
        Assert.NotNull(best);
        Assert.Equal(best.Epoch, outcome.BestEpoch);
        Assert.True(File.Exists(new RunFiles(folder.Path).BestModel));
        var state = Checkpoint.ReadState(new RunFiles(folder.Path));
        Assert.InRange(state.PlannedEpochs!.Value, outcome.CompletedEpochs, 10_000);
    }

    [Fact]
    public void ABudgetSpentMidEpochStopsAtTheNextStepWithACheckpoint()
    {
        using var run = new TinyRun();
        using var folder = new TemporaryDirectory();
        using var network = TinyRun.Network();
        var options = TinyRun.Options with { Minutes = 1e-6 };
        var outcome = new Trainer(options, TinyRun.MaskedCrossEntropy)
            .Run(network, run.Data, TinyRun.Description, folder.Path, resume: false);
        Assert.True(outcome.Completed);
        Assert.Equal(0, outcome.CompletedEpochs);
        Assert.NotNull(outcome.StoppedEarly);
        var state = Checkpoint.ReadState(new RunFiles(folder.Path));
        Assert.Equal(1, state.InProgress!.NextBatch);
    }

    [Fact]
    public void PatienceStopsWhenTheValidationF1StopsImproving()
    {
        using var run = new TinyRun();
        using var folder = new TemporaryDirectory();
        using var network = TinyRun.Network();
        var observer = new RecordingObserver();
        // A rate so small that the weights, and so the validation F1, cannot change: epoch 1 stays the best.
        var options = TinyRun.Options with { Epochs = 6, Patience = 2, LearningRate = 1e-30 };
        var outcome = new Trainer(options, TinyRun.MaskedCrossEntropy, observer)
            .Run(network, run.Data, TinyRun.Description, folder.Path, resume: false);
        Assert.True(outcome.Completed);
        Assert.Equal(3, outcome.CompletedEpochs);
        Assert.Equal(1, outcome.BestEpoch);
        Assert.Contains("patience", outcome.StoppedEarly);
    }

    [Fact]
    public void DecayingScheduleSetsTheRateOfEveryStep()
    {
        using var run = new TinyRun();
        using var folder = new TemporaryDirectory();
        var options = TinyRun.OptionsFor(TinyRun.AdamWVariant);
        using var network = TinyRun.Network(TinyRun.AdamWVariant);
        var observer = new RecordingObserver();
        new Trainer(options, TinyRun.MaskedCrossEntropy, observer)
            .Run(network, run.Data, TinyRun.Description, folder.Path, resume: false);
        // The rate an epoch ends with is the one its last step used: poly decay over the 2 planned epochs.
        var steps = observer.Steps.GroupBy(s => s.Epoch).ToDictionary(g => g.Key, g => g.Max(s => s.Batches));
        long before = 0;
        foreach (var record in observer.Epochs)
        {
            var batches = steps[record.Epoch];
            var last = batches - 1;
            var expected = LearningRateSchedule.At(options.Schedule, options.LearningRate, options.WarmupSteps, before + last,
                LearningRateSchedule.Progress(record.Epoch, last, batches, options.Epochs));
            Assert.Equal(expected, record.LearningRate, 15);
            Assert.True(record.LearningRate < options.LearningRate);
            before += batches;
        }
    }

    [Fact]
    public void TunedThresholdGivesAtLeastTheF1AtOneHalfAndIsStoredInTheBestModel()
    {
        using var run = new TinyRun();
        using var plainFolder = new TemporaryDirectory();
        using var tunedFolder = new TemporaryDirectory();
        var plain = new RecordingObserver();
        var tuned = new RecordingObserver();
        using (var network = TinyRun.Network())
        {
            new Trainer(TinyRun.Options, TinyRun.MaskedCrossEntropy, plain)
                .Run(network, run.Data, TinyRun.Description, plainFolder.Path, resume: false);
        }
        using (var network = TinyRun.Network())
        {
            new Trainer(TinyRun.Options with { TuneThreshold = true }, TinyRun.MaskedCrossEntropy, tuned)
                .Run(network, run.Data, TinyRun.Description, tunedFolder.Path, resume: false);
        }
        // Validation does not change training: the same weights, scored at 0.5 and at the best threshold.
        Assert.Equal(plain.Epochs.Count, tuned.Epochs.Count);
        for (var i = 0; i < plain.Epochs.Count; i++)
        {
            Assert.Equal(0.5, plain.Epochs[i].Validation.Threshold);
            Assert.Contains(tuned.Epochs[i].Validation.Threshold, Trainer.ThresholdCandidates);
            Assert.Equal(plain.Epochs[i].Validation.Loss, tuned.Epochs[i].Validation.Loss);
            Assert.True(tuned.Epochs[i].Validation.F1 >= plain.Epochs[i].Validation.F1,
                $"epoch {i + 1}: {tuned.Epochs[i].Validation.F1} < {plain.Epochs[i].Validation.F1}");
        }
        var best = tuned.Epochs.MaxBy(r => r.Validation.F1)!;
        var description = ModelFile.ReadDescription(new RunFiles(tunedFolder.Path).BestModel);
        Assert.Equal(best.Validation.Threshold, description.Threshold);
        Assert.Null(ModelFile.ReadDescription(new RunFiles(plainFolder.Path).BestModel).Threshold);
    }
}
