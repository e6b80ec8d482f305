using System.Globalization;
using RootSeg.Analysis.Statistics;

namespace RootSeg.Analysis.Plots;

/// <summary>
/// The charts of Smith et al. 2020, "Segmentation of roots in soil with U-Net" (doi:10.1186/s13007-020-00563-0):
/// segmented root length against manual root intensity with its regression line (their Figure 8), and F1 per
/// epoch for training and validation (their Figure 6).
/// </summary>
public static class Charts
{
    /// <summary>A scatter plot of the pairs with the least-squares line and the statistics as notes.</summary>
    /// <param name="pairs">Joined measurements; at least 2 pairs with distinct x for the line.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xLabel">Horizontal axis label; defaults to the x column name.</param>
    /// <param name="yLabel">Vertical axis label; defaults to the y column name.</param>
    public static SvgPlot CorrelationScatter(PairedSamples pairs, string title, string? xLabel = null, string? yLabel = null)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var plot = new SvgPlot(title, xLabel ?? pairs.XName, yLabel ?? pairs.YName);
        plot.AddPoints("images", pairs.X, pairs.Y);
        plot.AddNote(FormattableString.Invariant($"n = {pairs.X.Count}"));
        if (pairs.X.Count >= 2 && pairs.X.Distinct().Count() >= 2)
        {
            var fit = LinearRegression.Fit(pairs.X, pairs.Y);
            var spearman = Correlation.Spearman(pairs.X, pairs.Y);
            plot.AddStraightLine("least squares", fit.Slope, fit.Intercept);
            plot.AddNote($"Spearman rho = {Number(spearman.Coefficient)} (p = {Number(spearman.PValue)})");
            plot.AddNote($"r² = {Number(fit.RSquared)} (p = {Number(fit.PValue)}, SE slope = {Number(fit.StandardError)})");
            plot.AddNote($"y = {Number(fit.Intercept)} + {Number(fit.Slope)} x");
        }
        return plot;
    }

    /// <summary>F1 per epoch for training and validation, as two line series (epochs numbered from 1).</summary>
    /// <param name="trainingF1">Training F1 of each epoch; NaN where not measured.</param>
    /// <param name="validationF1">Validation F1 of each epoch; NaN where not measured.</param>
    /// <param name="title">Chart title.</param>
    public static SvgPlot TrainingCurves(IReadOnlyList<double> trainingF1, IReadOnlyList<double> validationF1, string title = "F1 per epoch")
    {
        ArgumentNullException.ThrowIfNull(trainingF1);
        ArgumentNullException.ThrowIfNull(validationF1);
        var plot = new SvgPlot(title, "epoch", "F1");
        plot.AddLine("training", Epochs(trainingF1.Count), trainingF1);
        plot.AddLine("validation", Epochs(validationF1.Count), validationF1);
        return plot;
    }

    private static double[] Epochs(int count) => Enumerable.Range(1, count).Select(e => (double)e).ToArray();

    private static string Number(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
