using RootSeg.Imaging.Randomness;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using RootSeg.Segmentation.Data;

namespace RootSeg.Segmentation.Augmentation;

/// <summary>
/// Feeds training: each epoch selects tiles with the paper's <see cref="InstanceSampler"/> (Smith et al. 2020,
/// "Segmentation of roots in soil with U-Net", Plant Methods 16:13, doi:10.1186/s13007-020-00563-0), shuffles them,
/// and has parallel CPU workers augment them into batches that wait in a bounded queue while the network trains.
/// </summary>
/// <remarks>
/// Reproducible regardless of worker count and scheduling: the epoch's tiles come from (seed, epoch), their order
/// from (seed, epoch), and tile k's augmentation from its own generator (seed, epoch, k); batches are delivered in
/// order. A run resumed at (epoch, batch) therefore sees exactly the batches the uninterrupted run would have seen.
/// The images are read, never modified, and must outlive the pipeline's enumerations.
/// </remarks>
public sealed class AugmentationPipeline
{
    private const long ShuffleStream = 0x53485546;
    private const long AugmentStream = 0x41554746;
    private readonly IReadOnlyList<TrainingImage> _images;
    private readonly AugmentationOptions _options;
    private readonly InstanceSampler _sampler;
    private long _batchesBuilt;

