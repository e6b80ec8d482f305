using RootSeg.Imaging.Codecs;
using RootSeg.Imaging.Rasters;
using RootSeg.Segmentation.Batch;
using RootSeg.Segmentation.Inference;

namespace RootSeg.Segmentation.Tests.Inference;

public sealed class BatchSegmenterTests : IDisposable
{
    private const int Shrink = 8;
    private readonly string _root = Directory.CreateTempSubdirectory("rootseg-batch-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Photos => Path.Combine(_root, "photos");

    private string Out => Path.Combine(_root, "out");

    private void WritePhotos(int count, int width = 37, int height = 29)
    {
        Directory.CreateDirectory(Photos);
        var random = new Random(11);
        for (var i = 0; i < count; i++)
        {
            using var photo = new Raster<byte>(width, height, 3);
            random.NextBytes(photo.Data);
            ImageFile.Write(Path.Combine(Photos, $"photo_{i:D2}.png"), photo);
        }
    }

    private BatchSegmenter Batch(BatchOptions? options = null)
    {
        var network = TestNetworks.Wrap(new TestNetworks.CentreCrop(2, Shrink), Shrink, 24);
        return new BatchSegmenter(new Segmenter(network, new SegmenterOptions { TileSize = 24 }),
            options ?? new BatchOptions { OutputDirectory = Out });
    }

    private static List<PhotoReport> Collect(BatchSegmenter batch, IReadOnlyList<string> photos, out BatchSummary summary)
    {
        var reports = new List<PhotoReport>();
        summary = batch.Run(photos, new Inline(reports.Add));
        return reports;
    }

    [Fact]
    public void BadPhotosAreReportedWhileTheOthersAreSegmented()
    {
        WritePhotos(3);
        File.WriteAllText(Path.Combine(Photos, "photo_01b.jpg"), "not a jpeg");
        File.WriteAllBytes(Path.Combine(Photos, "photo_01c.png"), File.ReadAllBytes(Path.Combine(Photos, "photo_00.png"))[..40]);
        var photos = PhotoFiles.List(Photos);
        Assert.Equal(5, photos.Count);

        var reports = Collect(Batch(), photos, out var summary);

        Assert.Equal(3, summary.Segmented);
        Assert.Equal(2, summary.Failures.Count);
        Assert.Equal(["photo_01b.jpg", "photo_01c.png"], summary.Failures.Select(f => Path.GetFileName(f.Photo)));
        Assert.All(summary.Failures, f => Assert.False(string.IsNullOrWhiteSpace(f.Problem)));
        Assert.Equal(Enumerable.Range(1, 5), reports.Select(r => r.Done));
        foreach (var stem in new[] { "photo_00", "photo_01", "photo_02" })
        {
            using var mask = ImageFile.ReadGrey(Path.Combine(Out, stem + ".png"));
            Assert.Equal((37, 29), (mask.Width, mask.Height));
        }
        Assert.False(File.Exists(Path.Combine(Out, "photo_01b.png")));
        Assert.DoesNotContain(Directory.EnumerateFiles(Out), f => !f.EndsWith(".png", StringComparison.Ordinal));
    }

    [Fact]
    public void RerunAfterDeletingHalfTheOutputsRewritesOnlyThose()
    {
        WritePhotos(6);
        var photos = PhotoFiles.List(Photos);
        Collect(Batch(), photos, out var first);
        Assert.Equal(6, first.Segmented);
        var masks = photos.Select(p => OutputPaths.Mask(Out, p)).ToList();
        var old = DateTime.UtcNow.AddHours(-1);
        foreach (var mask in masks)
        {
            // Photos must stay older than their masks; only the timestamps tell the kept masks from rewritten ones.
            File.SetLastWriteTimeUtc(mask, old.AddMinutes(30));
        }
        foreach (var photo in photos)
        {
            File.SetLastWriteTimeUtc(photo, old);
        }
        var deleted = new[] { 0, 2, 5 };
        foreach (var i in deleted)
        {
            File.Delete(masks[i]);
        }

        var reports = Collect(Batch(), photos, out var second);

        Assert.Equal(3, second.Segmented);
        Assert.Equal(3, second.Skipped);
        Assert.Equal(deleted.Select(i => photos[i]),
            reports.Where(r => r.Outcome == PhotoOutcome.Segmented).Select(r => r.Photo));
        for (var i = 0; i < masks.Count; i++)
        {
            var rewritten = File.GetLastWriteTimeUtc(masks[i]) > old.AddMinutes(45);
            Assert.Equal(deleted.Contains(i), rewritten);
        }
    }

    [Fact]
    public void APhotoNewerThanItsMaskIsSegmentedAgain()
    {
        WritePhotos(2);
        var photos = PhotoFiles.List(Photos);
        var batch = Batch();
        batch.Run(photos);
        File.SetLastWriteTimeUtc(OutputPaths.Mask(Out, photos[1]), DateTime.UtcNow.AddHours(-2));
        Assert.True(batch.IsUpToDate(photos[0]));
        Assert.False(batch.IsUpToDate(photos[1]));
    }

    [Fact]
    public void ShardsSplitTheSortedListWithoutOverlap()
    {
        WritePhotos(7);
        var photos = PhotoFiles.List(Photos);
        var seen = new List<string>();
        for (var k = 1; k <= 3; k++)
        {
            var options = new BatchOptions { OutputDirectory = Path.Combine(_root, $"out{k}"), Shard = new ShardSpec(k, 3) };
            var reports = Collect(Batch(options), photos, out _);
            Assert.Equal(photos.Where((_, i) => i % 3 == k - 1), reports.Select(r => r.Photo));
            seen.AddRange(reports.Select(r => r.Photo));
        }
        Assert.Equal(photos.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void CropAndOptionalOutputs()
    {
        WritePhotos(1, 50, 40);
        var photos = PhotoFiles.List(Photos);
        var options = new BatchOptions
        {
            OutputDirectory = Out, Crop = new CropRegion(5, 6, 30, 20), WriteOverlay = true, WriteProbabilities = true,
        };
        var summary = Batch(options).Run(photos);
        Assert.Equal(1, summary.Segmented);
        using var mask = ImageFile.ReadGrey(OutputPaths.Mask(Out, photos[0]));
        using var probability = ImageFile.ReadGrey(OutputPaths.Probability(Out, photos[0]));
        using var overlay = ImageFile.ReadRgb(OutputPaths.Overlay(Out, photos[0]));
        Assert.Equal((30, 20), (mask.Width, mask.Height));
        Assert.Equal((30, 20), (probability.Width, probability.Height));
        Assert.Equal((30, 20), (overlay.Width, overlay.Height));
        for (var y = 0; y < 20; y++)
        {
            for (var x = 0; x < 30; x++)
            {
                Assert.Equal(probability[x, y] > 127.5, mask[x, y] != 0);
            }
        }

        var tooLarge = Batch(options with { Crop = new CropRegion(30, 0, 30, 20), OutputDirectory = Path.Combine(_root, "o2") })
            .Run(photos);
        Assert.Single(tooLarge.Failures);
        Assert.Contains("leaves the 50x40 photo", tooLarge.Failures[0].Problem);
    }

    [Theory]
    [InlineData("0/3")]
    [InlineData("4/3")]
    [InlineData("1/0")]
    [InlineData("2")]
    [InlineData("a/b")]
    public void ShardSpecRejectsMalformedText(string text) => Assert.Throws<FormatException>(() => ShardSpec.Parse(text));

    [Fact]
    public void ShardSpecAndCropParse()
    {
        Assert.Equal(new ShardSpec(2, 8), ShardSpec.Parse("2/8"));
        Assert.Equal(new CropRegion(300, 400, 3991, 1842), CropRegion.Parse("300,400,3991,1842"));
        Assert.Throws<FormatException>(() => CropRegion.Parse("1,2,0,4"));
        Assert.Throws<FormatException>(() => CropRegion.Parse("1,2,3"));
        Assert.Throws<FormatException>(() => CropRegion.Parse("-1,2,3,4"));
    }

    private sealed class Inline(Action<PhotoReport> report) : IProgress<PhotoReport>
    {
        public void Report(PhotoReport value) => report(value);
    }
}
