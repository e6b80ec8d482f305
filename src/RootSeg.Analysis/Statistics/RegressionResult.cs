namespace RootSeg.Analysis.Statistics;

/// <summary>An ordinary least-squares line y = intercept + slope x, reported as <c>scipy.stats.linregress</c> does.</summary>
/// <param name="Slope">Slope of the fitted line.</param>
/// <param name="Intercept">Value of the line at x = 0.</param>
/// <param name="R">Pearson correlation coefficient.</param>
/// <param name="PValue">Two-sided p-value for the hypothesis that the slope is zero (t-test, n - 2 degrees of freedom).</param>
/// <param name="StandardError">Standard error of the slope.</param>
/// <param name="InterceptStandardError">Standard error of the intercept.</param>
/// <param name="N">Number of pairs.</param>
public readonly record struct RegressionResult(
    double Slope,
    double Intercept,
    double R,
    double PValue,
    double StandardError,
    double InterceptStandardError,
    int N)
{
    /// <summary>Coefficient of determination, r².</summary>
    public double RSquared => R * R;

    /// <summary>The line's value at <paramref name="x"/>.</summary>
    public double Predict(double x) => Intercept + Slope * x;
}
