using RootSeg.Segmentation.Training;
using RootSeg.Torch;

namespace RootSeg.Segmentation.Tests.Training;

public sealed class MetricsTests
{
    [Fact]
    public void CountsThresholdTheSoftmaxAndSkipUnlabelledPixels()
    {
        using var scope = TensorScope.Enter();
        // Four pixels of one 2x2 tile: root logit minus background logit = 2, -2, 3, 0.1; truth 1, 1, 0, 0.
        var logits = Tensor.FromArray(new float[] { 0, 0, 0, 0, 2, -2, 3, 0.1f }, [1, 2, 2, 2]);
        var target = Tensor.FromArray(new long[] { 1, 1, 0, 0 }, [1, 2, 2]);
        var all = Tensor.FromArray(new byte[] { 1, 1, 1, 1 }, [1, 2, 2]);
        Assert.Equal(new ConfusionCounts(1, 2, 1, 0), ConfusionCounter.Count(logits, target, all));
        var partly = Tensor.FromArray(new byte[] { 1, 0, 0, 1 }, [1, 2, 2]);
        Assert.Equal(new ConfusionCounts(1, 1, 0, 0), ConfusionCounter.Count(logits, target, partly));
    }

    [Fact]
    public void UndefinedMetricsAreNaN()
    {
        var none = new ConfusionCounts(0, 0, 0, 10);
        Assert.True(double.IsNaN(none.Precision));
        Assert.True(double.IsNaN(none.Recall));
        Assert.True(double.IsNaN(none.F1));
        var some = new ConfusionCounts(3, 1, 2, 4);
        Assert.Equal(0.75, some.Precision);
        Assert.Equal(0.6, some.Recall);
        Assert.Equal(6.0 / 9.0, some.F1);
        Assert.Equal(10, some.Total);
        Assert.Equal(new ConfusionCounts(6, 2, 4, 8), some + some);
    }

    [Fact]
    public void CsvLinesUseInvariantRoundTripNumbers()
    {
        var record = new EpochRecord(3, new EpochMetrics(0.25, new ConfusionCounts(3, 1, 2, 4)),
            new EpochMetrics(1.0 / 3.0, new ConfusionCounts(0, 0, 0, 5)), 0.003, 12.3456);
        Assert.Equal("3,0.25,0.6666666666666666,0.75,0.6,0.3333333333333333,NaN,NaN,NaN,0.003,12.346", record.ToCsv());
        Assert.Equal(11, EpochRecord.CsvHeader.Split(',').Length);
    }
}
