using MathNet.Numerics;

namespace RootSeg.Analysis.Statistics;

/// <summary>
/// Ordinary least-squares regression of y on x with the statistics <c>scipy.stats.linregress</c> reports (SciPy,
/// doi:10.1038/s41592-019-0686-2): slope and intercept, r, the two-sided p-value of the slope, and the standard
/// errors of slope and intercept. Smith et al. 2020 (doi:10.1186/s13007-020-00563-0) report r², p and the standard
/// error between segmented root length and manual root intensity.
/// </summary>
public static class LinearRegression
{
    /// <summary>Fits y = intercept + slope x.</summary>
    /// <param name="x">Predictor values, finite, not all equal.</param>
    /// <param name="y">Responses, finite, as many as <paramref name="x"/>.</param>
    /// <returns>The fit. With n = 2 the line passes through both points, the standard errors are 0 and p is 0
    /// (or 1 when both y are equal), as in scipy.</returns>
    /// <exception cref="ArgumentException">Different lengths, fewer than 2 pairs, a value that is not finite, or all x equal.</exception>
    public static RegressionResult Fit(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        Samples.RequirePaired(x, y, 2);
        var n = x.Count;
        double meanX = x.Average(), meanY = y.Average();
        double sxx = 0, syy = 0, sxy = 0;
        for (var i = 0; i < n; i++)
        {
            var dx = x[i] - meanX;
            var dy = y[i] - meanY;
            sxx += dx * dx;
            syy += dy * dy;
            sxy += dx * dy;
        }
        if (sxx == 0)
        {
            throw new ArgumentException("all x values are equal, so no line can be fitted", nameof(x));
        }
        var (intercept, slope) = global::MathNet.Numerics.Fit.Line(x.ToArray(), y.ToArray());
        // With constant y the correlation is undefined; scipy reports r = 0 (and so p = 1), and so does this.
        var r = syy == 0 ? 0.0 : Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1.0, 1.0);
        if (n == 2)
        {
            return new RegressionResult(slope, intercept, r, y[0] == y[1] ? 1.0 : 0.0, 0, 0, n);
        }
        var freedom = n - 2;
        var p = Samples.TwoSidedP(Samples.TStatistic(r, n), freedom);
        // Population (divide-by-n) moments, as scipy writes the formulas: se = sqrt((1 - r²) syy / sxx / df).
        var slopeError = Math.Sqrt(Math.Max(0, 1 - r * r) * syy / sxx / freedom);
        var interceptError = slopeError * Math.Sqrt(sxx / n + meanX * meanX);
        return new RegressionResult(slope, intercept, r, p, slopeError, interceptError, n);
    }
}
