using RootSeg.Imaging.Randomness;
using System.Buffers;
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
/// inside the crop is kept. Its two coordinate arrays (5 MB for a 572 tile) are rented from
/// <see cref="ArrayPool{T}.Shared"/> and go back on <see cref="Dispose"/>, so that training does not leave one pair
/// per tile to the large-object heap.</remarks>
public sealed class ElasticMap : IDisposable
{
    private double[]? _rows;
    private double[]? _cols;

    private ElasticMap(int height, int width, int padding, double[] rows, double[] cols)
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
    public ReadOnlySpan<double> Rows => Live(_rows).AsSpan(0, Height * Width);

    /// <summary>Column coordinates in the padded tile, row-major Height x Width.</summary>
    /// <exception cref="ObjectDisposedException">The map was disposed.</exception>
    public ReadOnlySpan<double> Cols => Live(_cols).AsSpan(0, Height * Width);

    /// <summary>Returns the coordinate arrays to the pool; the spans must not be used afterwards.</summary>
    public void Dispose()
    {
        foreach (var array in new[] { _rows, _cols })
        {
            if (array is not null)
            {
                ArrayPool<double>.Shared.Return(array);
            }
        }
        (_rows, _cols) = (null, null);
    }

    private static double[] Live(double[]? array) => array ?? throw new ObjectDisposedException(nameof(ElasticMap));

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
        var noiseRows = ArrayPool<double>.Shared.Rent(length);
        var noiseCols = ArrayPool<double>.Shared.Rent(length);
        try
        {
            for (var i = 0; i < length; i++)
            {
                noiseRows[i] = random.NextDouble(-1.0, 1.0);
            }
            for (var i = 0; i < length; i++)
            {
                noiseCols[i] = random.NextDouble(-1.0, 1.0);
            }
            return FromNoise(height, width, padding, noiseRows.AsSpan(0, length), noiseCols.AsSpan(0, length), sigma,
                alpha);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(noiseRows);
            ArrayPool<double>.Shared.Return(noiseCols);
        }
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
    private static double[] Displace(ReadOnlySpan<double> noise, int paddedHeight, int paddedWidth, int padding,
        int height, int width, double[] kernel, double alpha, bool alongRows)
    {
        // Two padded-size scratch fields per map would otherwise land on the large-object heap for every tile.
        var smoothed = ArrayPool<double>.Shared.Rent(noise.Length);
        var final = ArrayPool<double>.Shared.Rent(noise.Length);
        try
        {
            var smoothedSpan = smoothed.AsSpan(0, noise.Length);
            var finalSpan = final.AsSpan(0, noise.Length);
            GaussianFilter.FilterAlongRows(noise, smoothedSpan, paddedHeight, paddedWidth, kernel, padding,
                padding + height);
            GaussianFilter.FilterAlongColumns(smoothedSpan, finalSpan, paddedHeight, paddedWidth, kernel, padding,
                padding + height, padding, padding + width);
            var map = ArrayPool<double>.Shared.Rent(height * width);
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    var grid = alongRows ? y + padding : x + padding;
                    map[y * width + x] = grid + finalSpan[(y + padding) * paddedWidth + x + padding] * alpha;
                }
            }
            return map;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(smoothed);
            ArrayPool<double>.Shared.Return(final);
        }
    }
}
