namespace RootSeg.Imaging.Filters;

/// <summary>
/// The per-pixel part of the Frangi filter (Frangi et al. 1998, doi:10.1007/BFb0056195, equation 15 in 2-D) with
/// scikit-image 0.19.3's eigenvalue ordering and zero handling; see <see cref="Frangi"/>.
/// </summary>
internal sealed class VesselTerms
{
    private readonly double _betaTerm;
    private readonly double _gammaTerm;
    private readonly double _sign;

    public VesselTerms(FrangiOptions options)
    {
        _betaTerm = 2 * options.Beta * options.Beta;
        _gammaTerm = 2 * options.Gamma * options.Gamma;
        // Inverting the image (1 - image) only flips the sign of every second derivative.
        _sign = options.BlackRidges ? -1 : 1;
    }

    /// <summary>Raises <paramref name="result"/> to this scale's vesselness where that is larger.</summary>
    public void Fold(ReadOnlySpan<float> hrr, ReadOnlySpan<float> hrc, ReadOnlySpan<float> hcc, float scale,
        Span<float> result)
    {
        for (var x = 0; x < result.Length; x++)
        {
            // scikit-image scales the Hessian in the image's float type before the eigenvalues.
            var a = _sign * (hrr[x] * scale);
            var b = _sign * (hrc[x] * scale);
            var c = _sign * (hcc[x] * scale);
            var mean = (a + c) / 2;
            var half = Math.Sqrt(4 * b * b + (a - c) * (a - c)) / 2;
            var l1 = mean + half;
            var l2 = mean - half;
            var (lambda1, lambda2) = Math.Abs(l2) < Math.Abs(l1) ? (l2, l1) : (l1, l2);
            if (lambda2 > 0)
            {
                continue;
            }
            var denominator = lambda2 == 0 ? 1e-10 : Math.Abs(lambda2);
            var ratio = lambda1 / denominator;
            var structure = l1 * l1 + l2 * l2;
            var v = Math.Exp(-ratio * ratio / _betaTerm) * (1 - Math.Exp(-structure / _gammaTerm));
            if (v > result[x])
            {
                result[x] = (float)v;
            }
        }
    }
}
