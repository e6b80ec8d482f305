using RootSeg.Imaging.Rasters;
using RootSeg.Segmentation.Augmentation;
using RootSeg.Segmentation.Augmentation.Device;
using RootSeg.Segmentation.Data;
using RootSeg.Torch;
using TorchDevice = RootSeg.Torch.Device;

namespace RootSeg.Segmentation.Tests.Augmentation.Device;

public sealed class DeviceCropSourceTests : IDisposable
{
    private static readonly TileGeometry Small = new(40, 20);
    private readonly List<TrainingImage> _images;
    private readonly AugmentationOptions _options;

    public DeviceCropSourceTests()
    {
        _images = Enumerable.Range(0, 2).Select(i =>
        {
            var photo = DeviceTiles.RandomPhoto(90, (ulong)i + 1);
            var annotation = DeviceTiles.RandomAnnotation(90, (ulong)i + 50);
            return new TrainingImage($"image{i}", photo, annotation);
        }).ToList();
        _options = new AugmentationOptions
        {
            Seed = 3, BatchSize = 3, Workers = 2, QueueCapacity = 2, Geometry = Small,
            CandidatesPerImage = 12, MaxTilesPerImage = 5,
        };
    }

    public void Dispose() => _images.ForEach(i => i.Dispose());

    [Fact]
    public void PicksThePipelinesTilesAndCutsThemRaw()
    {
        var source = new DeviceCropSource(_images, _options);
        var pipeline = new AugmentationPipeline(_images, _options);
        var tiles = pipeline.EpochTiles(2);
        Assert.Equal(tiles, source.EpochTiles(2));
        Assert.NotEmpty(tiles);
        var seen = 0;
        foreach (var batch in source.ReadEpoch(2))
        {
            using (batch)
            {
                Assert.Equal(seen, batch.FirstTile);
                for (var k = 0; k < batch.Count; k++)
                {
                    var window = tiles[seen + k];
                    Assert.Equal(window, batch.Windows[k]);
                    var image = _images[window.ImageIndex];
                    using var photo = TileExtractor.Cut(image.Photo, window.X, window.Y, 40, 10);
                    using var annotation = TileExtractor.Cut(image.Annotation, window.X, window.Y, 40, 10);
                    Assert.Equal(photo.Data.ToArray(), batch.Photos.Slice(k * 4800, 4800).ToArray());
                    Assert.Equal(annotation.Data.ToArray(), batch.Annotations.Slice(k * 1600, 1600).ToArray());
                }
                seen += batch.Count;
            }
        }
        Assert.Equal(tiles.Count, seen);
    }

    [Fact]
    public void ResumingMidEpochGivesTheSameLaterBatches()
    {
        var source = new DeviceCropSource(_images, _options);
        var all = source.ReadEpoch(1).Select(Keep).ToList();
        var resumed = source.ReadEpoch(1, firstBatch: 1).Select(Keep).ToList();
        Assert.True(all.Count >= 2);
        Assert.Equal(all.Skip(1).Select(b => b.Index), resumed.Select(b => b.Index));
        for (var i = 0; i < resumed.Count; i++)
        {
            Assert.Equal(all[i + 1].Photos, resumed[i].Photos);
            Assert.Equal(all[i + 1].Annotations, resumed[i].Annotations);
        }
    }

    [Fact]
    public void CropsReachTheDeviceAsNchwTensors()
    {
        var source = new DeviceCropSource(_images, _options);
        var tiles = source.EpochTiles(0);
        using var batch = source.Crop(0, tiles, 0);
        var (photos, annotations) = batch.ToDevice(TorchDevice.Cpu);
        using (photos)
        using (annotations)
        {
            Assert.Equal([3L, 3, 40, 40], photos.Shape);
            Assert.Equal([3L, 40, 40], annotations.Shape);
            var chw = photos.ToArray<byte>();
            var hwc = batch.Photos;
            // Tile 1, channel 2, row 7, column 30.
            Assert.Equal(hwc[1 * 4800 + (7 * 40 + 30) * 3 + 2], chw[((1 * 3 + 2) * 40 + 7) * 40 + 30]);
            Assert.Equal(batch.Annotations.ToArray(), annotations.ToArray<byte>());
        }
    }

    private static (int Index, byte[] Photos, byte[] Annotations) Keep(CropBatch batch)
    {
        using (batch)
        {
            return (batch.Index, batch.Photos.ToArray(), batch.Annotations.ToArray());
        }
    }
}
