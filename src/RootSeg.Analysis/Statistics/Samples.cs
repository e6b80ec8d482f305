using MathNet.Numerics.Distributions;

namespace RootSeg.Analysis.Statistics;

/// <summary>Input checks and the Student t tail shared by the correlation and regression code.</summary>
internal static class Samples
{
    /// <summary>Throws unless both samples have the same length, at least <paramref name="minimum"/>, and finite values.</summary>
    public static void RequirePaired(IReadOnlyList<double> x, IReadOnlyList<double> y, int minimum)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
        {
            throw new ArgumentException($"y has {y.Count} values but x has {x.Count}", nameof(y));
        }
        if (x.Count < minimum)
        {
            throw new ArgumentException($"at least {minimum} pairs are needed, not {x.Count}", nameof(x));
        }
        RequireFinite(x, nameof(x));
        RequireFinite(y, nameof(y));
    }

    /// <summary>Two-sided tail probability of Student's t with <paramref name="freedom"/> degrees of freedom.</summary>
    public static double TwoSidedP(double t, int freedom)
    {
        if (double.IsNaN(t) || freedom < 1)
        {
            return double.NaN;
        }
        if (double.IsInfinity(t))
        {
            return 0;
        }
        // The lower tail at -|t| keeps precision where 1 - CDF(|t|) would cancel to zero.
        return Math.Min(1.0, 2 * StudentT.CDF(0, 1, freedom, -Math.Abs(t)));
    }

    /// <summary>t statistic of a correlation coefficient r from n pairs: r sqrt((n - 2) / (1 - r²)).</summary>
    public static double TStatistic(double r, int n)
    {
        var freedom = n - 2;
        var denominator = (1 - r) * (1 + r);
        if (denominator <= 0)
        {
            return r > 0 ? double.PositiveInfinity : double.NegativeInfinity;
        }
        return r * Math.Sqrt(freedom / denominator);
    }

    private static void RequireFinite(IReadOnlyList<double> values, string name)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException($"{name}[{i}] is {values[i]}; values must be finite", name);
            }
        }
    }
}
