namespace RootSeg.Analysis.Statistics;

/// <summary>
/// Agreement between two methods that measure the same quantity in the same unit, after Bland and Altman 1986,
/// "Statistical methods for assessing agreement between two methods of clinical measurement", The Lancet
/// 327(8476):307-310, doi:10.1016/S0140-6736(86)90837-8: the differences d_i = y_i - x_i, their mean (the bias) and
/// the 95% limits of agreement bias ± 1.96 s, s being the differences' sample standard deviation (n - 1 in the
/// denominator).
/// </summary>
public static class BlandAltman
{
    /// <summary>The z value of the 95% limits of agreement.</summary>
    public const double LimitZ = 1.96;

    /// <summary>
    /// Whether two column names carry the same unit, by the convention of RootSeg's tables that a name ends in its
    /// unit after the last underscore (<c>length_mm</c> and <c>true_length_mm</c>; not <c>length_mm</c> and
    /// <c>crossings</c>). A <c>FILE:</c> prefix is ignored. Agreement statistics only make sense when this holds.
    /// </summary>
    public static bool SameUnit(string xColumn, string yColumn)
    {
        ArgumentNullException.ThrowIfNull(xColumn);
        ArgumentNullException.ThrowIfNull(yColumn);
        static string? Unit(string name)
        {
            var column = name[(name.LastIndexOf(':') + 1)..];
            var underscore = column.LastIndexOf('_');
            return underscore <= 0 || underscore == column.Length - 1 ? null : column[(underscore + 1)..];
        }
        var (x, y) = (Unit(xColumn), Unit(yColumn));
        return x is not null && string.Equals(x, y, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Computes bias and limits of agreement of <paramref name="y"/> against <paramref name="x"/>.</summary>
    /// <param name="x">First method's values (the reference), finite.</param>
    /// <param name="y">Second method's values, as many as <paramref name="x"/>, finite.</param>
    /// <returns>The result; the standard deviation and limits are NaN with fewer than 2 pairs.</returns>
    /// <exception cref="ArgumentException">Different lengths, no pairs, or a non-finite value.</exception>
    public static BlandAltmanResult Compute(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        Samples.RequirePaired(x, y, 1);
        var n = x.Count;
        var bias = 0.0;
        for (var i = 0; i < n; i++)
        {
            bias += y[i] - x[i];
        }
        bias /= n;
        var sd = double.NaN;
        if (n >= 2)
        {
            var squares = 0.0;
            for (var i = 0; i < n; i++)
            {
                var e = y[i] - x[i] - bias;
                squares += e * e;
            }
            sd = Math.Sqrt(squares / (n - 1));
        }
        return new BlandAltmanResult(bias, sd, bias - LimitZ * sd, bias + LimitZ * sd, n);
    }
}
