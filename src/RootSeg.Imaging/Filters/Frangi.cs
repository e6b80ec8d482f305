using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Imaging.Filters;

/// <summary>
/// The Frangi multi-scale vesselness filter (Frangi et al. 1998, "Multiscale vessel enhancement filtering",
/// doi:10.1007/BFb0056195) computed as scikit-image 0.19.3's <c>skimage.filters.frangi</c> does for 2-D images,
/// with its default <c>mode='reflect'</c> or, with <see cref="FrangiBorder.Constant"/>, with the constant border of
/// scikit-image's <c>hessian_matrix</c> that the Frangi filter of Smith et al. 2020 (doi:10.1186/s13007-020-00563-0)
/// uses.
/// </summary>
/// <remarks>
/// For each sigma, following scikit-image 0.19.3 step by step:
/// the image is inverted when looking for black ridges (<c>1 - image</c>; only the Hessian's sign changes);
/// smoothed with scipy's Gaussian (truncate 4, 'reflect' = edge sample repeated, or 'constant' = a fixed value beyond
/// the edges, <see cref="FrangiOptions.Border"/>); differentiated twice with
/// <c>numpy.gradient</c> (central differences, one-sided at the edges: the Hessian is the gradient of the
/// gradient, a 5-point stencil); scaled by sigma^2; its eigenvalues <c>l1 &gt;= l2</c> sorted by absolute value
/// (ties keep <c>l1</c> first) into <c>lambda1, lambda2</c> with <c>|lambda1| &lt;= |lambda2|</c>. Then
/// <c>Rb = (lambda1 / |lambda2|)^2</c> (a zero denominator replaced by 1e-10), <c>S^2 = l1^2 + l2^2</c>, and
/// <c>V = exp(-Rb / (2 beta^2)) (1 - exp(-S^2 / (2 gamma^2)))</c> (Frangi's equation 15; the plate term is 1 in
/// 2-D, so alpha has no effect), set to 0 where <c>lambda2 &gt; 0</c>. The result is the maximum over sigmas.
/// <para>
/// Everything runs in float64, as scikit-image does for float64 and integer images, over bands of rows in
/// parallel with System.Numerics vectors. Each band does all the work of one sigma (smoothing, both differences,
/// the per-pixel terms) on its own rows before the next, so its buffers are still near the core when read again;
/// bands are long enough that the context rows smoothed twice (at both edges of a band) stay a modest share.
/// Memory beyond the input and output is a band's rows per thread, whatever the image height. Against
/// scikit-image the result agrees to 1e-6 of its maximum on the tests' images (float32 input and output are the only
/// roundings); on a real photo, where the default gamma makes every value tiny, pixels whose lambda2 is within
/// rounding of 0 can fall on either side of the cut to 0, which the imaging benchmark measures at about 2e-6.
/// </para>
/// </remarks>
public static class Frangi
{
    /// <summary>Rows per band: short enough to keep a band's buffers near the core, long enough that the
    /// <c>2 (radius + 2)</c> rows of context each band smooths again (its halo) stay a modest share.</summary>
    internal const int BandRows = 64;

    /// <summary>Filters a grey image.</summary>
    /// <param name="image">Single-channel float image, at least 2x2 (numpy.gradient needs two samples per axis),
    /// usually in [0, 1] (scikit-image's <c>img_as_float</c> scale); not modified.</param>
    /// <param name="options">Parameters; null means scikit-image 0.19.3's defaults.</param>
    /// <returns>A new float32 raster of vesselness (at least 0), the same size; the caller owns it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="image"/> has more than one channel or is smaller than
    /// 2x2, or <paramref name="options"/> holds a value out of range.</exception>
    public static Raster<float> Apply(Raster<float> image, FrangiOptions? options = null) =>
        ApplyAll(image, [options ?? new FrangiOptions()])[0];

