namespace RootSeg.Imaging.Rasters;

/// <summary>
/// Conversions between sample types and channel layouts, with scikit-image's conventions (van der Walt et al. 2014,
/// "scikit-image: image processing in Python", PeerJ 2:e453, doi:10.7717/peerj.453): integers map to floats by
/// dividing by the type's maximum (<c>img_as_float</c>), 16-bit reduces to 8-bit by keeping the high byte
/// (<c>img_as_ubyte</c>), and grey is 0.2125 R + 0.7154 G + 0.0721 B (<c>rgb2gray</c>, ITU-R BT.709 luma).
/// </summary>
/// <remarks>Inputs are never modified; every returned raster or array is new and owned by the caller.</remarks>
public static class RasterConversions
{
    /// <summary>Weight of red in <see cref="ToGrey(Raster{byte})"/>.</summary>
    public const float GreyRed = 0.2125f;

    /// <summary>Weight of green in <see cref="ToGrey(Raster{byte})"/>.</summary>
    public const float GreyGreen = 0.7154f;

    /// <summary>Weight of blue in <see cref="ToGrey(Raster{byte})"/>.</summary>
    public const float GreyBlue = 0.0721f;

    /// <summary>
    /// The image as planar (channel, row, column) RGB floats in [0, 1], the layout a network's input tensor takes:
    /// sample (c, y, x) at <c>(c * Height + y) * Width + x</c>. Grey is copied to the three planes; alpha is dropped.
    /// </summary>
    /// <param name="source">An 8-bit raster of 1 to 4 channels.</param>
    /// <returns>A new array of 3 x Height x Width floats, value / 255.</returns>
    public static float[] ToPlanarRgb(Raster<byte> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var planes = new float[3 * source.Height * source.Width];
        ToPlanarRgb(source, planes);
        return planes;
    }

