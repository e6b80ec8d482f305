using RootSeg.Segmentation.Data;

namespace RootSeg.Segmentation.Tests.Data;

public class InstanceSamplerTests
{
    private static readonly TileGeometry Small = new(28, 12);

    [Fact]
    public void KeepsOnlyTilesWhoseCentreHoldsRoot()
    {
        using var image = SyntheticImages.Make("a", 80, 60, rootColumn: 40, rootTop: 10, rootBottom: 30);
        var sampler = new InstanceSampler(Small, candidatesPerImage: 90, maxPerImage: 90);
        var windows = sampler.Sample([image], seed: 5, epoch: 0);
        Assert.NotEmpty(windows);
        Assert.True(windows.Count < 90, "some random tiles must miss the root");
        foreach (var w in windows)
        {
            Assert.True(CentreHasRoot(image, w), $"tile at ({w.X}, {w.Y}) has no root in its centre");
        }
    }

    [Fact]
    public void CapsAtFortyPerImageAndTakesTheFirst()
    {
        // Root everywhere: every one of the 90 candidates qualifies, so the cap decides.
        using var rootedEverywhere = FillRoot(SyntheticImages.Make("full", 50, 40, 25, 0, 40));
        var sampler = new InstanceSampler(Small);
        var capped = sampler.Sample([rootedEverywhere], 9, 3);
        Assert.Equal(40, capped.Count);
        var uncapped = new InstanceSampler(Small, 90, 90).Sample([rootedEverywhere], 9, 3);
        Assert.Equal(90, uncapped.Count);
        Assert.Equal(uncapped.Take(40), capped);
    }

    [Fact]
    public void UnlabelledWithoutRootIsNotARootTile()
    {
        using var image = SyntheticImages.Make("u", 40, 40, rootColumn: -1, rootTop: 0, rootBottom: 0);
        for (var y = 0; y < 40; y++)
        {
            for (var x = 0; x < 40; x++)
            {
                image.Annotation[x, y] = AnnotationLabels.Unlabelled;
            }
        }
        Assert.Empty(new InstanceSampler(Small).Sample([image], 1, 0));
    }

    [Fact]
    public void IsDeterministicPerSeedEpochAndImage()
    {
        using var a = SyntheticImages.Make("a", 80, 60, 40, 5, 55);
        using var b = SyntheticImages.Make("b", 70, 64, 20, 0, 64, seed: 2);
        var sampler = new InstanceSampler(Small);
        var first = sampler.Sample([a, b], 17, 4);
        Assert.Equal(first, sampler.Sample([a, b], 17, 4));
        Assert.NotEqual(first, sampler.Sample([a, b], 17, 5));
        Assert.NotEqual(first, sampler.Sample([a, b], 18, 4));
        // An image's tiles depend on its own stream, not on the images before it.
        Assert.Equal(first.Where(w => w.ImageIndex == 1), sampler.SampleImage(b, 1, 17, 4));
    }

    [Fact]
    public void CornersCoverThePaddedRange()
    {
        using var image = FillRoot(SyntheticImages.Make("r", 30, 20, 5, 0, 20));
        var windows = new InstanceSampler(Small, 2000, 2000).Sample([image], 3, 0);
        Assert.Equal(0, windows.Min(w => w.X));
        Assert.Equal(30 - 12, windows.Max(w => w.X));
        Assert.Equal(0, windows.Min(w => w.Y));
        Assert.Equal(20 - 12, windows.Max(w => w.Y));
    }

    [Fact]
    public void RejectsImagesSmallerThanTheOutputTile()
    {
        using var tiny = SyntheticImages.Make("tiny", 10, 30, 5, 0, 30);
        var e = Assert.Throws<ArgumentException>("image", () => new InstanceSampler(Small).Sample([tiny], 1, 0));
        Assert.Contains("tiny", e.Message);
    }

    private static bool CentreHasRoot(TrainingImage image, TileWindow w)
    {
        for (var y = w.Y; y < w.Y + Small.OutputSize; y++)
        {
            for (var x = w.X; x < w.X + Small.OutputSize; x++)
            {
                if (image.Annotation[x, y] == AnnotationLabels.Root)
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static TrainingImage FillRoot(TrainingImage image)
    {
        for (var y = 0; y < image.Height; y++)
        {
            image.Annotation.Row(y).Fill(AnnotationLabels.Root);
        }
        return image;
    }
}
