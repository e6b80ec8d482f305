using RootSeg.Imaging.Files;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Imaging.Codecs.Jpeg;

/// <summary>
/// JPEG through TurboJPEG: 8-bit grey or RGB (YCbCr) baseline and progressive files, upright by their Exif
/// orientation. CMYK and YCCK files are refused.
/// </summary>
internal static class JpegCodec
{
    /// <summary>Decodes <paramref name="jpeg"/>, the whole content of <paramref name="path"/>.</summary>
    public static unsafe DecodedImage Decode(string path, byte[] jpeg, long maxPixels)
    {
        var handle = TurboJpeg.InitDecompress();
        if (handle == IntPtr.Zero)
        {
            throw new ImageFileException(path, "TurboJPEG could not start a decoder");
        }
        Raster<byte>? stored = null;
        try
        {
            int width, height, colourspace;
            fixed (byte* source = jpeg)
            {
                if (TurboJpeg.DecompressHeader3(handle, source, (nuint)jpeg.Length, out width, out height, out _, out colourspace) != 0)
                {
                    throw new ImageFileException(path, $"not a readable JPEG ({TurboJpeg.LastError(handle)})");
                }
                if (colourspace is TurboJpeg.ColourspaceCmyk or TurboJpeg.ColourspaceYcck)
                {
                    throw new ImageFileException(path, "CMYK/YCCK JPEGs are not supported (save the image as RGB)");
                }
                var grey = colourspace == TurboJpeg.ColourspaceGrey;
                DecodeLimits.Check(path, width, height, grey ? 1 : 3, maxPixels);
                stored = Raster<byte>.CreateUninitialized(width, height, grey ? 1 : 3);
                fixed (byte* destination = stored.Data)
                {
                    // TurboJPEG returns -1 for libjpeg's warnings too (a truncated or damaged stream that libjpeg would
                    // pad with grey); they fail here as errors, since a silently half-grey photo is worse than a clear
                    // message. All 65 segroot photos and masks decode without one.
                    if (TurboJpeg.Decompress2(handle, source, (nuint)jpeg.Length, destination, width, stored.Stride, height,
                            grey ? TurboJpeg.PixelFormatGrey : TurboJpeg.PixelFormatRgb, 0) != 0)
                    {
                        throw new ImageFileException(path, $"corrupt or truncated JPEG ({TurboJpeg.LastError(handle)})");
                    }
                }
            }
            var orientation = ExifOrientation.Find(jpeg);
            if (orientation != 1)
            {
                using var turned = stored;
                stored = RasterOrientation.ToUpright(turned, orientation);
            }
            var image = new DecodedImage(ImageFormat.Jpeg, 8, stored);
            stored = null;
            return image;
        }
        finally
        {
            stored?.Dispose();
            TurboJpeg.Destroy(handle);
        }
    }

    /// <summary>Encodes a 1- or 3-channel raster to <paramref name="path"/> at <paramref name="quality"/>.</summary>
    public static unsafe void Encode(string path, Raster<byte> raster, int quality)
    {
        var handle = TurboJpeg.InitCompress();
        if (handle == IntPtr.Zero)
        {
            throw new ImageFileException(path, "TurboJPEG could not start an encoder");
        }
        byte* jpeg = null;
        nuint size = 0;
        try
        {
            var grey = raster.Channels == 1;
            fixed (byte* source = raster.Data)
            {
                if (TurboJpeg.Compress2(handle, source, raster.Width, raster.Stride, raster.Height,
                        grey ? TurboJpeg.PixelFormatGrey : TurboJpeg.PixelFormatRgb, ref jpeg, ref size,
                        grey ? TurboJpeg.SubsamplingGrey : TurboJpeg.Subsampling444, quality, TurboJpeg.FlagAccurateDct) != 0)
                {
                    throw new ImageFileException(path, $"JPEG encoding failed ({TurboJpeg.LastError(handle)})");
                }
            }
            AtomicFile.WriteBytes(path, new ReadOnlySpan<byte>(jpeg, checked((int)size)));
        }
        finally
        {
            if (jpeg != null)
            {
                TurboJpeg.Free(jpeg);
            }
            TurboJpeg.Destroy(handle);
        }
    }
}
