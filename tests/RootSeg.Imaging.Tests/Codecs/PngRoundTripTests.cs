using RootSeg.Imaging.Codecs;
using RootSeg.Imaging.Rasters;

namespace RootSeg.Imaging.Tests.Codecs;

public sealed class PngRoundTripTests
{
    [Theory]
    [InlineData(1, 6)]
    [InlineData(2, 8)]
    [InlineData(3, 0)]
    [InlineData(4, 0)]
    [InlineData(3, 40)]
    public void EightBitRoundTripIsExact(int channels, int padding)
    {
        using var folder = new TempFolder();
        using var raster = Scenes.Bytes(13, 7, channels, padding == 0 ? 0 : 13 * channels + padding);
        var path = folder.File("out.png");
        ImageFile.Write(path, raster);
        using var back = ImageFile.Read(path);
        Assert.Equal(ImageFormat.Png, back.Format);
        Assert.Equal(8, back.BitDepth);
        Assert.True(Scenes.SameSamples(raster, back.Samples8));
        Assert.Equal(8, File.ReadAllBytes(path)[24]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void SixteenBitRoundTripIsExact(int channels)
    {
        using var folder = new TempFolder();
        using var raster = Scenes.Words(11, 5, channels, seed: channels);
        var path = folder.File("out16.png");
        ImageFile.Write(path, raster);
        using var back = ImageFile.Read(path);
        Assert.True(back.Is16Bit);
        Assert.True(Scenes.SameSamples(raster, back.Samples16));
        Assert.Equal(16, File.ReadAllBytes(path)[24]);
    }

    [Fact]
    public void BilevelIsWrittenAtOneBitAndReadsBackAsBlackAndWhite()
    {
        using var folder = new TempFolder();
        using var mask = new Raster<byte>(19, 6);
        for (var y = 0; y < mask.Height; y++)
        {
            for (var x = 0; x < mask.Width; x++)
            {
                mask[x, y] = (byte)((x + 2 * y) % 3 == 0 ? 1 + x : 0);
            }
        }
        var path = folder.File("mask.png");
        ImageFile.Write(path, mask, new ImageWriteOptions { Bilevel = true });
        var header = File.ReadAllBytes(path);
        Assert.Equal(1, header[24]);
        using var back = ImageFile.Read(path);
        Assert.Equal(1, back.BitDepth);
        for (var y = 0; y < mask.Height; y++)
        {
            for (var x = 0; x < mask.Width; x++)
            {
                Assert.Equal(mask[x, y] == 0 ? 0 : 255, back.Samples8[x, y]);
            }
        }
    }

    [Fact]
    public void BilevelNeedsOneChannel()
    {
        using var folder = new TempFolder();
        using var rgb = Scenes.Bytes(4, 4, 3);
        var error = Assert.Throws<ArgumentException>(() => ImageFile.Write(folder.File("x.png"), rgb, new ImageWriteOptions { Bilevel = true }));
        Assert.Equal("raster", error.ParamName);
    }

    [Fact]
    public void WriteReplacesAnExistingFileAndLeavesNoTemporaryFile()
    {
        using var folder = new TempFolder();
        var path = folder.File("same.png");
        using (var first = Scenes.Bytes(5, 5, 3))
        {
            ImageFile.Write(path, first);
        }
        using var second = Scenes.Bytes(9, 2, 1);
        ImageFile.Write(path, second);
        using var back = ImageFile.Read(path);
        Assert.True(Scenes.SameSamples(second, back.Samples8));
        Assert.Equal(["same.png"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void SixteenBitOutputNeedsPngAndNoAlpha()
    {
        using var folder = new TempFolder();
        using var rgba = Scenes.Words(3, 3, 4, seed: 1);
        using var grey = Scenes.Words(3, 3, 1, seed: 2);
        Assert.Equal("raster", Assert.Throws<ArgumentException>(() => ImageFile.Write(folder.File("a.png"), rgba)).ParamName);
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => ImageFile.Write(folder.File("a.jpg"), grey)).ParamName);
    }
}
