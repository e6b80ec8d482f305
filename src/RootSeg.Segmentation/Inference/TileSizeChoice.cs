namespace RootSeg.Segmentation.Inference;

/// <summary>
/// Chooses the input tile side for one image. A valid-convolution network spends the border of every tile on
/// context that it does not output (184 pixels of each 572 in the U-Net of Smith et al. 2020,
/// doi:10.1186/s13007-020-00563-0), and the paper's grid moves the last row and column back to the edge, computing
/// some pixels twice; larger tiles waste less. The cost of one tile grows with its input area, so the choice
/// minimises tiles x side^2 over the valid sides in a range, preferring the smaller side on ties (less memory).
/// </summary>
public static class TileSizeChoice
{
    /// <summary>The side with the least total input area for a <paramref name="width"/> x <paramref name="height"/> image.</summary>
    /// <param name="width">Image columns, at least 1.</param>
    /// <param name="height">Image rows, at least 1.</param>
    /// <param name="network">The network (its shrink and valid sizes).</param>
    /// <param name="min">Smallest side considered, at least <c>Shrink + 1</c>.</param>
    /// <param name="max">Largest side considered, at least <paramref name="min"/>.</param>
    /// <returns>A valid side in [<paramref name="min"/>, <paramref name="max"/>].</returns>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range, or no valid side lies in the range.</exception>
    public static int Choose(int width, int height, InferenceNetwork network, int min, int max)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(min, network.Shrink + 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, min);
        var best = 0;
        var bestCost = double.PositiveInfinity;
        for (var side = min; side <= max; side++)
        {
            if (!network.IsValidTile(side))
            {
                continue;
            }
            var cost = Cost(width, height, side, network.Shrink);
            if (cost < bestCost)
            {
                best = side;
                bestCost = cost;
            }
        }
        return best > 0
            ? best
            : throw new ArgumentOutOfRangeException(nameof(max), max, $"no valid tile side lies in [{min}, {max}]");
    }

    /// <summary>Total input pixels of the paper's grid for one image and tile side.</summary>
    /// <param name="width">Image columns, at least 1.</param>
    /// <param name="height">Image rows, at least 1.</param>
    /// <param name="side">Input tile side.</param>
    /// <param name="shrink">Input side minus output side, less than <paramref name="side"/>.</param>
    public static double Cost(int width, int height, int side, int shrink)
    {
        var output = side - shrink;
        ArgumentOutOfRangeException.ThrowIfLessThan(output, 1, nameof(side));
        var columns = Math.Max(1, (width + output - 1) / output);
        var rows = Math.Max(1, (height + output - 1) / output);
        return (double)columns * rows * side * side;
    }
}
