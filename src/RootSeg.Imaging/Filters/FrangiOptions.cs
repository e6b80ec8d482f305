namespace RootSeg.Imaging.Filters;

/// <summary>
/// Parameters of the Frangi vesselness filter, named and defaulted as in scikit-image 0.19.3's
/// <c>skimage.filters.frangi(image, sigmas=range(1, 10, 2), alpha=0.5, beta=0.5, gamma=15, black_ridges=True)</c>.
/// </summary>
/// <remarks>
/// scikit-image 0.19 has a fixed <c>gamma=15</c> default; the "half the largest Hessian norm" default
/// (<c>gamma=None</c>) of Frangi et al. and of scikit-image 0.20 and later is not its behaviour and is not offered.
/// </remarks>
public sealed record FrangiOptions
{
    /// <summary>Gaussian scales in pixels, each finite and at least 0 (0 = no smoothing, as scipy skips it).</summary>
    public IReadOnlyList<double> Sigmas { get; init; } = [1, 3, 5, 7, 9];

    /// <summary>Plate-like sensitivity; positive. It only acts in 3-D, so a 2-D result does not depend on it.</summary>
    public double Alpha { get; init; } = 0.5;

    /// <summary>Blob-like sensitivity (Frangi's beta), positive.</summary>
    public double Beta { get; init; } = 0.5;

    /// <summary>Structure (second-order "noise") sensitivity (Frangi's c), positive.</summary>
    public double Gamma { get; init; } = 15;

    /// <summary>True finds dark ridges on a light background (the image is inverted first); false, light ridges.</summary>
    public bool BlackRidges { get; init; } = true;

    /// <summary>Eigenvalue order and zero rule; scikit-image 0.19's by default.</summary>
    public FrangiEigenvalues Eigenvalues { get; init; } = FrangiEigenvalues.ByMagnitude;

    /// <summary>How the smoothing sees beyond the image's edges; scikit-image 0.19's <c>frangi</c> reflects.</summary>
    public FrangiBorder Border { get; init; } = FrangiBorder.Reflect;

    /// <summary>
    /// The value of every sample outside the image with <see cref="FrangiBorder.Constant"/>, in the units of the
    /// image passed in (before the inversion of <see cref="BlackRidges"/>); finite. Ignored otherwise.
    /// </summary>
    public double BorderValue { get; init; }

    /// <summary>Throws unless every parameter is in range; <paramref name="argument"/> names the options argument.</summary>
    internal void Validate(string argument)
    {
        if (Sigmas is null || Sigmas.Count == 0)
        {
            throw new ArgumentException("Sigmas must hold at least one scale", argument);
        }
        foreach (var sigma in Sigmas)
        {
            if (!(double.IsFinite(sigma) && sigma >= 0))
            {
                throw new ArgumentException($"Sigmas must be finite and at least 0, got {sigma}", argument);
            }
        }
        if (!Enum.IsDefined(Eigenvalues))
        {
            throw new ArgumentException($"Eigenvalues must be ByMagnitude or ByValue, got {Eigenvalues}", argument);
        }
        if (!Enum.IsDefined(Border))
        {
            throw new ArgumentException($"Border must be Reflect or Constant, got {Border}", argument);
        }
        if (!double.IsFinite(BorderValue))
        {
            throw new ArgumentException($"BorderValue must be finite, got {BorderValue}", argument);
        }
        Positive(Alpha, nameof(Alpha), argument);
        Positive(Beta, nameof(Beta), argument);
        Positive(Gamma, nameof(Gamma), argument);
    }

    private static void Positive(double value, string name, string argument)
    {
        if (!(double.IsFinite(value) && value > 0))
        {
            throw new ArgumentException($"{name} must be finite and positive, got {value}", argument);
        }
    }
}
