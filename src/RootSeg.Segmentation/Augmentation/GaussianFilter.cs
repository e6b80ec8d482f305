using System.Numerics;
using System.Runtime.InteropServices;
using RootSeg.Segmentation.Data;

namespace RootSeg.Segmentation.Augmentation;

/// <summary>
/// A separable 2-D Gaussian filter with scipy.ndimage's semantics: <c>gaussian_filter(input, sigma,
/// mode='reflect', truncate=4.0)</c> on float64 data, filtering along rows (axis 0) first, then along columns.
/// Used to smooth the random displacement fields of the elastic deformation (Simard et al. 2003, "Best practices for
/// convolutional neural networks applied to visual document analysis", ICDAR, doi:10.1109/ICDAR.2003.1227801).
/// </summary>
public static class GaussianFilter
{
    /// <summary>
    /// The normalised one-sided kernel w[0..radius] with radius = (int)(truncate x sigma + 0.5) and
    /// w[k] = exp(-0.5 / sigma^2 x k^2) / sum, as scipy computes it.
    /// </summary>
    /// <param name="sigma">Standard deviation in pixels, positive and finite.</param>
    /// <param name="truncate">Kernel half-width in standard deviations, positive (scipy's default 4).</param>
    public static double[] HalfKernel(double sigma, double truncate = 4.0)
    {
        if (!(sigma > 0) || !double.IsFinite(sigma))
        {
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "sigma must be positive and finite");
        }
        if (!(truncate > 0) || !double.IsFinite(truncate))
        {
            throw new ArgumentOutOfRangeException(nameof(truncate), truncate, "truncate must be positive and finite");
        }
        var radius = (int)(truncate * sigma + 0.5);
        var factor = -0.5 / (sigma * sigma);
        var full = new double[2 * radius + 1];
        for (var k = -radius; k <= radius; k++)
        {
            full[k + radius] = Math.Exp(factor * ((double)k * k));
        }
        // numpy sums pairwise; a plain sum of at most a few hundred terms near 1 differs only in the last bit.
        var sum = full.Sum();
        var half = new double[radius + 1];
        for (var k = 0; k <= radius; k++)
        {
            half[k] = full[k + radius] / sum;
        }
        return half;
    }

    /// <summary>
    /// Filters a row-major <paramref name="height"/> x <paramref name="width"/> field into <paramref name="output"/>
    /// (which may not overlap the input).
    /// </summary>
    /// <param name="input">height x width values, row-major; not modified.</param>
    /// <param name="output">height x width values, row-major; overwritten.</param>
    /// <param name="height">Rows, at least 1.</param>
    /// <param name="width">Columns, at least 1.</param>
    /// <param name="sigma">Standard deviation in pixels, positive.</param>
    /// <exception cref="ArgumentException">A span's length is not height x width, or the spans overlap.</exception>
    public static void Apply(ReadOnlySpan<double> input, Span<double> output, int height, int width, double sigma)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        var length = checked(height * width);
        if (input.Length != length)
        {
            throw new ArgumentException($"input holds {input.Length} values, not {height}x{width}", nameof(input));
        }
        if (output.Length != length)
        {
            throw new ArgumentException($"output holds {output.Length} values, not {height}x{width}", nameof(output));
        }
        if (input.Overlaps(output))
        {
            throw new ArgumentException("output must not overlap input", nameof(output));
        }
        var kernel = HalfKernel(sigma);
        var columnsDone = new double[length];
        FilterAlongRows(input, columnsDone, height, width, kernel, 0, height);
        FilterAlongColumns(columnsDone, output, height, width, kernel, 0, height, 0, width);
    }

    /// <summary>
    /// Axis-0 pass for output rows [rowStart, rowEnd): each output row is a weighted sum of whole input rows, so the
    /// work is vectorised across columns. Summation runs from the outermost tap pair inwards, as scipy's correlate1d
    /// does for symmetric kernels, which keeps the results equal to scipy's to the last bit or so.
    /// </summary>
    internal static void FilterAlongRows(ReadOnlySpan<double> input, Span<double> output, int height, int width,
        double[] kernel, int rowStart, int rowEnd)
    {
        var radius = kernel.Length - 1;
        for (var y = rowStart; y < rowEnd; y++)
        {
            var target = output.Slice(y * width, width);
            var centre = input.Slice(y * width, width);
            for (var x = 0; x < width; x++)
            {
                target[x] = centre[x] * kernel[0];
            }
            for (var k = radius; k >= 1; k--)
            {
                var above = input.Slice(ReflectIndex.Symmetric(y - k, height) * width, width);
                var below = input.Slice(ReflectIndex.Symmetric(y + k, height) * width, width);
                AddPairs(above, below, kernel[k], target);
            }
        }
    }

    /// <summary>
    /// Axis-1 pass for rows [rowStart, rowEnd) and output columns [colStart, colEnd): each row is extended by
    /// reflection once, then filtered with the same outermost-first summation order.
    /// </summary>
    internal static void FilterAlongColumns(ReadOnlySpan<double> input, Span<double> output, int height, int width,
        double[] kernel, int rowStart, int rowEnd, int colStart, int colEnd)
    {
        var radius = kernel.Length - 1;
        var count = colEnd - colStart;
        var extended = new double[count + 2 * radius];
        var accumulator = new double[count];
        for (var y = rowStart; y < rowEnd; y++)
        {
            var row = input.Slice(y * width, width);
            for (var i = 0; i < extended.Length; i++)
            {
                extended[i] = row[ReflectIndex.Symmetric(colStart - radius + i, width)];
            }
            for (var x = 0; x < count; x++)
            {
                accumulator[x] = extended[x + radius] * kernel[0];
            }
            for (var k = radius; k >= 1; k--)
            {
                AddPairs(extended.AsSpan(radius - k, count), extended.AsSpan(radius + k, count), kernel[k], accumulator);
            }
            accumulator.CopyTo(output.Slice(y * width + colStart, count));
        }
    }

    /// <summary>target[i] += (a[i] + b[i]) x weight, in that operation order (no fused multiply-add).</summary>
    private static void AddPairs(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double weight, Span<double> target)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && target.Length >= Vector<double>.Count)
        {
            var w = new Vector<double>(weight);
            var va = MemoryMarshal.Cast<double, Vector<double>>(a);
            var vb = MemoryMarshal.Cast<double, Vector<double>>(b);
            var vt = MemoryMarshal.Cast<double, Vector<double>>(target);
            for (var v = 0; v < vt.Length; v++)
            {
                vt[v] += (va[v] + vb[v]) * w;
            }
            i = vt.Length * Vector<double>.Count;
        }
        for (; i < target.Length; i++)
        {
            target[i] += (a[i] + b[i]) * weight;
        }
    }
}
