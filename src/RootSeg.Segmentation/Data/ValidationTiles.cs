namespace RootSeg.Segmentation.Data;

/// <summary>
/// The tiles that cover a validation image completely (Smith et al. 2020, doi:10.1186/s13007-020-00563-0: validation
/// uses every tile): centres at x = 0, S, 2S, ... for ceil(W / S) - 1 columns, plus a last column aligned to the right
/// edge at W - S (S the output size), likewise for rows; every combination, column-major as in the reference code.
/// </summary>
public static class ValidationTiles
{
    /// <summary>The windows covering one image.</summary>
    /// <param name="imageIndex">Index stored in each window.</param>
    /// <param name="width">Image width, at least the output size.</param>
    /// <param name="height">Image height, at least the output size.</param>
    /// <param name="geometry">Tile sizes.</param>
    /// <returns>For each x in order, each y in order: the window (centres in image coordinates).</returns>
    /// <exception cref="ArgumentOutOfRangeException">The image is smaller than the output tile.</exception>
    public static IReadOnlyList<TileWindow> For(int imageIndex, int width, int height, TileGeometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        ArgumentOutOfRangeException.ThrowIfNegative(imageIndex);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, geometry.OutputSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, geometry.OutputSize);
        var xs = Positions(width, geometry.OutputSize);
        var ys = Positions(height, geometry.OutputSize);
        var windows = new List<TileWindow>(xs.Count * ys.Count);
        foreach (var x in xs)
        {
            foreach (var y in ys)
            {
                windows.Add(new TileWindow(imageIndex, x, y));
            }
        }
        return windows;
    }

    /// <summary>The windows covering every image of a list, image by image.</summary>
    public static IReadOnlyList<TileWindow> For(IReadOnlyList<TrainingImage> images, TileGeometry geometry)
    {
        ArgumentNullException.ThrowIfNull(images);
        var windows = new List<TileWindow>();
        for (var i = 0; i < images.Count; i++)
        {
            windows.AddRange(For(i, images[i].Width, images[i].Height, geometry));
        }
        return windows;
    }

    private static List<int> Positions(int length, int output)
    {
        var count = (length + output - 1) / output;
        var positions = new List<int>(count);
        for (var k = 0; k < count - 1; k++)
        {
            positions.Add(k * output);
        }
        positions.Add(length - output);
        return positions;
    }
}
