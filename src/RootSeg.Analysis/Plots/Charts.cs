using System.Globalization;
using RootSeg.Analysis.Statistics;

namespace RootSeg.Analysis.Plots;

/// <summary>
/// The charts of Smith et al. 2020, "Segmentation of roots in soil with U-Net" (doi:10.1186/s13007-020-00563-0):
/// segmented root length against manual root intensity with its regression line (their Figure 8), and F1 per
/// epoch for training and validation (their Figure 6); and the Bland-Altman plot of agreement (Bland and Altman
/// 1986, doi:10.1016/S0140-6736(86)90837-8).
/// </summary>
public static class Charts
{
    /// <summary>
    /// A scatter plot of the pairs with the least-squares line and the statistics as notes; with
    /// <paramref name="agreement"/>, also the 1:1 line and the Bland-Altman bias and limits of agreement.
    /// </summary>
    /// <param name="pairs">Joined measurements; at least 2 pairs with distinct x for the line.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="xLabel">Horizontal axis label; defaults to the x column name.</param>
    /// <param name="yLabel">Vertical axis label; defaults to the y column name.</param>
    /// <param name="agreement">Draw the 1:1 line and report bias and limits of agreement: meaningful when x and y
    /// measure the same quantity in the same unit (segmented against true length); leave it off for root length
    /// against line-intersect counts.</param>
    public static SvgPlot CorrelationScatter(PairedSamples pairs, string title, string? xLabel = null, string? yLabel = null,
        bool agreement = false)
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
        if (agreement && pairs.X.Count >= 2)
        {
            var a = BlandAltman.Compute(pairs.X, pairs.Y);
            plot.AddStraightLine("1:1", 1, 0);
            plot.AddNote($"bias (y - x) = {Number(a.Bias)}, limits of agreement {Number(a.LowerLimit)} to {Number(a.UpperLimit)}");
        }
        return plot;
    }

    /// <summary>
    /// The Bland-Altman plot: the difference y - x of each pair against the pair's mean, with lines at the bias and
    /// at the 95% limits of agreement.
    /// </summary>
    /// <param name="pairs">Joined measurements of the same quantity in the same unit; at least 2 pairs.</param>
    /// <param name="title">Chart title.</param>
    /// <exception cref="ArgumentException">Fewer than 2 pairs.</exception>
    public static SvgPlot BlandAltmanPlot(PairedSamples pairs, string title = "Bland-Altman agreement")
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (pairs.X.Count < 2)
        {
            throw new ArgumentException($"a Bland-Altman plot needs at least 2 pairs, not {pairs.X.Count}", nameof(pairs));
        }
        var a = BlandAltman.Compute(pairs.X, pairs.Y);
        var plot = new SvgPlot(title, $"mean of {pairs.XName} and {pairs.YName}", $"{pairs.YName} - {pairs.XName}");
        plot.AddPoints("images", pairs.X.Zip(pairs.Y, (x, y) => (x + y) / 2).ToArray(), pairs.X.Zip(pairs.Y, (x, y) => y - x).ToArray());
        plot.AddStraightLine("bias", 0, a.Bias);
        plot.AddStraightLine("bias - 1.96 sd", 0, a.LowerLimit);
        plot.AddStraightLine("bias + 1.96 sd", 0, a.UpperLimit);
        plot.AddNote($"bias = {Number(a.Bias)}, limits of agreement {Number(a.LowerLimit)} to {Number(a.UpperLimit)} (n = {a.N})");
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
