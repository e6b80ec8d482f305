using System.Numerics;

namespace RootSeg.Imaging.Filters;

/// <summary>
/// The per-pixel part of the Frangi filter (Frangi et al. 1998, doi:10.1007/BFb0056195, equation 15 in 2-D) with
/// scikit-image 0.19.3's eigenvalue ordering and zero handling, or scikit-image 0.14's (<see cref="FrangiEigenvalues"/>);
/// see <see cref="Frangi"/>. Runs on
/// System.Numerics vectors in float64, with a scalar loop for the last few pixels of a row.
/// </summary>
internal sealed class VesselTerms
{
    private readonly double _betaTerm;
    private readonly double _gammaTerm;
    private readonly double _sign;
    private readonly bool _byValue;

    public VesselTerms(FrangiOptions options)
    {
        _betaTerm = 2 * options.Beta * options.Beta;
        _gammaTerm = 2 * options.Gamma * options.Gamma;
        // Inverting the image (1 - image) only flips the sign of every second derivative.
        _sign = options.BlackRidges ? -1 : 1;
        _byValue = options.Eigenvalues == FrangiEigenvalues.ByValue;
    }

    /// <summary>Raises <paramref name="result"/> to this scale's vesselness where that is larger.</summary>
    /// <param name="hrr">Second derivative across rows, unscaled.</param>
    /// <param name="hrc">Mixed second derivative, unscaled.</param>
    /// <param name="hcc">Second derivative along rows, unscaled.</param>
    /// <param name="scale">sigma^2, scikit-image's scale normalisation.</param>
    /// <param name="result">The running maximum over scales.</param>
    public void Fold(ReadOnlySpan<double> hrr, ReadOnlySpan<double> hrc, ReadOnlySpan<double> hcc, double scale,
        Span<float> result)
    {
        var factor = scale * _sign;
        var lanes = Vector<double>.Count;
        var x = 0;
        for (; x + 2 * lanes <= result.Length; x += 2 * lanes)
        {
            var low = Vesselness(new Vector<double>(hrr[x..]) * factor, new Vector<double>(hrc[x..]) * factor,
                new Vector<double>(hcc[x..]) * factor);
            var high = Vesselness(new Vector<double>(hrr[(x + lanes)..]) * factor,
                new Vector<double>(hrc[(x + lanes)..]) * factor, new Vector<double>(hcc[(x + lanes)..]) * factor);
            Vector.Max(Vector.Narrow(low, high), new Vector<float>(result[x..])).CopyTo(result[x..]);
        }
        for (; x < result.Length; x++)
        {
            var v = (float)Vesselness(hrr[x] * factor, hrc[x] * factor, hcc[x] * factor);
            result[x] = Math.Max(result[x], v);
        }
    }

    private Vector<double> Vesselness(Vector<double> a, Vector<double> b, Vector<double> c)
    {
        var mean = (a + c) * 0.5;
        var half = Vector.SquareRoot(4.0 * b * b + (a - c) * (a - c)) * 0.5;
        var l1 = mean + half;
        var l2 = mean - half;
        if (_byValue)
        {
            return VesselnessByValue(l1, l2);
        }
        // Sorted by absolute value; numpy's argsort keeps l1 first on ties.
        var swap = Vector.LessThan(Vector.Abs(l2), Vector.Abs(l1));
        var lambda1 = Vector.ConditionalSelect(swap, l2, l1);
        var lambda2 = Vector.ConditionalSelect(swap, l1, l2);
        // Background (lambda2 > 0) often fills whole vectors; skipping the two exponentials there pays.
        if (Vector.GreaterThanAll(lambda2, Vector<double>.Zero))
        {
            return Vector<double>.Zero;
        }
        var denominator = Vector.ConditionalSelect(Vector.Equals(lambda2, Vector<double>.Zero),
            new Vector<double>(1e-10), Vector.Abs(lambda2));
        var ratio = lambda1 / denominator;
        var structure = l1 * l1 + l2 * l2;
        var v = Vector.Exp(-(ratio * ratio) / _betaTerm) * OneMinusExp(structure / _gammaTerm);
        return Vector.ConditionalSelect(Vector.GreaterThan(lambda2, Vector<double>.Zero), Vector<double>.Zero, v);
    }

