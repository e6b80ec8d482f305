namespace RootSeg.Imaging.Filters;

/// <summary>
/// The sampled, normalised 1-D Gaussian of <c>scipy.ndimage.gaussian_filter1d</c> (scipy 1.10) with
/// <c>truncate = 4.0</c>, which <c>skimage.filters.gaussian</c> calls: radius <c>int(4 sigma + 0.5)</c>, weights
/// <c>exp(-x^2 / (2 sigma^2))</c> divided by their sum. Sigma 0 gives the identity, as scipy skips such axes.
/// </summary>
internal static class GaussianKernel
{
    /// <summary>Kernel weights for offsets 0 to radius (the kernel is symmetric).</summary>
    public static double[] HalfWeights(double sigma)
    {
        if (sigma <= 1e-15)
        {
            return [1.0];
        }
        var radius = (int)(4.0 * sigma + 0.5);
        var full = new double[2 * radius + 1];
        var sum = 0.0;
        for (var i = -radius; i <= radius; i++)
        {
            full[i + radius] = Math.Exp(-0.5 / (sigma * sigma) * i * i);
            sum += full[i + radius];
        }
        var half = new double[radius + 1];
        for (var i = 0; i <= radius; i++)
        {
            half[i] = full[i + radius] / sum;
        }
        return half;
    }

    /// <summary>
    /// Maps an index outside <c>[0, length)</c> into it as scipy.ndimage's 'reflect' mode does (the edge sample is
    /// repeated: <c>c b a | a b c | c b a</c>), periodically for offsets wider than the image.
    /// </summary>
    public static int Reflect(int index, int length)
    {
        if ((uint)index < (uint)length)
        {
            return index;
        }
        var period = 2 * length;
        var m = index % period;
        if (m < 0)
        {
            m += period;
        }
        return m < length ? m : period - 1 - m;
    }
}
