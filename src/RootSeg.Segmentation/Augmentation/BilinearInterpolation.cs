using RootSeg.Imaging.Rasters;

namespace RootSeg.Segmentation.Augmentation;

/// <summary>
/// Resampling of an image at arbitrary coordinates with scipy.ndimage's semantics:
/// <c>map_coordinates(input, [rows, cols], order=1)</c> with its default <c>mode='constant', cval=0</c>, the
/// resampling step of the elastic deformation (Simard et al. 2003, doi:10.1109/ICDAR.2003.1227801).
/// </summary>
public static class BilinearInterpolation
{
    /// <summary>Samples one channel of <paramref name="image"/> at each (rows[i], cols[i]).</summary>
    /// <param name="image">The image; not modified.</param>
    /// <param name="channel">The channel to sample, in [0, channels).</param>
    /// <param name="rows">Row coordinates (axis 0); any value, those outside [0, height - 1] give 0.</param>
    /// <param name="cols">Column coordinates (axis 1), as many as rows; outside [0, width - 1] gives 0.</param>
    /// <param name="output">Receives one value per coordinate pair, rounded to float32 as scipy's float32 output is.</param>
    /// <exception cref="ArgumentException">The spans differ in length or the channel is out of range.</exception>
    public static void MapCoordinates(Raster<float> image, int channel, ReadOnlySpan<double> rows,
        ReadOnlySpan<double> cols, Span<float> output)
    {
        ArgumentNullException.ThrowIfNull(image);
        if ((uint)channel >= (uint)image.Channels)
        {
            throw new ArgumentOutOfRangeException(nameof(channel), channel, $"channel must be in [0, {image.Channels})");
        }
        if (cols.Length != rows.Length)
        {
            throw new ArgumentException($"{cols.Length} column coordinates for {rows.Length} rows", nameof(cols));
        }
        if (output.Length != rows.Length)
        {
            throw new ArgumentException($"output holds {output.Length} values for {rows.Length} points", nameof(output));
        }
        for (var i = 0; i < rows.Length; i++)
        {
            if (!BilinearTaps.TryCreate(rows[i], cols[i], image.Height, image.Width, out var taps))
            {
                output[i] = 0f;
                continue;
            }
            output[i] = (float)taps.Interpolate(
                image[taps.Col0, taps.Row0, channel], image[taps.Col1, taps.Row0, channel],
                image[taps.Col0, taps.Row1, channel], image[taps.Col1, taps.Row1, channel]);
        }
    }
}
