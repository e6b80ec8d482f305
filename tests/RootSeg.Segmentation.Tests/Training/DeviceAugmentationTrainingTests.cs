using RootSeg.Segmentation.Tests.Data;
using RootSeg.Segmentation.Tests.Networks;
using RootSeg.Segmentation.Training;

namespace RootSeg.Segmentation.Tests.Training;

/// <summary>
/// Training with the tiles augmented on the device (<c>--augment-on device</c>): the same tiles in the same batches as
/// the host pipeline, augmented by other random draws, so the updates differ while the epoch's shape does not.
/// </summary>
[Collection(DefaultGeneratorCollection.Name)]
public sealed class DeviceAugmentationTrainingTests
{
    [Fact]
    public void DeviceAugmentationTrainsOnTheSameTilesWithOtherDraws()
    {
        using var run = new TinyRun();
        var observers = new List<RecordingObserver>();
        foreach (var onDevice in new[] { false, true })
        {
            using var folder = new TemporaryDirectory();
            using var network = TinyRun.Network(TinyRun.FastVariant);
            var observer = new RecordingObserver();
            var options = TinyRun.OptionsFor(TinyRun.FastVariant) with { Epochs = 1, AugmentOnDevice = onDevice };
            Assert.True(new Trainer(options, TinyRun.MaskedCrossEntropy, observer)
                .Run(network, run.Data, TinyRun.Description, folder.Path, resume: false).Completed);
            Assert.Equal(onDevice, Checkpoint.ReadState(new RunFiles(folder.Path)).Options.AugmentOnDevice);
            observers.Add(observer);
        }

        var (host, device) = (observers[0], observers[1]);
        Assert.Equal(host.Steps.Select(s => (s.Batch, s.Tiles, s.EpochTiles)), device.Steps.Select(s => (s.Batch, s.Tiles, s.EpochTiles)));
        Assert.All(device.Steps, s => Assert.True(double.IsFinite(s.Loss) && s.Loss > 0, $"loss {s.Loss}"));
        Assert.Equal(host.Epochs[0].Train.Counts.Total, device.Epochs[0].Train.Counts.Total);
        Assert.NotEqual(host.Steps.Select(s => s.Loss), device.Steps.Select(s => s.Loss));
    }
}
