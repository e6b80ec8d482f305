using RootSeg.Imaging.Codecs;

namespace RootSeg.Imaging.Tests.Codecs;

/// <summary>Every unreadable input gives one <see cref="ImageFileException"/> naming the file, never a crash.</summary>
public sealed class CorruptFileTests
{
    public static TheoryData<string> Samples => new() { "photo420.jpg", "progressive.jpg", "rgb8.png", "grey16.png", "palette.png",
        "rgb8_strips_deflate.tif", "grey16_tiles.tif", "rgba8_tiles.tif", "palette.tif" };

    private static ImageFileException AssertRefused(string path)
    {
        var error = Assert.Throws<ImageFileException>(() => ImageFile.Read(path).Dispose());
        Assert.Equal(path, error.Path);
        Assert.StartsWith(path, error.Message);
        return error;
    }

    [Fact]
    public void EmptyFile()
    {
        using var folder = new TempFolder();
        var path = folder.File("empty.png");
        File.WriteAllBytes(path, []);
        Assert.Contains("empty", AssertRefused(path).Problem);
    }

    [Fact]
    public void RandomBytes()
    {
        using var folder = new TempFolder();
        var path = folder.File("noise.jpg");
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        bytes[0] = 0x00;
        File.WriteAllBytes(path, bytes);
        Assert.Contains("signature", AssertRefused(path).Problem);
    }

    [Fact]
    public void TextWithAnImageExtension()
    {
        using var folder = new TempFolder();
        var path = folder.File("notes.png");
        File.WriteAllText(path, "not an image at all\n");
        AssertRefused(path);
    }

    [Fact]
    public void MissingFile()
    {
        using var folder = new TempFolder();
        var path = folder.File("absent.jpg");
        Assert.Contains("no such file", AssertRefused(path).Problem);
        Assert.Contains("no such folder", AssertRefused(Path.Combine(folder.Path, "gone", "absent.jpg")).Problem);
    }

    [Fact]
    public void DirectoryPath()
    {
        using var folder = new TempFolder();
        Assert.Contains("directory", AssertRefused(folder.Path).Problem);
    }

    [Fact]
    public void SixteenBitPngWithAlphaIsRefusedAsUnsupported()
    {
        // libpng's simplified API returns such images premultiplied, which would silently alter them.
        var path = IoFixtures.PathOf("rgba16_unsupported.png");
        Assert.Contains("16-bit", AssertRefused(path).Problem);
    }

    [Fact]
    public void HeaderOnlyJpegIsRefused()
    {
        using var folder = new TempFolder();
        var path = folder.File("soi.jpg");
        File.WriteAllBytes(path, [0xFF, 0xD8, 0xFF, 0xD9]);
        AssertRefused(path);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void TruncatedFilesAreRefused(string file)
    {
        using var folder = new TempFolder();
        var whole = File.ReadAllBytes(IoFixtures.PathOf(file));
        foreach (var length in new[] { 1, 2, 3, 4, 8, 16, 30, whole.Length / 4, whole.Length / 2, 3 * whole.Length / 4, whole.Length - 16 })
        {
            var path = folder.File($"cut{length}{Path.GetExtension(file)}");
            File.WriteAllBytes(path, whole[..length]);
            AssertRefused(path);
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void DamagedFilesNeverCrash(string file)
    {
        // Random cuts and byte changes: the reader may still decode some (a change inside pixel data can be valid),
        // but anything it refuses must be refused with the domain exception.
        using var folder = new TempFolder();
        var whole = File.ReadAllBytes(IoFixtures.PathOf(file));
        var random = new Random(file.Length);
        for (var trial = 0; trial < 60; trial++)
        {
            var bytes = trial % 2 == 0 ? whole[..random.Next(1, whole.Length)] : (byte[])whole.Clone();
            if (trial % 2 == 1)
            {
                for (var k = 0; k < 1 + trial % 5; k++)
                {
                    bytes[random.Next(4, bytes.Length)] = (byte)random.Next(256);
                }
            }
            var path = folder.File($"damaged{trial}{Path.GetExtension(file)}");
            File.WriteAllBytes(path, bytes);
            try
            {
                using var image = ImageFile.Read(path);
                Assert.True(image.Width > 0 && image.Height > 0);
            }
            catch (ImageFileException e)
            {
                Assert.Equal(path, e.Path);
            }
        }
    }
}
