using System.Buffers;
using System.Runtime.InteropServices;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Imaging.Codecs.Tiff;

/// <summary>
/// TIFF through libtiff, first image of the file. Grey (with or without alpha) and RGB (with or without alpha) files
/// of 8 or 16 unsigned bits per sample, interleaved, in strips or tiles, are read sample for sample at their own
/// depth and turned upright by their Orientation tag. Other layouts of at most 8 bits (palette, min-is-white,
/// YCbCr, CMYK, 1 to 4-bit, separate planes) go through libtiff's RGBA reader, which honours orientations 1 to 4.
/// </summary>
internal static class TiffCodec
{
    /// <summary>Decodes the TIFF file at <paramref name="path"/>.</summary>
    public static unsafe DecodedImage Decode(string path, long maxPixels)
    {
        LibTiff.EnsureHandlers();
        LibTiff.TakeLastError();
        // "m" turns off memory mapping: a file shortened while mapped would end the process with SIGBUS.
        var tiff = LibTiff.Open(path, "rm");
        if (tiff == IntPtr.Zero)
        {
            throw new ImageFileException(path, $"not a readable TIFF ({LibTiff.TakeLastError()})");
        }
        try
        {
            var width = GetU32(tiff, LibTiff.TagImageWidth, 0);
            var height = GetU32(tiff, LibTiff.TagImageLength, 0);
            int bits = GetU16(tiff, LibTiff.TagBitsPerSample, 1);
            int samples = GetU16(tiff, LibTiff.TagSamplesPerPixel, 1);
            int photometric = GetU16(tiff, LibTiff.TagPhotometric, ushort.MaxValue);
            int planar = GetU16(tiff, LibTiff.TagPlanarConfig, LibTiff.PlanarContiguous);
            int sampleFormat = GetU16(tiff, LibTiff.TagSampleFormat, LibTiff.SampleFormatUnsigned);
            int orientation = GetU16(tiff, LibTiff.TagOrientation, LibTiff.OrientationTopLeft);
            if (sampleFormat != LibTiff.SampleFormatUnsigned)
            {
                throw new ImageFileException(path, $"TIFF sample format {sampleFormat} is not supported (only unsigned integers)");
            }
            var direct = bits is 8 or 16 && planar == LibTiff.PlanarContiguous
                && ((photometric == LibTiff.PhotometricMinIsBlack && samples is 1 or 2)
                    || (photometric == LibTiff.PhotometricRgb && samples is 3 or 4));
            if (direct)
            {
                DecodeLimits.Check(path, width, height, samples, maxPixels);
                return bits == 8
                    ? new DecodedImage(ImageFormat.Tiff, 8, Upright(ReadSamples<byte>(path, tiff, (int)width, (int)height, samples), orientation))
                    : new DecodedImage(ImageFormat.Tiff, Upright(ReadSamples<ushort>(path, tiff, (int)width, (int)height, samples), orientation));
            }
            if (bits > 8)
            {
                throw new ImageFileException(path,
                    $"{bits}-bit TIFF with photometric {photometric}, {samples} samples and planar configuration {planar} is not supported");
            }
            return new DecodedImage(ImageFormat.Tiff, bits, ReadRgba(path, tiff, width, height, photometric, samples, maxPixels));
        }
        finally
        {
            LibTiff.Close(tiff);
        }
    }

    private static Raster<T> Upright<T>(Raster<T> stored, int orientation) where T : unmanaged
    {
        if (orientation is < 2 or > 8)
        {
            return stored;
        }
        using (stored)
        {
            return RasterOrientation.ToUpright(stored, orientation);
        }
    }

