using System.Buffers.Binary;
using RootSeg.Imaging.Codecs;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Imaging.Tests.Codecs;

/// <summary>
/// Image sizes are checked from the header against <see cref="ImageReadOptions.MaxPixels"/> before the pixels are
/// allocated: a header claiming 26000 x 26000 pixels must fail at once, with little memory taken.
/// </summary>
public sealed class HeaderLimitTests : IDisposable
{
    private const int Huge = 26000;
    private readonly string _folder = Directory.CreateTempSubdirectory("rootseg-limits-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private byte[] Encoded(string extension)
    {
        var path = Path.Combine(_folder, "source" + extension);
        using var raster = new Raster<byte>(16, 12, 3);
        new Random(1).NextBytes(raster.Data);
        ImageFile.Write(path, raster);
        return File.ReadAllBytes(path);
    }

    private static void AssertRefusedWithoutAllocating(string path)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<ImageFileException>(() => ImageFile.Read(path));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(path, error.Path);
        Assert.Contains($"{Huge}x{Huge} pixels", error.Problem);
        Assert.Contains("over the limit of 200 megapixels", error.Problem);
        Assert.True(allocated < 16 << 20, $"{allocated} bytes were allocated before the refusal");
    }

    [Fact]
    public void JpegFrameHeaderIsCheckedBeforeDecoding()
    {
        var jpeg = Encoded(".jpg");
        var sof = Enumerable.Range(2, jpeg.Length - 10).First(i => jpeg[i] == 0xFF && jpeg[i + 1] == 0xC0);
        BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(sof + 5), Huge);
        BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(sof + 7), Huge);
        var path = Path.Combine(_folder, "huge.jpg");
        File.WriteAllBytes(path, jpeg);
        AssertRefusedWithoutAllocating(path);
    }

    [Fact]
    public void PngHeaderIsCheckedBeforeDecoding()
    {
        var png = Encoded(".png");
        // IHDR: length (4) and type (4) at byte 8, then width and height; its CRC covers type and data.
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(16), Huge);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(20), Huge);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), Crc32(png.AsSpan(12, 17)));
        var path = Path.Combine(_folder, "huge.png");
        File.WriteAllBytes(path, png);
        AssertRefusedWithoutAllocating(path);
    }

    [Fact]
    public void TiffTagsAreCheckedBeforeDecoding()
    {
        // A little-endian TIFF with one 8-bit grey strip whose tags claim 26000 x 26000 pixels.
        (ushort Tag, ushort Type, uint Value)[] entries =
        [
            (256, 4, Huge), (257, 4, Huge), (258, 3, 8), (259, 3, 1), (262, 3, 1), (273, 4, 8 + 2 + 9 * 12 + 4),
            (277, 3, 1), (278, 4, Huge), (279, 4, 64),
        ];
        var tiff = new byte[8 + 2 + entries.Length * 12 + 4 + 64];
        "II"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(2), 42);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(4), 8);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(8), (ushort)entries.Length);
        for (var i = 0; i < entries.Length; i++)
        {
            var at = 10 + i * 12;
            BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at), entries[i].Tag);
            BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at + 2), entries[i].Type);
            BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(at + 4), 1);
            if (entries[i].Type == 3)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at + 8), (ushort)entries[i].Value);
            }
            else
            {
                BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(at + 8), entries[i].Value);
            }
        }
        var path = Path.Combine(_folder, "huge.tif");
        File.WriteAllBytes(path, tiff);
        AssertRefusedWithoutAllocating(path);
    }

    [Fact]
    public void TheLimitIsAnOption()
    {
        var path = Path.Combine(_folder, "small.png");
        File.WriteAllBytes(path, Encoded(".png"));
        using (var image = ImageFile.Read(path))
        {
            Assert.Equal(16, image.Width);
        }
        var error = Assert.Throws<ImageFileException>(() => ImageFile.ReadRgb(path, new ImageReadOptions { MaxPixels = 191 }));
        Assert.Contains("over the limit", error.Problem);
        using var grey = ImageFile.ReadGrey(path, new ImageReadOptions { MaxPixels = 192 });
        Assert.Equal(12, grey.Height);
        Assert.Throws<ArgumentOutOfRangeException>(() => ImageFile.Read(path, new ImageReadOptions { MaxPixels = 0 }));
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }
        return ~crc;
    }
}
