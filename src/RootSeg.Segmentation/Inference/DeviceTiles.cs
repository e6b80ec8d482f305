using RootSeg.Imaging.Rasters;
using RootSeg.Segmentation.Models;
using RootSeg.Torch;

namespace RootSeg.Segmentation.Inference;

/// <summary>
/// Cuts and normalises a photo's tiles on the network's device: the mirror-padded photo goes to the device once as
/// 8-bit RGB (a twelfth of the bytes of its float tiles, which overlap), and each batch is sliced, scaled per tile as
/// <see cref="TileNormalisation"/> does (minimum and maximum over the tile's three channels, (v - min) / (max - min)
/// - 0.5 in float32; clamp(v, 0, 1) - 0.5 for a constant tile) and laid out as (N, 3, s, s) there. These are the
/// same float32 operations as on the host, so the values are the same; on a GPU it spares the host the normalisation
/// of every tile and the upload of its floats.
/// </summary>
internal static class DeviceTiles
{
    /// <summary>Copies <paramref name="padded"/> (8-bit RGB, only read) to <paramref name="device"/> as (H, W, 3) bytes.</summary>
    /// <returns>A tensor in the current <see cref="TensorScope"/>.</returns>
    /// <exception cref="ArgumentException">The image is not RGB.</exception>
    public static Tensor Upload(Raster<byte> padded, Device device)
    {
        ArgumentNullException.ThrowIfNull(padded);
        if (padded.Channels != 3)
        {
            throw new ArgumentException($"the image has {padded.Channels} channels, not 3 (RGB)", nameof(padded));
        }
        var rows = Tensor.FromSpan<byte>(padded.Data, [padded.Height, padded.Stride], device);
        return rows.Narrow(1, 0, padded.Width * 3L).Reshape(padded.Height, padded.Width, 3);
    }

    /// <summary>The normalised tiles of <paramref name="image"/> at <paramref name="corners"/>, as (N, 3, size, size) float32.</summary>
    /// <param name="image">The padded photo from <see cref="Upload"/>.</param>
    /// <param name="corners">Tile corners (column, row) inside the padded photo.</param>
    /// <param name="size">Tile side.</param>
    /// <returns>A tensor in the current <see cref="TensorScope"/>, on the image's device.</returns>
    public static Tensor Batch(Tensor image, IReadOnlyList<(int X, int Y)> corners, int size)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(corners);
        using var scope = TensorScope.Enter();
        var tiles = corners.Select(c => image.Narrow(0, c.Y, size).Narrow(1, c.X, size)).ToList();
        var values = Functional.Stack(tiles).To(ScalarType.Float32);
        long[] tileDims = [1, 2, 3];
        var min = values.Min(tileDims, keepDim: true);
        var range = values.Max(tileDims, keepDim: true).Sub(min);
        var scaled = Tensor.Where(range.Gt(0), values.Sub(min).Div(range), values.Clamp(0, 1));
        return scope.Keep(scaled.Sub(0.5).Permute(0, 3, 1, 2).Contiguous());
    }
}
