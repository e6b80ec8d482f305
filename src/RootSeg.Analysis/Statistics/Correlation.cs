using MathNet.Numerics.Statistics;

namespace RootSeg.Analysis.Statistics;

/// <summary>
/// Pearson and Spearman rank correlation with two-sided p-values, matching <c>scipy.stats.pearsonr</c> and
/// <c>scipy.stats.spearmanr</c> (Virtanen et al. 2020, "SciPy 1.0", Nature Methods 17:261-272,
/// doi:10.1038/s41592-019-0686-2). Smith et al. 2020 (doi:10.1186/s13007-020-00563-0) report Spearman's rho between
/// segmented root length and manual root intensity.
/// </summary>
public static class Correlation
{
    /// <summary>Pearson's product-moment correlation and its p-value from the t distribution with n - 2 degrees of
    /// freedom (equal to scipy's exact beta-distribution p-value for the two-sided test).</summary>
    /// <param name="x">First sample, finite values.</param>
    /// <param name="y">Second sample, as long as <paramref name="x"/>.</param>
    /// <exception cref="ArgumentException">Different lengths, fewer than 2 pairs, or a value that is not finite.</exception>
    public static CorrelationResult Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        Samples.RequirePaired(x, y, 2);
        var r = PearsonCoefficient(x, y);
        var p = x.Count < 3 || double.IsNaN(r) ? double.NaN : Samples.TwoSidedP(Samples.TStatistic(r, x.Count), x.Count - 2);
        return new CorrelationResult(r, p, x.Count);
    }

    /// <summary>
    /// Spearman's rank correlation: Pearson's r of the ranks, tied values sharing their average rank (Spearman 1904,
    /// "The proof and measurement of association between two things", American Journal of Psychology 15:72-101,
    /// doi:10.2307/1412159). The p-value uses the t approximation t = rho sqrt((n - 2) / (1 - rho²)) with n - 2
    /// degrees of freedom, as <c>scipy.stats.spearmanr</c> does.
    /// </summary>
    /// <param name="x">First sample, finite values.</param>
    /// <param name="y">Second sample, as long as <paramref name="x"/>.</param>
    /// <exception cref="ArgumentException">Different lengths, fewer than 2 pairs, or a value that is not finite.</exception>
    public static CorrelationResult Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        Samples.RequirePaired(x, y, 2);
        return Pearson(AverageRanks(x), AverageRanks(y));
    }

    /// <summary>Ranks from 1 to n, tied values sharing the mean of the ranks they span.</summary>
    public static double[] AverageRanks(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.Ranks(RankDefinition.Average);
    }

    private static double PearsonCoefficient(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        // Centred two-pass sums: the one-pass formula loses digits when values are large and close together.
        double meanX = x.Average(), meanY = y.Average();
        double sxx = 0, syy = 0, sxy = 0;
        for (var i = 0; i < x.Count; i++)
        {
            var dx = x[i] - meanX;
            var dy = y[i] - meanY;
            sxx += dx * dx;
            syy += dy * dy;
            sxy += dx * dy;
        }
        if (sxx == 0 || syy == 0)
        {
            return double.NaN;
        }
        return Math.Clamp(sxy / Math.Sqrt(sxx * syy), -1.0, 1.0);
    }
}
