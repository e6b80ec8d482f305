using RootSeg.Imaging.Rasters;

namespace RootSeg.Imaging.Geometry;

/// <summary>
/// The tiles that cover an image for a valid-convolution network whose <c>inputSize</c> square input yields the
/// centred <c>outputSize</c> square output (572 in, 388 out for the U-Net of Smith et al. 2020,
/// doi:10.1186/s13007-020-00563-0, after Ronneberger et al. 2015, doi:10.1007/978-3-319-24574-4_28).
/// </summary>
/// <remarks>
/// The image is mirror-padded (numpy 'reflect') by the margin <c>(inputSize - outputSize) / 2</c> on every side,
/// plus whatever the output square lacks where the image is smaller than it. Without overlap the output squares
/// step by <c>outputSize</c> and the last row and column are moved back to end at the image edge, as in the paper.
/// With an overlap fraction the steps are spread evenly, as nnU-Net does (Isensee et al. 2021,
/// doi:10.1038/s41592-020-01008-z). Each image pixel is owned by exactly one tile: where two neighbouring output
/// squares overlap, the boundary is the middle of the overlap (rounded down), so stitching is deterministic and
/// independent of the order tiles arrive in.
/// </remarks>
public sealed class TileGrid
{
    private TileGrid(int width, int height, int inputSize, int outputSize, int[] columns, int[] rows)
    {
        Width = width;
        Height = height;
        InputSize = inputSize;
        OutputSize = outputSize;
        Margin = (inputSize - outputSize) / 2;
        PadRight = Margin + Math.Max(0, outputSize - width);
        PadBottom = Margin + Math.Max(0, outputSize - height);
        ColumnPositions = columns;
        RowPositions = rows;
        var columnOwned = Owned(columns, outputSize, width);
        var rowOwned = Owned(rows, outputSize, height);
        var tiles = new Tile[rows.Length * columns.Length];
        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < columns.Length; c++)
            {
                tiles[r * columns.Length + c] = new Tile(r, c, columns[c], rows[r],
                    columnOwned[c].Start, rowOwned[r].Start, columnOwned[c].Length, rowOwned[r].Length);
            }
        }
        Tiles = tiles;
    }

    /// <summary>Image columns.</summary>
    public int Width { get; }

    /// <summary>Image rows.</summary>
    public int Height { get; }

    /// <summary>Side of the network's input square.</summary>
    public int InputSize { get; }

    /// <summary>Side of the network's output square.</summary>
    public int OutputSize { get; }

    /// <summary>Mirror padding on the top and left: <c>(InputSize - OutputSize) / 2</c>.</summary>
    public int Margin { get; }

    /// <summary>Mirror padding on the right.</summary>
    public int PadRight { get; }

    /// <summary>Mirror padding at the bottom.</summary>
    public int PadBottom { get; }

    /// <summary>Left columns of the output squares, ascending.</summary>
    public IReadOnlyList<int> ColumnPositions { get; }

    /// <summary>Top rows of the output squares, ascending.</summary>
    public IReadOnlyList<int> RowPositions { get; }

    /// <summary>All tiles, row by row.</summary>
    public IReadOnlyList<Tile> Tiles { get; }

    /// <summary>
    /// The paper's grid: output squares step by <paramref name="outputSize"/>, last row and column aligned to the
    /// image edge.
    /// </summary>
    /// <param name="width">Image columns, at least 1.</param>
    /// <param name="height">Image rows, at least 1.</param>
    /// <param name="inputSize">Network input side, at least <paramref name="outputSize"/>, with an even difference.</param>
    /// <param name="outputSize">Network output side, at least 1.</param>
    /// <returns>The grid.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range.</exception>
    /// <exception cref="ArgumentException">The sizes differ by an odd number.</exception>
    public static TileGrid Create(int width, int height, int inputSize, int outputSize)
    {
        Validate(width, height, inputSize, outputSize);
        return new TileGrid(width, height, inputSize, outputSize,
            SteppedPositions(width, outputSize), SteppedPositions(height, outputSize));
    }

    /// <summary>
    /// A grid whose neighbouring output squares overlap by about <paramref name="overlap"/> of their side, spread
    /// evenly so that the first starts at 0 and the last ends at the image edge (nnU-Net's sliding window).
    /// </summary>
    /// <param name="width">Image columns, at least 1.</param>
    /// <param name="height">Image rows, at least 1.</param>
    /// <param name="inputSize">Network input side, at least <paramref name="outputSize"/>, with an even difference.</param>
    /// <param name="outputSize">Network output side, at least 1.</param>
    /// <param name="overlap">Wanted overlap as a fraction of <paramref name="outputSize"/>, in [0, 1).</param>
    /// <returns>The grid.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size or the overlap is out of range.</exception>
    /// <exception cref="ArgumentException">The sizes differ by an odd number.</exception>
    public static TileGrid CreateOverlapping(int width, int height, int inputSize, int outputSize, double overlap)
    {
        Validate(width, height, inputSize, outputSize);
        if (!(overlap >= 0 && overlap < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(overlap), overlap, "overlap must be in [0, 1)");
        }
        return new TileGrid(width, height, inputSize, outputSize,
            EvenPositions(width, outputSize, overlap), EvenPositions(height, outputSize, overlap));
    }

    /// <summary>Mirror-pads an image of this grid's size so that every tile's input square lies inside it.</summary>
    /// <param name="image">An image of <see cref="Width"/> x <see cref="Height"/>; not modified.</param>
    /// <returns>A new padded raster; the caller owns it.</returns>
    /// <exception cref="ArgumentException">The image size differs from the grid's.</exception>
    public Raster<T> Pad<T>(Raster<T> image) where T : unmanaged
    {
        CheckSize(image.Width, image.Height, nameof(image));
        return ReflectPadding.Pad(image, Margin, PadBottom, Margin, PadRight);
    }

    /// <summary>Copies a tile's input square out of the padded image made by <see cref="Pad{T}"/>.</summary>
    /// <param name="padded">The padded image.</param>
    /// <param name="tile">A tile of this grid.</param>
    /// <returns>A new <see cref="InputSize"/> square raster; the caller owns it.</returns>
    public Raster<T> CutInput<T>(Raster<T> padded, Tile tile) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(padded);
        if (padded.Width != Width + Margin + PadRight || padded.Height != Height + Margin + PadBottom)
        {
            throw new ArgumentException(
                $"padded image is {padded.Width}x{padded.Height}, expected " +
                $"{Width + Margin + PadRight}x{Height + Margin + PadBottom}", nameof(padded));
        }
        return Crop.Apply(padded, tile.X, tile.Y, InputSize, InputSize);
    }

    /// <summary>Writes the owned part of a tile's output square into the whole-image result.</summary>
    /// <param name="destination">The result, <see cref="Width"/> x <see cref="Height"/>, same channels as the tile.</param>
    /// <param name="tile">A tile of this grid.</param>
    /// <param name="output">The tile's output square, <see cref="OutputSize"/> on a side; not modified.</param>
    /// <exception cref="ArgumentException">A raster has the wrong size or channels.</exception>
    public void Stitch<T>(Raster<T> destination, Tile tile, Raster<T> output) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(output);
        CheckSize(destination.Width, destination.Height, nameof(destination));
        if (output.Width != OutputSize || output.Height != OutputSize)
        {
            throw new ArgumentException(
                $"tile output is {output.Width}x{output.Height}, expected {OutputSize}x{OutputSize}", nameof(output));
        }
        if (output.Channels != destination.Channels)
        {
            throw new ArgumentException(
                $"tile output has {output.Channels} channels, destination {destination.Channels}", nameof(output));
        }
        var channels = output.Channels;
        var dx = tile.OwnedX - tile.X;
        for (var row = 0; row < tile.OwnedHeight; row++)
        {
            output.Row(tile.OwnedY - tile.Y + row).Slice(dx * channels, tile.OwnedWidth * channels)
                .CopyTo(destination.Row(tile.OwnedY + row).Slice(tile.OwnedX * channels));
        }
    }

    private void CheckSize(int width, int height, string argument)
    {
        if (width != Width || height != Height)
        {
            throw new ArgumentException($"{argument} is {width}x{height}, the grid is {Width}x{Height}", argument);
        }
    }

    private static void Validate(int width, int height, int inputSize, int outputSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputSize, outputSize);
        if ((inputSize - outputSize) % 2 != 0)
        {
            throw new ArgumentException(
                $"input size {inputSize} and output size {outputSize} must differ by an even number", nameof(inputSize));
        }
    }

    private static int[] SteppedPositions(int size, int tile)
    {
        var positions = new List<int> { 0 };
        while (positions[^1] + tile < size)
        {
            positions.Add(Math.Min(positions[^1] + tile, size - tile));
        }
        return positions.ToArray();
    }

    private static int[] EvenPositions(int size, int tile, double overlap)
    {
        if (size <= tile)
        {
            return [0];
        }
        var step = Math.Max(1.0, tile * (1 - overlap));
        var count = (int)Math.Ceiling((size - tile) / step) + 1;
        var actual = (double)(size - tile) / (count - 1);
        var positions = new int[count];
        for (var i = 0; i < count; i++)
        {
            positions[i] = (int)Math.Round(actual * i, MidpointRounding.AwayFromZero);
        }
        return positions;
    }

    private static (int Start, int Length)[] Owned(int[] positions, int tile, int size)
    {
        var owned = new (int Start, int Length)[positions.Length];
        var start = 0;
        for (var i = 0; i < positions.Length; i++)
        {
            var end = i + 1 < positions.Length
                ? Math.Clamp((positions[i] + tile + positions[i + 1]) / 2, positions[i + 1], positions[i] + tile)
                : size;
            owned[i] = (start, end - start);
            start = end;
        }
        return owned;
    }
}
