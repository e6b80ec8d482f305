using RootSeg.Imaging.Synthesis;

namespace RootSeg.Imaging.Tests.Synthesis;

/// <summary>The true length agrees with the mask: a band of width w and length L covers about w x L pixels.</summary>
public sealed class TrueLengthTests
{
    [Theory]
    [InlineData(2.0)]
    [InlineData(4.0)]
    [InlineData(7.0)]
    public void ConstantWidthAreaOverWidthMatchesLength(double width)
    {
        // Few roots and no branching keep crossings rare: where roots overlap the area counts once but the length
        // twice, so the ratio falls a little below 1; the round caps at the ends add a little.
        var synthesizer = new RootPhotoSynthesizer(new RootPhotoOptions
        {
            Width = 256, Height = 256, MinRoots = 2, MaxRoots = 3, BranchProbability = 0,
            MinRootWidth = width, MaxRootWidth = width,
        });
        for (var seed = 0; seed < 4; seed++)
        {
            using var photo = synthesizer.Generate(seed);
            var area = SynthesisAssert.Count(photo.Mask, 1);

            Assert.Equal(width, photo.MeanRootWidth, 1e-4);
            Assert.InRange(area / width / photo.TrueLength, 0.85, 1.1);
        }
    }

    [Fact]
    public void BranchedTaperedRootsAreaOverMeanWidthMatchesLength()
    {
        var synthesizer = new RootPhotoSynthesizer(new RootPhotoOptions());
        for (var seed = 0; seed < 4; seed++)
        {
            using var photo = synthesizer.Generate(seed);
            var area = SynthesisAssert.Count(photo.Mask, 1);

            // Laterals start on their parent's centre line, inside it, and roots cross: the mask loses more to
            // overlaps than in the unbranched case.
            Assert.InRange(area / photo.MeanRootWidth / photo.TrueLength, 0.8, 1.1);
        }
    }
}
