using RootSeg.Imaging.Randomness;
using RootSeg.Imaging.Rasters;
using RootSeg.Segmentation.Augmentation;
using RootSeg.Segmentation.Data;

namespace RootSeg.Segmentation.Tests.Augmentation;

public class TileAugmenterTests
{
    private static readonly TileGeometry Small = new(40, 20);

    [Fact]
    public void WithEverythingOffButTheFlipItMirrorsThePreparedTile()
    {
        using var photo = Photo(3);
        using var annotation = Annotation();
        var plain = new TileAugmenter
        {
            Elastic = new ElasticDeformation { Probability = 0 },
            Jitter = new ColorJitter { Brightness = 0, Contrast = 0, Saturation = 0, Hue = 0 },
            NoiseScale = 0,
            SaltAndPepperScale = 0,
            FlipProbability = 1,
        };
        var (input, labels, labelled) = Buffers();
        plain.Augment(photo, annotation, Small, new SeededRandom(1), input, labels, labelled);
        var (refInput, refLabels, refLabelled) = Buffers();
        TileOutput.Prepare(photo, annotation, Small, refInput, refLabels, refLabelled);
        for (var c = 0; c < 3; c++)
        {
            for (var y = 0; y < 40; y++)
            {
                for (var x = 0; x < 40; x++)
                {
                    Assert.Equal(refInput[c * 1600 + y * 40 + 39 - x], input[c * 1600 + y * 40 + x]);
                }
            }
        }
        for (var y = 0; y < 20; y++)
        {
            for (var x = 0; x < 20; x++)
            {
                Assert.Equal(refLabels[y * 20 + 19 - x], labels[y * 20 + x]);
                Assert.Equal(refLabelled[y * 20 + 19 - x], labelled[y * 20 + x]);
            }
        }
    }

    [Fact]
    public void PreparedTileIsScaledAndCentred()
    {
        using var photo = Photo(5);
        using var annotation = Annotation();
        var (input, labels, labelled) = Buffers();
        TileOutput.Prepare(photo, annotation, Small, input, labels, labelled);
        Assert.Equal(-0.5f, input.Min());
        Assert.Equal(0.5f, input.Max());
        // The centre starts at the margin (10): annotation (12, 15) is root, (10..13, 25..28) unlabelled.
        Assert.Equal(1, labels[(15 - 10) * 20 + (12 - 10)]);
        Assert.Equal(0, labelled[(26 - 10) * 20 + (11 - 10)]);
        Assert.Equal(0, labels[(26 - 10) * 20 + (11 - 10)]);
        Assert.Equal(1, labelled[0]);
    }

    [Fact]
    public void FullAugmentationStaysInRangeAndIsReproducible()
    {
        using var photo = Photo(7);
        using var annotation = Annotation();
        var augmenter = new TileAugmenter { Elastic = new ElasticDeformation { Probability = 1 } };
        var (a, la, ma) = Buffers();
        var (b, lb, mb) = Buffers();
        augmenter.Augment(photo, annotation, Small, new SeededRandom(99), a, la, ma);
        augmenter.Augment(photo, annotation, Small, new SeededRandom(99), b, lb, mb);
        Assert.Equal(a, b);
        Assert.Equal(la, lb);
        Assert.Equal(ma, mb);
        Assert.All(a, v => Assert.InRange(v, -0.5f, 0.5f));
        Assert.All(la, v => Assert.True(v is 0 or 1));
        Assert.All(Enumerable.Range(0, la.Length), i => Assert.True(ma[i] == 1 || la[i] == 0));
        var (c, _, _) = Buffers();
        augmenter.Augment(photo, annotation, Small, new SeededRandom(100), c, new byte[400], new byte[400]);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void NoiseAugmentationsChangeTheTile()
    {
        using var tile = new Raster<float>(10, 8, 3);
        tile.Data.Fill(0.5f);
        NoiseAugmentation.AddSaltAndPepper(tile, 0.05, new SeededRandom(2));
        var values = tile.Data.ToArray();
        Assert.Contains(1f, values);
        Assert.Contains(0f, values);
        // ceil(0.05 x 240) = 12 white and 12 black pixels at most (repeats allowed): never more than 24 changed.
        Assert.InRange(values.Count(v => v != 0.5f) / 3, 1, 24);
        using var noisy = new Raster<float>(50, 50);
        NoiseAugmentation.AddGaussianNoise(noisy, 0.1, new SeededRandom(3));
        var sd = Math.Sqrt(noisy.Data.ToArray().Select(v => (double)v * v).Average());
        Assert.InRange(sd, 0.09, 0.11);
        Assert.Throws<ArgumentOutOfRangeException>("intensity", () => NoiseAugmentation.AddSaltAndPepper(tile, 2, new SeededRandom(1)));
    }

    [Fact]
    public void RejectsWrongTileSizes()
    {
        using var photo = new Raster<byte>(30, 40, 3);
        using var annotation = Annotation();
        var (input, labels, labelled) = Buffers();
        Assert.Throws<ArgumentException>("photo", () => TileOutput.Prepare(photo, annotation, Small, input, labels, labelled));
    }

    private static (float[] Input, byte[] Labels, byte[] Labelled) Buffers() => (new float[3 * 40 * 40], new byte[400], new byte[400]);

    private static Raster<byte> Photo(ulong seed)
    {
        var random = new SeededRandom(seed);
        var photo = new Raster<byte>(40, 40, 3);
        for (var i = 0; i < photo.Data.Length; i++)
        {
            photo.Data[i] = (byte)random.NextInt(256);
        }
        return photo;
    }

    private static Raster<byte> Annotation()
    {
        var annotation = new Raster<byte>(40, 40);
        for (var y = 5; y < 35; y++)
        {
            annotation[12, y] = AnnotationLabels.Root;
            annotation[13, y] = AnnotationLabels.Root;
        }
        for (var y = 25; y < 29; y++)
        {
            for (var x = 10; x < 14; x++)
            {
                annotation[x, y] = AnnotationLabels.Unlabelled;
            }
        }
        return annotation;
    }
}
