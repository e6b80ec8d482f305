using RootSeg.Imaging.Codecs.Jpeg;
using RootSeg.Imaging.Codecs.Png;
using RootSeg.Imaging.Codecs.Tiff;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Imaging.Codecs;

/// <summary>
/// Reads and writes image files through the system's codec libraries: JPEG with libjpeg-turbo (TurboJPEG API),
/// PNG with libpng (simplified API), TIFF with libtiff (read only). A file's format is recognised from its first
/// bytes, never its extension; the extension chooses the format only when writing. Every unreadable, truncated,
/// corrupt or unsupported file gives one <see cref="ImageFileException"/> naming the file.
/// </summary>
public static class ImageFile
{
    /// <summary>
    /// Reads an image at its own depth and channel count. JPEGs are turned upright by their Exif orientation, TIFFs
    /// by their Orientation tag.
    /// </summary>
    /// <param name="path">A JPEG, PNG or TIFF file.</param>
    /// <param name="options">Decoding limits; <see cref="ImageReadOptions.Default"/> when null.</param>
    /// <returns>The decoded image, owned by the caller.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty, or the options are out of range.</exception>
    /// <exception cref="ImageFileException">The file is missing, unreadable, corrupt, truncated or unsupported, or its
    /// header gives more pixels than <see cref="ImageReadOptions.MaxPixels"/> (checked before the pixels are allocated).</exception>
    public static DecodedImage Read(string path, ImageReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= ImageReadOptions.Default;
        if (options.MaxPixels < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxPixels, "MaxPixels must be at least 1");
        }
        var (format, content) = ReadContent(path);
        return format switch
        {
            ImageFormat.Jpeg => JpegCodec.Decode(path, content, options.MaxPixels),
            ImageFormat.Png => PngCodec.Decode(path, content, options.MaxPixels),
            _ => TiffCodec.Decode(path, options.MaxPixels),
        };
    }

    /// <summary>
    /// Reads an image as 8-bit RGB: grey is copied to the three channels, alpha is dropped, and 16-bit samples are
    /// reduced to 8 bits as scikit-image's <c>img_as_ubyte</c> does (the high byte).
    /// </summary>
    /// <param name="path">A JPEG, PNG or TIFF file.</param>
    /// <param name="options">Decoding limits; <see cref="ImageReadOptions.Default"/> when null.</param>
    /// <returns>A 3-channel raster owned by the caller.</returns>
    /// <exception cref="ImageFileException">The file cannot be read (see <see cref="Read"/>).</exception>
    public static Raster<byte> ReadRgb(string path, ImageReadOptions? options = null)
    {
        using var image = Read(path, options);
        if (!image.Is16Bit && image.Channels == 3)
        {
            return image.DetachSamples8();
        }
        if (image.Is16Bit)
        {
            using var reduced = RasterConversions.To8Bit(image.Samples16);
            return RasterConversions.ToRgb(reduced);
        }
        return RasterConversions.ToRgb(image.Samples8);
    }

    /// <summary>
    /// Reads an image as 8-bit grey: colour is converted with scikit-image's <c>rgb2gray</c> weights
    /// (0.2125 R + 0.7154 G + 0.0721 B) and rounded, alpha is dropped, 16-bit samples are reduced as in
    /// <see cref="ReadRgb"/> before conversion.
    /// </summary>
    /// <param name="path">A JPEG, PNG or TIFF file.</param>
    /// <param name="options">Decoding limits; <see cref="ImageReadOptions.Default"/> when null.</param>
    /// <returns>A 1-channel raster owned by the caller.</returns>
    /// <exception cref="ImageFileException">The file cannot be read (see <see cref="Read"/>).</exception>
    public static Raster<byte> ReadGrey(string path, ImageReadOptions? options = null)
    {
        using var image = Read(path, options);
        if (!image.Is16Bit && image.Channels == 1)
        {
            return image.DetachSamples8();
        }
        if (image.Is16Bit)
        {
            using var reduced = RasterConversions.To8Bit(image.Samples16);
            return RasterConversions.ToGrey(reduced);
        }
        return RasterConversions.ToGrey(image.Samples8);
    }

    /// <summary>
    /// Writes an 8-bit raster, choosing the format by the extension: <c>.jpg</c>/<c>.jpeg</c> (1 or 3 channels) or
    /// <c>.png</c> (1 to 4 channels, or 1 bit per pixel with <see cref="ImageWriteOptions.Bilevel"/>). The file is
    /// written under a temporary name and moved into place.
    /// </summary>
    /// <param name="path">Destination; its folder must exist. An existing file is replaced.</param>
    /// <param name="raster">The image; not modified.</param>
    /// <param name="options">Encoding options; <see cref="ImageWriteOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentException">The extension, channel count or options do not fit.</exception>
    /// <exception cref="ImageFileException">The file cannot be written.</exception>
    public static void Write(string path, Raster<byte> raster, ImageWriteOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(raster);
        options ??= ImageWriteOptions.Default;
        switch (WriteFormat(path))
        {
            case ImageFormat.Jpeg:
                if (raster.Channels is not (1 or 3))
                {
                    throw new ArgumentException($"JPEG holds 1 or 3 channels, not {raster.Channels}", nameof(raster));
                }
                if (options.Bilevel)
                {
                    throw new ArgumentException("bilevel output needs a .png path", nameof(options));
                }
                if (options.JpegQuality is < 1 or > 100)
                {
                    throw new ArgumentOutOfRangeException(nameof(options), options.JpegQuality, "JPEG quality must be in [1, 100]");
                }
                WithPathErrors(path, () => JpegCodec.Encode(path, raster, options.JpegQuality));
                break;
            default:
                if (options.Bilevel && raster.Channels != 1)
                {
                    throw new ArgumentException($"bilevel PNG needs a 1-channel raster, not {raster.Channels}", nameof(raster));
                }
                WithPathErrors(path, () => PngCodec.Encode(path, raster, options.Bilevel));
                break;
        }
    }

    /// <summary>
    /// Writes a 16-bit grey or RGB raster as a 16-bit PNG (the only format with 16-bit output here), through a
    /// temporary file.
    /// </summary>
    /// <param name="path">Destination ending in <c>.png</c>; its folder must exist.</param>
    /// <param name="raster">A 1- or 3-channel raster; not modified.</param>
    /// <exception cref="ArgumentException">The extension or channel count does not fit.</exception>
    /// <exception cref="ImageFileException">The file cannot be written.</exception>
    public static void Write(string path, Raster<ushort> raster)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(raster);
        if (WriteFormat(path) != ImageFormat.Png)
        {
            throw new ArgumentException($"16-bit images are written as PNG only, not to {path}", nameof(path));
        }
        if (raster.Channels is not (1 or 3))
        {
            throw new ArgumentException($"16-bit PNG output holds 1 or 3 channels, not {raster.Channels}", nameof(raster));
        }
        WithPathErrors(path, () => PngCodec.Encode(path, raster));
    }

    /// <summary>Turns the I/O errors of an atomic write into the one <see cref="ImageFileException"/> of this API.</summary>
    private static void WithPathErrors(string path, Action write)
    {
        try
        {
            write();
        }
        catch (IOException e) when (e is not ImageFileException)
        {
            var problem = e.Message.StartsWith(path + ": ", StringComparison.Ordinal) ? e.Message[(path.Length + 2)..] : e.Message;
            throw new ImageFileException(path, problem, e);
        }
    }

    private static ImageFormat WriteFormat(string path) => ImageFormatDetector.FromExtension(path) switch
    {
        ImageFormat.Jpeg => ImageFormat.Jpeg,
        ImageFormat.Png => ImageFormat.Png,
        ImageFormat.Tiff => throw new ArgumentException($"TIFF is read only; write {path} as .png", nameof(path)),
        _ => throw new ArgumentException($"cannot tell the format from the extension of {path} (use .jpg, .jpeg or .png)", nameof(path)),
    };

    /// <summary>
    /// Recognises the file by its first bytes and returns the whole content for the decoders that work from memory
    /// (JPEG, PNG); libtiff reads TIFF files itself, so for them only the signature is read here.
    /// </summary>
    private static (ImageFormat Format, byte[] Content) ReadContent(string path)
    {
        if (Directory.Exists(path))
        {
            throw new ImageFileException(path, "is a directory, not an image file");
        }
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            Span<byte> header = stackalloc byte[8];
            var length = file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
            var format = ImageFormatDetector.FromMagic(header[..length]) ?? throw new ImageFileException(path, length == 0
                ? "the file is empty"
                : "not a JPEG, PNG or TIFF file (unrecognised signature)");
            if (format == ImageFormat.Tiff)
            {
                return (format, []);
            }
            if (file.Length > Array.MaxLength)
            {
                throw new ImageFileException(path, $"the file's {file.Length} bytes are too many to decode");
            }
            var content = new byte[file.Length];
            header[..length].CopyTo(content);
            file.ReadExactly(content.AsSpan(length));
            return (format, content);
        }
        catch (FileNotFoundException e)
        {
            throw new ImageFileException(path, "no such file", e);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new ImageFileException(path, "no such folder", e);
        }
        catch (EndOfStreamException e)
        {
            throw new ImageFileException(path, "the file shrank while it was being read", e);
        }
        catch (Exception e) when (e is IOException and not ImageFileException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new ImageFileException(path, $"cannot be read: {e.Message}", e);
        }
    }
}
