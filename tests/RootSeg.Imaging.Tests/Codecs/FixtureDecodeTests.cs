using RootSeg.Imaging.Codecs;

namespace RootSeg.Imaging.Tests.Codecs;

/// <summary>Every fixture decodes to the reference decoder's pixels, within the manifest's stated tolerance.</summary>
public sealed class FixtureDecodeTests
{
    public static TheoryData<string> Images => IoFixtures.Names(f => !f.Annotation && f.Conversion is null);

    [Theory]
    [MemberData(nameof(Images))]
    public void DecodesLikeTheReference(string file)
    {
        var fixture = IoFixtures.Get(file);
        using var image = ImageFile.Read(fixture.FilePath);
        Assert.Equal((fixture.Width, fixture.Height, fixture.Channels), (image.Width, image.Height, image.Channels));
        Assert.Equal(fixture.DType == "u16", image.Is16Bit);
        if (fixture.BitDepth is { } depth)
        {
            Assert.Equal(depth, image.BitDepth);
        }
        var expected = fixture.ExpectedSamples();
        var worst = 0.0;
        var at = 0;
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width * image.Channels; x++, at++)
            {
                double actual = image.Is16Bit ? image.Samples16.Row(y)[x] : image.Samples8.Row(y)[x];
                worst = Math.Max(worst, Math.Abs(actual - expected[at]));
            }
        }
        Assert.Equal(expected.Length, at);
        Assert.True(worst <= fixture.Tolerance, $"{file}: largest difference {worst} from {fixture.Reference} exceeds {fixture.Tolerance}");
    }

    [Fact]
    public void FormatIsTakenFromTheSignatureNotTheExtension()
    {
        using var folder = new TempFolder();
        var disguised = folder.File("really_a_png.jpg");
        File.Copy(IoFixtures.PathOf("rgb8.png"), disguised);
        using var image = ImageFile.Read(disguised);
        using var original = ImageFile.Read(IoFixtures.PathOf("rgb8.png"));
        Assert.Equal(ImageFormat.Png, image.Format);
        Assert.True(image.Samples8.Data.SequenceEqual(original.Samples8.Data));
    }

    [Theory]
    [InlineData("rgb16_strips.tif", 3)]
    [InlineData("grey8.png", 1)]
    [InlineData("rgba8.png", 4)]
    public void ReadRgbGivesThreeChannelsOfTheSameScene(string file, int channels)
    {
        using var image = ImageFile.Read(IoFixtures.PathOf(file));
        using var rgb = ImageFile.ReadRgb(IoFixtures.PathOf(file));
        Assert.Equal(channels, image.Channels);
        Assert.Equal(3, rgb.Channels);
        for (var x = 0; x < image.Width; x += 7)
        {
            int expectedRed = image.Is16Bit ? image.Samples16[x, 5, 0] >> 8 : image.Samples8[x, 5, 0];
            Assert.Equal(expectedRed, rgb[x, 5, 0]);
            Assert.Equal(channels == 1 ? expectedRed : image.Is16Bit ? image.Samples16[x, 5, 2] >> 8 : image.Samples8[x, 5, 2], rgb[x, 5, 2]);
        }
    }

    [Fact]
    public void ReadGreyOfAGreyFileIsTheFileItself()
    {
        using var image = ImageFile.Read(IoFixtures.PathOf("grey8.png"));
        using var grey = ImageFile.ReadGrey(IoFixtures.PathOf("grey8.png"));
        Assert.True(grey.Data.SequenceEqual(image.Samples8.Data));
    }
}