    /// <summary>
    /// scikit-image 0.14's terms, as the paper's code has them, in this class's sign convention (a bright ridge has a
    /// strongly negative <paramref name="l2"/>): Rb = (l1 / l2)^2 with a zero l2 replaced by 1e-10, and zero only
    /// where both eigenvalues are positive (l2 &gt; 0). Unlike 0.19's, a saddle whose positive eigenvalue is the
    /// larger keeps a small response, exp(-Rb / (2 beta^2)) with Rb &gt; 1.
    /// </summary>
    private Vector<double> VesselnessByValue(Vector<double> l1, Vector<double> l2)
    {
        if (Vector.GreaterThanAll(l2, Vector<double>.Zero))
        {
            return Vector<double>.Zero;
        }
        var denominator = Vector.ConditionalSelect(Vector.Equals(l2, Vector<double>.Zero), new Vector<double>(1e-10), l2);
        var ratio = l1 / denominator;
        var structure = l1 * l1 + l2 * l2;
        var v = Vector.Exp(-(ratio * ratio) / _betaTerm) * OneMinusExp(structure / _gammaTerm);
        return Vector.ConditionalSelect(Vector.GreaterThan(l2, Vector<double>.Zero), Vector<double>.Zero, v);
    }

    /// <summary><c>1 - exp(-x)</c> for <c>x &gt;= 0</c>, the structure term of equation 15.</summary>
    /// <remarks>
    /// With images in [0, 1] and the default gamma, <c>x</c> is nearly always far below 1, where the Taylor series
    /// <c>x - x^2/2! + x^3/3! - ...</c> cut after <c>x^SeriesTerms</c> is exact to double precision
    /// (the first term left out is below <c>x^SeriesTerms / (SeriesTerms + 1)!</c> of the result, 2e-17 for
    /// <c>x &lt; 1/8</c>) and much cheaper than an exponential; a vector with a larger <c>x</c> takes the
    /// exponential, as scikit-image does everywhere.
    /// </remarks>
    private static Vector<double> OneMinusExp(Vector<double> x)
    {
        if (!Vector.LessThanAll(x, new Vector<double>(SeriesLimit)))
        {
            return Vector<double>.One - Vector.Exp(-x);
        }
        // Horner form: x (1 - x/2 (1 - x/3 (1 - ... (1 - x/n)))).
        var sum = Vector<double>.One;
        for (var n = SeriesTerms; n >= 2; n--)
        {
            sum = Vector<double>.One - x * sum * (1.0 / n);
        }
        return x * sum;
    }

    private const int SeriesTerms = 10;

    private const double SeriesLimit = 0.125;

    private double Vesselness(double a, double b, double c)
    {
        var mean = (a + c) / 2;
        var half = Math.Sqrt(4 * b * b + (a - c) * (a - c)) / 2;
        var l1 = mean + half;
        var l2 = mean - half;
        if (_byValue)
        {
            if (l2 > 0)
            {
                return 0;
            }
            var r = l1 / (l2 == 0 ? 1e-10 : l2);
            return Math.Exp(-r * r / _betaTerm) * (1 - Math.Exp(-(l1 * l1 + l2 * l2) / _gammaTerm));
        }
        var (lambda1, lambda2) = Math.Abs(l2) < Math.Abs(l1) ? (l2, l1) : (l1, l2);
        if (lambda2 > 0)
        {
            return 0;
        }
        var ratio = lambda1 / (lambda2 == 0 ? 1e-10 : Math.Abs(lambda2));
        var structure = l1 * l1 + l2 * l2;
        return Math.Exp(-ratio * ratio / _betaTerm) * (1 - Math.Exp(-structure / _gammaTerm));
    }
}
