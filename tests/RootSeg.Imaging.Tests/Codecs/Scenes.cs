using RootSeg.Imaging.Rasters;

namespace RootSeg.Imaging.Tests.Codecs;

/// <summary>Small synthetic rasters for round trips.</summary>
public static class Scenes
{
    /// <summary>A smooth gradient per channel with a distinct pattern per channel; optional padded stride.</summary>
    public static Raster<byte> Bytes(int width, int height, int channels, int stride = 0)
    {
        var raster = new Raster<byte>(width, height, channels, stride);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                for (var c = 0; c < channels; c++)
                {
                    raster[x, y, c] = (byte)((x * 255 / Math.Max(width - 1, 1) * (c + 1) + y * 3 * c) % 256);
                }
            }
        }
        return raster;
    }

    /// <summary>A gentle ramp without edges (values up to 3 (width + height) + 80): what JPEG is made for.</summary>
    public static Raster<byte> Smooth(int width, int height, int channels)
    {
        var raster = new Raster<byte>(width, height, channels);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                for (var c = 0; c < channels; c++)
                {
                    raster[x, y, c] = (byte)Math.Min(255, 3 * x + 3 * y + 40 * c);
                }
            }
        }
        return raster;
    }

    /// <summary>Pseudo-random 16-bit samples (the full range, so any byte-order or scaling slip shows).</summary>
    public static Raster<ushort> Words(int width, int height, int channels, int seed)
    {
        var random = new Random(seed);
        var raster = new Raster<ushort>(width, height, channels);
        foreach (ref var sample in raster.Data)
        {
            sample = (ushort)random.Next(0, 65536);
        }
        return raster;
    }

    public static bool SameSamples<T>(Raster<T> a, Raster<T> b) where T : unmanaged, IEquatable<T>
    {
        if (a.Width != b.Width || a.Height != b.Height || a.Channels != b.Channels)
        {
            return false;
        }
        for (var y = 0; y < a.Height; y++)
        {
            if (!a.Row(y).SequenceEqual(b.Row(y)))
            {
                return false;
            }
        }
        return true;
    }
}
