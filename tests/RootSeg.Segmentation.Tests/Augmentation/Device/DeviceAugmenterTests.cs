using RootSeg.Imaging.Randomness;
using RootSeg.Imaging.Rasters;
using RootSeg.Segmentation.Augmentation;
using RootSeg.Segmentation.Augmentation.Device;
using RootSeg.Segmentation.Data;
using RootSeg.Torch;
using TorchDevice = RootSeg.Torch.Device;

namespace RootSeg.Segmentation.Tests.Augmentation.Device;

public sealed class DeviceAugmenterTests : IDisposable
{
    private static readonly TileGeometry Small = new(64, 40);
    private static readonly TileAugmenter Off = new()
    {
        Elastic = new ElasticDeformation { Probability = 0 },
        Jitter = new ColorJitter { Brightness = 0, Contrast = 0, Saturation = 0, Hue = 0 },
        NoiseScale = 0,
        SaltAndPepperScale = 0,
        FlipProbability = 0,
    };

    private readonly long _tensorsAtStart = Tensor.LiveCount;

    public void Dispose() => Assert.Equal(_tensorsAtStart, Tensor.LiveCount);

    [Fact]
    public void OutputsHaveTheNetworksShapesTypesAndRanges()
    {
        var (photos, annotations) = RandomBatch(3, 1);
        using (photos)
        using (annotations)
        using (var augmenter = new DeviceAugmenter(new TileAugmenter(), Small, TorchDevice.Cpu, 7))
        using (var batch = augmenter.Augment(photos, annotations, 0, 0))
        {
            Assert.Equal([3L, 3, 64, 64], batch.Inputs.Shape);
            Assert.Equal(ScalarType.Float32, batch.Inputs.DType);
            Assert.Equal([3L, 40, 40], batch.Targets.Shape);
            Assert.Equal(ScalarType.Int64, batch.Targets.DType);
            Assert.Equal([3L, 40, 40], batch.Labelled.Shape);
            Assert.Equal(ScalarType.UInt8, batch.Labelled.DType);
            Assert.All(batch.Inputs.ToArray<float>(), v => Assert.InRange(v, -0.5f, 0.5f));
            var targets = batch.Targets.ToArray<long>();
            var labelled = batch.Labelled.ToArray<byte>();
            Assert.All(targets, v => Assert.True(v is 0 or 1));
            Assert.All(Enumerable.Range(0, targets.Length), i => Assert.True(labelled[i] == 1 || targets[i] == 0));
            Assert.Contains((byte)0, labelled);
            Assert.Equal(3, batch.Count);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WithEveryAugmentationOffTheOutputIsThePreparedTile(bool flip)
    {
        using var photo = DeviceTiles.RandomPhoto(64, 3);
        using var annotation = DeviceTiles.RandomAnnotation(64, 4);
        using var photos = DeviceTiles.Photos([photo]);
        using var annotations = DeviceTiles.Annotations([annotation]);
        using var augmenter = new DeviceAugmenter(Off with { FlipProbability = flip ? 1 : 0 }, Small, TorchDevice.Cpu, 1);
        using var batch = augmenter.Augment(photos, annotations, 2, 5);
        var input = new float[3 * 64 * 64];
        var labels = new byte[40 * 40];
        var labelled = new byte[40 * 40];
        TileOutput.Prepare(photo, annotation, Small, input, labels, labelled);
        var actual = batch.Inputs.ToArray<float>();
        var targets = batch.Targets.ToArray<long>();
        var mask = batch.Labelled.ToArray<byte>();
        for (var c = 0; c < 3; c++)
        {
            for (var y = 0; y < 64; y++)
            {
                for (var x = 0; x < 64; x++)
                {
                    var source = flip ? 63 - x : x;
                    Assert.Equal(input[(c * 64 + y) * 64 + source], actual[(c * 64 + y) * 64 + x]);
                }
            }
        }
        for (var y = 0; y < 40; y++)
        {
            for (var x = 0; x < 40; x++)
            {
                var source = y * 40 + (flip ? 39 - x : x);
                Assert.Equal(labels[source], targets[y * 40 + x]);
                Assert.Equal(labelled[source], mask[y * 40 + x]);
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void DeformedLabelsStillAgreeWithTheDeformedImage(int stride)
    {
        // Red is 255 exactly on roots, so after any warp "red above the middle" and "root" must coincide.
        var annotations = Enumerable.Range(0, 4).Select(k => DeviceTiles.RandomAnnotation(64, (ulong)(10 + k))).ToList();
        var photos = annotations.Select(DeviceTiles.ColourCoded).ToList();
        var settings = Off with { Elastic = new ElasticDeformation { Probability = 1, SigmaRange = (4, 60) } };
        var draws = Enumerable.Range(0, 4).Select(k => new TileDraw(true, 250, 4 + k, 0, 0, k % 2 == 1,
            new ColorJitterParameters([], null, null, null, null))).ToList();
        using var photoTensor = DeviceTiles.Photos(photos);
        using var annotationTensor = DeviceTiles.Annotations(annotations);
        using var augmenter = new DeviceAugmenter(settings, Small, TorchDevice.Cpu, 3, stride);
        using var batch = augmenter.Augment(photoTensor, annotationTensor, draws, 42);
        var inputs = batch.Inputs.ToArray<float>();
        var targets = batch.Targets.ToArray<long>();
        var labelled = batch.Labelled.ToArray<byte>();
        int agree = 0, counted = 0, moved = 0;
        for (var k = 0; k < 4; k++)
        {
            for (var y = 0; y < 40; y++)
            {
                for (var x = 0; x < 40; x++)
                {
                    var i = (k * 40 + y) * 40 + x;
                    var plain = annotations[k][(k % 2 == 1 ? 39 - x : x) + 12, y + 12] == AnnotationLabels.Root ? 1 : 0;
                    if (labelled[i] == 0)
                    {
                        continue;
                    }
                    counted++;
                    var red = inputs[((k * 3 + 0) * 64 + y + 12) * 64 + x + 12];
                    agree += (red > 0) == (targets[i] == 1) ? 1 : 0;
                    moved += plain != targets[i] ? 1 : 0;
                }
            }
        }
        Assert.True(agree >= 0.99 * counted, $"{agree} of {counted} pixels agree");
        // The warp is strong (displacements of several pixels): the labels really moved.
        Assert.True(moved >= 0.03 * counted, $"only {moved} of {counted} labels moved");
        Assert.True(counted < 4 * 40 * 40, "the unlabelled square must stay unlabelled somewhere");
    }

    [Fact]
    public void PaperDrawsKeepLabelsAndImageAligned()
    {
        var annotations = Enumerable.Range(0, 8).Select(k => DeviceTiles.RandomAnnotation(64, (ulong)(30 + k))).ToList();
        var photos = annotations.Select(DeviceTiles.ColourCoded).ToList();
        var settings = new TileAugmenter
        {
            Elastic = new ElasticDeformation { Probability = 1 },
            Jitter = new ColorJitter { Brightness = 0, Contrast = 0, Saturation = 0, Hue = 0 },
            NoiseScale = 0,
            SaltAndPepperScale = 0,
        };
        using var photoTensor = DeviceTiles.Photos(photos);
        using var annotationTensor = DeviceTiles.Annotations(annotations);
        using var augmenter = new DeviceAugmenter(settings, Small, TorchDevice.Cpu, 9);
        using var batch = augmenter.Augment(photoTensor, annotationTensor, 1, 0);
        var inputs = batch.Inputs.ToArray<float>();
        var targets = batch.Targets.ToArray<long>();
        var labelled = batch.Labelled.ToArray<byte>();
        int agree = 0, counted = 0;
        for (var i = 0; i < targets.Length; i++)
        {
            if (labelled[i] == 1)
            {
                var (k, y, x) = (i / 1600, i / 40 % 40, i % 40);
                var red = inputs[((k * 3) * 64 + y + 12) * 64 + x + 12];
                agree += (red > 0) == (targets[i] == 1) ? 1 : 0;
                counted++;
            }
        }
        Assert.True(agree >= 0.99 * counted, $"{agree} of {counted} pixels agree");
    }

    [Fact]
    public void TheSameSeedGivesTheSameBatchAndOtherTilesDiffer()
    {
        var (photos, annotations) = RandomBatch(2, 5);
        using (photos)
        using (annotations)
        using (var first = new DeviceAugmenter(new TileAugmenter(), Small, TorchDevice.Cpu, 11))
        using (var second = new DeviceAugmenter(new TileAugmenter(), Small, TorchDevice.Cpu, 11))
        using (var a = first.Augment(photos, annotations, 3, 8))
        using (var other = first.Augment(photos, annotations, 3, 10))
        using (var b = second.Augment(photos, annotations, 3, 8))
        {
            Assert.Equal(a.Inputs.ToArray<float>(), b.Inputs.ToArray<float>());
            Assert.Equal(a.Targets.ToArray<long>(), b.Targets.ToArray<long>());
            Assert.Equal(a.Labelled.ToArray<byte>(), b.Labelled.ToArray<byte>());
            Assert.Equal(a.Draws.Select(Summary), b.Draws.Select(Summary));
            Assert.NotEqual(a.Inputs.ToArray<float>(), other.Inputs.ToArray<float>());
        }
    }

    [Fact]
    public void RejectsCropsOfTheWrongShapeOrType()
    {
        using var augmenter = new DeviceAugmenter(new TileAugmenter(), Small, TorchDevice.Cpu, 1);
        using var floats = Tensor.Zeros([1, 3, 64, 64]);
        using var annotations = Tensor.Zeros([1, 64, 64], ScalarType.UInt8);
        using var wrongSize = Tensor.Zeros([1, 3, 60, 64], ScalarType.UInt8);
        using var photos = Tensor.Zeros([1, 3, 64, 64], ScalarType.UInt8);
        using var twoAnnotations = Tensor.Zeros([2, 64, 64], ScalarType.UInt8);
        Assert.Throws<ArgumentException>("photos", () => augmenter.Augment(floats, annotations, 0, 0));
        Assert.Throws<ArgumentException>("photos", () => augmenter.Augment(wrongSize, annotations, 0, 0));
        Assert.Throws<ArgumentException>("annotations", () => augmenter.Augment(photos, twoAnnotations, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new DeviceAugmenter(new TileAugmenter(), Small, TorchDevice.Cpu, 1, fieldStride: 0));
    }

    private static string Summary(TileDraw draw) =>
        string.Join(" ", draw.Deform, draw.Alpha, draw.Sigma, draw.NoiseSigma, draw.SaltAndPepper, draw.Flip,
            string.Join(",", draw.Jitter.Order), draw.Jitter.Brightness, draw.Jitter.Contrast, draw.Jitter.Hue);

    private static (Tensor Photos, Tensor Annotations) RandomBatch(int count, ulong seed)
    {
        var photos = Enumerable.Range(0, count).Select(k => DeviceTiles.RandomPhoto(64, seed + (ulong)k)).ToList();
        var annotations = Enumerable.Range(0, count).Select(k => DeviceTiles.RandomAnnotation(64, seed + 100 + (ulong)k)).ToList();
        try
        {
            return (DeviceTiles.Photos(photos), DeviceTiles.Annotations(annotations));
        }
        finally
        {
            photos.ForEach(p => p.Dispose());
            annotations.ForEach(a => a.Dispose());
        }
    }
}
