using RootSeg.Imaging.Synthesis;

namespace RootSeg.Imaging.Tests.Synthesis;

public sealed class RootPhotoSynthesizerTests
{
    private static readonly RootPhotoOptions Small = new() { Width = 160, Height = 128 };

    [Fact]
    public void SameSeedGivesIdenticalBytes()
    {
        var synthesizer = new RootPhotoSynthesizer(Small with { Seed = 42 });
        using var first = synthesizer.Generate();
        using var second = new RootPhotoSynthesizer(Small with { Seed = 42 }).Generate();

        Assert.True(SynthesisAssert.SameSamples(first.Photo, second.Photo));
        Assert.True(SynthesisAssert.SameSamples(first.Mask, second.Mask));
        Assert.Equal(first.TrueLength, second.TrueLength);
        Assert.Equal(first.RootCount, second.RootCount);
    }

    [Fact]
    public void GenerateWithSeedMatchesOptionsSeed()
    {
        using var fromOptions = new RootPhotoSynthesizer(Small with { Seed = 7 }).Generate();
        using var fromArgument = new RootPhotoSynthesizer(Small).Generate(7);

        Assert.True(SynthesisAssert.SameSamples(fromOptions.Photo, fromArgument.Photo));
        Assert.True(SynthesisAssert.SameSamples(fromOptions.Mask, fromArgument.Mask));
    }

    [Fact]
    public void DifferentSeedsGiveDifferentPhotosAndMasks()
    {
        var synthesizer = new RootPhotoSynthesizer(Small);
        using var a = synthesizer.Generate(1);
        using var b = synthesizer.Generate(2);

        Assert.False(SynthesisAssert.SameSamples(a.Photo, b.Photo));
        Assert.False(SynthesisAssert.SameSamples(a.Mask, b.Mask));
        Assert.NotEqual(a.TrueLength, b.TrueLength);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(97, 61)]
    [InlineData(33, 200)]
    public void SizesAreRespected(int width, int height)
    {
        using var photo = new RootPhotoSynthesizer(new RootPhotoOptions { Width = width, Height = height }).Generate(3);

        Assert.Equal((width, height, 3), (photo.Photo.Width, photo.Photo.Height, photo.Photo.Channels));
        Assert.Equal((width, height, 1), (photo.Mask.Width, photo.Mask.Height, photo.Mask.Channels));
    }

    [Fact]
    public void MasksAreBinaryAndHoldRoots()
    {
        var synthesizer = new RootPhotoSynthesizer(Small);
        for (var seed = 0; seed < 6; seed++)
        {
            using var photo = synthesizer.Generate(seed);
            var ones = SynthesisAssert.Count(photo.Mask, 1);
            var zeros = SynthesisAssert.Count(photo.Mask, 0);

            Assert.Equal((long)Small.Width * Small.Height, ones + zeros);
            Assert.True(ones > 0, $"seed {seed}: empty mask");
            Assert.True(photo.TrueLength > 0, $"seed {seed}: zero length");
        }
    }

    [Fact]
    public void RootFractionIsRealisticAtTheDefaultSize()
    {
        var synthesizer = new RootPhotoSynthesizer(new RootPhotoOptions());
        for (var seed = 0; seed < 8; seed++)
        {
            using var photo = synthesizer.Generate(seed);
            var fraction = SynthesisAssert.Count(photo.Mask, 1) / (double)(photo.Mask.Width * photo.Mask.Height);

            Assert.InRange(fraction, 0.005, 0.10);
        }
    }

    [Fact]
    public void RootsAreLighterThanSoil()
    {
        var synthesizer = new RootPhotoSynthesizer(new RootPhotoOptions { Width = 256, Height = 256 });
        for (var seed = 0; seed < 4; seed++)
        {
            using var photo = synthesizer.Generate(seed);
            double root = 0, soil = 0;
            long roots = 0, soils = 0;
            for (var y = 0; y < photo.Mask.Height; y++)
            {
                for (var x = 0; x < photo.Mask.Width; x++)
                {
                    if (photo.Mask[x, y] == 1)
                    {
                        root += SynthesisAssert.Luma(photo.Photo, x, y);
                        roots++;
                    }
                    else
                    {
                        soil += SynthesisAssert.Luma(photo.Photo, x, y);
                        soils++;
                    }
                }
            }

            // Real minirhizotron roots are markedly lighter than the soil; a margin of 40 grey levels keeps the
            // task learnable without making it trivial.
            Assert.True(root / roots > soil / soils + 40, $"seed {seed}: root {root / roots:F0}, soil {soil / soils:F0}");
        }
    }

    [Fact]
    public void NoRootsGiveAnEmptyMaskAndZeroLength()
    {
        using var photo = new RootPhotoSynthesizer(Small with { MinRoots = 0, MaxRoots = 0 }).Generate(5);

        Assert.Equal(0, SynthesisAssert.Count(photo.Mask, 1));
        Assert.Equal(0.0, photo.TrueLength);
        Assert.Equal(0.0, photo.MeanRootWidth);
        Assert.Equal(0, photo.RootCount);
    }

    [Fact]
    public void WidthsStayWithinTheRange()
    {
        var options = Small with { MinRootWidth = 3, MaxRootWidth = 5 };
        var synthesizer = new RootPhotoSynthesizer(options);
        for (var seed = 0; seed < 4; seed++)
        {
            using var photo = synthesizer.Generate(seed);

            Assert.InRange(photo.MeanRootWidth, 3.0, 5.0);
        }
    }

    [Fact]
    public void NullOptionsAreRejected()
    {
        var error = Assert.Throws<ArgumentNullException>(() => new RootPhotoSynthesizer(null!));

        Assert.Equal("options", error.ParamName);
    }
}
