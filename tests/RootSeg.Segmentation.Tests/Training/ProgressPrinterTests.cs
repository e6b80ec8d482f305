using RootSeg.Segmentation.Training;

namespace RootSeg.Segmentation.Tests.Training;

public sealed class ProgressPrinterTests
{
    private static readonly EpochRecord Record = new(2, new EpochMetrics(0.5, new ConfusionCounts(1, 1, 1, 1)),
        new EpochMetrics(0.25, new ConfusionCounts(3, 1, 0, 4)), 0.01, 75);

    [Fact]
    public void OnATerminalTheLineIsRedrawnWithRateAndTimeLeft()
    {
        var text = new StringWriter();
        var printer = new ProgressPrinter(text, inPlace: true);
        printer.OnStep(new StepReport(2, 3, 1, 4, 4, 16, 0.75, 20, 10));
        printer.OnStep(new StepReport(2, 3, 2, 4, 8, 16, 0.5, 24, 12));
        printer.OnEpoch(Record, isBest: true);
        var output = text.ToString();
        // 8 tiles left in epoch 2 and 16 in epoch 3 at 2 tiles/s.
        Assert.Contains("\repoch 2/3 [############............] 8/16 tiles  2.00 tiles/s  loss 0.5000  ETA 12.0s", output);
        Assert.Contains("ETA 14.0s", output);
        Assert.EndsWith("epoch 2/3: train loss 0.5000 F1 0.5000 | validation loss 0.2500 F1 0.8571 precision 0.7500 " +
                        "recall 1.0000 | lr 0.01 | 1m15s  (best so far)" + Environment.NewLine, output);
    }

    [Fact]
    public void ElsewhereAProgressLineIsWrittenOncePerInterval()
    {
        var text = new StringWriter();
        var printer = new ProgressPrinter(text, inPlace: false, lineInterval: 30);
        printer.OnStep(new StepReport(1, 3, 1, 4, 4, 16, 0.75, 4, 20));
        printer.OnStep(new StepReport(1, 3, 2, 4, 8, 16, 0.5, 8, 40));
        printer.OnStep(new StepReport(1, 3, 3, 4, 12, 16, 0.5, 12, 60));
        printer.OnStep(new StepReport(1, 3, 4, 4, 16, 16, 0.25, 16, 75));
        var lines = text.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        // Due at 30 s (written at 40 s), then at 70 s (written at 75 s).
        Assert.Equal(2, lines.Length);
        Assert.Equal("epoch 1/3 [############............] 8/16 tiles  0.20 tiles/s  loss 0.5000  ETA 3m20s", lines[0]);
        Assert.StartsWith("epoch 1/3 [########################] 16/16 tiles", lines[1]);
        Assert.DoesNotContain("\r", text.ToString());
    }

    [Fact]
    public void ATimeBudgetCapsTheTimeLeft()
    {
        // The first epoch of a budgeted run is planned with the options' 80 epochs: 1276 tiles left at 1 tile/s.
        Assert.EndsWith("ETA 21m16s", Line(new StepReport(1, 80, 1, 4, 4, 16, 0.75, 4, 4)));
        Assert.EndsWith("ETA 5m00s", Line(new StepReport(1, 80, 1, 4, 4, 16, 0.75, 4, 4, BudgetSecondsLeft: 300)));
        Assert.EndsWith("ETA 0.0s", Line(new StepReport(1, 80, 1, 4, 4, 16, 0.75, 4, 4, BudgetSecondsLeft: -2)));
        // Before the rate is known, the budget still tells.
        Assert.EndsWith("ETA ?", Line(new StepReport(1, 80, 1, 4, 4, 16, 0.75, 4, 0)));
        Assert.EndsWith("ETA 1m30s", Line(new StepReport(1, 80, 1, 4, 4, 16, 0.75, 4, 0, BudgetSecondsLeft: 90)));
        // A plan that ends before the budget keeps its own time.
        Assert.EndsWith("ETA 12.0s", Line(new StepReport(1, 1, 1, 4, 4, 16, 0.75, 4, 4, BudgetSecondsLeft: 300)));
    }

    private static string Line(StepReport report)
    {
        var text = new StringWriter();
        new ProgressPrinter(text, inPlace: false, lineInterval: 0).OnStep(report);
        return text.ToString().TrimEnd();
    }

    [Fact]
    public void ElsewhereOnlyEpochLinesAreWrittenBeforeTheFirstInterval()
    {
        var text = new StringWriter();
        var printer = new ProgressPrinter(text, inPlace: false);
        printer.OnStep(new StepReport(2, 3, 1, 4, 4, 16, 0.75, 20, 10));
        printer.OnEpoch(Record, isBest: false);
        printer.OnNotice("resuming");
        var lines = text.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("epoch 2/3: train loss", lines[0]);
        Assert.DoesNotContain("\r", text.ToString());
        Assert.Equal("resuming", lines[1]);
    }
}
