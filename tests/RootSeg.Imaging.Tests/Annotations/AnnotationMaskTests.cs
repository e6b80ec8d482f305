using RootSeg.Imaging.Annotations;
using RootSeg.Imaging.Codecs;
using RootSeg.Imaging.Rasters;
using RootSeg.Imaging.Tests.Codecs;

namespace RootSeg.Imaging.Tests.Annotations;

public sealed class AnnotationMaskTests
{
    public static TheoryData<string> Fixtures => IoFixtures.Names(f => f.Annotation);

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void DecodesFixturesLikeTheReference(string file)
    {
        var fixture = IoFixtures.Get(file);
        using var mask = AnnotationMask.Read(fixture.FilePath);
        var expected = fixture.ExpectedSamples();
        Assert.Equal((fixture.Width, fixture.Height), (mask.Width, mask.Height));
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal((AnnotationLabel)expected[i], mask[i % mask.Width, i / mask.Width]);
        }
        Assert.True(mask.Count(AnnotationLabel.Root) > 0);
    }

    private static AnnotationMask FromSamples(int width, int channels, params byte[] samples)
    {
        using var folder = new TempFolder();
        using var raster = new Raster<byte>(width, samples.Length / channels / width, channels);
        samples.CopyTo(raster.Data);
        var path = folder.File("a.png");
        ImageFile.Write(path, raster);
        return AnnotationMask.Read(path);
    }

    private static AnnotationLabel[] Labels(AnnotationMask mask) =>
        Enumerable.Range(0, mask.Width * mask.Height).Select(i => mask[i % mask.Width, i / mask.Width]).ToArray();

    [Fact]
    public void GreyIsRootFromOneHundredTwentyEight()
    {
        using var mask = FromSamples(4, 1, 0, 127, 128, 255);
        Assert.Equal([AnnotationLabel.Background, AnnotationLabel.Background, AnnotationLabel.Root, AnnotationLabel.Root], Labels(mask));
    }

    [Fact]
    public void ZeroOneImagesAreRootWhereOne()
    {
        using var mask = FromSamples(3, 1, 0, 1, 0);
        Assert.Equal([AnnotationLabel.Background, AnnotationLabel.Root, AnnotationLabel.Background], Labels(mask));
    }

    [Fact]
    public void JpegNoiseOfOneIsNotReadAsAZeroOneImage()
    {
        using var samples = new Raster<byte>(3, 1);
        new byte[] { 0, 1, 0 }.CopyTo(samples.Data);
        using var jpeg = new DecodedImage(ImageFormat.Jpeg, 8, samples.Clone());
        using var png = new DecodedImage(ImageFormat.Png, 8, samples.Clone());
        using var fromJpeg = AnnotationMask.Decode(jpeg);
        using var fromPng = AnnotationMask.Decode(png);
        Assert.Equal(0, fromJpeg.Count(AnnotationLabel.Root));
        Assert.Equal(AnnotationLabel.Root, fromPng[1, 0]);
    }

    [Fact]
    public void ColourMasksUseTheLargestChannel()
    {
        using var mask = FromSamples(3, 3, 200, 0, 0, 90, 100, 110, 0, 0, 0);
        Assert.Equal([AnnotationLabel.Root, AnnotationLabel.Background, AnnotationLabel.Background], Labels(mask));
    }

    [Fact]
    public void OpaqueRgbaIsAnOrdinaryColourMask()
    {
        using var mask = FromSamples(2, 4, 255, 255, 255, 255, 0, 0, 0, 255);
        Assert.Equal([AnnotationLabel.Root, AnnotationLabel.Background], Labels(mask));
    }

    [Fact]
    public void RootPainterRgbaMarksUnlabelledPixels()
    {
        using var mask = FromSamples(4, 4, 255, 0, 0, 180, 0, 255, 0, 180, 255, 0, 0, 0, 0, 0, 0, 180);
        Assert.Equal([AnnotationLabel.Root, AnnotationLabel.Background, AnnotationLabel.Unlabelled, AnnotationLabel.Unlabelled], Labels(mask));
    }

    [Fact]
    public void GreyAlphaIsUnlabelledWhereTransparent()
    {
        using var mask = FromSamples(3, 2, 255, 255, 255, 0, 0, 255);
        Assert.Equal([AnnotationLabel.Root, AnnotationLabel.Unlabelled, AnnotationLabel.Background], Labels(mask));
    }

    [Fact]
    public void SixteenBitMasksUseHalfTheirRange()
    {
        using var folder = new TempFolder();
        using var raster = new Raster<ushort>(3, 1);
        new ushort[] { 32767, 32768, 65535 }.CopyTo(raster.Data);
        ImageFile.Write(folder.File("m16.png"), raster);
        using var mask = AnnotationMask.Read(folder.File("m16.png"));
        Assert.Equal([AnnotationLabel.Background, AnnotationLabel.Root, AnnotationLabel.Root], Labels(mask));
    }

    [Fact]
    public void ASizeDifferentFromThePhotoNamesTheFileAndBothSizes()
    {
        var path = IoFixtures.PathOf("rootpainter.png");
        var error = Assert.Throws<ImageFileException>(() => AnnotationMask.Read(path, 41, 24));
        Assert.Equal(path, error.Path);
        Assert.Contains("40x24", error.Message);
        Assert.Contains("41x24", error.Message);
        using var fits = AnnotationMask.Read(path, 40, 24);
        Assert.Equal(40, fits.Width);
    }

    [Fact]
    public void FromLabelsValidatesAndCopies()
    {
        using var labels = new Raster<byte>(3, 1);
        new byte[] { 0, 1, 255 }.CopyTo(labels.Data);
        using var mask = AnnotationMask.FromLabels(labels);
        labels.Data[0] = 1;
        Assert.Equal(AnnotationLabel.Background, mask[0, 0]);
        Assert.Equal(1, mask.Count(AnnotationLabel.Unlabelled));
        labels.Data[1] = 2;
        Assert.Equal("labels", Assert.Throws<ArgumentException>(() => AnnotationMask.FromLabels(labels)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => mask[0, 1]);
    }
}