    /// <summary>
    /// Filters a grey image with several parameter sets at once, as a parameter search needs: each sigma's Hessian
    /// is computed once and folded into every set that uses that sigma (beta, gamma and the ridge colour act only
    /// on the per-pixel terms). Each result equals <see cref="Apply"/> with its own set, bit for bit.
    /// </summary>
    /// <param name="image">As for <see cref="Apply"/>.</param>
    /// <param name="options">One or more parameter sets.</param>
    /// <returns>One new raster per parameter set, in order; the caller owns them.</returns>
    /// <exception cref="ArgumentException">As for <see cref="Apply"/>, or <paramref name="options"/> is empty or its
    /// sets differ in <see cref="FrangiOptions.Border"/> or <see cref="FrangiOptions.BorderValue"/>.</exception>
    public static Raster<float>[] ApplyAll(Raster<float> image, IReadOnlyList<FrangiOptions> options)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(options);
        if (image.Channels != 1)
        {
            throw new ArgumentException($"image must have 1 channel, it has {image.Channels}", nameof(image));
        }
        if (image.Width < 2 || image.Height < 2)
        {
            throw new ArgumentException($"image must be at least 2x2, it is {image.Width}x{image.Height}", nameof(image));
        }
        if (options.Count == 0)
        {
            throw new ArgumentException("at least one parameter set is needed", nameof(options));
        }
        foreach (var set in options)
        {
            ArgumentNullException.ThrowIfNull(set, nameof(options));
            set.Validate(nameof(options));
        }
        var border = options[0].Border == FrangiBorder.Constant ? (float?)options[0].BorderValue : null;
        if (options.Any(o => o.Border != options[0].Border || (border is not null && o.BorderValue != options[0].BorderValue)))
        {
            throw new ArgumentException("all parameter sets must share one border (they share the smoothing)", nameof(options));
        }
        // Each distinct sigma once, in the order the sets first name it; each with the sets (and results) using it.
        var sigmas = options.SelectMany(o => o.Sigmas).Distinct().ToArray();
        var kernels = sigmas.Select(GaussianKernel.HalfWeights).ToArray();
        var terms = options.Select(o => new VesselTerms(o)).ToArray();
        var results = options.Select(_ => new Raster<float>(image.Width, image.Height)).ToArray();
        var targets = sigmas
            .Select(sigma => Enumerable.Range(0, options.Count).Where(i => options[i].Sigmas.Contains(sigma)).ToArray())
            .ToArray();
        var maxRadius = kernels.Max(k => k.Length - 1);
        var bands = (image.Height + BandRows - 1) / BandRows;
        // One workspace per worker; capping the workers at the core count keeps them (and the memory) bounded
        // even when the thread pool adds threads on a busy machine.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.For(0, bands, parallel, () => new Workspace(image.Width, maxRadius, border), (band, _, workspace) =>
        {
            var y0 = band * BandRows;
            var y1 = Math.Min(image.Height, y0 + BandRows);
            for (var s = 0; s < sigmas.Length; s++)
            {
                Band(image, y0, y1, kernels[s], workspace);
                FoldBand(y0, y1, image.Height, sigmas[s], targets[s].Select(i => (terms[i], results[i])).ToArray(), workspace);
            }
            return workspace;
        }, _ => { });
        return results;
    }

    /// <summary>
    /// One sigma over rows [y0, y1): smooth and take the first differences the Hessian rows need. Rows beyond the
    /// image are reflected, or are the workspace's constant row.
    /// </summary>
    private static void Band(Raster<float> image, int y0, int y1, double[] kernel, Workspace w)
    {
        var width = image.Width;
        var height = image.Height;
        var radius = kernel.Length - 1;
        // The Hessian at row y reads smoothed rows y-2..y+2, which read input rows up to radius further.
        var sy0 = Math.Max(0, y0 - 2);
        var sy1 = Math.Min(height, y1 + 2);
        var smoothedRows = sy1 - sy0;
        for (var i = 0; i < smoothedRows + 2 * radius; i++)
        {
            var row = sy0 - radius + i;
            var source = w.ConstantRow is { } constant && (uint)row >= (uint)height
                ? constant
                : image.Row(GaussianKernel.Reflect(row, height));
            Horizontal(source, kernel, w.Extended, w.Rows(w.Horizontal, i), w.Border);
        }
        for (var i = 0; i < smoothedRows; i++)
        {
            Vertical(w.Horizontal, width, i + radius, kernel, w.Rows(w.Smoothed, i));
        }
        for (var i = 0; i < smoothedRows; i++)
        {
            DiffAlongRow(w.Rows(w.Smoothed, i), w.Rows(w.ColumnGradient, i));
        }
        var gy0 = Math.Max(0, y0 - 1);
        var gy1 = Math.Min(height, y1 + 1);
        for (var y = gy0; y < gy1; y++)
        {
            DiffAcrossRows(w.Smoothed, width, y, sy0, height, w.Rows(w.RowGradient, y - gy0));
        }
    }

    /// <summary>
    /// The Hessian of each row in [y0, y1) from the band's differences (<see cref="Band"/>), scaled by sigma^2 and
    /// folded into every target's running maximum.
    /// </summary>
    private static void FoldBand(int y0, int y1, int height, double sigma,
        (VesselTerms Terms, Raster<float> Result)[] targets, Workspace w)
    {
        var width = w.Width;
        var sy0 = Math.Max(0, y0 - 2);
        var gy0 = Math.Max(0, y0 - 1);
        var scale = sigma * sigma;
        for (var y = y0; y < y1; y++)
        {
            DiffAlongRow(w.Rows(w.ColumnGradient, y - sy0), w.Hcc);
            DiffAcrossRows(w.ColumnGradient, width, y, sy0, height, w.Hrc);
            DiffAcrossRows(w.RowGradient, width, y, gy0, height, w.Hrr);
            foreach (var (terms, result) in targets)
            {
                terms.Fold(w.Hrr, w.Hrc, w.Hcc, scale, result.Row(y));
            }
        }
    }

    /// <summary>Gaussian along a row with scipy 'reflect' borders, or 'constant' ones of value
    /// <paramref name="border"/>: out[x] = sum_k w_|k| in[x + k].</summary>
    private static void Horizontal(ReadOnlySpan<float> source, double[] kernel, double[] extended, Span<double> target,
        float? border)
    {
        var width = source.Length;
        var radius = kernel.Length - 1;
        for (var i = 0; i < width; i++)
        {
            extended[radius + i] = source[i];
        }
        for (var i = 0; i < radius; i++)
        {
            extended[i] = border ?? source[GaussianKernel.Reflect(i - radius, width)];
            extended[radius + width + i] = border ?? source[GaussianKernel.Reflect(width + i, width)];
        }
        // Tap k of output x reads extended[x + radius - k] and extended[x + radius + k].
        Convolve(ref extended[radius], 1, width, kernel, ref MemoryMarshal.GetReference(target));
    }

    /// <summary>Gaussian across the buffered rows, centred on buffered row <paramref name="centre"/>.</summary>
    private static void Vertical(double[] rows, int width, int centre, double[] kernel, Span<double> target)
    {
        // Tap k reads the rows k above and below the centre: the same column, k * width samples away.
        Convolve(ref rows[centre * width], width, width, kernel, ref MemoryMarshal.GetReference(target));
    }

    /// <summary>
    /// The symmetric correlation shared by both passes: <c>target[x] = w_0 c[x] + sum_k w_k (c[x - k step] +
    /// c[x + k step])</c>, summed in scipy's order (centre first, then each pair of taps outwards).
    /// </summary>
    /// <remarks>
    /// Every sample read must lie inside the caller's buffer: the callers pad rows (horizontal) or buffer
    /// <c>radius</c> rows on each side (vertical), so the loads skip bounds checks. Two vectors at a time give the
    /// core two independent chains of adds, so it is not left waiting on one.
    /// </remarks>
    private static void Convolve(ref double centre, int step, int count, double[] kernel, ref double target)
    {
        var radius = kernel.Length - 1;
        var lanes = Vector<double>.Count;
        var x = 0;
        for (; x + 2 * lanes <= count; x += 2 * lanes)
        {
            ref var c = ref Unsafe.Add(ref centre, x);
            var low = Vector.LoadUnsafe(ref c) * kernel[0];
            var high = Vector.LoadUnsafe(ref c, (nuint)lanes) * kernel[0];
            for (var k = 1; k <= radius; k++)
            {
                ref var before = ref Unsafe.Subtract(ref c, k * step);
                ref var after = ref Unsafe.Add(ref c, k * step);
                var weight = kernel[k];
                low += (Vector.LoadUnsafe(ref before) + Vector.LoadUnsafe(ref after)) * weight;
                high += (Vector.LoadUnsafe(ref before, (nuint)lanes) + Vector.LoadUnsafe(ref after, (nuint)lanes)) * weight;
            }
            low.StoreUnsafe(ref target, (nuint)x);
            high.StoreUnsafe(ref target, (nuint)(x + lanes));
        }
        for (; x < count; x++)
        {
            ref var c = ref Unsafe.Add(ref centre, x);
            var acc = c * kernel[0];
            for (var k = 1; k <= radius; k++)
            {
                acc += (Unsafe.Subtract(ref c, k * step) + Unsafe.Add(ref c, k * step)) * kernel[k];
            }
            Unsafe.Add(ref target, x) = acc;
        }
    }

    /// <summary>numpy.gradient along a row: central differences, one-sided at both ends.</summary>
    private static void DiffAlongRow(ReadOnlySpan<double> source, Span<double> target)
    {
        var n = source.Length;
        target[0] = source[1] - source[0];
        var lanes = Vector<double>.Count;
        var x = 1;
        // Halving is exact, so multiplying by 0.5 gives numpy's (f[x+1] - f[x-1]) / 2 bit for bit.
        for (; x + lanes <= n - 1; x += lanes)
        {
            ((new Vector<double>(source[(x + 1)..]) - new Vector<double>(source[(x - 1)..])) * 0.5).CopyTo(target[x..]);
        }
        for (; x < n - 1; x++)
        {
            target[x] = (source[x + 1] - source[x - 1]) * 0.5;
        }
        target[n - 1] = source[n - 1] - source[n - 2];
    }

    /// <summary>
    /// numpy.gradient across rows at image row <paramref name="y"/>, reading rows buffered from image row
    /// <paramref name="first"/> on.
    /// </summary>
    private static void DiffAcrossRows(double[] rows, int width, int y, int first, int height, Span<double> target)
    {
        int above, below;
        double factor;
        if (y == 0)
        {
            (above, below, factor) = (0, 1, 1.0);
        }
        else if (y == height - 1)
        {
            (above, below, factor) = (y - 1, y, 1.0);
        }
        else
        {
            (above, below, factor) = (y - 1, y + 1, 0.5);
        }
        var a = rows.AsSpan((above - first) * width, width);
        var b = rows.AsSpan((below - first) * width, width);
        var lanes = Vector<double>.Count;
        var x = 0;
        for (; x + lanes <= width; x += lanes)
        {
            ((new Vector<double>(b[x..]) - new Vector<double>(a[x..])) * factor).CopyTo(target[x..]);
        }
        for (; x < width; x++)
        {
            target[x] = (b[x] - a[x]) * factor;
        }
    }

    /// <summary>Per-thread row buffers, sized for the widest kernel.</summary>
    private sealed class Workspace
    {
        public Workspace(int width, int maxRadius, float? border)
        {
            Width = width;
            Border = border;
            if (border is { } value)
            {
                ConstantRow = new float[width];
                Array.Fill(ConstantRow, value);
            }
            Extended = new double[width + 2 * maxRadius];
            Horizontal = new double[(BandRows + 4 + 2 * maxRadius) * width];
            Smoothed = new double[(BandRows + 4) * width];
            ColumnGradient = new double[(BandRows + 4) * width];
            RowGradient = new double[(BandRows + 2) * width];
            Hrr = new double[width];
            Hrc = new double[width];
            Hcc = new double[width];
        }

        public int Width { get; }

        /// <summary>The constant beyond the edges, or null for reflection.</summary>
        public float? Border { get; }

        /// <summary>A row of <see cref="Border"/> values, or null for reflection.</summary>
        public float[]? ConstantRow { get; }

        public double[] Extended { get; }

        public double[] Horizontal { get; }

        public double[] Smoothed { get; }

        public double[] ColumnGradient { get; }

        public double[] RowGradient { get; }

        public double[] Hrr { get; }

        public double[] Hrc { get; }

        public double[] Hcc { get; }

        public Span<double> Rows(double[] buffer, int row) => buffer.AsSpan(row * Width, Width);
    }
}
