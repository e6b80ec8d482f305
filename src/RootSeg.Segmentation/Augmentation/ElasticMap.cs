using RootSeg.Imaging.Randomness;
using RootSeg.Segmentation.Data;

namespace RootSeg.Segmentation.Augmentation;

/// <summary>
/// An elastic deformation map (Simard et al. 2003, "Best practices for convolutional neural networks applied to
/// visual document analysis", ICDAR, doi:10.1109/ICDAR.2003.1227801), as Smith et al. 2020
/// (doi:10.1186/s13007-020-00563-0) use it: two fields of U(-1, 1) noise over the tile padded by
/// <see cref="Padding"/>, each smoothed by a Gaussian of standard deviation sigma and scaled by alpha, added to the
/// pixel grid. For each output pixel the map holds the (row, column) to sample in the padded tile.
/// </summary>
/// <remarks>The whole padded field is drawn and filtered (so the edges match the reference), but only the map
/// inside the crop is kept. Its two coordinate arrays (5 MB for a 572 tile) are rented from the shared array pool
/// and go back on <see cref="Dispose"/>, so that training does not leave one pair per tile to the large-object
/// heap.</remarks>
public sealed class ElasticMap : IDisposable
{
    private readonly PooledBuffer<double> _rows;
    private readonly PooledBuffer<double> _cols;

    private ElasticMap(int height, int width, int padding, PooledBuffer<double> rows, PooledBuffer<double> cols)
    {
        Height = height;
        Width = width;
        Padding = padding;
        _rows = rows;
        _cols = cols;
    }

    /// <summary>Output rows (the tile's height).</summary>
    public int Height { get; }

    /// <summary>Output columns (the tile's width).</summary>
    public int Width { get; }

    /// <summary>Mirror padding around the tile during resampling (60 in the reference code).</summary>
    public int Padding { get; }

    /// <summary>Row coordinates in the padded tile, row-major Height x Width.</summary>
    /// <exception cref="ObjectDisposedException">The map was disposed.</exception>
    public ReadOnlySpan<double> Rows => _rows.Span;

    /// <summary>Column coordinates in the padded tile, row-major Height x Width.</summary>
    /// <exception cref="ObjectDisposedException">The map was disposed.</exception>
    public ReadOnlySpan<double> Cols => _cols.Span;

    /// <summary>Returns the coordinate arrays to the pool; the spans must not be used afterwards.</summary>
    public void Dispose()
    {
        _rows.Dispose();
        _cols.Dispose();
    }

    /// <summary>Draws a map: all of the row field's noise, then all of the column field's, row-major.</summary>
    /// <param name="height">Tile rows, at least 1.</param>
    /// <param name="width">Tile columns, at least 1.</param>
    /// <param name="alpha">Displacement scale in pixels, at least 0 (0 gives the identity).</param>
    /// <param name="sigma">Smoothing standard deviation in pixels, positive.</param>
    /// <param name="random">The generator to draw from.</param>
    /// <param name="padding">Mirror padding on each side, at least 0.</param>
    public static ElasticMap Create(int height, int width, double alpha, double sigma, SeededRandom random,
        int padding = 60)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        var length = checked((height + 2 * padding) * (width + 2 * padding));
        using var noiseRows = new PooledBuffer<double>(length);
        using var noiseCols = new PooledBuffer<double>(length);
        foreach (var noise in new[] { noiseRows, noiseCols })
        {
            var values = noise.Span;
            for (var i = 0; i < length; i++)
            {
                values[i] = random.NextDouble(-1.0, 1.0);
            }
        }
        return FromNoise(height, width, padding, noiseRows.Span, noiseCols.Span, sigma, alpha);
    }

    /// <summary>Builds the map from given noise fields of the padded shape (row-major).</summary>
    /// <param name="height">Tile rows.</param>
    /// <param name="width">Tile columns.</param>
    /// <param name="padding">Mirror padding on each side.</param>
    /// <param name="noiseRows">(height + 2 padding) x (width + 2 padding) values displacing rows.</param>
    /// <param name="noiseCols">Same shape, displacing columns.</param>
    /// <param name="sigma">Smoothing standard deviation, positive.</param>
    /// <param name="alpha">Displacement scale, finite and at least 0.</param>
    public static ElasticMap FromNoise(int height, int width, int padding, ReadOnlySpan<double> noiseRows,
        ReadOnlySpan<double> noiseCols, double sigma, double alpha)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        if (!(alpha >= 0) || !double.IsFinite(alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be finite and at least 0");
        }
        var paddedHeight = height + 2 * padding;
        var paddedWidth = width + 2 * padding;
        var length = paddedHeight * paddedWidth;
        if (noiseRows.Length != length)
        {
            throw new ArgumentException($"noiseRows holds {noiseRows.Length} values, not {paddedHeight}x{paddedWidth}",
                nameof(noiseRows));
        }
        if (noiseCols.Length != length)
        {
            throw new ArgumentException($"noiseCols holds {noiseCols.Length} values, not {paddedHeight}x{paddedWidth}",
                nameof(noiseCols));
        }
        var kernel = GaussianFilter.HalfKernel(sigma);
        var rows = Displace(noiseRows, paddedHeight, paddedWidth, padding, height, width, kernel, alpha, true);
        var cols = Displace(noiseCols, paddedHeight, paddedWidth, padding, height, width, kernel, alpha, false);
        return new ElasticMap(height, width, padding, rows, cols);
    }

    /// <summary>grid + gaussian_filter(noise) x alpha over the crop, filtering only what the crop needs.</summary>
    private static PooledBuffer<double> Displace(ReadOnlySpan<double> noise, int paddedHeight, int paddedWidth,
        int padding, int height, int width, double[] kernel, double alpha, bool alongRows)
    {
        using var smoothed = new PooledBuffer<double>(noise.Length);
        using var final = new PooledBuffer<double>(noise.Length);
        GaussianFilter.FilterAlongRows(noise, smoothed.Span, paddedHeight, paddedWidth, kernel, padding,
            padding + height);
        GaussianFilter.FilterAlongColumns(smoothed.Span, final.Span, paddedHeight, paddedWidth, kernel, padding,
            padding + height, padding, padding + width);
        var filtered = final.Span;
        var map = new PooledBuffer<double>(height * width);
        var coordinates = map.Span;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var grid = alongRows ? y + padding : x + padding;
                coordinates[y * width + x] = grid + filtered[(y + padding) * paddedWidth + x + padding] * alpha;
            }
        }
        return map;
    }
}
