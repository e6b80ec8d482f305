using RootSeg.Imaging.Geometry;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Segmentation.Inference;

/// <summary>
/// Stitching as the reference code of Smith et al. 2020, "Segmentation of roots in soil with U-Net", Plant Methods
/// 16:13 (doi:10.1186/s13007-020-00563-0) does it: each tile's output square is written whole, in grid order, so where
/// the last row or column (moved back to the image edge) overlaps its neighbour, the later tile wins. Because group
/// normalisation takes its statistics per tile, the two tiles differ there, and only this rule reproduces the
/// paper's masks. Each pixel is owned by exactly one tile: the last one whose output square covers it.
/// </summary>
public static class PaperStitching
{
    /// <summary>The rectangle of the image that <paramref name="tile"/> writes: its output square up to the next tile.</summary>
    /// <param name="grid">The grid.</param>
    /// <param name="tile">A tile of <paramref name="grid"/>.</param>
    /// <returns>Left column, top row, width and height, all inside the image.</returns>
    public static (int X, int Y, int Width, int Height) OwnedRegion(TileGrid grid, Tile tile)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var (x, width) = Span(grid.ColumnPositions, tile.Column, grid.Width);
        var (y, height) = Span(grid.RowPositions, tile.Row, grid.Height);
        return (x, y, width, height);
    }

    /// <summary>Writes the part of a tile's output square that the tile owns into the whole-image result.</summary>
    /// <param name="destination">The result, the grid's size, single channel.</param>
    /// <param name="grid">The grid.</param>
    /// <param name="tile">A tile of <paramref name="grid"/>.</param>
    /// <param name="output">The tile's output square, single channel; only read.</param>
    /// <exception cref="ArgumentException">A raster has the wrong size or channels.</exception>
    public static void Stitch(Raster<float> destination, TileGrid grid, Tile tile, Raster<float> output)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(output);
        if (destination.Width != grid.Width || destination.Height != grid.Height || destination.Channels != 1)
        {
            throw new ArgumentException(
                $"destination is {destination.Width}x{destination.Height}x{destination.Channels}, expected {grid.Width}x{grid.Height}x1",
                nameof(destination));
        }
        if (output.Width != grid.OutputSize || output.Height != grid.OutputSize || output.Channels != 1)
        {
            throw new ArgumentException(
                $"tile output is {output.Width}x{output.Height}x{output.Channels}, expected {grid.OutputSize}x{grid.OutputSize}x1",
                nameof(output));
        }
        var (x, y, width, height) = OwnedRegion(grid, tile);
        for (var row = 0; row < height; row++)
        {
            output.Row(y - tile.Y + row).Slice(x - tile.X, width).CopyTo(destination.Row(y + row).Slice(x, width));
        }
    }

    private static (int Start, int Length) Span(IReadOnlyList<int> positions, int index, int size)
    {
        var start = positions[index];
        var end = index + 1 < positions.Count ? positions[index + 1] : size;
        return (start, Math.Min(end, size) - start);
    }
}
