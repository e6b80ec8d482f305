using RootSeg.Imaging.Codecs;

namespace RootSeg.Imaging.Tests.Codecs;

public sealed class JpegRoundTripTests
{
    // Quality 95 without chroma subsampling on a smooth scene: JPEG's loss stays within a few levels.
    private const double MeanTolerance = 1.0;
    private const int MaxTolerance = 4;

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void QualityNinetyFiveRoundTripIsClose(int channels)
    {
        using var folder = new TempFolder();
        using var raster = Scenes.Smooth(32, 24, channels);
        var path = folder.File("out.jpg");
        ImageFile.Write(path, raster, new ImageWriteOptions { JpegQuality = 95 });
        using var back = ImageFile.Read(path);
        Assert.Equal(ImageFormat.Jpeg, back.Format);
        Assert.Equal((32, 24, channels), (back.Width, back.Height, back.Channels));
        long total = 0;
        var worst = 0;
        for (var y = 0; y < raster.Height; y++)
        {
            for (var i = 0; i < raster.Width * channels; i++)
            {
                var d = Math.Abs(raster.Row(y)[i] - back.Samples8.Row(y)[i]);
                total += d;
                worst = Math.Max(worst, d);
            }
        }
        var mean = (double)total / (raster.Width * raster.Height * channels);
        Assert.True(mean <= MeanTolerance, $"mean error {mean}");
        Assert.True(worst <= MaxTolerance, $"largest error {worst}");
    }

    [Fact]
    public void LowerQualityMakesASmallerFile()
    {
        using var folder = new TempFolder();
        using var raster = Scenes.Bytes(64, 64, 3);
        ImageFile.Write(folder.File("q95.jpg"), raster, new ImageWriteOptions { JpegQuality = 95 });
        ImageFile.Write(folder.File("q30.jpg"), raster, new ImageWriteOptions { JpegQuality = 30 });
        Assert.True(new FileInfo(folder.File("q30.jpg")).Length < new FileInfo(folder.File("q95.jpg")).Length);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void QualityOutOfRangeIsRefused(int quality)
    {
        using var folder = new TempFolder();
        using var raster = Scenes.Bytes(4, 4, 3);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            ImageFile.Write(folder.File("q.jpg"), raster, new ImageWriteOptions { JpegQuality = quality }));
        Assert.Equal("options", error.ParamName);
        Assert.False(File.Exists(folder.File("q.jpg")));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void JpegTakesOneOrThreeChannels(int channels)
    {
        using var folder = new TempFolder();
        using var raster = Scenes.Bytes(4, 4, channels);
        Assert.Equal("raster", Assert.Throws<ArgumentException>(() => ImageFile.Write(folder.File("c.jpeg"), raster)).ParamName);
    }
}
