using RootSeg.Imaging.Rasters;

namespace RootSeg.Segmentation.Models;

/// <summary>
/// The intensity normalisation of one network input tile, shared by training, validation and inference so that a
/// model always sees its inputs scaled the same way. Smith et al. 2020, "Segmentation of roots in soil with U-Net",
/// Plant Methods 16:13 (doi:10.1186/s13007-020-00563-0): the reference code scales every 572x572 tile on its own with
/// scikit-image's <c>rescale_intensity(tile.astype(float32), out_range=(0, 1))</c>, minimum and maximum taken over all
/// three channels together, and then subtracts 0.5; its test script does exactly the same to each tile cut from the
/// mirror-padded photo, so inference here does too.
/// </summary>
public static class TileNormalisation
{
    /// <summary>The name recorded in model descriptions for this normalisation.</summary>
    public const string Name = "minmax-per-tile-minus-0.5";

    /// <summary>
    /// Writes the normalised tile at (<paramref name="x"/>, <paramref name="y"/>) of <paramref name="image"/> into
    /// <paramref name="destination"/> as planar float32 [3, size, size] (channel-major, as the network takes it):
    /// (v - min) / (max - min) - 0.5 with min and max over the whole tile; a constant tile becomes
    /// clamp(v, 0, 1) - 0.5, as scikit-image clips when min equals max.
    /// </summary>
    /// <param name="image">An 8-bit RGB raster (3 channels), typically the mirror-padded photo; it is only read.</param>
    /// <param name="x">Left column of the tile, 0 &lt;= x &lt;= width - size.</param>
    /// <param name="y">Top row of the tile, 0 &lt;= y &lt;= height - size.</param>
    /// <param name="size">Tile side in pixels, at least 1.</param>
    /// <param name="destination">3 x size x size floats, written (owned by the caller).</param>
    /// <exception cref="ArgumentException">The image is not RGB, the tile leaves it, or the destination has the
    /// wrong length.</exception>
    public static void Apply(Raster<byte> image, int x, int y, int size, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Channels != 3)
        {
            throw new ArgumentException($"the image has {image.Channels} channels, not 3 (RGB)", nameof(image));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        if (x < 0 || x > image.Width - size)
        {
            throw new ArgumentOutOfRangeException(nameof(x), x,
                $"a {size}-pixel tile must start in [0, {image.Width - size}] of a {image.Width}-pixel-wide image");
        }
        if (y < 0 || y > image.Height - size)
        {
            throw new ArgumentOutOfRangeException(nameof(y), y,
                $"a {size}-pixel tile must start in [0, {image.Height - size}] of a {image.Height}-pixel-high image");
        }
        var plane = size * size;
        if (destination.Length != 3 * plane)
        {
            throw new ArgumentException($"destination holds {destination.Length} floats, not 3x{size}x{size}",
                nameof(destination));
        }

        byte min = 255, max = 0;
        for (var row = 0; row < size; row++)
        {
            foreach (var v in image.Row(y + row).Slice(x * 3, size * 3))
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }
        var range = (float)(max - min);
        for (var row = 0; row < size; row++)
        {
            var source = image.Row(y + row).Slice(x * 3, size * 3);
            var offset = row * size;
            for (var col = 0; col < size; col++)
            {
                for (var c = 0; c < 3; c++)
                {
                    var v = source[col * 3 + c];
                    // Same float32 expression as the training pipeline, so both round identically.
                    var unit = range > 0 ? (v - (float)min) / range : Math.Clamp((float)v, 0f, 1f);
                    destination[c * plane + offset + col] = unit - 0.5f;
                }
            }
        }
    }

    /// <summary>Normalises a whole square RGB tile; see <see cref="Apply(Raster{byte}, int, int, int, Span{float})"/>.</summary>
    /// <param name="tile">A square 8-bit RGB raster, only read.</param>
    /// <param name="destination">3 x size x size floats, written.</param>
    public static void Apply(Raster<byte> tile, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(tile);
        if (tile.Width != tile.Height)
        {
            throw new ArgumentException($"the tile is {tile.Width}x{tile.Height}, not square", nameof(tile));
        }
        Apply(tile, 0, 0, tile.Width, destination);
    }
}
