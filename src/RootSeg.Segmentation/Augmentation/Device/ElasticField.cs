using RootSeg.Torch;

namespace RootSeg.Segmentation.Augmentation.Device;

/// <summary>
/// The displacement fields of the elastic deformation (Simard et al. 2003, "Best practices for convolutional neural
/// networks applied to visual document analysis", ICDAR, doi:10.1109/ICDAR.2003.1227801) made on the device for a
/// whole batch: U(-1, 1) noise smoothed by a Gaussian of each tile's sigma and scaled by its alpha, as
/// <see cref="ElasticMap"/> makes them on the host (Smith et al. 2020, doi:10.1186/s13007-020-00563-0).
/// </summary>
/// <remarks>
/// Two deliberate differences from <see cref="ElasticMap"/>, each measured by the tests:
/// <list type="bullet">
/// <item>The noise is drawn over the tile grown by the kernel radius and filtered without padding, instead of over
/// the tile padded by 60 and filtered with scipy's 'reflect' boundary. Inside the tile both are the same stationary
/// process except where the reference's mirrored noise reaches in (its field is a little rougher there).</item>
/// <item>With a stride f above 1 the noise lives on a grid f times coarser (nodes every f pixels), is smoothed there
/// by sigma / f, rescaled so that its standard deviation equals that of the full-resolution field (the ratio of the
/// two kernels' sums of squares, exact for the discrete kernels), and bilinearly upsampled. The correlation length is
/// the same; the cost falls by about f^3. With sigma &gt;= 15 and f = 4 the coarse kernel still spans 3.75 nodes per
/// standard deviation, so the upsampling loses under 1% of the field's spread.</item>
/// </list>
/// </remarks>
public static class ElasticField
{
    private const double Truncate = 4.0;

    /// <summary>
    /// Displacements in pixels, (N, 2, size, size) float32: channel 0 moves rows, channel 1 columns (the map samples
    /// the source at (y + d0, x + d1)).
    /// </summary>
    /// <param name="sigmas">Per-tile smoothing standard deviations in pixels, each positive and at most
    /// <paramref name="maxSigma"/>.</param>
    /// <param name="alphas">Per-tile displacement scales, each finite and at least 0 (0 gives no displacement).</param>
    /// <param name="size">Tile side in pixels, at least 2.</param>
    /// <param name="maxSigma">The largest sigma any batch may hold; fixes the noise size so every batch has one shape.</param>
    /// <param name="stride">Grid spacing of the noise, at least 1 (1: full resolution, as the reference).</param>
    /// <param name="generator">Draws the noise; its device is where the fields are made.</param>
    /// <exception cref="ArgumentException">The lists differ in length or are empty, or a value is out of range.</exception>
    public static Tensor Displacements(IReadOnlyList<double> sigmas, IReadOnlyList<double> alphas, int size,
        double maxSigma, int stride, RandomGenerator generator)
    {
        ArgumentNullException.ThrowIfNull(sigmas);
        ArgumentNullException.ThrowIfNull(alphas);
        ArgumentNullException.ThrowIfNull(generator);
        if (sigmas.Count == 0 || sigmas.Count != alphas.Count)
        {
            throw new ArgumentException($"{sigmas.Count} sigmas for {alphas.Count} alphas", nameof(alphas));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        if (!(maxSigma > 0) || !double.IsFinite(maxSigma))
        {
            throw new ArgumentOutOfRangeException(nameof(maxSigma), maxSigma, "maxSigma must be positive and finite");
        }
        var count = sigmas.Count;
        var radius = (int)(Truncate * maxSigma / stride + 0.5);
        var taps = 2 * radius + 1;
        var nodes = (size - 1 + stride - 1) / stride + 1;
        var vertical = new float[2 * count * taps];
        var horizontal = new float[2 * count * taps];
        for (var i = 0; i < count; i++)
        {
            var sigma = sigmas[i];
            var alpha = alphas[i];
            if (!(sigma > 0 && sigma <= maxSigma))
            {
                throw new ArgumentOutOfRangeException(nameof(sigmas), sigma, $"sigma {i} must be in (0, {maxSigma}]");
            }
            if (!(alpha >= 0) || !double.IsFinite(alpha))
            {
                throw new ArgumentOutOfRangeException(nameof(alphas), alpha, $"alpha {i} must be finite and at least 0");
            }
            var coarse = GaussianFilter.HalfKernel(sigma / stride, Truncate);
            var gain = alpha * SumOfSquares(GaussianFilter.HalfKernel(sigma, Truncate)) / SumOfSquares(coarse);
            for (var component = 0; component < 2; component++)
            {
                var offset = (2 * i + component) * taps + radius;
                for (var k = 0; k < coarse.Length; k++)
                {
                    vertical[offset + k] = vertical[offset - k] = (float)coarse[k];
                    horizontal[offset + k] = horizontal[offset - k] = (float)(coarse[k] * gain);
                }
            }
        }
        var device = generator.Device;
        var channels = 2L * count;
        using var scope = TensorScope.Enter();
        var extent = nodes + 2L * radius;
        var noise = generator.Rand([1, channels, extent, extent]).Mul_(2.0).Sub_(1.0);
        var verticalWeights = DeviceUpload.From<float>(vertical, [channels, 1, taps, 1], device);
        var horizontalWeights = DeviceUpload.From<float>(horizontal, [channels, 1, 1, taps], device);
        var field = Functional.Conv2d(Functional.Conv2d(noise, verticalWeights, groups: channels), horizontalWeights,
            groups: channels);
        if (stride > 1)
        {
            var span = (nodes - 1L) * stride + 1;
            field = Functional.Interpolate(field, span, span, InterpolationMode.Bilinear, alignCorners: true)
                .Narrow(2, 0, size).Narrow(3, 0, size);
        }
        return scope.Keep(field.Reshape(count, 2, size, size).Contiguous());
    }

    /// <summary>
    /// The sum of squares of the full symmetric kernel whose half is <paramref name="half"/> (as
    /// <see cref="GaussianFilter.HalfKernel"/> gives it): the variance gain of filtering white noise along one axis.
    /// </summary>
    public static double SumOfSquares(double[] half)
    {
        ArgumentNullException.ThrowIfNull(half);
        var sum = half[0] * half[0];
        for (var k = 1; k < half.Length; k++)
        {
            sum += 2 * half[k] * half[k];
        }
        return sum;
    }
}
