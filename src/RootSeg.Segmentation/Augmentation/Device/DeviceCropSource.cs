using System.Runtime.CompilerServices;
using System.Threading.Channels;
using RootSeg.Segmentation.Data;

namespace RootSeg.Segmentation.Augmentation.Device;

/// <summary>
/// The CPU half of training with augmentation on the device: picks each epoch's tiles exactly as
/// <see cref="AugmentationPipeline"/> does (the paper's instance selection, Smith et al. 2020,
/// doi:10.1186/s13007-020-00563-0, then the shuffle, both from the run seed) and only cuts the raw crops into
/// batches, ahead of the consumer in a bounded queue; <see cref="DeviceAugmenter"/> does the rest on the device.
/// </summary>
/// <remarks>The images are read, never modified, and must outlive the enumerations.</remarks>
public sealed class DeviceCropSource
{
    private readonly IReadOnlyList<TrainingImage> _images;
    private readonly AugmentationOptions _options;
    private readonly AugmentationPipeline _selection;

    /// <summary>Creates a source over in-memory training images.</summary>
    /// <param name="images">Training images (at least one), each at least OutputSize on each side.</param>
    /// <param name="options">Seed, batch size, geometry, tile selection, workers (cropping threads per batch) and
    /// queue capacity; its <see cref="AugmentationOptions.Augmenter"/> is not used.</param>
    public DeviceCropSource(IReadOnlyList<TrainingImage> images, AugmentationOptions options)
    {
        _selection = new AugmentationPipeline(images, options);
        _images = images;
        _options = options;
    }

    /// <summary>The epoch's tiles in training order (the same as <see cref="AugmentationPipeline.EpochTiles"/>).</summary>
    public IReadOnlyList<TileWindow> EpochTiles(int epoch) => _selection.EpochTiles(epoch);

    /// <summary>
    /// The raw crops of one epoch in batches, in order, from <paramref name="firstBatch"/> on (to resume). The caller
    /// disposes each batch; stopping the enumeration or cancelling stops the cropping.
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public IEnumerable<CropBatch> ReadEpoch(int epoch, int firstBatch = 0, CancellationToken cancellationToken = default) =>
        ReadEpochAsync(epoch, firstBatch, cancellationToken).ToBlockingEnumerable(cancellationToken);

    /// <inheritdoc cref="ReadEpoch"/>
    public async IAsyncEnumerable<CropBatch> ReadEpochAsync(int epoch, int firstBatch = 0,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        ArgumentOutOfRangeException.ThrowIfNegative(firstBatch);
        var tiles = EpochTiles(epoch);
        var batchCount = (tiles.Count + _options.BatchSize - 1) / _options.BatchSize;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var queue = Channel.CreateBounded<CropBatch>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            SingleReader = true,
            SingleWriter = true,
        });
        var producer = Task.Run(() => ProduceAsync(epoch, tiles, firstBatch, batchCount, queue.Writer, stop.Token));
        try
        {
            await foreach (var batch in queue.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return batch;
            }
            cancellationToken.ThrowIfCancellationRequested();
            await producer.ConfigureAwait(false);
        }
        finally
        {
            stop.Cancel();
            try
            {
                await producer.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // How the producer is told to stop.
            }
            while (queue.Reader.TryRead(out var left))
            {
                left.Dispose();
            }
        }
    }

    /// <summary>Cuts batch <paramref name="index"/> of an epoch whose tiles are <paramref name="tiles"/>.</summary>
    public CropBatch Crop(int epoch, IReadOnlyList<TileWindow> tiles, int index)
    {
        ArgumentNullException.ThrowIfNull(tiles);
        var start = index * _options.BatchSize;
        if (index < 0 || start >= tiles.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"the epoch has {tiles.Count} tiles");
        }
        var windows = tiles.Skip(start).Take(_options.BatchSize).ToArray();
        var batch = new CropBatch(epoch, index, start, _options.Geometry, windows);
        var geometry = _options.Geometry;
        Parallel.For(0, windows.Length, new ParallelOptions { MaxDegreeOfParallelism = _options.Workers }, k =>
        {
            var image = _images[windows[k].ImageIndex];
            using var photo = TileExtractor.Cut(image.Photo, windows[k].X, windows[k].Y, geometry.InputSize,
                geometry.Margin);
            using var annotation = TileExtractor.Cut(image.Annotation, windows[k].X, windows[k].Y,
                geometry.InputSize, geometry.Margin);
            batch.Fill(k, photo, annotation);
        });
        return batch;
    }

    private async Task ProduceAsync(int epoch, IReadOnlyList<TileWindow> tiles, int firstBatch, int batchCount,
        ChannelWriter<CropBatch> writer, CancellationToken cancellationToken)
    {
        Exception? failure = null;
        try
        {
            for (var b = firstBatch; b < batchCount; b++)
            {
                var batch = Crop(epoch, tiles, b);
                try
                {
                    await writer.WriteAsync(batch, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    batch.Dispose();
                    throw;
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            failure = e;
        }
        finally
        {
            writer.TryComplete(failure);
        }
    }
}
