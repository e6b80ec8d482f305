using RootSeg.Imaging.Rasters;

namespace RootSeg.Imaging.Codecs;

/// <summary>Checks a file's declared size before memory is taken for it, so a corrupt header gives a clear error.</summary>
internal static class DecodeLimits
{
    /// <summary>
    /// Throws <see cref="ImageFileException"/> unless a width x height x channels raster can exist and holds at most
    /// <paramref name="maxPixels"/> pixels (<see cref="ImageReadOptions.MaxPixels"/>).
    /// </summary>
    public static void Check(string path, long width, long height, int channels, long maxPixels)
    {
        if (width < 1 || height < 1)
        {
            throw new ImageFileException(path, $"the header gives an empty {width}x{height} image");
        }
        if (width * height > maxPixels)
        {
            throw new ImageFileException(path, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"the header gives {width}x{height} pixels ({width * height / 1e6:F0} megapixels), over the limit of " +
                $"{maxPixels / 1e6:G4} megapixels (a damaged file, or raise {nameof(ImageReadOptions)}.{nameof(ImageReadOptions.MaxPixels)})"));
        }
        if (width * height * channels > Array.MaxLength)
        {
            throw new ImageFileException(path, $"a {width}x{height} image with {channels} channels is too large for a {nameof(Raster<byte>)}");
        }
    }
}
