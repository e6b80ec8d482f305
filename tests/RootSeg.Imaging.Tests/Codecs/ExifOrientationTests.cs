using RootSeg.Imaging.Codecs.Jpeg;

namespace RootSeg.Imaging.Tests.Codecs;

/// <summary>The Exif parser against hand-built APP1 segments; the fixtures (orientation1..8.jpg) cover decoding.</summary>
public sealed class ExifOrientationTests
{
    private static byte[] Jpeg(byte[] tiff)
    {
        var payload = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var length = payload.Length + 2;
        return new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0xFF, 0xE1, (byte)(length >> 8), (byte)length }
            .Concat(payload).Concat(new byte[] { 0xFF, 0xDA, 0x00, 0x02, 0xFF, 0xD9 }).ToArray();
    }

    private static byte[] Tiff(bool little, ushort tag, ushort type, uint count, ushort value, uint ifdOffset = 8)
    {
        byte[] U16(ushort v) => little ? [(byte)v, (byte)(v >> 8)] : [(byte)(v >> 8), (byte)v];
        byte[] U32(uint v) => little ? [(byte)v, (byte)(v >> 8), (byte)(v >> 16), (byte)(v >> 24)] : [(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v];
        var header = (little ? "II"u8.ToArray() : "MM"u8.ToArray()).Concat(U16(42)).Concat(U32(ifdOffset));
        var entry = U16(tag).Concat(U16(type)).Concat(U32(count)).Concat(U16(value)).Concat(new byte[2]);
        return header.Concat(U16(1)).Concat(entry).Concat(U32(0)).ToArray();
    }

    [Theory]
    [InlineData(true, 6)]
    [InlineData(false, 8)]
    [InlineData(false, 3)]
    public void ReadsTheTagInEitherByteOrder(bool little, int orientation)
    {
        Assert.Equal(orientation, ExifOrientation.Find(Jpeg(Tiff(little, 0x0112, 3, 1, (ushort)orientation))));
    }

    [Theory]
    [InlineData(0x0112, 3, 1, 9, 8)]
    [InlineData(0x0112, 3, 1, 0, 8)]
    [InlineData(0x0112, 4, 1, 6, 8)]
    [InlineData(0x0112, 3, 2, 6, 8)]
    [InlineData(0x0110, 3, 1, 6, 8)]
    [InlineData(0x0112, 3, 1, 6, 4000)]
    [InlineData(0x0112, 3, 1, 6, 2)]
    public void MalformedOrAbsentTagsMeanUpright(int tag, int type, int count, int value, int ifdOffset)
    {
        Assert.Equal(1, ExifOrientation.Find(Jpeg(Tiff(true, (ushort)tag, (ushort)type, (uint)count, (ushort)value, (uint)ifdOffset))));
    }

    [Fact]
    public void SegmentsRunningPastTheEndAreIgnored()
    {
        var jpeg = Jpeg(Tiff(true, 0x0112, 3, 1, 6));
        jpeg[10] = 0x7F;
        Assert.Equal(1, ExifOrientation.Find(jpeg));
        Assert.Equal(1, ExifOrientation.Find(jpeg.AsSpan(0, 14)));
        Assert.Equal(1, ExifOrientation.Find([0xFF, 0xD8]));
    }
}
