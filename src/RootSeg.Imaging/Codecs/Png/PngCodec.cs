using RootSeg.Imaging.Files;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Imaging.Codecs.Png;

/// <summary>
/// PNG through libpng's simplified API. Reading keeps the file's channels (palette images become grey or RGB, with
/// alpha where the palette has transparency) and depth (16-bit files give 16-bit samples; 1, 2 and 4-bit files are
/// expanded to 0..255). 16-bit files with alpha are refused: the simplified API returns their colour premultiplied
/// by alpha, which would silently change the data. The simplified API also applies a file's gAMA chunk (converting
/// 8-bit output to sRGB and 16-bit output to linear light), where Pillow ignores it; PNGs without gAMA, such as the
/// masks and photos RootSeg handles, are returned exactly as stored.
/// </summary>
internal static class PngCodec
{
    /// <summary>Decodes <paramref name="png"/>, the whole content of <paramref name="path"/>.</summary>
    public static unsafe DecodedImage Decode(string path, byte[] png, long maxPixels)
    {
        if (png.Length < 26)
        {
            throw new ImageFileException(path, "truncated PNG (no complete IHDR chunk)");
        }
        // IHDR is always the first chunk (PNG spec, 11.2.2): its bit depth sits at byte 24 of the file.
        int fileDepth = png[24];
        var image = new PngImage { Version = LibPng.ImageVersion };
        Raster<byte>? samples8 = null;
        Raster<ushort>? samples16 = null;
        fixed (byte* source = png)
        {
            if (LibPng.BeginReadFromMemory(&image, source, (nuint)png.Length) == 0)
            {
                throw new ImageFileException(path, $"not a readable PNG ({image.ErrorMessage})");
            }
            try
            {
                var format = image.Format & (LibPng.FormatFlagAlpha | LibPng.FormatFlagColour | LibPng.FormatFlagLinear);
                var linear = (format & LibPng.FormatFlagLinear) != 0;
                if (linear && (format & LibPng.FormatFlagAlpha) != 0)
                {
                    throw new ImageFileException(path, "16-bit PNGs with an alpha channel are not supported");
                }
                var channels = ((format & LibPng.FormatFlagColour) != 0 ? 3 : 1) + ((format & LibPng.FormatFlagAlpha) != 0 ? 1 : 0);
                DecodeLimits.Check(path, image.Width, image.Height, channels, maxPixels);
                image.Format = format;
                int ok;
                if (linear)
                {
                    samples16 = Raster<ushort>.CreateUninitialized((int)image.Width, (int)image.Height, channels);
                    fixed (ushort* destination = samples16.Data)
                    {
                        ok = LibPng.FinishRead(&image, null, destination, samples16.Stride, null);
                    }
                }
                else
                {
                    samples8 = Raster<byte>.CreateUninitialized((int)image.Width, (int)image.Height, channels);
                    fixed (byte* destination = samples8.Data)
                    {
                        ok = LibPng.FinishRead(&image, null, destination, samples8.Stride, null);
                    }
                }
                if (ok == 0)
                {
                    throw new ImageFileException(path, $"corrupt or truncated PNG ({image.ErrorMessage})");
                }
                var decoded = linear
                    ? new DecodedImage(ImageFormat.Png, samples16!)
                    : new DecodedImage(ImageFormat.Png, fileDepth is 1 or 2 or 4 ? fileDepth : 8, samples8!);
                samples8 = null;
                samples16 = null;
                return decoded;
            }
            finally
            {
                samples8?.Dispose();
                samples16?.Dispose();
                LibPng.Free(&image);
            }
        }
    }

    /// <summary>Encodes an 8-bit raster of 1 to 4 channels; with <paramref name="bilevel"/>, a 1-channel raster at 1 bit.</summary>
    public static unsafe void Encode(string path, Raster<byte> raster, bool bilevel)
    {
        if (bilevel)
        {
            EncodeBilevel(path, raster);
            return;
        }
        var format = raster.Channels switch
        {
            1 => 0u,
            2 => LibPng.FormatFlagAlpha,
            3 => LibPng.FormatFlagColour,
            _ => LibPng.FormatFlagColour | LibPng.FormatFlagAlpha,
        };
        fixed (byte* source = raster.Data)
        {
            Write(path, raster.Width, raster.Height, format, 0, source, raster.Stride, null);
        }
    }

    /// <summary>Encodes a 16-bit raster of 1 (grey) or 3 (RGB) channels.</summary>
    public static unsafe void Encode(string path, Raster<ushort> raster)
    {
        var format = LibPng.FormatFlagLinear | (raster.Channels == 3 ? LibPng.FormatFlagColour : 0u);
        fixed (ushort* source = raster.Data)
        {
            Write(path, raster.Width, raster.Height, format, 0, source, raster.Stride, null);
        }
    }

    /// <summary>
    /// Writes a 1-bit PNG. The simplified API has no 1-bit grey output, and libpng's full write API reports errors
    /// by longjmp, which must never cross managed frames. But the simplified writer picks the bit depth of a
    /// colour-mapped image from its number of entries, so a 2-entry black/white palette with one index byte per
    /// pixel gives a 1-bit image (colour type 3), with libpng's setjmp kept inside the C library.
    /// </summary>
    private static unsafe void EncodeBilevel(string path, Raster<byte> raster)
    {
        using var indices = Raster<byte>.CreateUninitialized(raster.Width, raster.Height);
        for (var y = 0; y < raster.Height; y++)
        {
            var from = raster.Row(y);
            var to = indices.Row(y);
            for (var x = 0; x < to.Length; x++)
            {
                to[x] = from[x] == 0 ? (byte)0 : (byte)1;
            }
        }
        Span<byte> palette = [0, 0, 0, 255, 255, 255];
        fixed (byte* source = indices.Data)
        fixed (byte* colourMap = palette)
        {
            Write(path, raster.Width, raster.Height, LibPng.FormatFlagColour | LibPng.FormatFlagColourMap, 2, source, indices.Stride, colourMap);
        }
    }

    private static unsafe void Write(string path, int width, int height, uint format, uint entries, void* buffer, int stride, void* colourMap)
    {
        // The caller keeps both buffers pinned for the whole call; the lambda cannot capture pointers, only addresses.
        var pixels = (nint)buffer;
        var palette = (nint)colourMap;
        AtomicFile.WriteThroughPath(path, temporary =>
        {
            var image = new PngImage
            {
                Version = LibPng.ImageVersion,
                Width = (uint)width,
                Height = (uint)height,
                Format = format,
                ColourMapEntries = entries,
            };
            try
            {
                if (LibPng.WriteToFile(&image, temporary, 0, (void*)pixels, stride, (void*)palette) == 0)
                {
                    throw new ImageFileException(path, $"PNG encoding failed ({image.ErrorMessage})");
                }
            }
            finally
            {
                LibPng.Free(&image);
            }
        });
    }
}
