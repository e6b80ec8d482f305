namespace RootSeg.Baseline.Frangi;

/// <summary>
/// The five parameters of the Frangi baseline of Smith et al. 2020, "Segmentation of roots in soil with U-Net",
/// Plant Methods 16:13 (doi:10.1186/s13007-020-00563-0): the Frangi vesselness filter (Frangi et al. 1998,
/// doi:10.1007/BFb0056195) over the scales 1, 2, 4, ..., 2^(<see cref="MaxSigma"/> - 1) as the paper's code takes
/// them, a threshold on the vesselness and the removal of connected components smaller than
/// <see cref="MinObjectSize"/>.
/// </summary>
/// <param name="MaxSigma">How many scales, 1 to 6 (the paper's code calls it the maximum sigma): the filter runs at
/// the scales 1, 2, 4, ..., 2^(MaxSigma - 1) pixels, so the largest is 1 to 32.</param>
/// <param name="Beta1">Sensitivity to blob-likeness, scikit-image's <c>beta</c> (paper: beta1), &gt; 0.</param>
/// <param name="Beta2">Sensitivity to structure strength, scikit-image's <c>gamma</c> (paper: beta2), &gt; 0, in units
/// of the Hessian norm of a grey image in [0, 1].</param>
/// <param name="Threshold">Pixels whose vesselness exceeds this are root, in [0, 1).</param>
/// <param name="MinObjectSize">Connected root regions (4-connected) of fewer pixels are removed, 0 or more.</param>
/// <param name="BrightRoots">True when roots are lighter than the soil (scikit-image <c>black_ridges=False</c>).
/// Measured on the segroot photos: mean grey 0.27-0.43 on root pixels against 0.19-0.23 elsewhere, so true is the
/// default; the search does not vary it.</param>
public sealed record FrangiParameters(
    int MaxSigma, double Beta1, double Beta2, double Threshold, int MinObjectSize, bool BrightRoots = true)
{
    /// <summary>The largest scale the paper's search allows.</summary>
    public const int MaxSigmaLimit = 6;

    /// <summary>
    /// The Gaussian scales 1, 2, 4, ..., 2^(<see cref="MaxSigma"/> - 1): the paper's code takes 1 followed by
    /// <c>numpy.logspace(1, m - 1, m - 1, base=2)</c> for a maximum m (its <c>get_sigmas</c>), an exponential scale.
    /// </summary>
    public double[] Sigmas() => Enumerable.Range(0, MaxSigma).Select(k => Math.Pow(2, k)).ToArray();

    /// <summary>Throws unless every parameter is in its range; <paramref name="source"/> names the origin.</summary>
    /// <exception cref="ArgumentException">A parameter is out of range; the message names it and the source.</exception>
    public void Validate(string source = "parameters")
    {
        if (MaxSigma is < 1 or > MaxSigmaLimit)
        {
            throw new ArgumentException($"{source}: MaxSigma must be in [1, {MaxSigmaLimit}], not {MaxSigma}");
        }
        if (!(Beta1 > 0) || !double.IsFinite(Beta1))
        {
            throw new ArgumentException($"{source}: Beta1 must be finite and > 0, not {Beta1}");
        }
        if (!(Beta2 > 0) || !double.IsFinite(Beta2))
        {
            throw new ArgumentException($"{source}: Beta2 must be finite and > 0, not {Beta2}");
        }
        if (!(Threshold >= 0 && Threshold < 1))
        {
            throw new ArgumentException($"{source}: Threshold must be in [0, 1), not {Threshold}");
        }
        if (MinObjectSize < 0)
        {
            throw new ArgumentException($"{source}: MinObjectSize must be 0 or more, not {MinObjectSize}");
        }
    }
}