    private static unsafe Raster<T> ReadSamples<T>(string path, IntPtr tiff, int width, int height, int channels) where T : unmanaged
    {
        var raster = Raster<T>.CreateUninitialized(width, height, channels);
        try
        {
            var tiled = LibTiff.IsTiled(tiff) != 0;
            var chunkSize = tiled ? LibTiff.TileSize(tiff) : LibTiff.StripSize(tiff);
            if (chunkSize <= 0 || chunkSize > Array.MaxLength)
            {
                throw new ImageFileException(path, $"TIFF {(tiled ? "tile" : "strip")} size {chunkSize} is invalid ({LibTiff.TakeLastError()})");
            }
            var chunk = ArrayPool<byte>.Shared.Rent((int)chunkSize);
            try
            {
                fixed (byte* buffer = chunk)
                {
                    if (tiled)
                    {
                        ReadTiles(path, tiff, raster, buffer, chunkSize);
                    }
                    else
                    {
                        ReadStrips(path, tiff, raster, buffer, chunkSize);
                    }
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }
            return raster;
        }
        catch
        {
            raster.Dispose();
            throw;
        }
    }

    private static unsafe void ReadStrips<T>(string path, IntPtr tiff, Raster<T> raster, byte* buffer, nint size) where T : unmanaged
    {
        var rowsPerStrip = (int)Math.Clamp(GetU32(tiff, LibTiff.TagRowsPerStrip, uint.MaxValue), 1, (uint)raster.Height);
        var strips = (raster.Height + rowsPerStrip - 1) / rowsPerStrip;
        if (LibTiff.NumberOfStrips(tiff) < strips)
        {
            throw new ImageFileException(path, $"TIFF has {LibTiff.NumberOfStrips(tiff)} strips where {strips} are needed");
        }
        var rowSamples = raster.Width * raster.Channels;
        for (var strip = 0; strip < strips; strip++)
        {
            var top = strip * rowsPerStrip;
            var rows = Math.Min(rowsPerStrip, raster.Height - top);
            var read = LibTiff.ReadEncodedStrip(tiff, (uint)strip, buffer, -1);
            if (read < (long)rows * rowSamples * sizeof(T))
            {
                throw new ImageFileException(path, $"corrupt or truncated TIFF: strip {strip} unreadable ({LibTiff.TakeLastError()})");
            }
            var samples = MemoryMarshal.Cast<byte, T>(new ReadOnlySpan<byte>(buffer, (int)size));
            for (var r = 0; r < rows; r++)
            {
                samples.Slice(r * rowSamples, rowSamples).CopyTo(raster.Row(top + r));
            }
        }
    }

    private static unsafe void ReadTiles<T>(string path, IntPtr tiff, Raster<T> raster, byte* buffer, nint size) where T : unmanaged
    {
        var tileWidth = (int)GetU32(tiff, LibTiff.TagTileWidth, 0);
        var tileHeight = (int)GetU32(tiff, LibTiff.TagTileLength, 0);
        var c = raster.Channels;
        if (tileWidth < 1 || tileHeight < 1 || (long)tileWidth * tileHeight * c * sizeof(T) > size)
        {
            throw new ImageFileException(path, $"TIFF tiles of {tileWidth}x{tileHeight} do not match the tile size {size}");
        }
        var samples = MemoryMarshal.Cast<byte, T>(new ReadOnlySpan<byte>(buffer, (int)size));
        for (var top = 0; top < raster.Height; top += tileHeight)
        {
            for (var left = 0; left < raster.Width; left += tileWidth)
            {
                var tile = LibTiff.ComputeTile(tiff, (uint)left, (uint)top, 0, 0);
                if (LibTiff.ReadEncodedTile(tiff, tile, buffer, -1) < (long)tileWidth * tileHeight * c * sizeof(T))
                {
                    throw new ImageFileException(path, $"corrupt or truncated TIFF: tile at ({left}, {top}) unreadable ({LibTiff.TakeLastError()})");
                }
                var rows = Math.Min(tileHeight, raster.Height - top);
                var columns = Math.Min(tileWidth, raster.Width - left) * c;
                for (var r = 0; r < rows; r++)
                {
                    samples.Slice(r * tileWidth * c, columns).CopyTo(raster.Row(top + r).Slice(left * c, columns));
                }
            }
        }
    }

    private static unsafe Raster<byte> ReadRgba(string path, IntPtr tiff, uint width, uint height, int photometric, int samples, long maxPixels)
    {
        var message = stackalloc byte[1024];
        if (LibTiff.RgbaImageOk(tiff, message) == 0)
        {
            var reason = Marshal.PtrToStringUTF8((IntPtr)message) ?? "unknown reason";
            throw new ImageFileException(path, $"TIFF layout is not supported ({reason})");
        }
        var grey = photometric is LibTiff.PhotometricMinIsBlack or LibTiff.PhotometricMinIsWhite;
        var alpha = grey ? samples >= 2 : photometric == LibTiff.PhotometricRgb && samples >= 4;
        var channels = (grey ? 1 : 3) + (alpha ? 1 : 0);
        DecodeLimits.Check(path, width, height, 4, maxPixels);
        var pixels = ArrayPool<uint>.Shared.Rent(checked((int)(width * height)));
        try
        {
            fixed (uint* packed = pixels)
            {
                if (LibTiff.ReadRgbaImageOriented(tiff, width, height, packed, LibTiff.OrientationTopLeft, 1) == 0)
                {
                    throw new ImageFileException(path, $"corrupt or truncated TIFF ({LibTiff.TakeLastError()})");
                }
            }
            var raster = Raster<byte>.CreateUninitialized((int)width, (int)height, channels);
            for (var y = 0; y < raster.Height; y++)
            {
                var row = raster.Row(y);
                var from = pixels.AsSpan(y * raster.Width, raster.Width);
                for (var x = 0; x < from.Length; x++)
                {
                    // TIFFRGBAImage packs each pixel as A<<24 | B<<16 | G<<8 | R.
                    var p = from[x];
                    var at = x * channels;
                    row[at] = (byte)p;
                    if (!grey)
                    {
                        row[at + 1] = (byte)(p >> 8);
                        row[at + 2] = (byte)(p >> 16);
                    }
                    if (alpha)
                    {
                        row[at + channels - 1] = (byte)(p >> 24);
                    }
                }
            }
            return raster;
        }
        finally
        {
            ArrayPool<uint>.Shared.Return(pixels);
        }
    }

    private static unsafe uint GetU32(IntPtr tiff, uint tag, uint fallback)
    {
        uint value;
        return LibTiff.GetField(tiff, tag, &value) != 0 ? value : fallback;
    }

    private static unsafe ushort GetU16(IntPtr tiff, uint tag, ushort fallback)
    {
        ushort value;
        return LibTiff.GetField(tiff, tag, &value) != 0 ? value : fallback;
    }
}
