using System.Globalization;
using RootSeg.Segmentation.Models;
using RootSeg.Segmentation.Tests.Data;
using RootSeg.Segmentation.Tests.Models;
using RootSeg.Segmentation.Training;
using RootSeg.Torch;
using RootSeg.Segmentation.Tests.Networks;

namespace RootSeg.Segmentation.Tests.Training;

// Builds networks from torch's default generator, seeded or not, so never beside another class that does.
[Collection(DefaultGeneratorCollection.Name)]
public sealed class TrainerTests
{
    [Fact]
    public void AFloorOfTilesPerEpochKeepsMoreTilesOfEachOfFewImages()
    {
        var transfer = TrainingRecipes.Get(TrainingRecipes.Transfer);
        Assert.Equal(40, transfer.TilesPerImage(3));
        Assert.Equal(12, transfer.TilesPerImage(10));
        Assert.Equal(12, transfer.TilesPerImage(39));
        Assert.Equal(90, transfer.TilesPerImage(1)); // no more than the candidates drawn
        Assert.Equal(40, TrainingRecipes.Get(TrainingRecipes.Paper).TilesPerImage(1));

        // The trainer samples that many: one epoch on the tiny run's two images, at most one tile each, then with a
        // floor of six tiles per epoch (three per image).
        int EpochTiles(TrainingOptions options)
        {
            using var run = new TinyRun();
            using var folder = new TemporaryDirectory();
            using var network = TinyRun.Network();
            var observer = new RecordingObserver();
            new Trainer(options, TinyRun.MaskedCrossEntropy, observer).Run(network, run.Data, TinyRun.Description, folder.Path, resume: false);
            return observer.Steps[^1].EpochTiles;
        }
        var single = TinyRun.Options with { Epochs = 1, MaxTilesPerImage = 1 };
        Assert.Equal(2, EpochTiles(single));
        var floored = EpochTiles(single with { MinTilesPerEpoch = 6 });
        Assert.True(floored is > 2 and <= 6, $"{floored} tiles in the epoch");
        Assert.Throws<ArgumentOutOfRangeException>(() => (single with { MinTilesPerEpoch = -1 }).Validate());
    }

    [Fact]
    public void WritesTheLogTheBestModelAndTheCheckpoint()
    {
        using var run = new TinyRun();
        using var folder = new TemporaryDirectory();
        using var network = TinyRun.Network();
        var observer = new RecordingObserver();
        var outcome = new Trainer(TinyRun.Options, TinyRun.MaskedCrossEntropy, observer)
            .Run(network, run.Data, TinyRun.Description, folder.Path, resume: false);

        Assert.True(outcome.Completed);
        Assert.Equal(2, outcome.CompletedEpochs);
        var files = new RunFiles(folder.Path);
        var log = File.ReadAllLines(files.Log);
        Assert.Equal(EpochRecord.CsvHeader, log[0]);
        Assert.Equal(2, observer.Epochs.Count);
        Assert.Equal(observer.Epochs.Select(r => r.ToCsv()), log.Skip(1));
        Assert.All(observer.Epochs, r => Assert.Equal(0.01, r.LearningRate));
        Assert.All(observer.Epochs, r => Assert.True(r.Validation.Counts.Total == 4 * 22 * 22, $"{r.Validation.Counts}"));
        Assert.All(observer.Epochs, r => Assert.True(double.IsFinite(r.Train.Loss) && r.Train.Counts.Total > 0));

        var best = observer.Epochs.Where(r => !double.IsNaN(r.Validation.F1)).MaxBy(r => r.Validation.F1);
        if (best is null)
        {
            Assert.False(File.Exists(files.BestModel));
            Assert.Null(outcome.BestEpoch);
        }
        else
        {
            Assert.Equal(best.Epoch, outcome.BestEpoch);
            var description = ModelFile.ReadDescription(files.BestModel);
            Assert.Equal(best.Epoch, description.Epoch);
            Assert.Equal(best.Validation.F1, description.Metrics["validation_f1"]);
            Assert.Equal(5UL, description.Seeds["training"]);
            Assert.Equal("aa", description.DataHashes["photos/a.png"]);
            Assert.Equal(Engine.TorchVersion, description.TorchVersion);
            Assert.True(File.Exists(files.BestDescription));
        }

        var state = Checkpoint.ReadState(files);
        Assert.Equal(2, state.CompletedEpochs);
        Assert.Null(state.InProgress);
        Assert.Equal(2, state.Records.Count);
        Assert.Equal(Engine.Threads, state.Threads);
        Assert.Equal(TinyRun.Options, state.Options);
        Assert.Equal(state.ToJson() + "\n", File.ReadAllText(files.CheckpointDescription));
        Assert.Empty(Directory.GetFiles(folder.Path, "*.tmp"));

        var steps = observer.Steps.Where(s => s.Epoch == 1).ToList();
        Assert.Equal(Enumerable.Range(1, steps.Count), steps.Select(s => s.Batch));
        Assert.All(steps, s => Assert.Equal(steps.Count, s.Batches));
        Assert.Equal(steps[^1].EpochTiles, steps[^1].Tiles);
    }

