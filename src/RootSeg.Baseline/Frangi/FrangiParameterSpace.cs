namespace RootSeg.Baseline.Frangi;

/// <summary>
/// The search space of the Frangi baseline: CMA-ES moves in the unit cube [0, 1]^5 and each coordinate maps to one
/// parameter, so one step size suits all five. Following Smith et al. 2020 (doi:10.1186/s13007-020-00563-0) the
/// number of scales m spans [1, 6] (the paper's code bounds its "maximum sigma" so) and the integer parameters are
/// rounded at random (<see cref="ProbabilisticRounding"/>). As the scales are 1, 2, 4, ..., 2^(m - 1), the
/// coordinate is linear in m and so logarithmic in the largest scale (1 to 32 pixels): each step of m doubles it.
/// The paper gives no other ranges; these are ours, wide enough to hold every value that made sense on the segroot
/// photos: the scale-free parameters (beta1, beta2, threshold, minimum size) are searched on a log scale because
/// their effect is multiplicative.
/// </summary>
public static class FrangiParameterSpace
{
    /// <summary>Coordinates of the search space.</summary>
    public const int Dimension = 5;

    /// <summary>Range of beta1 (log scale).</summary>
    public const double Beta1Min = 0.05, Beta1Max = 5;

    /// <summary>Range of beta2 (log scale); the Hessian norm of a root in a [0, 1] grey image is of order 0.01-0.3.</summary>
    public const double Beta2Min = 1e-3, Beta2Max = 1;

    /// <summary>Range of the vesselness threshold (log scale).</summary>
    public const double ThresholdMin = 1e-3, ThresholdMax = 0.9;

    /// <summary>The minimum object size spans [0, MinObjectSizeMax] as (MinObjectSizeMax + 1)^u - 1.</summary>
    public const double MinObjectSizeMax = 4095;

    /// <summary>The lower bounds of the unit cube.</summary>
    public static double[] Lower => new double[Dimension];

    /// <summary>The upper bounds of the unit cube.</summary>
    public static double[] Upper => Enumerable.Repeat(1.0, Dimension).ToArray();

    /// <summary>The real-valued parameters at <paramref name="u"/> before rounding: max sigma, beta1, beta2,
    /// threshold, minimum object size.</summary>
    /// <param name="u">Five coordinates in [0, 1].</param>
    public static double[] Continuous(ReadOnlySpan<double> u)
    {
        Check(u);
        return
        [
            1 + (FrangiParameters.MaxSigmaLimit - 1) * u[0],
            LogScale(Beta1Min, Beta1Max, u[1]),
            LogScale(Beta2Min, Beta2Max, u[2]),
            LogScale(ThresholdMin, ThresholdMax, u[3]),
            Math.Pow(MinObjectSizeMax + 1, u[4]) - 1,
        ];
    }

    /// <summary>
    /// The parameters at <paramref name="u"/>, the two integer ones rounded at random with draws fixed by
    /// <paramref name="seed"/> and <paramref name="u"/> itself (the same point and seed give the same parameters).
    /// </summary>
    /// <param name="u">Five coordinates in [0, 1].</param>
    /// <param name="seed">The search's seed.</param>
    /// <exception cref="ArgumentException"><paramref name="u"/> is not five coordinates in [0, 1].</exception>
    public static FrangiParameters ToParameters(ReadOnlySpan<double> u, ulong seed)
    {
        var c = Continuous(u);
        var maxSigma = Math.Clamp(ProbabilisticRounding.Round(c[0], ProbabilisticRounding.Uniform(seed, u, 0)),
            1, FrangiParameters.MaxSigmaLimit);
        var minSize = Math.Max(0, ProbabilisticRounding.Round(c[4], ProbabilisticRounding.Uniform(seed, u, 1)));
        return new FrangiParameters(maxSigma, c[1], c[2], c[3], minSize);
    }

    /// <summary>The point of the unit cube that maps to <paramref name="parameters"/> (clamped to the ranges);
    /// a starting point for a search.</summary>
    public static double[] ToUnit(FrangiParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return
        [
            Math.Clamp((parameters.MaxSigma - 1.0) / (FrangiParameters.MaxSigmaLimit - 1), 0, 1),
            InverseLogScale(Beta1Min, Beta1Max, parameters.Beta1),
            InverseLogScale(Beta2Min, Beta2Max, parameters.Beta2),
            InverseLogScale(ThresholdMin, ThresholdMax, parameters.Threshold),
            Math.Clamp(Math.Log(parameters.MinObjectSize + 1.0) / Math.Log(MinObjectSizeMax + 1), 0, 1),
        ];
    }

    private static double LogScale(double min, double max, double u) => min * Math.Pow(max / min, u);

    private static double InverseLogScale(double min, double max, double value) =>
        value <= 0 ? 0 : Math.Clamp(Math.Log(value / min) / Math.Log(max / min), 0, 1);

    private static void Check(ReadOnlySpan<double> u)
    {
        if (u.Length != Dimension)
        {
            throw new ArgumentException($"a point of the search space has {Dimension} coordinates, not {u.Length}",
                nameof(u));
        }
        foreach (var v in u)
        {
            if (!(v >= 0 && v <= 1))
            {
                throw new ArgumentException($"search coordinates must lie in [0, 1], found {v}", nameof(u));
            }
        }
    }
}
