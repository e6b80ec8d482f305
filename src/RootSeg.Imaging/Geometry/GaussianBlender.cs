using RootSeg.Imaging.Rasters;

namespace RootSeg.Imaging.Geometry;

/// <summary>
/// Blends overlapping tile outputs with Gaussian importance weights, as nnU-Net does (Isensee et al. 2021,
/// doi:10.1038/s41592-020-01008-z): each output square is weighted by a Gaussian centred on it with sigma 1/8 of
/// its side, and the sum is divided by the accumulated weight, so that pixels near tile borders (least context)
/// count least.
/// </summary>
/// <remarks>
/// Holds two <c>width x height x channels</c> float buffers (weighted sum and weight), which it owns and frees on
/// <see cref="Dispose"/>. Tiles may arrive in any order; they are added one at a time (not thread-safe).
/// </remarks>
public sealed class GaussianBlender : IDisposable
{
    private readonly Raster<float> _sum;
    private readonly Raster<float> _weight;
    private readonly float[] _tileWeights;

    /// <summary>Starts an empty blend.</summary>
    /// <param name="grid">The grid whose tiles will be added; its output size sets the weight map.</param>
    /// <param name="channels">Channels of each tile output, 1 to 4.</param>
    public GaussianBlender(TileGrid grid, int channels = 1)
    {
        ArgumentNullException.ThrowIfNull(grid);
        Grid = grid;
        _sum = new Raster<float>(grid.Width, grid.Height, channels);
        _weight = new Raster<float>(grid.Width, grid.Height);
        _tileWeights = Weights(grid.OutputSize);
    }

    /// <summary>The grid this blend covers.</summary>
    public TileGrid Grid { get; }

    /// <summary>
    /// The importance map for a square tile: <c>exp(-((x - c)^2 + (y - c)^2) / (2 sigma^2))</c> with
    /// <c>c = (size - 1) / 2</c> and <c>sigma = size / 8</c>, scaled to a maximum of 1. The corners, 4 sigma from the
    /// centre on each axis, still weigh about 1e-7, so no pixel of a tile weighs zero (nnU-Net has to patch zeros
    /// because it blurs a delta image; the closed form has none).
    /// </summary>
    /// <param name="size">Tile side, at least 1.</param>
    /// <returns>A new <c>size x size</c> row-major array.</returns>
    public static float[] Weights(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var sigma = size / 8.0;
        var centre = (size - 1) / 2.0;
        var axis = new double[size];
        for (var i = 0; i < size; i++)
        {
            var d = (i - centre) / sigma;
            axis[i] = Math.Exp(-0.5 * d * d);
        }
        var peak = axis[size / 2] * axis[size / 2];
        var weights = new float[size * size];
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                weights[y * size + x] = (float)(axis[y] * axis[x] / peak);
            }
        }
        return weights;
    }

    /// <summary>Adds one tile's whole output square, weighted, clipped to the image.</summary>
    /// <param name="tile">A tile of <see cref="Grid"/>.</param>
    /// <param name="output">The tile's output square; not modified.</param>
    /// <exception cref="ArgumentException">The output has the wrong size or channels.</exception>
    public void Add(Tile tile, Raster<float> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var size = Grid.OutputSize;
        if (output.Width != size || output.Height != size || output.Channels != _sum.Channels)
        {
            throw new ArgumentException(
                $"tile output is {output.Width}x{output.Height}x{output.Channels}, expected {size}x{size}x{_sum.Channels}",
                nameof(output));
        }
        var channels = _sum.Channels;
        var columns = Math.Min(size, Grid.Width - tile.X);
        var rows = Math.Min(size, Grid.Height - tile.Y);
        for (var row = 0; row < rows; row++)
        {
            var source = output.Row(row);
            var sum = _sum.Row(tile.Y + row).Slice(tile.X * channels, columns * channels);
            var weight = _weight.Row(tile.Y + row).Slice(tile.X, columns);
            var tileWeights = _tileWeights.AsSpan(row * size, columns);
            for (var x = 0; x < columns; x++)
            {
                var w = tileWeights[x];
                weight[x] += w;
                for (var c = 0; c < channels; c++)
                {
                    sum[x * channels + c] += w * source[x * channels + c];
                }
            }
        }
    }

    /// <summary>The blend so far: weighted sum over accumulated weight (0 where no tile has been added).</summary>
    /// <returns>A new <c>width x height</c> raster; the caller owns it.</returns>
    public Raster<float> Result()
    {
        var channels = _sum.Channels;
        var result = new Raster<float>(Grid.Width, Grid.Height, channels);
        for (var y = 0; y < Grid.Height; y++)
        {
            var sum = _sum.Row(y);
            var weight = _weight.Row(y);
            var target = result.Row(y);
            for (var x = 0; x < Grid.Width; x++)
            {
                if (weight[x] > 0)
                {
                    for (var c = 0; c < channels; c++)
                    {
                        target[x * channels + c] = sum[x * channels + c] / weight[x];
                    }
                }
            }
        }
        return result;
    }

    /// <summary>Frees the buffers.</summary>
    public void Dispose()
    {
        _sum.Dispose();
        _weight.Dispose();
    }
}
