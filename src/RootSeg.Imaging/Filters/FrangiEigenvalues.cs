namespace RootSeg.Imaging.Filters;

/// <summary>How the Frangi filter orders the two Hessian eigenvalues and which pixels it sets to zero.</summary>
public enum FrangiEigenvalues
{
    /// <summary>
    /// scikit-image 0.19's <c>frangi</c>: sorted by magnitude, Rb = (smaller / larger)^2, zero where the larger
    /// says the ridge has the wrong polarity.
    /// </summary>
    ByMagnitude,

    /// <summary>
    /// scikit-image 0.14's <c>frangi</c>, which the Frangi filter of Smith et al. 2020's code ports: sorted by value
    /// (<c>hessian_matrix_eigvals</c>), Rb = (one / the other)^2 in that order, zero only where both have the wrong
    /// polarity, so saddle points keep a small response.
    /// </summary>
    ByValue,
}
