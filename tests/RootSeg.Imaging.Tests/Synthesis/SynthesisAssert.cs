using RootSeg.Imaging.Rasters;

namespace RootSeg.Imaging.Tests.Synthesis;

/// <summary>Counts and comparisons on rasters that several synthesis tests share.</summary>
internal static class SynthesisAssert
{
    public static long Count(Raster<byte> mask, byte value)
    {
        long count = 0;
        for (var y = 0; y < mask.Height; y++)
        {
            foreach (var v in mask.Row(y))
            {
                if (v == value)
                {
                    count++;
                }
            }
        }
        return count;
    }

    public static bool SameSamples(Raster<byte> a, Raster<byte> b)
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

    /// <summary>Rec. 601 luma of pixel (x, y) of an RGB raster.</summary>
    public static double Luma(Raster<byte> photo, int x, int y) =>
        0.299 * photo[x, y, 0] + 0.587 * photo[x, y, 1] + 0.114 * photo[x, y, 2];
}
