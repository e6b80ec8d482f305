using RootSeg.Baseline.Frangi;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Baseline.Tests.Frangi;

public class SegmentationScoreTests
{
    private static Raster<byte> Mask(int width, params byte[] values)
    {
        var raster = new Raster<byte>(width, values.Length / width);
        values.CopyTo(raster.Data);
        return raster;
    }

    [Fact]
    public void CountsLabelledPixelsOnly()
    {
        // TP = 2 (pixels 0 and 1), FP = 1 (pixel 2), FN = 1 (pixel 3); pixels 4 and 5 are unlabelled and not
        // counted whatever is predicted there: F1 = 4 / 6.
        using var prediction = Mask(3, 1, 255, 9, 0, 1, 0);
        using var truth = Mask(3, 1, 1, 0, 1, 255, 255);
        Assert.Equal(4.0 / 6.0, SegmentationScore.F1(prediction, truth), 12);
    }

    [Fact]
    public void EmptyPredictionOfEmptyTruthScoresOneAndAnyFalsePositiveZero()
    {
        using var empty = Mask(2, 0, 0, 0, 0);
        using var truth = Mask(2, 0, 0, 0, 0);
        using var noisy = Mask(2, 0, 1, 0, 0);
        Assert.Equal(1, SegmentationScore.F1(empty, truth));
        Assert.Equal(0, SegmentationScore.F1(noisy, truth));
    }

    [Fact]
    public void SizesMustAgree()
    {
        using var a = new Raster<byte>(2, 2);
        using var b = new Raster<byte>(2, 3);
        var e = Assert.Throws<ArgumentException>(() => SegmentationScore.F1(a, b));
        Assert.Contains("2x2", e.Message, StringComparison.Ordinal);
    }
}
