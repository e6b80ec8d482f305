using RootSeg.Imaging.Rasters;

namespace RootSeg.Segmentation.Augmentation;

/// <summary>
/// Min-max intensity scaling as the reference code of Smith et al. 2020 (doi:10.1186/s13007-020-00563-0) does it
/// with scikit-image's <c>rescale_intensity(image.astype(float32), out_range=(0, 1))</c>, and the conversion of an
/// augmented float tile back to 8 bits.
/// </summary>
internal static class IntensityScaling
{
    /// <summary>
    /// (v - min) / (max - min) in float32 over all samples; a constant tile is clipped to [0, 1] instead, as
    /// scikit-image does when min equals max.
    /// </summary>
    public static void ToUnit(Raster<byte> source, Raster<float> target)
    {
        byte min = 255, max = 0;
        for (var y = 0; y < source.Height; y++)
        {
            foreach (var v in source.Row(y))
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }
        var range = (float)(max - min);
        for (var y = 0; y < source.Height; y++)
        {
            var from = source.Row(y);
            var to = target.Row(y);
            for (var i = 0; i < from.Length; i++)
            {
                to[i] = range > 0 ? (from[i] - (float)min) / range : Math.Clamp((float)from[i], 0f, 1f);
            }
        }
    }

    /// <summary>
    /// (v - min) / max(v - min) x 255, rounded to the nearest integer and clamped to [0, 255]. The reference casts
    /// through int8, which truncates and would wrap on other platforms; rounding and clamping is the intended
    /// conversion. A constant tile becomes 0.
    /// </summary>
    public static void ToBytes(Raster<float> source, Raster<byte> target)
    {
        var min = float.PositiveInfinity;
        var max = float.NegativeInfinity;
        for (var y = 0; y < source.Height; y++)
        {
            foreach (var v in source.Row(y))
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }
        var range = max - min;
        for (var y = 0; y < source.Height; y++)
        {
            var from = source.Row(y);
            var to = target.Row(y);
            for (var i = 0; i < from.Length; i++)
            {
                var scaled = range > 0 ? (from[i] - min) / range * 255f : 0f;
                to[i] = (byte)Math.Clamp(MathF.Round(scaled), 0f, 255f);
            }
        }
    }
}
