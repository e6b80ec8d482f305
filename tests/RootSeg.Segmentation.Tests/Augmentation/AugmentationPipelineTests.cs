using RootSeg.Segmentation.Augmentation;
using RootSeg.Segmentation.Data;
using RootSeg.Segmentation.Tests.Data;

namespace RootSeg.Segmentation.Tests.Augmentation;

public sealed class AugmentationPipelineTests : IDisposable
{
    private static readonly TileGeometry Small = new(36, 16);
    private readonly TrainingImage[] _images =
    [
        SyntheticImages.Make("a", 60, 50, rootColumn: 30, rootTop: 5, rootBottom: 45, seed: 1),
        SyntheticImages.Make("b", 48, 64, rootColumn: 10, rootTop: 0, rootBottom: 64, seed: 2),
        SyntheticImages.Make("c", 50, 50, rootColumn: -1, rootTop: 0, rootBottom: 0, seed: 3),
    ];

    public void Dispose()
    {
        foreach (var image in _images)
        {
            image.Dispose();
        }
    }

    private AugmentationPipeline Pipeline(int workers, ulong seed = 7) => new(_images, new AugmentationOptions
    {
        Seed = seed,
        Workers = workers,
        QueueCapacity = 2,
        BatchSize = 3,
        Geometry = Small,
        CandidatesPerImage = 12,
        MaxTilesPerImage = 5,
    });

    [Fact]
    public async Task IdenticalBatchesWhateverTheWorkerCount()
    {
        var one = await Collect(Pipeline(1), epoch: 2);
        var three = await Collect(Pipeline(3), epoch: 2);
        Assert.True(one.Count >= 2, "the test needs several batches");
        Assert.Equal(one.Count, three.Count);
        for (var b = 0; b < one.Count; b++)
        {
            Assert.Equal(b, three[b].Index);
            Assert.Equal(one[b].Windows, three[b].Windows);
            Assert.Equal(one[b].Inputs.ToArray(), three[b].Inputs.ToArray());
            Assert.Equal(one[b].Labels.ToArray(), three[b].Labels.ToArray());
            Assert.Equal(one[b].Labelled.ToArray(), three[b].Labelled.ToArray());
        }
        var other = await Collect(Pipeline(2, seed: 8), epoch: 2);
        Assert.NotEqual(one[0].Inputs.ToArray(), other[0].Inputs.ToArray());
    }

    [Fact]
    public async Task ResumingMidEpochGivesTheSameBatches()
    {
        var pipeline = Pipeline(2);
        var all = await Collect(pipeline, epoch: 1);
        var tail = new List<TrainingBatch>();
        await foreach (var batch in pipeline.ReadEpochAsync(1, firstBatch: 1))
        {
            tail.Add(batch);
        }
        Assert.Equal(all.Count - 1, tail.Count);
        Assert.Equal(all[1].Inputs.ToArray(), tail[0].Inputs.ToArray());
        Assert.Equal(all[^1].Labels.ToArray(), tail[^1].Labels.ToArray());
    }

    [Fact]
    public async Task BlockingReadGivesTheSameBatches()
    {
        var pipeline = Pipeline(2);
        var asynchronous = await Collect(pipeline, epoch: 0);
        var blocking = pipeline.ReadEpoch(0).ToList();
        Assert.Equal(pipeline.BatchCount(0), blocking.Count);
        Assert.Equal(asynchronous.Select(b => b.Inputs.ToArray()), blocking.Select(b => b.Inputs.ToArray()));
    }

    [Fact]
    public void EpochTilesAreRootTilesOfRootedImagesOnly()
    {
        var tiles = Pipeline(1).EpochTiles(0);
        Assert.DoesNotContain(tiles, w => w.ImageIndex == 2);
        Assert.True(tiles.Count(w => w.ImageIndex == 0) <= 5);
        Assert.NotEqual(tiles, Pipeline(1).EpochTiles(1));
    }

    [Fact]
    public async Task CancellationStopsTheEpoch()
    {
        using var cancel = new CancellationTokenSource();
        var seen = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in Pipeline(2).ReadEpochAsync(0, 0, cancel.Token))
            {
                seen++;
                cancel.Cancel();
            }
        });
        Assert.Equal(1, seen);
    }

    [Fact]
    public async Task WorkersRunAheadByAtMostTheQueueCapacity()
    {
        var pipeline = new AugmentationPipeline(_images, new AugmentationOptions
        {
            Seed = 1, Workers = 2, QueueCapacity = 2, BatchSize = 1, Geometry = Small,
            CandidatesPerImage = 40, MaxTilesPerImage = 10,
        });
        Assert.True(pipeline.BatchCount(0) >= 8, "the epoch must be longer than the queue");
        await using var batches = pipeline.ReadEpochAsync(0).GetAsyncEnumerator();
        Assert.True(await batches.MoveNextAsync());
        // The consumer holds batch 0; the queue admits two more, so exactly three get built however long we wait.
        for (var i = 0; i < 200 && pipeline.BatchesBuilt < 3; i++)
        {
            await Task.Delay(20);
        }
        await Task.Delay(200);
        Assert.Equal(3, pipeline.BatchesBuilt);
        Assert.True(await batches.MoveNextAsync());
        Assert.Equal(1, batches.Current.Index);
    }

    [Fact]
    public void ValidationBatchesCoverEveryTile()
    {
        var batches = AugmentationPipeline.ValidationBatches(_images, Small, 4).ToList();
        var expected = ValidationTiles.For(_images, Small);
        Assert.Equal(expected, batches.SelectMany(b => b.Windows));
        var first = batches[0];
        Assert.All(first.Inputs.ToArray(), v => Assert.InRange(v, -0.5f, 0.5f));
        Assert.All(first.Labelled.ToArray(), v => Assert.Equal(1, v));
    }

    [Fact]
    public void PooledArraysComeCleanAndADisposedBatchRefusesAccess()
    {
        // Leave garbage in the arrays the pool will hand this thread next (its per-thread slot, per size).
        var garbageInputs = System.Buffers.ArrayPool<float>.Shared.Rent(4 * 3 * 36 * 36);
        Array.Fill(garbageInputs, float.NaN);
        System.Buffers.ArrayPool<float>.Shared.Return(garbageInputs);
        var garbageLabels = System.Buffers.ArrayPool<byte>.Shared.Rent(4 * 16 * 16);
        Array.Fill(garbageLabels, (byte)7);
        System.Buffers.ArrayPool<byte>.Shared.Return(garbageLabels);

        var batch = AugmentationPipeline.ValidationBatches(_images, Small, 4).First();
        Assert.All(batch.Inputs.ToArray(), v => Assert.InRange(v, -0.5f, 0.5f));
        Assert.All(batch.Labels.ToArray(), v => Assert.InRange(v, (byte)0, (byte)1));
        Assert.All(batch.Labelled.ToArray(), v => Assert.InRange(v, (byte)0, (byte)1));
        batch.Dispose();
        Assert.Throws<ObjectDisposedException>(() => batch.Inputs.Length);
        batch.Dispose();
    }

    private static async Task<List<TrainingBatch>> Collect(AugmentationPipeline pipeline, int epoch)
    {
        var batches = new List<TrainingBatch>();
        await foreach (var batch in pipeline.ReadEpochAsync(epoch))
        {
            batches.Add(batch);
        }
        return batches;
    }
}
