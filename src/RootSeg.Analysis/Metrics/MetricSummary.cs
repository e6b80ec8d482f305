namespace RootSeg.Analysis.Metrics;

/// <summary>Mean and spread of one metric over images (the paper's Table 4).</summary>
/// <param name="Count">Images whose value was defined (not NaN) and went into the summary.</param>
/// <param name="Excluded">Images of the summarised set left out because the metric was NaN for them.</param>
/// <param name="Mean">Arithmetic mean; NaN when <paramref name="Count"/> is 0.</param>
/// <param name="StandardDeviation">Sample standard deviation (divisor n - 1); NaN when <paramref name="Count"/> &lt; 2.</param>
/// <param name="PopulationStandardDeviation">Population standard deviation (divisor n), as numpy's <c>np.std</c>
/// in the paper's code computes it; NaN when <paramref name="Count"/> is 0.</param>
public readonly record struct MetricSummary(int Count, int Excluded, double Mean, double StandardDeviation, double PopulationStandardDeviation)
{
    /// <summary>Summarises the defined values of <paramref name="values"/>; NaN values are counted as excluded.</summary>
    public static MetricSummary Of(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var all = values.ToArray();
        var defined = all.Where(v => !double.IsNaN(v)).ToArray();
        var n = defined.Length;
        if (n == 0)
        {
            return new MetricSummary(0, all.Length, double.NaN, double.NaN, double.NaN);
        }
        var mean = defined.Average();
        var squares = defined.Sum(v => (v - mean) * (v - mean));
        var sample = n > 1 ? Math.Sqrt(squares / (n - 1)) : double.NaN;
        return new MetricSummary(n, all.Length - n, mean, sample, Math.Sqrt(squares / n));
    }
}
