using RootSeg.Analysis.Metrics;

namespace RootSeg.Analysis.Tests.Metrics;

public sealed class ConfusionCountsTests
{
    [Fact]
    public void CountsMatchAHandWorkedExampleAndSkipUnlabelledPixels()
    {
        // Per pixel: prediction vs truth (u = unlabelled).
        using var prediction = TestRasters.FromText(
            "##..#",
            "#...#",
            "..##.");
        using var truth = TestRasters.FromText(
            "#.#.u",
            "##..u",
            "..#..");
        var c = ConfusionCounts.Count(prediction, truth);
        // TP: (0,0) (0,1) (2,2); FP: (1,0) (3,2); FN: (2,0) (1,1); TN: the other 6 labelled pixels.
        Assert.Equal(new ConfusionCounts(3, 2, 6, 2), c);
        Assert.Equal(13, c.Total);
        Assert.Equal(9.0 / 13, c.Accuracy, 15);
        Assert.Equal(3.0 / 5, c.Precision, 15);
        Assert.Equal(3.0 / 5, c.Recall, 15);
        Assert.Equal(6.0 / 10, c.F1, 15);
        Assert.Equal(3.0 / 7, c.IoU, 15);
        Assert.Equal(5.0 / 13, c.PredictionMean, 15);
        Assert.Equal(5.0 / 13, c.TrueMean, 15);
    }

    [Fact]
    public void F1EqualsTheHarmonicMeanOfPrecisionAndRecallAndIoUFollowsFromF1()
    {
        var c = new ConfusionCounts(17, 5, 900, 11);
        var p = c.Precision;
        var r = c.Recall;
        Assert.Equal(2 * p * r / (p + r), c.F1, 14);
        // Dice and Jaccard: J = F1 / (2 - F1).
        Assert.Equal(c.F1 / (2 - c.F1), c.IoU, 14);
    }

    [Fact]
    public void SeparateUnlabelledMaskExcludesPixels()
    {
        using var prediction = TestRasters.FromText("##..");
        using var truth = TestRasters.FromText("#.#.");
        using var ignore = TestRasters.FromText(".#.#");
        Assert.Equal(new ConfusionCounts(1, 0, 0, 1), ConfusionCounts.Count(prediction, truth, ignore));
        Assert.Equal(new ConfusionCounts(1, 1, 1, 1), ConfusionCounts.Count(prediction, truth));
    }

    [Fact]
    public void PredictionAcceptsAnyNonZeroValueAsRoot()
    {
        using var prediction = TestRasters.FromText("9.");
        using var truth = TestRasters.FromText("#.");
        Assert.Equal(new ConfusionCounts(1, 0, 1, 0), ConfusionCounts.Count(prediction, truth));
    }

    [Fact]
    public void RootFreeImageWithoutFalsePositivesHasUndefinedRootMetrics()
    {
        var c = new ConfusionCounts(0, 0, 100, 0);
        Assert.Equal(1.0, c.Accuracy);
        foreach (var metric in new[] { Metric.Precision, Metric.Recall, Metric.F1, Metric.IoU })
        {
            Assert.True(double.IsNaN(c.Value(metric)), metric.ToString());
            Assert.NotNull(c.UndefinedReason(metric));
        }
        Assert.Contains("TP + FP = 0", c.UndefinedReason(Metric.Precision));
        Assert.Contains("TP + FN = 0", c.UndefinedReason(Metric.Recall));
        Assert.Null(c.UndefinedReason(Metric.Accuracy));
        Assert.Equal(0.0, c.PredictionMean);
    }

    [Fact]
    public void MissedRootsGiveZeroNotNaN()
    {
        // The truth holds roots but nothing was found: recall, F1 and IoU are 0; precision has no denominator.
        var c = new ConfusionCounts(0, 0, 90, 10);
        Assert.Equal(0.0, c.Recall);
        Assert.Equal(0.0, c.F1);
        Assert.Equal(0.0, c.IoU);
        Assert.True(double.IsNaN(c.Precision));
        Assert.Null(c.UndefinedReason(Metric.F1));
    }

    [Fact]
    public void NoLabelledPixelsMakesEverythingUndefined()
    {
        using var prediction = TestRasters.FromText("##");
        using var truth = TestRasters.FromText("uu");
        var c = ConfusionCounts.Count(prediction, truth);
        Assert.Equal(default, c);
        Assert.All(Enum.GetValues<Metric>(), m => Assert.True(double.IsNaN(c.Value(m))));
        Assert.Equal("no labelled pixels", c.UndefinedReason(Metric.Accuracy));
    }

    [Fact]
    public void AddingCountsPoolsThem()
    {
        var a = new ConfusionCounts(1, 2, 3, 4);
        var b = new ConfusionCounts(10, 20, 30, 40);
        Assert.Equal(new ConfusionCounts(11, 22, 33, 44), a + b);
        Assert.Equal(a + b, a.Add(b));
    }

    [Fact]
    public void TruthWithOtherValuesIsRejectedNamingThePixel()
    {
        using var prediction = TestRasters.FromText("...");
        using var truth = TestRasters.FromText("..2");
        var e = Assert.Throws<ArgumentException>(() => ConfusionCounts.Count(prediction, truth));
        Assert.Equal("truth", e.ParamName);
        Assert.Contains("(2, 0)", e.Message);
    }

    [Fact]
    public void MismatchedSizesAreRejected()
    {
        using var prediction = TestRasters.FromText("...");
        using var truth = TestRasters.FromText("..", "..");
        var e = Assert.Throws<ArgumentException>(() => ConfusionCounts.Count(prediction, truth));
        Assert.Equal("truth", e.ParamName);
        Assert.Contains("2x2", e.Message);
        var f = Assert.Throws<ArgumentException>(() => ConfusionCounts.Count([1, 0], [1]));
        Assert.Equal("truth", f.ParamName);
    }
}
