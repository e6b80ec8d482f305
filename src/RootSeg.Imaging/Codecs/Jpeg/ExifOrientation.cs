using System.Buffers.Binary;

namespace RootSeg.Imaging.Codecs.Jpeg;

/// <summary>
/// Finds the Orientation tag (274) of a JPEG's Exif block: the APP1 segment that starts "Exif\0\0" and holds a TIFF
/// header and IFD0 (Exif 2.32, JEITA CP-3451E, sections 4.5.4 and 4.6.2). Every offset is checked against the
/// segment's bounds; anything malformed counts as "no orientation" (1), as cameras and viewers treat it.
/// </summary>
internal static class ExifOrientation
{
    private const int OrientationTag = 0x0112;
    private const int TypeShort = 3;

    /// <summary>The orientation, 1 to 8, of the JPEG stream in <paramref name="jpeg"/>; 1 when absent or invalid.</summary>
    public static int Find(ReadOnlySpan<byte> jpeg)
    {
        var at = 2;
        while (at + 4 <= jpeg.Length)
        {
            if (jpeg[at] != 0xFF)
            {
                return 1;
            }
            var marker = jpeg[at + 1];
            if (marker == 0xFF)
            {
                at++;
                continue;
            }
            // Start of scan, end of image, or a standalone marker: the metadata segments are all behind us.
            if (marker is 0xDA or 0xD9 || marker is >= 0xD0 and <= 0xD7 || marker == 0x01)
            {
                return 1;
            }
            var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg.Slice(at + 2, 2));
            if (length < 2 || at + 2 + length > jpeg.Length)
            {
                return 1;
            }
            var segment = jpeg.Slice(at + 4, length - 2);
            if (marker == 0xE1 && segment.StartsWith("Exif\0\0"u8))
            {
                return FromTiff(segment[6..]);
            }
            at += 2 + length;
        }
        return 1;
    }

    /// <summary>The Orientation of IFD0 of the TIFF structure in <paramref name="tiff"/>; 1 when absent or invalid.</summary>
    internal static int FromTiff(ReadOnlySpan<byte> tiff)
    {
        if (tiff.Length < 8)
        {
            return 1;
        }
        bool little;
        if (tiff[0] == (byte)'I' && tiff[1] == (byte)'I')
        {
            little = true;
        }
        else if (tiff[0] == (byte)'M' && tiff[1] == (byte)'M')
        {
            little = false;
        }
        else
        {
            return 1;
        }
        if (ReadU16(tiff, 2, little) != 42)
        {
            return 1;
        }
        var ifd = ReadU32(tiff, 4, little);
        if (ifd < 8 || ifd > (uint)tiff.Length - 2)
        {
            return 1;
        }
        var count = ReadU16(tiff, (int)ifd, little);
        var entries = (int)ifd + 2;
        for (var i = 0; i < count; i++)
        {
            var entry = entries + 12 * i;
            if (entry + 12 > tiff.Length)
            {
                return 1;
            }
            if (ReadU16(tiff, entry, little) != OrientationTag)
            {
                continue;
            }
            if (ReadU16(tiff, entry + 2, little) != TypeShort || ReadU32(tiff, entry + 4, little) != 1)
            {
                return 1;
            }
            var value = ReadU16(tiff, entry + 8, little);
            return value is >= 1 and <= 8 ? value : 1;
        }
        return 1;
    }

    private static ushort ReadU16(ReadOnlySpan<byte> s, int at, bool little) => little
        ? BinaryPrimitives.ReadUInt16LittleEndian(s.Slice(at, 2))
        : BinaryPrimitives.ReadUInt16BigEndian(s.Slice(at, 2));

    private static uint ReadU32(ReadOnlySpan<byte> s, int at, bool little) => little
        ? BinaryPrimitives.ReadUInt32LittleEndian(s.Slice(at, 4))
        : BinaryPrimitives.ReadUInt32BigEndian(s.Slice(at, 4));
}
