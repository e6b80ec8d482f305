using RootSeg.Imaging.Rasters;

namespace RootSeg.Imaging.Morphology;

/// <summary>Input checks shared by the binary-image algorithms.</summary>
internal static class MaskChecks
{
    /// <summary>Throws unless <paramref name="mask"/> is a live single-channel raster.</summary>
    public static void SingleChannel<T>(Raster<T> mask, string argument) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(mask, argument);
        if (mask.Channels != 1)
        {
            throw new ArgumentException($"{argument} must have 1 channel, it has {mask.Channels}", argument);
        }
    }

    /// <summary>Throws unless <paramref name="connectivity"/> is a defined value.</summary>
    public static void Defined(Connectivity connectivity, string argument)
    {
        if (connectivity is not (Connectivity.Four or Connectivity.Eight))
        {
            throw new ArgumentOutOfRangeException(argument, connectivity, "connectivity must be Four or Eight");
        }
    }
}