    [Fact]
    public void ANonFiniteLossStopsBeforeTheUpdateAndKeepsTheLastCheckpoint()
    {
        using var run = new TinyRun();
        using var folder = new TemporaryDirectory();
        using var network = TinyRun.Network();
        var calls = 0;
        var stepsPerEpoch = 0;
        LossFunction loss = (logits, target, labelled) =>
        {
            calls++;
            var value = TinyRun.MaskedCrossEntropy(logits, target, labelled);
            return calls == stepsPerEpoch + 2 ? value * double.NaN : value;
        };
        var probe = new RecordingObserver();
        using (var counting = TinyRun.Network())
        using (var probeFolder = new TemporaryDirectory())
        {
            new Trainer(TinyRun.Options with { Epochs = 1 }, TinyRun.MaskedCrossEntropy, probe)
                .Run(counting, run.Data, TinyRun.Description, probeFolder.Path, resume: false);
        }
        // Training steps and validation batches of epoch 1 each call the loss once.
        stepsPerEpoch = probe.Steps.Count + 2;

        var files = new RunFiles(folder.Path);
        byte[]? checkpointAfterEpoch1 = null;
        var observer = new SnapshotObserver(() => checkpointAfterEpoch1 = File.ReadAllBytes(files.Checkpoint));
        var e = Assert.Throws<NonFiniteLossException>(() =>
            new Trainer(TinyRun.Options, loss, observer).Run(network, run.Data, TinyRun.Description, folder.Path, false));
        Assert.Equal(2, e.Epoch);
        Assert.Equal(1, e.Batch);
        Assert.True(double.IsNaN(e.Loss));
        Assert.Contains("epoch 2, batch 2", e.Message);
        Assert.Contains(files.Checkpoint, e.Message);
        Assert.Equal(checkpointAfterEpoch1, File.ReadAllBytes(files.Checkpoint));
        Assert.All(TinyRun.Weights(network).Values, w => Assert.All(w, v => Assert.True(float.IsFinite(v))));
    }

    [Fact]
    public void CancellingAtAnEpochEndStopsWithACheckpointOfThatEpoch()
    {
        using var run = new TinyRun();
        using var folder = new TemporaryDirectory();
        using var network = TinyRun.Network();
        using var cancel = new CancellationTokenSource();
        var cancelling = new SnapshotObserver(() => cancel.Cancel());
        var outcome = new Trainer(TinyRun.Options with { Epochs = 3 }, TinyRun.MaskedCrossEntropy, cancelling)
            .Run(network, run.Data, TinyRun.Description, folder.Path, resume: false, cancel.Token);
        Assert.False(outcome.Completed);
        Assert.Equal(1, outcome.CompletedEpochs);
        var state = Checkpoint.ReadState(new RunFiles(folder.Path));
        Assert.Equal(1, state.CompletedEpochs);
        Assert.Null(state.InProgress);
        Assert.Equal(2, File.ReadAllLines(new RunFiles(folder.Path).Log).Length);
    }

    [Fact]
    public void TheLearningRateDropsAfterEachStepOfEpochs()
    {
        using var run = new TinyRun();
        using var folder = new TemporaryDirectory();
        using var network = TinyRun.Network();
        var observer = new RecordingObserver();
        new Trainer(TinyRun.Options with { Epochs = 3, LearningRateStepEpochs = 2, LearningRateGamma = 0.5 },
            TinyRun.MaskedCrossEntropy, observer).Run(network, run.Data, TinyRun.Description, folder.Path, false);
        Assert.Equal([0.01, 0.01, 0.005], observer.Epochs.Select(r => r.LearningRate));
        var lastLine = File.ReadAllLines(new RunFiles(folder.Path).Log)[^1].Split(',');
        Assert.Equal(0.005, double.Parse(lastLine[9], CultureInfo.InvariantCulture));
    }

    [Fact]
    public void BadArgumentsAreNamed()
    {
        Assert.Equal("BatchSize", Assert.Throws<ArgumentOutOfRangeException>(() =>
            new Trainer(TinyRun.Options with { BatchSize = 0 }, TinyRun.MaskedCrossEntropy)).ParamName);
        Assert.Equal("Groups", Assert.Throws<ArgumentOutOfRangeException>(() =>
            new Trainer(TinyRun.Options with { Groups = 3 }, TinyRun.MaskedCrossEntropy)).ParamName);
        Assert.Equal("OutputTile", Assert.Throws<ArgumentOutOfRangeException>(() =>
            new Trainer(TinyRun.Options with { OutputTile = 21 }, TinyRun.MaskedCrossEntropy)).ParamName);
        using var run = new TinyRun();
        using var network = TinyRun.Network();
        using var folder = new TemporaryDirectory();
        var noValidation = run.Data with { Validation = [] };
        Assert.Equal("data", Assert.Throws<ArgumentException>(() => new Trainer(TinyRun.Options, TinyRun.MaskedCrossEntropy)
            .Run(network, noValidation, TinyRun.Description, folder.Path, false)).ParamName);
    }

    private sealed class SnapshotObserver(Action afterFirstEpoch) : ITrainingObserver
    {
        private bool _done;

        public void OnStep(StepReport report)
        {
        }

        public void OnEpoch(EpochRecord record, bool isBest)
        {
            if (!_done)
            {
                _done = true;
                afterFirstEpoch();
            }
        }

        public void OnNotice(string message)
        {
        }
    }
}
