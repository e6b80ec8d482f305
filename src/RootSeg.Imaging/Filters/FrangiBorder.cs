namespace RootSeg.Imaging.Filters;

/// <summary>How the Frangi filter's Gaussian smoothing sees beyond the edges of the image (scipy.ndimage modes).</summary>
public enum FrangiBorder
{
    /// <summary>scipy's 'reflect' (<c>c b a | a b c | c b a</c>), as scikit-image 0.19's <c>frangi</c> does.</summary>
    Reflect,

    /// <summary>
    /// scipy's 'constant': every sample outside the image is <see cref="FrangiOptions.BorderValue"/>, as
    /// scikit-image's <c>hessian_matrix</c> does by default (<c>mode='constant', cval=0</c>) and so the Frangi filter
    /// shipped with Smith et al. 2020's code (a port of scikit-image 0.14's).
    /// </summary>
    Constant,
}
