using RootSeg.Segmentation.Tests.Data;
using RootSeg.Segmentation.Training;
using RootSeg.Torch.Serialization;
using RootSeg.Segmentation.Tests.Networks;

namespace RootSeg.Segmentation.Tests.Training;

// Builds networks from torch's default generator, seeded or not, so never beside another class that does.
[Collection(DefaultGeneratorCollection.Name)]
public sealed class ResumeTests
{
    [Theory]
    [InlineData(TinyRun.PaperVariant, 1, 2)] // mid-epoch: the second step of epoch 1
    [InlineData(TinyRun.PaperVariant, 2, 1)] // the first step of the last epoch
    [InlineData(TinyRun.PaperVariant, 1, -1)] // the last step of epoch 1: stops during validation
    [InlineData(TinyRun.AdamWVariant, 1, 2)] // per-step schedule and AdamW state
    [InlineData(TinyRun.AdamWVariant, 2, 1)]
    [InlineData(TinyRun.UNetSameVariant, 1, 2)] // batch norm running statistics too
    [InlineData(TinyRun.UNetSameVariant, 1, -1)]
    [InlineData(TinyRun.FastVariant, 1, 2)] // bfloat16 autocast and channels-last
    [InlineData(TinyRun.FastVariant, 2, 1)]
    [InlineData(TinyRun.DeviceAugmentationVariant, 1, 2)] // crops on the host, augmentation as tensor ops
    [InlineData(TinyRun.TransferVariant, 1, 2)] // encoder rate scale, frozen stem and batch-norm statistics
    [InlineData(TinyRun.TransferVariant, 2, 1)]
    public void ResumeReproducesTheUninterruptedRunBitForBit(string variant, int cancelEpoch, int cancelBatch)
    {
        using var run = new TinyRun();
        using var straightFolder = new TemporaryDirectory();
        using var resumedFolder = new TemporaryDirectory();
        var options = TinyRun.OptionsFor(variant);

        using var straight = TinyRun.Network(variant);
        var whole = new Trainer(options, TinyRun.MaskedCrossEntropy)
            .Run(straight, run.Data, TinyRun.Description, straightFolder.Path, resume: false);
        Assert.True(whole.Completed);

        using var cancel = new CancellationTokenSource();
        var observer = new RecordingObserver(cancel, cancelEpoch, cancelBatch);
        using (var first = TinyRun.Network(variant))
        {
            var stopped = new Trainer(options, TinyRun.MaskedCrossEntropy, observer)
                .Run(first, run.Data, TinyRun.Description, resumedFolder.Path, resume: false, cancel.Token);
            Assert.False(stopped.Completed);
            Assert.Equal(cancelEpoch - 1, stopped.CompletedEpochs);
        }
        var saved = Checkpoint.ReadState(new RunFiles(resumedFolder.Path));
        Assert.Equal(cancelEpoch, saved.InProgress!.Epoch);
        var batchesOfEpoch = observer.Steps.First(s => s.Epoch == cancelEpoch).Batches;
        Assert.Equal(cancelBatch < 0 ? batchesOfEpoch : cancelBatch, saved.InProgress.NextBatch);

        // A differently seeded network: every weight must come from the checkpoint.
        using var second = TinyRun.Network(variant, seed: 99);
        var resumedObserver = new RecordingObserver();
        var finished = new Trainer(options, TinyRun.MaskedCrossEntropy, resumedObserver)
            .Run(second, run.Data, TinyRun.Description, resumedFolder.Path, resume: true);
        Assert.True(finished.Completed);
        Assert.Contains(resumedObserver.Notices, n => n.StartsWith("resuming", StringComparison.Ordinal));

        var expected = TinyRun.Weights(straight);
        var actual = TinyRun.Weights(second);
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (name, values) in expected)
        {
            Assert.Equal(values, actual[name]);
        }
        var straightCheckpoint = SafetensorsFile.Read(new RunFiles(straightFolder.Path).Checkpoint).Tensors;
        var resumedCheckpoint = SafetensorsFile.Read(new RunFiles(resumedFolder.Path).Checkpoint).Tensors;
        Assert.Contains(straightCheckpoint.Keys, k => k.StartsWith("optimizer.", StringComparison.Ordinal));
        foreach (var (name, tensor) in straightCheckpoint)
        {
            Assert.True(tensor.ContentEquals(resumedCheckpoint[name]), $"{name} differs after resuming");
        }

        var straightLog = File.ReadAllLines(new RunFiles(straightFolder.Path).Log);
        var resumedLog = File.ReadAllLines(new RunFiles(resumedFolder.Path).Log);
        Assert.Equal(3, straightLog.Length);
        Assert.Equal(straightLog.Select(WithoutSeconds), resumedLog.Select(WithoutSeconds));
    }

    [Fact]
    public void ResumingWithOtherOptionsIsRefused()
    {
        using var run = new TinyRun();
        using var folder = new TemporaryDirectory();
        using var cancel = new CancellationTokenSource();
        using (var network = TinyRun.Network())
        {
            new Trainer(TinyRun.Options, TinyRun.MaskedCrossEntropy, new RecordingObserver(cancel, 1, 1))
                .Run(network, run.Data, TinyRun.Description, folder.Path, resume: false, cancel.Token);
        }
        using var again = TinyRun.Network();
        var e = Assert.Throws<InvalidOperationException>(() =>
            new Trainer(TinyRun.Options with { LearningRate = 0.5 }, TinyRun.MaskedCrossEntropy)
                .Run(again, run.Data, TinyRun.Description, folder.Path, resume: true));
        Assert.Contains("LearningRate", e.Message);
    }

    [Fact]
    public void AFreshRunRefusesAFolderWithACheckpoint()
    {
        using var run = new TinyRun();
        using var folder = new TemporaryDirectory();
        using var cancel = new CancellationTokenSource();
        using (var network = TinyRun.Network())
        {
            new Trainer(TinyRun.Options, TinyRun.MaskedCrossEntropy, new RecordingObserver(cancel, 1, 1))
                .Run(network, run.Data, TinyRun.Description, folder.Path, resume: false, cancel.Token);
        }
        using var again = TinyRun.Network();
        var e = Assert.Throws<IOException>(() => new Trainer(TinyRun.Options, TinyRun.MaskedCrossEntropy)
            .Run(again, run.Data, TinyRun.Description, folder.Path, resume: false));
        Assert.Contains("--resume", e.Message);
    }

    private static string WithoutSeconds(string line) => line[..line.LastIndexOf(',')];
}
