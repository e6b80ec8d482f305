using RootSeg.Segmentation.Augmentation;
using RootSeg.Segmentation.Augmentation.Device;
using RootSeg.Segmentation.Data;
using RootSeg.Torch;

namespace RootSeg.Segmentation.Training;

/// <summary>Where a training epoch's batches come from, as tensors on the training device.</summary>
internal interface IBatchSource : IDisposable
{
    /// <summary>Tiles of the epoch.</summary>
    int EpochTiles(int epoch);

    /// <summary>The epoch's batches in order from <paramref name="firstBatch"/> on; the caller disposes each.</summary>
    IEnumerable<StepBatch> ReadEpoch(int epoch, int firstBatch);
}

/// <summary>
/// Batches whose tiles CPU workers augment (<see cref="AugmentationPipeline"/>, the paper's way), copied to the device.
/// </summary>
internal sealed class HostBatchSource(AugmentationPipeline pipeline, Device device, bool channelsLast) : IBatchSource
{
    public int EpochTiles(int epoch) => pipeline.EpochTiles(epoch).Count;

    public IEnumerable<StepBatch> ReadEpoch(int epoch, int firstBatch)
    {
        foreach (var batch in pipeline.ReadEpoch(epoch, firstBatch))
        {
            StepBatch step;
            using (batch)
            {
                step = ToTensors(batch, device, channelsLast);
            }
            yield return step;
        }
    }

    /// <summary>Copies of a host batch's arrays as tensors on <paramref name="device"/>.</summary>
    public static StepBatch ToTensors(TrainingBatch batch, Device device, bool channelsLast)
    {
        using var scope = TensorScope.Enter();
        var size = batch.Geometry.InputSize;
        var output = batch.Geometry.OutputSize;
        var input = Tensor.FromSpan(batch.Inputs, [batch.Count, 3, size, size], device);
        if (channelsLast)
        {
            input = input.ContiguousChannelsLast();
        }
        var target = Tensor.FromSpan(batch.Labels, [batch.Count, output, output], device).To(ScalarType.Int64);
        var labelled = Tensor.FromSpan(batch.Labelled, [batch.Count, output, output], device);
        return new StepBatch(batch.Index, batch.Count, scope.Keep(input), scope.Keep(target), scope.Keep(labelled));
    }

    public void Dispose()
    {
    }
}

/// <summary>
/// Batches that CPU workers only crop and <see cref="DeviceAugmenter"/> augments on the training device, so that a GPU
/// is not held back by the host's elastic deformation: the same tiles in the same order as
/// <see cref="HostBatchSource"/>, augmented with the same distributions from other random streams.
/// </summary>
internal sealed class DeviceBatchSource : IBatchSource
{
    private readonly DeviceCropSource _crops;
    private readonly DeviceAugmenter _augmenter;
    private readonly Device _device;
    private readonly bool _channelsLast;

    public DeviceBatchSource(IReadOnlyList<TrainingImage> images, AugmentationOptions options, Device device, ulong seed,
        bool channelsLast)
    {
        _crops = new DeviceCropSource(images, options);
        _augmenter = new DeviceAugmenter(options.Augmenter, options.Geometry, device, seed);
        (_device, _channelsLast) = (device, channelsLast);
    }

    public int EpochTiles(int epoch) => _crops.EpochTiles(epoch).Count;

    public IEnumerable<StepBatch> ReadEpoch(int epoch, int firstBatch)
    {
        foreach (var crop in _crops.ReadEpoch(epoch, firstBatch))
        {
            StepBatch step;
            using (crop)
            {
                var (photos, annotations) = crop.ToDevice(_device);
                using (photos)
                using (annotations)
                {
                    var augmented = _augmenter.Augment(photos, annotations, crop.Epoch, crop.FirstTile);
                    var input = augmented.Inputs;
                    if (_channelsLast)
                    {
                        input = augmented.Inputs.ContiguousChannelsLast();
                        augmented.Inputs.Dispose();
                    }
                    step = new StepBatch(crop.Index, crop.Count, input, augmented.Targets, augmented.Labelled);
                }
            }
            yield return step;
        }
    }

    public void Dispose() => _augmenter.Dispose();
}
