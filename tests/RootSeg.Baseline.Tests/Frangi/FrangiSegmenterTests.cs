using RootSeg.Baseline.Frangi;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Baseline.Tests.Frangi;

public class FrangiSegmenterTests
{
    /// <summary>
    /// Dark soil with slight noise, a vertical root 4 pixels wide at x 20-23, a horizontal one at y 40-43, a diagonal
    /// one 3 pixels wide, and three bright 2x2 specks that are not roots. Labels: 1 root, 0 soil.
    /// </summary>
    internal static (Raster<float> Grey, Raster<byte> Labels) Scene(bool brightRoots)
    {
        const int width = 80, height = 64;
        var grey = new Raster<float>(width, height);
        var labels = new Raster<byte>(width, height);
        var random = new Random(3);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var root = x is >= 20 and <= 23 || y is >= 40 and <= 43 || Math.Abs(x - y - 30) <= 1 && x >= 35;
                labels[x, y] = root ? (byte)1 : (byte)0;
                var value = (root ? 0.6f : 0.2f) + (float)(random.NextDouble() - 0.5) * 0.04f;
                grey[x, y] = brightRoots ? value : 1 - value;
            }
        }
        foreach (var (sx, sy) in new[] { (50, 10), (8, 55), (70, 30) })
        {
            for (var dy = 0; dy < 2; dy++)
            {
                for (var dx = 0; dx < 2; dx++)
                {
                    grey[sx + dx, sy + dy] = brightRoots ? 0.7f : 0.3f;
                }
            }
        }
        return (grey, labels);
    }

    private static readonly FrangiParameters Good = new(2, 0.5, 0.05, 0.2, 30);

    [Fact]
    public void FindsTheKnownRootsAndDropsTheSpecks()
    {
        var (grey, labels) = Scene(brightRoots: true);
        using (grey)
        using (labels)
        using (var mask = FrangiSegmenter.SegmentGrey(grey, Good))
        {
            var f1 = SegmentationScore.F1(mask, labels);
            Assert.True(f1 > 0.9, $"F1 {f1}");
            // Every root is found along its length: the centre line of each is detected at least 90% of the way.
            Assert.True(Enumerable.Range(0, 64).Count(y => mask[21, y] != 0) >= 58, "vertical root");
            Assert.True(Enumerable.Range(0, 80).Count(x => mask[x, 41] != 0) >= 72, "horizontal root");
            Assert.True(Enumerable.Range(35, 29).Count(x => mask[x, x - 30] != 0) >= 26, "diagonal root");
            Assert.Equal(0, mask[50, 10]);
            Assert.Equal(0, mask[8, 55]);
            Assert.Equal(0, mask[70, 30]);
        }
    }

    [Fact]
    public void PolarityMatters()
    {
        // Dark roots on light soil are found with BrightRoots false and missed with the default.
        var (grey, labels) = Scene(brightRoots: false);
        using (grey)
        using (labels)
        using (var dark = FrangiSegmenter.SegmentGrey(grey, Good with { BrightRoots = false }))
        using (var bright = FrangiSegmenter.SegmentGrey(grey, Good))
        {
            Assert.True(SegmentationScore.F1(dark, labels) > 0.9);
            Assert.True(SegmentationScore.F1(bright, labels) < 0.2);
        }
    }

    [Fact]
    public void FlatImageHasNoRoots()
    {
        using var grey = new Raster<float>(16, 16);
        grey.Data.Fill(0.4f);
        using var mask = FrangiSegmenter.SegmentGrey(grey, Good with { MinObjectSize = 0 });
        Assert.True(mask.Data.IndexOfAnyExcept((byte)0) < 0);
    }

    [Fact]
    public void ThresholdAndMinimumSizeOnlyRemovePixels()
    {
        var (grey, labels) = Scene(brightRoots: true);
        using (grey)
        using (labels)
        using (var loose = FrangiSegmenter.SegmentGrey(grey, Good with { Threshold = 0.01, MinObjectSize = 0 }))
        using (var strict = FrangiSegmenter.SegmentGrey(grey, Good with { Threshold = 0.3, MinObjectSize = 100 }))
        {
            for (var k = 0; k < loose.Data.Length; k++)
            {
                Assert.False(strict.Data[k] != 0 && loose.Data[k] == 0, $"pixel {k} appeared with stricter parameters");
            }
            Assert.True(strict.Data.Count((byte)0) > loose.Data.Count((byte)0));
        }
    }

    [Fact]
    public void BadInputIsNamed()
    {
        using var grey = new Raster<float>(8, 8);
        Assert.Equal("parameters", Assert.Throws<ArgumentException>(() =>
            FrangiSegmenter.SegmentGrey(grey, Good with { MaxSigma = 9 })).ParamName);
        using var tiny = new Raster<float>(1, 5);
        Assert.Throws<ArgumentException>(() => FrangiSegmenter.SegmentGrey(tiny, Good));
    }
}