    /// <summary>Creates a pipeline over in-memory training images.</summary>
    /// <param name="images">Training images (at least one), each at least OutputSize on each side.</param>
    /// <param name="options">Settings.</param>
    public AugmentationPipeline(IReadOnlyList<TrainingImage> images, AugmentationOptions options)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(options);
        if (images.Count == 0)
        {
            throw new ArgumentException("at least one training image is needed", nameof(images));
        }
        options.Validate();
        _images = images;
        _options = options;
        _sampler = new InstanceSampler(options.Geometry, options.CandidatesPerImage, options.MaxTilesPerImage);
    }

    /// <summary>Batches built so far by <see cref="BuildBatch"/>, on any thread (lets tests see the queue's bound).</summary>
    internal long BatchesBuilt => Interlocked.Read(ref _batchesBuilt);

    /// <summary>The epoch's tiles in training order: sampled per image, then shuffled.</summary>
    public IReadOnlyList<TileWindow> EpochTiles(int epoch)
    {
        var tiles = _sampler.Sample(_images, _options.Seed, epoch).ToList();
        SeededRandom.Derive(_options.Seed, ShuffleStream, epoch).Shuffle(tiles);
        return tiles;
    }

    /// <summary>The number of batches of an epoch.</summary>
    public int BatchCount(int epoch) => (EpochTiles(epoch).Count + _options.BatchSize - 1) / _options.BatchSize;

    /// <summary>
    /// The augmented batches of one epoch, in order, from <paramref name="firstBatch"/> on (to resume mid-epoch).
    /// Workers run ahead of the consumer by at most <see cref="AugmentationOptions.QueueCapacity"/> batches;
    /// stopping the enumeration or cancelling stops them.
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public async IAsyncEnumerable<TrainingBatch> ReadEpochAsync(int epoch, int firstBatch = 0,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(epoch);
        ArgumentOutOfRangeException.ThrowIfNegative(firstBatch);
        var tiles = EpochTiles(epoch);
        var batchCount = (tiles.Count + _options.BatchSize - 1) / _options.BatchSize;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // The ordered queue bounds how far work runs ahead; the work queue lets any idle worker take the next job.
        var ordered = Channel.CreateBounded<BatchJob>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            SingleReader = true,
            SingleWriter = true,
        });
        var work = Channel.CreateUnbounded<BatchJob>(new UnboundedChannelOptions { SingleWriter = true });
        var tasks = new List<Task>
        {
            Task.Run(() => DispatchAsync(firstBatch, batchCount, ordered.Writer, work.Writer, stop.Token)),
        };
        for (var w = 0; w < _options.Workers; w++)
        {
            tasks.Add(Task.Run(() => WorkAsync(epoch, tiles, work.Reader, stop.Token)));
        }
        try
        {
            await foreach (var job in ordered.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                // A ready batch would otherwise be handed out after cancellation: neither TryRead nor WaitAsync on a
                // completed task looks at the token.
                cancellationToken.ThrowIfCancellationRequested();
                yield return await job.Result.Task.WaitAsync(stop.Token).ConfigureAwait(false);
            }
            cancellationToken.ThrowIfCancellationRequested();
        }
        finally
        {
            stop.Cancel();
            try
            {
                await Task.WhenAll(tasks).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Cancellation is how the helpers are told to stop; anything else is reported through the jobs.
            }
        }
    }

    /// <summary>The epoch's batches, blocking while they are made (for a synchronous training loop).</summary>
    public IEnumerable<TrainingBatch> ReadEpoch(int epoch, int firstBatch = 0, CancellationToken cancellationToken = default) =>
        ReadEpochAsync(epoch, firstBatch, cancellationToken).ToBlockingEnumerable(cancellationToken);

    /// <summary>Builds batch <paramref name="index"/> of an epoch on the calling thread.</summary>
    public TrainingBatch BuildBatch(int epoch, IReadOnlyList<TileWindow> tiles, int index)
    {
        ArgumentNullException.ThrowIfNull(tiles);
        var start = index * _options.BatchSize;
        if (index < 0 || start >= tiles.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"the epoch has {tiles.Count} tiles");
        }
        var count = Math.Min(_options.BatchSize, tiles.Count - start);
        var windows = new TileWindow[count];
        for (var k = 0; k < count; k++)
        {
            windows[k] = tiles[start + k];
        }
        var batch = new TrainingBatch(epoch, index, _options.Geometry, windows);
        var geometry = _options.Geometry;
        for (var k = 0; k < count; k++)
        {
            var window = windows[k];
            var image = _images[window.ImageIndex];
            using var photo = TileExtractor.Cut(image.Photo, window.X, window.Y, geometry.InputSize, geometry.Margin);
            using var annotation = TileExtractor.Cut(image.Annotation, window.X, window.Y, geometry.InputSize,
                geometry.Margin);
            var random = SeededRandom.Derive(_options.Seed, AugmentStream, epoch, start + k);
            _options.Augmenter.Augment(photo, annotation, geometry, random,
                batch.InputOf(k), batch.LabelsOf(k), batch.LabelledOf(k));
        }
        Interlocked.Increment(ref _batchesBuilt);
        return batch;
    }

    /// <summary>
    /// Every validation tile of <paramref name="images"/> (no augmentation), in batches: the paper validates on all
    /// tiles of each validation image.
    /// </summary>
    public static IEnumerable<TrainingBatch> ValidationBatches(IReadOnlyList<TrainingImage> images,
        TileGeometry geometry, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(geometry);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var windows = ValidationTiles.For(images, geometry);
        return Iterate();

        IEnumerable<TrainingBatch> Iterate()
        {
            for (var start = 0; start < windows.Count; start += batchSize)
            {
                var slice = windows.Skip(start).Take(batchSize).ToArray();
                var batch = new TrainingBatch(-1, start / batchSize, geometry, slice);
                for (var k = 0; k < slice.Length; k++)
                {
                    var image = images[slice[k].ImageIndex];
                    using var photo = TileExtractor.Cut(image.Photo, slice[k].X, slice[k].Y, geometry.InputSize,
                        geometry.Margin);
                    using var annotation = TileExtractor.Cut(image.Annotation, slice[k].X, slice[k].Y,
                        geometry.InputSize, geometry.Margin);
                    TileOutput.Prepare(photo, annotation, geometry, batch.InputOf(k), batch.LabelsOf(k),
                        batch.LabelledOf(k));
                }
                yield return batch;
            }
        }
    }

    private static async Task DispatchAsync(int firstBatch, int batchCount, ChannelWriter<BatchJob> ordered,
        ChannelWriter<BatchJob> work, CancellationToken cancellationToken)
    {
        try
        {
            for (var b = firstBatch; b < batchCount; b++)
            {
                var job = new BatchJob(b);
                await ordered.WriteAsync(job, cancellationToken).ConfigureAwait(false);
                work.TryWrite(job);
            }
        }
        finally
        {
            ordered.TryComplete();
            work.TryComplete();
        }
    }

    private async Task WorkAsync(int epoch, IReadOnlyList<TileWindow> tiles, ChannelReader<BatchJob> work,
        CancellationToken cancellationToken)
    {
        await foreach (var job in work.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                job.Result.SetResult(BuildBatch(epoch, tiles, job.Index));
            }
            catch (Exception e)
            {
                job.Result.SetException(e);
            }
        }
    }

    private sealed class BatchJob(int index)
    {
        public int Index { get; } = index;

        public TaskCompletionSource<TrainingBatch> Result { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
