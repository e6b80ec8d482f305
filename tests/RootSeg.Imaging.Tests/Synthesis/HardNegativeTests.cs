using RootSeg.Imaging.Synthesis;

namespace RootSeg.Imaging.Tests.Synthesis;

/// <summary>Pebbles and scratches change the photo but never the mask or the length.</summary>
public sealed class HardNegativeTests
{
    private static readonly RootPhotoOptions Plain = new()
    {
        Width = 192, Height = 160, PebbleCount = 0, ScratchCount = 0, NoiseSigma = 0, BlurSigma = 0,
    };

    [Theory]
    [InlineData(12, 0)]
    [InlineData(0, 12)]
    [InlineData(12, 12)]
    public void MaskAndLengthIgnorePebblesAndScratches(int pebbles, int scratches)
    {
        for (var seed = 0; seed < 3; seed++)
        {
            using var without = new RootPhotoSynthesizer(Plain).Generate(seed);
            using var with = new RootPhotoSynthesizer(Plain with { PebbleCount = pebbles, ScratchCount = scratches })
                .Generate(seed);

            Assert.False(SynthesisAssert.SameSamples(without.Photo, with.Photo));
            Assert.True(SynthesisAssert.SameSamples(without.Mask, with.Mask));
            Assert.Equal(without.TrueLength, with.TrueLength);
        }
    }

    [Fact]
    public void ScratchesLightenPixelsOutsideTheMask()
    {
        using var without = new RootPhotoSynthesizer(Plain).Generate(4);
        using var with = new RootPhotoSynthesizer(Plain with { ScratchCount = 8 }).Generate(4);
        long lightened = 0;
        for (var y = 0; y < Plain.Height; y++)
        {
            for (var x = 0; x < Plain.Width; x++)
            {
                var change = SynthesisAssert.Luma(with.Photo, x, y) - SynthesisAssert.Luma(without.Photo, x, y);
                if (change > 10 && with.Mask[x, y] == 0)
                {
                    lightened++;
                }
            }
        }

        // Eight scratches of at least 0.3 x the diagonal each lighten hundreds of soil pixels.
        Assert.True(lightened > 200, $"only {lightened} soil pixels lightened");
    }
}
