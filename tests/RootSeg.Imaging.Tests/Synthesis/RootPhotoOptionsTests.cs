using RootSeg.Imaging.Synthesis;

namespace RootSeg.Imaging.Tests.Synthesis;

public sealed class RootPhotoOptionsTests
{
    public static TheoryData<string, RootPhotoOptions> BadOptions => new()
    {
        { nameof(RootPhotoOptions.Width), new RootPhotoOptions { Width = 0 } },
        { nameof(RootPhotoOptions.Width), new RootPhotoOptions { Width = RootPhotoOptions.MaxSide + 1 } },
        { nameof(RootPhotoOptions.Height), new RootPhotoOptions { Height = -5 } },
        { nameof(RootPhotoOptions.MinRoots), new RootPhotoOptions { MinRoots = -1 } },
        { nameof(RootPhotoOptions.MaxRoots), new RootPhotoOptions { MinRoots = 4, MaxRoots = 3 } },
        { nameof(RootPhotoOptions.MinRootWidth), new RootPhotoOptions { MinRootWidth = 0.5 } },
        { nameof(RootPhotoOptions.MinRootWidth), new RootPhotoOptions { MinRootWidth = double.NaN } },
        { nameof(RootPhotoOptions.MaxRootWidth), new RootPhotoOptions { MinRootWidth = 5, MaxRootWidth = 4 } },
        { nameof(RootPhotoOptions.MaxRootWidth), new RootPhotoOptions { MaxRootWidth = double.PositiveInfinity } },
        { nameof(RootPhotoOptions.BranchProbability), new RootPhotoOptions { BranchProbability = 1.5 } },
        { nameof(RootPhotoOptions.BranchProbability), new RootPhotoOptions { BranchProbability = -0.1 } },
        { nameof(RootPhotoOptions.PebbleCount), new RootPhotoOptions { PebbleCount = -1 } },
        { nameof(RootPhotoOptions.ScratchCount), new RootPhotoOptions { ScratchCount = 10001 } },
        { nameof(RootPhotoOptions.BlurSigma), new RootPhotoOptions { BlurSigma = -1 } },
        { nameof(RootPhotoOptions.NoiseSigma), new RootPhotoOptions { NoiseSigma = 100 } },
        { nameof(RootPhotoOptions.Vignette), new RootPhotoOptions { Vignette = 1 } },
        { nameof(RootPhotoOptions.SoilPalette), new RootPhotoOptions { SoilPalette = [new RgbColor(1, 2, 3)] } },
        { nameof(RootPhotoOptions.SoilPalette), new RootPhotoOptions { SoilPalette = null! } },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void BadOptionsAreRejectedWithTheirName(string name, RootPhotoOptions options)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => new RootPhotoSynthesizer(options));

        Assert.Equal(name, error.ParamName);
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultsAreValid()
    {
        new RootPhotoOptions().Validate();
    }

    [Fact]
    public void EdgeValuesAreAccepted()
    {
        new RootPhotoOptions
        {
            Width = 1, Height = RootPhotoOptions.MaxSide, MinRoots = 0, MaxRoots = 0, MinRootWidth = 1,
            MaxRootWidth = 1, BranchProbability = 1, PebbleCount = 0, ScratchCount = 0, BlurSigma = 0,
            NoiseSigma = 0, Vignette = 0.9,
        }.Validate();
    }
}
