namespace RootSeg.Imaging.Codecs;

/// <summary>Recognises a format from a file's first bytes (reading) or its extension (writing).</summary>
internal static class ImageFormatDetector
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The format whose signature starts <paramref name="header"/>, or null.</summary>
    public static ImageFormat? FromMagic(ReadOnlySpan<byte> header)
    {
        if (header.Length >= 3 && header[0] == 0xFF && header[1] == 0xD8 && header[2] == 0xFF)
        {
            return ImageFormat.Jpeg;
        }
        if (header.StartsWith(PngSignature))
        {
            return ImageFormat.Png;
        }
        if (header.Length >= 4
            && ((header[0] == (byte)'I' && header[1] == (byte)'I' && header[3] == 0 && header[2] is 42 or 43)
                || (header[0] == (byte)'M' && header[1] == (byte)'M' && header[2] == 0 && header[3] is 42 or 43)))
        {
            return ImageFormat.Tiff;
        }
        return null;
    }

    /// <summary>The format that <paramref name="path"/>'s extension names, or null.</summary>
    public static ImageFormat? FromExtension(string path)
    {
        return System.IO.Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".jpg" or ".jpeg" or ".jpe" => ImageFormat.Jpeg,
            ".png" => ImageFormat.Png,
            ".tif" or ".tiff" => ImageFormat.Tiff,
            _ => null,
        };
    }
}