    /// <summary>As <see cref="ToPlanarRgb(Raster{byte})"/>, into a caller's buffer (for pooled tensors).</summary>
    /// <param name="source">An 8-bit raster of 1 to 4 channels.</param>
    /// <param name="destination">At least 3 x Height x Width floats; the first that many are overwritten.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public static void ToPlanarRgb(Raster<byte> source, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(source);
        ToPlanar(source, destination, 1f / byte.MaxValue);
    }

    /// <summary>
    /// The image as planar RGB floats in [0, 1], value / 65535 (see <see cref="ToPlanarRgb(Raster{byte})"/>).
    /// </summary>
    /// <param name="source">A 16-bit raster of 1 to 4 channels.</param>
    /// <returns>A new array of 3 x Height x Width floats.</returns>
    public static float[] ToPlanarRgb(Raster<ushort> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var planes = new float[3 * source.Height * source.Width];
        ToPlanar(source, planes, 1f / ushort.MaxValue);
        return planes;
    }

    /// <summary>The samples as floats in [0, 1] (value / 255), channels unchanged.</summary>
    /// <param name="source">An 8-bit raster.</param>
    /// <returns>A new float raster of the same shape.</returns>
    public static Raster<float> ToFloat(Raster<byte> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var result = Raster<float>.CreateUninitialized(source.Width, source.Height, source.Channels);
        for (var y = 0; y < source.Height; y++)
        {
            var from = source.Row(y);
            var to = result.Row(y);
            for (var i = 0; i < from.Length; i++)
            {
                to[i] = from[i] / 255f;
            }
        }
        return result;
    }

    /// <summary>The samples as floats in [0, 1] (value / 65535), channels unchanged.</summary>
    /// <param name="source">A 16-bit raster.</param>
    /// <returns>A new float raster of the same shape.</returns>
    public static Raster<float> ToFloat(Raster<ushort> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var result = Raster<float>.CreateUninitialized(source.Width, source.Height, source.Channels);
        for (var y = 0; y < source.Height; y++)
        {
            var from = source.Row(y);
            var to = result.Row(y);
            for (var i = 0; i < from.Length; i++)
            {
                to[i] = from[i] / 65535f;
            }
        }
        return result;
    }

    /// <summary>16-bit samples reduced to 8 bits by keeping the high byte (value >> 8), channels unchanged.</summary>
    /// <param name="source">A 16-bit raster.</param>
    /// <returns>A new 8-bit raster of the same shape.</returns>
    public static Raster<byte> To8Bit(Raster<ushort> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var result = Raster<byte>.CreateUninitialized(source.Width, source.Height, source.Channels);
        for (var y = 0; y < source.Height; y++)
        {
            var from = source.Row(y);
            var to = result.Row(y);
            for (var i = 0; i < from.Length; i++)
            {
                to[i] = (byte)(from[i] >> 8);
            }
        }
        return result;
    }

    /// <summary>The image as 3-channel RGB: grey copied to each channel, alpha dropped, RGB copied.</summary>
    /// <param name="source">An 8-bit raster of 1 to 4 channels.</param>
    /// <returns>A new 3-channel raster.</returns>
    public static Raster<byte> ToRgb(Raster<byte> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var result = Raster<byte>.CreateUninitialized(source.Width, source.Height, 3);
        var c = source.Channels;
        for (var y = 0; y < source.Height; y++)
        {
            var from = source.Row(y);
            var to = result.Row(y);
            for (var x = 0; x < source.Width; x++)
            {
                if (c >= 3)
                {
                    to[3 * x] = from[c * x];
                    to[3 * x + 1] = from[c * x + 1];
                    to[3 * x + 2] = from[c * x + 2];
                }
                else
                {
                    to[3 * x] = to[3 * x + 1] = to[3 * x + 2] = from[c * x];
                }
            }
        }
        return result;
    }

    /// <summary>
    /// The image as 8-bit grey: for colour, round(255 x (0.2125 R + 0.7154 G + 0.0721 B) / 255) with ties to even,
    /// as <c>img_as_ubyte(rgb2gray(image))</c>; grey is copied; alpha is dropped.
    /// </summary>
    /// <param name="source">An 8-bit raster of 1 to 4 channels.</param>
    /// <returns>A new 1-channel raster.</returns>
    public static Raster<byte> ToGrey(Raster<byte> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var grey = ToGreyFloat(source);
        var result = Raster<byte>.CreateUninitialized(source.Width, source.Height, 1);
        for (var y = 0; y < source.Height; y++)
        {
            var from = grey.Row(y);
            var to = result.Row(y);
            for (var x = 0; x < to.Length; x++)
            {
                to[x] = (byte)Math.Clamp(MathF.Round(from[x] * 255f, MidpointRounding.ToEven), 0f, 255f);
            }
        }
        return result;
    }

    /// <summary>
    /// The image as grey floats in [0, 1]: <c>rgb2gray</c> for colour (0.2125 R + 0.7154 G + 0.0721 B of value / 255),
    /// value / 255 for grey; alpha is dropped.
    /// </summary>
    /// <param name="source">An 8-bit raster of 1 to 4 channels.</param>
    /// <returns>A new 1-channel float raster.</returns>
    public static Raster<float> ToGreyFloat(Raster<byte> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var result = Raster<float>.CreateUninitialized(source.Width, source.Height, 1);
        var c = source.Channels;
        for (var y = 0; y < source.Height; y++)
        {
            var from = source.Row(y);
            var to = result.Row(y);
            for (var x = 0; x < to.Length; x++)
            {
                to[x] = c >= 3
                    ? (GreyRed * from[c * x] + GreyGreen * from[c * x + 1] + GreyBlue * from[c * x + 2]) / 255f
                    : from[c * x] / 255f;
            }
        }
        return result;
    }

    private static void ToPlanar<T>(Raster<T> source, Span<float> destination, float scale) where T : unmanaged
    {
        var plane = source.Width * source.Height;
        if (destination.Length < 3 * plane)
        {
            throw new ArgumentException($"needs {3 * plane} floats, has {destination.Length}", nameof(destination));
        }
        var c = source.Channels;
        var colour = c >= 3;
        for (var y = 0; y < source.Height; y++)
        {
            var from = source.Row(y);
            var red = destination.Slice(y * source.Width, source.Width);
            var green = destination.Slice(plane + y * source.Width, source.Width);
            var blue = destination.Slice(2 * plane + y * source.Width, source.Width);
            for (var x = 0; x < source.Width; x++)
            {
                var r = ToSingle(from[c * x]) * scale;
                red[x] = r;
                green[x] = colour ? ToSingle(from[c * x + 1]) * scale : r;
                blue[x] = colour ? ToSingle(from[c * x + 2]) * scale : r;
            }
        }
    }

    private static float ToSingle<T>(T value) where T : unmanaged => value switch
    {
        byte b => b,
        ushort u => u,
        _ => throw new NotSupportedException(typeof(T).Name),
    };
}
